/* mkfs: an empty file system, a root directory and every other data block
 * on the free list. */
#include "fsint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Root: inode 1, "." and ".." both itself, in the first data block. */
static int make_root(struct v6fs *fs)
{
	unsigned b = fs->sb.isize + 2u;
	struct v6_inode root = {
		.mode = IALLOC | IFDIR | 0755, .nlink = 2, .size = 32,
		.atime = fs->now, .mtime = fs->now,
	};
	root.addr[0] = (uint16_t)b;
	uint8_t *p = blk_w(fs, b);
	put16(p, V6_ROOTINO);
	memcpy(p + 2, ".", 1);
	put16(p + 16, V6_ROOTINO);
	memcpy(p + 18, "..", 2);
	return iput(fs, V6_ROOTINO, &root);
}

int v6fs_mkfs(const char *path, unsigned fsize, unsigned isize, char *err, size_t errlen)
{
	if (fsize > V6_MAXFSIZE || isize == 0 || fsize < isize + 4) {
		snprintf(err, errlen, "bad sizes: %u blocks with %u inode blocks "
			 "(want 1 <= isize, isize + 4 <= fsize <= %u)", fsize, isize, V6_MAXFSIZE);
		return -1;
	}
	if (v6fs_protected(path, err, errlen))
		return -1;
	struct v6fs *fs = fs_blank(fsize, path);
	if (!fs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	fs->sb.isize = (uint16_t)isize;
	fs->sb.time = fs->now;
	int rc = make_root(fs);
	/* Freed from the top down, so blocks are handed out low first. */
	for (unsigned b = fsize - 1; rc == 0 && b > isize + 2u; b--)
		rc = bfree(fs, b);
	if (rc == 0)
		sb_encode(&fs->sb, blk_w(fs, 1));
	if (rc < 0) {
		snprintf(err, errlen, "%s", fs->err);
		v6fs_close(fs);
		return -1;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t n = (size_t)fsize * V6_BSIZE;
	if (fd < 0 || write(fd, fs->img, n) != (ssize_t)n) {
		snprintf(err, errlen, "%s", strerror(errno));
		rc = -1;
	}
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		rc = -1;
	}
	v6fs_close(fs);
	return rc;
}
