/* `set` and `show`: their subcommands as tables (name, abbreviation,
 * handler, help), and the handlers. Lookup, usage, `help set`/`help show`
 * and the error messages work from the rows alone. */
#include "setshow.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "commands.h"
#include "cpu/opcodes.h"
#include "debug.h"
#include "keys.h"
#include "panel.h"
#include "parse.h"
#include "settings.h"
#include "shadow.h"
#include "sim.h"
#include "timetravel.h"
#include "version.h"	/* PDP1140_VERSION, from the build */

enum { ERRLEN = 256 };

/* ---- set ---- */

static int set_cpu(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	if (strcasecmp(arg, "11/40") == 0)
		return CMD_OK;
	/* a WAIT always idles the host here (sleeps in real time, skips in
	 * virtual time): simh's idle detection is built in */
	if (strcasecmp(arg, "idle") == 0 || strcasecmp(arg, "noidle") == 0)
		return CMD_OK;
	if (strncasecmp(arg, "checkpoint", 10) == 0)
		return timetravel_set(s, arg);
	if (shadow_option(arg))
		return shadow_set(s, arg);
	/* the KJ11-A stack limit option: 777774 answers only with it */
	if (strcasecmp(arg, "kj11") == 0 || strcasecmp(arg, "nokj11") == 0) {
		s->m.cpu.kj11 = arg[0] != 'n' && arg[0] != 'N';
		cpu_set_slr(&s->m.cpu, 0);
		return CMD_OK;
	}
	if (strncasecmp(arg, "hist=", 5) == 0 || strncasecmp(arg, "history=", 8) == 0) {
		uint64_t n;
		if (decimal(s, strchr(arg, '=') + 1, HISTORY_MAX, &n))
			return CMD_ERROR;
		cpu_set_history(&s->m.cpu, (uint32_t)n);
		if (n && !s->m.cpu.hist) {
			sim_error(s, "set cpu: no memory for %llu history entries", (unsigned long long)n);
			return CMD_ERROR;
		}
		return CMD_OK;
	}
	size_t n = strlen(arg);
	uint64_t kb;
	char num[32];
	if (n >= 2 && n < sizeof num && (arg[n - 1] == 'k' || arg[n - 1] == 'K')) {
		snprintf(num, sizeof num, "%.*s", (int)n - 1, arg);
		if (parse_number(num, 10, 1 << 20, &kb) == 0) {
			if (kb == 256) {
				fprintf(stderr, "256K includes the I/O page: memory set to 248K\n");
				kb = 248;
			}
			if (kb == 0 || kb > MEM_MAX / 1024 || kb % 4) {
				sim_error(s, "set cpu: memory is 4K to %dK in steps of 4K", MEM_MAX / 1024);
				return CMD_ERROR;
			}
			if (machine_set_memsize(&s->m, (uint32_t)kb * 1024) != 0) {
				sim_error(s, "set cpu: cannot set memory to %lluK", (unsigned long long)kb);
				return CMD_ERROR;
			}
			return CMD_OK;
		}
	}
	sim_error(s, "set cpu: unknown option %s (11/40 or NNk)", arg);
	return CMD_ERROR;
}

/* Without a display the panel says so and the machine runs on: not an
 * error that would stop a script. */
static int set_panel(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	char err[ERRLEN];
	if (strcasecmp(arg, "on") == 0) {
		if (panel_open(s, err, sizeof err) != 0)
			fprintf(stderr, "%s\n", err);
		return CMD_OK;
	}
	if (strcasecmp(arg, "off") == 0) {
		panel_close(s);
		return CMD_OK;
	}
#ifdef PDP1140_PANEL
	if (strncasecmp(arg, "png=", 4) == 0) {
		char path[WORD_MAX];
		if (!s->panel) {
			sim_error(s, "set panel: the panel is not open");
			return CMD_ERROR;
		}
		if (!filename(s, arg + 4, path, sizeof path))
			return CMD_ERROR;
		if (panel_save_png(s, path) != 0) {
			sim_error(s, "set panel: %s: %s", path, strerror(errno));
			return CMD_ERROR;
		}
		return CMD_OK;
	}
#endif
	sim_error(s, "set panel: on, off or png=FILE, not %s", arg);
	return CMD_ERROR;
}

static int set_clock(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	if (abbrev(arg, "virtual", 1))
		sim_set_clock(s, false);
	else if (abbrev(arg, "realtime", 1))
		sim_set_clock(s, true);
	else {
		sim_error(s, "set clock: virtual or realtime, not %s", arg);
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int set_console(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	if (strncasecmp(arg, "keys=", 5) == 0) {
		int k = console_keys_parse(arg + 5);
		if (k < 0) {
			sim_error(s, "set console: keys=v6 or keys=modern, not %s", arg + 5);
			return CMD_ERROR;
		}
		s->keys = (uint8_t)k;
		return CMD_OK;
	}
	if (strncasecmp(arg, "telnet", 6) == 0 || strcasecmp(arg, "notelnet") == 0)
		return set_console_telnet(s, arg);
	if (strncasecmp(arg, "wru=", 4) != 0) {
		sim_error(s, "set console: wru=N, keys=v6|modern, telnet=[ADDR:]PORT or notelnet, not %s", arg);
		return CMD_ERROR;
	}
	uint64_t v;
	const char *val = arg + 4;
	if (val[0] == '^' && val[1] && !val[2])
		v = toupper((unsigned char)val[1]) & 037;
	else if (octal(s, val, 0177, &v))
		return CMD_ERROR;
	s->wru = (uint8_t)v;
	return CMD_OK;
}

/* simh boot files configure devices this machine has as it has them (the
 * KL11 is 7-bit, the RK11 and the clock are there) and disable ones it
 * lacks: those lines are accepted and change nothing. */
static int set_as_is(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	if (strcasecmp(arg, "enabled") == 0 || strcasecmp(arg, "7b") == 0 || strcasecmp(arg, "7p") == 0)
		return CMD_OK;
	sim_error(s, "set %s: enabled, 7b or 7p (as it is), not %s", a->word, arg);
	return CMD_ERROR;
}

static int set_absent(struct sim *s, const struct subargs *a)
{
	if (strcasecmp(a->argv[0], "disabled") == 0)
		return CMD_OK;
	sim_error(s, "set %s: this machine has no %s (only `disabled` is accepted)", a->word,
		  a->row->name);
	return CMD_ERROR;
}

#define ABSENT(name) { name, 0, SUB_PREFIX, set_absent, 1, 1, "disabled", NULL, NULL }
#define AS_IS(name) { name, sizeof name - 1, SUB_WORD, set_as_is, 1, 1, "enabled", NULL, NULL }

static const struct subcommand set_rows[] = {
	{ "cpu", 3, SUB_WORD, set_cpu, 1, 1, "11/40|NNk|hist=N|kj11|nokj11|checkpoints=N|idle|noidle|lockstep|nolockstep|engine=fast|engine=reference",
	  "11/40 hist= kj11 nokj11 checkpoints= checkpoint-every= idle noidle lockstep nolockstep engine=",
	  "the model (only the 11/40), memory, instruction history, the KJ11-A stack limit,"
	  " reverse execution's checkpoints, the engine, lockstep against the reference engine" },
	{ "clock", 5, SUB_WORD, set_clock, 1, 1, "virtual|realtime", "virtual realtime",
	  "the KW11-L's ticks from instructions (virtual) or the wall clock" },
	{ "console", 7, SUB_WORD, set_console, 1, 1, "wru=N|keys=v6|modern|telnet=PORT|notelnet",
	  "wru= keys= telnet= notelnet",
	  "the character that stops the machine (octal, or ^E); the keys that erase and interrupt;"
	  " the console on a telnet port" },
	{ "panel", 5, SUB_WORD, set_panel, 1, 1, "on|off|png=FILE", "on off png=",
	  "the front panel window; png= saves it as drawn last" },
	{ "rk", 0, SUB_UNIT, set_rk_lock, 1, 1, "locked|writeenabled", "locked writeenabled",
	  "drive N's WRITE LOCK switch (as attach -r)" },
	{ "clk", 3, SUB_WORD, set_clk, 1, 1, "50hz|60hz", "50hz 60hz", "the KW11-L's line frequency" },
	{ "throttle", 3, SUB_WORD, set_throttle, 1, 1, "N%|NK|NM|off", "off 1M",
	  "run no faster than N% of the host or N thousand/million instructions a second" },
	{ "nothrottle", 5, SUB_WORD, set_nothrottle, 0, 0, "", NULL, NULL },
	{ "kl", 2, SUB_WORD, set_kl, 1, 1, "lines=N", "lines=",
	  "terminal lines, the console included (kl1.. at 776500, vectors 300..)" },
	AS_IS("tti"), AS_IS("tto"), AS_IS("kw"),
	ABSENT("rl"), ABSENT("rp"), ABSENT("rx"), ABSENT("tm"), ABSENT("tq"), ABSENT("ts"),
	ABSENT("hk"), ABSENT("dz"), ABSENT("dl"), ABSENT("lpt"), ABSENT("ptr"), ABSENT("ptp"),
	ABSENT("cr"), ABSENT("rq"), ABSENT("xu"), ABSENT("xq"), ABSENT("vh"),
};

const struct subtable set_table = { "set", set_rows, sizeof set_rows / sizeof set_rows[0] };

/* ---- show ---- */

static int show_cpu(struct sim *s, const struct subargs *a)
{
	(void)a;
	struct cpu *cpu = &s->m.cpu;
	static const char *const mode[] = { "kernel", "mode1", "mode2", "user" };
	fprintf(stderr, "CPU 11/40, %uK memory, %s, clock %s\n", s->m.bus.memsize / 1024,
		s->m.cpu.kj11 ? "kj11" : "nokj11",
	       s->realtime ? "realtime" : "virtual");
	for (int i = 0; i < 8; i++)
		fprintf(stderr, "%s %06o%s", regname[i], cpu->r[i], i % 4 == 3 ? "\n" : "  ");
	uint16_t p = cpu_psw(cpu);
	fprintf(stderr, "PSW %06o  %s, previous %s, priority %o, %c%c%c%c%c\n", p, mode[p >> 14],
	       mode[(p >> 12) & 3], (p >> 5) & 7, p & PSW_T ? 'T' : '-', p & PSW_N ? 'N' : '-',
	       p & PSW_Z ? 'Z' : '-', p & PSW_V ? 'V' : '-', p & PSW_C ? 'C' : '-');
	fprintf(stderr, "KSP %06o  USP %06o  SR0 %06o  SR2 %06o\n", *cpu_sp_of(cpu, MODE_KERNEL),
	       *cpu_sp_of(cpu, MODE_USER), cpu->sr0, cpu_sr2(cpu));
	fprintf(stderr, "%llu instructions, bus time %llu%s%s\n", (unsigned long long)cpu_instructions(cpu),
	       (unsigned long long)s->m.bus.now, cpu->halted ? ", halted" : "",
	       cpu->waiting ? ", waiting" : "");
	/* host time: the one line that differs between two runs */
	char speed[128];
	sim_format_speed(s, speed, sizeof speed);
	fprintf(stderr, "host: %s\n", speed);
	return CMD_OK;
}

/* The last n instructions, oldest first, as `set cpu hist=N` recorded them. */
static int show_history(struct sim *s, const struct subargs *a)
{
	uint64_t n = 20;
	if (a->argc == 1 && decimal(s, a->argv[0], UINT64_MAX / 2, &n))
		return CMD_ERROR;
	struct cpu *cpu = &s->m.cpu;
	if (!cpu->hist) {
		fprintf(stderr, "no history: set cpu hist=N first\n");
		return CMD_OK;
	}
	uint64_t have = cpu->hist_count < cpu->hist_size ? cpu->hist_count : cpu->hist_size;
	if (n > have)
		n = have;
	for (uint64_t k = n; k > 0; k--) {
		const struct history *h =
			&cpu->hist[(cpu->hist_next + cpu->hist_size - k) % cpu->hist_size];
		uint16_t w[3] = { h->ir, h->src, h->dst };
		int mode = h->psw >> 14;
		static const char *const mname[] = { "kernel", "mode1", "mode2", "user" };
		char dis[96], where[96];
		const struct symtab *tab = sim_symtab(s, mode);
		disassemble(h->pc, w, dis, sizeof dis, sim_symbolize, (void *)tab);
		fprintf(stderr, "PC %s  PSW %06o  SP %06o  %-6s  %s\n",
			sim_addr(s, mode, h->pc, where, sizeof where), h->psw, h->sp, mname[mode], dis);
	}
	return CMD_OK;
}

static int show_devices(struct sim *s, const struct subargs *a)
{
	(void)a;
	struct unibus *bus = &s->m.bus;
	for (int i = 0; i < bus->ndev; i++) {
		struct device *d = bus->dev[i];
		fprintf(stderr, "%-10s %06o-%06o", d->name, d->lo, d->hi);
		for (int k = 0; k < d->nregs && k < 8; k++)
			fprintf(stderr, " %s", d->regs[k].name);
		if (d->nregs > 8)
			fprintf(stderr, " ... (%d registers)", d->nregs);
		fprintf(stderr, "\n");
	}
	for (int u = 0; u < RK_DRIVES; u++) {
		const struct rk05 *dr = &s->m.rk.drive[u];
		if (dr->fp)
			fprintf(stderr, "rk%-8d %s%s\n", u, dr->path ? dr->path : "?",
			       dr->readonly ? " (write locked)" : "");
	}
	return CMD_OK;
}

/* The RK11's registers decoded and the packs on the drives. */
static int show_rk(struct sim *s, const struct subargs *a)
{
	if (a->unit >= 0 && a->unit < RK_DRIVES) {
		show_rk_unit(s, a->unit);
		return CMD_OK;
	}
	if (a->unit >= 0) {
		sim_error(s, "show %s: no such drive (rk0 to rk%d)", a->word, RK_DRIVES - 1);
		return CMD_ERROR;
	}
	const struct rk11 *rk = &s->m.rk;
	static const char *const fn[] = { "control reset", "write", "read", "write check",
					  "seek", "read check", "drive reset", "write lock" };
	fprintf(stderr, "RKCS %06o  %s%s%s%s, function %s\n", rk->rkcs, rk->rkcs & 0200 ? "ready" : "busy",
		rk->rkcs & 0100 ? ", interrupt enabled" : "", rk->rkcs & 0100000 ? ", error" : "",
		rk->rkcs & 1 ? ", go" : "", fn[(rk->rkcs >> 1) & 7]);
	fprintf(stderr, "RKDA %06o  drive %o cylinder %o surface %o sector %o (block %u.)\n", rk->rkda,
		rk->rkda >> 13, (rk->rkda >> 5) & 0377, (rk->rkda >> 4) & 1, rk->rkda & 017,
		(((rk->rkda >> 5) & 0377) * 2 + ((rk->rkda >> 4) & 1)) * 12 + (rk->rkda & 017));
	fprintf(stderr, "RKBA %06o  RKWC %06o (%u. words)  RKER %06o  RKDS %06o\n", rk->rkba, rk->rkwc,
		rk->rkwc ? 0200000u - rk->rkwc : 0, rk->rker, rk->rkds);
	for (int u = 0; u < RK_DRIVES; u++) {
		const struct rk05 *dr = &rk->drive[u];
		if (dr->fp)
			fprintf(stderr, "rk%d  %s%s, cylinder %d\n", u, dr->path ? dr->path : "?",
				dr->readonly ? " (write locked)" : "", dr->cyl);
		else
			fprintf(stderr, "rk%d  not attached\n", u);
	}
	return CMD_OK;
}

static int show_clock(struct sim *s, const struct subargs *a)
{
	(void)a;
	describe_clock(s);
	return CMD_OK;
}

static int show_console(struct sim *s, const struct subargs *a)
{
	(void)a;
	fprintf(stderr, "console wru=%03o keys=%s\n", s->wru, console_keys_name(s->keys));
	describe_console(s);
	return CMD_OK;
}

static int show_expect(struct sim *s, const struct subargs *a)
{
	(void)a;
	for (int i = 0; i < s->sc.nrules; i++) {
		const struct expect_rule *r = &s->sc.rule[i];
		fprintf(stderr, "expect %s%s\"%s\" %llu%s%s\n", r->is_regex ? "-r " : "",
			r->persist ? "-p " : "", r->source, (unsigned long long)r->timeout,
			r->actions ? " " : "", r->actions ? r->actions : "");
	}
	return CMD_OK;
}

static int show_version(struct sim *s, const struct subargs *a)
{
	(void)s, (void)a;
	fprintf(stderr, "pdp1140 %s: PDP-11/40 (KD11-A, KE11-E, KT11-D), KL11, KW11-L, RK11-D\n",
		PDP1140_VERSION);
	return CMD_OK;
}

/* The debugger's views (debug.c, kdebug.c) take no arguments. */
static int show_brk(struct sim *s, const struct subargs *a) { (void)a; show_break(s); return CMD_OK; }
static int show_mmu_(struct sim *s, const struct subargs *a) { (void)a; show_mmu(s); return CMD_OK; }
static int show_sym(struct sim *s, const struct subargs *a) { (void)a; show_symbols(s); return CMD_OK; }
static int show_ckp(struct sim *s, const struct subargs *a) { (void)a; timetravel_show(s); return CMD_OK; }

static const struct subcommand show_rows[] = {
	{ "cpu", 3, SUB_WORD, show_cpu, 0, 0, "", NULL,
	  "registers, PSW, SR0/SR2, instructions and the host's speed" },
	{ "devices", 3, SUB_WORD, show_devices, 0, 0, "", NULL,
	  "the bus devices, their addresses and registers; attached packs" },
	{ "rk", 0, SUB_UNIT, show_rk, 0, 0, "", NULL,
	  "the RK11's registers decoded; each drive's pack (rkN: that drive, locked or not)" },
	{ "clock", 5, SUB_WORD, show_clock, 0, 0, "", NULL,
	  "the clock source, the ticks so far, the line frequency, the throttle" },
	{ "time", 4, SUB_WORD, show_time, 0, 0, "", NULL, "instructions executed, virtual and host time" },
	{ "queue", 5, SUB_WORD, show_queue, 0, 0, "", NULL,
	  "pending device events: device, what, due in how many instructions" },
	{ "kl", 2, SUB_WORD, show_kl, 0, 0, "", NULL, "the terminal lines and their telnet ports" },
	{ "throttle", 3, SUB_WORD, show_throttle, 0, 0, "", NULL, "the speed limit, if any" },
	{ "console", 7, SUB_WORD, show_console, 0, 0, "", NULL, "the console's settings" },
	{ "expect", 3, SUB_WORD, show_expect, 0, 0, "", NULL, "the expect rules waiting" },
	{ "break", 2, SUB_WORD, show_brk, 0, 0, "", NULL, "breakpoints and watchpoints" },
	{ "mmu", 3, SUB_WORD, show_mmu_, 0, 0, "", NULL, "SR0, SR2 and every page's mapping" },
	{ "checkpoints", 5, SUB_WORD, show_ckp, 0, 0, "", NULL,
	  "reverse execution's checkpoints and the instructions they cover" },
	{ "symbols", 3, SUB_WORD, show_sym, 0, 0, "", NULL, "the symbol tables loaded" },
	{ "version", 3, SUB_WORD, show_version, 0, 0, "", NULL, "the program's version and the machine" },
	{ "history", 4, SUB_WORD, show_history, 0, 1, "[N]", NULL,
	  "the last N instructions (default 20; set cpu hist=N first)" },
};

const struct subtable show_table = { "show", show_rows, sizeof show_rows / sizeof show_rows[0] };

/* ---- the tables ---- */

const struct subtable *sub_table(const char *cmd)
{
	static const struct subtable *const all[] = { &set_table, &show_table };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(cmd, all[i]->cmd) == 0)
			return all[i];
	return NULL;
}

const struct subcommand *sub_find(const struct subtable *t, const char *word, int *unit)
{
	*unit = -1;
	for (int i = 0; i < t->n; i++) {
		const struct subcommand *r = &t->rows[i];
		size_t len = strlen(r->name);
		switch (r->match) {
		case SUB_WORD:
			if (abbrev(word, r->name, r->min))
				return r;
			break;
		case SUB_UNIT:
			if (strncasecmp(word, r->name, len) == 0 &&
			    strspn(word + len, "0123456789") == strlen(word + len) && strlen(word + len) < 4) {
				if (word[len])
					*unit = atoi(word + len);
				return r;
			}
			break;
		case SUB_PREFIX:
			if (strncasecmp(word, r->name, len) == 0)
				return r;
			break;
		}
	}
	return NULL;
}

void sub_names(const struct subtable *t, char *buf, int size)
{
	int n = 0;
	buf[0] = 0;
	for (int i = 0; i < t->n && n < size; i++)
		if (t->rows[i].help)
			n += snprintf(buf + n, (size_t)(size - n), "%s%s", n ? ", " : "", t->rows[i].name);
}

static void usage_of(const struct subtable *t, const struct subcommand *r, char *buf, int size)
{
	snprintf(buf, (size_t)size, "%s %s%s%s%s", t->cmd, r->name, r->match == SUB_UNIT ? "N" : "",
		 r->args[0] ? " " : "", r->args);
}

void sub_help(const struct subtable *t)
{
	for (int i = 0; i < t->n; i++) {
		char use[128];
		if (!t->rows[i].help)
			continue;
		usage_of(t, &t->rows[i], use, sizeof use);
		fprintf(stderr, "%-40s %s\n", use, t->rows[i].help);
	}
}

/* set or show: find the row, check the count of words, run the handler. */
static int sub_run(struct sim *s, const struct subtable *t, int argc, char **argv)
{
	char names[256];
	sub_names(t, names, sizeof names);
	if (argc == 0) {
		sim_error(s, "usage: %s (WHAT: %s)", command_find(t->cmd)->usage, names);
		return CMD_ERROR;
	}
	struct subargs a = { NULL, argv[0], -1, argc - 1, argv + 1 };
	a.row = sub_find(t, argv[0], &a.unit);
	if (!a.row) {
		sim_error(s, "%s: %s is not one of %s", t->cmd, argv[0], names);
		return CMD_ERROR;
	}
	if (a.argc < a.row->lo || a.argc > a.row->hi) {
		char use[128];
		usage_of(t, a.row, use, sizeof use);
		sim_error(s, "usage: %s", use);
		return CMD_ERROR;
	}
	return a.row->fn(s, &a);
}

int cmd_set(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	return sub_run(s, &set_table, argc, argv);
}

int cmd_show(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	return sub_run(s, &show_table, argc, argv);
}
