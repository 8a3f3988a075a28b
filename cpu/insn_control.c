/* The instructions that change the flow: HALT, WAIT, RESET, the
 * returns from traps, the trap instructions, the condition code
 * operators, JMP, JSR, RTS, MARK, SOB and the branches. Rules cited are
 * from the PDP-11/40 Processor Handbook (1972). */
#include "exec.h"

void op_reserved(struct cpu *cpu, unsigned ir) { (void)ir; cpu_abort(cpu, VEC_ILL); }

void op_halt(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	/* HALT in user mode traps to 10 on the 11/40 (4 on the 11/45 and later). */
	if (cpu_mode(cpu) != MODE_KERNEL)
		cpu_abort(cpu, VEC_ILL);
	cpu->halted = true;
	cpu->stop = STOP_HALT;
	attention(cpu);
}

void op_wait(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	cpu->waiting = true;
	attention(cpu);
}

void op_reset(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	/* RESET is a no-op in user mode. */
	if (cpu_mode(cpu) == MODE_KERNEL) {
		bus_sync(cpu);
		bus_reset(cpu->bus);
		bus_resync(cpu);
		cpu->sr0 = 0;	/* INIT clears the KT11-D status register */
		mmu_refresh(cpu);
	}
}

static void rti_common(struct cpu *cpu)
{
	/* PC is loaded before the PSW is popped (an abort there leaves it) */
	cpu->r[PC] = pop(cpu);
	uint16_t psw = pop(cpu);
	/* From user mode RTI cannot raise the mode or the priority: only the
	 * condition codes and T bit come from the stack. */
	if (cpu_mode(cpu) != MODE_KERNEL)
		psw = (cpu_psw(cpu) & 0177740) | (psw & 037);
	cpu_set_psw(cpu, psw);
}

void op_rti(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	rti_common(cpu);
	/* RTI that sets T traps right after itself. */
	cpu->trace_armed = (cpu->psw_hi & PSW_T) != 0;
}

void op_rtt(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	rti_common(cpu);
	/* RTT lets the next instruction run before the trace trap. */
	cpu->trace_armed = false;
}

void op_bpt(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_BPT); }
void op_iot(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_IOT); }
void op_emt(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_EMT); }
void op_trap(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_TRAP); }

void op_ccop(struct cpu *cpu, unsigned ir)
{
	uint16_t bits = ir & 017;
	uint16_t psw = cpu_psw(cpu);
	set_cc(cpu, ir & 020 ? psw | bits : psw & ~bits);
}

static inline ALWAYS_INLINE void do_jmp(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	(void)byte;
	struct opnd o = dst_w_m(cpu, ir, dm, false);
	if (o.reg >= 0)
		cpu_abort(cpu, VEC_BUS);	/* JMP R: illegal, trap to 4 */
	cpu->r[PC] = o.va;
}

void op_jmp(struct cpu *cpu, unsigned ir) { do_jmp(cpu, ir, false, -1); }

static inline ALWAYS_INLINE void do_jsr(struct cpu *cpu, unsigned ir, bool byte, int dm)
{
	(void)byte;
	int r = (ir >> 6) & 7;
	struct opnd o = dst_w_m(cpu, ir, dm, false);
	if (o.reg >= 0)
		cpu_abort(cpu, VEC_BUS);
	push(cpu, cpu->r[r]);
	cpu->r[r] = cpu->r[PC];
	cpu->r[PC] = o.va;
}

void op_jsr(struct cpu *cpu, unsigned ir) { do_jsr(cpu, ir, false, -1); }

void op_rts(struct cpu *cpu, unsigned ir)
{
	int r = ir & 7;
	cpu->r[PC] = cpu->r[r];
	cpu->r[r] = pop(cpu);
}

void op_mark(struct cpu *cpu, unsigned ir)
{
	cpu->r[SP] = (uint16_t)(cpu->r[PC] + 2 * (ir & 077));
	cpu->r[PC] = cpu->r[5];
	cpu->r[5] = pop(cpu);
}

void op_sob(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	if (--cpu->r[r] != 0)
		cpu->r[PC] -= 2 * (ir & 077);
}

static inline ALWAYS_INLINE void branch(struct cpu *cpu, unsigned ir, bool taken)
{
	if (taken)
		cpu->r[PC] += (uint16_t)(2 * (int8_t)(ir & 0377));
}

void op_br(struct cpu *cpu, unsigned ir) { branch(cpu, ir, true); }
void op_bne(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !flag_z(cpu)); }
void op_beq(struct cpu *cpu, unsigned ir) { branch(cpu, ir, flag_z(cpu)); }
void op_bge(struct cpu *cpu, unsigned ir) { branch(cpu, ir, flag_n(cpu) == cpu->v); }
void op_blt(struct cpu *cpu, unsigned ir) { branch(cpu, ir, flag_n(cpu) != cpu->v); }
void op_bgt(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !flag_z(cpu) && flag_n(cpu) == cpu->v); }
void op_ble(struct cpu *cpu, unsigned ir) { branch(cpu, ir, flag_z(cpu) || flag_n(cpu) != cpu->v); }
void op_bpl(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !flag_n(cpu)); }
void op_bmi(struct cpu *cpu, unsigned ir) { branch(cpu, ir, flag_n(cpu)); }
void op_bhi(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !cpu->c && !flag_z(cpu)); }
void op_blos(struct cpu *cpu, unsigned ir) { branch(cpu, ir, cpu->c || flag_z(cpu)); }
void op_bvc(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !cpu->v); }
void op_bvs(struct cpu *cpu, unsigned ir) { branch(cpu, ir, cpu->v); }
void op_bcc(struct cpu *cpu, unsigned ir) { branch(cpu, ir, !cpu->c); }
void op_bcs(struct cpu *cpu, unsigned ir) { branch(cpu, ir, cpu->c); }

THREADED(halt)
THREADED(wait)
THREADED(rti)
THREADED(bpt)
THREADED(iot)
THREADED(reset)
THREADED(rtt)
THREADED(reserved)
THREADED(jmp)
THREADED(rts)
THREADED(ccop)
THREADED(br)
THREADED(bne)
THREADED(beq)
THREADED(bge)
THREADED(blt)
THREADED(bgt)
THREADED(ble)
THREADED(jsr)
THREADED(mark)
THREADED(sob)
THREADED(bpl)
THREADED(bmi)
THREADED(bhi)
THREADED(blos)
THREADED(bvc)
THREADED(bvs)
THREADED(bcc)
THREADED(bcs)
THREADED(emt)
THREADED(trap)

MODES_DD(jmp, do_jmp, false)
MODES_DD(jsr, do_jsr, false)
