/* The source of a V6 kernel as its pack holds it: the headers of /usr/sys
 * read into C types (ctypes.h), the C and assembler files of /usr/sys/ken,
 * dmr and conf kept as text for `list`, each C function's parameters for
 * `bt`, and the system call table of ken/sysent.c (names from its
 * comments, argument counts from its rows) for `systrace`. Read once, by
 * `symbols rkN:/FILE`; pure data afterwards. */
#ifndef KSRC_H
#define KSRC_H

#include <stdio.h>

#include "ctypes.h"

struct v6fs;

enum { KSRC_PARAMS = 8, KSRC_CALLS = 64 };

struct ksrc_file {
	char path[64];          /* "/usr/sys/ken/slp.c" */
	char *text;
	int nlines;
	const char **line;      /* line[i]: the start of line i+1 in text */
};

struct ksrc_func {
	char name[CT_NAME];
	int file, line;         /* where its definition starts */
	int nparam;
	char param[KSRC_PARAMS][CT_NAME];
	int ptype[KSRC_PARAMS];
};

struct ksrc_call {
	char name[16];          /* "" for an empty row */
	int nargs;              /* words after the sys instruction */
};

struct ksrc {
	struct ctypes *ct;
	struct ksrc_file *files; int nfiles;
	struct ksrc_func *funcs; int nfuncs;
	struct ksrc_call calls[KSRC_CALLS];
	int ncalls;             /* 0: no sysent.c read */
	char source[64];        /* "rk0:/usr/sys" */
};

/* Read everything from the pack; problems (a header line that cannot be
 * read, a missing file) go to warn, one line each. NULL only when out of
 * memory. disk names the pack in messages ("rk0"). */
struct ksrc *ksrc_load(struct v6fs *fs, const char *disk, FILE *warn);
/* Types from the given header text only (stock V6's proc.h when no pack
 * was read). */
struct ksrc *ksrc_builtin(const char *name, const char *text);
void ksrc_free(struct ksrc *k);

const struct ksrc_func *ksrc_func(const struct ksrc *k, const char *name);
/* A file by path or by its last component ("slp.c"); -1 if none. */
int ksrc_file(const struct ksrc *k, const char *name);

#endif
