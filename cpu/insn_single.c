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

void op_clr(struct cpu *cpu, unsigned ir) { do_clr(cpu, ir, false, -1); }
void op_com(struct cpu *cpu, unsigned ir) { do_com(cpu, ir, false, -1); }
void op_inc(struct cpu *cpu, unsigned ir) { do_inc(cpu, ir, false, -1); }
void op_dec(struct cpu *cpu, unsigned ir) { do_dec(cpu, ir, false, -1); }
void op_neg(struct cpu *cpu, unsigned ir) { do_neg(cpu, ir, false, -1); }
void op_adc(struct cpu *cpu, unsigned ir) { do_adc(cpu, ir, false, -1); }
void op_sbc(struct cpu *cpu, unsigned ir) { do_sbc(cpu, ir, false, -1); }
void op_tst(struct cpu *cpu, unsigned ir) { do_tst(cpu, ir, false, -1); }
void op_ror(struct cpu *cpu, unsigned ir) { do_ror(cpu, ir, false, -1); }
void op_rol(struct cpu *cpu, unsigned ir) { do_rol(cpu, ir, false, -1); }
void op_asr(struct cpu *cpu, unsigned ir) { do_asr(cpu, ir, false, -1); }
void op_asl(struct cpu *cpu, unsigned ir) { do_asl(cpu, ir, false, -1); }
void op_clrb(struct cpu *cpu, unsigned ir) { do_clr(cpu, ir, true, -1); }
void op_comb(struct cpu *cpu, unsigned ir) { do_com(cpu, ir, true, -1); }
void op_incb(struct cpu *cpu, unsigned ir) { do_inc(cpu, ir, true, -1); }
void op_decb(struct cpu *cpu, unsigned ir) { do_dec(cpu, ir, true, -1); }
void op_negb(struct cpu *cpu, unsigned ir) { do_neg(cpu, ir, true, -1); }
void op_adcb(struct cpu *cpu, unsigned ir) { do_adc(cpu, ir, true, -1); }
void op_sbcb(struct cpu *cpu, unsigned ir) { do_sbc(cpu, ir, true, -1); }
void op_tstb(struct cpu *cpu, unsigned ir) { do_tst(cpu, ir, true, -1); }
void op_rorb(struct cpu *cpu, unsigned ir) { do_ror(cpu, ir, true, -1); }
void op_rolb(struct cpu *cpu, unsigned ir) { do_rol(cpu, ir, true, -1); }
void op_asrb(struct cpu *cpu, unsigned ir) { do_asr(cpu, ir, true, -1); }
void op_aslb(struct cpu *cpu, unsigned ir) { do_asl(cpu, ir, true, -1); }

void op_swab(struct cpu *cpu, unsigned ir)
{
	struct opnd o = dst_w(cpu, ir, true);
	uint16_t d = load_w(cpu, o);
	uint16_t r = (uint16_t)((d << 8) | (d >> 8));
	store_w(cpu, o, r);
	/* N and Z from the new low byte; V and C cleared. */
	set_nz(cpu, r, true);
	cpu->v = cpu->c = 0;
}

void op_sxt(struct cpu *cpu, unsigned ir)
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

void op_mfpi(struct cpu *cpu, unsigned ir) { do_mfpi(cpu, ir, false, -1); }

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

void op_mtpi(struct cpu *cpu, unsigned ir) { do_mtpi(cpu, ir, false, -1); }

THREADED(swab)
THREADED(clr)
THREADED(com)
THREADED(inc)
THREADED(dec)
THREADED(neg)
THREADED(adc)
THREADED(sbc)
THREADED(tst)
THREADED(ror)
THREADED(rol)
THREADED(asr)
THREADED(asl)
THREADED(mfpi)
THREADED(mtpi)
THREADED(sxt)
THREADED(clrb)
THREADED(comb)
THREADED(incb)
THREADED(decb)
THREADED(negb)
THREADED(adcb)
THREADED(sbcb)
THREADED(tstb)
THREADED(rorb)
THREADED(rolb)
THREADED(asrb)
THREADED(aslb)

MODES_DD(clr, do_clr, false)
MODES_DD(com, do_com, false)
MODES_DD(inc, do_inc, false)
MODES_DD(dec, do_dec, false)
MODES_DD(neg, do_neg, false)
MODES_DD(adc, do_adc, false)
MODES_DD(sbc, do_sbc, false)
MODES_DD(tst, do_tst, false)
MODES_DD(ror, do_ror, false)
MODES_DD(rol, do_rol, false)
MODES_DD(asr, do_asr, false)
MODES_DD(asl, do_asl, false)
MODES_DD(clrb, do_clr, true)
MODES_DD(comb, do_com, true)
MODES_DD(incb, do_inc, true)
MODES_DD(decb, do_dec, true)
MODES_DD(negb, do_neg, true)
MODES_DD(adcb, do_adc, true)
MODES_DD(sbcb, do_sbc, true)
MODES_DD(tstb, do_tst, true)
MODES_DD(rorb, do_ror, true)
MODES_DD(rolb, do_rol, true)
MODES_DD(asrb, do_asr, true)
MODES_DD(aslb, do_asl, true)
MODES_DD(mfpi, do_mfpi, false)
MODES_DD(mtpi, do_mtpi, false)
