/* v6fs: look into and change UNIX V6 file system images from the host.
 *
 * A command works on the image in memory; the file is written only when
 * the whole command succeeded and the result still checks clean, so a
 * failure leaves the image exactly as it was. */
#include "hostfile.h"
#include "v6fs.h"
#include "mkdisks.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: v6fs [--now SECONDS|image] IMAGE COMMAND [ARGS]\n"
	"       v6fs --make-disks [--force] [--stock DIR] [--manifest FILE] DIR\n"
	"       v6fs --version\n"
	"\n"
	"Read and change a UNIX V6 file system image (e.g. an RK05 pack).\n"
	"\n"
	"  ls [-ladi] [PATH...]     list as V6 ls does (-l long, -a dot files, -d, -i)\n"
	"  cat PATH...              copy files to standard output\n"
	"  get PATH HOSTFILE        copy a file out (HOSTFILE - is standard output)\n"
	"  get -r PATH HOSTDIR      copy a directory tree out (special files skipped)\n"
	"  put [-m MODE] [-o UID] [-g GID] HOSTFILE PATH\n"
	"                           copy a file in, creating or replacing PATH (into\n"
	"                           PATH/name if PATH is a directory); MODE is octal,\n"
	"                           default the host file's; UID/GID numbers or names\n"
	"                           from the image's /etc/passwd and /etc/group, default 0\n"
	"  put -r [-m -o -g] HOSTDIR PATH\n"
	"                           copy a tree in: PATH is made if missing, then\n"
	"                           HOSTDIR's contents are copied into it\n"
	"  mkdir [-m MODE] [-o UID] [-g GID] PATH...   (default mode 777 as V6 mkdir)\n"
	"  rm PATH...               remove files (not directories)\n"
	"  rmdir PATH...            remove empty directories\n"
	"  mknod [-m MODE] [-o UID] [-g GID] PATH b|c MAJOR MINOR   (default mode 666)\n"
	"  chmod MODE PATH...       set permission bits (octal)\n"
	"  stat PATH                show an inode\n"
	"  df                       free blocks and inodes\n"
	"  check                    icheck and dcheck: blocks, free list, links, . and ..\n"
	"  bootblock [HOSTFILE]     write HOSTFILE (default the image's /usr/mdec/rkuboot)\n"
	"                           to block 0\n"
	"  mkfs FSIZE [ISIZE]       make IMAGE an empty file system of FSIZE blocks with\n"
	"                           ISIZE inode blocks (default FSIZE/40)\n"
	"\n"
	"--now sets the time ls -l compares dates with (V6 shows the year for files\n"
	"older than about six months) and stamps new files and changed directories;\n"
	"default the host's clock.  `--now image' takes the super block's s_time,\n"
	"the date V6 starts with when it boots from the image.\n"
	"--make-disks checks the stock images ($V6_DISKS, else --stock) against\n"
	"the manifest and makes bootable working copies rk0-2 and v6.ini in DIR\n"
	"(existing disks are kept without --force).\n"
	"Errors print one line `v6fs: IMAGE: problem' and exit 1; check exits 1 if it\n"
	"finds problems.  The stock images are never written.\n";

struct cmd {
	const char *image;
	struct v6fs *fs;
	uint32_t now;
	int changed;
};

__attribute__((format(printf, 2, 3), noreturn))
static void die(const struct cmd *c, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "v6fs: %s: %s\n", c->image, msg);
	exit(1);
}

__attribute__((noreturn))
static void fail(const struct cmd *c)
{
	die(c, "%s", v6fs_error(c->fs));
}

/* ---- host files ---- */

static uint8_t *slurp(const struct cmd *c, const char *path, size_t *len)
{
	uint8_t *buf;
	/* one byte past the largest V6 file, so that a larger one is told */
	if (host_read_file(path, V6_MAXFILE + 1, &buf, len) < 0)
		die(c, "%s: %s", path, strerror(errno));
	return buf;
}

static void spill(const struct cmd *c, const char *path, const uint8_t *data, size_t len,
		  const struct v6_inode *ip)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : NULL;
	if (!f) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, ip->mode & 0777);
		f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	}
	if (!f)
		die(c, "%s: %s", path, strerror(errno));
	if (len && fwrite(data, 1, len, f) != len)
		die(c, "%s: %s", path, strerror(errno));
	if (f == stdout) {
		fflush(f);
		return;
	}
	if (fclose(f) != 0)
		die(c, "%s: %s", path, strerror(errno));
	struct timespec ts[2] = {{.tv_sec = ip->atime}, {.tv_sec = ip->mtime}};
	utimensat(AT_FDCWD, path, ts, 0);
}

/* ---- arguments ---- */

struct opts {
	int perm, uid, gid;	/* -1: not given */
	int recurse;
	int lsflags;
};

/* A number, or a name from the image's /etc/passwd or /etc/group
 * ("name:password:id:..."). */
static int owner_id(const struct cmd *c, const char *file, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end) {
		if (n < 0 || n > 255)
			die(c, "%s: ids are 0-255 in V6", s);
		return (int)n;
	}
	int id = v6fs_idbyname(c->fs, file, s);
	if (id >= 0)
		return id;
	die(c, "%s: not a number and not in the image's %s", s, file);
}

static int parse_mode(const struct cmd *c, const char *s)
{
	char *end;
	long m = strtol(s, &end, 8);
	if (!*s || *end || m < 0 || m > 07777)
		die(c, "%s: mode must be octal, 0-7777", s);
	return (int)m;
}

/* Leading options of a command; returns the index of the first operand. */
static int getopts(const struct cmd *c, int argc, char **argv, const char *allowed, struct opts *o)
{
	*o = (struct opts){-1, -1, -1, 0, 0};
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *f = argv[i] + 1; *f; f++) {
			if (!strchr(allowed, *f))
				die(c, "%s: no option -%c (see v6fs --help)", argv[0], *f);
			const char *val = NULL;
			if (strchr("mog", *f)) {
				if (f[1] || i + 1 >= argc)
					die(c, "%s: -%c needs a value", argv[0], *f);
				val = argv[++i];
			}
			switch (*f) {
			case 'm': o->perm = parse_mode(c, val); break;
			case 'o': o->uid = owner_id(c, "/etc/passwd", val); break;
			case 'g': o->gid = owner_id(c, "/etc/group", val); break;
			case 'r': o->recurse = 1; break;
			case 'l': o->lsflags |= V6LS_LONG; break;
			case 'a': o->lsflags |= V6LS_ALL; break;
			case 'i': o->lsflags |= V6LS_INUM; break;
			case 'd': o->lsflags |= V6LS_DIRS; break;
			}
			if (val)
				break;
		}
	}
	return i;
}

static void nargs(const struct cmd *c, int have, int lo, int hi, const char *synopsis)
{
	if (have < lo || have > hi)
		die(c, "usage: v6fs IMAGE %s", synopsis);
}

static struct v6fs_owner owner(const struct opts *o, int perm)
{
	return (struct v6fs_owner){
		.perm = (uint16_t)(o->perm >= 0 ? o->perm : perm),
		.uid = (uint8_t)(o->uid >= 0 ? o->uid : 0),
		.gid = (uint8_t)(o->gid >= 0 ? o->gid : 0),
	};
}

static int is_dir(struct v6fs *fs, const char *path)
{
	unsigned ino;
	struct v6_inode ip;
	return v6fs_namei(fs, path, &ino) == 0 && v6fs_iget(fs, ino, &ip) == 0 &&
	       (ip.mode & IFMT) == IFDIR;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *s = malloc(n + strlen(name) + 2);
	if (s)
		sprintf(s, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	return s;
}

/* ---- reading commands ---- */

static int cmd_ls(struct cmd *c, int argc, char **argv)
{
	struct opts o;
	int i = getopts(c, argc, argv, "ladi", &o);
	if (v6fs_ls(c->fs, stdout, (const char *const *)argv + i, argc - i, o.lsflags, c->now) < 0)
		fail(c);
	return 0;
}

static int cmd_cat(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 2, INT_MAX, "cat PATH...");
	for (int i = 1; i < argc; i++) {
		uint8_t *data;
		size_t len;
		if (v6fs_readfile(c->fs, argv[i], &data, &len) < 0)
			fail(c);
		if (len && fwrite(data, 1, len, stdout) != len)
			die(c, "standard output: %s", strerror(errno));
		free(data);
	}
	return 0;
}

static void get_file(struct cmd *c, const char *path, const char *host)
{
	unsigned ino;
	struct v6_inode ip;
	uint8_t *data;
	size_t len;
	if (v6fs_namei(c->fs, path, &ino) < 0 || v6fs_iget(c->fs, ino, &ip) < 0 ||
	    v6fs_readfile(c->fs, path, &data, &len) < 0)
		fail(c);
	spill(c, host, data, len, &ip);
	free(data);
}

static void get_tree(struct cmd *c, const char *path, const char *host, int depth)
{
	unsigned ino;
	struct v6_dirent *e;
	size_t n;
	if (depth > 100)
		die(c, "%s: directories nested too deep (a loop?)", path);
	if (v6fs_namei(c->fs, path, &ino) < 0 || v6fs_readdir(c->fs, ino, &e, &n) < 0)
		fail(c);
	if (mkdir(host, 0777) < 0 && errno != EEXIST)
		die(c, "%s: %s", host, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].name, ".") == 0 || strcmp(e[i].name, "..") == 0)
			continue;
		if (strchr(e[i].name, '/'))
			die(c, "%s: entry with a / in its name", path);
		struct v6_inode ip;
		char *vp = join(path, e[i].name), *hp = join(host, e[i].name);
		if (!vp || !hp)
			die(c, "out of memory");
		if (v6fs_iget(c->fs, e[i].ino, &ip) < 0)
			fail(c);
		if ((ip.mode & IFMT) == IFDIR)
			get_tree(c, vp, hp, depth + 1);
		else if ((ip.mode & IFMT) == 0)
			get_file(c, vp, hp);
		else
			fprintf(stderr, "v6fs: %s: %s: special file skipped\n", c->image, vp);
		free(vp);
		free(hp);
	}
	free(e);
}

static int cmd_get(struct cmd *c, int argc, char **argv)
{
	struct opts o;
	int i = getopts(c, argc, argv, "r", &o);
	nargs(c, argc - i, 2, 2, "get [-r] PATH HOSTFILE");
	if (o.recurse)
		get_tree(c, argv[i], argv[i + 1], 0);
	else
		get_file(c, argv[i], argv[i + 1]);
	return 0;
}

static int cmd_stat(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 2, 2, "stat PATH");
	unsigned ino;
	struct v6_inode ip;
	if (v6fs_namei(c->fs, argv[1], &ino) < 0 || v6fs_iget(c->fs, ino, &ip) < 0)
		fail(c);
	char mode[12], at[26], mt[26];
	v6fs_modestr(ip.mode, mode);
	v6fs_ctime(ip.atime, at);
	v6fs_ctime(ip.mtime, mt);
	int fmt = ip.mode & IFMT;
	const char *kind = fmt == IFDIR ? "directory" : fmt == IFBLK ? "block special"
			   : fmt == IFCHR ? "character special"
			   : !(ip.mode & ILARG) ? "small file" : ip.addr[7] ? "huge file" : "large file";
	printf("path   %s\ninode  %u\nmode   %06o %s %s\nlinks  %u\nuid    %u\ngid    %u\n",
	       argv[1], ino, ip.mode, mode, kind, ip.nlink, ip.uid, ip.gid);
	if (fmt == IFBLK || fmt == IFCHR)
		printf("device %u,%u\n", ip.addr[0] >> 8, ip.addr[0] & 0377);
	else
		printf("size   %u\n", (unsigned)ip.size);
	printf("addr  ");
	for (int i = 0; i < 8; i++)
		printf(" %u", ip.addr[i]);
	printf("\natime  %u %smtime  %u %s", (unsigned)ip.atime, at, (unsigned)ip.mtime, mt);
	return 0;
}

static int cmd_df(struct cmd *c, int argc, char **argv)
{
	(void)argv;
	nargs(c, argc, 1, 1, "df");
	struct v6fs_df df;
	if (v6fs_statfs(c->fs, &df) < 0)
		fail(c);
	printf("%s: %u blocks, %u inode blocks; free blocks %u of %u; free inodes %u of %u\n",
	       c->image, df.fsize, df.isize, df.free_blocks, df.data_blocks, df.free_inodes, df.inodes);
	return 0;
}

static void report(void *arg, const char *line)
{
	printf("%s: %s\n", (const char *)arg, line);
}

/* Problems, then icheck's summary. */
static int cmd_check(struct cmd *c, int argc, char **argv)
{
	(void)argv;
	nargs(c, argc, 1, 1, "check");
	struct v6fs_counts n;
	int bad = v6fs_check(c->fs, report, (void *)c->image, &n);
	if (bad < 0)
		fail(c);
	printf("%s:\nspcl  %6u\nfiles %6u\nlarge %6u\n", c->image, n.spcl, n.files, n.large);
	if (n.huge)
		printf("huge  %6u\n", n.huge);
	printf("direc %6u\nindir %6u\n", n.direc, n.indir);
	if (n.indir2)
		printf("indir2%6u\n", n.indir2);
	printf("used  %6u\nfree  %6u\n", n.used, n.free);
	if (bad) {
		printf("%s: %d problem%s\n", c->image, bad, bad == 1 ? "" : "s");
		return 1;
	}
	printf("%s: consistent\n", c->image);
	return 0;
}

/* ---- changing commands ---- */

static void put_file(struct cmd *c, const char *host, const char *path, const struct opts *o)
{
	struct stat st;
	size_t len;
	if (stat(host, &st) < 0)
		die(c, "%s: %s", host, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die(c, "%s: not a regular file", host);
	uint8_t *data = slurp(c, host, &len);
	struct v6fs_owner own = owner(o, st.st_mode & 0777);
	unsigned ino;
	int existed = v6fs_namei(c->fs, path, &ino) == 0;
	if (v6fs_writefile(c->fs, path, data, len, &own) < 0)
		fail(c);
	/* Replacing keeps the old owner and mode unless told otherwise. */
	if (existed && (o->perm >= 0 || o->uid >= 0 || o->gid >= 0) &&
	    v6fs_chown(c->fs, path, o->perm, o->uid, o->gid) < 0)
		fail(c);
	free(data);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void put_tree(struct cmd *c, const char *host, const char *path, const struct opts *o, int depth)
{
	if (depth > 100)
		die(c, "%s: directories nested too deep (a loop?)", host);
	struct stat st;
	if (stat(host, &st) < 0)
		die(c, "%s: %s", host, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		die(c, "%s: not a directory", host);
	if (!is_dir(c->fs, path)) {
		struct v6fs_owner own = owner(o, st.st_mode & 0777);
		if (v6fs_mkdir(c->fs, path, &own) < 0)
			fail(c);
	}
	DIR *d = opendir(host);
	if (!d)
		die(c, "%s: %s", host, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *de; (de = readdir(d));) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char **nn = realloc(names, (n + 1) * sizeof *names);
		if (!nn || !(nn[n] = strdup(de->d_name)))
			die(c, "out of memory");
		names = nn;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *hp = join(host, names[i]), *vp = join(path, names[i]);
		if (!hp || !vp)
			die(c, "out of memory");
		if (stat(hp, &st) < 0)
			die(c, "%s: %s", hp, strerror(errno));
		if (S_ISDIR(st.st_mode))
			put_tree(c, hp, vp, o, depth + 1);
		else
			put_file(c, hp, vp, o);
		free(hp);
		free(vp);
		free(names[i]);
	}
	free(names);
}

static int cmd_put(struct cmd *c, int argc, char **argv)
{
	struct opts o;
	int i = getopts(c, argc, argv, "rmog", &o);
	nargs(c, argc - i, 2, 2, "put [-r] [-m MODE] [-o UID] [-g GID] HOSTFILE PATH");
	const char *host = argv[i], *path = argv[i + 1];
	if (o.recurse) {
		put_tree(c, host, path, &o, 0);
	} else if (is_dir(c->fs, path)) {
		const char *base = strrchr(host, '/') ? strrchr(host, '/') + 1 : host;
		char *vp = join(path, base);
		if (!vp)
			die(c, "out of memory");
		put_file(c, host, vp, &o);
		free(vp);
	} else {
		put_file(c, host, path, &o);
	}
	c->changed = 1;
	return 0;
}

static int cmd_mkdir(struct cmd *c, int argc, char **argv)
{
	struct opts o;
	int i = getopts(c, argc, argv, "mog", &o);
	nargs(c, argc - i, 1, INT_MAX, "mkdir [-m MODE] [-o UID] [-g GID] PATH...");
	struct v6fs_owner own = owner(&o, 0777);
	for (; i < argc; i++)
		if (v6fs_mkdir(c->fs, argv[i], &own) < 0)
			fail(c);
	c->changed = 1;
	return 0;
}

static int cmd_rm(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 2, INT_MAX, "rm PATH...");
	for (int i = 1; i < argc; i++)
		if (v6fs_unlink(c->fs, argv[i]) < 0)
			fail(c);
	c->changed = 1;
	return 0;
}

static int cmd_rmdir(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 2, INT_MAX, "rmdir PATH...");
	for (int i = 1; i < argc; i++)
		if (v6fs_rmdir(c->fs, argv[i]) < 0)
			fail(c);
	c->changed = 1;
	return 0;
}

static unsigned devnum(const struct cmd *c, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < 0 || n > 255)
		die(c, "%s: major and minor are numbers 0-255", s);
	return (unsigned)n;
}

static int cmd_mknod(struct cmd *c, int argc, char **argv)
{
	struct opts o;
	int i = getopts(c, argc, argv, "mog", &o);
	const char *syn = "mknod [-m MODE] [-o UID] [-g GID] PATH b|c MAJOR MINOR";
	nargs(c, argc - i, 4, 4, syn);
	const char *type = argv[i + 1];
	if ((type[0] != 'b' && type[0] != 'c') || type[1])
		die(c, "usage: v6fs IMAGE %s", syn);
	struct v6fs_owner own = owner(&o, 0666);
	if (v6fs_mknod(c->fs, argv[i], type[0], devnum(c, argv[i + 2]), devnum(c, argv[i + 3]), &own) < 0)
		fail(c);
	c->changed = 1;
	return 0;
}

static int cmd_chmod(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 3, INT_MAX, "chmod MODE PATH...");
	int perm = parse_mode(c, argv[1]);
	for (int i = 2; i < argc; i++)
		if (v6fs_chown(c->fs, argv[i], perm, -1, -1) < 0)
			fail(c);
	c->changed = 1;
	return 0;
}

static int cmd_bootblock(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 1, 2, "bootblock [HOSTFILE]");
	uint8_t *data;
	size_t len;
	if (argc == 2)
		data = slurp(c, argv[1], &len);
	else if (v6fs_readfile(c->fs, "/usr/mdec/rkuboot", &data, &len) < 0)
		die(c, "no boot block to write: %s", v6fs_error(c->fs));
	if (v6fs_bootblock(c->fs, data, len) < 0)
		fail(c);
	free(data);
	c->changed = 1;
	return 0;
}

static int cmd_mkfs(struct cmd *c, int argc, char **argv)
{
	nargs(c, argc, 2, 3, "mkfs FSIZE [ISIZE]");
	char *end;
	unsigned long fsize = strtoul(argv[1], &end, 10), isize;
	if (*end || fsize > V6_MAXFSIZE)
		die(c, "%s: FSIZE must be a number of blocks, at most %d", argv[1], V6_MAXFSIZE);
	isize = argc == 3 ? strtoul(argv[2], &end, 10) : (fsize + 39) / 40;
	if (*end)
		die(c, "%s: ISIZE must be a number of blocks", argv[2]);
	char err[300];
	if (v6fs_mkfs(c->image, (unsigned)fsize, (unsigned)isize, err, sizeof err) < 0)
		die(c, "%s", err);
	return 0;
}

/* ---- main ---- */

static const struct {
	const char *name;
	int (*run)(struct cmd *c, int argc, char **argv);
	int writes;
} cmds[] = {
	{"ls", cmd_ls, 0},	 {"cat", cmd_cat, 0},	  {"get", cmd_get, 0},
	{"stat", cmd_stat, 0},	 {"df", cmd_df, 0},	  {"check", cmd_check, 0},
	{"put", cmd_put, 1},	 {"mkdir", cmd_mkdir, 1}, {"rm", cmd_rm, 1},
	{"rmdir", cmd_rmdir, 1}, {"mknod", cmd_mknod, 1}, {"chmod", cmd_chmod, 1},
	{"bootblock", cmd_bootblock, 1},
};

static void first_problem(void *arg, const char *line)
{
	char *first = arg;
	if (!first[0])
		snprintf(first, 300, "%s", line);
}

int main(int argc, char **argv)
{
	struct cmd c = {.image = "", .now = (uint32_t)time(NULL)};
	int i = 1;
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("v6fs %s\n", PDP1140_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--make-disks") == 0)
		return v6_make_disks_main("v6fs", argc - 1, argv + 1);
	for (int j = 1; j < argc; j++)
		if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		}
	int now_image = 0;
	if (i + 1 < argc && strcmp(argv[i], "--now") == 0) {
		char *end;
		now_image = strcmp(argv[i + 1], "image") == 0;
		c.now = (uint32_t)strtoul(argv[i + 1], &end, 10);
		if (*end && !now_image) {
			fprintf(stderr, "v6fs: --now wants seconds since 1970 or `image'\n");
			return 1;
		}
		i += 2;
	}
	if (argc - i < 2) {
		fprintf(stderr, "v6fs: usage: v6fs [--now SECONDS] IMAGE COMMAND [ARGS] (see v6fs --help)\n");
		return 1;
	}
	c.image = argv[i];
	const char *name = argv[i + 1];
	argc -= i + 1;
	argv += i + 1;
	if (strcmp(name, "mkfs") == 0)
		return cmd_mkfs(&c, argc, argv);
	size_t k = 0, ncmds = sizeof cmds / sizeof cmds[0];
	while (k < ncmds && strcmp(cmds[k].name, name) != 0)
		k++;
	if (k == ncmds)
		die(&c, "%s: no such command (see v6fs --help)", name);

	char err[300];
	/* Reading and checking work on what a crash left (a damaged free
	 * list); changing needs a sound one. */
	c.fs = v6fs_open(c.image, cmds[k].writes ? V6FS_RDWR : V6FS_SALVAGE, err, sizeof err);
	if (!c.fs)
		die(&c, "%s", err);
	if (now_image)
		c.now = v6fs_sbtime(c.fs);
	v6fs_settime(c.fs, c.now);
	/* A change must not turn a clean file system into a broken one. */
	int clean_before = cmds[k].writes && v6fs_check(c.fs, NULL, NULL, NULL) == 0;
	int rc = cmds[k].run(&c, argc, argv);
	if (c.changed) {
		char first[300] = "";
		if (clean_before && v6fs_check(c.fs, first_problem, first, NULL) != 0)
			die(&c, "internal error: the result would be inconsistent (%s); image not written",
			    first);
		if (v6fs_sync(c.fs) < 0)
			fail(&c);
	}
	v6fs_close(c.fs);
	return rc;
}
