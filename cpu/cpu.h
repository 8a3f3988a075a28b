/* KD11-A processor with the KE11-E EIS and the KT11-D memory management,
 * as in the PDP-11/40 Processor Handbook. The CPU sees the world only
 * through the Unibus. */
#ifndef CPU_H
#define CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "bus/unibus.h"

enum {
	/* R6 and R7 */
	SP = 6, PC = 7,

	MODE_KERNEL = 0,
	MODE_USER = 3,

	PSW_C = 01, PSW_V = 02, PSW_Z = 04, PSW_N = 010, PSW_T = 020,
	PSW_PRI = 0340,

	/* trap vectors */
	VEC_BUS = 004, VEC_ILL = 010, VEC_BPT = 014, VEC_IOT = 020,
	VEC_PWR = 024, VEC_EMT = 030, VEC_TRAP = 034, VEC_MMU = 0250,
	VEC_STACK_RED = 1,   /* not a vector: the fatal stack error, which traps to 4 */

	/* CPU registers in the I/O page */
	ADDR_PSW = 0777776,
	ADDR_SR0 = 0777572,
	ADDR_SR2 = 0777576,
	ADDR_SLR = 0777774,   /* KJ11-A stack limit register */
	ADDR_KPDR = 0772300, ADDR_KPAR = 0772340,
	ADDR_UPDR = 0777600, ADDR_UPAR = 0777640,

	/* SR0 bits (KT11-D) */
	SR0_NR = 0100000, SR0_PL = 0040000, SR0_RO = 0020000,
	SR0_ABORT = 0160000, SR0_ENABLE = 1,
	SR0_MAINT = 0400,     /* maintenance: destination references only */

	HISTORY_MAX = 1 << 20,
	CPU_WLOG = 16,         /* writes the reference engine notes per instruction */
};

/* Why cpu_run returned. */
enum stop {
	STOP_NONE = 0,
	STOP_SLICE,        /* reached the end of the slice: events ran, go on */
	STOP_HALT,         /* HALT in kernel mode */
	STOP_WAIT,         /* WAIT with no interrupt pending */
	STOP_BREAK,        /* breakpoint at PC, before executing it */
	STOP_WATCH,        /* watchpoint written */
	STOP_DOUBLE_BUS,   /* trap while pushing a trap frame: halt, as an 11/40 */
	STOP_REQUEST,      /* something outside asked (Ctrl-E, expect matched) */
	STOP_LOCKSTEP,     /* lockstep found the two engines apart (bus/lockstep.c) */
};

struct history {
	uint16_t pc, ir, psw, sp;
	uint16_t src, dst;   /* words after ir, for disassembly */
};

/* What one page of one mode maps to, derived from PAR, PDR, SR0 and the
 * memory size (mmu.c), so that an access that cannot abort and lands in
 * memory costs one range test: the words from lo (even) that can be read
 * (rwords) or written (wwords) fast. 0 words sends every access to the
 * slow path (aborts, the I/O page, the first write that sets the W bit). */
struct mmu_page {
	uintptr_t host;         /* the host address of va 0: bus->mem bytes + physical base */
	uint16_t lo;
	uint16_t rwords, wwords;
};

/* What the slow paths translate of one page of one mode without the full
 * check (mmu.c): the words from lo (even) that a read (rwords) or a write
 * (wwords) reaches with no abort possible, at physical base + va, memory
 * or not. A write needs the page's W bit set already: the first one sets
 * it through the full check. 0 words sends every reference to the full
 * check (maintenance mode, the reference engine). */
struct mmu_lane {
	uint32_t base;          /* physical = (base + va) mod 2^18 */
	uint16_t lo;
	uint16_t rwords, wwords;
	bool relocated;         /* relocation on: SR0's mode and page follow */
	uint16_t sr0_fields;    /* mode << 5 | page << 1: where SR0's go */
};

struct cpu {
	uint16_t r[8];          /* R6 is the stack pointer of the current mode */
	uint16_t sp[4];         /* saved stack pointers, by mode (0 kernel, 3 user) */
	/* The PSW is kept in two parts: psw_hi, all but the condition codes
	 * (bits 15-4: modes, priority, T), and the condition codes apart, so
	 * that an instruction sets N and Z by storing its result: N is nz < 0,
	 * Z is (uint16_t)nz == 0 (a result of either size, sign-extended, or
	 * nz_of() for any N and Z). V and C are 0 or 1. cpu_psw() puts the
	 * PSW together, cpu_set_psw() takes it apart. */
	uint16_t psw_hi;
	int32_t nz;
	uint8_t v, c;
	/* A copy of page[current mode], at a fixed place in the struct so that
	 * an access needs no pointer to it: follows the PSW and the MMU. */
	struct mmu_page cur[8];

	/* KT11-D. [0] kernel, [1] user. */
	uint16_t par[2][8], pdr[2][8];
	uint16_t sr0;
	uint16_t sr2;            /* frozen at an abort; else SR2 reads pc_start (cpu_sr2) */
	struct mmu_page page[4][8];   /* by mode (1 and 2 act as user) and page */
	struct mmu_lane lane[4][8];   /* the slow paths' translation, by mode and page */
	/* Instruction fetch from a window of the current mode's pages around
	 * the PC: an even PC with (pc - fetch_lo) / 2 < fetch_words reads
	 * host memory at fetch_host + pc (fetch_lo is even). fetch_end is
	 * the same bound for an instruction that follows one inside the
	 * window without a change of flow (exec.h, next_seq): its PC is at
	 * or above fetch_lo already, so one compare tells. Emptied
	 * (cpu_drop_fetch_window) whenever the current mode's pages or the
	 * mode change. */
	uintptr_t fetch_host;
	uint16_t fetch_lo;
	uint16_t fetch_words;
	uint16_t fetch_end;

	struct unibus *bus;
	uint16_t *mem;          /* bus->mem, which never moves */
	struct device regdev[5];  /* PSW; SR0-SR2; kernel PDR/PAR; user PDR/PAR; SLR */

	/* state of the instruction in progress */
	uint16_t pc_start;      /* PC of the instruction, for SR2 and history */
	bool trace_armed;       /* T bit was set at the start of the instruction */
	bool stack_trap;        /* yellow-zone stack overflow to take after the instruction */
	bool psw_cc_pending;    /* the instruction wrote the PSW: its codes are psw_cc */
	uint8_t psw_cc;
	/* KT11-D maintenance mode (mmu.c, mmu_maint_relocates): the
	 * instruction word, and how many references it has made (its fetch
	 * is the first; negative in a trap sequence). Kept by the slow paths
	 * only, where maintenance mode sends every access. */
	uint16_t ir;
	int refs;
	/* KJ11-A stack limit option: with kj11 the register at 777774 holds
	 * the limit in bits 15-8; without it the limit is 0. stack_top is
	 * limit + 400, below which kernel stack writes are checked. */
	int irq_seen;           /* the bus request level as the last instruction began */
	bool kj11;
	uint16_t slr;
	uint32_t stack_top;
	jmp_buf abort;          /* bus errors and MMU aborts leave through here */

	/* A chain of instructions (exec.h) counts down `budget`, the
	 * instructions left until bus->deadline; bus->now lags meanwhile (it is
	 * deadline - budget) and is brought up to date before the bus reaches
	 * a device or anything asks for attention. */
	int64_t budget;
	bool in_chain;

	bool halted;
	bool waiting;
	enum stop stop;         /* set by anything that ends cpu_run early */
	uint64_t idle;          /* bus time skipped by WAIT: instructions = now - idle */

	/* Debugging hooks. `hooks` is the summary flag, tested once per
	 * boundary: when true the deadline stays at now, so that the loop sees
	 * every instruction; when false the chain of instructions pays nothing.
	 * Watchpoints make every write slow (mmu.c). Call cpu_update_hooks
	 * after changing any of these. */
	bool hooks;
	uint8_t *breakmap;      /* 64K bytes, nonzero = break before PC (virtual) */
	uint8_t *watchmap;      /* 64K bytes, nonzero = stop after a write here (virtual) */
	uint16_t watch_addr;    /* the watched address that was written */
	struct history *hist;
	uint32_t hist_size, hist_next;
	uint64_t hist_count;

	/* The reference engine: every instruction through its row's generic
	 * handler, every fetch and access through the KT11-D's slow path
	 * (mmu.c gives it no fast page, so the fetch window stays empty).
	 * Any faster engine must fall back to this path when it is set. It
	 * notes the physical addresses it writes, wlog[0..wlog_n), for
	 * lockstep to compare (wlog_n past CPU_WLOG: more than it kept).
	 * Call mmu_refresh after changing it. */
	bool reference;
	uint8_t wlog_n;
	uint32_t wlog[CPU_WLOG];
};

void cpu_init(struct cpu *cpu, struct unibus *bus);
/* Console start: registers kept, PSW 0, MMU off, devices reset. */
void cpu_reset(struct cpu *cpu);
/* Run until the bus deadline passes slice_end or something stops the CPU. */
enum stop cpu_run(struct cpu *cpu);
/* One instruction (interrupts and traps included, as the console's step). */
enum stop cpu_step(struct cpu *cpu);

/* Put the CPU's own registers on the bus (PSW, SR0, SR2, PAR, PDR), so
 * that programs and the monitor reach them like any device register. */
int cpu_attach(struct cpu *cpu);

/* The stack limit register (bits 15-8 kept). */
void cpu_set_slr(struct cpu *cpu, uint16_t slr);

/* Moving between modes swaps stack pointers. */
void cpu_set_psw(struct cpu *cpu, uint16_t psw);

/* Virtual access through the current mapping, for the monitor: no trap,
 * returns BUS_ERR (with *pa set if translated) when it would abort. */
int cpu_translate(struct cpu *cpu, uint16_t va, int mode, bool write, uint32_t *pa);
int cpu_peek(struct cpu *cpu, uint16_t va, int mode, uint16_t *val);
int cpu_poke(struct cpu *cpu, uint16_t va, int mode, uint16_t val);

/* Recompute page[][] after PAR, PDR or SR0 change. */
void mmu_refresh(struct cpu *cpu);
void mmu_refresh_page(struct cpu *cpu, int space, int page);
/* Recompute cur after the mode, page[] or the stack limit change. */
void mmu_refresh_cur(struct cpu *cpu);

void cpu_set_history(struct cpu *cpu, uint32_t n);

/* Snapshots and checkpoints (cpu_state.c, devices/state.h). */
struct state;
void cpu_save(const struct cpu *cpu, struct state *st);
void cpu_load(struct cpu *cpu, struct state *st);
void cpu_update_hooks(struct cpu *cpu);

static inline uint64_t cpu_instructions(const struct cpu *cpu)
{
	return cpu->bus->now - cpu->idle;
}

/* SR2: the virtual PC of the instruction being executed, frozen by an abort. */
static inline uint16_t cpu_sr2(const struct cpu *cpu)
{
	return (cpu->sr0 & SR0_ABORT) ? cpu->sr2 : cpu->pc_start;
}

static inline uint16_t cpu_psw(const struct cpu *cpu)
{
	return (uint16_t)(cpu->psw_hi | (cpu->nz < 0) << 3 | ((uint16_t)cpu->nz == 0) << 2 |
			  cpu->v << 1 | cpu->c);
}

static inline int cpu_mode(const struct cpu *cpu) { return cpu->psw_hi >> 14; }
static inline int cpu_prev_mode(const struct cpu *cpu) { return (cpu->psw_hi >> 12) & 3; }

/* The fetch window no longer holds (a page or the mode changed): the
 * next fetch makes it anew. */
static inline void cpu_drop_fetch_window(struct cpu *cpu)
{
	cpu->fetch_words = 0;
	cpu->fetch_end = 0;
}

/* The stack pointer of a mode: R6 for the current one, else its saved copy. */
static inline uint16_t *cpu_sp_of(struct cpu *cpu, int mode)
{
	return cpu_mode(cpu) == mode ? &cpu->r[SP] : &cpu->sp[mode];
}

#endif
