/* Working disks from the stock V6 images (see mkdisks.h).  New nodes are
 * dated with the image's own s_time (the date V6 boots with), so the disks
 * come out the same every time and V6's ctime, which fails after 1999, can
 * print their dates. */
#include "mkdisks.h"

#include "sha256.h"
#include "v6fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *disk, *stock;
} packs[] = {{"rk0", "v6root"}, {"rk1", "v6src"}, {"rk2", "v6doc"}};
enum { NPACKS = 3 };

#define WHERE "The stock images are the Research UNIX V6 RK05 packs from the TUHS archive, " \
	"Archive/Distributions/Research/Dennis_v6/ (v6root.gz, v6src.gz, v6doc.gz): gunzip " \
	"them into one directory and point the V6_DISKS environment variable at it."

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int v6_manifest_sum(const char *manifest, const char *name, char want[65])
{
	for (const char *line = manifest; *line;) {
		size_t len = strcspn(line, "\n"), hex = strspn(line, "0123456789abcdef");
		const char *p = line + hex;
		p += strspn(p, " \t");
		p += *p == '*';
		if (hex == 64 && (size_t)(p - line) < len && strlen(name) == len - (size_t)(p - line) &&
		    memcmp(p, name, strlen(name)) == 0) {
			memcpy(want, line, 64);
			want[64] = 0;
			return 0;
		}
		line += len + (line[len] == '\n');
	}
	return -1;
}

static int copy(const char *from, const char *to, char *err, size_t errlen)
{
	int in = open(from, O_RDONLY), out = -1;
	if (in < 0)
		return fail(err, errlen, "%s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0 || fchmod(out, 0644) != 0) {
		int e = errno;
		close(in);
		if (out >= 0)
			close(out);
		return fail(err, errlen, "%s: %s", to, strerror(e));
	}
	char buf[65536];
	ssize_t n = 0;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	int e = errno;
	close(in);
	if (close(out) != 0 && n == 0) {
		n = -1;
		e = errno;
	}
	return n < 0 ? fail(err, errlen, "copying %s to %s: %s", from, to, strerror(e)) : 0;
}

/* What V6's installation did by hand to the root pack. */
static int prepare_root(const char *image, char *err, size_t errlen)
{
	char why[300];
	struct v6fs *fs = v6fs_open(image, V6FS_RDWR, why, sizeof why);
	if (!fs)
		return fail(err, errlen, "%s: %s", image, why);
	v6fs_settime(fs, v6fs_sbtime(fs));
	uint8_t *boot = NULL;
	size_t len;
	int rc = v6fs_readfile(fs, "/usr/mdec/rkuboot", &boot, &len);
	if (rc == 0)
		rc = v6fs_bootblock(fs, boot, len);
	free(boot);
	const struct v6fs_owner node = {.perm = 0666};
	for (unsigned minor = 0; minor < 3 && rc == 0; minor++) {
		char path[16];
		snprintf(path, sizeof path, "/dev/rk%u", minor);
		rc = v6fs_mknod(fs, path, 'b', 0, minor, &node);
		snprintf(path, sizeof path, "/dev/rrk%u", minor);
		if (rc == 0)
			rc = v6fs_mknod(fs, path, 'c', 9, minor, &node);
	}
	int uid = v6fs_idbyname(fs, "/etc/passwd", "bin"), gid = v6fs_idbyname(fs, "/etc/group", "bin");
	const struct v6fs_owner dir = {.perm = 0775, .uid = (uint8_t)(uid < 0 ? 0 : uid),
				       .gid = (uint8_t)(gid < 0 ? 0 : gid)};
	static const char *const mounts[] = {"/usr/source", "/usr/doc"};
	for (int i = 0; i < 2 && rc == 0; i++) {
		unsigned ino;
		if (v6fs_namei(fs, mounts[i], &ino) != 0)
			rc = v6fs_mkdir(fs, mounts[i], &dir);
	}
	if (rc == 0 && v6fs_check(fs, NULL, NULL, NULL) != 0)
		rc = fail(err, errlen, "%s: the prepared root does not check clean", image);
	else if (rc == 0)
		rc = v6fs_sync(fs);
	if (rc != 0 && !*err)
		fail(err, errlen, "%s: %s", image, v6fs_error(fs));
	v6fs_close(fs);
	return rc;
}

static int make_disk(const struct mkdisks *m, int i, const char *want, char *err, size_t errlen)
{
	char src[4096], dest[4096], tmp[4200], got[65];
	snprintf(src, sizeof src, "%s/%s", m->stock, packs[i].stock);
	snprintf(dest, sizeof dest, "%s/%s", m->out, packs[i].disk);
	snprintf(tmp, sizeof tmp, "%s.new", dest);
	int rc = copy(src, tmp, err, errlen);
	if (rc == 0 && (sha256_file(tmp, got) != 0 || strcmp(got, want) != 0))
		rc = fail(err, errlen, "copying %s to %s went wrong", src, tmp);
	if (rc == 0 && i == 0)
		rc = prepare_root(tmp, err, errlen);
	if (rc == 0 && rename(tmp, dest) != 0)
		rc = fail(err, errlen, "%s: %s", dest, strerror(errno));
	if (rc != 0) {
		unlink(tmp);
		return -1;
	}
	if (m->log)
		fprintf(m->log, "%s: made %s from %s\n", packs[i].disk, dest, src);
	return 0;
}

int v6_make_disks(const struct mkdisks *m, char *err, size_t errlen)
{
	const char *manifest = m->manifest ? m->manifest : v6_manifest;
	char want[NPACKS][65];
	int make[NPACKS];
	*err = 0;
	if (!m->stock || !*m->stock)
		return fail(err, errlen, "no stock images given (set V6_DISKS). " WHERE);
	for (int i = 0; i < NPACKS; i++) {
		char dest[4096], src[4096], got[65];
		snprintf(dest, sizeof dest, "%s/%s", m->out, packs[i].disk);
		make[i] = m->force || access(dest, F_OK) != 0;
		if (!make[i])
			continue;
		snprintf(src, sizeof src, "%s/%s", m->stock, packs[i].stock);
		if (v6_manifest_sum(manifest, packs[i].stock, want[i]) != 0)
			return fail(err, errlen, "the manifest has no checksum for %s", packs[i].stock);
		if (access(src, F_OK) != 0)
			return fail(err, errlen, "stock image %s not found. " WHERE, src);
		if (sha256_file(src, got) != 0)
			return fail(err, errlen, "%s: %s", src, strerror(errno));
		if (strcmp(got, want[i]) != 0)
			return fail(err, errlen, "%s is not the stock image (SHA-256 %s, want %s). " WHERE,
				    src, got, want[i]);
	}
	if (mkdir(m->out, 0755) != 0 && errno != EEXIST)
		return fail(err, errlen, "%s: %s", m->out, strerror(errno));
	for (int i = 0; i < NPACKS; i++) {
		if (make[i] && make_disk(m, i, want[i], err, errlen) != 0)
			return -1;
		if (!make[i] && m->log)
			fprintf(m->log, "%s: kept %s/%s (V6 may have written to it; --force makes fresh copies)\n",
				packs[i].disk, m->out, packs[i].disk);
	}
	return 0;
}

static char *slurp_text(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	size_t got;
	while (s && (got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				free(s);
			s = t;
		}
	}
	fclose(f);
	if (s)
		s[n] = 0;
	return s;
}

/* DIR/v6.ini: boot the disks in DIR from anywhere (absolute paths). */
static int write_ini(const char *dir, char *err, size_t errlen)
{
	char real[4096], path[4200];
	if (!realpath(dir, real))
		return fail(err, errlen, "%s: %s", dir, strerror(errno));
	snprintf(path, sizeof path, "%s/v6.ini", real);
	FILE *f = fopen(path, "w");
	if (!f)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	fprintf(f, "; Boot UNIX V6 from the working disks here: pdp1140 %s\n"
		   "; At the bootstrap's `@` type rkunix; log in as root.\n"
		   "set cpu 11/40\n", path);
	for (int i = 0; i < NPACKS; i++)
		fprintf(f, "attach %s %s/%s\n", packs[i].disk, real, packs[i].disk);
	fprintf(f, "boot rk0\n");
	if (fclose(f) != 0)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	return 0;
}

int v6_make_disks_main(const char *prog, int argc, char **argv)
{
	struct mkdisks m = {.stock = getenv("V6_DISKS"), .log = stdout};
	const char *manifest = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++)
		if (strcmp(argv[i], "--force") == 0)
			m.force = 1;
		else if (strcmp(argv[i], "--stock") == 0 && i + 1 < argc)
			m.stock = m.stock && *m.stock ? m.stock : argv[++i];
		else if (strcmp(argv[i], "--manifest") == 0 && i + 1 < argc)
			manifest = argv[++i];
		else
			break;
	if (argc - i != 1) {
		fprintf(stderr, "%s: usage: %s --make-disks [--force] DIR (stock images from $V6_DISKS)\n",
			prog, prog);
		return 2;
	}
	m.out = argv[i];
	char *text = NULL, err[1024];
	if (manifest && !(text = slurp_text(manifest))) {
		fprintf(stderr, "%s: %s: %s\n", prog, manifest, strerror(errno));
		return 1;
	}
	m.manifest = text;
	int rc = v6_make_disks(&m, err, sizeof err);
	free(text);
	if (rc == 0)
		rc = write_ini(m.out, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, "%s: make-disks: %s\n", prog, err);
		return 1;
	}
	return 0;
}
