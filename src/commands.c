/* Monitor commands, simh names and abbreviations. Addresses and values are
 * octal (a trailing `.` makes them decimal); counts are decimal. */
#include "commands.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cpu/opcodes.h"
#include "debug.h"
#include "examine.h"
#include "hostfile.h"
#include "loader.h"
#include "parse.h"
#include "panel.h"
#include "radix.h"
#include "settings.h"
#include "setshow.h"
#include "systrace.h"
#include "sim.h"
#include "snapshot.h"
#include "timetravel.h"

enum { ERRLEN = 256 };

/* ---- attach, detach, boot, load ---- */

static int cmd_attach(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	bool ro = false, create = false;
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++)
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'r' || *f == 'R')
				ro = true;
			else if (*f == 'n' || *f == 'N')
				create = true;
			else if (*f != 'q' && *f != 'Q') {
				sim_error(s, "attach: unknown switch -%c", *f);
				return CMD_ERROR;
			}
		}
	if (need(s, argc - i, 2, 2, "attach"))
		return CMD_ERROR;
	if (strncasecmp(argv[i], "kl", 2) == 0)
		return attach_kl(s, argv[i], argv[i + 1]);
	int unit = rk_unit(s, argv[i]);
	char path[WORD_MAX], err[ERRLEN];
	if (unit < 0 || !filename(s, argv[i + 1], path, sizeof path))
		return CMD_ERROR;
	/* rk11_attach replaces the pack only once the new one is open: a
	 * failed attach leaves the drive as it was. */
	int rc = rk11_attach(&s->m.rk, unit, path, ro, create, err, sizeof err);
	if (rc < 0) {
		sim_error(s, "attach: %s", err);
		return CMD_ERROR;
	}
	if (rc > 0)	/* a notice: attached read-only though writing was asked */
		fprintf(stderr, "attach: %s\n", err);
	return CMD_OK;
}

static int cmd_detach(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 1, "detach"))
		return CMD_ERROR;
	if (strcasecmp(argv[0], "all") == 0) {
		rk11_detach_all(&s->m.rk);
		return CMD_OK;
	}
	if (strncasecmp(argv[0], "kl", 2) == 0)
		return detach_kl(s, argv[0]);
	int unit = rk_unit(s, argv[0]);
	if (unit < 0)
		return CMD_ERROR;
	if (!s->m.rk.drive[unit].fp) {
		sim_error(s, "detach: rk%d is not attached", unit);
		return CMD_ERROR;
	}
	rk11_detach(&s->m.rk, unit);
	return CMD_OK;
}

static int cmd_boot(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 1, "boot"))
		return CMD_ERROR;
	int unit = rk_unit(s, argv[0]);
	char err[ERRLEN];
	if (unit < 0)
		return CMD_ERROR;
	if (machine_boot_rk(&s->m, unit, err, sizeof err) < 0) {
		sim_error(s, "boot rk%d: %s", unit, err);
		return CMD_ERROR;
	}
	return sim_run(s, 0);
}

/* 16-bit addresses from the tape: with the MMU off 160000-177777 is the I/O page. */
static int store_byte(void *ctx, uint16_t addr, uint8_t byte)
{
	struct sim *s = ctx;
	uint32_t pa = addr >= 0160000 ? addr + (IOPAGE - 0160000) : addr;
	return bus_write_byte(&s->m.bus, pa, byte) == BUS_OK ? 0 : -1;
}

static int cmd_load(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 1, "load"))
		return CMD_ERROR;
	char path[WORD_MAX], err[ERRLEN];
	if (!filename(s, argv[0], path, sizeof path))
		return CMD_ERROR;
	uint8_t *tape;
	size_t len;
	int got = host_read_file(path, 0, &tape, &len);
	if (got < 0) {
		/* a directory opens, then fails to read */
		sim_error(s, got == -1 ? "load: cannot open %s: %m" : "load: cannot read %s: %m", path);
		return CMD_ERROR;
	}
	struct load_info info;
	int rc = absload(tape, len, store_byte, s, &info, err, sizeof err);
	free(tape);
	if (rc < 0) {
		sim_error(s, "load %s: %s", path, err);
		return CMD_ERROR;
	}
	s->have_start = info.has_start;
	s->start = info.start;
	/* An odd transfer address tells the paper-tape loader to halt. */
	if (info.has_start && !(info.start & 1))
		s->m.cpu.r[PC] = info.start;
	return CMD_OK;
}

/* ---- running ---- */

/* A console start after HALT: cpu_run never stops on a breakpoint at the
 * PC it starts from, so continuing from one needs nothing here. */
static void prepare_to_run(struct sim *s)
{
	s->m.cpu.halted = false;
}

static int cmd_continue(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (need(s, argc, 0, 0, "continue"))
		return CMD_ERROR;
	prepare_to_run(s);
	return sim_run(s, 0);
}

static int start_address(struct sim *s, int argc, char **argv, const char *cmd, uint16_t *pc)
{
	uint64_t v;
	if (need(s, argc, 0, 1, cmd))
		return -1;
	if (argc == 0)
		return 0;
	int sym_mode;
	if (sim_parse_addr(s, argv[0], 0177777, &v, &sym_mode))
		return -1;
	if (v & 1) {
		sim_error(s, "%s: odd address %06llo", cmd, (unsigned long long)v);
		return -1;
	}
	*pc = (uint16_t)v;
	return 0;
}

static int cmd_go(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint16_t pc = s->m.cpu.r[PC];
	if (start_address(s, argc, argv, "go", &pc))
		return CMD_ERROR;
	s->m.cpu.r[PC] = pc;
	prepare_to_run(s);
	return sim_run(s, 0);
}

static int cmd_run(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint16_t pc = s->m.cpu.r[PC];
	if (start_address(s, argc, argv, "run", &pc))
		return CMD_ERROR;
	machine_reset(&s->m);
	s->m.cpu.r[PC] = pc;
	prepare_to_run(s);
	return sim_run(s, 0);
}

static int cmd_step(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint64_t n = 1;
	if (need(s, argc, 0, 1, "step") || (argc && decimal(s, argv[0], UINT64_MAX / 2, &n)))
		return CMD_ERROR;
	if (n == 0)
		return CMD_OK;
	prepare_to_run(s);
	return sim_run(s, n);
}

static int cmd_next(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (need(s, argc, 0, 0, "next"))
		return CMD_ERROR;
	s->m.cpu.halted = false;
	int armed = debug_next_arm(s);
	if (armed <= 0)
		return armed < 0 ? CMD_ERROR : sim_run(s, 1);
	int rc = sim_run(s, 0);
	debug_next_end(s);
	return rc;
}

static int cmd_reset(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (need(s, argc, 0, 0, "reset"))
		return CMD_ERROR;
	machine_reset(&s->m);
	return CMD_OK;
}

/* ---- expect and send ---- */

static int cmd_expect(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	bool is_regex = false, persist = false;
	char word[WORD_MAX], pat[PATTERN_MAX], err[ERRLEN];
	const char *p = rest;
	int n;
	for (;;) {
		const char *before = p;
		n = take_word(&p, word, sizeof word);
		if (n <= 0) {
			sim_error(s, "usage: %s", command_find("expect")->usage);
			return CMD_ERROR;
		}
		if (word[0] != '-' || n == 1) {
			p = before;
			break;
		}
		for (const char *f = word + 1; *f; f++) {
			if (*f == 'r' || *f == 'R')
				is_regex = true;
			else if (*f == 'p' || *f == 'P')
				persist = true;
			else {
				sim_error(s, "expect: unknown switch -%c", *f);
				return CMD_ERROR;
			}
		}
	}
	n = take_word(&p, word, sizeof word);
	int len = parse_string(word, pat, sizeof pat, err, sizeof err);
	if (n < 0 || len < 0) {
		sim_error(s, "expect: %s", n < 0 ? "unterminated string" : err);
		return CMD_ERROR;
	}
	if (is_regex) {	/* the regex keeps its own backslashes */
		bool quoted = n >= 2 && (word[0] == '"' || word[0] == '\'');
		len = snprintf(pat, sizeof pat, "%.*s", quoted ? n - 2 : n, word + quoted);
	}
	uint64_t timeout = DEFAULT_EXPECT_TIMEOUT, v;
	const char *after = p;
	if (take_word(&after, word, sizeof word) > 0 && parse_number(word, 10, UINT64_MAX / 4, &v) == 0) {
		timeout = v;
		p = after;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (expect_add(&s->sc, pat, len, is_regex, persist, timeout, p, err, sizeof err) < 0) {
		sim_error(s, "expect: %s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int cmd_noexpect(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	expect_clear(&s->sc);
	return CMD_OK;
}

/* send [after=N,delay=N] "text" */
static int cmd_send(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint64_t after = DEFAULT_SEND_DELAY, delay = DEFAULT_SEND_DELAY;
	int i = 0;
	for (; i < argc - 1; i++) {
		char opts[WORD_MAX];
		snprintf(opts, sizeof opts, "%s", argv[i]);
		for (char *tok = strtok(opts, ","); tok; tok = strtok(NULL, ",")) {
			char *eq = strchr(tok, '=');
			uint64_t *dst = NULL;
			if (eq && strncasecmp(tok, "after", eq - tok) == 0 && eq - tok >= 1)
				dst = &after;
			else if (eq && strncasecmp(tok, "delay", eq - tok) == 0 && eq - tok >= 1)
				dst = &delay;
			if (!dst) {
				sim_error(s, "send: unknown option %s (after=N or delay=N)", tok);
				return CMD_ERROR;
			}
			if (decimal(s, eq + 1, 1000000000000ull, dst))
				return CMD_ERROR;
		}
	}
	if (need(s, argc - i, 1, 1, "send"))
		return CMD_ERROR;
	char text[SEND_MAX + 1], err[ERRLEN];
	int len = parse_string(argv[i], text, sizeof text, err, sizeof err);
	if (len < 0) {
		sim_error(s, "send: %s", err);
		return CMD_ERROR;
	}
	if (send_add(&s->sc, (const uint8_t *)text, len, after, delay) < 0) {
		sim_error(s, "send: queue full");
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int cmd_runlimit(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc == 0) {
		if (s->limit_time != UINT64_MAX)
			fprintf(stderr, "runlimit at bus time %llu\n", (unsigned long long)s->limit_time);
		else if (s->limit_wall)
			fprintf(stderr, "runlimit in %.0f seconds\n", s->limit_wall - sim_wall());
		else
			fprintf(stderr, "no runlimit\n");
		return CMD_OK;
	}
	uint64_t n;
	if (need(s, argc, 1, 2, "runlimit") || decimal(s, argv[0], UINT64_MAX / 4, &n))
		return CMD_ERROR;
	s->limit_time = UINT64_MAX;
	s->limit_wall = 0;
	if (argc == 1 || abbrev(argv[1], "instructions", 1) || abbrev(argv[1], "cycles", 1)) {
		s->limit_time = s->m.bus.now + n;
	} else if (abbrev(argv[1], "seconds", 1)) {
		s->limit_wall = sim_wall() + (double)n;
	} else {
		sim_error(s, "runlimit: units are instructions or seconds, not %s", argv[1]);
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int cmd_norunlimit(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	s->limit_time = UINT64_MAX;
	s->limit_wall = 0;
	return CMD_OK;
}

/* ---- scripts and leaving ---- */

static int cmd_do(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 10, "do"))
		return CMD_ERROR;
	char path[WORD_MAX], args[9][WORD_MAX];
	char *av[9];
	if (!filename(s, argv[0], path, sizeof path))
		return CMD_ERROR;
	for (int i = 1; i < argc; i++) {
		if (!filename(s, argv[i], args[i - 1], WORD_MAX))
			return CMD_ERROR;
		av[i - 1] = args[i - 1];
	}
	return monitor_do(s, path, argc - 1, av);
}

/* goto LABEL: the do file's loop jumps to the line after `:LABEL`. */
static int cmd_goto(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 1, "goto"))
		return CMD_ERROR;
	if (!s->file) {
		sim_error(s, "goto: only in a do file");
		return CMD_ERROR;
	}
	if (strlen(argv[0]) >= LABEL_MAX) {
		sim_error(s, "goto: label too long: %.20s...", argv[0]);
		return CMD_ERROR;
	}
	snprintf(s->goto_label, sizeof s->goto_label, "%s", argv[0]);
	return CMD_OK;
}

/* on error [ACTION; ...]: what the do file does instead of stopping at an
 * error (nothing after it: stop again). */
static int cmd_on(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	char word[64];
	const char *p = rest;
	if (take_word(&p, word, sizeof word) <= 0 || strcasecmp(word, "error") != 0) {
		sim_error(s, "usage: %s", command_find("on")->usage);
		return CMD_ERROR;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	free(s->on_error);
	s->on_error = *p ? strdup(p) : NULL;
	return CMD_OK;
}

static int cmd_echo(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)s, (void)argc, (void)argv;
	fprintf(stderr, "%s\n", rest);
	return CMD_OK;
}

static int cmd_exit(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint64_t v = 0;
	if (need(s, argc, 0, 1, "exit") || (argc && decimal(s, argv[0], 255, &v)))
		return CMD_ERROR;
	s->exit_status = (int)v;
	return CMD_EXIT;
}

static int cmd_quit(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv, (void)rest;
	s->exit_status = 0;
	return CMD_EXIT;
}

static int cmd_help(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (argc > 0) {
		const struct command *c = command_find(argv[0]);
		if (!c) {
			const struct command *near = command_nearest(argv[0]);
			if (near)
				sim_error(s, "help: no command %s (%s?)", argv[0], near->name);
			else
				sim_error(s, "help: no command %s", argv[0]);
			return CMD_ERROR;
		}
		fprintf(stderr, "%s\n    %s\n", c->usage, c->help);
		const struct subtable *t = sub_table(c->name);
		if (t)
			sub_help(t);
	} else {
		for (int i = 0; i < ncommands; i++)
			fprintf(stderr, "%-40s %s\n", commands[i].usage, commands[i].help);
		fprintf(stderr, "Numbers are octal (1000 or 512.), counts decimal. `;` starts a comment.\n");
	}
	return CMD_OK;
}

const struct command commands[] = {
	{ "attach", 2, cmd_attach, false, "attach [-r] [-n] rkN FILE, or attach klN [ADDR:]PORT",
	  "load a disk pack image (-r write locked, -n create a new one); serve line klN on telnet" },
	{ "boot", 1, cmd_boot, false, "boot rkN", "read block 0 to address 0 and run from 0" },
	{ "break", 2, cmd_break, true, "break [-w] [-k|-u] ADDR|SYMBOL[,ADDR...] [COUNT] [; ACTION; ...]",
	  "stop before executing at ADDR (-w: after a write to it) on the COUNT-th hit" },
	{ "bt", 2, cmd_bt, false, "bt [N]", "the C call chain through R5 (V6 csv frames)" },
	{ "continue", 1, cmd_continue, false, "continue", "run from the current PC" },
	{ "deposit", 1, cmd_deposit, false, "deposit [-b] [-p|-v|-k|-u] [-o|-d|-h|-a|-c] TARGET VALUE",
	  "set a register (R0-R7 SP PC PSW KSP USP SR), memory or device register;"
	  " VALUE octal, -d decimal, -h hex, -a a character, -c a string into bytes" },
	{ "detach", 3, cmd_detach, false, "detach rkN|klN|all", "unload a disk pack; stop serving a line" },
	{ "do", 2, cmd_do, false, "do FILE [ARGS]", "run the commands in FILE (%1..%9 are ARGS)" },
	{ "echo", 2, cmd_echo, true, "echo TEXT", "print TEXT on stderr, with the monitor's messages" },
	{ "examine", 1, cmd_examine, false, "examine [-m] [-b] [-p|-v|-k|-u] [-o|-d|-h|-a|-c] TARGET...",
	  "show registers, memory (ADDR or LO-HI; -m disassembles) or device registers;"
	  " -d decimal, -h hex, -a a character per byte, -c the bytes as a string" },
	{ "exit", 3, cmd_exit, false, "exit [STATUS]", "leave with exit status STATUS (decimal)" },
	{ "expect", 3, cmd_expect, true, "expect [-r] [-p] \"TEXT\" [TIMEOUT] [ACTION; ACTION...]",
	  "stop the next run when the console prints TEXT (-r regex, -p persistent)" },
	{ "go", 1, cmd_go, false, "go [ADDR]", "run from ADDR (or the PC), no reset" },
	{ "goto", 4, cmd_goto, false, "goto LABEL", "in a do file: go on after the line :LABEL" },
	{ "help", 1, cmd_help, false, "help [COMMAND]", "list the commands" },
	{ "list", 2, cmd_list, false, "list [FUNCTION|FILE:LINE]",
	  "lines of the kernel's source on the pack (list: the next ten)" },
	{ "load", 2, cmd_load, false, "load FILE", "load an absolute-loader (paper tape) file" },
	{ "next", 1, cmd_next, false, "next", "step, running over a JSR until it returns" },
	{ "nobreak", 3, cmd_nobreak, false, "nobreak [-w] [ADDR...|all]", "remove breakpoints" },
	{ "noexpect", 3, cmd_noexpect, false, "noexpect", "remove all expect rules" },
	{ "norunlimit", 3, cmd_norunlimit, false, "norunlimit", "remove the run limit" },
	{ "on", 2, cmd_on, true, "on error [ACTION; ...]",
	  "in a do file: run ACTIONs on an error instead of stopping" },
	{ "print", 1, cmd_print, true, "print[/o|/d|/x|/c] EXPR",
	  "a C expression over kernel memory, typed by the pack's headers (p proc[1])" },
	{ "ps", 2, cmd_ps, false, "ps", "the V6 process table (_proc) from kernel memory" },
	{ "ptype", 2, cmd_ptype, true, "ptype EXPR|struct NAME", "the C type of EXPR, or a struct" },
	{ "quit", 1, cmd_quit, false, "quit", "leave (images are flushed and closed)" },
	{ "reset", 3, cmd_reset, false, "reset", "reset the CPU and the devices" },
	{ "restore", 4, cmd_restore, false, "restore FILE",
	  "return the machine and its packs to the snapshot in FILE" },
	{ "rc", 2, cmd_reverse_continue, false, "rc", "reverse-continue" },
	{ "reverse-continue", 9, cmd_reverse_continue, false, "reverse-continue",
	  "back to the last breakpoint or watchpoint hit (a watchpoint: the last write)" },
	{ "reverse-next", 9, cmd_reverse_next, false, "reverse-next",
	  "back one instruction of this frame, over a JSR as next goes over it" },
	{ "reverse-step", 9, cmd_reverse_step, false, "reverse-step [N]",
	  "back N instructions (set cpu checkpoints=N first)" },
	{ "rs", 2, cmd_reverse_step, false, "rs [N]", "reverse-step" },
	{ "run", 2, cmd_run, false, "run [ADDR]", "reset, then run from ADDR (or the PC)" },
	{ "runlimit", 4, cmd_runlimit, false, "runlimit [N [instructions|seconds]]",
	  "stop with an error after N more instructions or seconds" },
	{ "save", 2, cmd_save, false, "save FILE",
	  "write the whole machine and its packs to FILE (a snapshot)" },
	{ "send", 3, cmd_send, false, "send [after=N,delay=N] \"TEXT\"",
	  "type TEXT on the console as the machine runs (N in instructions)" },
	{ "set", 2, cmd_set, false, "set WHAT VALUE", "configure (help set lists WHAT)" },
	{ "show", 2, cmd_show, false, "show WHAT", "show state (help show lists WHAT)" },
	{ "step", 1, cmd_step, false, "step [N]", "execute N instructions (default 1)" },
	{ "symbols", 3, cmd_symbols, false, "symbols [-u] [FILE|rkN:/PATH|none]",
	  "load a V6 a.out's symbol table (kernel space; -u user space)" },
	{ "systrace", 3, cmd_systrace, false, "systrace on [PID|COMMAND] [>|>> FILE] | systrace off",
	  "each system call of the user processes, as strace shows them" },
	{ "trace", 2, cmd_trace, false, "trace FILE", "write every instruction executed to FILE" },
	{ "notrace", 4, cmd_notrace, false, "notrace", "stop tracing" },
};
const int ncommands = sizeof commands / sizeof commands[0];

const struct command *command_find(const char *word)
{
	for (int i = 0; i < ncommands; i++)
		if (abbrev(word, commands[i].name, commands[i].min))
			return &commands[i];
	return NULL;
}

const struct command *command_nearest(const char *word)
{
	const struct command *best = NULL;
	int dist = 3;
	for (int i = 0; i < ncommands; i++) {
		int d = edit_distance(word, commands[i].name);
		if (d < dist && d < (int)strlen(word)) {
			best = &commands[i];
			dist = d;
		}
	}
	return best;
}
