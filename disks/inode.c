/* Inodes and file contents: ino.h's layout, ken/subr.c's bmap, itrunc.
 *
 * A small file lists its blocks in i_addr[0-7].  A large file (ILARG)
 * lists indirect blocks of 256 numbers there; i_addr[7] of a large file
 * is double indirect ("huge"), covering logical blocks from 7*256 on. */
#include "fsint.h"

#include <string.h>

/* ino.h: mode, nlink, uid, gid, size0, size1, addr[8], atime[2], mtime[2] */
enum { I_MODE = 0, I_NLINK = 2, I_UID = 3, I_GID = 4, I_SIZE0 = 5, I_SIZE1 = 6, I_ADDR = 8,
       I_ATIME = 24, I_MTIME = 28, INOSIZE = 32 };

enum { MAXBN = 077777 };	/* bmap's limit: 32768 blocks */

int is_special(uint16_t mode)
{
	return (mode & IFMT) == IFCHR || (mode & IFMT) == IFBLK;
}

static size_t ioffset(unsigned ino)
{
	return (size_t)(2 + (ino - 1) / 16) * V6_BSIZE + (ino - 1) % 16 * INOSIZE;
}

int v6fs_iget(struct v6fs *fs, unsigned ino, struct v6_inode *ip)
{
	if (ino < 1 || ino > ninodes(fs))
		return fs_fail(fs, "inode %u out of range (1-%u)", ino, ninodes(fs));
	const uint8_t *p = fs->img + ioffset(ino);
	ip->mode = (uint16_t)get16(p + I_MODE);
	ip->nlink = p[I_NLINK];
	ip->uid = p[I_UID];
	ip->gid = p[I_GID];
	ip->size = (uint32_t)p[I_SIZE0] << 16 | get16(p + I_SIZE1);
	for (int i = 0; i < 8; i++)
		ip->addr[i] = (uint16_t)get16(p + I_ADDR + 2 * i);
	ip->atime = get32(p + I_ATIME);
	ip->mtime = get32(p + I_MTIME);
	return 0;
}

int iput(struct v6fs *fs, unsigned ino, const struct v6_inode *ip)
{
	if (ino < 1 || ino > ninodes(fs))
		return fs_fail(fs, "inode %u out of range (1-%u)", ino, ninodes(fs));
	uint8_t *b = blk_w(fs, 2 + (ino - 1) / 16);
	if (!b)
		return -1;
	uint8_t *p = b + (ino - 1) % 16 * INOSIZE;
	put16(p + I_MODE, ip->mode);
	p[I_NLINK] = ip->nlink;
	p[I_UID] = ip->uid;
	p[I_GID] = ip->gid;
	p[I_SIZE0] = (uint8_t)(ip->size >> 16);
	put16(p + I_SIZE1, ip->size & 0xffff);
	for (int i = 0; i < 8; i++)
		put16(p + I_ADDR + 2 * i, ip->addr[i]);
	put32(p + I_ATIME, ip->atime);
	put32(p + I_MTIME, ip->mtime);
	return 0;
}

/* Word i of block nb: an indirect entry, allocated when zero and create. */
static int indirect(struct v6fs *fs, unsigned ino, unsigned nb, unsigned i, int create, unsigned *bno)
{
	if (!data_block_ok(fs, nb))
		return fs_fail(fs, "inode %u: bad indirect block %u", ino, nb);
	unsigned b = get16(fs->img + (size_t)nb * V6_BSIZE + 2 * i);
	if (b == 0 && create) {
		if (balloc(fs, &b) < 0)
			return -1;
		uint8_t *p = blk_w(fs, nb);
		if (!p)
			return -1;
		put16(p + 2 * i, b);
	}
	if (b != 0 && !data_block_ok(fs, b))
		return fs_fail(fs, "inode %u: bad block %u", ino, b);
	*bno = b;
	return 0;
}

/* Logical block bn of the file to a block number (0: a hole).  With
 * create, missing blocks are allocated and ip (not yet written) updated. */
int bmap(struct v6fs *fs, unsigned ino, struct v6_inode *ip, unsigned bn, int create, unsigned *bno)
{
	if (bn > MAXBN)
		return fs_fail(fs, "file too large (more than %u blocks)", MAXBN + 1);
	if (!(ip->mode & ILARG)) {
		if (bn < 8) {
			unsigned b = ip->addr[bn];
			if (b == 0 && create) {
				if (balloc(fs, &b) < 0)
					return -1;
				ip->addr[bn] = (uint16_t)b;
			}
			if (b != 0 && !data_block_ok(fs, b))
				return fs_fail(fs, "inode %u: bad block %u", ino, b);
			*bno = b;
			return 0;
		}
		if (!create) {
			*bno = 0;
			return 0;
		}
		/* Small to large: the eight addresses move to an indirect block. */
		unsigned nb;
		if (balloc(fs, &nb) < 0)
			return -1;
		uint8_t *p = blk_w(fs, nb);
		if (!p)
			return -1;
		for (int i = 0; i < 8; i++) {
			put16(p + 2 * i, ip->addr[i]);
			ip->addr[i] = 0;
		}
		ip->addr[0] = (uint16_t)nb;
		ip->mode |= ILARG;
	}
	unsigned i = bn >> 8;
	if (i > 7)
		i = 7;
	unsigned nb = ip->addr[i];
	if (nb == 0) {
		if (!create) {
			*bno = 0;
			return 0;
		}
		if (balloc(fs, &nb) < 0)
			return -1;
		ip->addr[i] = (uint16_t)nb;
	}
	if (i == 7) {
		if (indirect(fs, ino, nb, (bn >> 8) - 7, create, &nb) < 0)
			return -1;
		if (nb == 0) {
			*bno = 0;
			return 0;
		}
	}
	return indirect(fs, ino, nb, bn & 0377, create, bno);
}

long v6fs_read(struct v6fs *fs, unsigned ino, uint32_t off, void *buf, size_t n)
{
	struct v6_inode ip;
	if (v6fs_iget(fs, ino, &ip) < 0)
		return -1;
	if (is_special(ip.mode))
		return fs_fail(fs, "inode %u is a special file", ino);
	if (off >= ip.size)
		return 0;
	if (n > ip.size - off)
		n = ip.size - off;
	uint8_t *out = buf;
	for (size_t done = 0; done < n;) {
		uint32_t pos = off + (uint32_t)done;
		unsigned bno, boff = pos % V6_BSIZE;
		size_t len = V6_BSIZE - boff < n - done ? V6_BSIZE - boff : n - done;
		if (bmap(fs, ino, &ip, pos / V6_BSIZE, 0, &bno) < 0)
			return -1;
		if (bno)
			memcpy(out + done, fs->img + (size_t)bno * V6_BSIZE + boff, len);
		else
			memset(out + done, 0, len);
		done += len;
	}
	return (long)n;
}

/* Write n bytes at off, allocating blocks; ip is updated and written. */
long writei(struct v6fs *fs, unsigned ino, struct v6_inode *ip, uint32_t off, const void *buf, size_t n)
{
	if ((uint64_t)off + n > V6_MAXFILE)
		return fs_fail(fs, "file too large (%llu bytes; V6 files end at %u)",
			       (unsigned long long)off + n, V6_MAXFILE);
	const uint8_t *in = buf;
	for (size_t done = 0; done < n;) {
		uint32_t pos = off + (uint32_t)done;
		unsigned bno, boff = pos % V6_BSIZE;
		size_t len = V6_BSIZE - boff < n - done ? V6_BSIZE - boff : n - done;
		if (bmap(fs, ino, ip, pos / V6_BSIZE, 1, &bno) < 0)
			return -1;
		uint8_t *p = blk_w(fs, bno);
		if (!p)
			return -1;
		memcpy(p + boff, in + done, len);
		done += len;
	}
	if (off + n > ip->size)
		ip->size = off + (uint32_t)n;
	if (iput(fs, ino, ip) < 0)
		return -1;
	return (long)n;
}

/* Free the 256 blocks listed in nb, last first, and nb itself; with
 * depth 2 each listed block is itself an indirect block. */
static int free_indirect(struct v6fs *fs, unsigned ino, unsigned nb, int depth)
{
	if (!data_block_ok(fs, nb))
		return fs_fail(fs, "inode %u: bad indirect block %u", ino, nb);
	const uint8_t *p = fs->img + (size_t)nb * V6_BSIZE;
	for (int i = 255; i >= 0; i--) {
		unsigned b = get16(p + 2 * i);
		if (b == 0)
			continue;
		if (depth > 1 && free_indirect(fs, ino, b, depth - 1) < 0)
			return -1;
		if (depth == 1 && bfree(fs, b) < 0)
			return -1;
	}
	return bfree(fs, nb);
}

/* itrunc(): free every block, last address first, and make the file
 * small and empty.  Special files hold a device number, not blocks. */
int itrunc(struct v6fs *fs, unsigned ino, struct v6_inode *ip)
{
	if (is_special(ip->mode))
		return 0;
	for (int i = 7; i >= 0; i--) {
		unsigned b = ip->addr[i];
		if (b == 0)
			continue;
		int rc;
		if (ip->mode & ILARG)
			rc = free_indirect(fs, ino, b, i == 7 ? 2 : 1);
		else
			rc = bfree(fs, b);
		if (rc < 0)
			return -1;
		ip->addr[i] = 0;
	}
	ip->mode &= (uint16_t)~ILARG;
	ip->size = 0;
	return iput(fs, ino, ip);
}
