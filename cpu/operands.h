/* Operand addressing: the eight modes, operands of either size, the
 * operands of double- and single-operand instructions. Inline in every
 * handler. Private to cpu/. */
#ifndef OPERANDS_H
#define OPERANDS_H

#include "access.h"

enum { WORD = 2, BYTE = 1 };

/* An operand is a register (reg >= 0) or a virtual address in the
 * current mode; `imm` says it is an immediate, (PC)+: the address of one
 * of the instruction's own words inside the fetch window, which reads
 * straight from it. */
struct opnd {
	int reg;
	uint16_t va;
	bool imm;
	bool stk;	/* written through SP: the stack limit applies (slow path) */
};

/* An instruction's index or address word. `windowed`: the instruction
 * came from the fetch window with both its following words inside it
 * (execute() makes sure of that for the mode-specialised handlers), so
 * the word is read straight from memory; the generic handlers, which
 * execute_slow runs, fetch it through the MMU. */
static inline ALWAYS_INLINE uint16_t ext_word(struct cpu *cpu, bool windowed)
{
	return windowed ? window_word(cpu, cpu->r[PC]) : fetch(cpu);
}

/* Register side effects happen as the address is computed, before the
 * access: an aborted access leaves them applied, as on the 11/40, and
 * V6's backup routine in m40.s undoes them. (PC)+ and @(PC)+, the
 * immediate and the absolute address, are words of the instruction.
 * `pc`: r is PC (a constant in the instances specialised for it). */
static inline ALWAYS_INLINE struct opnd  ea_m(struct cpu *cpu, int mode, int r, bool pc, int size, bool windowed,
					     bool wr)
{
	uint16_t step = (size == BYTE && r < SP) ? 1 : 2;
	uint16_t a;

	switch (mode) {
	case 0:
		return (struct opnd){ .reg = r };
	case 1:
		return (struct opnd){ .reg = -1, .va = cpu->r[r], .stk = wr && r == SP };
	case 2:
		a = cpu->r[r];
		cpu->r[r] += step;
		return (struct opnd){ .reg = -1, .va = a, .imm = windowed && pc, .stk = wr && r == SP };
	case 3:
		if (windowed && pc)
			return (struct opnd){ .reg = -1, .va = ext_word(cpu, true) };
		a = cpu->r[r];
		cpu->r[r] += 2;
		return (struct opnd){ .reg = -1, .va = read_w(cpu, a, cpu->cur) };
	case 4:
		cpu->r[r] -= step;
		return (struct opnd){ .reg = -1, .va = cpu->r[r], .stk = wr && r == SP };
	case 5:
		cpu->r[r] -= 2;
		return (struct opnd){ .reg = -1, .va = read_w(cpu, cpu->r[r], cpu->cur) };
	case 6:
		a = (uint16_t)(ext_word(cpu, windowed) + cpu->r[r]);
		return (struct opnd){ .reg = -1, .va = a, .stk = wr && r == SP };
	default:
		a = ext_word(cpu, windowed);
		return (struct opnd){ .reg = -1, .va = read_w(cpu, (uint16_t)(a + cpu->r[r]), cpu->cur) };
	}
}

/* A handler specialised for an operand passes its spec as a constant:
 * the mode (0-7), plus SPEC_PC for modes 2, 3, 6 and 7 on PC (immediate,
 * absolute, relative, relative deferred); there the mode alone (0-7)
 * says the register is not PC, and in the other modes any register. -1
 * takes the operand from the instruction. */
enum { SPEC_PC = 8 };

static inline ALWAYS_INLINE int  mode_or(int m, int spec)
{
	return m >= 0 ? (m & 7) : spec >> 3;
}

/* The operand's register: PC where the spec says so. */
static inline ALWAYS_INLINE int  reg_or(int m, int spec)
{
	return m >= 0 && (m & SPEC_PC) ? PC : spec & 7;
}

/* Whether the operand's register is PC, where it matters (modes 2 and 3). */
static inline ALWAYS_INLINE bool  pc_or(int m, int spec)
{
	return m >= 0 ? (m & SPEC_PC) != 0 : (spec & 7) == PC;
}

/* The operand of a spec (or of the instruction, -1). */
static inline ALWAYS_INLINE struct opnd  ea_spec(struct cpu *cpu, int m, int spec, int size, bool wr)
{
	return ea_m(cpu, mode_or(m, spec), reg_or(m, spec), pc_or(m, spec), size, m >= 0, wr);
}

static inline ALWAYS_INLINE uint16_t  load_w(struct cpu *cpu, struct opnd o)
{
	if (o.reg >= 0)
		return cpu->r[o.reg];
	if (o.imm)
		return *(const uint16_t *)(cpu->fetch_host + o.va);
	return read_w_stk(cpu, o.va, cpu->cur, o.stk);
}

static inline ALWAYS_INLINE uint8_t  load_b(struct cpu *cpu, struct opnd o)
{
	if (o.reg >= 0)
		return (uint8_t)cpu->r[o.reg];
	if (o.imm)
		return *(const uint8_t *)(cpu->fetch_host + o.va);
	return read_b_stk(cpu, o.va, cpu->cur, o.stk);
}

static inline ALWAYS_INLINE void  store_w(struct cpu *cpu, struct opnd o, uint16_t v)
{
	if (o.reg >= 0)
		cpu->r[o.reg] = v;
	else
		write_w_stk(cpu, o.va, cpu->cur, v, o.stk);
}

/* A byte to a register replaces its low byte (MOVB sign-extends itself). */
static inline ALWAYS_INLINE void  store_b(struct cpu *cpu, struct opnd o, uint8_t v)
{
	if (o.reg >= 0)
		cpu->r[o.reg] = (cpu->r[o.reg] & 0177400) | v;
	else
		write_b_stk(cpu, o.va, cpu->cur, v, o.stk);
}

/* wr: the operand is written (the stack limit checks it). */
static inline ALWAYS_INLINE struct opnd  dst_w_m(struct cpu *cpu, unsigned ir, int dm, bool wr)
{
	return ea_spec(cpu, dm, ir & 077, WORD, wr);
}

static inline ALWAYS_INLINE struct opnd  dst_w(struct cpu *cpu, unsigned ir, bool wr) { return dst_w_m(cpu, ir, -1, wr); }

/* Both operands of a double-operand instruction. A register source is
 * read after the destination's address is computed: on the 11/40
 * `MOV R0,(R0)+` stores the incremented R0 and `MOV PC,@#A` stores the
 * address of the MOV plus 4 (family differences table). */
static inline ALWAYS_INLINE struct opnd  operands_m(struct cpu *cpu, unsigned ir, int size, uint16_t *src,
						     int sm, int dm, bool wr)
{
	int ss = (ir >> 6) & 077, dd = ir & 077;
	if (mode_or(sm, ss) == 0) {
		struct opnd d = ea_spec(cpu, dm, dd, size, wr);
		*src = size == BYTE ? (uint8_t)cpu->r[ss & 7] : cpu->r[ss & 7];
		return d;
	}
	struct opnd o = ea_spec(cpu, sm, ss, size, false);
	*src = size == BYTE ? load_b(cpu, o) : load_w(cpu, o);
	return ea_spec(cpu, dm, dd, size, wr);
}

/* One body for the word and byte forms: `top` is the sign bit and `all`
 * the mask of the operand size. */

struct sized {
	struct opnd o;
	uint16_t top, all;
	bool byte;
};

static inline ALWAYS_INLINE struct sized  sized(struct opnd o, bool byte)
{
	return (struct sized){
		.o = o,
		.top = byte ? 0200 : 0100000,
		.all = byte ? 0377 : 0177777,
		.byte = byte,
	};
}

static inline ALWAYS_INLINE uint16_t  sload(struct cpu *cpu, struct sized s)
{
	return s.byte ? load_b(cpu, s.o) : load_w(cpu, s.o);
}

static inline ALWAYS_INLINE void  sstore(struct cpu *cpu, struct sized s, uint16_t v)
{
	if (s.byte)
		store_b(cpu, s.o, (uint8_t)v);
	else
		store_w(cpu, s.o, v);
}

/* Double operand: the source value and the destination operand. */
static inline ALWAYS_INLINE struct sized  dual_m(struct cpu *cpu, unsigned ir, bool byte, uint16_t *src, int sm, int dm,
					       bool wr)
{
	return sized(operands_m(cpu, ir, byte ? BYTE : WORD, src, sm, dm, wr), byte);
}

/* Single operand. */

static inline ALWAYS_INLINE struct sized  single_m(struct cpu *cpu, unsigned ir, bool byte, int dm, bool wr)
{
	return sized(ea_spec(cpu, dm, ir & 077, byte ? BYTE : WORD, wr), byte);
}

#endif
