/* ls, printing what V6's /bin/ls (/usr/source/s1/ls.c) prints: arguments
 * that are files first, then each directory's entries sorted by name;
 * -l adds "total", mode, links, owner, size or major,minor, date. */
#include "fsint.h"

#include <stdlib.h>
#include <string.h>

struct lent {
	const char *path;	/* as given, for arguments */
	char name[V6_DIRSIZ + 1];
	unsigned ino;
	int isarg;
	struct v6_inode ip;
};

struct lsctx {
	struct v6fs *fs;
	FILE *out;
	int flags;
	uint32_t now;
	uint8_t *passwd;
	size_t npasswd;
};

/* getname: the first /etc/passwd line whose third field is uid. */
static int getname(const struct lsctx *c, unsigned uid, char *buf, size_t len)
{
	if (!c->passwd)
		return -1;	/* no /etc/passwd (NULL + 0 is undefined) */
	const char *p = (const char *)c->passwd, *end = p + c->npasswd;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return -1;	/* V6 stops at a line without newline */
		const char *colon = memchr(p, ':', (size_t)(nl - p));
		unsigned n = 0;
		int field = 0;
		for (const char *q = p; q < nl; q++) {
			if (*q == ':')
				field++;
			else if (field == 2)
				n = n * 10 + (unsigned)(*q - '0');
		}
		if (n == uid) {
			size_t k = (size_t)((colon ? colon : nl) - p);
			snprintf(buf, len, "%.*s", (int)k, p);
			return 0;
		}
		p = nl + 1;
	}
	return -1;
}

static unsigned nblock(uint32_t size)
{
	unsigned n = size / 512 + (size % 512 != 0);
	return n > 8 ? n + (n + 255) / 256 : n;
}

static void pentry(const struct lsctx *c, const struct lent *e)
{
	FILE *out = c->out;
	if (c->flags & V6LS_INUM)
		fprintf(out, "%5d ", (int)e->ino);
	if (c->flags & V6LS_LONG) {
		const struct v6_inode *ip = &e->ip;
		char mode[12], name[64], date[26];
		v6fs_modestr(ip->mode, mode);
		fprintf(out, "%s%2d ", mode, (int8_t)ip->nlink);
		if (getname(c, ip->uid, name, sizeof name) == 0)
			fprintf(out, "%-6.6s", name);
		else
			fprintf(out, "%-6d", ip->uid);
		if (is_special(ip->mode))
			fprintf(out, "%3d,%3d", ip->addr[0] >> 8, ip->addr[0] & 0377);
		else
			fprintf(out, "%7u", (unsigned)ip->size);
		v6fs_ctime(ip->mtime, date);
		/* V6 compares the high words, unsigned: 245 * 65536 s is ~6 months. */
		if ((uint16_t)(ip->mtime >> 16) < (uint16_t)((c->now >> 16) - 245))
			fprintf(out, " %-7.7s %-4.4s ", date + 4, date + 20);
		else
			fprintf(out, " %-12.12s ", date + 4);
	}
	if (e->isarg)
		fprintf(out, "%s\n", e->path);
	else
		fprintf(out, "%.14s\n", e->name);
}

static int isdir(const struct lent *e) { return (e->ip.mode & IFMT) == IFDIR; }

/* compar: by name, comparing signed chars as the PDP-11 does. */
static int compar(const void *a, const void *b)
{
	const struct lent *p1 = a, *p2 = b;
	const signed char *s1 = (const signed char *)(p1->isarg ? p1->path : p1->name);
	const signed char *s2 = (const signed char *)(p2->isarg ? p2->path : p2->name);
	for (;; s1++, s2++)
		if (*s1 != *s2 || *s1 == 0)
			return *s1 - *s2;
}

/* Without -d, V6 puts directory arguments after all the others. */
static void sort_args(struct lent *e, size_t n, int dirs_last)
{
	qsort(e, n, sizeof *e, compar);
	if (!dirs_last)
		return;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && isdir(&e[j - 1]) && !isdir(&e[j]); j--) {
			struct lent t = e[j];
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
}

static int list_dir(struct lsctx *c, const struct lent *d, int header)
{
	struct v6_dirent *de;
	size_t n, k = 0;
	if (v6fs_readdir(c->fs, d->ino, &de, &n) < 0)
		return -1;
	struct lent *e = calloc(n + 1, sizeof *e);
	if (!e) {
		free(de);
		return fs_fail(c->fs, "out of memory");
	}
	if (header)
		fprintf(c->out, "\n%s:\n", d->path);
	unsigned total = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(c->flags & V6LS_ALL) && de[i].name[0] == '.')
			continue;
		struct lent *x = &e[k];
		memcpy(x->name, de[i].name, sizeof x->name);
		x->ino = de[i].ino;
		if (v6fs_iget(c->fs, x->ino, &x->ip) < 0) {
			fprintf(c->out, "%s/%s not found\n", d->path, x->name);
			continue;
		}
		total += nblock(x->ip.size);
		k++;
	}
	qsort(e, k, sizeof *e, compar);
	if (c->flags & V6LS_LONG)
		fprintf(c->out, "total %u\n", total);
	for (size_t i = 0; i < k; i++)
		pentry(c, &e[i]);
	free(e);
	free(de);
	return 0;
}

int v6fs_ls(struct v6fs *fs, FILE *out, const char *const *paths, int npaths, int flags, uint32_t now)
{
	static const char *const root[] = {"/"};
	if (npaths == 0) {
		paths = root;
		npaths = 1;
	}
	struct lsctx c = {.fs = fs, .out = out, .flags = flags, .now = now};
	if ((flags & V6LS_LONG) && v6fs_readfile(fs, "/etc/passwd", &c.passwd, &c.npasswd) < 0)
		c.passwd = NULL, c.npasswd = 0;
	struct lent *args = calloc((size_t)npaths, sizeof *args);
	int rc = args ? 0 : fs_fail(fs, "out of memory");
	for (int i = 0; rc == 0 && i < npaths; i++) {
		args[i].path = paths[i];
		args[i].isarg = 1;
		rc = v6fs_namei(fs, paths[i], &args[i].ino);
		if (rc == 0)
			rc = v6fs_iget(fs, args[i].ino, &args[i].ip);
	}
	if (rc == 0) {
		sort_args(args, (size_t)npaths, !(flags & V6LS_DIRS));
		for (int i = 0; rc == 0 && i < npaths; i++) {
			if (isdir(&args[i]) && !(flags & V6LS_DIRS))
				rc = list_dir(&c, &args[i], npaths > 1);
			else
				pentry(&c, &args[i]);
		}
	}
	free(args);
	free(c.passwd);
	return rc;
}
