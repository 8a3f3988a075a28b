/* The stock V6 images read through the library and the v6fs command, the
 * command's errors and refusals, and the working disks the build makes
 * (mkdisks.cmake, run here into scratch directories).  Skipped (exit 77)
 * when the stock images are not there. */
#define _GNU_SOURCE	/* memmem, open_memstream, nftw */
#include "fstest.h"

#include <stdarg.h>
#include <sys/wait.h>

static char tmp[256];
static const char *stock;	/* directory of v6root, v6src, v6doc */

static void setup(void) { scratch_dir(tmp, sizeof tmp); }
static void teardown(void) { remove_tree(tmp); }

static void stock_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", stock, name);
}

static struct v6fs *open_ro(const char *path)
{
	char err[300];
	struct v6fs *fs = v6fs_open(path, V6FS_RDONLY, err, sizeof err);
	ck_assert_msg(fs != NULL, "%s: %s", path, err);
	return fs;
}

static struct v6fs *open_stock(const char *name)
{
	char p[512];
	stock_path(p, sizeof p, name);
	return open_ro(p);
}

/* Run a shell command; its output (stdout and stderr unless the command
 * redirects) into out.  Returns the exit status. */
__attribute__((format(printf, 3, 4)))
static int run(char *out, size_t outlen, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	size_t n = 0;
	for (size_t r; n + 1 < outlen && (r = fread(out + n, 1, outlen - 1 - n, p)) > 0;)
		n += r;
	out[n] = 0;
	char drain[4096];
	while (fread(drain, 1, sizeof drain, p) > 0)
		;
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* One line "v6fs: IMAGE: ..." mentioning text. */
static void assert_error_line(const char *err, const char *image, const char *text)
{
	char head[600];
	snprintf(head, sizeof head, "v6fs: %s: ", image);
	ck_assert_msg(strncmp(err, head, strlen(head)) == 0, "error \"%s\" does not start \"%s\"", err, head);
	ck_assert_msg(lines(err) == 1, "error is not one line: %s", err);
	ck_assert_msg(strstr(err, text), "error \"%s\" lacks \"%s\"", err, text);
}

static void copy_file(const char *from, const char *to)
{
	size_t n;
	uint8_t *p = read_host(from, &n);
	ck_assert_ptr_nonnull(p);
	write_host(to, p, n);
	free(p);
}

static int same_file(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	uint8_t *pa = read_host(a, &na), *pb = read_host(b, &nb);
	int same = pa && pb && na == nb && memcmp(pa, pb, na) == 0;
	free(pa);
	free(pb);
	return same;
}

/* ---- the stock images ---- */

START_TEST(stock_images_are_consistent)
{
	static const char *const names[] = {"v6root", "v6src", "v6doc"};
	for (int i = 0; i < 3; i++) {
		struct v6fs *fs = open_stock(names[i]);
		struct v6fs_counts c;
		ck_assert_int_eq(v6fs_check(fs, report_line, NULL, &c), 0);
		struct v6fs_df d;
		ck_assert_int_eq(v6fs_statfs(fs, &d), 0);
		ck_assert_uint_eq(d.fsize, 4000);
		ck_assert_uint_eq(c.used + c.free, d.data_blocks);
		if (i == 1) {
			/* What V6's own icheck prints for this pack (run under simh). */
			ck_assert_uint_eq(c.files, 595);
			ck_assert_uint_eq(c.large, 98);
			ck_assert_uint_eq(c.direc, 34);
			ck_assert_uint_eq(c.used, 2973);
			ck_assert_uint_eq(c.free, 940);
		}
		v6fs_close(fs);
	}
}
END_TEST

START_TEST(ls_l_of_the_kernel_sources)
{
	static const char *const ken[] = {"alloc.c", "clock.c", "fio.c", "iget.c", "main.c", "malloc.c",
					  "nami.c", "pipe.c", "prf.c", "rdwri.c", "sig.c", "slp.c",
					  "subr.c", "sys1.c", "sys2.c", "sys3.c", "sys4.c", "sysent.c",
					  "text.c", "trap.c"};
	struct v6fs *fs = open_stock("v6root");
	char *buf;
	size_t len;
	FILE *out = open_memstream(&buf, &len);
	const char *arg = "/usr/sys/ken";
	ck_assert_int_eq(v6fs_ls(fs, out, &arg, 1, V6LS_LONG, 0), 0);
	fclose(out);
	char *save, *line = strtok_r(buf, "\n", &save);
	unsigned total;
	ck_assert_int_eq(sscanf(line, "total %u", &total), 1);
	unsigned sum = 0;
	for (int i = 0; i < 20; i++) {
		line = strtok_r(NULL, "\n", &save);
		ck_assert_ptr_nonnull(line);
		char mode[16], owner[16], mon[8], year[8], name[32];
		int links, day;
		unsigned size;
		ck_assert_int_eq(sscanf(line, "%15s %d %15s %u %7s %d %7s %31s", mode, &links, owner, &size,
					mon, &day, year, name), 8);
		ck_assert_str_eq(mode, "-rw-rw-r--");
		ck_assert_int_eq(links, 1);
		ck_assert_str_eq(owner, "bin");	/* uid 3 in the image's /etc/passwd */
		ck_assert_str_eq(year, "1975");	/* long ago: V6 shows the year */
		ck_assert_str_eq(name, ken[i]);	/* sorted by name */
		char path[64];
		snprintf(path, sizeof path, "/usr/sys/ken/%s", name);
		unsigned ino;
		struct v6_inode ip;
		ck_assert_int_eq(v6fs_namei(fs, path, &ino), 0);
		ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
		ck_assert_uint_eq(size, ip.size);
		unsigned n = (size + 511) / 512;
		sum += n > 8 ? n + (n + 255) / 256 : n;
	}
	ck_assert_ptr_null(strtok_r(NULL, "\n", &save));
	ck_assert_uint_eq(total, sum);
	free(buf);

	uint8_t *slp;
	ck_assert_int_eq(v6fs_readfile(fs, "/usr/sys/ken/slp.c", &slp, &len), 0);
	static const char head[] = "#\n/*\n */\n\n#include \"../param.h\"\n#include \"../user.h\"\n";
	ck_assert(len > 9000 && memcmp(slp, head, sizeof head - 1) == 0);
	ck_assert_ptr_nonnull(memmem(slp, len, "sleep(chan, pri)", 16));
	free(slp);
	v6fs_close(fs);
}
END_TEST

/* `ls -l /` as V6 printed it under simh, booted from this image; /etc
 * differs only because login wrote /etc/utmp before the ls. */
START_TEST(ls_l_matches_a_v6_transcript)
{
	size_t n;
	char *t = (char *)read_host(TRANSCRIPT, &n);
	if (!t) {
		fprintf(stderr, "note: %s not found; V6 transcript comparison skipped\n", TRANSCRIPT);
		return;
	}
	t = realloc(t, n + 1);
	t[n] = 0;
	char *start = strstr(t, "# ls -l /\n"), *end = start ? strstr(start, "# ps") : NULL;
	ck_assert(start && end);
	start += strlen("# ls -l /\n");
	*end = 0;

	char p[512], out[8192];
	stock_path(p, sizeof p, "v6root");
	ck_assert_int_eq(run(out, sizeof out, "%s --now image %s ls -l /", V6FS_BIN, p), 0);
	char *s1, *s2, *a = strtok_r(start, "\n", &s1), *b = strtok_r(out, "\n", &s2);
	int compared = 0;
	for (; a && b; a = strtok_r(NULL, "\n", &s1), b = strtok_r(NULL, "\n", &s2)) {
		size_t la = strlen(a);
		if (la > 4 && strcmp(a + la - 4, " etc") == 0)
			continue;
		ck_assert_str_eq(b, a);
		compared++;
	}
	ck_assert(!a && !b);
	ck_assert_int_eq(compared, 11);
	free(t);
}
END_TEST

/* ---- the command ---- */

START_TEST(command_reads_stock_images)
{
	char p[512], out[65536];
	stock_path(p, sizeof p, "v6root");
	ck_assert_int_eq(run(out, sizeof out, "%s %s check", V6FS_BIN, p), 0);
	ck_assert_ptr_nonnull(strstr(out, ": consistent\n"));

	struct v6fs *fs = open_stock("v6root");
	uint8_t *want;
	size_t len;
	ck_assert_int_eq(v6fs_readfile(fs, "/usr/sys/ken/slp.c", &want, &len), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s %s cat /usr/sys/ken/slp.c", V6FS_BIN, p), 0);
	ck_assert_uint_eq(strlen(out), len);
	ck_assert(memcmp(out, want, len) == 0);
	free(want);

	char host[600];
	snprintf(host, sizeof host, "%s/rkunix", tmp);
	ck_assert_int_eq(run(out, sizeof out, "%s %s get /rkunix %s", V6FS_BIN, p, host), 0);
	ck_assert_int_eq(v6fs_readfile(fs, "/rkunix", &want, &len), 0);
	size_t n;
	uint8_t *got = read_host(host, &n);
	ck_assert(n == len && len == 28636 && memcmp(got, want, len) == 0);
	free(got);
	free(want);
	v6fs_close(fs);

	ck_assert_int_eq(run(out, sizeof out, "%s --help", V6FS_BIN), 0);
	ck_assert_ptr_nonnull(strstr(out, "bootblock"));
}
END_TEST

START_TEST(command_errors_are_one_line)
{
	char out[4096], p[600];
	ck_assert_int_eq(run(out, sizeof out, "%s /nonexistent/img ls / 2>&1 >/dev/null", V6FS_BIN), 1);
	assert_error_line(out, "/nonexistent/img", "No such file");

	snprintf(p, sizeof p, "%s/garbage", tmp);
	uint8_t *junk = random_bytes(100000, 9);
	write_host(p, junk, 100000);
	free(junk);
	ck_assert_int_eq(run(out, sizeof out, "%s %s ls / 2>&1 >/dev/null", V6FS_BIN, p), 1);
	assert_error_line(out, p, "");
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s /x 2>&1 >/dev/null", V6FS_BIN, p, p), 1);
	assert_error_line(out, p, "");

	stock_path(p, sizeof p, "v6root");
	ck_assert_int_eq(run(out, sizeof out, "%s %s cat /no/such 2>&1 >/dev/null", V6FS_BIN, p), 1);
	assert_error_line(out, p, "/no/such: no such file or directory");
	ck_assert_int_eq(run(out, sizeof out, "%s %s frobnicate 2>&1 >/dev/null", V6FS_BIN, p), 1);
	assert_error_line(out, p, "no such command");
}
END_TEST

START_TEST(stock_images_are_never_written)
{
	char p[512], copy[600], out[4096];
	stock_path(p, sizeof p, "v6root");
	snprintf(copy, sizeof copy, "%s/v6root.orig", tmp);
	copy_file(p, copy);
	struct stat before, after;
	ck_assert_int_eq(stat(p, &before), 0);
	static const char *const writes[] = {"mkdir /x", "rm /unix", "bootblock", "mknod /dev/rk0 b 0 0",
					     "chmod 777 /unix"};
	for (int i = 0; i < 5; i++) {
		ck_assert_int_eq(run(out, sizeof out, "%s %s %s 2>&1 >/dev/null", V6FS_BIN, p, writes[i]), 1);
		assert_error_line(out, p, "stock image");
	}
	char err[300];
	ck_assert_ptr_null(v6fs_open(p, V6FS_RDWR, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "stock image"));
	ck_assert_int_ne(v6fs_mkfs(p, 100, 1, err, sizeof err), 0);
	char newfile[600];
	stock_path(newfile, sizeof newfile, "v6fs-test-new-image");
	ck_assert_int_ne(v6fs_mkfs(newfile, 100, 1, err, sizeof err), 0);
	ck_assert_ptr_nonnull(strstr(err, "stock image"));
	ck_assert_int_ne(access(newfile, F_OK), 0);
	ck_assert_int_eq(stat(p, &after), 0);
	ck_assert(same_file(p, copy));
	ck_assert(before.st_mtime == after.st_mtime);

	/* A copy that is read-only, or listed in a SHA256SUMS beside it. */
	chmod(copy, 0444);
	ck_assert_int_eq(run(out, sizeof out, "%s %s mkdir /x 2>&1 >/dev/null", V6FS_BIN, copy), 1);
	assert_error_line(out, copy, "read-only");
	chmod(copy, 0644);
	char sums[600];
	snprintf(sums, sizeof sums, "%s/SHA256SUMS", tmp);
	write_host(sums, "0123  other\nabcd  v6root.orig\n", 30);
	ck_assert_int_eq(run(out, sizeof out, "%s %s mkdir /x 2>&1 >/dev/null", V6FS_BIN, copy), 1);
	assert_error_line(out, copy, "SHA256SUMS");
	unlink(sums);
	ck_assert_int_eq(run(out, sizeof out, "%s %s mkdir /x 2>&1", V6FS_BIN, copy), 0);
}
END_TEST

START_TEST(command_put_get_round_trips)
{
	char img[600], host[600], back[600], out[8192];
	snprintf(img, sizeof img, "%s/rk", tmp);
	ck_assert_int_eq(run(out, sizeof out, "%s %s mkfs 4872 100", V6FS_BIN, img), 0);

	/* A tree of files: small, large, huge, empty; nested directories. */
	snprintf(host, sizeof host, "%s/tree", tmp);
	ck_assert_int_eq(run(out, sizeof out, "mkdir -p %s/a/b/c %s/empty", host, host), 0);
	static const size_t sizes[] = {0, 1, 511, 512, 4096, 70000, 1200000};
	for (int i = 0; i < 7; i++) {
		char f[700];
		snprintf(f, sizeof f, "%s/%s/f%zu", host, i % 3 == 0 ? "a/b/c" : i % 3 == 1 ? "a" : ".", sizes[i]);
		uint8_t *d = random_bytes(sizes[i], (uint32_t)i + 100);
		write_host(f, d, sizes[i]);
		free(d);
	}
	ck_assert_int_eq(run(out, sizeof out, "%s %s put -r %s /usr/tree 2>&1", V6FS_BIN, img, host), 1);
	assert_error_line(out, img, "/usr: no such file or directory");
	ck_assert_msg(run(out, sizeof out, "%s %s mkdir /usr && %s %s put -r %s /usr/tree 2>&1", V6FS_BIN, img,
			  V6FS_BIN, img, host) == 0, "put -r: %s", out);
	snprintf(back, sizeof back, "%s/back", tmp);
	ck_assert_int_eq(run(out, sizeof out, "%s %s get -r /usr/tree %s 2>&1", V6FS_BIN, img, back), 0);
	ck_assert_msg(run(out, sizeof out, "diff -r %s %s 2>&1", host, back) == 0, "trees differ: %s", out);
	ck_assert_int_eq(run(out, sizeof out, "%s %s check", V6FS_BIN, img), 0);

	/* Owner and mode by name from the image's own /etc/passwd and group. */
	ck_assert_int_eq(run(out, sizeof out, "%s %s mkdir /etc", V6FS_BIN, img), 0);
	char pw[700];
	snprintf(pw, sizeof pw, "%s/passwd", tmp);
	write_host(pw, "root::0:3::/:\nbin::3:3::/bin:\n", 30);
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s /etc/passwd", V6FS_BIN, img, pw), 0);
	snprintf(pw, sizeof pw, "%s/group", tmp);
	write_host(pw, "other::1:\nbin::3:root,bin\n", 26);
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s /etc/group", V6FS_BIN, img, pw), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s %s put -m 4755 -o bin -g other %s/a/f1 /usr/x 2>&1", V6FS_BIN,
			     img, host), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s --now 174929129 %s ls -l /usr/x", V6FS_BIN, img), 0);
	ck_assert_msg(strncmp(out, "-rwsr-xr-x  1 bin         1 ", 28) == 0, "ls -l says: %s", out);
	struct v6fs *fs = open_ro(img);
	unsigned ino;
	struct v6_inode ip;
	ck_assert_int_eq(v6fs_namei(fs, "/usr/x", &ino), 0);
	ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
	ck_assert_uint_eq(ip.uid, 3);
	ck_assert_uint_eq(ip.gid, 1);
	ck_assert_uint_eq(ip.mode & 07777, 04755);
	v6fs_close(fs);
	/* put into a directory takes the host name; -o with an unknown name fails. */
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s/a/b/c/f512 /usr", V6FS_BIN, img, host), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s %s stat /usr/f512", V6FS_BIN, img), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s %s put -o nobody %s/a/f1 /y 2>&1", V6FS_BIN, img, host), 1);
	assert_error_line(out, img, "nobody");

	/* A full disk: the command fails and the image file keeps every byte. */
	char keep[700];
	snprintf(keep, sizeof keep, "%s/rk.before", tmp);
	copy_file(img, keep);
	uint8_t *big = random_bytes(2400000, 1);
	snprintf(pw, sizeof pw, "%s/big", tmp);
	write_host(pw, big, 2400000);
	free(big);
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s /big 2>&1", V6FS_BIN, img, pw), 1);
	assert_error_line(out, img, "full");
	ck_assert(same_file(img, keep));
	ck_assert_int_eq(run(out, sizeof out, "%s %s put -r %s /usr/tree2 2>&1", V6FS_BIN, img, tmp), 1);
	ck_assert(same_file(img, keep));
	ck_assert_int_eq(run(out, sizeof out, "%s %s rm /usr/tree/a/b/c/f1200000 /usr/nonexistent 2>&1", V6FS_BIN,
			     img), 1);
	ck_assert(same_file(img, keep));	/* the first rm is not written either */
	ck_assert_int_eq(run(out, sizeof out, "%s %s check", V6FS_BIN, img), 0);
}
END_TEST

/* ---- working disks ---- */

/* Everything on v6root is on rk0 unchanged, apart from what mkdisks adds. */
static void compare_trees(struct v6fs *a, struct v6fs *b, const char *path)
{
	unsigned ia, ib;
	struct v6_inode pa, pb;
	ck_assert_int_eq(v6fs_namei(a, path, &ia), 0);
	ck_assert_msg(v6fs_namei(b, path, &ib) == 0, "%s missing on rk0", path);
	ck_assert_uint_eq(ia, ib);
	v6fs_iget(a, ia, &pa);
	v6fs_iget(b, ib, &pb);
	int changed_dir = strcmp(path, "/dev") == 0 || strcmp(path, "/usr") == 0 || strcmp(path, "/") == 0;
	ck_assert_msg(pa.mode == pb.mode && pa.uid == pb.uid && pa.gid == pb.gid, "%s: inode differs", path);
	if ((pa.mode & IFMT) != IFDIR) {
		ck_assert_msg(pa.nlink == pb.nlink && pa.size == pb.size && pa.atime == pb.atime &&
				      pa.mtime == pb.mtime && memcmp(pa.addr, pb.addr, sizeof pa.addr) == 0,
			      "%s: inode differs", path);
		if ((pa.mode & IFMT) == 0) {
			uint8_t *da, *db;
			size_t na, nb;
			ck_assert_int_eq(v6fs_readfile(a, path, &da, &na), 0);
			ck_assert_int_eq(v6fs_readfile(b, path, &db, &nb), 0);
			ck_assert_msg(na == nb && (na == 0 || memcmp(da, db, na) == 0), "%s differs", path);
			free(da);
			free(db);
		}
		return;
	}
	if (!changed_dir)
		ck_assert_msg(pa.mtime == pb.mtime && pa.size == pb.size, "%s: directory changed", path);
	struct v6_dirent *e;
	size_t n;
	ck_assert_int_eq(v6fs_readdir(a, ia, &e, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].name, ".") == 0 || strcmp(e[i].name, "..") == 0)
			continue;
		char sub[256];
		snprintf(sub, sizeof sub, "%s/%s", strcmp(path, "/") ? path : "", e[i].name);
		compare_trees(a, b, sub);
	}
	free(e);
}

static void assert_working_rk0(const char *rk0)
{
	struct v6fs *fs = open_ro(rk0);
	assert_clean(fs);
	uint8_t *boot;
	size_t len, imglen;
	ck_assert_int_eq(v6fs_readfile(fs, "/usr/mdec/rkuboot", &boot, &len), 0);
	ck_assert_uint_eq(len, 462);
	ck_assert_uint_eq(boot[0] | boot[1] << 8, 0407);
	const uint8_t *img = v6fs_image(fs, &imglen);
	ck_assert_msg(memcmp(img, boot, len) == 0, "block 0 is not /usr/mdec/rkuboot");
	for (size_t i = len; i < 512; i++)
		ck_assert_uint_eq(img[i], 0);
	free(boot);
	for (unsigned minor = 0; minor < 3; minor++) {
		char path[32];
		unsigned ino;
		struct v6_inode ip;
		snprintf(path, sizeof path, "/dev/rk%u", minor);
		ck_assert_int_eq(v6fs_namei(fs, path, &ino), 0);
		ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
		ck_assert_uint_eq(ip.mode, IALLOC | IFBLK | 0666);
		ck_assert_uint_eq(ip.addr[0], 0 << 8 | minor);
		snprintf(path, sizeof path, "/dev/rrk%u", minor);
		ck_assert_int_eq(v6fs_namei(fs, path, &ino), 0);
		ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
		ck_assert_uint_eq(ip.mode, IALLOC | IFCHR | 0666);
		ck_assert_uint_eq(ip.addr[0], 9 << 8 | minor);
	}
	static const char *const mounts[] = {"/usr/source", "/usr/doc"};
	for (int i = 0; i < 2; i++) {
		unsigned ino;
		struct v6_inode ip;
		ck_assert_int_eq(v6fs_namei(fs, mounts[i], &ino), 0);
		ck_assert_int_eq(v6fs_iget(fs, ino, &ip), 0);
		ck_assert_uint_eq(ip.mode & IFMT, IFDIR);
	}
	v6fs_close(fs);
}

static int mkdisks(char *out, size_t outlen, const char *stockdir, const char *dest, int force)
{
	return run(out, outlen, "env -u V6_DISKS %s -DV6FS=%s -DSTOCK=%s -DMANIFEST=%s -DOUT=%s -DFORCE=%s -P %s 2>&1",
		   CMAKE_EXE, V6FS_BIN, stockdir, MANIFEST, dest, force ? "ON" : "OFF", MKDISKS);
}

START_TEST(mkdisks_makes_bootable_working_disks)
{
	char out[16384], dest[600], p[512], q[700];
	snprintf(dest, sizeof dest, "%s/disks", tmp);
	ck_assert_msg(mkdisks(out, sizeof out, stock, dest, 0) == 0, "mkdisks: %s", out);
	snprintf(q, sizeof q, "%s/rk0", dest);
	assert_working_rk0(q);
	/* rk1 and rk2 are the stock packs as they are. */
	stock_path(p, sizeof p, "v6src");
	snprintf(q, sizeof q, "%s/rk1", dest);
	ck_assert(same_file(p, q));
	stock_path(p, sizeof p, "v6doc");
	snprintf(q, sizeof q, "%s/rk2", dest);
	ck_assert(same_file(p, q));
	/* Nothing of v6root changed but what was added. */
	snprintf(q, sizeof q, "%s/rk0", dest);
	struct v6fs *a = open_stock("v6root"), *b = open_ro(q);
	compare_trees(a, b, "/");
	v6fs_close(a);
	v6fs_close(b);

	/* The same every time. */
	char dest2[600], q2[700];
	snprintf(dest2, sizeof dest2, "%s/again", tmp);
	ck_assert_int_eq(mkdisks(out, sizeof out, stock, dest2, 1), 0);
	snprintf(q2, sizeof q2, "%s/rk0", dest2);
	ck_assert(same_file(q, q2));

	/* A disk V6 has written to is kept; newdisks (FORCE) replaces it. */
	ck_assert_int_eq(run(out, sizeof out, "%s %s put %s /mine", V6FS_BIN, q, MANIFEST), 0);
	ck_assert_int_eq(mkdisks(out, sizeof out, stock, dest, 0), 0);
	ck_assert_ptr_nonnull(strstr(out, "kept"));
	ck_assert_int_eq(run(out, sizeof out, "%s %s stat /mine", V6FS_BIN, q), 0);
	ck_assert_int_eq(mkdisks(out, sizeof out, stock, dest, 1), 0);
	ck_assert_int_eq(run(out, sizeof out, "%s %s stat /mine 2>&1", V6FS_BIN, q), 1);
	ck_assert(same_file(q, q2));
}
END_TEST

START_TEST(mkdisks_refuses_missing_or_altered_images)
{
	char out[16384], dest[600], fake[600], p[512], q[700];
	snprintf(dest, sizeof dest, "%s/disks", tmp);
	ck_assert_int_ne(mkdisks(out, sizeof out, "/nonexistent/stock", dest, 0), 0);
	ck_assert_msg(strstr(out, "not found") && strstr(out, "Dennis_v6") && strstr(out, "v6root.gz") &&
		      strstr(out, "V6_DISKS"), "message: %s", out);
	snprintf(q, sizeof q, "%s/rk0", dest);
	ck_assert_int_ne(access(q, F_OK), 0);

	snprintf(fake, sizeof fake, "%s/stock", tmp);
	mkdir(fake, 0755);
	static const char *const names[] = {"v6root", "v6src", "v6doc"};
	for (int i = 0; i < 3; i++) {
		stock_path(p, sizeof p, names[i]);
		snprintf(q, sizeof q, "%s/%s", fake, names[i]);
		copy_file(p, q);
	}
	/* One byte of v6doc's free space changed: no longer the stock pack. */
	size_t n = 0;
	uint8_t *d = read_host(q, &n);
	d[n - 1] ^= 1;
	write_host(q, d, n);
	free(d);
	ck_assert_int_ne(mkdisks(out, sizeof out, fake, dest, 1), 0);
	ck_assert_msg(strstr(out, "v6doc is not the stock image") && strstr(out, "Dennis_v6"), "message: %s", out);
	snprintf(q, sizeof q, "%s/rk2", dest);
	ck_assert_int_ne(access(q, F_OK), 0);
	snprintf(q, sizeof q, "%s/rk2.new", dest);
	ck_assert_int_ne(access(q, F_OK), 0);
}
END_TEST

int main(void)
{
	stock = getenv("V6_DISKS");
	if (!stock || !*stock)
		stock = STOCK_DIR;
	char probe[512];
	snprintf(probe, sizeof probe, "%s/v6root", stock);
	setenv("V6_DISKS", stock, 1);	/* wherever they are, v6fs must not write there */
	if (access(probe, R_OK) != 0) {
		printf("SKIP: no stock V6 images in %s (set V6_DISKS; they come from the TUHS archive, "
		       "Archive/Distributions/Research/Dennis_v6/)\n", stock);
		return 77;
	}
	Suite *s = suite_create("v6fs on the stock images");
	TCase *tc = tcase_create("stock");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, stock_images_are_consistent);
	tcase_add_test(tc, ls_l_of_the_kernel_sources);
	tcase_add_test(tc, ls_l_matches_a_v6_transcript);
	tcase_add_test(tc, command_reads_stock_images);
	tcase_add_test(tc, command_errors_are_one_line);
	tcase_add_test(tc, stock_images_are_never_written);
	tcase_add_test(tc, command_put_get_round_trips);
	tcase_add_test(tc, mkdisks_makes_bootable_working_disks);
	tcase_add_test(tc, mkdisks_refuses_missing_or_altered_images);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
