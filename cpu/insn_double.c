/* The double-operand instructions: MOV, CMP, BIT, BIC, BIS and their
 * byte forms, ADD, SUB. Rules cited are from the PDP-11/40 Processor
 * Handbook (1972). */
#include "exec.h"

static inline ALWAYS_INLINE void do_mov(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	if (byte && d.o.reg >= 0)
		cpu->r[d.o.reg] = (uint16_t)(int16_t)(int8_t)s;	/* MOVB to R sign-extends */
	else
		sstore(cpu, d, s);
	set_nz(cpu, s, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_cmp(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, false);
	uint16_t v = sload(cpu, d), r = (s - v) & d.all;
	set_nz(cpu, r, byte);
	cpu->v = (((s ^ v) & (s ^ r)) & d.top) != 0;
	cpu->c = s < v;
}

static inline ALWAYS_INLINE void do_bit(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, false);
	uint16_t r = sload(cpu, d) & s;
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_bic(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	uint16_t r = sload(cpu, d) & ~s & d.all;
	sstore(cpu, d, r);
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_bis(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	uint16_t r = sload(cpu, d) | s;
	sstore(cpu, d, r);
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

/* ADD and SUB have no byte forms. */

static inline ALWAYS_INLINE void do_add(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	(void)byte;
	struct opnd o = operands_m(cpu, ir, WORD, &s, sm, dm, true);
	uint16_t d = load_w(cpu, o), r = s + d;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = ((~(s ^ d) & (s ^ r)) & 0100000) != 0;
	cpu->c = (uint32_t)s + d > 0177777;
}

static inline ALWAYS_INLINE void do_sub(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	(void)byte;
	struct opnd o = operands_m(cpu, ir, WORD, &s, sm, dm, true);
	uint16_t d = load_w(cpu, o), r = d - s;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = (((s ^ d) & (d ^ r)) & 0100000) != 0;
	cpu->c = d < s;
}

/* The dispatch entries of this file's instructions (instructions.def). */
/* The end of an instance (instances.h): these instructions leave PC in
 * sequence (exec.h, next_seq). */
static inline ALWAYS_INLINE void instance_next(struct cpu *cpu) { next_seq(cpu); }

#define INSN_FILE_double(x) x
#include "instances.h"
