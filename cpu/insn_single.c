/* The single-operand instructions: CLR to ASL and their byte forms,
 * SWAB, SXT, and MFPI, MTPI. Rules cited are from the PDP-11/40
 * Processor Handbook (1972). */
#include "exec.h"

static inline ALWAYS_INLINE void do_clr(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	sstore(cpu, s, 0);
	cpu->nz = 0;
	cpu->v = cpu->c = 0;
}

static inline ALWAYS_INLINE void do_com(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t r = ~sload(cpu, s) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = 0;
	cpu->c = 1;
}

static inline ALWAYS_INLINE void do_inc(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s), r = (d + 1) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = d == s.top - 1;
}

static inline ALWAYS_INLINE void do_dec(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s), r = (d - 1) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = d == s.top;
}

static inline ALWAYS_INLINE void do_neg(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t r = (-sload(cpu, s)) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = r == s.top;
	cpu->c = r != 0;
}

static inline ALWAYS_INLINE void do_adc(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s), c = cpu->c;
	uint16_t r = (d + c) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = c && d == s.top - 1;
	cpu->c = c && d == s.all;
}

static inline ALWAYS_INLINE void do_sbc(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s), c = cpu->c;
	uint16_t r = (d - c) & s.all;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = c && d == s.top;
	cpu->c = c && d == 0;
}

static inline ALWAYS_INLINE void do_tst(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, false);
	uint16_t d = sload(cpu, s);
	set_nz(cpu, d, s.byte);
	cpu->v = cpu->c = 0;
}

/* Shifts and rotates: V = N xor C after the operation. */
static void shift_cc(struct cpu *cpu, struct sized s, uint16_t r, bool c)
{
	bool n = r & s.top;
	sstore(cpu, s, r);
	set_nz(cpu, r, s.byte);
	cpu->v = n != c;
	cpu->c = c;
}

static inline ALWAYS_INLINE void do_ror(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s);
	shift_cc(cpu, s, (uint16_t)((d >> 1) | (cpu->c ? s.top : 0)), d & 1);
}

static inline ALWAYS_INLINE void do_rol(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s);
	shift_cc(cpu, s, (uint16_t)(((d << 1) | cpu->c) & s.all), d & s.top);
}

static inline ALWAYS_INLINE void do_asr(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s);
	shift_cc(cpu, s, (uint16_t)((d >> 1) | (d & s.top)), d & 1);
}

static inline ALWAYS_INLINE void do_asl(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	struct sized s = single_m(cpu, ir, byte, dm, true);
	uint16_t d = sload(cpu, s);
	shift_cc(cpu, s, (uint16_t)((d << 1) & s.all), d & s.top);
}

static void do_swab(struct cpu *cpu, unsigned ir)
{
	struct opnd o = dst_w(cpu, ir, true);
	uint16_t d = load_w(cpu, o);
	uint16_t r = (uint16_t)((d << 8) | (d >> 8));
	store_w(cpu, o, r);
	/* N and Z from the new low byte; V and C cleared. */
	set_nz(cpu, r, true);
	cpu->v = cpu->c = 0;
}

static void do_sxt(struct cpu *cpu, unsigned ir)
{
	struct opnd o = dst_w(cpu, ir, true);
	uint16_t r = flag_n(cpu) ? 0177777 : 0;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = 0;
}

/* MFPI and MTPI move a word between the current stack and the previous
 * mode's space. A register operand names the previous mode's register:
 * only SP differs between modes on the 11/40. */
static uint16_t prev_reg(struct cpu *cpu, int r)
{
	if (r != SP || cpu_prev_mode(cpu) == cpu_mode(cpu))
		return cpu->r[r];
	return cpu->sp[cpu_prev_mode(cpu)];
}

static inline ALWAYS_INLINE void do_mfpi(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	(void)byte;
	struct opnd o = dst_w_m(cpu, ir, dm, false);
	uint16_t v = o.reg >= 0 ? prev_reg(cpu, o.reg) : read_w(cpu, o.va, cpu->page[cpu_prev_mode(cpu)]);
	/* MFPI sets the codes as it reads, before its push: a push into the
	 * red zone leaves them set (KD11-A flows, fatal stack error) */
	set_nz(cpu, v, false);
	cpu->v = 0;
	push(cpu, v);
}

static inline ALWAYS_INLINE void do_mtpi(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	(void)byte;
	uint16_t v = pop(cpu);
	struct opnd o = dst_w_m(cpu, ir, dm, false);
	if (o.reg < 0)
		write_w(cpu, o.va, cpu->page[cpu_prev_mode(cpu)], v);
	else if (o.reg == SP && cpu_prev_mode(cpu) != cpu_mode(cpu))
		cpu->sp[cpu_prev_mode(cpu)] = v;
	else
		cpu->r[o.reg] = v;
	set_nz(cpu, v, false);
	cpu->v = 0;
}

/* The dispatch entries of this file's instructions (instructions.def). */
/* The end of an instance (instances.h): these instructions leave PC in
 * sequence (exec.h, next_seq). */
static inline ALWAYS_INLINE void instance_next(struct cpu *cpu) { next_seq(cpu); }

#define INSN_FILE_single(x) x
#include "instances.h"
