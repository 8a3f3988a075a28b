/* Free blocks and free inodes, as V6's ken/alloc.c keeps them.
 *
 * Free blocks: the super block caches up to 100 in s_free[]; s_free[0] of
 * each full list is a free block holding the next list (count, then 100
 * numbers); a 0 in s_free[0] ends the chain.  Free inodes: s_inode[] caches
 * up to 100 numbers, refilled by scanning the inode blocks for i_mode 0. */
#include "fsint.h"

#include <string.h>

/* alloc(): pop a block, refill the cache from the block when it was the
 * last; the new block is cleared (clrbuf). */
int balloc(struct v6fs *fs, unsigned *bno)
{
	struct v6_filsys *sb = &fs->sb;
	if (fs->freelist_bad)
		return fs_fail(fs, "the free list is damaged (see check): nothing can be allocated");
	if (blocks_sound(fs) < 0)
		return -1;
	if (sb->nfree == 0 || sb->free[sb->nfree - 1] == 0)
		return fs_fail(fs, "file system full (no free blocks)");
	unsigned b = sb->free[--sb->nfree];
	if (!data_block_ok(fs, b))
		return fs_fail(fs, "bad block %u on the free list", b);
	const uint8_t *p = blk_r(fs, b);
	if (sb->nfree == 0) {
		unsigned n = get16(p);
		if (n > V6_NICFREE)
			return fs_fail(fs, "free list block %u says %u blocks follow", b, n);
		sb->nfree = (uint16_t)n;
		for (int i = 0; i < V6_NICFREE; i++)
			sb->free[i] = (uint16_t)get16(p + 2 + 2 * i);
	}
	uint8_t *w = blk_w(fs, b);
	if (!w)
		return -1;
	memset(w, 0, V6_BSIZE);
	*bno = b;
	return 0;
}

/* free(): push a block; a full cache is first written into the block being
 * freed, which becomes the new head of the chain. */
int bfree(struct v6fs *fs, unsigned bno)
{
	struct v6_filsys *sb = &fs->sb;
	if (fs->freelist_bad)
		return fs_fail(fs, "the free list is damaged (see check): nothing can be freed");
	if (blocks_sound(fs) < 0)
		return -1;
	if (!data_block_ok(fs, bno))
		return fs_fail(fs, "freeing bad block %u", bno);
	if (sb->nfree == 0) {
		sb->nfree = 1;
		sb->free[0] = 0;
	}
	if (sb->nfree >= V6_NICFREE) {
		uint8_t *p = blk_w(fs, bno);
		if (!p)
			return -1;
		memset(p, 0, V6_BSIZE);
		put16(p, sb->nfree);
		for (int i = 0; i < V6_NICFREE; i++)
			put16(p + 2 + 2 * i, sb->free[i]);
		sb->nfree = 0;
	}
	sb->free[sb->nfree++] = (uint16_t)bno;
	return 0;
}

unsigned ninodes(const struct v6fs *fs)
{
	return fs->sb.isize * 16u;
}

static int inode_free(struct v6fs *fs, unsigned ino)
{
	const uint8_t *p = fs->img + (size_t)(2 + (ino - 1) / 16) * V6_BSIZE + (ino - 1) % 16 * 32;
	return get16(p) == 0;
}

/* ialloc(): take from the cache (skipping entries that turned out to be in
 * use), refilling it by a scan of the inode blocks when empty. */
int ialloc(struct v6fs *fs, unsigned *ino)
{
	struct v6_filsys *sb = &fs->sb;
	for (;;) {
		if (sb->ninode == 0) {
			for (unsigned i = 1; i <= ninodes(fs) && sb->ninode < V6_NICINOD; i++)
				if (inode_free(fs, i))
					sb->inode[sb->ninode++] = (uint16_t)i;
			if (sb->ninode == 0)
				return fs_fail(fs, "out of inodes (all %u in use)", ninodes(fs));
		}
		unsigned i = sb->inode[--sb->ninode];
		if (i >= 1 && i <= ninodes(fs) && inode_free(fs, i)) {
			*ino = i;
			return 0;
		}
	}
}

/* ifree(): remember the inode if the cache has room. */
void ifree(struct v6fs *fs, unsigned ino)
{
	if (fs->sb.ninode < V6_NICINOD)
		fs->sb.inode[fs->sb.ninode++] = (uint16_t)ino;
}
