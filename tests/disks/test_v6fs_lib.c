/* The V6 file system library on scratch images it makes itself: files of
 * every shape, big directories, freeing, full disks, broken images, and a
 * long random run against a model of what the tree should hold. */
#define _GNU_SOURCE	/* nftw */
#include "fstest.h"
#include "sha256.h"

static char dir[256];

static void setup(void) { scratch_dir(dir, sizeof dir); }
static void teardown(void) { remove_tree(dir); }

static const struct v6fs_owner own = {.perm = 0644};

static struct v6fs *fresh(const char *name, unsigned fsize, unsigned isize)
{
	char path[512], err[300];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg(v6fs_mkfs(path, fsize, isize, err, sizeof err) == 0, "mkfs: %s", err);
	struct v6fs *fs = v6fs_open(path, V6FS_RDWR, err, sizeof err);
	ck_assert_msg(fs != NULL, "open: %s", err);
	assert_clean(fs);
	return fs;
}

static struct v6fs *reopen(struct v6fs *fs, int mode)
{
	char path[512], err[300];
	snprintf(path, sizeof path, "%s", v6fs_name(fs));
	int rc = v6fs_sync(fs);	/* a read-only fs has nothing to write */
	ck_assert_msg(rc == 0 || strstr(v6fs_error(fs), "read-only"), "sync: %s", v6fs_error(fs));
	v6fs_close(fs);
	fs = v6fs_open(path, mode, err, sizeof err);
	ck_assert_msg(fs != NULL, "reopen: %s", err);
	return fs;
}

static void assert_file(struct v6fs *fs, const char *path, const uint8_t *want, size_t len)
{
	uint8_t *got;
	size_t n;
	ck_assert_msg(v6fs_readfile(fs, path, &got, &n) == 0, "%s: %s", path, v6fs_error(fs));
	ck_assert_msg(n == len, "%s: %zu bytes, want %zu", path, n, len);
	ck_assert_msg(len == 0 || memcmp(got, want, len) == 0, "%s: contents differ", path);
	free(got);
}

static struct v6_inode inode_of(struct v6fs *fs, const char *path)
{
	unsigned ino;
	struct v6_inode ip;
	ck_assert_msg(v6fs_namei(fs, path, &ino) == 0, "%s: %s", path, v6fs_error(fs));
	ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
	return ip;
}

static struct v6fs_df df(struct v6fs *fs)
{
	struct v6fs_df d;
	ck_assert_int_eq(v6fs_statfs(fs, &d), 0);
	return d;
}

/* A copy of the image as it is now, to prove a failed call changed nothing. */
static uint8_t *snapshot(struct v6fs *fs, size_t *len)
{
	const uint8_t *img = v6fs_image(fs, len);
	uint8_t *copy = malloc(*len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, img, *len);
	return copy;
}

static void assert_unchanged(struct v6fs *fs, const uint8_t *before, size_t len, const char *what)
{
	size_t n;
	const uint8_t *img = v6fs_image(fs, &n);
	ck_assert_uint_eq(n, len);
	ck_assert_msg(memcmp(img, before, len) == 0, "%s changed the image although it failed", what);
}

#define ASSERT_FAILS_CLEANLY(fs, call, text)                                                      \
	do {                                                                                      \
		size_t len_;                                                                      \
		uint8_t *before_ = snapshot(fs, &len_);                                           \
		ck_assert_msg((call) < 0, "%s succeeded", #call);                                 \
		ck_assert_msg(strstr(v6fs_error(fs), text), "%s: error \"%s\" lacks \"%s\"", #call, \
			      v6fs_error(fs), text);                                              \
		assert_unchanged(fs, before_, len_, #call);                                       \
		free(before_);                                                                    \
	} while (0)

/* ---- files of every size ---- */

START_TEST(round_trips_small_large_huge)
{
	/* 8 blocks fit in i_addr (small); more need indirect blocks (large);
	 * past 7*256 blocks i_addr[7] is double indirect (huge). */
	static const size_t sizes[] = {0, 1, 511, 512, 513, 4096, 4097, 70000, 917504, 917505, 1200000};
	enum { N = sizeof sizes / sizeof sizes[0] };
	uint8_t *data[N];
	struct v6fs *fs = fresh("rt", 20000, 200);
	for (int i = 0; i < N; i++) {
		char path[32];
		snprintf(path, sizeof path, "/f%zu", sizes[i]);
		data[i] = random_bytes(sizes[i], (uint32_t)i + 1);
		ck_assert_msg(v6fs_writefile(fs, path, data[i], sizes[i], &own) == 0, "%s", v6fs_error(fs));
		struct v6_inode ip = inode_of(fs, path);
		size_t blocks = (sizes[i] + 511) / 512;
		ck_assert_uint_eq(ip.size, sizes[i]);
		ck_assert_msg(!!(ip.mode & ILARG) == (blocks > 8), "%s: ILARG %o", path, ip.mode);
		ck_assert_msg(!!(ip.mode & ILARG && ip.addr[7]) == (blocks > 7 * 256), "%s: addr[7] %u",
			      path, ip.addr[7]);
		ck_assert_uint_eq(ip.mode & 07777, 0644);
		ck_assert_uint_eq(ip.nlink, 1);
	}
	assert_clean(fs);
	fs = reopen(fs, V6FS_RDONLY);
	assert_clean(fs);
	for (int i = 0; i < N; i++) {
		char path[32];
		snprintf(path, sizeof path, "/f%zu", sizes[i]);
		assert_file(fs, path, data[i], sizes[i]);
	}
	/* A read from the middle crosses block and indirect boundaries. */
	unsigned ino;
	uint8_t buf[3000];
	ck_assert_int_eq(v6fs_namei(fs, "/f1200000", &ino), 0);
	ck_assert_int_eq(v6fs_read(fs, ino, 7 * 256 * 512 - 1000, buf, sizeof buf), (long)sizeof buf);
	ck_assert(memcmp(buf, data[N - 1] + 7 * 256 * 512 - 1000, sizeof buf) == 0);
	ck_assert_int_eq(v6fs_read(fs, ino, 1200000 - 10, buf, sizeof buf), 10);

	/* Replacing keeps the inode and frees what the old contents held. */
	fs = reopen(fs, V6FS_RDWR);
	struct v6fs_df before = df(fs);
	ck_assert_int_eq(v6fs_writefile(fs, "/f1200000", data[1], 1, &own), 0);
	unsigned again;
	ck_assert_uint_eq(v6fs_namei(fs, "/f1200000", &again), 0);
	ck_assert_uint_eq(again, ino);
	struct v6_inode ip = inode_of(fs, "/f1200000");
	ck_assert_uint_eq(ip.size, 1);
	ck_assert(!(ip.mode & ILARG));
	ck_assert_uint_eq(df(fs).free_blocks, before.free_blocks + 2344 + 7 + 1 + 3 - 1);
	assert_file(fs, "/f1200000", data[1], 1);
	assert_clean(fs);
	for (int i = 0; i < N; i++)
		free(data[i]);
	v6fs_close(fs);
}
END_TEST

START_TEST(largest_file)
{
	/* i_size is 24 bits; bmap stops at block 077777. */
	struct v6fs *fs = fresh("max", V6_MAXFSIZE, 16);
	uint8_t *data = random_bytes(V6_MAXFILE + 1, 99);
	ck_assert_msg(v6fs_writefile(fs, "/max", data, V6_MAXFILE, &own) == 0, "%s", v6fs_error(fs));
	ck_assert_uint_eq(inode_of(fs, "/max").size, V6_MAXFILE);
	assert_clean(fs);
	fs = reopen(fs, V6FS_RDWR);
	assert_file(fs, "/max", data, V6_MAXFILE);
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/toolarge", data, V6_MAXFILE + 1, &own), "more than");
	free(data);
	v6fs_close(fs);
}
END_TEST

/* ---- directories ---- */

START_TEST(directory_with_hundreds_of_entries)
{
	struct v6fs *fs = fresh("dirs", 4000, 64);
	struct v6fs_df empty = df(fs);
	struct v6fs_owner dmode = {.perm = 0755};
	ck_assert_int_eq(v6fs_mkdir(fs, "/d", &dmode), 0);
	for (int i = 0; i < 600; i++) {
		char path[32], body[16];
		snprintf(path, sizeof path, "/d/n%03d", i);
		int n = snprintf(body, sizeof body, "%d\n", i);
		ck_assert_msg(v6fs_writefile(fs, path, body, (size_t)n, &own) == 0, "%s", v6fs_error(fs));
	}
	struct v6_inode d = inode_of(fs, "/d");
	ck_assert_uint_eq(d.size, 602 * 16);
	ck_assert(d.mode & ILARG);	/* more than 8 blocks of entries */
	ck_assert_uint_eq(d.nlink, 2);
	ck_assert_uint_eq(inode_of(fs, "/").nlink, 3);
	struct v6_dirent *e;
	size_t n;
	ck_assert_int_eq(v6fs_namei(fs, "/d", &(unsigned){0}), 0);
	unsigned dino;
	v6fs_namei(fs, "/d", &dino);
	ck_assert_int_eq(v6fs_readdir(fs, dino, &e, &n), 0);
	ck_assert_uint_eq(n, 602);
	ck_assert_str_eq(e[0].name, ".");
	ck_assert_uint_eq(e[0].ino, dino);
	ck_assert_str_eq(e[1].name, "..");
	ck_assert_uint_eq(e[1].ino, V6_ROOTINO);
	free(e);
	assert_clean(fs);
	fs = reopen(fs, V6FS_RDWR);
	for (int i = 0; i < 600; i++) {
		char path[32], body[16];
		snprintf(path, sizeof path, "/d/n%03d", i);
		int len = snprintf(body, sizeof body, "%d\n", i);
		assert_file(fs, path, (uint8_t *)body, (size_t)len);
	}

	/* Removed names leave free slots that new names fill first. */
	for (int i = 0; i < 600; i += 2) {
		char path[32];
		snprintf(path, sizeof path, "/d/n%03d", i);
		ck_assert_int_eq(v6fs_unlink(fs, path), 0);
	}
	assert_clean(fs);
	for (int i = 0; i < 300; i++) {
		char path[32];
		snprintf(path, sizeof path, "/d/new%d", i);
		ck_assert_int_eq(v6fs_writefile(fs, path, "x", 1, &own), 0);
	}
	ck_assert_uint_eq(inode_of(fs, "/d").size, 602 * 16);
	ASSERT_FAILS_CLEANLY(fs, v6fs_rmdir(fs, "/d"), "not empty");

	/* Hundreds of subdirectories: each one's .. is a link to the parent. */
	ck_assert_int_eq(v6fs_mkdir(fs, "/s", &dmode), 0);
	for (int i = 0; i < 200; i++) {
		char path[32];
		snprintf(path, sizeof path, "/s/sub%d", i);
		ck_assert_int_eq(v6fs_mkdir(fs, path, &dmode), 0);
	}
	ck_assert_uint_eq(inode_of(fs, "/s").nlink, 202);
	assert_clean(fs);
	for (int i = 0; i < 200; i++) {
		char path[32];
		snprintf(path, sizeof path, "/s/sub%d", i);
		ck_assert_int_eq(v6fs_rmdir(fs, path), 0);
	}
	ck_assert_uint_eq(inode_of(fs, "/s").nlink, 2);
	ck_assert_int_eq(v6fs_rmdir(fs, "/s"), 0);

	ck_assert_int_eq(v6fs_namei(fs, "/d", &dino), 0);
	ck_assert_int_eq(v6fs_readdir(fs, dino, &e, &n), 0);
	for (size_t i = 2; i < n; i++) {
		char path[32];
		snprintf(path, sizeof path, "/d/%s", e[i].name);
		ck_assert_msg(v6fs_unlink(fs, path) == 0, "%s", v6fs_error(fs));
	}
	free(e);
	ck_assert_int_eq(v6fs_rmdir(fs, "/d"), 0);
	assert_clean(fs);
	struct v6fs_df after = df(fs);
	ck_assert_uint_eq(after.free_blocks, empty.free_blocks);
	ck_assert_uint_eq(after.free_inodes, empty.free_inodes);
	ck_assert_uint_eq(inode_of(fs, "/").nlink, 2);
	v6fs_close(fs);
}
END_TEST

START_TEST(directory_ends_at_64k)
{
	/* V6's namei sizes a directory by i_size1 alone: 4095 entries. */
	struct v6fs *fs = fresh("dir64k", 3000, 260);
	struct v6fs_owner d = {.perm = 0755};
	ck_assert_int_eq(v6fs_mkdir(fs, "/d", &d), 0);
	for (int i = 0; i < 4093; i++) {
		char path[32];
		snprintf(path, sizeof path, "/d/%d", i);
		ck_assert_msg(v6fs_mknod(fs, path, 'c', 1, 1, &own) == 0, "%s: %s", path, v6fs_error(fs));
	}
	ck_assert_uint_eq(inode_of(fs, "/d").size, 4095 * 16);
	ASSERT_FAILS_CLEANLY(fs, v6fs_mknod(fs, "/d/one-more", 'c', 1, 1, &own), "directory full");
	ck_assert_int_eq(v6fs_unlink(fs, "/d/17"), 0);
	ck_assert_int_eq(v6fs_mknod(fs, "/d/one-more", 'c', 1, 1, &own), 0);
	assert_clean(fs);
	v6fs_close(fs);
}
END_TEST

START_TEST(rm_frees_every_block)
{
	struct v6fs *fs = fresh("rm", 8000, 40);
	struct v6fs_df before = df(fs);
	static const size_t sizes[] = {1200000, 70000, 4096, 1, 0, 513};
	struct v6fs_owner d = {.perm = 0777};
	ck_assert_int_eq(v6fs_mkdir(fs, "/a", &d), 0);
	ck_assert_int_eq(v6fs_mkdir(fs, "/a/b", &d), 0);
	for (int i = 0; i < 6; i++) {
		char path[32];
		snprintf(path, sizeof path, "/a/b/f%d", i);
		uint8_t *data = random_bytes(sizes[i], (uint32_t)i + 7);
		ck_assert_int_eq(v6fs_writefile(fs, path, data, sizes[i], &own), 0);
		free(data);
	}
	ck_assert_int_eq(v6fs_mknod(fs, "/a/dev", 'b', 0, 1, &own), 0);
	ck_assert_uint_lt(df(fs).free_blocks, before.free_blocks - 2400);
	fs = reopen(fs, V6FS_RDWR);
	assert_clean(fs);
	for (int i = 0; i < 6; i++) {
		char path[32];
		snprintf(path, sizeof path, "/a/b/f%d", i);
		ck_assert_int_eq(v6fs_unlink(fs, path), 0);
	}
	ck_assert_int_eq(v6fs_unlink(fs, "/a/dev"), 0);
	ck_assert_int_eq(v6fs_rmdir(fs, "/a/b"), 0);
	ck_assert_int_eq(v6fs_rmdir(fs, "/a"), 0);
	struct v6fs_df after = df(fs);
	ck_assert_uint_eq(after.free_blocks, before.free_blocks);
	ck_assert_uint_eq(after.free_inodes, before.free_inodes);
	assert_clean(fs);
	v6fs_close(fs);
}
END_TEST

/* ---- failures change nothing ---- */

START_TEST(disk_full_fails_cleanly)
{
	struct v6fs *fs = fresh("full", 300, 2);
	uint8_t *data = random_bytes(300 * 512, 5);
	ck_assert_int_eq(v6fs_writefile(fs, "/a", data, 20000, &own), 0);
	ck_assert_int_eq(v6fs_writefile(fs, "/b", data, 30000, &own), 0);
	ck_assert_int_eq(v6fs_unlink(fs, "/a"), 0);	/* free list no longer in order */
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/big", data, 200000, &own), "full");
	/* Replacing with something too big keeps the old contents. */
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/b", data, 200000, &own), "full");
	assert_file(fs, "/b", data, 30000);

	/* The largest file that fits takes (nearly) every block; one more fails. */
	size_t len = (size_t)df(fs).free_blocks * 512;
	for (; len > 0; len -= 512) {
		size_t n;
		uint8_t *before = snapshot(fs, &n);
		int rc = v6fs_writefile(fs, "/fill", data, len, &own);
		if (rc < 0)
			assert_unchanged(fs, before, n, "a write that did not fit");
		free(before);
		if (rc == 0)
			break;
	}
	ck_assert_uint_le(df(fs).free_blocks, 1);
	assert_clean(fs);
	ck_assert_int_eq(v6fs_writefile(fs, "/one", data, 1, &own), df(fs).free_blocks ? 0 : -1);
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/two", data, 1024, &own), "full");
	struct v6fs_owner d = {.perm = 0777};
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/dir", &d), "full");
	assert_clean(fs);

	/* Nothing reached the file from the failed calls either. */
	fs = reopen(fs, V6FS_RDWR);
	assert_file(fs, "/fill", data, len);
	ck_assert_int_eq(v6fs_unlink(fs, "/fill"), 0);
	ck_assert_int_ne(v6fs_namei(fs, "/big", &(unsigned){0}), 0);
	assert_clean(fs);
	free(data);
	v6fs_close(fs);
}
END_TEST

START_TEST(inode_table_full_fails_cleanly)
{
	struct v6fs *fs = fresh("inodes", 400, 1);	/* 16 inodes, the root is one */
	struct v6fs_owner d = {.perm = 0777};
	for (int i = 0; i < 15; i++) {
		char path[16];
		snprintf(path, sizeof path, "/f%d", i);
		ck_assert_msg(v6fs_writefile(fs, path, "abc", 3, &own) == 0, "%s", v6fs_error(fs));
	}
	ck_assert_uint_eq(df(fs).free_inodes, 0);
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/f15", "abc", 3, &own), "out of inodes");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/d", &d), "out of inodes");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mknod(fs, "/n", 'c', 1, 2, &own), "out of inodes");
	assert_clean(fs);
	ck_assert_int_eq(v6fs_unlink(fs, "/f3"), 0);
	ck_assert_int_eq(v6fs_mkdir(fs, "/d", &d), 0);
	assert_clean(fs);
	v6fs_close(fs);
}
END_TEST

START_TEST(bad_requests_fail_cleanly)
{
	struct v6fs *fs = fresh("bad", 500, 4);
	struct v6fs_owner d = {.perm = 0755};
	ck_assert_int_eq(v6fs_mkdir(fs, "/d", &d), 0);
	ck_assert_int_eq(v6fs_writefile(fs, "/f", "x", 1, &own), 0);
	ck_assert_int_eq(v6fs_writefile(fs, "/d/abcdefghijklmn", "x", 1, &own), 0);
	assert_file(fs, "/d/abcdefghijklmn", (const uint8_t *)"x", 1);
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/d/abcdefghijklmno", "x", 1, &own), "longer than 14");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/abcdefghijklmno/x", &d), "longer than 14");
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/nodir/x", "x", 1, &own), "no such");
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/f/x", "x", 1, &own), "not a directory");
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/d", "x", 1, &own), "is a directory");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/d", &d), "exists");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/nodir/d", &d), "no such");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mkdir(fs, "/", &d), "root");
	ASSERT_FAILS_CLEANLY(fs, v6fs_rmdir(fs, "/f"), "not a directory");
	ASSERT_FAILS_CLEANLY(fs, v6fs_rmdir(fs, "/d"), "not empty");
	ASSERT_FAILS_CLEANLY(fs, v6fs_rmdir(fs, "/d/.."), ". or ..");
	ASSERT_FAILS_CLEANLY(fs, v6fs_unlink(fs, "/d"), "is a directory");
	ASSERT_FAILS_CLEANLY(fs, v6fs_unlink(fs, "/missing"), "no such");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mknod(fs, "/f", 'b', 0, 0, &own), "exists");
	ASSERT_FAILS_CLEANLY(fs, v6fs_mknod(fs, "/x", 'b', 256, 0, &own), "0-255");
	uint8_t big[513] = {0};
	ASSERT_FAILS_CLEANLY(fs, v6fs_bootblock(fs, big, sizeof big), "block 0");
	assert_clean(fs);
	v6fs_close(fs);
}
END_TEST

START_TEST(special_files_and_owners)
{
	struct v6fs *fs = fresh("spcl", 500, 4);
	struct v6fs_owner o = {.perm = 0640, .uid = 3, .gid = 7, .mtime = 174929129};
	ck_assert_int_eq(v6fs_mknod(fs, "/rk1", 'b', 0, 1, &o), 0);
	ck_assert_int_eq(v6fs_mknod(fs, "/rrk2", 'c', 9, 2, &o), 0);
	struct v6_inode b = inode_of(fs, "/rk1"), c = inode_of(fs, "/rrk2");
	ck_assert_uint_eq(b.mode, IALLOC | IFBLK | 0640);
	ck_assert_uint_eq(b.addr[0], 0 << 8 | 1);
	ck_assert_uint_eq(c.mode, IALLOC | IFCHR | 0640);
	ck_assert_uint_eq(c.addr[0], 9 << 8 | 2);
	ck_assert_uint_eq(b.uid, 3);
	ck_assert_uint_eq(b.gid, 7);
	ck_assert_uint_eq(b.mtime, 174929129);
	ck_assert_int_lt(v6fs_readfile(fs, "/rk1", &(uint8_t *){0}, &(size_t){0}), 0);
	ASSERT_FAILS_CLEANLY(fs, v6fs_writefile(fs, "/rk1", "x", 1, &own), "special");
	ck_assert_int_eq(v6fs_chown(fs, "/rk1", 0600, 9, -1), 0);
	b = inode_of(fs, "/rk1");
	ck_assert_uint_eq(b.mode, IALLOC | IFBLK | 0600);
	ck_assert_uint_eq(b.uid, 9);
	ck_assert_uint_eq(b.gid, 7);
	assert_clean(fs);
	ck_assert_int_eq(v6fs_unlink(fs, "/rk1"), 0);	/* no blocks to free: addr[0] is a device */
	assert_clean(fs);
	v6fs_close(fs);
}
END_TEST

/* ---- broken images ---- */

static char *make_image(const char *name, unsigned fsize, unsigned isize)
{
	static char path[512];
	char err[300];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_int_eq(v6fs_mkfs(path, fsize, isize, err, sizeof err), 0);
	return path;
}

static void poke16(const char *path, long off, unsigned v)
{
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
	fseek(f, off, SEEK_SET);
	ck_assert_uint_eq(fwrite(b, 1, 2, f), 2);
	fclose(f);
}

static unsigned peek16(const char *path, long off)
{
	size_t n;
	uint8_t *p = read_host(path, &n);
	unsigned v = p[off] | p[off + 1] << 8;
	free(p);
	return v;
}

static void assert_refused(const char *path, const char *text)
{
	char err[300] = "";
	struct v6fs *fs = v6fs_open(path, V6FS_RDONLY, err, sizeof err);
	ck_assert_msg(fs == NULL, "%s opened although broken", path);
	ck_assert_msg(strstr(err, text) != NULL, "error \"%s\" lacks \"%s\"", err, text);
	ck_assert_msg(strchr(err, '\n') == NULL, "error is not one line: %s", err);
}

START_TEST(broken_images_are_refused)
{
	char *p = make_image("trunc", 1000, 10);
	ck_assert_int_eq(truncate(p, 300 * 512), 0);
	assert_refused(p, "holds only 300");
	ck_assert_int_eq(truncate(p, 100), 0);
	assert_refused(p, "too small");
	ck_assert_int_eq(truncate(p, 0), 0);
	assert_refused(p, "too small");

	p = make_image("zero", 1000, 10);
	uint8_t zero[512] = {0};
	FILE *f = fopen(p, "r+b");
	fseek(f, 512, SEEK_SET);
	fwrite(zero, 1, 512, f);
	fclose(f);
	assert_refused(p, "s_isize is 0");

	p = make_image("isize", 1000, 10);
	poke16(p, 512 + 0, 999);	/* s_isize */
	assert_refused(p, "no data blocks");
	poke16(p, 512 + 0, 10);
	poke16(p, 512 + 4, 101);	/* s_nfree */
	assert_refused(p, "more than 100");
	poke16(p, 512 + 4, 50);
	poke16(p, 512 + 206, 101);	/* s_ninode */
	assert_refused(p, "more than 100");

	p = make_image("range", 1000, 10);
	unsigned nfree = peek16(p, 512 + 4);
	poke16(p, 512 + 6 + 2 * (nfree - 1), 5);	/* a "free" block inside the inodes */
	assert_refused(p, "outside");
	poke16(p, 512 + 6 + 2 * (nfree - 1), 1000);	/* past the end */
	assert_refused(p, "outside");

	/* The chain block's link pointing back at itself: a loop. */
	p = make_image("loop", 1000, 10);
	unsigned head = peek16(p, 512 + 6);
	ck_assert_uint_ne(head, 0);
	unsigned next = peek16(p, (long)head * 512 + 2);
	ck_assert_uint_ne(next, 0);
	poke16(p, (long)head * 512 + 2, head);
	assert_refused(p, "twice");
	/* ... or further down the chain, back to the head. */
	poke16(p, (long)head * 512 + 2, next);
	poke16(p, (long)next * 512 + 2, head);
	assert_refused(p, "twice");
	poke16(p, (long)next * 512, 500);	/* a chain block's count */
	assert_refused(p, "more than 100");
}
END_TEST

/* A block on the free list that a file holds, or that two files hold,
 * would be handed out again: such an image opens, reads, and refuses every
 * change with the block named. */
START_TEST(shared_blocks_refuse_changes)
{
	struct v6fs *fs = fresh("dup", 1000, 10);
	uint8_t *data = random_bytes(1500, 9);
	ck_assert_int_eq(v6fs_writefile(fs, "/a", data, 1500, &own), 0);
	ck_assert_int_eq(v6fs_writefile(fs, "/b", data, 600, &own), 0);
	unsigned ablk = inode_of(fs, "/a").addr[0];
	unsigned bino;
	ck_assert_int_eq(v6fs_namei(fs, "/b", &bino), 0);
	fs = reopen(fs, V6FS_RDWR);
	char path[512];
	snprintf(path, sizeof path, "%s", v6fs_name(fs));
	v6fs_close(fs);

	/* /a's first block as the next one to allocate. */
	unsigned nfree = peek16(path, 512 + 4);
	unsigned was = peek16(path, 512 + 6 + 2 * (nfree - 1));
	poke16(path, 512 + 6 + 2 * (nfree - 1), ablk);
	char err[300];
	fs = v6fs_open(path, V6FS_RDWR, err, sizeof err);
	ck_assert_msg(fs != NULL, "open: %s", err);
	ck_assert_int_lt(v6fs_writefile(fs, "/c", data, 1500, &own), 0);
	char want[64];
	snprintf(want, sizeof want, "block %u", ablk);
	ck_assert_msg(strstr(v6fs_error(fs), "damaged") && strstr(v6fs_error(fs), want),
		      "error: %s", v6fs_error(fs));
	ck_assert_int_lt(v6fs_unlink(fs, "/b"), 0);
	assert_file(fs, "/a", data, 1500);
	v6fs_close(fs);

	/* /b's first block also /a's: two files. */
	poke16(path, 512 + 6 + 2 * (nfree - 1), was);
	long baddr = (2 + (long)(bino - 1) / 16) * 512 + (long)(bino - 1) % 16 * 32 + 8;	/* i_addr[0] */
	poke16(path, baddr, ablk);
	fs = v6fs_open(path, V6FS_RDWR, err, sizeof err);
	ck_assert_msg(fs != NULL, "open: %s", err);
	ck_assert_int_lt(v6fs_unlink(fs, "/b"), 0);
	ck_assert_msg(strstr(v6fs_error(fs), "also in inode"), "error: %s", v6fs_error(fs));
	ck_assert_int_lt(v6fs_writefile(fs, "/c", data, 10, &own), 0);
	assert_file(fs, "/a", data, 1500);
	v6fs_close(fs);
	free(data);
}
END_TEST

/* Walk everything reachable, as a user of a damaged image would. */
static void walk(struct v6fs *fs, unsigned ino, int depth)
{
	struct v6_dirent *e;
	size_t n;
	if (depth > 8 || v6fs_readdir(fs, ino, &e, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct v6_inode ip;
		uint8_t buf[1024];
		if (strcmp(e[i].name, ".") == 0 || strcmp(e[i].name, "..") == 0 || v6fs_iget(fs, e[i].ino, &ip) < 0)
			continue;
		if ((ip.mode & IFMT) == IFDIR)
			walk(fs, e[i].ino, depth + 1);
		else
			for (uint32_t off = 0; off < ip.size && off < 200000; off += 4096)
				v6fs_read(fs, e[i].ino, off, buf, sizeof buf);
	}
	free(e);
}

static size_t populated(uint8_t **img)
{
	struct v6fs *fs = fresh("pop", 1200, 4);
	struct v6fs_owner d = {.perm = 0755};
	static const size_t sizes[] = {100, 5000, 300000, 0, 700};
	ck_assert_int_eq(v6fs_mkdir(fs, "/d", &d), 0);
	ck_assert_int_eq(v6fs_mkdir(fs, "/d/e", &d), 0);
	for (int i = 0; i < 5; i++) {
		char path[32];
		snprintf(path, sizeof path, i % 2 ? "/d/f%d" : "/d/e/g%d", i);
		uint8_t *data = random_bytes(sizes[i], (uint32_t)i);
		ck_assert_int_eq(v6fs_writefile(fs, path, data, sizes[i], &own), 0);
		free(data);
	}
	for (int i = 0; i < 40; i++) {
		char path[32];
		snprintf(path, sizeof path, "/d/many%d", i);
		ck_assert_int_eq(v6fs_writefile(fs, path, "x", 1, &own), 0);
	}
	size_t len;
	*img = snapshot(fs, &len);
	v6fs_close(fs);
	return len;
}

START_TEST(damaged_images_do_not_crash)
{
	uint8_t *good;
	size_t len = populated(&good);
	uint8_t *img = malloc(len);
	uint32_t seed = 12345;
	int refused = 0, problems = 0;
	FILE *devnull = fopen("/dev/null", "w");
	for (int trial = 0; trial < 400; trial++) {
		memcpy(img, good, len);
		if (trial < 150) {
			/* Random super block: block 1 all noise, or just its lists. */
			size_t from = trial % 2 ? 512 : 512 + 4;
			for (size_t i = from; i < 1024; i++)
				img[i] = (uint8_t)rnd(&seed);
		} else {
			/* Noise in the inodes and the first data blocks (directories,
			 * indirect blocks, free list), and anywhere. */
			for (int k = 0; k < 24; k++) {
				size_t span = k < 16 ? 40 * 512 - 1024 : len - 1024;
				img[1024 + rnd(&seed) % span] = (uint8_t)rnd(&seed);
			}
		}
		char err[300] = "";
		struct v6fs *fs = v6fs_open_mem(img, len, "damaged", err, sizeof err);
		if (!fs) {
			ck_assert_msg(err[0] && !strchr(err, '\n'), "refused without a one-line reason");
			refused++;
			continue;
		}
		int n = v6fs_check(fs, NULL, NULL, NULL);
		ck_assert_int_ge(n, 0);
		problems += n > 0;
		walk(fs, V6_ROOTINO, 0);
		struct v6fs_df d;
		v6fs_statfs(fs, &d);
		v6fs_ls(fs, devnull, NULL, 0, V6LS_LONG | V6LS_ALL, 0);
		v6fs_close(fs);
	}
	/* The noise did reach both kinds of defence. */
	ck_assert_int_gt(refused, 50);
	ck_assert_int_gt(problems, 50);
	fclose(devnull);
	free(img);
	free(good);
}
END_TEST

START_TEST(damaged_images_refuse_or_survive_writes)
{
	uint8_t *good;
	size_t len = populated(&good);
	uint32_t seed = 777;
	char path[512];
	snprintf(path, sizeof path, "%s/w", dir);
	uint8_t *data = random_bytes(20000, 3);
	for (int trial = 0; trial < 150; trial++) {
		for (int k = 0; k < 12; k++)
			good[1024 + rnd(&seed) % (len - 1024)] = (uint8_t)rnd(&seed);
		write_host(path, good, len);
		char err[300];
		struct v6fs *fs = v6fs_open(path, V6FS_RDWR, err, sizeof err);
		if (!fs)
			continue;
		struct v6fs_owner d = {.perm = 0755};
		v6fs_writefile(fs, "/d/new", data, 20000, &own);
		v6fs_writefile(fs, "/d/e/g0", data, 7000, &own);
		v6fs_unlink(fs, "/d/f1");
		v6fs_mkdir(fs, "/d/x", &d);
		v6fs_rmdir(fs, "/d/e");
		v6fs_check(fs, NULL, NULL, NULL);
		v6fs_close(fs);	/* not synced: the file stays as it was */
		size_t n;
		uint8_t *after = read_host(path, &n);
		ck_assert(n == len && memcmp(after, good, len) == 0);
		free(after);
	}
	free(data);
	free(good);
}
END_TEST

/* ---- a long random run against a model ---- */

struct node {
	char path[200];
	int isdir, parent;	/* parent: index, -1 for the root */
	uint8_t *data;
	size_t len;
	int live;
};

struct model {
	struct node n[1200];
	int count;
};

static int children(const struct model *m, int d)
{
	int k = 0;
	for (int i = 0; i < m->count; i++)
		k += m->n[i].live && m->n[i].parent == d;
	return k;
}

static int find(const struct model *m, const char *path)
{
	for (int i = 0; i < m->count; i++)
		if (m->n[i].live && strcmp(m->n[i].path, path) == 0)
			return i;
	return -1;
}

static int pick(const struct model *m, uint32_t *seed, int isdir)
{
	int live[1200], k = 0;
	for (int i = 0; i < m->count; i++)
		if (m->n[i].live && m->n[i].isdir == isdir)
			live[k++] = i;
	return k ? live[rnd(seed) % (unsigned)k] : -1;
}

static void compare(struct v6fs *fs, const struct model *m)
{
	int nlive = 0;
	for (int i = 0; i < m->count; i++) {
		const struct node *x = &m->n[i];
		if (!x->live)
			continue;
		nlive++;
		if (!x->isdir) {
			assert_file(fs, x->path, x->data, x->len);
			continue;
		}
		unsigned ino;
		struct v6_dirent *e;
		size_t n;
		ck_assert_msg(v6fs_namei(fs, x->path, &ino) == 0, "%s: %s", x->path, v6fs_error(fs));
		ck_assert_int_eq(v6fs_readdir(fs, ino, &e, &n), 0);
		ck_assert_msg(n == 2u + (unsigned)children(m, i), "%s: %zu entries, model has %d", x->path,
			      n, 2 + children(m, i));
		free(e);
	}
	struct v6fs_df d = df(fs);
	ck_assert_uint_eq(d.inodes - d.free_inodes, (unsigned)nlive);
}

/* Blocks a file of len bytes takes: data, indirect, double indirect. */
static unsigned blocks_for(size_t len)
{
	unsigned n = (unsigned)((len + 511) / 512);
	if (n <= 8)
		return n;
	if (n <= 7 * 256)
		return n + (n + 255) / 256;
	return n + 7 + 1 + (n - 7 * 256 + 255) / 256;
}

static size_t random_size(uint32_t *seed)
{
	unsigned r = rnd(seed) % 100;
	if (r < 45)
		return rnd(seed) % 600;
	if (r < 70)
		return rnd(seed) % 5000;
	if (r < 95)
		return rnd(seed) % 40000;
	return 100000 + rnd(seed) % 400000;
}

static void random_name(uint32_t *seed, char *name, int len)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";
	for (int i = 0; i < len; i++)
		name[i] = set[rnd(seed) % (sizeof set - 1)];
	name[len] = 0;
}

START_TEST(random_operations_match_a_model)
{
	struct v6fs *fs = fresh("model", 3000, 16);	/* 1.5 MB, 256 inodes: fills up often */
	static struct model m;
	memset(&m, 0, sizeof m);
	m.n[0] = (struct node){.path = "", .isdir = 1, .parent = -1, .live = 1};
	m.count = 1;
	uint32_t seed = 20240601;
	uint8_t *pool = random_bytes(500000, 42);
	int ok[6] = {0}, full = 0, noinode = 0;
	size_t imglen;
	uint8_t *before = snapshot(fs, &imglen);
	for (int op = 1; op <= 3000; op++) {
		memcpy(before, v6fs_image(fs, &imglen), imglen);
		struct v6fs_df d0 = df(fs);
		unsigned r = rnd(&seed) % 100;
		int rc;
		if (r < 45) {	/* put: new file or replace */
			int parent = pick(&m, &seed, 1), i;
			char name[20], path[200];
			random_name(&seed, name, 1 + (int)(rnd(&seed) % 14));
			ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", m.n[parent].path, name), (int)sizeof path);
			size_t len = random_size(&seed);
			const uint8_t *data = pool + rnd(&seed) % (500000 - len + 1);
			i = find(&m, path);
			if (i >= 0 && m.n[i].isdir)
				continue;
			rc = v6fs_writefile(fs, path, data, len, &own);
			if (rc == 0) {
				if (i < 0) {
					ck_assert_int_lt(m.count, 1200);
					i = m.count++;
					m.n[i] = (struct node){.isdir = 0, .parent = parent, .live = 1};
					snprintf(m.n[i].path, sizeof m.n[i].path, "%s", path);
				}
				free(m.n[i].data);
				m.n[i].data = malloc(len ? len : 1);
				memcpy(m.n[i].data, data, len);
				m.n[i].len = len;
				ok[0]++;
			} else if (strstr(v6fs_error(fs), "out of inodes")) {
				ck_assert_int_lt(i, 0);
				ck_assert_uint_eq(d0.free_inodes, 0);
				noinode++;
			} else {
				ck_assert_msg(strstr(v6fs_error(fs), "full"), "put %s: %s", path, v6fs_error(fs));
				unsigned had = i >= 0 ? blocks_for(m.n[i].len) : 0;
				ck_assert_msg(d0.free_blocks + had < blocks_for(len) + 2,
					      "put %s (%zu bytes) said full with %u blocks free", path, len,
					      d0.free_blocks + had);
				full++;
			}
		} else if (r < 65) {	/* rm */
			int i = pick(&m, &seed, 0);
			if (i < 0)
				continue;
			rc = v6fs_unlink(fs, m.n[i].path);
			ck_assert_msg(rc == 0, "rm %s: %s", m.n[i].path, v6fs_error(fs));
			m.n[i].live = 0;
			free(m.n[i].data);
			m.n[i].data = NULL;
			ok[1]++;
		} else if (r < 80) {	/* mkdir */
			int parent = pick(&m, &seed, 1);
			char name[20], path[200];
			random_name(&seed, name, 1 + (int)(rnd(&seed) % 14));
			ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", m.n[parent].path, name), (int)sizeof path);
			if (strlen(path) >= sizeof m.n[0].path || find(&m, path) >= 0)
				continue;
			struct v6fs_owner dm = {.perm = 0777};
			rc = v6fs_mkdir(fs, path, &dm);
			if (rc == 0) {
				ck_assert_int_lt(m.count, 1200);
				int i = m.count++;
				m.n[i] = (struct node){.isdir = 1, .parent = parent, .live = 1};
				snprintf(m.n[i].path, sizeof m.n[i].path, "%s", path);
				ok[2]++;
			} else {
				ck_assert_msg(d0.free_inodes == 0 || d0.free_blocks < 3, "mkdir %s: %s", path,
					      v6fs_error(fs));
			}
		} else if (r < 95) {	/* rmdir */
			int i = pick(&m, &seed, 1);
			if (i <= 0)
				continue;
			rc = v6fs_rmdir(fs, m.n[i].path);
			if (children(&m, i) == 0) {
				ck_assert_msg(rc == 0, "rmdir %s: %s", m.n[i].path, v6fs_error(fs));
				m.n[i].live = 0;
				ok[3]++;
			} else {
				ck_assert_msg(rc < 0 && strstr(v6fs_error(fs), "not empty"), "rmdir %s",
					      m.n[i].path);
				ok[4]++;
			}
		} else {	/* a name V6 cannot hold */
			char name[20], path[200];
			random_name(&seed, name, 15);
			ck_assert_int_lt(snprintf(path, sizeof path, "%s/%s", m.n[pick(&m, &seed, 1)].path, name), (int)sizeof path);
			rc = v6fs_writefile(fs, path, pool, 10, &own);
			ck_assert_msg(rc < 0 && strstr(v6fs_error(fs), "longer than 14"), "put %s", path);
			ok[5]++;
		}
		if (rc < 0)
			assert_unchanged(fs, before, imglen, v6fs_error(fs));
		if (op % 100 == 0) {
			assert_clean(fs);
			compare(fs, &m);
		}
		if (op % 1000 == 0)
			fs = reopen(fs, V6FS_RDWR);
	}
	fs = reopen(fs, V6FS_RDONLY);
	assert_clean(fs);
	compare(fs, &m);
	/* The run went through every path, including both kinds of full. */
	for (int k = 0; k < 6; k++)
		ck_assert_msg(ok[k] > 20, "operation kind %d succeeded only %d times", k, ok[k]);
	ck_assert_int_gt(full, 10);
	ck_assert_int_gt(noinode, 10);
	for (int i = 0; i < m.count; i++)
		free(m.n[i].data);
	free(pool);
	free(before);
	v6fs_close(fs);
}
END_TEST

/* FIPS 180-4's examples, and lengths either side of the 56-byte padding edge
 * fed in uneven pieces. */
START_TEST(sha256_known_digests)
{
	static const struct {
		const char *in, *hex;
	} v[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
		 "lmnopqrsmnopqrstnopqrstu",
		 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct sha256 c;
		char hex[65];
		size_t n = strlen(v[i].in);
		sha256_init(&c);
		sha256_update(&c, v[i].in, n / 3);
		sha256_update(&c, v[i].in + n / 3, n - n / 3);
		sha256_hex(&c, hex);
		ck_assert_str_eq(hex, v[i].hex);
	}
	/* A million a's: many blocks. */
	struct sha256 c;
	char hex[65], a[1000];
	memset(a, 'a', sizeof a);
	sha256_init(&c);
	for (int i = 0; i < 1000; i++)
		sha256_update(&c, a, sizeof a);
	sha256_hex(&c, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("v6fs library");
	TCase *tc = tcase_create("scratch images");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, sha256_known_digests);
	tcase_add_test(tc, round_trips_small_large_huge);
	tcase_add_test(tc, largest_file);
	tcase_add_test(tc, directory_with_hundreds_of_entries);
	tcase_add_test(tc, directory_ends_at_64k);
	tcase_add_test(tc, rm_frees_every_block);
	tcase_add_test(tc, disk_full_fails_cleanly);
	tcase_add_test(tc, inode_table_full_fails_cleanly);
	tcase_add_test(tc, bad_requests_fail_cleanly);
	tcase_add_test(tc, special_files_and_owners);
	tcase_add_test(tc, broken_images_are_refused);
	tcase_add_test(tc, shared_blocks_refuse_changes);
	tcase_add_test(tc, damaged_images_do_not_crash);
	tcase_add_test(tc, damaged_images_refuse_or_survive_writes);
	tcase_add_test(tc, random_operations_match_a_model);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
