/* Names: directories of 16-byte entries (ino word, 14-byte name, NUL
 * padded), path lookup as ken/nami.c does it, and the calls that add and
 * remove names.  Each change runs between tx_begin and tx_end, so a
 * failure half way leaves the image as it was. */
#include "fsint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIRENT = 16 };

/* The whole directory ino into a malloc'd buffer. */
static int dir_load(struct v6fs *fs, unsigned dino, uint8_t **buf, uint32_t *size)
{
	struct v6_inode dp;
	if (v6fs_iget(fs, dino, &dp) < 0)
		return -1;
	if ((dp.mode & IFMT) != IFDIR)
		return fs_fail(fs, "inode %u is not a directory", dino);
	*buf = malloc(dp.size ? dp.size : 1);
	if (!*buf)
		return fs_fail(fs, "out of memory");
	if (v6fs_read(fs, dino, 0, *buf, dp.size) != (long)dp.size) {
		free(*buf);
		return -1;
	}
	*size = dp.size - dp.size % DIRENT;
	return 0;
}

static int name_is(const uint8_t *ent, const char *name)
{
	return strncmp((const char *)ent + 2, name, V6_DIRSIZ) == 0;
}

/* 0 and the entry's ino and offset if found, 1 if not, -1 on error. */
int dir_lookup(struct v6fs *fs, unsigned dino, const char *name, unsigned *ino, uint32_t *off)
{
	uint8_t *buf;
	uint32_t size;
	if (dir_load(fs, dino, &buf, &size) < 0)
		return -1;
	int rc = 1;
	for (uint32_t o = 0; o < size; o += DIRENT)
		if (get16(buf + o) != 0 && name_is(buf + o, name)) {
			*ino = get16(buf + o);
			if (off)
				*off = o;
			rc = 0;
			break;
		}
	free(buf);
	return rc;
}

int v6fs_readdir(struct v6fs *fs, unsigned ino, struct v6_dirent **ents, size_t *n)
{
	uint8_t *buf;
	uint32_t size;
	if (dir_load(fs, ino, &buf, &size) < 0)
		return -1;
	*n = 0;
	*ents = malloc((size / DIRENT + 1) * sizeof **ents);
	if (!*ents) {
		free(buf);
		return fs_fail(fs, "out of memory");
	}
	for (uint32_t o = 0; o < size; o += DIRENT) {
		if (get16(buf + o) == 0)
			continue;
		struct v6_dirent *d = &(*ents)[(*n)++];
		d->ino = (uint16_t)get16(buf + o);
		memcpy(d->name, buf + o + 2, V6_DIRSIZ);
		d->name[V6_DIRSIZ] = 0;
	}
	free(buf);
	return 0;
}

/* Next component of *path into name; 0 at the end of the path. */
static int component(struct v6fs *fs, const char **path, char name[V6_DIRSIZ + 1])
{
	const char *p = *path;
	while (*p == '/')
		p++;
	size_t n = strcspn(p, "/");
	if (n == 0)
		return 0;
	if (n > V6_DIRSIZ)
		return fs_fail(fs, "%.*s: name longer than %d bytes", (int)n, p, V6_DIRSIZ);
	memcpy(name, p, n);
	name[n] = 0;
	*path = p + n;
	return 1;
}

static int lookup_in(struct v6fs *fs, unsigned dino, const char *name, const char *path, unsigned *ino)
{
	int rc = dir_lookup(fs, dino, name, ino, NULL);
	if (rc > 0)
		return fs_fail(fs, "%s: no such file or directory", path);
	return rc;
}

int v6fs_namei(struct v6fs *fs, const char *path, unsigned *ino)
{
	const char *p = path;
	char name[V6_DIRSIZ + 1];
	unsigned i = V6_ROOTINO;
	int rc;
	for (const char *done = p; (rc = component(fs, &p, name)) > 0; done = p) {
		struct v6_inode dp;
		if (v6fs_iget(fs, i, &dp) < 0)
			return -1;
		if ((dp.mode & IFMT) != IFDIR)
			return fs_fail(fs, "%.*s: not a directory", (int)(done - path), path);
		if (lookup_in(fs, i, name, path, &i) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	*ino = i;
	return 0;
}

/* The directory that holds the last component of path, and that name. */
static int parent_of(struct v6fs *fs, const char *path, unsigned *dino, char name[V6_DIRSIZ + 1])
{
	const char *p = path, *last = NULL;
	char part[V6_DIRSIZ + 1];
	int rc;
	while ((rc = component(fs, &p, part)) > 0)
		last = p - strlen(part);
	if (rc < 0)
		return -1;
	if (!last)
		return fs_fail(fs, "%s: names the root directory", path);
	size_t len = (size_t)(last - path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	char *dir = strndup(path, len);
	if (!dir)
		return fs_fail(fs, "out of memory");
	rc = v6fs_namei(fs, dir, dino);
	free(dir);
	if (rc < 0)
		return -1;
	struct v6_inode dp;
	if (v6fs_iget(fs, *dino, &dp) < 0)
		return -1;
	if ((dp.mode & IFMT) != IFDIR)
		return fs_fail(fs, "%.*s: not a directory", (int)len, path);
	snprintf(name, V6_DIRSIZ + 1, "%.*s", (int)strcspn(last, "/"), last);
	return 0;
}

static int touch_dir(struct v6fs *fs, unsigned dino, struct v6_inode *dp)
{
	dp->mtime = fs->now;
	return iput(fs, dino, dp);
}

/* Put name -> ino in the first free slot of dino, or at its end. */
static int dir_enter(struct v6fs *fs, unsigned dino, const char *name, unsigned ino)
{
	uint8_t *buf;
	uint32_t size, off;
	if (dir_load(fs, dino, &buf, &size) < 0)
		return -1;
	for (off = 0; off < size; off += DIRENT)
		if (get16(buf + off) == 0)
			break;
	free(buf);
	/* V6's namei reads only i_size1: a directory ends at 64 KB. */
	if (off + DIRENT > 0xffff)
		return fs_fail(fs, "directory full (V6 directories hold at most %d entries)", 0xffff / DIRENT);
	uint8_t ent[DIRENT] = {0};
	put16(ent, ino);
	memcpy(ent + 2, name, strnlen(name, V6_DIRSIZ));
	struct v6_inode dp;
	if (v6fs_iget(fs, dino, &dp) < 0)
		return -1;
	if (writei(fs, dino, &dp, off, ent, DIRENT) < 0)
		return -1;
	return touch_dir(fs, dino, &dp);
}

/* unlink: the entry's ino becomes 0, its name stays. */
static int dir_clear(struct v6fs *fs, unsigned dino, uint32_t off)
{
	struct v6_inode dp;
	uint8_t zero[2] = {0, 0};
	if (v6fs_iget(fs, dino, &dp) < 0 || writei(fs, dino, &dp, off, zero, 2) < 0)
		return -1;
	return touch_dir(fs, dino, &dp);
}

/* One link fewer; the last takes the file (iput: itrunc, i_mode 0, ifree). */
static int drop_link(struct v6fs *fs, unsigned ino)
{
	struct v6_inode ip;
	if (v6fs_iget(fs, ino, &ip) < 0)
		return -1;
	if (ip.nlink > 1) {
		ip.nlink--;
		return iput(fs, ino, &ip);
	}
	if (itrunc(fs, ino, &ip) < 0)
		return -1;
	memset(&ip, 0, sizeof ip);
	if (iput(fs, ino, &ip) < 0)
		return -1;
	ifree(fs, ino);
	return 0;
}

static int add_link(struct v6fs *fs, unsigned ino, const char *path)
{
	struct v6_inode ip;
	if (v6fs_iget(fs, ino, &ip) < 0)
		return -1;
	if (ip.nlink == 255)
		return fs_fail(fs, "%s: too many links to inode %u", path, ino);
	ip.nlink++;
	return iput(fs, ino, &ip);
}

/* maknode: a new inode named path (which must not exist). */
static int maknode(struct v6fs *fs, const char *path, uint16_t mode, const struct v6fs_owner *own,
		   unsigned *dino, unsigned *ino)
{
	char name[V6_DIRSIZ + 1];
	unsigned old;
	if (!fs->writable)
		return fs_fail(fs, "opened read-only");
	if (parent_of(fs, path, dino, name) < 0)
		return -1;
	int rc = dir_lookup(fs, *dino, name, &old, NULL);
	if (rc <= 0)
		return rc < 0 ? -1 : fs_fail(fs, "%s: already exists", path);
	if (ialloc(fs, ino) < 0)
		return -1;
	struct v6_inode ip = {
		.mode = (uint16_t)(IALLOC | mode), .nlink = 1, .uid = own->uid, .gid = own->gid,
		.atime = own->mtime ? own->mtime : fs->now, .mtime = own->mtime ? own->mtime : fs->now,
	};
	if (iput(fs, *ino, &ip) < 0 || dir_enter(fs, *dino, name, *ino) < 0)
		return -1;
	return 0;
}

/* A failed call's error starts with the path it was given, once. */
static int with_path(struct v6fs *fs, const char *path, int rc)
{
	if (rc < 0 && strncmp(fs->err, path, strlen(path)) != 0) {
		char msg[sizeof fs->err];
		snprintf(msg, sizeof msg, "%s", fs->err);
		fs_fail(fs, "%s: %s", path, msg);
	}
	return rc;
}

int v6fs_writefile(struct v6fs *fs, const char *path, const void *data, size_t len,
		   const struct v6fs_owner *own)
{
	if (!fs->writable)
		return fs_fail(fs, "opened read-only");
	if (len > V6_MAXFILE)
		return fs_fail(fs, "%s: %zu bytes is more than a V6 file holds (%u)", path, len, V6_MAXFILE);
	tx_begin(fs);
	unsigned dino, ino;
	struct v6_inode ip;
	int rc = v6fs_namei(fs, path, &ino);
	if (rc == 0) {
		/* creat() on an existing file: same inode, truncated. */
		rc = v6fs_iget(fs, ino, &ip);
		if (rc == 0 && (ip.mode & IFMT) == IFDIR)
			rc = fs_fail(fs, "%s: is a directory", path);
		if (rc == 0 && is_special(ip.mode))
			rc = fs_fail(fs, "%s: is a special file", path);
		if (rc == 0)
			rc = itrunc(fs, ino, &ip);
	} else {
		rc = maknode(fs, path, own->perm & 07777, own, &dino, &ino);
		if (rc == 0)
			rc = v6fs_iget(fs, ino, &ip);
	}
	if (rc == 0 && len > 0 && writei(fs, ino, &ip, 0, data, len) < 0)
		rc = -1;
	if (rc == 0) {
		ip.mtime = ip.atime = own->mtime ? own->mtime : fs->now;
		rc = iput(fs, ino, &ip);
	}
	return tx_end(fs, with_path(fs, path, rc));
}

int v6fs_mkdir(struct v6fs *fs, const char *path, const struct v6fs_owner *own)
{
	tx_begin(fs);
	unsigned dino, ino;
	/* V6 /bin/mkdir: mknod(d, 040777), link(d, d/.), link(parent, d/..) */
	int rc = maknode(fs, path, (uint16_t)(IFDIR | (own->perm & 07777)), own, &dino, &ino);
	if (rc == 0)
		rc = dir_enter(fs, ino, ".", ino);
	if (rc == 0)
		rc = add_link(fs, ino, path);
	if (rc == 0)
		rc = dir_enter(fs, ino, "..", dino);
	if (rc == 0)
		rc = add_link(fs, dino, path);
	return tx_end(fs, with_path(fs, path, rc));
}

int v6fs_mknod(struct v6fs *fs, const char *path, int type, unsigned major, unsigned minor,
	       const struct v6fs_owner *own)
{
	if (type != 'b' && type != 'c')
		return fs_fail(fs, "%s: special file type must be b or c", path);
	if (major > 255 || minor > 255)
		return fs_fail(fs, "%s: major and minor must be 0-255", path);
	tx_begin(fs);
	unsigned dino, ino;
	uint16_t fmt = type == 'b' ? IFBLK : IFCHR;
	int rc = maknode(fs, path, (uint16_t)(fmt | (own->perm & 07777)), own, &dino, &ino);
	struct v6_inode ip;
	if (rc == 0)
		rc = v6fs_iget(fs, ino, &ip);
	if (rc == 0) {
		ip.addr[0] = (uint16_t)(major << 8 | minor);
		rc = iput(fs, ino, &ip);
	}
	return tx_end(fs, with_path(fs, path, rc));
}

/* The entry path names, refusing "." and "..". */
static int find_entry(struct v6fs *fs, const char *path, unsigned *dino, unsigned *ino, uint32_t *off)
{
	char name[V6_DIRSIZ + 1];
	if (!fs->writable)
		return fs_fail(fs, "opened read-only");
	if (parent_of(fs, path, dino, name) < 0)
		return -1;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return fs_fail(fs, "%s: cannot remove . or ..", path);
	int rc = dir_lookup(fs, *dino, name, ino, off);
	return rc > 0 ? fs_fail(fs, "%s: no such file or directory", path) : rc;
}

int v6fs_unlink(struct v6fs *fs, const char *path)
{
	tx_begin(fs);
	unsigned dino, ino;
	uint32_t off;
	struct v6_inode ip;
	int rc = find_entry(fs, path, &dino, &ino, &off);
	if (rc == 0)
		rc = v6fs_iget(fs, ino, &ip);
	if (rc == 0 && (ip.mode & IFMT) == IFDIR)
		rc = fs_fail(fs, "%s: is a directory (use rmdir)", path);
	if (rc == 0)
		rc = dir_clear(fs, dino, off);
	if (rc == 0)
		rc = drop_link(fs, ino);
	return tx_end(fs, with_path(fs, path, rc));
}

/* V6 /bin/rmdir: unlink d/.., d/. and d, after checking d is empty. */
int v6fs_rmdir(struct v6fs *fs, const char *path)
{
	tx_begin(fs);
	unsigned dino, ino, dotdot = 0;
	uint32_t off;
	struct v6_dirent *ents = NULL;
	size_t n = 0;
	struct v6_inode ip;
	int rc = find_entry(fs, path, &dino, &ino, &off);
	if (rc == 0)
		rc = v6fs_iget(fs, ino, &ip);
	if (rc == 0 && (ip.mode & IFMT) != IFDIR)
		rc = fs_fail(fs, "%s: not a directory", path);
	if (rc == 0 && ino == V6_ROOTINO)
		rc = fs_fail(fs, "%s: is the root directory", path);
	if (rc == 0)
		rc = v6fs_readdir(fs, ino, &ents, &n);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (strcmp(ents[i].name, "..") == 0)
			dotdot = ents[i].ino;
		else if (strcmp(ents[i].name, ".") != 0)
			rc = fs_fail(fs, "%s: directory not empty", path);
	}
	free(ents);
	if (rc == 0)
		rc = dir_clear(fs, dino, off);
	if (rc == 0 && dotdot != 0 && dotdot != ino)
		rc = drop_link(fs, dotdot);
	if (rc == 0) {
		rc = itrunc(fs, ino, &ip);
		memset(&ip, 0, sizeof ip);
		if (rc == 0)
			rc = iput(fs, ino, &ip);
		if (rc == 0)
			ifree(fs, ino);
	}
	return tx_end(fs, with_path(fs, path, rc));
}

int v6fs_chown(struct v6fs *fs, const char *path, int perm, int uid, int gid)
{
	if (!fs->writable)
		return fs_fail(fs, "opened read-only");
	tx_begin(fs);
	unsigned ino;
	struct v6_inode ip;
	int rc = v6fs_namei(fs, path, &ino);
	if (rc == 0)
		rc = v6fs_iget(fs, ino, &ip);
	if (rc == 0) {
		if (perm >= 0)
			ip.mode = (uint16_t)((ip.mode & ~07777) | (perm & 07777));
		if (uid >= 0)
			ip.uid = (uint8_t)uid;
		if (gid >= 0)
			ip.gid = (uint8_t)gid;
		rc = iput(fs, ino, &ip);
	}
	return tx_end(fs, with_path(fs, path, rc));
}

int v6fs_readfile(struct v6fs *fs, const char *path, uint8_t **data, size_t *len)
{
	unsigned ino;
	struct v6_inode ip;
	*data = NULL;
	*len = 0;
	if (v6fs_namei(fs, path, &ino) < 0 || v6fs_iget(fs, ino, &ip) < 0)
		return -1;
	if (is_special(ip.mode))
		return fs_fail(fs, "%s: is a special file", path);
	if (ip.size == 0)
		return 0;
	*data = malloc(ip.size);
	if (!*data)
		return fs_fail(fs, "out of memory");
	if (v6fs_read(fs, ino, 0, *data, ip.size) != (long)ip.size) {
		free(*data);
		*data = NULL;
		return with_path(fs, path, -1);
	}
	*len = ip.size;
	return 0;
}

int v6fs_bootblock(struct v6fs *fs, const void *data, size_t len)
{
	if (!fs->writable)
		return fs_fail(fs, "opened read-only");
	if (len > V6_BSIZE)
		return fs_fail(fs, "boot block is %zu bytes; block 0 holds %d", len, V6_BSIZE);
	tx_begin(fs);
	uint8_t *p = blk_w(fs, 0);
	if (p) {
		memset(p, 0, V6_BSIZE);
		memcpy(p, data, len);
	}
	return tx_end(fs, p ? 0 : -1);
}

static int count_free(struct v6fs *fs, unsigned bno, void *arg)
{
	(void)fs;
	(void)bno;
	(*(unsigned *)arg)++;
	return 0;
}

int v6fs_statfs(struct v6fs *fs, struct v6fs_df *df)
{
	memset(df, 0, sizeof *df);
	df->fsize = fs->sb.fsize;
	df->isize = fs->sb.isize;
	df->data_blocks = fs->sb.fsize - fs->sb.isize - 2u;
	df->inodes = ninodes(fs);
	uint8_t *seen = calloc(fs->nblocks, 1);
	if (!seen)
		return fs_fail(fs, "out of memory");
	int rc = freelist_walk(fs, seen, count_free, &df->free_blocks);
	free(seen);
	for (unsigned i = 1; i <= df->inodes; i++) {
		struct v6_inode ip;
		v6fs_iget(fs, i, &ip);
		df->free_inodes += ip.mode == 0;
	}
	return rc;
}

int v6fs_idbyname(struct v6fs *fs, const char *file, const char *name)
{
	uint8_t *data;
	size_t len, k = strlen(name);
	int id = -1;
	if (v6fs_readfile(fs, file, &data, &len) != 0)
		return -1;
	for (size_t i = 0; i < len && id < 0;) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		const char *line = (const char *)data + i;
		if (e - i > k && memcmp(line, name, k) == 0 && line[k] == ':') {
			const char *field = memchr(line + k + 1, ':', e - i - k - 1);
			/* The digits up to the line's end: data is not a C string. */
			for (const char *d = field ? field + 1 : line + (e - i); d < line + (e - i) &&
			     *d >= '0' && *d <= '9' && id < 256; d++)
				id = (id < 0 ? 0 : id * 10) + (*d - '0');
		}
		i = e + 1;
	}
	free(data);
	return id;
}
