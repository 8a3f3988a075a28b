/* The CPU's state for snapshots and checkpoints (devices/state.h): the
 * registers of both modes, the PSW, the KT11-D registers and the
 * instruction in progress, by field list. The page tables and the fetch
 * window are derived and rebuilt; the debugging hooks are the debugger's
 * and stay as they are. */
#include "cpu.h"
#include "bus/state.h"

static const struct state_field cpu_fields[] = {
	STATE_ARRAY(struct cpu, r, uint16_t), STATE_ARRAY(struct cpu, sp, uint16_t),
	STATE_FIELD(struct cpu, psw_hi), STATE_FIELD(struct cpu, nz),
	STATE_FLAG(struct cpu, v), STATE_FLAG(struct cpu, c),
	STATE_ARRAY(struct cpu, par, uint16_t), STATE_ARRAY(struct cpu, pdr, uint16_t),
	STATE_FIELD(struct cpu, sr0), STATE_FIELD(struct cpu, sr2),
	STATE_FIELD(struct cpu, pc_start), STATE_FLAG(struct cpu, trace_armed),
};
/* Between the two lists a byte that is always 0 (a flag the CPU no longer
 * has), so that snapshots keep their layout. */
static const struct state_field cpu_fields_after[] = {
	STATE_FLAG(struct cpu, stack_trap),
	STATE_FLAG(struct cpu, halted), STATE_FLAG(struct cpu, waiting),
	STATE_FIELD(struct cpu, idle),
};

void cpu_save(const struct cpu *cpu, struct state *st)
{
	state_put_fields(st, cpu, cpu_fields, sizeof cpu_fields / sizeof cpu_fields[0]);
	state_put_u8(st, 0);
	state_put_fields(st, cpu, cpu_fields_after, sizeof cpu_fields_after / sizeof cpu_fields_after[0]);
}

void cpu_load(struct cpu *cpu, struct state *st)
{
	state_get_fields(st, cpu, cpu_fields, sizeof cpu_fields / sizeof cpu_fields[0]);
	state_get_bool(st);
	state_get_fields(st, cpu, cpu_fields_after, sizeof cpu_fields_after / sizeof cpu_fields_after[0]);
	cpu->psw_hi &= (uint16_t)~017;
	cpu->stop = STOP_NONE;
	mmu_refresh(cpu);	/* page tables, the current mode's copy, the fetch window */
}
