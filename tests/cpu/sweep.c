/* The sweep harness: operands through every addressing mode, one
 * instruction run, the machine compared with what was expected. */
#include "sweep.h"

#include <stdio.h>
#include <string.h>

const uint16_t sw_values[] = {
	0, 1, 2, 0177, 0200, 0377, 0400, 077777, 0100000, 0177776, 0177777, 070707,
};
const int sw_nvalues = sizeof sw_values / sizeof sw_values[0];


int sw_reg(int mode, unsigned k, unsigned avoid)
{
	int n = mode == 0 ? 6 : (mode == 1 || mode == 4 || mode == 5) ? 7 : 8;
	for (unsigned i = 0; i < 8; i++) {
		int r = (int)((k + i) % (unsigned)n);
		if (!(avoid & 1u << r))
			return r;
	}
	ck_abort_msg("no register for mode %d", mode);
	return 0;
}

static void mem_set(struct sweep *s, uint16_t addr, uint16_t v)
{
	for (int i = 0; i < s->nmem; i++)
		if (s->mem_addr[i] == addr) {
			s->mem_in[i] = s->mem_out[i] = v;
			return;
		}
	ck_assert_int_lt(s->nmem, SW_MAXMEM);
	s->mem_addr[s->nmem] = addr;
	s->mem_in[s->nmem] = s->mem_out[s->nmem] = v;
	s->nmem++;
}

static int mem_find(const struct sweep *s, uint16_t addr)
{
	for (int i = 0; i < s->nmem; i++)
		if (s->mem_addr[i] == addr)
			return i;
	ck_abort_msg("no word placed at %06o", addr);
	return 0;
}

/* The next word of the instruction; returns its address. */
static uint16_t extra(struct sweep *s, uint16_t w)
{
	uint16_t at = (uint16_t)(PROG + 2 * s->nw++);
	mem_set(s, at, w);
	return at;
}

void sw_set_word(struct sweep *s, uint16_t addr, uint16_t before, uint16_t after)
{
	mem_set(s, addr, before);
	s->mem_out[mem_find(s, addr)] = after;
}

void sw_expect_pc(struct sweep *s, uint16_t pc)
{
	s->pc_given = true;
	s->r_out[PC] = pc;
}

void sw_set_reg(struct sweep *s, int r, uint16_t v)
{
	s->r_in[r] = s->r_out[r] = v;
}

void sw_begin(struct sweep *s, struct machine *m, uint16_t ir)
{
	memset(s, 0, sizeof *s);
	s->m = m;
	for (int r = 0; r < 6; r++)
		sw_set_reg(s, r, (uint16_t)(0111111 * (r + 1)));
	sw_set_reg(s, SP, KSTACK);
	sw_set_reg(s, PC, PROG);
	extra(s, ir);
}

struct place sw_operand(struct sweep *s, int mode, int reg, bool byte, uint16_t word,
			uint16_t base, bool odd, unsigned variant)
{
	/* the operand's word, the pointer to it, an index */
	uint16_t a = (uint16_t)(base + 0100), p = (uint16_t)(base + 0200);
	uint16_t x = variant & 1 ? 0177700 : 0100;
	uint16_t at = (uint16_t)(a + (byte && odd));
	uint16_t step = byte && reg < SP ? 1 : 2;
	struct place pl = { .reg = -1, .addr = at };

	if (mode == 0) {
		sw_set_reg(s, reg, word);
		pl.reg = reg;
		return pl;
	}
	if (reg == PC) {
		uint16_t w;
		switch (mode) {
		case 2:		/* immediate: the operand is the instruction's word */
			pl.addr = extra(s, word);
			return pl;
		case 3:		/* absolute */
			extra(s, at);
			break;
		case 6:		/* relative: from the PC after the word */
			w = extra(s, 0);
			mem_set(s, w, (uint16_t)(at - (w + 2)));
			break;
		default:	/* 7, relative deferred */
			w = extra(s, 0);
			mem_set(s, w, (uint16_t)(p - (w + 2)));
			mem_set(s, p, at);
			break;
		}
		mem_set(s, a, word);
		return pl;
	}
	mem_set(s, a, word);
	switch (mode) {
	case 1:
		sw_set_reg(s, reg, at);
		break;
	case 2:
		sw_set_reg(s, reg, at);
		s->r_out[reg] = (uint16_t)(at + step);
		break;
	case 3:
		mem_set(s, p, at);
		sw_set_reg(s, reg, p);
		s->r_out[reg] = (uint16_t)(p + 2);
		break;
	case 4:
		sw_set_reg(s, reg, (uint16_t)(at + step));
		s->r_out[reg] = at;
		break;
	case 5:
		mem_set(s, p, at);
		sw_set_reg(s, reg, (uint16_t)(p + 2));
		s->r_out[reg] = p;
		break;
	case 6:
		extra(s, x);
		sw_set_reg(s, reg, (uint16_t)(at - x));
		break;
	default:
		extra(s, x);
		mem_set(s, p, at);
		sw_set_reg(s, reg, (uint16_t)(p - x));
		break;
	}
	return pl;
}

uint16_t sw_value(const struct sweep *s, struct place p, bool byte)
{
	uint16_t w = p.reg >= 0 ? s->r_in[p.reg] : s->mem_in[mem_find(s, p.addr & ~1)];
	if (!byte)
		return w;
	return p.reg < 0 && (p.addr & 1) ? w >> 8 : w & 0377;
}

void sw_expect(struct sweep *s, struct place p, bool byte, uint16_t v, bool sign_extend)
{
	uint16_t *w = p.reg >= 0 ? &s->r_out[p.reg] : &s->mem_out[mem_find(s, p.addr & ~1)];
	if (!byte)
		*w = v;
	else if (sign_extend)
		*w = (uint16_t)(v & 0200 ? v | 0177400 : v & 0377);
	else if (p.reg < 0 && (p.addr & 1))
		*w = (uint16_t)((*w & 0377) | (v & 0377) << 8);
	else
		*w = (uint16_t)((*w & 0177400) | (v & 0377));
}

static void describe(const struct sweep *s, char *buf, size_t size)
{
	uint16_t words[3] = { 0 };
	for (int i = 0; i < 3 && i < s->nw; i++)
		words[i] = s->mem_in[mem_find(s, (uint16_t)(PROG + 2 * i))];
	char dis[80];
	disassemble(PROG, words, dis, sizeof dis, NULL, NULL);
	int n = snprintf(buf, size, "%s [", dis);
	for (int r = 0; r < 7 && n > 0 && (size_t)n < size; r++)
		n += snprintf(buf + n, size - (size_t)n, "%sR%d=%06o", r ? " " : "", r, s->r_in[r]);
	for (int i = 0; i < s->nmem && n > 0 && (size_t)n < size; i++)
		n += snprintf(buf + n, size - (size_t)n, " %06o:%06o", s->mem_addr[i], s->mem_in[i]);
	if (n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "]");
}

/* The instruction at PROG and its two following words are in the fetch
 * window: it runs through its mode-specialised handler. */
static bool in_window(const struct cpu *cpu)
{
	return (uint16_t)(PROG - cpu->fetch_lo) / 2 < cpu->fetch_words;
}

void sw_run(struct sweep *s, uint8_t cc_in, bool generic, uint8_t cc, uint8_t unspecified,
	    const char *what)
{
	struct machine *m = s->m;
	struct cpu *cpu = &m->cpu;
	if (!s->pc_given)
		s->r_out[PC] = (uint16_t)(PROG + 2 * s->nw);
	cpu->halted = false;
	if (!generic && !in_window(cpu)) {
		/* a NOP at PROG opens the fetch window there */
		m->bus.mem[PROG >> 1] = 0240;
		cpu->r[PC] = PROG;
		cpu_step(cpu);
	}
	for (int i = 0; i < s->nmem; i++)
		m->bus.mem[s->mem_addr[i] >> 1] = s->mem_in[i];
	cpu_set_psw(cpu, cc_in);
	memcpy(cpu->r, s->r_in, sizeof cpu->r);
	/* An empty fetch window sends the instruction to its row's generic
	 * handler, as the first instruction after a mode change goes. */
	if (generic)
		cpu_drop_fetch_window(cpu);
	s->windowed = in_window(cpu);
	ck_assert_msg(s->windowed == !generic, "%s: the fetch window does not hold PROG", what);
	cpu_step(cpu);

	char buf[400];
	uint16_t mask = (uint16_t)(017 & ~unspecified);
	bool ok = memcmp(cpu->r, s->r_out, sizeof cpu->r) == 0 &&
		  (cpu_psw(cpu) & mask) == (cc & mask) && (cpu_psw(cpu) & ~017) == s->psw_hi_out;
	for (int i = 0; ok && i < s->nmem; i++)
		ok = m->bus.mem[s->mem_addr[i] >> 1] == s->mem_out[i];
	if (ok)
		return;
	describe(s, buf, sizeof buf);
	for (int r = 0; r < 8; r++)
		ck_assert_msg(cpu->r[r] == s->r_out[r], "%s: %s cc %02o %s: R%d = %06o, expected %06o",
			      what, buf, cc_in, generic ? "generic" : "by mode", r, cpu->r[r], s->r_out[r]);
	for (int i = 0; i < s->nmem; i++)
		ck_assert_msg(m->bus.mem[s->mem_addr[i] >> 1] == s->mem_out[i],
			      "%s: %s cc %02o %s: word %06o = %06o, expected %06o", what, buf, cc_in,
			      generic ? "generic" : "by mode", s->mem_addr[i],
			      m->bus.mem[s->mem_addr[i] >> 1], s->mem_out[i]);
	ck_abort_msg("%s: %s cc %02o %s: PSW %06o, expected %06o with NZVC %02o (of %02o)", what, buf,
		     cc_in, generic ? "generic" : "by mode", cpu_psw(cpu), s->psw_hi_out, cc & mask, mask);
}
