/* The kernel's source in the debugger: `list` (lines of the C and
 * assembler files on the pack) and the arguments bt shows for a C frame,
 * named as the function's definition names them (ksrc.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cexpr.h"
#include "debug.h"
#include "ksrc.h"
#include "parse.h"
#include "sim.h"

enum { LIST_LINES = 10 };

/* "sleep(chan=062632 <_runout>, pri=-100)": the C function at func (a
 * symbol's address) with its arguments from args (4(r5) once csv has
 * run, 2(sp) at its first instruction). Empty for assembler routines. */
void kdebug_frame_args(struct sim *s, int mode, uint16_t func, uint16_t args, char *out, int size)
{
	out[0] = 0;
	const struct symbol *sym = symtab_lookup(sim_symtab(s, mode), func);
	const struct ksrc_func *f = sym && mode == MODE_KERNEL ? ksrc_func(s->ksrc, sym->name) : NULL;
	struct cexpr_env env;
	if (!f || sym->name[0] != '_' || kdebug_env(s, &env) < 0)
		return;
	int n = snprintf(out, (size_t)size, "%s(", f->name);
	for (int i = 0; i < f->nparam && n < size; i++) {
		uint16_t w;
		char v[64];
		const struct ctype *t = &env.ct->ty[f->ptype[i]];
		if (cpu_peek(&s->m.cpu, (uint16_t)(args + 2 * i), mode, &w) != BUS_OK)
			snprintf(v, sizeof v, "<cannot read %06o>", (uint16_t)(args + 2 * i));
		else if (t->kind == CT_PTR || (w >= env.data_lo && w < env.data_hi))
			sim_addr(s, mode, w, v, sizeof v);
		else if (t->kind == CT_CHAR)
			snprintf(v, sizeof v, "%d", (int8_t)w);	/* a char argument is passed as a word */
		else if (t->kind == CT_UNSIGNED)
			snprintf(v, sizeof v, "%u", w);
		else
			snprintf(v, sizeof v, "%d", (int16_t)w);
		n += snprintf(out + n, (size_t)(size - n), "%s%s=%s", i ? ", " : "", f->param[i], v);
	}
	if (n < size)
		snprintf(out + n, (size_t)(size - n), ")");
}

static void show_lines(struct sim *s, int file, int first)
{
	const struct ksrc_file *f = &s->ksrc->files[file];
	if (first < 1)
		first = 1;
	if (first > f->nlines) {
		fprintf(stderr, "Line number %d out of range; \"%s\" has %d lines.\n", first, f->path, f->nlines);
		return;
	}
	int last = first + LIST_LINES - 1 < f->nlines ? first + LIST_LINES - 1 : f->nlines;
	for (int i = first; i <= last; i++) {
		const char *p = f->line[i - 1], *e = strchr(p, '\n');
		fprintf(stderr, "%d\t%.*s\n", i, e ? (int)(e - p) : (int)strlen(p), p);
	}
	s->list_file = file + 1;
	s->list_next = last + 1;
}

/* An assembler label `name:` at the start of a line of a .s file. */
static int find_label(const struct ksrc *k, const char *name, int *line)
{
	size_t n = strlen(name);
	for (int fi = 0; fi < k->nfiles; fi++) {
		const struct ksrc_file *f = &k->files[fi];
		size_t len = strlen(f->path);
		if (len < 2 || strcmp(f->path + len - 2, ".s") != 0)
			continue;
		for (int i = 0; i < f->nlines; i++)
			if (strncmp(f->line[i], name, n) == 0 && f->line[i][n] == ':') {
				*line = i + 1;
				return fi;
			}
	}
	return -1;
}

/* list FUNCTION | list FILE:LINE | list */
int cmd_list(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	const struct ksrc *k = s->ksrc;
	if (!k || !k->nfiles) {
		sim_error(s, "list: no kernel source: load the symbols from the pack (symbols rk0:/rkunix)");
		return CMD_ERROR;
	}
	if (argc > 1) {
		sim_error(s, "usage: list [FUNCTION|FILE:LINE]");
		return CMD_ERROR;
	}
	if (argc == 0) {
		if (s->list_file <= 0 || s->list_file > k->nfiles) {
			sim_error(s, "list: nothing listed yet: list FUNCTION or FILE:LINE");
			return CMD_ERROR;
		}
		show_lines(s, s->list_file - 1, s->list_next);
		return CMD_OK;
	}
	const char *colon = strrchr(argv[0], ':');
	if (colon) {
		char name[64];
		uint64_t line;
		snprintf(name, sizeof name, "%.*s", (int)(colon - argv[0]), argv[0]);
		int fi = ksrc_file(k, name);
		if (fi < 0) {
			sim_error(s, "list: no file %s in %s/ken, dmr or conf", name, k->source);
			return CMD_ERROR;
		}
		if (parse_number(colon + 1, 10, 100000, &line) < 0 || !line) {
			sim_error(s, "list: bad line number: %s (decimal, from 1)", colon + 1);
			return CMD_ERROR;
		}
		show_lines(s, fi, (int)line - LIST_LINES / 2);
		return CMD_OK;
	}
	const struct ksrc_func *f = ksrc_func(k, argv[0]);
	int fi = -1, line = 0;
	if (f) {
		fi = f->file;
		line = f->line;
	} else {
		/* an assembler routine: trap, or _savu as m40.s spells it */
		char under[CT_NAME + 2];
		snprintf(under, sizeof under, "_%s", argv[0]);
		fi = find_label(k, argv[0], &line);
		if (fi < 0)
			fi = find_label(k, under, &line);
	}
	if (fi < 0) {
		sim_error(s, "list: no function %s in %s", argv[0], k->source);
		return CMD_ERROR;
	}
	/* as gdb: the definition a few lines down the ten shown */
	show_lines(s, fi, line - LIST_LINES / 2 + 1);
	return CMD_OK;
}
