/* What the instruction files (insn_*.c) need: the inline helpers, the
 * trap sequence and the threaded dispatch every handler ends in. Private
 * to cpu/. */
#ifndef EXEC_H
#define EXEC_H

#include "ccodes.h"
#include "operands.h"
#include "handlers.h"

/* The trap sequence (traps.c). */
void trap(struct cpu *cpu, int first);

/* The 64K dispatch index: instruction word -> handler, filled from the
 * opcode table once at start-up and constant afterwards. */
extern handler_fn *dispatch[65536];

/* Threaded dispatch: every dispatch entry runs its instruction and then,
 * while no boundary is due (an event, a slice end, attention()), fetches
 * and dispatches the next one itself. The call is a tail call, so each
 * handler has its own indirect jump, which the host predicts far better
 * than one shared jump. run_loop (loop.c) keeps the deadline within
 * CHAIN_MAX instructions, which bounds the stack where the compiler does
 * not turn the call into a jump (unoptimised builds). An instruction
 * outside the fetch window goes through execute_slow (dispatch.c). */
__attribute__((noinline)) void execute_slow(struct cpu *cpu);

/* The instruction at pc, inside the fetch window. */
static inline ALWAYS_INLINE void dispatch_at(struct cpu *cpu, uint16_t pc)
{
	cpu->pc_start = pc;
	uintptr_t ir = window_word(cpu, pc);
#if defined(__x86_64__)
	/* the word read straight into the register of the handler's
	 * argument (rsi), which then indexes the table: no copy */
	__asm__("" : "+S"(ir));
#endif
	dispatch[ir](cpu, (unsigned)ir);
}

static inline ALWAYS_INLINE void execute(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	if (likely(in_fetch_page(cpu, pc)))
		dispatch_at(cpu, pc);
	else
		execute_slow(cpu);	/* takes PC from cpu, leaving rsi free */
}

/* The instruction after one that went on in sequence: it started inside
 * the window and PC moved up past its words only, so PC is at or above
 * fetch_lo and even, and below fetch_end is all that is left to test
 * (cpu.h; fetch_slow keeps a PC that wrapped to 0 out). */
static inline ALWAYS_INLINE void execute_seq(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	if (likely(pc < cpu->fetch_end))
		dispatch_at(cpu, pc);
	else
		execute_slow(cpu);
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

/* The end of an instruction that leaves PC in sequence (instances.h):
 * the instance of an instruction that does not change the flow, on
 * operands that do not change PC (dispatch.c keeps a PC operand of modes
 * 0, 4 and 5 to the generic entry). An instruction that runs from
 * outside the window (execute_slow) counts too: its fetch made the
 * window its page if it could, and fetch_end is 0 if not. */
static inline ALWAYS_INLINE void next_seq(struct cpu *cpu)
{
	if (budget_spent(cpu))
		return;
	execute_seq(cpu);
}

#endif
