/* examine and deposit: CPU registers, the switch register, memory
 * (virtual or physical, words or bytes, ranges) and device registers by
 * name, which are read and written in the device's state, never with a
 * bus cycle's side effects. */
#include "examine.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cpu/opcodes.h"
#include "debug.h"
#include "parse.h"
#include "radix.h"
#include "sim.h"

enum { ERRLEN = 256 };

/* What a word names: a CPU register, the switch register, memory, or a
 * device register. */
enum { T_REG, T_PSW, T_KSP, T_USP, T_SR, T_MEM, T_DEV };

struct target {
	int kind;
	int reg;                     /* T_REG: 0-7 */
	uint32_t lo, hi;             /* T_MEM: inclusive range */
	const struct devreg *dr;     /* T_DEV */
	struct device *dev;          /* T_DEV: dr's device */
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

/* R0-R7, SP, PC: true and *t filled. */
static bool cpu_register(const char *word, struct target *t)
{
	for (int i = 0; i < 8; i++) {
		char rn[3] = { 'R', (char)('0' + i), 0 };
		if (strcasecmp(word, rn) == 0 || strcasecmp(word, regname[i]) == 0) {
			t->kind = T_REG;
			t->reg = i;
			t->name = regname[i];
			return true;
		}
	}
	return false;
}

/* PSW, KSP, USP and the switch register. */
static bool special_register(const char *word, struct target *t)
{
	static const struct { const char *n; int kind; } special[] = {
		{ "PSW", T_PSW }, { "KSP", T_KSP }, { "USP", T_USP }, { "SR", T_SR },
	};
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (strcasecmp(word, special[i].n) == 0) {
			t->kind = special[i].kind;
			t->name = special[i].n;
			return true;
		}
	return false;
}

/* Does word name memory: a number, or a symbol (V6 C names start with _
 * and assembler temporaries with ~)? */
static bool names_memory(struct sim *s, const char *word)
{
	return isdigit((unsigned char)word[0]) || word[0] == '_' || word[0] == '~' ||
	       sim_is_symbol(s, word);
}

/* ADDR, LO-HI or ADDR/COUNT (words, or bytes with -b); ADDR may be
 * _name+off. Virtual addresses are 16 bits, physical 18. */
static int memory_range(struct sim *s, const char *word, const struct switches *sw, struct target *t)
{
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

/* A device register by name, in device dev or (NULL) in any device. */
static int device_register(struct sim *s, const char *word, const char *dev, struct target *t)
{
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
	t->dev = bus_reg_owner(&s->m.bus, t->dr);
	t->name = t->dr->name;
	return 0;
}

/* What word names: without a device, a CPU register, a special register
 * or memory before a device register; with one, that device's register. */
static int parse_target(struct sim *s, const char *word, const char *dev, struct target *t,
			const struct switches *sw)
{
	memset(t, 0, sizeof *t);
	t->name = word;
	if (!dev && (cpu_register(word, t) || special_register(word, t)))
		return 0;
	if (!dev && names_memory(s, word))
		return memory_range(s, word, sw, t);
	return device_register(s, word, dev, t);
}

/* The mode whose mapping a virtual access uses, or -1 for physical. */
static int space_of(struct sim *s, const struct switches *sw, uint32_t hi)
{
	if (sw->p || hi > 0177777)
		return -1;
	return sw->mode >= 0 ? sw->mode : cpu_mode(&s->m.cpu);
}

/* An I/O page address: a register a device's table names is read from
 * the device's state, as `e kl rbuf` reads it, with no bus cycle and so
 * none of its side effects; any other goes through the bus. *via says
 * which: "kl rbuf" or "bus read". */
static int io_read(struct sim *s, uint32_t pa, bool byte, uint16_t *v, char *via, int vsize)
{
	struct device *d;
	const struct devreg *r = bus_reg_at(&s->m.bus, pa & ~1u, &d);
	if (!r) {
		snprintf(via, (size_t)vsize, "bus read");
		return byte ? (bus_read_byte(&s->m.bus, pa, (uint8_t *)v) == BUS_OK ? 0 : -1)
			    : (bus_read(&s->m.bus, pa, v) == BUS_OK ? 0 : -1);
	}
	if (strcmp(d->name, r->name) == 0)
		snprintf(via, (size_t)vsize, "%s", r->name);
	else
		snprintf(via, (size_t)vsize, "%s %s", d->name, r->name);
	uint16_t w = (uint16_t)devreg_get(d, r);
	*v = byte ? (pa & 1 ? w >> 8 : w & 0377) : w;
	return 0;
}

/* via: as io_read's, "" for memory. */
static int mem_read(struct sim *s, uint32_t a, bool byte, int virt, uint16_t *v, char *via, int vsize)
{
	via[0] = 0;
	if (virt >= 0) {
		uint32_t pa;
		if (cpu_translate(&s->m.cpu, (uint16_t)a, virt, false, &pa) != BUS_OK)
			return -1;
		a = pa;
	}
	if (a >= IOPAGE) {
		*v = 0;
		return io_read(s, a, byte, v, via, vsize);
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
		char one[8], via[80];
		if (mem_read(s, a, true, virt, &b, via, sizeof via) < 0) {
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
		char name[80] = "", via[80], ignore[80];
		if (mem_read(s, a, sw->b, virt, &w[0], via, sizeof via) < 0) {
			sim_error(s, "%o: nonexistent memory", a);
			return -1;
		}
		if (tab && symtab_format(tab, (uint16_t)a, name + 2, sizeof name - 3) > 0) {
			name[0] = ' ', name[1] = '<';
			strcat(name, ">");
		}
		if (sw->m && !sw->b) {
			for (int k = 1; k < 3; k++)
				if (mem_read(s, a + 2 * k, false, virt, &w[k], ignore, sizeof ignore) < 0)
					w[k] = 0;
			char dis[96];
			int used = disassemble((uint16_t)a, w, dis, sizeof dis, tab ? sim_symbolize : NULL,
					       (void *)tab);
			fprintf(stderr, "%o%s:\t%s\n", a, name, dis);
			a += 2 * (used > 0 ? used : 1);
		} else {
			char val[32];
			value_format(sw->fmt, w[0], sw->b ? 1 : 2, val, sizeof val);
			fprintf(stderr, sw->fmt == FMT_ASCII ? "%o%s:\t'%s'" : "%o%s:\t%s", a, name, val);
			fprintf(stderr, via[0] ? "  (%s)\n" : "\n", via);
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
		v = (uint16_t)devreg_get(t->dev, t->dr);
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

int cmd_examine(struct sim *s, int argc, char **argv, const char *rest)
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
				t = (struct target){ .kind = T_DEV, .dr = &d->regs[k], .dev = d,
						     .name = d->regs[k].name };
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

int cmd_deposit(struct sim *s, int argc, char **argv, const char *rest)
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
	uint64_t max = t.kind == T_SR ? 0777777 : (t.kind == T_MEM && sw.b) ? 0377
		     : t.kind == T_DEV ? (UINT64_C(1) << t.dr->width) - 1 : 0177777;
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
		devreg_set(t.dev, t.dr, (uint32_t)v);
	}
	return CMD_OK;
}
