/* Monitor commands, simh names and abbreviations. Addresses and values are
 * octal (a trailing `.` makes them decimal); counts are decimal. */
#include "commands.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/opcodes.h"
#include "debug.h"
#include "loader.h"
#include "parse.h"
#include "panel.h"
#include "sim.h"
#include "snapshot.h"
#include "timetravel.h"

enum { ERRLEN = 256 };

/* ---- arguments ---- */

static int need(struct sim *s, int argc, int lo, int hi, const char *cmd)
{
	if (argc >= lo && argc <= hi)
		return 0;
	const struct command *c = command_find(cmd);
	sim_error(s, "usage: %s", c ? c->usage : cmd);
	return -1;
}

static int octal(struct sim *s, const char *word, uint64_t max, uint64_t *v)
{
	if (parse_number(word, 8, max, v) == 0)
		return 0;
	sim_error(s, "bad number: %s (octal, at most %llo)", word, (unsigned long long)max);
	return -1;
}

static int decimal(struct sim *s, const char *word, uint64_t max, uint64_t *v)
{
	if (parse_number(word, 10, max, v) == 0)
		return 0;
	sim_error(s, "bad number: %s (decimal, at most %llu)", word, (unsigned long long)max);
	return -1;
}

/* rk0..rk7 (plain rk is drive 0) */
static int rk_unit(struct sim *s, const char *word)
{
	if (strncasecmp(word, "rk", 2) == 0) {
		if (word[2] == 0)
			return 0;
		if (word[2] >= '0' && word[2] <= '7' && word[3] == 0)
			return word[2] - '0';
	}
	sim_error(s, "no such unit: %s (rk0 to rk7)", word);
	return -1;
}

/* Strip quotes from a file name. */
static const char *filename(struct sim *s, const char *word, char *buf, int size)
{
	char err[ERRLEN];
	if (parse_string(word, buf, size, err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return NULL;
	}
	return buf;
}

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
	FILE *f = fopen(path, "rb");
	if (!f) {
		sim_error(s, "load: cannot open %s: %m", path);
		return CMD_ERROR;
	}
	uint8_t *tape = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			uint8_t *t = realloc(tape, cap);
			if (!t) {
				free(tape);
				fclose(f);
				sim_error(s, "load: out of memory");
				return CMD_ERROR;
			}
			tape = t;
		}
		n = fread(tape + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {	/* a directory opens, then fails to read */
		sim_error(s, "load: cannot read %s: %m", path);
		free(tape);
		fclose(f);
		return CMD_ERROR;
	}
	fclose(f);
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
		s->m.cpu.r[7] = info.start;
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
	uint16_t pc = s->m.cpu.r[7];
	if (start_address(s, argc, argv, "go", &pc))
		return CMD_ERROR;
	s->m.cpu.r[7] = pc;
	prepare_to_run(s);
	return sim_run(s, 0);
}

static int cmd_run(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint16_t pc = s->m.cpu.r[7];
	if (start_address(s, argc, argv, "run", &pc))
		return CMD_ERROR;
	machine_reset(&s->m);
	s->m.cpu.r[7] = pc;
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

static int cmd_reset(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (need(s, argc, 0, 0, "reset"))
		return CMD_ERROR;
	machine_reset(&s->m);
	return CMD_OK;
}

/* ---- examine and deposit ---- */

/* What a word names: a CPU register, the switch register, memory, or a
 * device register. */
enum { T_REG, T_PSW, T_KSP, T_USP, T_SR, T_MEM, T_DEV };

struct target {
	int kind;
	int reg;                     /* T_REG: 0-7 */
	uint32_t lo, hi;             /* T_MEM: inclusive range */
	const struct devreg *dr;     /* T_DEV */
	const char *name;
};

/* -m disassemble, -b bytes, -p physical, -v virtual (the default for
 * 16-bit addresses: through the current mode's mapping), -k/-u that
 * mode's mapping instead. */
struct switches {
	bool m, b, v, p;
	int mode;       /* -1: the current mode */
};

static int parse_switches(struct sim *s, int *argc, char ***argv, struct switches *sw)
{
	memset(sw, 0, sizeof *sw);
	sw->mode = -1;
	while (*argc && (*argv)[0][0] == '-' && (*argv)[0][1]) {
		for (const char *f = (*argv)[0] + 1; *f; f++) {
			switch (tolower((unsigned char)*f)) {
			case 'm': sw->m = true; break;
			case 'b': sw->b = true; break;
			case 'v': sw->v = true; break;
			case 'p': sw->p = true; break;
			case 'k': sw->mode = MODE_KERNEL; sw->v = true; break;
			case 'u': sw->mode = MODE_USER; sw->v = true; break;
			case 'o': break;
			default:
				sim_error(s, "unknown switch -%c", *f);
				return -1;
			}
		}
		(*argc)--;
		(*argv)++;
	}
	return 0;
}

static const char *const regnames[] = { "R0", "R1", "R2", "R3", "R4", "R5", "SP", "PC" };

static int parse_target(struct sim *s, const char *word, const char *dev, struct target *t,
			const struct switches *sw)
{
	memset(t, 0, sizeof *t);
	t->name = word;
	if (!dev) {
		for (int i = 0; i < 8; i++) {
			char rn[3] = { 'R', (char)('0' + i), 0 };
			if (strcasecmp(word, rn) == 0 || strcasecmp(word, regnames[i]) == 0) {
				t->kind = T_REG;
				t->reg = i;
				t->name = regnames[i];
				return 0;
			}
		}
		static const struct { const char *n; int kind; } special[] = {
			{ "PSW", T_PSW }, { "KSP", T_KSP }, { "USP", T_USP }, { "SR", T_SR },
		};
		for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
			if (strcasecmp(word, special[i].n) == 0) {
				t->kind = special[i].kind;
				t->name = special[i].n;
				return 0;
			}
		/* V6 C names start with _ and assembler temporaries with ~ */
		if (isdigit((unsigned char)word[0]) || word[0] == '_' || word[0] == '~' ||
		    sim_is_symbol(s, word)) {
			/* ADDR, LO-HI or ADDR/COUNT; ADDR may be _name+off */
			char lo[64], *dash = strchr(word, '-'), *slash = strchr(word, '/');
			char *sep = dash ? dash : slash;
			snprintf(lo, sizeof lo, "%.*s", sep ? (int)(sep - word) : (int)strlen(word), word);
			uint64_t a, b, count;
			int sym_mode;
			uint64_t top = sw->v ? 0177777 : PHYS_TOP - 1;
			if (sim_parse_addr(s, lo, top, &a, &sym_mode) ||
			    (dash && sim_parse_addr(s, dash + 1, top, &b, &sym_mode)))
				return -1;
			if (slash) {
				if (parse_number(slash + 1, 8, 0777777, &count) < 0 || !count) {
					sim_error(s, "bad count: %s (octal, at least 1)", slash + 1);
					return -1;
				}
				b = a + count * (sw->b ? 1 : 2) - (sw->b ? 1 : 2);
				if (b > top) {
					sim_error(s, "bad range: %s", word);
					return -1;
				}
			}
			if (!sep)
				b = a;
			if (b < a) {
				sim_error(s, "bad range: %s", word);
				return -1;
			}
			t->kind = T_MEM;
			t->lo = (uint32_t)a;
			t->hi = (uint32_t)b;
			return 0;
		}
	}
	char lname[64], ldev[64];
	snprintf(lname, sizeof lname, "%s", word);
	snprintf(ldev, sizeof ldev, "%s", dev ? dev : "");
	for (char *p = lname; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = ldev; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	t->dr = bus_find_reg(&s->m.bus, dev ? ldev : NULL, lname);
	if (!t->dr) {
		if (dev)
			sim_error(s, "no register %s in device %s", word, dev);
		else
			sim_error(s, "unknown register or address: %s", word);
		return -1;
	}
	t->kind = T_DEV;
	t->name = t->dr->name;
	return 0;
}

static uint16_t *sp_of(struct cpu *cpu, int mode)
{
	return cpu_mode(cpu) == mode ? &cpu->r[6] : &cpu->sp[mode];
}

/* The mode whose mapping a virtual access uses, or -1 for physical. */
static int space_of(struct sim *s, const struct switches *sw, uint32_t hi)
{
	if (sw->p || hi > 0177777)
		return -1;
	return sw->mode >= 0 ? sw->mode : cpu_mode(&s->m.cpu);
}

static int mem_read(struct sim *s, uint32_t a, bool byte, int virt, uint16_t *v)
{
	if (virt >= 0) {
		uint16_t w;
		if (cpu_peek(&s->m.cpu, (uint16_t)(a & ~1u), virt, &w) != BUS_OK)
			return -1;
		*v = byte ? (a & 1 ? w >> 8 : w & 0377) : w;
		return 0;
	}
	if (byte) {
		uint8_t b;
		if (bus_read_byte(&s->m.bus, a, &b) != BUS_OK)
			return -1;
		*v = b;
		return 0;
	}
	return bus_read(&s->m.bus, a, v) == BUS_OK ? 0 : -1;
}

static int mem_write(struct sim *s, uint32_t a, bool byte, int virt, uint16_t v)
{
	if (virt >= 0) {
		uint16_t w;
		int mode = virt;
		if (byte) {
			if (cpu_peek(&s->m.cpu, (uint16_t)(a & ~1u), mode, &w) != BUS_OK)
				return -1;
			v = a & 1 ? (uint16_t)((w & 0377) | v << 8) : (uint16_t)((w & 0177400) | v);
		}
		return cpu_poke(&s->m.cpu, (uint16_t)(a & ~1u), mode, v) == BUS_OK ? 0 : -1;
	}
	if (byte)
		return bus_write_byte(&s->m.bus, a, (uint8_t)v) == BUS_OK ? 0 : -1;
	return bus_write(&s->m.bus, a, v) == BUS_OK ? 0 : -1;
}

static int examine_mem(struct sim *s, const struct target *t, const struct switches *sw)
{
	int step = sw->b ? 1 : 2, virt = space_of(s, sw, t->hi);
	if (!sw->b && (t->lo & 1)) {
		sim_error(s, "odd address: %o", t->lo);
		return -1;
	}
	/* with symbols, a virtual address shows its name: 14450 <_wakeup>: */
	const struct symtab *tab = virt >= 0 ? sim_symtab(s, virt) : NULL;
	for (uint32_t a = t->lo; a <= t->hi;) {
		uint16_t w[3] = { 0, 0, 0 };
		char name[80] = "";
		if (mem_read(s, a, sw->b, virt, &w[0]) < 0) {
			sim_error(s, "%o: nonexistent memory", a);
			return -1;
		}
		if (tab && symtab_format(tab, (uint16_t)a, name + 2, sizeof name - 3) > 0) {
			name[0] = ' ', name[1] = '<';
			strcat(name, ">");
		}
		if (sw->m && !sw->b) {
			for (int k = 1; k < 3; k++)
				if (mem_read(s, a + 2 * k, false, virt, &w[k]) < 0)
					w[k] = 0;
			char dis[96];
			int used = disassemble((uint16_t)a, w, dis, sizeof dis, tab ? sim_symbolize : NULL,
					       (void *)tab);
			fprintf(stderr, "%o%s:\t%s\n", a, name, dis);
			a += 2 * (used > 0 ? used : 1);
		} else {
			fprintf(stderr, sw->b ? "%o%s:\t%03o\n" : "%o%s:\t%06o\n", a, name, w[0]);
			a += step;
		}
	}
	return 0;
}

static int examine_one(struct sim *s, const struct target *t, const struct switches *sw)
{
	struct cpu *cpu = &s->m.cpu;
	uint16_t v;
	switch (t->kind) {
	case T_REG: v = cpu->r[t->reg]; break;
	case T_PSW: v = cpu_psw(cpu); break;
	case T_KSP: v = *sp_of(cpu, MODE_KERNEL); break;
	case T_USP: v = *sp_of(cpu, MODE_USER); break;
	case T_SR:
		fprintf(stderr, "SR:\t%06o\n", s->m.sw.sr);
		return 0;
	case T_MEM:
		return examine_mem(s, t, sw);
	default:
		if (bus_read(&s->m.bus, t->dr->addr, &v) != BUS_OK) {
			sim_error(s, "%s: bus error", t->name);
			return -1;
		}
		break;
	}
	char up[32];
	snprintf(up, sizeof up, "%s", t->name);
	for (char *p = up; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	fprintf(stderr, "%s:\t%06o\n", up, v);
	return 0;
}

/* Device names are lower case on the bus; the operator may type either. */
static struct device *find_device(struct sim *s, const char *word)
{
	char lower[64];
	snprintf(lower, sizeof lower, "%s", word);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return bus_find_device(&s->m.bus, lower);
}

static bool device_has_reg(const struct device *d, const char *word)
{
	for (int k = 0; k < d->nregs; k++)
		if (strcasecmp(d->regs[k].name, word) == 0)
			return true;
	return false;
}

/* Words that are CPU registers or addresses before they are devices. */
static bool cpu_word(const char *word)
{
	static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
					     "sp", "pc", "psw", "ksp", "usp", "sr" };
	if (isdigit((unsigned char)word[0]))
		return true;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(word, names[i]) == 0)
			return true;
	return false;
}

static int cmd_examine(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct switches sw;
	if (parse_switches(s, &argc, &argv, &sw))
		return CMD_ERROR;
	if (need(s, argc, 1, ARGS_MAX, "examine"))
		return CMD_ERROR;
	for (int i = 0; i < argc; i++) {
		struct target t;
		struct device *d = cpu_word(argv[i]) ? NULL : find_device(s, argv[i]);
		if (d && i + 1 < argc && device_has_reg(d, argv[i + 1])) {
			/* `e rk rkcs` */
			if (parse_target(s, argv[++i], d->name, &t, &sw) || examine_one(s, &t, &sw))
				return CMD_ERROR;
		} else if (d) {
			/* `e rk`: all its registers */
			for (int k = 0; k < d->nregs; k++) {
				t = (struct target){ .kind = T_DEV, .dr = &d->regs[k], .name = d->regs[k].name };
				if (examine_one(s, &t, &sw))
					return CMD_ERROR;
			}
		} else if (parse_target(s, argv[i], NULL, &t, &sw) || examine_one(s, &t, &sw)) {
			return CMD_ERROR;
		}
	}
	return CMD_OK;
}

static int cmd_deposit(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	struct switches sw;
	if (parse_switches(s, &argc, &argv, &sw))
		return CMD_ERROR;
	if (need(s, argc, 2, 3, "deposit"))
		return CMD_ERROR;
	struct target t;
	if (argc == 3) {
		/* `d rk rkcs 0` */
		struct device *d = find_device(s, argv[0]);
		if (!d) {
			sim_error(s, "no such device: %s", argv[0]);
			return CMD_ERROR;
		}
		if (parse_target(s, argv[1], d->name, &t, &sw))
			return CMD_ERROR;
	} else if (parse_target(s, argv[0], NULL, &t, &sw)) {
		return CMD_ERROR;
	}
	uint64_t v;
	uint64_t max = t.kind == T_SR ? 0777777 : (t.kind == T_MEM && sw.b) ? 0377 : 0177777;
	if (octal(s, argv[argc - 1], max, &v))
		return CMD_ERROR;
	struct cpu *cpu = &s->m.cpu;
	switch (t.kind) {
	case T_REG: cpu->r[t.reg] = (uint16_t)v; break;
	case T_PSW: cpu_set_psw(cpu, (uint16_t)v); break;
	case T_KSP: *sp_of(cpu, MODE_KERNEL) = (uint16_t)v; break;
	case T_USP: *sp_of(cpu, MODE_USER) = (uint16_t)v; break;
	case T_SR: s->m.sw.sr = (uint32_t)v; break;
	case T_MEM:
		if (!sw.b && (t.lo & 1)) {
			sim_error(s, "odd address: %o", t.lo);
			return CMD_ERROR;
		}
		for (uint32_t a = t.lo; a <= t.hi; a += sw.b ? 1 : 2)
			if (mem_write(s, a, sw.b, space_of(s, &sw, t.hi), (uint16_t)v) < 0) {
				sim_error(s, "%o: nonexistent memory", a);
				return CMD_ERROR;
			}
		break;
	default:
		if (bus_write(&s->m.bus, t.dr->addr, (uint16_t)v) != BUS_OK) {
			sim_error(s, "%s: bus error", t.name);
			return CMD_ERROR;
		}
	}
	return CMD_OK;
}

/* ---- set and show ---- */

static int set_cpu(struct sim *s, const char *arg)
{
	if (strcasecmp(arg, "11/40") == 0)
		return CMD_OK;
	/* a WAIT always idles the host here (sleeps in real time, skips in
	 * virtual time): simh's idle detection is built in */
	if (strcasecmp(arg, "idle") == 0 || strcasecmp(arg, "noidle") == 0)
		return CMD_OK;
	if (strncasecmp(arg, "checkpoint", 10) == 0)
		return timetravel_set(s, arg);
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
static int set_panel(struct sim *s, const char *arg)
{
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

static int cmd_set(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 2, 2, "set"))
		return CMD_ERROR;
	const char *what = argv[0], *arg = argv[1];
	if (strcasecmp(what, "cpu") == 0)
		return set_cpu(s, arg);
	if (strcasecmp(what, "clock") == 0) {
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
	if (strcasecmp(what, "console") == 0 && strncasecmp(arg, "wru=", 4) == 0) {
		uint64_t v;
		const char *val = arg + 4;
		if (val[0] == '^' && val[1] && !val[2])
			v = toupper((unsigned char)val[1]) & 037;
		else if (octal(s, val, 0177, &v))
			return CMD_ERROR;
		s->wru = (uint8_t)v;
		return CMD_OK;
	}
	if (strcasecmp(what, "panel") == 0)
		return set_panel(s, arg);
	/* simh boot files configure devices this machine has as it has them
	 * (the KL11 is 7-bit, the RK11 and the clock are there) and disable
	 * ones it lacks: accept those unchanged. */
	static const char *const have[] = { "tti", "tto", "rk", "clk", "kw", "kl" };
	static const char *const lack[] = { "rl", "rp", "rx", "tm", "tq", "ts", "hk", "dz", "dl",
					    "lpt", "ptr", "ptp", "cr", "rq", "xu", "xq", "vh" };
	for (size_t i = 0; i < sizeof have / sizeof have[0]; i++)
		if (strcasecmp(what, have[i]) == 0 &&
		    (strcasecmp(arg, "enabled") == 0 || strcasecmp(arg, "7b") == 0 || strcasecmp(arg, "7p") == 0))
			return CMD_OK;
	for (size_t i = 0; i < sizeof lack / sizeof lack[0]; i++)
		if (strncasecmp(what, lack[i], strlen(lack[i])) == 0 && strcasecmp(arg, "disabled") == 0)
			return CMD_OK;
	sim_error(s, "set: unknown setting %s %s", what, arg);
	return CMD_ERROR;
}

static void show_cpu(struct sim *s)
{
	struct cpu *cpu = &s->m.cpu;
	static const char *const mode[] = { "kernel", "mode1", "mode2", "user" };
	fprintf(stderr, "CPU 11/40, %uK memory, clock %s\n", s->m.bus.memsize / 1024,
	       s->realtime ? "realtime" : "virtual");
	for (int i = 0; i < 8; i++)
		fprintf(stderr, "%s %06o%s", regnames[i], cpu->r[i], i % 4 == 3 ? "\n" : "  ");
	uint16_t p = cpu_psw(cpu);
	fprintf(stderr, "PSW %06o  %s, previous %s, priority %o, %c%c%c%c%c\n", p, mode[p >> 14],
	       mode[(p >> 12) & 3], (p >> 5) & 7, p & PSW_T ? 'T' : '-', p & PSW_N ? 'N' : '-',
	       p & PSW_Z ? 'Z' : '-', p & PSW_V ? 'V' : '-', p & PSW_C ? 'C' : '-');
	fprintf(stderr, "KSP %06o  USP %06o  SR0 %06o  SR2 %06o\n", *sp_of(cpu, MODE_KERNEL),
	       *sp_of(cpu, MODE_USER), cpu->sr0, cpu_sr2(cpu));
	fprintf(stderr, "%llu instructions, bus time %llu%s%s\n", (unsigned long long)cpu_instructions(cpu),
	       (unsigned long long)s->m.bus.now, cpu->halted ? ", halted" : "",
	       cpu->waiting ? ", waiting" : "");
	/* host time: the one line that differs between two runs */
	char speed[128];
	sim_format_speed(s, speed, sizeof speed);
	fprintf(stderr, "host: %s\n", speed);
}

/* The last n instructions, oldest first, as `set cpu hist=N` recorded them. */
static void show_history(struct sim *s, uint64_t n)
{
	struct cpu *cpu = &s->m.cpu;
	if (!cpu->hist) {
		fprintf(stderr, "no history: set cpu hist=N first\n");
		return;
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
}

static void show_devices(struct sim *s)
{
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
}

#ifndef PDP1140_VERSION
#define PDP1140_VERSION "0.1"
#endif

/* The RK11's registers decoded and the packs on the drives. */
static void show_rk(struct sim *s)
{
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
}

static int cmd_show(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	if (need(s, argc, 1, 2, "show"))
		return CMD_ERROR;
	const char *what = argv[0];
	if (abbrev(what, "history", 4)) {
		uint64_t n = 20;
		if (argc == 2 && decimal(s, argv[1], UINT64_MAX / 2, &n))
			return CMD_ERROR;
		show_history(s, n);
		return CMD_OK;
	}
	if (argc == 2) {
		sim_error(s, "usage: %s", command_find("show")->usage);
		return CMD_ERROR;
	}
	if (strcasecmp(what, "cpu") == 0)
		show_cpu(s);
	else if (abbrev(what, "break", 2))
		show_break(s);
	else if (strcasecmp(what, "mmu") == 0)
		show_mmu(s);
	else if (abbrev(what, "checkpoints", 5))
		timetravel_show(s);
	else if (strcasecmp(what, "rk") == 0)
		show_rk(s);
	else if (abbrev(what, "symbols", 3))
		show_symbols(s);
	else if (abbrev(what, "version", 3))
		fprintf(stderr, "pdp1140 %s: PDP-11/40 (KD11-A, KE11-E, KT11-D), KL11, KW11-L, RK11-D\n",
			PDP1140_VERSION);
	else if (abbrev(what, "devices", 3))
		show_devices(s);
	else if (strcasecmp(what, "clock") == 0)
		fprintf(stderr, "clock %s, %llu ticks\n", s->realtime ? "realtime" : "virtual",
		       (unsigned long long)s->m.kw.ticks);
	else if (strcasecmp(what, "console") == 0)
		fprintf(stderr, "console wru=%03o\n", s->wru);
	else if (abbrev(what, "expect", 3)) {
		for (int i = 0; i < s->sc.nrules; i++) {
			const struct expect_rule *r = &s->sc.rule[i];
			fprintf(stderr, "expect %s%s\"%s\" %llu%s%s\n", r->is_regex ? "-r " : "",
			       r->persist ? "-p " : "", r->source, (unsigned long long)r->timeout,
			       r->actions ? " " : "", r->actions ? r->actions : "");
		}
	} else {
		sim_error(s, "show: cpu, devices, rk, clock, console, expect, break, mmu, symbols, "
			  "version or history, not %s", what);
		return CMD_ERROR;
	}
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
			sim_error(s, "help: no command %s", argv[0]);
			return CMD_ERROR;
		}
		fprintf(stderr, "%s\n    %s\n", c->usage, c->help);
	} else {
		for (int i = 0; i < ncommands; i++)
			fprintf(stderr, "%-40s %s\n", commands[i].usage, commands[i].help);
		fprintf(stderr, "Numbers are octal (1000 or 512.), counts decimal. `;` starts a comment.\n");
	}
	return CMD_OK;
}

const struct command commands[] = {
	{ "attach", 2, cmd_attach, false, "attach [-r] [-n] rkN FILE",
	  "load a disk pack image (-r write locked, -n create a new one)" },
	{ "boot", 1, cmd_boot, false, "boot rkN", "read block 0 to address 0 and run from 0" },
	{ "break", 2, cmd_break, true, "break [-w] [-k|-u] ADDR|SYMBOL [COUNT] [; ACTION; ...]",
	  "stop before executing at ADDR (-w: after a write to it) on the COUNT-th hit" },
	{ "bt", 2, cmd_bt, false, "bt [N]", "the C call chain through R5 (V6 csv frames)" },
	{ "continue", 1, cmd_continue, false, "continue", "run from the current PC" },
	{ "deposit", 1, cmd_deposit, false, "deposit [-b] [-v] TARGET VALUE",
	  "set a register (R0-R7 SP PC PSW KSP USP SR), memory or device register" },
	{ "detach", 3, cmd_detach, false, "detach rkN|all", "unload a disk pack" },
	{ "do", 2, cmd_do, false, "do FILE [ARGS]", "run the commands in FILE (%1..%9 are ARGS)" },
	{ "echo", 2, cmd_echo, true, "echo TEXT", "print TEXT on the console output" },
	{ "examine", 1, cmd_examine, false, "examine [-m] [-b] [-v] TARGET...",
	  "show registers, memory (ADDR or LO-HI; -m disassembles) or device registers" },
	{ "exit", 3, cmd_exit, false, "exit [STATUS]", "leave with exit status STATUS (decimal)" },
	{ "expect", 3, cmd_expect, true, "expect [-r] [-p] \"TEXT\" [TIMEOUT] [ACTION; ...]",
	  "stop the next run when the console prints TEXT (-r regex, -p persistent)" },
	{ "go", 1, cmd_go, false, "go [ADDR]", "run from ADDR (or the PC), no reset" },
	{ "goto", 4, cmd_goto, false, "goto LABEL", "in a do file: go on after the line :LABEL" },
	{ "help", 1, cmd_help, false, "help [COMMAND]", "list the commands" },
	{ "load", 2, cmd_load, false, "load FILE", "load an absolute-loader (paper tape) file" },
	{ "next", 1, cmd_next, false, "next", "step, running over a JSR until it returns" },
	{ "nobreak", 3, cmd_nobreak, false, "nobreak [-w] [ADDR...|all]", "remove breakpoints" },
	{ "noexpect", 3, cmd_noexpect, false, "noexpect", "remove all expect rules" },
	{ "norunlimit", 3, cmd_norunlimit, false, "norunlimit", "remove the run limit" },
	{ "on", 2, cmd_on, true, "on error [ACTION; ...]",
	  "in a do file: run ACTIONs on an error instead of stopping" },
	{ "ps", 2, cmd_ps, false, "ps", "the V6 process table (_proc) from kernel memory" },
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
	{ "set", 2, cmd_set, false,
	  "set cpu 11/40|NNk|hist=N | set clock virtual|realtime | set console wru=N"
	  " | set panel on|off|png=FILE", "configure" },
	{ "show", 2, cmd_show, false,
	  "show cpu|devices|rk|clock|console|expect|break|mmu|symbols|version | show history [N]",
	  "show state; history: the last N instructions (default 20)" },
	{ "step", 1, cmd_step, false, "step [N]", "execute N instructions (default 1)" },
	{ "symbols", 3, cmd_symbols, false, "symbols [-u] [FILE|rkN:/PATH|none]",
	  "load a V6 a.out's symbol table (kernel space; -u user space)" },
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
