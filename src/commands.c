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
#include "loader.h"
#include "parse.h"
#include "panel.h"
#include "radix.h"
#include "settings.h"
#include "setshow.h"
#include "sim.h"

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
 * mode's mapping instead; -o -d -h -a -c the value's form (radix.h). */
struct switches {
	bool m, b, v, p;
	int mode;       /* -1: the current mode */
	int fmt;        /* FMT_OCTAL ... */
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
			case 'o': sw->fmt = FMT_OCTAL; break;
			case 'd': sw->fmt = FMT_DECIMAL; break;
			case 'h': sw->fmt = FMT_HEX; break;
			case 'a': sw->fmt = FMT_ASCII; sw->b = true; break;	/* a character per byte */
			case 'c': sw->fmt = FMT_CHARS; sw->b = true; break;
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

static int parse_target(struct sim *s, const char *word, const char *dev, struct target *t,
			const struct switches *sw)
{
	memset(t, 0, sizeof *t);
	t->name = word;
	if (!dev) {
		for (int i = 0; i < 8; i++) {
			char rn[3] = { 'R', (char)('0' + i), 0 };
			if (strcasecmp(word, rn) == 0 || strcasecmp(word, regname[i]) == 0) {
				t->kind = T_REG;
				t->reg = i;
				t->name = regname[i];
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

/* -c: the bytes of the range as one string. */
static int examine_chars(struct sim *s, const struct target *t, int virt)
{
	fprintf(stderr, "%o:\t\"", t->lo);
	for (uint32_t a = t->lo; a <= t->hi; a++) {
		uint16_t b;
		char one[8];
		if (mem_read(s, a, true, virt, &b) < 0) {
			fprintf(stderr, "\"\n");
			sim_error(s, "%o: nonexistent memory", a);
			return -1;
		}
		char_format((uint8_t)b, one, sizeof one);
		fprintf(stderr, "%s", strcmp(one, "\"") ? one : "\\\"");
	}
	fprintf(stderr, "\"\n");
	return 0;
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
	if (sw->fmt == FMT_CHARS)
		return examine_chars(s, t, virt);
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
			char val[32];
			value_format(sw->fmt, w[0], sw->b ? 1 : 2, val, sizeof val);
			fprintf(stderr, sw->fmt == FMT_ASCII ? "%o%s:\t'%s'\n" : "%o%s:\t%s\n", a, name, val);
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
	case T_KSP: v = *cpu_sp_of(cpu, MODE_KERNEL); break;
	case T_USP: v = *cpu_sp_of(cpu, MODE_USER); break;
	case T_SR: {
		char val[32];
		value_format(sw->fmt, s->m.sw.sr, 3, val, sizeof val);
		fprintf(stderr, "SR:\t%s\n", val);
		return 0;
	}
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
	char val[32];
	value_format(sw->fmt, v, 2, val, sizeof val);
	fprintf(stderr, "%s:\t%s\n", up, val);
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

/* -c: the characters of TEXT into the bytes from the target address on. */
static int deposit_chars(struct sim *s, const struct target *t, const struct switches *sw, const char *word)
{
	char text[WORD_MAX], err[ERRLEN];
	int n = parse_string(word, text, sizeof text, err, sizeof err);
	if (n < 0) {
		sim_error(s, "deposit: %s", err);
		return CMD_ERROR;
	}
	if (t->kind != T_MEM) {
		sim_error(s, "deposit -c: only into memory, not %s", t->name);
		return CMD_ERROR;
	}
	for (int i = 0; i < n; i++) {
		uint32_t a = t->lo + (uint32_t)i;
		if (mem_write(s, a, true, space_of(s, sw, a), (uint8_t)text[i]) < 0) {
			sim_error(s, "%o: nonexistent memory", a);
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
	char err[ERRLEN];
	if (sw.fmt == FMT_CHARS)
		return deposit_chars(s, &t, &sw, argv[argc - 1]);
	if (value_parse(sw.fmt, argv[argc - 1], max, &v, err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return CMD_ERROR;
	}
	struct cpu *cpu = &s->m.cpu;
	switch (t.kind) {
	case T_REG: cpu->r[t.reg] = (uint16_t)v; break;
	case T_PSW: cpu_set_psw(cpu, (uint16_t)v); break;
	case T_KSP: *cpu_sp_of(cpu, MODE_KERNEL) = (uint16_t)v; break;
	case T_USP: *cpu_sp_of(cpu, MODE_USER) = (uint16_t)v; break;
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
	{ "break", 2, cmd_break, true, "break [-w] [-k|-u] ADDR|SYMBOL [COUNT] [; ACTION; ...]",
	  "stop before executing at ADDR (-w: after a write to it) on the COUNT-th hit" },
	{ "bt", 2, cmd_bt, false, "bt [N]", "the C call chain through R5 (V6 csv frames)" },
	{ "continue", 1, cmd_continue, false, "continue", "run from the current PC" },
	{ "deposit", 1, cmd_deposit, false, "deposit [-b] [-v] [-o|-d|-h|-a|-c] TARGET VALUE",
	  "set a register (R0-R7 SP PC PSW KSP USP SR), memory or device register;"
	  " VALUE octal, -d decimal, -h hex, -a a character, -c a string into bytes" },
	{ "detach", 3, cmd_detach, false, "detach rkN|klN|all", "unload a disk pack; stop serving a line" },
	{ "do", 2, cmd_do, false, "do FILE [ARGS]", "run the commands in FILE (%1..%9 are ARGS)" },
	{ "echo", 2, cmd_echo, true, "echo TEXT", "print TEXT on the console output" },
	{ "examine", 1, cmd_examine, false, "examine [-m] [-b] [-v] [-o|-d|-h|-a|-c] TARGET...",
	  "show registers, memory (ADDR or LO-HI; -m disassembles) or device registers;"
	  " -d decimal, -h hex, -a a character per byte, -c the bytes as a string" },
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
	{ "run", 2, cmd_run, false, "run [ADDR]", "reset, then run from ADDR (or the PC)" },
	{ "runlimit", 4, cmd_runlimit, false, "runlimit [N [instructions|seconds]]",
	  "stop with an error after N more instructions or seconds" },
	{ "send", 3, cmd_send, false, "send [after=N,delay=N] \"TEXT\"",
	  "type TEXT on the console as the machine runs (N in instructions)" },
	{ "set", 2, cmd_set, false, "set WHAT VALUE", "configure (help set lists WHAT)" },
	{ "show", 2, cmd_show, false, "show WHAT", "show state (help show lists WHAT)" },
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
