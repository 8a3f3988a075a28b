/* Consistency, as V6's icheck and dcheck (/usr/source/s1) see it:
 * every data block is in exactly one file or on the free list, and each
 * inode's link count equals the directory entries naming it.  Beyond them:
 * directories hold "." (itself) and ".." (the directory naming it). */
#include "fsint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct checker {
	struct v6fs *fs;
	void (*report)(void *arg, const char *line);
	void *arg;
	int problems;
	int dups_only;		/* blocks_sound: report only blocks used twice */
	uint16_t *owner;	/* per block: inode using it, 0 none */
	struct v6fs_counts n;
};

__attribute__((format(printf, 2, 3)))
static void problem(struct checker *c, const char *fmt, ...)
{
	char line[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	c->problems++;
	if (c->report)
		c->report(c->arg, line);
}

/* One more use of block b by inode ino; 0 if b cannot be followed. */
static int mark(struct checker *c, unsigned ino, unsigned b)
{
	if (!data_block_ok(c->fs, b)) {
		if (c->dups_only)
			return 0;
		problem(c, "inode %u: bad block %u (data blocks are %u-%u)", ino, b,
			c->fs->sb.isize + 2u, c->fs->sb.fsize - 1u);
		return 0;
	}
	if (c->owner[b]) {
		problem(c, "inode %u: block %u is also in inode %u (dup)", ino, b, c->owner[b]);
		return 0;
	}
	c->owner[b] = (uint16_t)ino;
	c->n.used++;
	return 1;
}

static void mark_indirect(struct checker *c, unsigned ino, unsigned nb, int depth)
{
	if (!mark(c, ino, nb))
		return;
	const uint8_t *p = c->fs->img + (size_t)nb * V6_BSIZE;
	for (int i = 0; i < 256; i++) {
		unsigned b = get16(p + 2 * i);
		if (b == 0)
			continue;
		if (depth > 1) {
			c->n.indir2++;
			mark_indirect(c, ino, b, depth - 1);
		}
		else
			mark(c, ino, b);
	}
}

/* icheck's pass over one inode's blocks. */
static void blocks_of(struct checker *c, unsigned ino, const struct v6_inode *ip)
{
	if (is_special(ip->mode)) {
		c->n.spcl++;
		return;	/* i_addr[0] is the device */
	}
	if ((ip->mode & IFMT) == IFDIR)
		c->n.direc++;
	else
		c->n.files++;
	if (ip->mode & ILARG) {
		c->n.large++;
		for (int i = 0; i < 7; i++)
			c->n.indir += ip->addr[i] != 0;
		c->n.huge += ip->addr[7] != 0;
	}
	if (!(ip->mode & ILARG) && ip->size > 8 * V6_BSIZE && !c->dups_only)
		problem(c, "inode %u: small file (no ILARG) of %u bytes", ino, (unsigned)ip->size);
	for (int i = 0; i < 8; i++) {
		unsigned b = ip->addr[i];
		if (b == 0)
			continue;
		if (ip->mode & ILARG)
			mark_indirect(c, ino, b, i == 7 ? 2 : 1);
		else
			mark(c, ino, b);
	}
}

static int free_block(struct v6fs *fs, unsigned b, void *arg)
{
	struct checker *c = arg;
	(void)fs;
	if (c->owner[b])
		problem(c, "block %u is on the free list and in inode %u (dup)", b, c->owner[b]);
	c->n.free++;
	return 0;
}

/* dcheck: count the entries naming each inode; check . and .. */
static void directories(struct checker *c, const uint8_t *alloc, uint16_t *refs, uint16_t *parent)
{
	struct v6fs *fs = c->fs;
	unsigned n = ninodes(fs);
	for (unsigned d = 1; d <= n; d++) {
		struct v6_inode dp;
		v6fs_iget(fs, d, &dp);
		if (!alloc[d] || (dp.mode & IFMT) != IFDIR)
			continue;
		if (dp.size % 16)
			problem(c, "directory %u: size %u is not a multiple of 16", d, (unsigned)dp.size);
		struct v6_dirent *e;
		size_t ne;
		if (v6fs_readdir(fs, d, &e, &ne) < 0) {
			problem(c, "directory %u: unreadable: %s", d, fs->err);
			continue;
		}
		int dot = 0, dotdot = 0;
		for (size_t i = 0; i < ne; i++) {
			unsigned t = e[i].ino;
			if (t > n || !alloc[t]) {
				problem(c, "directory %u: entry %s names %s inode %u", d, e[i].name,
					t > n ? "out-of-range" : "unallocated", t);
				continue;
			}
			refs[t]++;
			if (strcmp(e[i].name, ".") == 0) {
				dot++;
				if (t != d)
					problem(c, "directory %u: . is inode %u", d, t);
			} else if (strcmp(e[i].name, "..") == 0) {
				dotdot++;
				parent[d] = (uint16_t)t;
			}
		}
		free(e);
		if (dot != 1 || dotdot != 1)
			problem(c, "directory %u: %d entries \".\" and %d \"..\" (want 1 each)", d, dot, dotdot);
	}
}

/* Each directory's ".." must name a directory that has an entry for it. */
static void parents(struct checker *c, const uint8_t *alloc, const uint16_t *parent)
{
	struct v6fs *fs = c->fs;
	unsigned n = ninodes(fs);
	for (unsigned d = 1; d <= n; d++) {
		if (!alloc[d] || parent[d] == 0)
			continue;
		unsigned p = parent[d], got;
		if (d == V6_ROOTINO) {
			if (p != V6_ROOTINO)
				problem(c, "root directory: .. is inode %u, not itself", p);
			continue;
		}
		struct v6_dirent *e;
		size_t ne;
		if (v6fs_readdir(fs, p, &e, &ne) < 0) {
			problem(c, "directory %u: .. is inode %u, not a directory", d, p);
			continue;
		}
		got = 0;
		for (size_t i = 0; i < ne; i++)
			if (e[i].ino == d && strcmp(e[i].name, ".") != 0 && strcmp(e[i].name, "..") != 0)
				got = 1;
		free(e);
		if (!got)
			problem(c, "directory %u: .. is inode %u, which has no entry for it", d, p);
	}
}

/* icheck's block pass: every allocated inode's blocks, then the free
 * list; fills c->owner and alloc (per inode: allocated). */
static void block_pass(struct checker *c, uint8_t *alloc, uint8_t *seen)
{
	struct v6fs *fs = c->fs;
	unsigned n = ninodes(fs);
	for (unsigned i = 1; i <= n; i++) {
		struct v6_inode ip;
		v6fs_iget(fs, i, &ip);
		if (!(ip.mode & IALLOC))
			continue;
		alloc[i] = 1;
		blocks_of(c, i, &ip);
	}
	if (freelist_walk(fs, seen, free_block, c) < 0)
		problem(c, "%s", fs->err);
}

static void first_problem(void *arg, const char *line)
{
	struct checker *c = arg;
	if (c->problems == 1)
		snprintf(c->fs->damage, sizeof c->fs->damage, "%s", line);
}

/* Before the first allocation or free: a block in two files, or in a file
 * and on the free list, would be handed out again and overwrite what is
 * there, so such an image is not changed at all (the answer is kept). */
int blocks_sound(struct v6fs *fs)
{
	if (fs->blocks_checked == 0) {
		struct checker c = {.fs = fs, .report = first_problem};
		c.arg = &c;
		unsigned n = ninodes(fs);
		c.owner = calloc(fs->nblocks, sizeof *c.owner);
		uint8_t *alloc = calloc(n + 1, 1);
		uint8_t *seen = calloc(fs->nblocks, 1);
		if (!c.owner || !alloc || !seen) {
			free(c.owner), free(alloc), free(seen);
			return fs_fail(fs, "out of memory");
		}
		c.dups_only = 1;
		block_pass(&c, alloc, seen);
		free(c.owner), free(alloc), free(seen);
		fs->blocks_checked = c.problems ? -1 : 1;
	}
	if (fs->blocks_checked < 0)
		return fs_fail(fs, "damaged file system, not changed: %s (see check)", fs->damage);
	return 0;
}

int v6fs_check(struct v6fs *fs, void (*report)(void *arg, const char *line), void *arg,
	       struct v6fs_counts *counts)
{
	struct checker c = {.fs = fs, .report = report, .arg = arg};
	unsigned n = ninodes(fs);
	c.owner = calloc(fs->nblocks, sizeof *c.owner);
	uint8_t *alloc = calloc(n + 1, 1);
	uint8_t *seen = calloc(fs->nblocks, 1);
	uint16_t *refs = calloc(n + 1, sizeof *refs);
	uint16_t *parent = calloc(n + 1, sizeof *parent);
	if (!c.owner || !alloc || !seen || !refs || !parent) {
		free(c.owner), free(alloc), free(seen), free(refs), free(parent);
		return fs_fail(fs, "out of memory");
	}

	struct v6_inode root;
	v6fs_iget(fs, V6_ROOTINO, &root);
	if (!(root.mode & IALLOC) || (root.mode & IFMT) != IFDIR)
		problem(&c, "inode 1 (the root) is not an allocated directory (mode %06o)", root.mode);

	block_pass(&c, alloc, seen);
	for (unsigned b = fs->sb.isize + 2u; b < fs->sb.fsize; b++)
		c.n.missing += !c.owner[b] && !seen[b];
	if (c.n.missing)
		problem(&c, "%u blocks missing (neither free nor in a file)", c.n.missing);

	directories(&c, alloc, refs, parent);
	parents(&c, alloc, parent);
	for (unsigned i = 1; i <= n; i++) {
		struct v6_inode ip;
		v6fs_iget(fs, i, &ip);
		if (alloc[i] && ip.nlink != refs[i])
			problem(&c, "inode %u: link count %u, directory entries %u", i, ip.nlink, refs[i]);
		else if (alloc[i] && refs[i] == 0)
			problem(&c, "inode %u: allocated but in no directory", i);
	}

	free(c.owner), free(alloc), free(seen), free(refs), free(parent);
	if (counts)
		*counts = c.n;
	return c.problems;
}
