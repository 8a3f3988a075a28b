/* Reading a V6 kernel's source from its pack (ksrc.h). */
#include "ksrc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "disks/v6fs.h"

static const char *const src_dirs[] = { "/usr/sys/ken", "/usr/sys/dmr", "/usr/sys/conf" };

void ksrc_free(struct ksrc *k)
{
	if (!k)
		return;
	ctypes_free(k->ct);
	for (int i = 0; i < k->nfiles; i++) {
		free(k->files[i].text);
		free(k->files[i].line);
	}
	free(k->files);
	free(k->funcs);
	free(k);
}

static char *read_text(struct v6fs *fs, const char *path)
{
	uint8_t *data = NULL;
	size_t len = 0;
	if (v6fs_readfile(fs, path, &data, &len) < 0)
		return NULL;
	char *t = malloc(len + 1);
	if (t) {
		for (size_t i = 0; i < len; i++)
			t[i] = data[i] ? (char)(data[i] & 0177) : ' ';	/* a NUL would end the text */
		t[len] = 0;
	}
	free(data);
	return t;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The names in a directory that end with suffix, sorted; *n of them. */
static char (*list_dir(struct v6fs *fs, const char *dir, const char *suffix, int *n))[16]
{
	unsigned ino;
	struct v6_dirent *ents = NULL;
	size_t ne = 0;
	*n = 0;
	if (v6fs_namei(fs, dir, &ino) < 0 || v6fs_readdir(fs, ino, &ents, &ne) < 0)
		return NULL;
	char (*names)[16] = calloc(ne ? ne : 1, sizeof *names);
	if (names)
		for (size_t i = 0; i < ne; i++) {
			char name[16];
			snprintf(name, sizeof name, "%.14s", ents[i].name);
			if (ends_with(name, suffix) && strcmp(name, ".") && strcmp(name, ".."))
				memcpy(names[(*n)++], name, sizeof name);
		}
	free(ents);
	if (names)
		qsort(names, (size_t)*n, sizeof *names, (int (*)(const void *, const void *))strcmp);
	return names;
}

static int add_file(struct ksrc *k, const char *path, char *text)
{
	struct ksrc_file *f = realloc(k->files, (size_t)(k->nfiles + 1) * sizeof *f);
	if (!f)
		return -1;
	k->files = f;
	f = &k->files[k->nfiles];
	memset(f, 0, sizeof *f);
	snprintf(f->path, sizeof f->path, "%s", path);
	f->text = text;
	int n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	f->line = malloc((size_t)n * sizeof *f->line);
	if (!f->line)
		return -1;
	f->line[0] = text;
	f->nlines = 1;
	for (const char *p = text; *p; p++)
		if (*p == '\n' && p[1])
			f->line[f->nlines++] = p + 1;
	k->nfiles++;
	return k->nfiles - 1;
}

static bool is_keyword(const char *w)
{
	static const char *const kw[] = { "if", "while", "for", "switch", "return", "sizeof", "goto", "case" };
	for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
		if (strcmp(w, kw[i]) == 0)
			return true;
	return false;
}

/* A function definition as V6 writes one: at the start of a line
 * `name(a, b)` (perhaps after a type), then parameter declarations, then
 * a line starting with `{`. Parameters are int unless declared. */
static void scan_functions(struct ksrc *k, int fi)
{
	const struct ksrc_file *f = &k->files[fi];
	for (int ln = 0; ln < f->nlines; ln++) {
		const char *p = f->line[ln];
		if (!isalpha((unsigned char)*p) && *p != '_')
			continue;
		const char *eol = strchr(p, '\n');
		int len = eol ? (int)(eol - p) : (int)strlen(p);
		const char *open = memchr(p, '(', (size_t)len), *close = open ? memchr(open, ')', (size_t)(len - (open - p))) : NULL;
		if (!open || !close || memchr(p, ';', (size_t)len) || memchr(p, '=', (size_t)len))
			continue;
		/* the name: the last word before `(` */
		const char *ne = open;
		while (ne > p && isspace((unsigned char)ne[-1]))
			ne--;
		const char *nb = ne;
		while (nb > p && (isalnum((unsigned char)nb[-1]) || nb[-1] == '_'))
			nb--;
		if (nb == ne || ne - nb >= CT_NAME)
			continue;
		struct ksrc_func fn = { .file = fi, .line = ln + 1 };
		snprintf(fn.name, sizeof fn.name, "%.*s", (int)(ne - nb), nb);
		if (is_keyword(fn.name))
			continue;
		/* the parameter names */
		bool ok = true;
		for (const char *q = open + 1; q < close && ok;) {
			while (q < close && (isspace((unsigned char)*q) || *q == ','))
				q++;
			const char *w = q;
			while (q < close && (isalnum((unsigned char)*q) || *q == '_'))
				q++;
			if (q == w) {
				ok = q == close;
				break;
			}
			if (fn.nparam == KSRC_PARAMS || q - w >= CT_NAME) {
				ok = false;
				break;
			}
			snprintf(fn.param[fn.nparam], CT_NAME, "%.*s", (int)(q - w), w);
			fn.ptype[fn.nparam++] = ctypes_basic(k->ct, CT_INT);
		}
		/* declarations up to the `{` line say the types */
		int dl = ln + 1;
		for (; ok && dl < f->nlines && f->line[dl][0] != '{'; dl++) {
			const char *d = f->line[dl], *de = strchr(d, '\n');
			char decl[256];
			snprintf(decl, sizeof decl, "%.*s", de ? (int)(de - d) : (int)strlen(d), d);
			if (strspn(decl, " \t") == strlen(decl))
				continue;
			char names[KSRC_PARAMS][CT_NAME];
			int types[KSRC_PARAMS];
			int n = ctypes_decl(k->ct, decl, names, types, KSRC_PARAMS);
			if (n < 0) {
				ok = false;	/* not a definition after all */
				break;
			}
			for (int i = 0; i < n; i++)
				for (int j = 0; j < fn.nparam; j++)
					if (strcmp(names[i], fn.param[j]) == 0)
						fn.ptype[j] = types[i];
		}
		if (!ok || dl >= f->nlines || dl - ln > 12)
			continue;
		struct ksrc_func *nf = realloc(k->funcs, (size_t)(k->nfuncs + 1) * sizeof *nf);
		if (!nf)
			return;
		k->funcs = nf;
		k->funcs[k->nfuncs++] = fn;
		ln = dl;
	}
}

/* Rows of ken/sysent.c: `N, &func,  / * M = name * /`. */
static void read_sysent(struct ksrc *k, const char *text)
{
	for (const char *p = text; (p = strchr(p, '&')) != NULL; p++) {
		const char *ls = p;
		while (ls > text && ls[-1] != '\n')
			ls--;
		int nargs, num, n = 0;
		char name[16];
		const char *c = strstr(ls, "/*"), *eol = strchr(p, '\n');
		if (sscanf(ls, " %d ,%n", &nargs, &n) != 1 || !c || (eol && c > eol) ||
		    sscanf(c, "/* %d = %15[A-Za-z0-9_]", &num, name) != 2 || num < 0 || num >= KSRC_CALLS ||
		    nargs < 0 || nargs > 8)
			continue;
		/* "x" marks an unused row */
		snprintf(k->calls[num].name, sizeof k->calls[num].name, "%s", strcmp(name, "x") ? name : "");
		k->calls[num].nargs = nargs;
		if (num + 1 > k->ncalls)
			k->ncalls = num + 1;
	}
}

struct ksrc *ksrc_builtin(const char *name, const char *text)
{
	struct ksrc *k = calloc(1, sizeof *k);
	if (!k || !(k->ct = ctypes_new())) {
		free(k);
		return NULL;
	}
	ctypes_read(k->ct, name, text);
	snprintf(k->source, sizeof k->source, "%s", name);
	return k;
}

struct ksrc *ksrc_load(struct v6fs *fs, const char *disk, FILE *warn)
{
	struct ksrc *k = calloc(1, sizeof *k);
	if (!k || !(k->ct = ctypes_new())) {
		free(k);
		return NULL;
	}
	snprintf(k->source, sizeof k->source, "%s:/usr/sys", disk);
	/* param.h first: the others use its constants. ino.h is the inode on
	 * the disk, which the kernel's C never includes beside inode.h. */
	int nh;
	char (*h)[16] = list_dir(fs, "/usr/sys", ".h", &nh);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < nh; i++) {
			if ((strcmp(h[i], "param.h") == 0) != (pass == 0) || strcmp(h[i], "ino.h") == 0)
				continue;
			char path[64], where[96];
			snprintf(path, sizeof path, "/usr/sys/%s", h[i]);
			snprintf(where, sizeof where, "%s:%s", disk, path);
			char *t = read_text(fs, path);
			if (!t) {
				fprintf(warn, "%s: cannot read: %s\n", where, v6fs_error(fs));
				continue;
			}
			ctypes_read(k->ct, where, t);
			free(t);
		}
	free(h);
	if (!nh)
		fprintf(warn, "%s:/usr/sys: no headers: no kernel types\n", disk);
	for (int i = 0; i < k->ct->nwarn; i++)
		fprintf(warn, "%s\n", k->ct->warn[i]);
	for (size_t d = 0; d < sizeof src_dirs / sizeof src_dirs[0]; d++) {
		for (int pass = 0; pass < 2; pass++) {
			int n;
			char (*names)[16] = list_dir(fs, src_dirs[d], pass ? ".s" : ".c", &n);
			for (int i = 0; i < n; i++) {
				char path[64];
				snprintf(path, sizeof path, "%s/%s", src_dirs[d], names[i]);
				char *t = read_text(fs, path);
				int fi = t ? add_file(k, path, t) : -1;
				if (fi < 0) {
					free(t);
					continue;
				}
				if (!pass)
					scan_functions(k, fi);
				if (strcmp(path, "/usr/sys/ken/sysent.c") == 0)
					read_sysent(k, t);
			}
			free(names);
		}
	}
	if (!k->ncalls)
		fprintf(warn, "%s:/usr/sys/ken/sysent.c: no system call table\n", disk);
	return k;
}

const struct ksrc_func *ksrc_func(const struct ksrc *k, const char *name)
{
	if (name[0] == '_')
		name++;
	for (int i = 0; k && i < k->nfuncs; i++)
		if (strcmp(k->funcs[i].name, name) == 0)
			return &k->funcs[i];
	return NULL;
}

int ksrc_file(const struct ksrc *k, const char *name)
{
	for (int i = 0; k && i < k->nfiles; i++) {
		const char *base = strrchr(k->files[i].path, '/');
		if (strcmp(k->files[i].path, name) == 0 || (base && strcmp(base + 1, name) == 0))
			return i;
	}
	return -1;
}
