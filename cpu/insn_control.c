/* The instructions that change the flow: HALT, WAIT, RESET, the
 * returns from traps, the trap instructions, the condition code
 * operators, JMP, JSR, RTS, MARK, SOB and the branches. Rules cited are
 * from the PDP-11/40 Processor Handbook (1972). */
#include "exec.h"

static void do_reserved(struct cpu *cpu, unsigned ir) { (void)ir; cpu_abort(cpu, VEC_ILL); }

static void do_halt(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	/* HALT in user mode traps to 10 on the 11/40 (4 on the 11/45 and later). */
	if (cpu_mode(cpu) != MODE_KERNEL)
		cpu_abort(cpu, VEC_ILL);
	cpu->halted = true;
	cpu->stop = STOP_HALT;
	attention(cpu);
}

static void do_wait(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	cpu->waiting = true;
	attention(cpu);
}

static void do_reset(struct cpu *cpu, unsigned ir)
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

static void do_rti(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	rti_common(cpu);
	/* RTI that sets T traps right after itself. */
	cpu->trace_armed = (cpu->psw_hi & PSW_T) != 0;
}

static void do_rtt(struct cpu *cpu, unsigned ir)
{
	(void)ir;
	rti_common(cpu);
	/* RTT lets the next instruction run before the trace trap. */
	cpu->trace_armed = false;
}

static void do_bpt(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_BPT); }
static void do_iot(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_IOT); }
static void do_emt(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_EMT); }
static void do_trap(struct cpu *cpu, unsigned ir) { (void)ir; trap(cpu, VEC_TRAP); }

static void do_ccop(struct cpu *cpu, unsigned ir)
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

static inline ALWAYS_INLINE void do_jsr(struct cpu *cpu, unsigned ir, bool byte, int rs, int dm)
{
	(void)byte;
	int r = rs >= 0 ? rs : (int)(ir >> 6 & 7);
	struct opnd o = dst_w_m(cpu, ir, dm, false);
	if (o.reg >= 0)
		cpu_abort(cpu, VEC_BUS);
	push(cpu, cpu->r[r]);
	cpu->r[r] = cpu->r[PC];
	cpu->r[PC] = o.va;
}

static inline ALWAYS_INLINE void do_rts(struct cpu *cpu, unsigned ir, int rs)
{
	int r = rs >= 0 ? rs : (int)(ir & 7);
	cpu->r[PC] = cpu->r[r];
	cpu->r[r] = pop(cpu);
}

static void do_mark(struct cpu *cpu, unsigned ir)
{
	cpu->r[SP] = (uint16_t)(cpu->r[PC] + 2 * (ir & 077));
	cpu->r[PC] = cpu->r[5];
	cpu->r[5] = pop(cpu);
}

/* SOB and the branches say whether they were taken (instances.h, BR). */
static inline ALWAYS_INLINE bool do_sob(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	if (--cpu->r[r] == 0)
		return false;
	cpu->r[PC] -= 2 * (ir & 077);
	return true;
}

static inline ALWAYS_INLINE bool branch(struct cpu *cpu, unsigned ir, bool taken)
{
	if (taken)
		cpu->r[PC] += (uint16_t)(2 * (int8_t)(ir & 0377));
	return taken;
}

static inline ALWAYS_INLINE bool do_br(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, true); }
static inline ALWAYS_INLINE bool do_bne(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !flag_z(cpu)); }
static inline ALWAYS_INLINE bool do_beq(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, flag_z(cpu)); }
static inline ALWAYS_INLINE bool do_bge(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, flag_n(cpu) == cpu->v); }
static inline ALWAYS_INLINE bool do_blt(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, flag_n(cpu) != cpu->v); }
static inline ALWAYS_INLINE bool do_bgt(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !flag_z(cpu) && flag_n(cpu) == cpu->v); }
static inline ALWAYS_INLINE bool do_ble(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, flag_z(cpu) || flag_n(cpu) != cpu->v); }
static inline ALWAYS_INLINE bool do_bpl(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !flag_n(cpu)); }
static inline ALWAYS_INLINE bool do_bmi(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, flag_n(cpu)); }
static inline ALWAYS_INLINE bool do_bhi(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !cpu->c && !flag_z(cpu)); }
static inline ALWAYS_INLINE bool do_blos(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, cpu->c || flag_z(cpu)); }
static inline ALWAYS_INLINE bool do_bvc(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !cpu->v); }
static inline ALWAYS_INLINE bool do_bvs(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, cpu->v); }
static inline ALWAYS_INLINE bool do_bcc(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, !cpu->c); }
static inline ALWAYS_INLINE bool do_bcs(struct cpu *cpu, unsigned ir) { return branch(cpu, ir, cpu->c); }

/* The dispatch entries of this file's instructions (instructions.def). */
/* The end of an instance (instances.h): JMP, JSR and RTS change the
 * flow, so the next instruction's PC is tested in full. */
static inline ALWAYS_INLINE void instance_next(struct cpu *cpu) { next(cpu); }

#define INSN_FILE_control(x) x
#include "instances.h"

/* Every word that no row of the opcode table matches. */
ENTRY_ONE(reserved, reserved, -)
