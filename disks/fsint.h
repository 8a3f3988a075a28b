/* Inside the V6 file system library: the open image and its helpers. */
#ifndef V6FS_INT_H
#define V6FS_INT_H

#include "v6fs.h"

/* The super block fields V6 uses (filsys.h); the rest of block 1 is kept
 * as found. */
struct v6_filsys {
	uint16_t isize, fsize;
	uint16_t nfree, free[V6_NICFREE];
	uint16_t ninode, inode[V6_NICINOD];
	uint8_t flock, ilock, fmod, ronly;
	uint32_t time;
};

/* One block's contents before the running change touched it. */
struct undo {
	uint16_t bno;
	uint8_t was_dirty;
	uint8_t data[V6_BSIZE];
};

struct v6fs {
	char name[256];
	int fd;			/* -1: memory only */
	int writable;
	int freelist_bad;	/* the free list failed its walk at open: no allocation */
	int blocks_checked;	/* blocks_sound: 0 not yet, 1 sound, -1 a block used twice */
	char damage[256];	/* blocks_sound's first finding */
	uint8_t *img;		/* fsize blocks */
	unsigned nblocks;	/* = sb.fsize */
	uint8_t *dirty;		/* per block: differs from the file */
	struct v6_filsys sb;
	uint32_t now;

	/* Change in progress: blocks saved on first write, super block copy. */
	int tx_depth;
	struct v6_filsys tx_sb;
	uint8_t *tx_saved;	/* per block */
	struct undo *undo;
	size_t nundo, undocap;

	char err[256];
};

/* check.c */
int blocks_sound(struct v6fs *fs);

/* fs.c */
struct v6fs *fs_blank(unsigned fsize, const char *name);
int fs_fail(struct v6fs *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const uint8_t *blk_r(struct v6fs *fs, unsigned bno);
uint8_t *blk_w(struct v6fs *fs, unsigned bno);
int data_block_ok(const struct v6fs *fs, unsigned bno);
void tx_begin(struct v6fs *fs);
int tx_end(struct v6fs *fs, int rc);
void sb_decode(struct v6_filsys *sb, const uint8_t *b);
void sb_encode(const struct v6_filsys *sb, uint8_t *b);
int sb_validate(const struct v6_filsys *sb, char *err, size_t errlen);
int freelist_walk(struct v6fs *fs, uint8_t *seen,
		  int (*visit)(struct v6fs *fs, unsigned bno, void *arg), void *arg);

static inline unsigned get16(const uint8_t *p) { return p[0] | p[1] << 8; }
static inline void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
/* PDP-11 long: high word first. */
static inline uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) << 16 | get16(p + 2); }
static inline void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }

/* alloc.c: V6's alloc, free, ialloc, ifree (ken/alloc.c). */
int balloc(struct v6fs *fs, unsigned *bno);
int bfree(struct v6fs *fs, unsigned bno);
int ialloc(struct v6fs *fs, unsigned *ino);
void ifree(struct v6fs *fs, unsigned ino);

/* inode.c */
unsigned ninodes(const struct v6fs *fs);
int iput(struct v6fs *fs, unsigned ino, const struct v6_inode *ip);
int bmap(struct v6fs *fs, unsigned ino, struct v6_inode *ip, unsigned bn, int create, unsigned *bno);
long writei(struct v6fs *fs, unsigned ino, struct v6_inode *ip, uint32_t off, const void *buf, size_t n);
int itrunc(struct v6fs *fs, unsigned ino, struct v6_inode *ip);
int is_special(uint16_t mode);

/* dir.c */
int dir_lookup(struct v6fs *fs, unsigned dino, const char *name, unsigned *ino, uint32_t *off);

#endif
