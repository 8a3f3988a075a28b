/* The instruction loop: run, step, and the CPU's set-up and debugging
 * hooks. */
#include <stdlib.h>
#include <string.h>

#include "exec.h"

/* Between instructions (traps.c). */
enum stop boundary(struct cpu *cpu);
/* Fill the dispatch table (dispatch.c). */
void build_dispatch(void);

static void record_history(struct cpu *cpu)
{
	struct history *h = &cpu->hist[cpu->hist_next];
	uint16_t pc = cpu->r[PC];
	h->pc = pc;
	h->psw = cpu_psw(cpu);
	h->sp = cpu->r[SP];
	h->ir = h->src = h->dst = 0;
	cpu_peek(cpu, pc, cpu_mode(cpu), &h->ir);
	cpu_peek(cpu, (uint16_t)(pc + 2), cpu_mode(cpu), &h->src);
	cpu_peek(cpu, (uint16_t)(pc + 4), cpu_mode(cpu), &h->dst);
	cpu->hist_next = (cpu->hist_next + 1) % cpu->hist_size;
	cpu->hist_count++;
}

/* A chain of instructions (exec.h) is at most CHAIN_MAX long: that bounds
 * the stack where the compiler does not turn the calls into jumps. */
enum { CHAIN_MAX = 4096 };

/* Instructions stop early (HALT, an abort) through cpu->stop; a breakpoint
 * stops before the instruction at PC. */
static bool at_breakpoint(struct cpu *cpu)
{
	return cpu->breakmap && cpu->breakmap[cpu->r[PC]];
}

/* The instruction loop. It lives apart from cpu_run's setjmp so that the
 * compiler can keep its state in registers. */
static __attribute__((noinline)) enum stop run_loop(struct cpu *cpu, bool skip_break)
{
	struct unibus *bus = cpu->bus;
	for (;;) {
		if (bus->now >= bus->deadline) {
			enum stop s = boundary(cpu);
			if (s != STOP_NONE)
				return s;
			if (bus->deadline > bus->now + CHAIN_MAX)
				bus->deadline = bus->now + CHAIN_MAX;
			/* hooks look at every instruction: no chain */
			if (cpu->hooks)
				attention(cpu);
		}
		if (cpu->hooks) {
			if (!skip_break && at_breakpoint(cpu))
				return cpu->stop = STOP_BREAK;
			if (cpu->hist)
				record_history(cpu);
		}
		skip_break = false;
		cpu->budget = (int64_t)(bus->deadline - bus->now);
		cpu->in_chain = true;
		execute(cpu);
		bus->now = bus->deadline - (uint64_t)cpu->budget;
		cpu->in_chain = false;
	}
}

/* A run does not stop at a breakpoint on its first instruction: that is
 * how `continue` leaves one. */
enum stop cpu_run(struct cpu *cpu)
{
	cpu->halted = false;
	cpu->stop = STOP_NONE;
	attention(cpu);
	int vec = setjmp(cpu->abort);
	if (vec != 0) {
		/* An instruction was aborted: it counts as executed. */
		bus_sync(cpu);
		cpu->in_chain = false;
		cpu->bus->now++;
		cpu->trace_armed = false;
		cpu->psw_cc_pending = false;
		trap(cpu, vec);
		if (vec == VEC_MMU)
			cpu->stack_trap = false;	/* an abort's trap drops a yellow zone trap */
		attention(cpu);
	}
	return run_loop(cpu, vec == 0);
}

enum stop cpu_step(struct cpu *cpu)
{
	struct unibus *bus = cpu->bus;
	uint64_t end = bus->slice_end;
	bool hooks = cpu->hooks;
	uint8_t *bm = cpu->breakmap;
	/* one instruction: the slice ends one tick from now */
	bus->slice_end = bus->now + 1;
	cpu->breakmap = NULL;
	enum stop s = cpu_run(cpu);
	cpu->breakmap = bm;
	cpu->hooks = hooks;
	bus->slice_end = end;
	return s;
}

/* ---------------------------------------------------------- set-up, misc */

void cpu_init(struct cpu *cpu, struct unibus *bus)
{
	memset(cpu, 0, sizeof *cpu);
	cpu->bus = bus;
	cpu->mem = bus->mem;
	cpu_set_slr(cpu, 0);
	mmu_refresh(cpu);
	build_dispatch();
}

void cpu_reset(struct cpu *cpu)
{
	cpu_set_psw(cpu, 0);
	cpu->sr0 = 0;
	mmu_refresh(cpu);
	cpu_set_slr(cpu, 0);
	cpu->halted = false;
	cpu->waiting = false;
	cpu->trace_armed = false;
	cpu->stack_trap = false;
	cpu->psw_cc_pending = false;
	cpu->stop = STOP_NONE;
}

void cpu_update_hooks(struct cpu *cpu)
{
	cpu->hooks = cpu->breakmap || cpu->watchmap || cpu->hist;
	mmu_refresh(cpu);	/* watchpoints decide which writes are fast */
	attention(cpu);
}

void cpu_set_history(struct cpu *cpu, uint32_t n)
{
	free(cpu->hist);
	cpu->hist = NULL;
	cpu->hist_size = cpu->hist_next = 0;
	cpu->hist_count = 0;
	if (n > HISTORY_MAX)
		n = HISTORY_MAX;
	if (n) {
		cpu->hist = calloc(n, sizeof *cpu->hist);
		if (cpu->hist)
			cpu->hist_size = n;
	}
	cpu_update_hooks(cpu);
}
