/* Fuzz target: the v6fs library on corrupted file system images.
 *
 * The input is an image. If v6fs_open_mem takes it, everything a user of
 * the library can do is done to it: ls -l, walk the tree reading files,
 * icheck/dcheck, then changes (put a small and a large file, mkdir,
 * mknod, chown, unlink, rmdir), and the check again. Changes go to the
 * copy in memory only: the harness makes that copy writable through the
 * library's internal header, as v6fs_open(RDWR) would.
 *
 * Beyond not crashing: an image that checks clean must still check clean
 * after changes that succeeded, and a file put must read back as put. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsint.h"
#include "mkdisks.h"

enum { WALK_MAX = 64, READ_MAX = 65536, FIXED_TIME = 200000000 };

static FILE *devnull;
static uint8_t pattern[6000];

static void quiet(void *arg, const char *line) { (void)arg, (void)line; }

static void read_some(struct v6fs *fs, const char *path)
{
	unsigned ino;
	struct v6_inode ip;
	if (v6fs_namei(fs, path, &ino) < 0 || v6fs_iget(fs, ino, &ip) < 0)
		return;
	if ((ip.mode & IFMT) == IFDIR) {
		struct v6_dirent *ents;
		size_t n;
		if (v6fs_readdir(fs, ino, &ents, &n) == 0)
			free(ents);
	} else if (ip.size <= READ_MAX) {
		uint8_t *data;
		size_t len;
		if (v6fs_readfile(fs, path, &data, &len) == 0)
			free(data);
	} else {
		static uint8_t buf[4096];
		v6fs_read(fs, ino, 0, buf, sizeof buf);
		v6fs_read(fs, ino, ip.size - 100, buf, sizeof buf);
	}
}

/* The root and the directories in it, one level down. */
static void walk(struct v6fs *fs)
{
	struct v6_dirent *top;
	size_t ntop;
	if (v6fs_readdir(fs, V6_ROOTINO, &top, &ntop) < 0)
		return;
	for (size_t i = 0; i < ntop && i < WALK_MAX; i++) {
		char path[64];
		snprintf(path, sizeof path, "/%s", top[i].name);
		read_some(fs, path);
		unsigned ino;
		struct v6_dirent *sub;
		size_t nsub;
		if (strcmp(top[i].name, ".") == 0 || strcmp(top[i].name, "..") == 0 ||
		    v6fs_namei(fs, path, &ino) < 0 || v6fs_readdir(fs, ino, &sub, &nsub) < 0)
			continue;
		for (size_t k = 0; k < nsub && k < WALK_MAX; k++) {
			char p2[96];
			snprintf(p2, sizeof p2, "%s/%s", path, sub[k].name);
			read_some(fs, p2);
		}
		free(sub);
	}
	free(top);
}

static void put_and_check(struct v6fs *fs, size_t len)
{
	const struct v6fs_owner own = { .perm = 0644, .uid = 3, .gid = 3 };
	if (v6fs_writefile(fs, "/fuzzput", pattern, len, &own) < 0)
		return;
	uint8_t *back;
	size_t blen;
	if (v6fs_readfile(fs, "/fuzzput", &back, &blen) < 0)
		abort();	/* just written */
	if (blen != len || (len && memcmp(back, pattern, len) != 0))
		abort();	/* read back differs from what was put */
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		for (size_t i = 0; i < sizeof pattern; i++)
			pattern[i] = (uint8_t)(i * 7 + i / 511);
	}
	/* The same bytes as a SHA256SUMS manifest (its first line at least). */
	char *text = malloc(size + 1), want[65];
	if (text) {
		memcpy(text, data, size);
		text[size] = 0;
		v6_manifest_sum(text, "v6root", want);
		free(text);
	}
	char err[256];
	struct v6fs *fs = v6fs_open_mem(data, size, "fuzz", err, sizeof err);
	if (!fs)
		return 0;
	v6fs_settime(fs, FIXED_TIME);
	v6fs_idbyname(fs, "/etc/passwd", "bin");	/* whatever /etc/passwd holds */
	v6fs_idbyname(fs, "/etc/group", "");
	struct v6fs_df df;
	v6fs_statfs(fs, &df);
	const char *root[] = { "/" };
	v6fs_ls(fs, devnull, root, 1, V6LS_LONG | V6LS_ALL | V6LS_INUM, FIXED_TIME);
	walk(fs);
	struct v6fs_counts counts;
	int clean = v6fs_check(fs, quiet, NULL, &counts) == 0;

	fs->writable = 1;
	const struct v6fs_owner own = { .perm = 0755, .uid = 3, .gid = 3 };
	put_and_check(fs, 1500);
	put_and_check(fs, sizeof pattern);	/* more than 8 blocks: a large file */
	v6fs_mkdir(fs, "/fuzzdir", &own);
	v6fs_writefile(fs, "/fuzzdir/f", pattern, 100, &own);
	v6fs_mknod(fs, "/fuzzdir/n", 'c', 1, 2, &own);
	v6fs_chown(fs, "/fuzzdir/f", 0600, 1, 1);
	v6fs_unlink(fs, "/fuzzdir/f");
	v6fs_unlink(fs, "/fuzzdir/n");
	v6fs_rmdir(fs, "/fuzzdir");
	v6fs_bootblock(fs, pattern, 512);
	int after = v6fs_check(fs, quiet, NULL, NULL);
	if (clean && after != 0)
		abort();	/* changes broke a clean file system */
	v6fs_close(fs);
	return 0;
}
