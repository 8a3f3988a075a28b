/* C expressions over a V6 kernel's memory, as V6 writes them, typed by
 * the headers (ctypes.h): globals by their C names, #define constants,
 * integer constants by C's rules, `.` `->` `[]`, unary `*` `&` `-`, casts
 * to the headers' types, `+` `-` with pointer scaling, parentheses. V6's
 * loose rules hold: `.` and `->` apply to any lvalue or integer and the
 * member names its struct. Values print as gdb prints them, integers in
 * octal unless a format says otherwise. Only reads: nothing here writes. */
#ifndef CEXPR_H
#define CEXPR_H

#include <stdint.h>
#include <stdio.h>

#include "ctypes.h"

/* What the expressions see of the machine; ctx is passed back. */
struct cexpr_env {
	struct ctypes *ct;      /* pointer and struct types are made on demand */
	void *ctx;
	/* a word of kernel space; -1 when the mapping does not reach it */
	int (*peek)(void *ctx, uint16_t addr, uint16_t *w);
	/* a kernel symbol's value: 1 text, 0 data or bss, -1 none */
	int (*symbol)(void *ctx, const char *name, uint16_t *value);
	/* "_runout" or "_proc+26" for addr; 0 when it has no name */
	int (*symbolize)(void *ctx, uint16_t addr, char *buf, int size);
	uint16_t data_lo, data_hi;  /* ints in [lo, hi) get their symbol too */
};

/* print[/FMT] EXPR: fmt is 0 (octal), 'o', 'd', 'x' or 'c'. The value
 * goes to out; -1 with a one-line message in err (no "print:" prefix). */
int cexpr_print(const struct cexpr_env *env, const char *expr, int fmt, FILE *out, char *err, int errsize);
/* ptype EXPR or ptype struct NAME */
int cexpr_ptype(const struct cexpr_env *env, const char *expr, FILE *out, char *err, int errsize);
/* One value of type `type` at addr, as print shows it (bt's arguments). */
void cexpr_format(const struct cexpr_env *env, int type, long v, int fmt, FILE *out);

#endif
