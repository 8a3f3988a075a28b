/* The open image: loading and checking it, blocks, all-or-nothing changes,
 * writing back. */
#include "fsint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int fs_fail(struct v6fs *fs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(fs->err, sizeof fs->err, fmt, ap);
	va_end(ap);
	return -1;
}

const char *v6fs_error(const struct v6fs *fs) { return fs->err; }
const char *v6fs_name(const struct v6fs *fs) { return fs->name; }
void v6fs_settime(struct v6fs *fs, uint32_t now) { fs->now = now; }
uint32_t v6fs_sbtime(const struct v6fs *fs) { return fs->sb.time; }

const uint8_t *v6fs_image(const struct v6fs *fs, size_t *size)
{
	*size = (size_t)fs->nblocks * V6_BSIZE;
	return fs->img;
}

/* filsys.h: isize, fsize, nfree, free[100], ninode, inode[100], flock,
 * ilock, fmod, ronly, time[2]. */
enum { SB_ISIZE = 0, SB_FSIZE = 2, SB_NFREE = 4, SB_FREE = 6, SB_NINODE = 206, SB_INODE = 208,
       SB_FLOCK = 408, SB_ILOCK, SB_FMOD, SB_RONLY, SB_TIME = 412 };

void sb_decode(struct v6_filsys *sb, const uint8_t *b)
{
	sb->isize = get16(b + SB_ISIZE);
	sb->fsize = get16(b + SB_FSIZE);
	sb->nfree = get16(b + SB_NFREE);
	for (int i = 0; i < V6_NICFREE; i++)
		sb->free[i] = get16(b + SB_FREE + 2 * i);
	sb->ninode = get16(b + SB_NINODE);
	for (int i = 0; i < V6_NICINOD; i++)
		sb->inode[i] = get16(b + SB_INODE + 2 * i);
	sb->flock = b[SB_FLOCK];
	sb->ilock = b[SB_ILOCK];
	sb->fmod = b[SB_FMOD];
	sb->ronly = b[SB_RONLY];
	sb->time = get32(b + SB_TIME);
}

void sb_encode(const struct v6_filsys *sb, uint8_t *b)
{
	put16(b + SB_ISIZE, sb->isize);
	put16(b + SB_FSIZE, sb->fsize);
	put16(b + SB_NFREE, sb->nfree);
	for (int i = 0; i < V6_NICFREE; i++)
		put16(b + SB_FREE + 2 * i, sb->free[i]);
	put16(b + SB_NINODE, sb->ninode);
	for (int i = 0; i < V6_NICINOD; i++)
		put16(b + SB_INODE + 2 * i, sb->inode[i]);
	b[SB_FLOCK] = sb->flock;
	b[SB_ILOCK] = sb->ilock;
	b[SB_FMOD] = sb->fmod;
	b[SB_RONLY] = sb->ronly;
	put32(b + SB_TIME, sb->time);
}

/* What V6 itself relies on: alloc's badblock() range, 100-entry caches. */
int sb_validate(const struct v6_filsys *sb, char *err, size_t errlen)
{
	if (sb->isize == 0) {
		snprintf(err, errlen, "not a V6 file system: s_isize is 0");
		return -1;
	}
	if (sb->fsize <= sb->isize + 2u) {
		snprintf(err, errlen, "not a V6 file system: s_isize %u leaves no data blocks in s_fsize %u",
			 sb->isize, sb->fsize);
		return -1;
	}
	if (sb->nfree > V6_NICFREE) {
		snprintf(err, errlen, "not a V6 file system: s_nfree %u is more than 100", sb->nfree);
		return -1;
	}
	if (sb->ninode > V6_NICINOD) {
		snprintf(err, errlen, "not a V6 file system: s_ninode %u is more than 100", sb->ninode);
		return -1;
	}
	unsigned maxino = sb->isize * 16u;
	for (unsigned i = 0; i < sb->ninode; i++)
		if (sb->inode[i] == 0 || sb->inode[i] > maxino) {
			snprintf(err, errlen, "bad super block: s_inode[%u] = %u is not an inode (1-%u)",
				 i, sb->inode[i], maxino);
			return -1;
		}
	return 0;
}

int data_block_ok(const struct v6fs *fs, unsigned bno)
{
	return bno >= fs->sb.isize + 2u && bno < fs->sb.fsize;
}

/* Visit every block on the free list (super block cache, then the chain
 * through s_free[0] of each list), refusing bad numbers and loops.  seen
 * (nblocks bytes, zeroed by the caller) marks the visited blocks. */
int freelist_walk(struct v6fs *fs, uint8_t *seen,
		  int (*visit)(struct v6fs *fs, unsigned bno, void *arg), void *arg)
{
	unsigned nfree = fs->sb.nfree;
	uint16_t list[V6_NICFREE];
	memcpy(list, fs->sb.free, sizeof list);
	unsigned where = 1;	/* block holding this list, for messages */
	for (;;) {
		for (unsigned i = nfree; i-- > 0;) {
			unsigned b = list[i];
			if (b == 0 && i == 0)
				return 0;	/* V6 free(): the end marker */
			if (!data_block_ok(fs, b))
				return fs_fail(fs, "free list: block %u (listed in block %u) is outside %u-%u",
					       b, where, fs->sb.isize + 2u, fs->sb.fsize - 1u);
			if (seen[b])
				return fs_fail(fs, "free list: block %u listed twice (a loop or duplicate, "
					       "listed in block %u)", b, where);
			seen[b] = 1;
			if (visit && visit(fs, b, arg) < 0)
				return -1;
		}
		if (nfree == 0)
			return 0;
		where = list[0];
		const uint8_t *p = fs->img + (size_t)where * V6_BSIZE;
		nfree = get16(p);
		if (nfree > V6_NICFREE)
			return fs_fail(fs, "free list: block %u says %u free blocks follow (more than 100)",
				       where, nfree);
		for (int i = 0; i < V6_NICFREE; i++)
			list[i] = (uint16_t)get16(p + 2 + 2 * i);
	}
}

/* ---- opening ---- */

static struct v6fs *fs_new(const char *name)
{
	struct v6fs *fs = calloc(1, sizeof *fs);
	if (!fs)
		return NULL;
	fs->fd = -1;
	fs->now = (uint32_t)time(NULL);
	snprintf(fs->name, sizeof fs->name, "%s", name);
	return fs;
}

/* An all-zero file system image of fsize blocks, writable, not checked:
 * for mkfs to fill in. */
struct v6fs *fs_blank(unsigned fsize, const char *name)
{
	struct v6fs *fs = fs_new(name);
	if (!fs)
		return NULL;
	fs->img = calloc(fsize, V6_BSIZE);
	fs->dirty = calloc(fsize, 1);
	fs->tx_saved = calloc(fsize, 1);
	if (!fs->img || !fs->dirty || !fs->tx_saved) {
		v6fs_close(fs);
		return NULL;
	}
	fs->nblocks = fsize;
	fs->sb.fsize = (uint16_t)fsize;
	fs->writable = 1;
	return fs;
}

/* Takes img (nbytes, at least fsize blocks); checks; fills in fs. */
static int fs_load(struct v6fs *fs, uint8_t *img, size_t nbytes, int salvage, char *err, size_t errlen)
{
	fs->img = img;
	if (nbytes < 2 * V6_BSIZE) {
		snprintf(err, errlen, "not a V6 file system: %zu bytes is too small for a super block", nbytes);
		return -1;
	}
	sb_decode(&fs->sb, img + V6_BSIZE);
	if (sb_validate(&fs->sb, err, errlen) < 0)
		return -1;
	if ((size_t)fs->sb.fsize * V6_BSIZE > nbytes) {
		snprintf(err, errlen, "super block says %u blocks but the image holds only %zu "
			 "(truncated or not a V6 file system)", fs->sb.fsize, nbytes / V6_BSIZE);
		return -1;
	}
	fs->nblocks = fs->sb.fsize;
	for (unsigned i = 0; i < fs->sb.nfree; i++)
		if ((i > 0 || fs->sb.free[i] != 0) && !data_block_ok(fs, fs->sb.free[i])) {
			snprintf(err, errlen, "bad super block: s_free[%u] = %u is outside %u-%u",
				 i, fs->sb.free[i], fs->sb.isize + 2u, fs->sb.fsize - 1u);
			return -1;
		}
	fs->dirty = calloc(fs->nblocks, 1);
	fs->tx_saved = calloc(fs->nblocks, 1);
	if (!fs->dirty || !fs->tx_saved) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	uint8_t *seen = calloc(fs->nblocks, 1);
	if (!seen) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = freelist_walk(fs, seen, NULL, NULL);
	free(seen);
	/* A damaged free list is what V6 leaves when it stops before a sync
	 * (its super block in memory had moved on): in salvage mode such an
	 * image still opens, to read files and to check, never to change. */
	if (rc < 0 && !salvage) {
		snprintf(err, errlen, "%s", fs->err);
		return -1;
	}
	fs->freelist_bad = rc < 0;
	return 0;
}

struct v6fs *v6fs_open(const char *path, int mode, char *err, size_t errlen)
{
	struct v6fs *fs = fs_new(path);
	if (!fs) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (mode == V6FS_RDWR && v6fs_protected(path, err, errlen))
		goto fail;
	fs->writable = mode == V6FS_RDWR;
	fs->fd = open(path, fs->writable ? O_RDWR : O_RDONLY);
	struct stat st;
	if (fs->fd < 0 || fstat(fs->fd, &st) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		goto fail;
	}
	/* A V6 file system is at most 65535 blocks; read no more. */
	size_t cap = (size_t)V6_MAXFSIZE * V6_BSIZE;
	size_t want = (size_t)st.st_size < cap ? (size_t)st.st_size : cap;
	uint8_t *img = malloc(want ? want : 1);
	if (!img) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fs->fd, img + got, want - got, (off_t)got);
		if (r <= 0) {
			free(img);
			snprintf(err, errlen, "read: %s", r < 0 ? strerror(errno) : "unexpected end of file");
			goto fail;
		}
		got += (size_t)r;
	}
	if (fs_load(fs, img, want, mode == V6FS_SALVAGE, err, errlen) < 0)
		goto fail;
	return fs;
fail:
	v6fs_close(fs);
	return NULL;
}

struct v6fs *v6fs_open_mem(const void *img, size_t size, const char *name, char *err, size_t errlen)
{
	struct v6fs *fs = fs_new(name);
	uint8_t *copy = malloc(size ? size : 1);
	if (!fs || !copy) {
		free(fs);
		free(copy);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(copy, img, size);
	if (fs_load(fs, copy, size, 0, err, errlen) < 0) {
		v6fs_close(fs);
		return NULL;
	}
	return fs;
}

void v6fs_close(struct v6fs *fs)
{
	if (!fs)
		return;
	if (fs->fd >= 0)
		close(fs->fd);
	free(fs->img);
	free(fs->dirty);
	free(fs->tx_saved);
	free(fs->undo);
	free(fs);
}

int v6fs_sync(struct v6fs *fs)
{
	if (!fs->writable || fs->fd < 0)
		return fs_fail(fs, "opened read-only");
	for (unsigned b = 0; b < fs->nblocks; b++) {
		if (!fs->dirty[b])
			continue;
		ssize_t w = pwrite(fs->fd, fs->img + (size_t)b * V6_BSIZE, V6_BSIZE, (off_t)b * V6_BSIZE);
		if (w != V6_BSIZE)
			return fs_fail(fs, "write block %u: %s", b, w < 0 ? strerror(errno) : "short write");
		fs->dirty[b] = 0;
	}
	return 0;
}

/* ---- blocks and changes ---- */

const uint8_t *blk_r(struct v6fs *fs, unsigned bno)
{
	if (bno >= fs->nblocks) {
		fs_fail(fs, "block %u is past the end of the file system (%u blocks)", bno, fs->nblocks);
		return NULL;
	}
	return fs->img + (size_t)bno * V6_BSIZE;
}

uint8_t *blk_w(struct v6fs *fs, unsigned bno)
{
	if (bno >= fs->nblocks) {
		fs_fail(fs, "block %u is past the end of the file system (%u blocks)", bno, fs->nblocks);
		return NULL;
	}
	uint8_t *p = fs->img + (size_t)bno * V6_BSIZE;
	if (fs->tx_depth > 0 && !fs->tx_saved[bno]) {
		if (fs->nundo == fs->undocap) {
			size_t cap = fs->undocap ? 2 * fs->undocap : 64;
			struct undo *u = realloc(fs->undo, cap * sizeof *u);
			if (!u) {
				fs_fail(fs, "out of memory");
				return NULL;
			}
			fs->undo = u;
			fs->undocap = cap;
		}
		struct undo *u = &fs->undo[fs->nundo++];
		u->bno = (uint16_t)bno;
		u->was_dirty = fs->dirty[bno];
		memcpy(u->data, p, V6_BSIZE);
		fs->tx_saved[bno] = 1;
	}
	fs->dirty[bno] = 1;
	return p;
}

void tx_begin(struct v6fs *fs)
{
	if (fs->tx_depth++ == 0) {
		fs->tx_sb = fs->sb;
		fs->nundo = 0;
	}
}

/* Ends a change begun by tx_begin: kept if rc is 0, else undone.  Returns
 * rc (or -1 if the super block could not be written). */
int tx_end(struct v6fs *fs, int rc)
{
	if (--fs->tx_depth > 0)
		return rc;
	if (rc == 0) {
		uint8_t b[V6_BSIZE];
		memcpy(b, fs->img + V6_BSIZE, V6_BSIZE);
		sb_encode(&fs->sb, b);
		if (memcmp(b, fs->img + V6_BSIZE, V6_BSIZE) != 0) {
			uint8_t *p = blk_w(fs, 1);
			if (p)
				memcpy(p, b, V6_BSIZE);
			else
				rc = -1;
		}
	}
	if (rc != 0) {
		for (size_t i = fs->nundo; i-- > 0;) {
			struct undo *u = &fs->undo[i];
			memcpy(fs->img + (size_t)u->bno * V6_BSIZE, u->data, V6_BSIZE);
			fs->dirty[u->bno] = u->was_dirty;
		}
		fs->sb = fs->tx_sb;
	}
	for (size_t i = 0; i < fs->nundo; i++)
		fs->tx_saved[fs->undo[i].bno] = 0;
	fs->nundo = 0;
	return rc;
}

/* ---- never write the originals ---- */

static int under(const char *real, const char *dir)
{
	char rdir[PATH_MAX];
	if (!dir || !*dir || !realpath(dir, rdir))
		return 0;
	size_t n = strlen(rdir);
	return strncmp(real, rdir, n) == 0 && (real[n] == '/' || real[n] == 0 || n == 1);
}

/* SHA256SUMS lines are "hash  name" (or "hash *name"). */
static int listed_in_sums(const char *real)
{
	char sums[PATH_MAX + 16];
	const char *slash = strrchr(real, '/');
	snprintf(sums, sizeof sums, "%.*s/SHA256SUMS", (int)(slash - real), real);
	FILE *f = fopen(sums, "r");
	if (!f)
		return 0;
	char line[512];
	int found = 0;
	while (!found && fgets(line, sizeof line, f)) {
		char *name = strpbrk(line, " \t");
		if (!name)
			continue;
		name += strspn(name, " \t*");
		name[strcspn(name, "\r\n")] = 0;
		found = strcmp(name, slash + 1) == 0;
	}
	fclose(f);
	return found;
}

int v6fs_protected(const char *path, char *why, size_t whylen)
{
	char real[PATH_MAX];
	struct stat st;
	if (!realpath(path, real)) {
		/* Not there yet (mkfs): judge by the directory it would be in. */
		char dir[PATH_MAX];
		const char *slash = strrchr(path, '/');
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
		if (!realpath(dir, real))
			return 0;	/* open() will say what is wrong */
		size_t n = strlen(real);
		snprintf(real + n, sizeof real - n, "/%s", slash ? slash + 1 : path);
	}
	if (under(real, "/work/shared") || under(real, getenv("V6_DISKS"))) {
		snprintf(why, whylen, "refusing to write a stock image (%s): work on a copy", real);
		return 1;
	}
	if (listed_in_sums(real)) {
		snprintf(why, whylen, "refusing to write a stock image (listed in SHA256SUMS beside it): "
			 "work on a copy");
		return 1;
	}
	if (stat(real, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0222) == 0) {
		snprintf(why, whylen, "image is read-only (mode %03o)", (unsigned)st.st_mode & 0777);
		return 1;
	}
	return 0;
}
