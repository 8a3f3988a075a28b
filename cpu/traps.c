/* The PSW, traps and interrupts: the mode switch, the trap sequence, and
 * what happens between instructions (boundary), in the 11/40's order.
 * Rules cited are from the PDP-11/40 Processor Handbook (1972) unless
 * said otherwise. */
#include <string.h>

#include "ccodes.h"
#include "exec.h"

/* ------------------------------------------------------------ mode switch */

void cpu_set_psw(struct cpu *cpu, uint16_t psw)
{
	int old = cpu_mode(cpu), new = psw >> 14;
	if (old != new) {
		cpu->sp[old] = cpu->r[SP];
		cpu->r[SP] = cpu->sp[new];
	}
	/* bits 11-8 do not exist on the 11/40 (no register sets): read as 0 */
	cpu->psw_hi = psw & 0170360;
	set_cc(cpu, psw);
	if (old != new)
		mmu_refresh_cur(cpu);
	/* a lower priority may unmask a waiting interrupt; a T bit arms tracing */
	attention(cpu);
}

/* ------------------------------------------------------------------ traps */

/* The trap sequence (KD11-A flows): the new PSW is read from the vector
 * in kernel space, the old PSW and PC are pushed on the stack of the new
 * PSW's mode, then the new PSW is loaded (previous mode = the mode trapped
 * from) and the new PC read. The pushes come before the mode changes: a
 * push that aborts leaves the old PSW and PC for the trap it causes. */
static void take_trap(struct cpu *cpu, int vector, uint16_t oldpsw, uint16_t oldpc, bool check)
{
	cpu->refs = REFS_TRAP;	/* no destination: maintenance mode relocates none */
	uint16_t psw = read_w(cpu, (uint16_t)(vector + 2), cpu->page[MODE_KERNEL]);
	int mode = psw >> 14;
	uint16_t *sp = mode == cpu_mode(cpu) ? &cpu->r[SP] : &cpu->sp[mode];
	*sp -= 2;
	if (check)
		stack_check(cpu, *sp, mode);
	write_w(cpu, *sp, cpu->page[mode], oldpsw);
	*sp -= 2;
	if (check)
		stack_check(cpu, *sp, mode);
	write_w(cpu, *sp, cpu->page[mode], oldpc);
	cpu_set_psw(cpu, (uint16_t)((psw & ~030000) | (oldpsw >> 14) << 12));
	/* after a trap the trace trap follows the new PSW's T bit: a traced
	 * EMT traps once, its T comes back with the RTI that ends it */
	cpu->trace_armed = (cpu->psw_hi & PSW_T) != 0;
	cpu->r[PC] = read_w(cpu, (uint16_t)vector, cpu->page[MODE_KERNEL]);
	cpu->waiting = false;
}

/* A fault inside a trap sequence is a trap of its own, taken from the
 * state the fault left (an MMU abort while pushing on an unmapped user
 * stack traps to 250). Fatal, as the handbook's stack overflow and
 * double bus error: a kernel stack push in the red zone, or a bus error
 * while trapping for a bus error. Then a new kernel stack at 4 takes the
 * frame at 2 and 0 and the trap goes to 4; if even that faults the
 * processor halts, as it does after a few faults in a row (a real one
 * would loop). */
void trap(struct cpu *cpu, int first)
{
	jmp_buf outer;
	volatile int vector = first;
	memcpy(outer, cpu->abort, sizeof outer);
	for (volatile int tries = 0;; tries++) {
		uint16_t oldpsw = cpu_psw(cpu), oldpc = cpu->r[PC];
		int fault = tries >= 4 ? -1 : setjmp(cpu->abort);
		if (fault == 0 && vector != VEC_STACK_RED) {
			take_trap(cpu, vector, oldpsw, oldpc, true);
			break;
		}
		if (fault == 0 && setjmp(cpu->abort) == 0) {
			cpu_set_psw(cpu, cpu_psw(cpu) & ~0140000);
			cpu->r[SP] = 4;
			take_trap(cpu, VEC_BUS, oldpsw, oldpc, false);
			break;
		}
		if (fault > 0) {
			bool fatal = fault == VEC_STACK_RED || (fault == VEC_BUS && vector == VEC_BUS);
			vector = fatal ? VEC_STACK_RED : fault;
			continue;
		}
		cpu->halted = true;
		cpu->stop = STOP_DOUBLE_BUS;
		attention(cpu);
		break;
	}
	memcpy(cpu->abort, outer, sizeof outer);
}

/* Between instructions: traps left by the last instruction, events,
 * stops, interrupts, in the 11/40's order of priority. Returns nonzero
 * when cpu_run should return. */
enum stop boundary(struct cpu *cpu)
{
	struct unibus *bus = cpu->bus;

	/* the codes an instruction wrote to the PSW win over its own */
	if (cpu->psw_cc_pending) {
		cpu->psw_cc_pending = false;
		set_cc(cpu, cpu->psw_cc);
	}
	/* A HALT (or a watchpoint) stops before the traps the instruction
	 * left: they are taken when the machine continues, as simh does. */
	if (cpu->stop != STOP_NONE)
		return cpu->stop;
	/* The stack overflow trap comes before the trace trap; after it the
	 * trace trap follows the new PSW's T bit. Neither trap's own pushes
	 * into the yellow zone trap again (KD11-A flows). */
	if (cpu->stack_trap) {
		cpu->stack_trap = false;
		trap(cpu, VEC_BUS);
		cpu->stack_trap = false;
	}
	if (cpu->trace_armed) {
		cpu->trace_armed = false;
		trap(cpu, VEC_BPT);
		cpu->stack_trap = false;
	}
	if (bus->now >= bus_next_event(bus))
		bus_run_events(bus);
	if (cpu->stop != STOP_NONE)
		return cpu->stop;

	/* A request is taken after the instruction during which it was
	 * already there (the KD11-A samples the bus requests as an
	 * instruction starts): one raised by an instruction, or by an event
	 * between two, waits for the next instruction to end. A waiting
	 * processor takes it at once. */
	if (bus->irq_level > ((cpu->psw_hi & PSW_PRI) >> 5) &&
	    (cpu->irq_seen > ((cpu->psw_hi & PSW_PRI) >> 5) || cpu->waiting)) {
		int vec = bus_irq_ack(bus, (cpu->psw_hi & PSW_PRI) >> 5);
		if (vec >= 0)
			trap(cpu, vec);
		/* an interrupt whose pushes reach the yellow zone is followed
		 * at once by the overflow trap */
		if (cpu->stack_trap) {
			cpu->stack_trap = false;
			trap(cpu, VEC_BUS);
			cpu->stack_trap = false;
		}
		if (cpu->stop != STOP_NONE)
			return cpu->stop;
	}
	cpu->irq_seen = bus->irq_level;
	if (cpu->waiting)
		return STOP_WAIT;
	bus_update_deadline(bus);
	if (bus->now >= bus->slice_end)
		return STOP_SLICE;
	if (cpu->psw_hi & PSW_T) {
		/* Trace the coming instruction; come back here after it. */
		cpu->trace_armed = true;
		attention(cpu);
	}
	if (bus->irq_level > ((cpu->psw_hi & PSW_PRI) >> 5))
		attention(cpu);
	return STOP_NONE;
}
