/* Instruction handlers, one per opcode table row (insn_*.c), and the
 * threaded dispatch they end in (dispatch.c). Private to cpu/. */
#ifndef EXEC_H
#define EXEC_H

#include "ccodes.h"
#include "operands.h"
#include "opcodes.h"

#define HANDLERS(X) \
	X(halt) X(wait) X(rti) X(bpt) X(iot) X(reset) X(rtt) X(reserved) \
	X(jmp) X(rts) X(ccop) X(swab) X(br) X(bne) X(beq) X(bge) X(blt) X(bgt) X(ble) \
	X(jsr) X(clr) X(com) X(inc) X(dec) X(neg) X(adc) X(sbc) X(tst) \
	X(ror) X(rol) X(asr) X(asl) X(mark) X(mfpi) X(mtpi) X(sxt) \
	X(mov) X(cmp) X(bit) X(bic) X(bis) X(add) \
	X(mul) X(div) X(ash) X(ashc) X(xor) X(sob) \
	X(bpl) X(bmi) X(bhi) X(blos) X(bvc) X(bvs) X(bcc) X(bcs) X(emt) X(trap) \
	X(clrb) X(comb) X(incb) X(decb) X(negb) X(adcb) X(sbcb) X(tstb) \
	X(rorb) X(rolb) X(asrb) X(aslb) \
	X(movb) X(cmpb) X(bitb) X(bicb) X(bisb) X(sub)

#define DECLARE_HANDLER(name) void op_##name(struct cpu *cpu, unsigned ir); \
	void t_##name(struct cpu *cpu, unsigned ir);
HANDLERS(DECLARE_HANDLER)
#undef DECLARE_HANDLER

/* The mode-specialised instances (opcode.modes). */
#define MODED_SSDD(X) X(mov) X(cmp) X(bit) X(bic) X(bis) X(add) X(sub) \
	X(movb) X(cmpb) X(bitb) X(bicb) X(bisb)
#define MODED_DD(X) X(clr) X(com) X(inc) X(dec) X(neg) X(adc) X(sbc) X(tst) \
	X(ror) X(rol) X(asr) X(asl) X(clrb) X(comb) X(incb) X(decb) X(negb) \
	X(adcb) X(sbcb) X(tstb) X(rorb) X(rolb) X(asrb) X(aslb) \
	X(jmp) X(jsr) X(mfpi) X(mtpi)
#define DECLARE_SSDD(name) extern void (*const name##_modes[64])(struct cpu *cpu, unsigned ir);
#define DECLARE_DD(name) extern void (*const name##_modes[8])(struct cpu *cpu, unsigned ir);
MODED_SSDD(DECLARE_SSDD)
MODED_DD(DECLARE_DD)
#undef DECLARE_SSDD
#undef DECLARE_DD

/* The trap sequence (traps.c). */
void trap(struct cpu *cpu, int first);

/* The 64K dispatch index: instruction word -> handler, filled from the
 * opcode table once at start-up and constant afterwards. */
extern thread_fn *dispatch[65536];

/* Threaded dispatch: every dispatch entry runs its instruction and then,
 * while no boundary is due (an event, a slice end, attention()), fetches
 * and dispatches the next one itself. The call is a tail call, so each
 * handler has its own indirect jump, which the host predicts far better
 * than one shared jump. run_loop (loop.c) keeps the deadline within
 * CHAIN_MAX instructions, which bounds the stack where the compiler does
 * not turn the call into a jump (unoptimised builds). An instruction
 * outside the fetch window goes through execute_slow (dispatch.c). */
__attribute__((noinline)) void execute_slow(struct cpu *cpu, uint16_t pc);

static inline ALWAYS_INLINE void execute(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	if (likely(in_fetch_page(cpu, pc))) {
		cpu->pc_start = pc;
		unsigned ir = window_word(cpu, pc);
		dispatch[ir](cpu, ir);
	} else
		execute_slow(cpu, pc);
}

/* Count the instruction just done; true when the chain is to end. The
 * compilers load, subtract, store and test; on x86-64 one subtract to
 * memory sets the flags the branch needs. */
static inline ALWAYS_INLINE bool budget_spent(struct cpu *cpu)
{
#if defined(__x86_64__)
	__asm__ goto("subq $1, %0\n\tjle %l[spent]" : "+m"(cpu->budget) : : "cc" : spent);
	return false;
spent:
	return true;
#else
	return !likely(--cpu->budget > 0);
#endif
}

static inline ALWAYS_INLINE void next(struct cpu *cpu)
{
	if (budget_spent(cpu))
		return;
	execute(cpu);
}

/* flatten: the row's handler is inlined into its dispatch entry too. */
#define THREADED(name) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ op_##name(cpu, ir); next(cpu); }

/* Handlers specialised for their addressing modes (the modes are
 * constants, so ea_m's switch folds away): the opcode table's rows name
 * these tables, and the dispatch index holds the instance for each word.
 * The generic op_ handlers above stay the rows' handlers. */
#define MODE_SSDD(op, fn, byte, sm, dm) \
	static void op##_##sm##dm(struct cpu *cpu, unsigned ir) { fn(cpu, ir, byte, sm, dm); next(cpu); }
#define MODES_DST(op, fn, byte, sm) \
	MODE_SSDD(op, fn, byte, sm, 0) MODE_SSDD(op, fn, byte, sm, 1) MODE_SSDD(op, fn, byte, sm, 2) \
	MODE_SSDD(op, fn, byte, sm, 3) MODE_SSDD(op, fn, byte, sm, 4) MODE_SSDD(op, fn, byte, sm, 5) \
	MODE_SSDD(op, fn, byte, sm, 6) MODE_SSDD(op, fn, byte, sm, 7)
#define MODES_ROW(op, sm) \
	op##_##sm##0, op##_##sm##1, op##_##sm##2, op##_##sm##3, \
	op##_##sm##4, op##_##sm##5, op##_##sm##6, op##_##sm##7
#define MODES_SSDD(op, fn, byte) \
	MODES_DST(op, fn, byte, 0) MODES_DST(op, fn, byte, 1) MODES_DST(op, fn, byte, 2) \
	MODES_DST(op, fn, byte, 3) MODES_DST(op, fn, byte, 4) MODES_DST(op, fn, byte, 5) \
	MODES_DST(op, fn, byte, 6) MODES_DST(op, fn, byte, 7) \
	thread_fn *const op##_modes[64] = { \
		MODES_ROW(op, 0), MODES_ROW(op, 1), MODES_ROW(op, 2), MODES_ROW(op, 3), \
		MODES_ROW(op, 4), MODES_ROW(op, 5), MODES_ROW(op, 6), MODES_ROW(op, 7) };

#define MODE_DD(op, fn, byte, dm) \
	static void op##_##dm(struct cpu *cpu, unsigned ir) { fn(cpu, ir, byte, dm); next(cpu); }
#define MODES_DD(op, fn, byte) \
	MODE_DD(op, fn, byte, 0) MODE_DD(op, fn, byte, 1) MODE_DD(op, fn, byte, 2) \
	MODE_DD(op, fn, byte, 3) MODE_DD(op, fn, byte, 4) MODE_DD(op, fn, byte, 5) \
	MODE_DD(op, fn, byte, 6) MODE_DD(op, fn, byte, 7) \
	thread_fn *const op##_modes[8] = { op##_0, op##_1, op##_2, op##_3, \
		op##_4, op##_5, op##_6, op##_7 };

#endif
