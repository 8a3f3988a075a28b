/* Symbols, breakpoints, watchpoints, next and trace. The CPU knows only
 * two 64K maps (break before PC, stop after a write); which hits count
 * (mode, count) and what runs after them is decided here. */
#include "debug.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/opcodes.h"
#include "disks/hostfile.h"
#include "disks/v6fs.h"
#include "parse.h"
#include "sim.h"
#include "systrace.h"

enum { ERRLEN = 256 };

static const char *const mode_name[] = { "kernel", "mode1", "mode2", "user" };

/* ---- symbols command ---- */

int cmd_symbols(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	int space = 0, i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcasecmp(argv[i], "-u") == 0)
			space = 1;
		else if (strcasecmp(argv[i], "-k") == 0)
			space = 0;
		else {
			sim_error(s, "symbols: unknown switch %s", argv[i]);
			return CMD_ERROR;
		}
	}
	if (argc - i == 0) {
		show_symbols(s);
		return CMD_OK;
	}
	if (argc - i != 1) {
		sim_usage(s);
		return CMD_ERROR;
	}
	char path[WORD_MAX], err[ERRLEN];
	if (parse_string(argv[i], path, sizeof path, err, sizeof err) < 0) {
		sim_error(s, "symbols: %s", err);
		return CMD_ERROR;
	}
	if (strcasecmp(path, "none") == 0) {
		symtab_free(&s->sym[space]);
		if (space == 0)
			kdebug_read_source(s, NULL, NULL);
		return CMD_OK;
	}
	uint8_t *data = NULL;
	size_t len = 0;
	int got;
	/* rkN:/path names a file in the V6 file system on drive N's image */
	if (strncasecmp(path, "rk", 2) == 0 && path[2] >= '0' && path[2] <= '7' && path[3] == ':') {
		int unit = path[2] - '0';
		const struct rk05 *dr = &s->m.rk.drive[unit];
		if (!dr->fp || !dr->path) {
			sim_error(s, "symbols: rk%d is not attached", unit);
			return CMD_ERROR;
		}
		fflush(dr->fp);	/* what the guest wrote is in the file */
		struct v6fs *fs = v6fs_open(dr->path, V6FS_RDONLY, err, sizeof err);
		if (!fs) {
			sim_error(s, "symbols: rk%d: %s", unit, err);
			return CMD_ERROR;
		}
		if (v6fs_readfile(fs, path + 4, &data, &len) < 0) {
			sim_error(s, "symbols: %s: %s", path, v6fs_error(fs));
			v6fs_close(fs);
			return CMD_ERROR;
		}
		char disk[8];
		snprintf(disk, sizeof disk, "rk%d", unit);
		if (space == 0)
			kdebug_read_source(s, fs, disk);
		v6fs_close(fs);
	} else if ((got = host_read_file(path, 0, &data, &len)) < 0) {
		sim_error(s, got == -1 ? "symbols: cannot open %s: %m" : "symbols: cannot read %s: %m", path);
		return CMD_ERROR;
	} else if (space == 0) {
		kdebug_read_source(s, NULL, NULL);	/* no pack: no source */
	}
	struct symtab t = { 0 };
	int rc = symtab_load(&t, data, len, err, sizeof err);
	free(data);
	if (rc < 0) {
		sim_error(s, "symbols: %s: %s", path, err);
		return CMD_ERROR;
	}
	snprintf(t.source, sizeof t.source, "%.200s", path);
	symtab_free(&s->sym[space]);
	s->sym[space] = t;
	fprintf(stderr, "%s: %d symbols (%s space), text %06o-%06o\n", path, t.n,
		space ? "user" : "kernel", t.text_lo, t.text_hi);
	return CMD_OK;
}

void show_symbols(struct sim *s)
{
	for (int k = 0; k < 2; k++) {
		const struct symtab *t = &s->sym[k];
		if (t->n)
			fprintf(stderr, "%s symbols: %s, %d symbols, text %06o-%06o\n", k ? "user" : "kernel",
				t->source, t->n, t->text_lo, t->text_hi);
		else
			fprintf(stderr, "%s symbols: none\n", k ? "user" : "kernel");
	}
}

/* ---- breakpoints and watchpoints ---- */

/* The CPU's maps are the union of the table and `next`'s stop. */
static int sync_maps(struct sim *s)
{
	struct cpu *cpu = &s->m.cpu;
	bool need_b = s->next_active || s->systrace, need_w = false;
	for (int i = 0; i < s->nbrk; i++)
		*(s->brk[i].watch ? &need_w : &need_b) = true;
	if (need_b && !cpu->breakmap && !(cpu->breakmap = calloc(1, 65536)))
		return -1;
	if (need_w && !cpu->watchmap && !(cpu->watchmap = calloc(1, 65536)))
		return -1;
	if (!need_b) {
		free(cpu->breakmap);
		cpu->breakmap = NULL;
	}
	if (!need_w) {
		free(cpu->watchmap);
		cpu->watchmap = NULL;
	}
	if (cpu->breakmap)
		memset(cpu->breakmap, 0, 65536);
	if (cpu->watchmap)
		memset(cpu->watchmap, 0, 65536);
	for (int i = 0; i < s->nbrk; i++)
		(s->brk[i].watch ? cpu->watchmap : cpu->breakmap)[s->brk[i].addr] = 1;
	if (s->next_active)
		cpu->breakmap[s->next_pc] = 1;
	systrace_mark(s, cpu->breakmap);
	cpu_update_hooks(cpu);
	return 0;
}

int debug_sync_maps(struct sim *s)
{
	return sync_maps(s);
}

static void brk_remove(struct sim *s, int i)
{
	free(s->brk[i].actions);
	memmove(&s->brk[i], &s->brk[i + 1], (size_t)(s->nbrk - i - 1) * sizeof s->brk[0]);
	s->nbrk--;
}

/* The line up to the first `;` outside quotes; *actions is what follows. */
static void split_actions(const char *rest, char *head, int size, const char **actions)
{
	const char *p = find_separator(rest);
	snprintf(head, size, "%.*s", (int)(p - rest), rest);
	*actions = NULL;
	if (*p == ';') {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			*actions = p;
	}
}

/* break [-w] [-k|-u] ADDR[,ADDR...] [COUNT] [; ACTIONS]; ADDR[COUNT] as simh */
int cmd_break(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	char head[WORD_MAX];
	const char *actions;
	split_actions(rest, head, sizeof head, &actions);
	struct words *w = malloc(sizeof *w);
	char err[ERRLEN];
	int rc = CMD_ERROR;
	if (!w) {
		sim_error(s, "out of memory");
		return CMD_ERROR;
	}
	if (split_words(head, w, err, sizeof err) < 0) {
		sim_error(s, "break: %s", err);
		goto out;
	}
	if (w->n == 0) {
		show_break(s);
		rc = CMD_OK;
		goto out;
	}
	bool watch = false;
	int mode = -2, i = 0;
	for (; i < w->n && w->w[i][0] == '-' && w->w[i][1]; i++)
		for (const char *f = w->w[i] + 1; *f; f++) {
			switch (tolower((unsigned char)*f)) {
			case 'w': watch = true; break;
			case 'k': mode = MODE_KERNEL; break;
			case 'u': mode = MODE_USER; break;
			case 'e': break;	/* simh's default kind: execution */
			default:
				sim_error(s, "break: unknown switch -%c", *f);
				goto out;
			}
		}
	if (w->n - i < 1 || w->n - i > 2) {
		sim_usage(s);
		goto out;
	}
	uint64_t count = 1;
	if (w->n - i == 2 && (parse_number(w->w[i + 1], 10, UINT32_MAX, &count) < 0 || count == 0)) {
		sim_error(s, "bad number: %s (a count of hits, decimal, at least 1)", w->w[i + 1]);
		goto out;
	}
	/* parse every address before changing anything */
	struct breakpoint nb[BREAK_MAX];
	int nnew = 0;
	for (char *item = strtok(w->w[i], ","); item; item = strtok(NULL, ",")) {
		char *br = strchr(item, '[');
		uint64_t c = count, a;
		if (br) {
			char *end = strchr(br, ']');
			if (!end || end[1] || (*end = 0, parse_number(br + 1, 10, UINT32_MAX, &c) < 0) || !c) {
				sim_error(s, "break: bad count in %s", item);
				goto out;
			}
			*br = 0;
		}
		int sym_mode;
		if (sim_parse_addr(s, item, 0177777, &a, &sym_mode) < 0)
			goto out;
		if (!watch && (a & 1)) {
			sim_error(s, "break: odd address %06llo", (unsigned long long)a);
			goto out;
		}
		if (nnew == BREAK_MAX) {
			sim_error(s, "break: too many at once");
			goto out;
		}
		/* a kernel symbol means the kernel's address, not the same
		 * number in some user program */
		nb[nnew++] = (struct breakpoint){ .addr = (uint16_t)a, .watch = watch,
						  .mode = mode != -2 ? mode : sym_mode, .count = c };
	}
	for (int k = 0; k < nnew; k++) {
		int j = 0;
		while (j < s->nbrk && !(s->brk[j].addr == nb[k].addr && s->brk[j].watch == nb[k].watch))
			j++;
		if (j < s->nbrk)
			brk_remove(s, j);	/* break again at an address replaces it */
		if (s->nbrk == BREAK_MAX) {
			sim_error(s, "break: at most %d breakpoints", BREAK_MAX);
			goto out;
		}
		nb[k].actions = actions ? strdup(actions) : NULL;
		s->brk[s->nbrk++] = nb[k];
	}
	if (sync_maps(s) < 0) {
		sim_error(s, "break: out of memory");
		goto out;
	}
	rc = CMD_OK;
out:
	free(w);
	return rc;
}

/* nobreak [-w] [ADDR...|all] */
int cmd_nobreak(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	bool only_watch = false;
	if (argc && strcasecmp(argv[0], "-w") == 0) {
		only_watch = true;
		argc--, argv++;
	}
	if (argc == 0 || (argc == 1 && strcasecmp(argv[0], "all") == 0)) {
		for (int i = s->nbrk - 1; i >= 0; i--)
			if (!only_watch || s->brk[i].watch)
				brk_remove(s, i);
		sync_maps(s);
		return CMD_OK;
	}
	uint16_t addr[ARGS_MAX];
	for (int k = 0; k < argc; k++) {
		uint64_t a;
		int sym_mode;
		if (sim_parse_addr(s, argv[k], 0177777, &a, &sym_mode) < 0)
			return CMD_ERROR;
		addr[k] = (uint16_t)a;
	}
	for (int k = 0; k < argc; k++) {
		int found = 0;
		for (int i = s->nbrk - 1; i >= 0; i--)
			if (s->brk[i].addr == addr[k] && (!only_watch || s->brk[i].watch)) {
				brk_remove(s, i);
				found = 1;
			}
		if (!found)
			fprintf(stderr, "nobreak: no breakpoint at %06o\n", addr[k]);
	}
	sync_maps(s);
	return CMD_OK;
}

void show_break(struct sim *s)
{
	if (!s->nbrk)
		fprintf(stderr, "no breakpoints\n");
	for (int i = 0; i < s->nbrk; i++) {
		const struct breakpoint *b = &s->brk[i];
		char where[96];
		sim_addr(s, b->mode < 0 ? MODE_KERNEL : b->mode, b->addr, where, sizeof where);
		fprintf(stderr, "%s %s  %s", b->watch ? "watch" : "break", where,
			b->mode < 0 ? "any mode" : mode_name[b->mode]);
		if (b->count > 1)
			fprintf(stderr, "  count %llu", (unsigned long long)b->count);
		fprintf(stderr, "  hits %llu", (unsigned long long)b->hits);
		if (b->actions)
			fprintf(stderr, "  ; %s", b->actions);
		fputc('\n', stderr);
	}
}

const char *debug_hit(struct sim *s, enum stop r)
{
	struct cpu *cpu = &s->m.cpu;
	int mode = cpu_mode(cpu);
	uint16_t at = r == STOP_WATCH ? cpu->watch_addr : cpu->r[PC];
	/* systrace's stops only read; a breakpoint at the same place still counts */
	if (r == STOP_BREAK && s->systrace)
		systrace_hit(s, at, mode);
	if (r == STOP_BREAK && s->next_active && at == s->next_pc && mode == s->next_mode &&
	    cpu->r[SP] >= s->next_sp) {
		s->next_active = false;
		sync_maps(s);
		return "Step expired";
	}
	for (int i = 0; i < s->nbrk; i++) {
		struct breakpoint *b = &s->brk[i];
		bool same = r == STOP_WATCH ? b->watch && (b->addr == at || b->addr == (at & ~1))
					    : !b->watch && b->addr == at;
		if (!same || (b->mode >= 0 && b->mode != mode))
			continue;
		if (++b->hits < b->count)
			return NULL;
		free(s->stop_actions);
		s->stop_actions = b->actions ? strdup(b->actions) : NULL;
		if (r == STOP_BREAK)
			return "Breakpoint";
		char where[64];
		snprintf(s->stop_why, sizeof s->stop_why, "Watchpoint, write to %.60s",
			 sim_addr(s, mode, at, where, sizeof where));
		return s->stop_why;
	}
	return NULL;	/* another mode's address, or `next`'s stop in a deeper call */
}

/* ---- next ---- */

int debug_next_arm(struct sim *s)
{
	struct cpu *cpu = &s->m.cpu;
	int mode = cpu_mode(cpu);
	uint16_t pc = cpu->r[PC], ir;
	if (cpu_peek(cpu, pc, mode, &ir) != BUS_OK || (ir & 0177000) != 0004000)
		return 0;	/* not a JSR */
	char dis[80];
	int words = sim_disassemble_at(s, mode, pc, false, dis, sizeof dis);
	s->next_active = true;
	s->next_pc = (uint16_t)(pc + 2 * words);
	/* JSR PC returns with SP back where it was (deeper calls of the same
	 * code do not count); V6's `jsr r5,csv` comes back with the frame
	 * built, SP lower, so only the address counts there. */
	s->next_sp = (ir & 0700) == 0700 ? cpu->r[SP] : 0;
	s->next_mode = mode;
	if (sync_maps(s) < 0) {
		s->next_active = false;
		sim_error(s, "next: out of memory");
		return -1;
	}
	return 1;
}

void debug_next_end(struct sim *s)
{
	if (s->next_active) {	/* stopped by something else */
		s->next_active = false;
		sync_maps(s);
	}
}

/* ---- trace ---- */

enum { TRACE_HISTORY = 1 << 16 };

int cmd_trace(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc != 1) {
		sim_usage(s);
		return CMD_ERROR;
	}
	char path[WORD_MAX], err[ERRLEN];
	if (parse_string(argv[0], path, sizeof path, err, sizeof err) < 0) {
		sim_error(s, "trace: %s", err);
		return CMD_ERROR;
	}
	FILE *f = fopen(path, "w");
	if (!f) {
		sim_error(s, "trace: cannot create %s: %m", path);
		return CMD_ERROR;
	}
	struct cpu *cpu = &s->m.cpu;
	/* the trace is written from the history ring between slices */
	if (cpu->hist_size < TRACE_HISTORY) {
		cpu_set_history(cpu, TRACE_HISTORY);
		if (!cpu->hist) {
			fclose(f);
			sim_error(s, "trace: out of memory");
			return CMD_ERROR;
		}
	}
	if (s->trace)
		fclose(s->trace);
	s->trace = f;
	s->trace_seen = cpu->hist_count;
	return CMD_OK;
}

int cmd_notrace(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	if (s->trace) {
		debug_trace_flush(s);
		fclose(s->trace);
		s->trace = NULL;
	}
	return CMD_OK;
}

uint64_t debug_trace_slice(struct sim *s, uint64_t slice)
{
	uint32_t n = s->m.cpu.hist_size;
	return s->trace && n && slice > n ? n : slice;
}

void debug_trace_flush(struct sim *s)
{
	struct cpu *cpu = &s->m.cpu;
	if (!s->trace || !cpu->hist)
		return;
	uint64_t n = cpu->hist_count - s->trace_seen;
	if (n > cpu->hist_size) {
		fprintf(s->trace, "... %llu instructions not traced\n",
			(unsigned long long)(n - cpu->hist_size));
		n = cpu->hist_size;
	}
	for (uint64_t k = n; k > 0; k--) {
		const struct history *h = &cpu->hist[(cpu->hist_next + cpu->hist_size - k) % cpu->hist_size];
		uint16_t w[3] = { h->ir, h->src, h->dst };
		int mode = h->psw >> 14;
		char dis[96], where[96];
		disassemble(h->pc, w, dis, sizeof dis, sim_symbolize, (void *)sim_symtab(s, mode));
		fprintf(s->trace, "PC %-24s PSW %06o  SP %06o  %-6s %s\n",
			sim_addr(s, mode, h->pc, where, sizeof where), h->psw, h->sp, mode_name[mode], dis);
	}
	s->trace_seen = cpu->hist_count;
	fflush(s->trace);
}

void debug_free(struct sim *s)
{
	for (int i = 0; i < s->nbrk; i++)
		free(s->brk[i].actions);
	s->nbrk = 0;
	free(s->stop_actions);
	s->stop_actions = NULL;
	if (s->trace)
		fclose(s->trace);
	s->trace = NULL;
	symtab_free(&s->sym[0]);
	symtab_free(&s->sym[1]);
	kdebug_read_source(s, NULL, NULL);
	systrace_free(s);
	free(s->m.cpu.watchmap);
	s->m.cpu.watchmap = NULL;
	free(s->on_error);
	s->on_error = NULL;
}
