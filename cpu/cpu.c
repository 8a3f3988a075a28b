/* KD11-A instruction execution: fetch, operand addressing, the
 * instructions, traps and interrupts. Rules cited are from the PDP-11/40
 * Processor Handbook (1972) unless said otherwise. */
#include "cpu.h"

#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "mmu.h"
#include "opcodes.h"

/* The operand and memory helpers below are small and called from every
 * handler: inlining them is most of the interpreter's speed. */
#define ALWAYS_INLINE __attribute__((always_inline))
/* The fast path of an access or a fetch is the one laid out straight. */
#define likely(x) __builtin_expect(!!(x), 1)

/* The fast paths read guest bytes at their host addresses, as the
 * PDP-11 lays them out: low byte first. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "a little-endian host");

enum { WORD = 2, BYTE = 1 };

static _Noreturn void cpu_abort(struct cpu *cpu, int vector)
{
	longjmp(cpu->abort, vector);
}

static void attention(struct cpu *cpu);

/* Kernel stack limit (11/40 handbook, stack overflow; KJ11-A): a write
 * through SP (an operand -(SP), (SP)+, (SP) or X(SP), a push by JSR,
 * MFPI or the trap sequence) to an address in the 32 words below
 * limit+400 is checked: the top 16 (limit+340 to limit+377, the yellow
 * zone) complete and trap to 4 after the instruction; below them (the
 * red zone) the access aborts and the fatal stack error follows. The
 * limit is 0 without the KJ11-A. User stacks are not checked. The fast
 * paths test addr < stack_top only. */
static __attribute__((noinline, cold)) void stack_ref(struct cpu *cpu, uint16_t addr, int mode)
{
	if (mode != MODE_KERNEL)
		return;
	if ((addr & 0177400) < cpu->slr || (addr & 0340) != 0340)
		cpu_abort(cpu, VEC_STACK_RED);
	cpu->stack_trap = true;
	attention(cpu);
}

static inline ALWAYS_INLINE void stack_check(struct cpu *cpu, uint16_t addr, int mode)
{
	if (addr < cpu->stack_top)
		stack_ref(cpu, addr, mode);
}

/* Bus time inside a chain of instructions: bring bus->now up to date
 * before the bus may see it (bus_sync), and count down to a deadline the
 * bus moved (bus_resync). Every change of the deadline within a chain
 * comes through the bus, between the two, so the chain always ends at
 * bus->deadline. Outside a chain the bus's own count is the truth. */
static inline void bus_sync(struct cpu *cpu)
{
	if (cpu->in_chain)
		cpu->bus->now = cpu->bus->deadline - (uint64_t)cpu->budget;
}

static inline void bus_resync(struct cpu *cpu)
{
	if (cpu->in_chain)
		cpu->budget = (int64_t)(cpu->bus->deadline - cpu->bus->now);
}

/* Anything that needs the loop sooner than the deadline (an interrupt a
 * lower priority lets in, a trap to take, a stop) ends the chain after
 * this instruction. */
static void attention(struct cpu *cpu)
{
	bus_sync(cpu);
	cpu->bus->deadline = cpu->bus->now;
	bus_resync(cpu);
}

/* ---------------------------------------------------------------- memory */

/* Translation that the page table cannot answer: an abort, the first
 * write to a page (which sets its W bit), or an address outside memory. */
static uint32_t map_slow(struct cpu *cpu, uint16_t va, int mode, bool write)
{
	if (!(cpu->sr0 & SR0_ENABLE) && !((cpu->sr0 & SR0_MAINT) && mmu_maint_relocates(cpu)))
		return va >= 0160000 ? (uint32_t)va + (IOPAGE - 0160000) : va;
	uint16_t why = 0, w = cpu->pdr[mmu_space(mode)][va >> 13] & PDR_W;
	uint32_t pa = mmu_relocate(cpu, va, mode, write, &why);
	if (!why) {
		if (write && !w)	/* W is new: writes to this page can be fast now */
			mmu_refresh_page(cpu, mmu_space(mode), va >> 13);
		return pa;
	}
	/* SR0 and SR2 freeze at the first abort until software clears the
	 * abort bits. */
	if (!(cpu->sr0 & SR0_ABORT)) {
		cpu->sr0 = (cpu->sr0 & ~(SR0_ABORT | 0156)) | why |
			   (uint16_t)(mode << 5) | (uint16_t)((va >> 13) << 1);
		cpu->sr2 = cpu->pc_start;
	}
	cpu_abort(cpu, VEC_MMU);
}

static void watch(struct cpu *cpu, uint16_t va)
{
	if (cpu->watchmap && (cpu->watchmap[va] || cpu->watchmap[va & ~1])) {
		cpu->watch_addr = va;
		cpu->stop = STOP_WATCH;
		attention(cpu);
	}
}

/* Accesses name the page table of the mode they use: cpu->cur for the
 * current mode, cpu->page[m] for another; the slow path recovers m. */
static int mode_of(const struct cpu *cpu, const struct mmu_page *tbl)
{
	return tbl == cpu->cur ? cpu_mode(cpu) : (int)((tbl - &cpu->page[0][0]) / 8);
}

/* The slow paths of the four accesses: odd addresses, aborts, the I/O
 * page, absent memory. Out of line and cold, so that the handlers keep
 * only their fast paths in line. */
#define SLOW_PATH __attribute__((noinline, cold))

static SLOW_PATH uint16_t read_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	int mode = mode_of(cpu, tbl);
	uint16_t v;
	if (va & 1)
		cpu_abort(cpu, VEC_BUS);
	uint32_t pa = map_slow(cpu, va, mode, false);
	bus_sync(cpu);
	int rc = bus_read(cpu->bus, pa, &v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	return v;
}

static SLOW_PATH uint8_t read_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	int mode = mode_of(cpu, tbl);
	uint8_t v;
	uint32_t pa = map_slow(cpu, va, mode, false);
	bus_sync(cpu);
	int rc = bus_read_byte(cpu->bus, pa, &v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	return v;
}

static SLOW_PATH void write_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v)
{
	int mode = mode_of(cpu, tbl);
	if (va & 1)
		cpu_abort(cpu, VEC_BUS);
	uint32_t pa = map_slow(cpu, va, mode, true);
	bus_sync(cpu);
	int rc = bus_write(cpu->bus, pa, v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	watch(cpu, va);
}

static SLOW_PATH void write_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v)
{
	int mode = mode_of(cpu, tbl);
	uint32_t pa = map_slow(cpu, va, mode, true);
	bus_sync(cpu);
	int rc = bus_write_byte(cpu->bus, pa, v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	watch(cpu, va);
}

/* The fast paths: one range test against the mode's page table (mmu.c
 * folds access rights, page length and "in memory" into rspan/wspan). */

/* va lies in the part of a page (or window) from lo that reaches span
 * bytes further; a span of -1 holds nothing. */
static inline ALWAYS_INLINE bool in_span(uint16_t va, uint16_t lo, int32_t span)
{
	return (int32_t)(uint16_t)(va - lo) <= span;
}

/* The entry for va: (va >> 13) entries in, as one shift and one mask. */
_Static_assert(sizeof(struct mmu_page) == 16, "page_for scales by 16");
static inline ALWAYS_INLINE const struct mmu_page *page_for(const struct mmu_page *tbl, uint16_t va)
{
	return (const struct mmu_page *)((const char *)tbl + ((unsigned)va >> 9 & 0160));
}

static inline ALWAYS_INLINE uint16_t read_w(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(!(va & 1) && in_span(va, p->lo, p->rspan)))
		return *(const uint16_t *)(p->host + va);
	return read_w_slow(cpu, va, tbl);
}

static inline ALWAYS_INLINE uint8_t read_b(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_span(va, p->lo, p->rspan)))
		return *(const uint8_t *)(p->host + va);
	return read_b_slow(cpu, va, tbl);
}

static inline ALWAYS_INLINE void write_w(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(!(va & 1) && in_span(va, p->lo, p->wspan)))
		*(uint16_t *)(p->host + va) = v;
	else
		write_w_slow(cpu, va, tbl, v);
}

static inline ALWAYS_INLINE void write_b(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_span(va, p->lo, p->wspan)))
		*(uint8_t *)(p->host + va) = v;
	else
		write_b_slow(cpu, va, tbl, v);
}

static inline ALWAYS_INLINE bool in_fetch_page(const struct cpu *cpu, uint16_t pc)
{
	return !(pc & 1) && in_span(pc, cpu->fetch_lo, cpu->fetch_span);
}

/* The word at PC, from the fetch window, and PC past it. */
static inline ALWAYS_INLINE uint16_t window_word(struct cpu *cpu, uint16_t pc)
{
	cpu->r[PC] = pc + 2;
	return *(const uint16_t *)(cpu->fetch_host + pc);
}

/* A fetch outside the fetch window: make the window the PC's page, if it
 * can be read fast, and the pages around it that continue it in memory
 * (the same host base, no gap): V6 maps a process's pages, and the
 * kernel's, contiguously, so that one window holds all of its text and
 * calls between pages stay fast. Then read through the MMU. */
static SLOW_PATH uint16_t fetch_slow(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	const struct mmu_page *t = cpu->cur;
	int page = pc >> 13;
	if (!(pc & 1) && in_span(pc, t[page].lo, t[page].rspan)) {
		uintptr_t host = t[page].host;
		uint32_t lo = t[page].lo, hi = lo + (uint32_t)t[page].rspan;	/* inclusive */
		for (int q = page - 1; q >= 0 && t[q].host == host && t[q].rspan >= 0 &&
		     t[q].lo + (uint32_t)t[q].rspan + 1 == lo; q--)
			lo = t[q].lo;
		for (int q = page + 1; q < 8 && t[q].host == host && t[q].rspan >= 0 &&
		     t[q].lo == hi + 1; q++)
			hi = t[q].lo + (uint32_t)t[q].rspan;
		cpu->fetch_host = host;
		cpu->fetch_lo = (uint16_t)lo;
		/* an instruction in the window has its two following words in it */
		cpu->fetch_span = (int32_t)(hi - lo) - 5;
	}
	uint16_t w = read_w(cpu, pc, cpu->cur);
	cpu->r[PC] = pc + 2;
	return w;
}

static inline ALWAYS_INLINE uint16_t  fetch(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	if (!likely(in_fetch_page(cpu, pc)))
		return fetch_slow(cpu);
	return window_word(cpu, pc);
}

/* An instruction's push (JSR, MFPI) is checked against the stack limit
 * before it writes. */
static inline ALWAYS_INLINE void push(struct cpu *cpu, uint16_t v)
{
	cpu->r[SP] -= 2;
	stack_check(cpu, cpu->r[SP], cpu_mode(cpu));
	write_w(cpu, cpu->r[SP], cpu->cur, v);
}

/* SP moves before the read, as (SP)+ does: a pop that aborts leaves SP
 * incremented. */
static inline ALWAYS_INLINE uint16_t pop(struct cpu *cpu)
{
	uint16_t a = cpu->r[SP];
	cpu->r[SP] = a + 2;
	return read_w(cpu, a, cpu->cur);
}

/* ------------------------------------------------------- operand address */

/* An operand is a register (reg >= 0) or a virtual address in the
 * current mode; `word` says the address is one of the instruction's own
 * words inside the fetch window (an immediate), which reads straight. */
struct opnd {
	int reg;
	uint16_t va;
	bool word;
};

/* An instruction's index or address word. `windowed`: the instruction
 * came from the fetch window with both its following words inside it
 * (execute() makes sure of that for the mode-specialised handlers), so
 * the word is read straight from memory; the generic handlers, which
 * execute_slow runs, fetch it through the MMU. */
static inline ALWAYS_INLINE uint16_t ext_word(struct cpu *cpu, bool windowed)
{
	return windowed ? window_word(cpu, cpu->r[PC]) : fetch(cpu);
}

/* Register side effects happen as the address is computed, before the
 * access: an aborted access leaves them applied, as on the 11/40, and
 * V6's backup routine in m40.s undoes them. (PC)+ and @(PC)+, the
 * immediate and the absolute address, are words of the instruction. */
static inline ALWAYS_INLINE struct opnd  ea_m(struct cpu *cpu, int mode, int r, int size, bool windowed,
					     bool wr)
{
	uint16_t step = (size == BYTE && r < SP) ? 1 : 2;
	uint16_t a;

	switch (mode) {
	case 0:
		return (struct opnd){ .reg = r };
	case 1:
		if (wr && r == SP)
			stack_check(cpu, cpu->r[SP], cpu_mode(cpu));
		return (struct opnd){ .reg = -1, .va = cpu->r[r] };
	case 2:
		a = cpu->r[r];
		cpu->r[r] += step;
		if (wr && r == SP)
			stack_check(cpu, a, cpu_mode(cpu));
		return (struct opnd){ .reg = -1, .va = a, .word = windowed && r == PC };
	case 3:
		if (windowed && r == PC)
			return (struct opnd){ .reg = -1, .va = ext_word(cpu, true) };
		a = cpu->r[r];
		cpu->r[r] += 2;
		return (struct opnd){ .reg = -1, .va = read_w(cpu, a, cpu->cur) };
	case 4:
		cpu->r[r] -= step;
		if (wr && r == SP)
			stack_check(cpu, cpu->r[SP], cpu_mode(cpu));
		return (struct opnd){ .reg = -1, .va = cpu->r[r] };
	case 5:
		cpu->r[r] -= 2;
		return (struct opnd){ .reg = -1, .va = read_w(cpu, cpu->r[r], cpu->cur) };
	case 6:
		a = (uint16_t)(ext_word(cpu, windowed) + cpu->r[r]);
		if (wr && r == SP)
			stack_check(cpu, a, cpu_mode(cpu));
		return (struct opnd){ .reg = -1, .va = a };
	default:
		a = ext_word(cpu, windowed);
		return (struct opnd){ .reg = -1, .va = read_w(cpu, (uint16_t)(a + cpu->r[r]), cpu->cur) };
	}
}

/* A handler specialised for an addressing mode passes it as a constant
 * (0-7); -1 takes it from the instruction. */
static inline ALWAYS_INLINE int  mode_or(int m, int spec)
{
	return m >= 0 ? m : spec >> 3;
}

static inline ALWAYS_INLINE uint16_t  load_w(struct cpu *cpu, struct opnd o)
{
	if (o.reg >= 0)
		return cpu->r[o.reg];
	if (o.word)
		return *(const uint16_t *)(cpu->fetch_host + o.va);
	return read_w(cpu, o.va, cpu->cur);
}

static inline ALWAYS_INLINE uint8_t  load_b(struct cpu *cpu, struct opnd o)
{
	if (o.reg >= 0)
		return (uint8_t)cpu->r[o.reg];
	if (o.word)
		return *(const uint8_t *)(cpu->fetch_host + o.va);
	return read_b(cpu, o.va, cpu->cur);
}

static inline ALWAYS_INLINE void  store_w(struct cpu *cpu, struct opnd o, uint16_t v)
{
	if (o.reg >= 0)
		cpu->r[o.reg] = v;
	else
		write_w(cpu, o.va, cpu->cur, v);
}

/* A byte to a register replaces its low byte (MOVB sign-extends itself). */
static inline ALWAYS_INLINE void  store_b(struct cpu *cpu, struct opnd o, uint8_t v)
{
	if (o.reg >= 0)
		cpu->r[o.reg] = (cpu->r[o.reg] & 0177400) | v;
	else
		write_b(cpu, o.va, cpu->cur, v);
}

/* wr: the operand is written (the stack limit checks it). */
static inline ALWAYS_INLINE struct opnd  dst_w_m(struct cpu *cpu, unsigned ir, int dm, bool wr)
{
	int dd = ir & 077;
	return ea_m(cpu, mode_or(dm, dd), dd & 7, WORD, dm >= 0, wr);
}

static inline ALWAYS_INLINE struct opnd  dst_w(struct cpu *cpu, unsigned ir, bool wr) { return dst_w_m(cpu, ir, -1, wr); }

/* Both operands of a double-operand instruction. A register source is
 * read after the destination's address is computed: on the 11/40
 * `MOV R0,(R0)+` stores the incremented R0 and `MOV PC,@#A` stores the
 * address of the MOV plus 4 (family differences table). */
static inline ALWAYS_INLINE struct opnd  operands_m(struct cpu *cpu, unsigned ir, int size, uint16_t *src,
						     int sm, int dm, bool wr)
{
	int ss = (ir >> 6) & 077, dd = ir & 077;
	bool windowed = sm >= 0;	/* specialised: both modes given */
	sm = mode_or(sm, ss);
	dm = mode_or(dm, dd);
	if (sm == 0) {
		struct opnd d = ea_m(cpu, dm, dd & 7, size, windowed, wr);
		*src = size == BYTE ? (uint8_t)cpu->r[ss & 7] : cpu->r[ss & 7];
		return d;
	}
	struct opnd o = ea_m(cpu, sm, ss & 7, size, windowed, false);
	*src = size == BYTE ? load_b(cpu, o) : load_w(cpu, o);
	return ea_m(cpu, dm, dd & 7, size, windowed, wr);
}

/* ------------------------------------------------------ condition codes */

/* Condition codes are set after the result is stored: an instruction
 * whose destination write aborts (an MMU abort, a bus error) leaves them
 * as they were (KT11-D, aborts; the KD11-A sets them in the write
 * cycle). An instruction whose destination is the PSW leaves what it
 * wrote: psw_write keeps those codes, and boundary() puts them back over
 * the instruction's own. Most instructions take N and Z from their
 * result (set_nz); cc() sets any four. See struct cpu for the
 * representation. */
static inline ALWAYS_INLINE int32_t  nz_of(bool n, bool z)
{
	/* no host branch on the data: N in the high half, not-Z in bit 0 */
	return (int32_t)((0u - (unsigned)n) << 16 | (unsigned)!z);
}

static inline ALWAYS_INLINE void  set_nz(struct cpu *cpu, uint16_t r, bool byte)
{
	cpu->nz = byte ? (int8_t)r : (int16_t)r;
}

static inline ALWAYS_INLINE void  cc(struct cpu *cpu, bool n, bool z, bool v, bool c)
{
	cpu->nz = nz_of(n, z);
	cpu->v = v;
	cpu->c = c;
}

/* The condition codes from the low four bits of a PSW. */
static void set_cc(struct cpu *cpu, uint16_t psw)
{
	cc(cpu, psw & PSW_N, psw & PSW_Z, psw & PSW_V, psw & PSW_C);
}

static inline ALWAYS_INLINE bool  flag_n(const struct cpu *cpu) { return cpu->nz < 0; }
static inline ALWAYS_INLINE bool  flag_z(const struct cpu *cpu) { return (uint16_t)cpu->nz == 0; }

/* ------------------------------------------------------------ mode switch */

void cpu_set_psw(struct cpu *cpu, uint16_t psw)
{
	int old = cpu_mode(cpu), new = psw >> 14;
	if (old != new) {
		cpu->sp[old] = cpu->r[SP];
		cpu->r[SP] = cpu->sp[new];
		cpu->fetch_span = -1;
	}
	/* bits 11-8 do not exist on the 11/40 (no register sets): read as 0 */
	cpu->psw_hi = psw & 0170360;
	set_cc(cpu, psw);
	if (old != new)
		memcpy(cpu->cur, cpu->page[new], sizeof cpu->cur);
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
static void trap(struct cpu *cpu, int first)
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

/* ---------------------------------------------------------- instructions */

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

/* One body for the word and byte forms: `top` is the sign bit and `all`
 * the mask of the operand size. */

struct sized {
	struct opnd o;
	uint16_t top, all;
	bool byte;
};

static inline ALWAYS_INLINE struct sized  sized(struct opnd o, bool byte)
{
	return (struct sized){
		.o = o,
		.top = byte ? 0200 : 0100000,
		.all = byte ? 0377 : 0177777,
		.byte = byte,
	};
}

static inline ALWAYS_INLINE uint16_t  sload(struct cpu *cpu, struct sized s)
{
	return s.byte ? load_b(cpu, s.o) : load_w(cpu, s.o);
}

static inline ALWAYS_INLINE void  sstore(struct cpu *cpu, struct sized s, uint16_t v)
{
	if (s.byte)
		store_b(cpu, s.o, (uint8_t)v);
	else
		store_w(cpu, s.o, v);
}

/* Double operand: the source value and the destination operand. */
static inline ALWAYS_INLINE struct sized  dual_m(struct cpu *cpu, unsigned ir, bool byte, uint16_t *src, int sm, int dm,
					       bool wr)
{
	return sized(operands_m(cpu, ir, byte ? BYTE : WORD, src, sm, dm, wr), byte);
}

static inline ALWAYS_INLINE void do_mov(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	if (byte && d.o.reg >= 0)
		cpu->r[d.o.reg] = (uint16_t)(int16_t)(int8_t)s;	/* MOVB to R sign-extends */
	else
		sstore(cpu, d, s);
	set_nz(cpu, s, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_cmp(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, false);
	uint16_t v = sload(cpu, d), r = (s - v) & d.all;
	set_nz(cpu, r, byte);
	cpu->v = (((s ^ v) & (s ^ r)) & d.top) != 0;
	cpu->c = s < v;
}

static inline ALWAYS_INLINE void do_bit(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, false);
	uint16_t r = sload(cpu, d) & s;
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_bic(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	uint16_t r = sload(cpu, d) & ~s & d.all;
	sstore(cpu, d, r);
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

static inline ALWAYS_INLINE void do_bis(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	struct sized d = dual_m(cpu, ir, byte, &s, sm, dm, true);
	uint16_t r = sload(cpu, d) | s;
	sstore(cpu, d, r);
	set_nz(cpu, r, byte);
	cpu->v = 0;
}

void op_mov(struct cpu *cpu, unsigned ir) { do_mov(cpu, ir, false, -1, -1); }
void op_cmp(struct cpu *cpu, unsigned ir) { do_cmp(cpu, ir, false, -1, -1); }
void op_bit(struct cpu *cpu, unsigned ir) { do_bit(cpu, ir, false, -1, -1); }
void op_bic(struct cpu *cpu, unsigned ir) { do_bic(cpu, ir, false, -1, -1); }
void op_bis(struct cpu *cpu, unsigned ir) { do_bis(cpu, ir, false, -1, -1); }
void op_movb(struct cpu *cpu, unsigned ir) { do_mov(cpu, ir, true, -1, -1); }
void op_cmpb(struct cpu *cpu, unsigned ir) { do_cmp(cpu, ir, true, -1, -1); }
void op_bitb(struct cpu *cpu, unsigned ir) { do_bit(cpu, ir, true, -1, -1); }
void op_bicb(struct cpu *cpu, unsigned ir) { do_bic(cpu, ir, true, -1, -1); }
void op_bisb(struct cpu *cpu, unsigned ir) { do_bis(cpu, ir, true, -1, -1); }

/* ADD and SUB have no byte forms. */

static inline ALWAYS_INLINE void do_add(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	(void)byte;
	struct opnd o = operands_m(cpu, ir, WORD, &s, sm, dm, true);
	uint16_t d = load_w(cpu, o), r = s + d;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = ((~(s ^ d) & (s ^ r)) & 0100000) != 0;
	cpu->c = (uint32_t)s + d > 0177777;
}

void op_add(struct cpu *cpu, unsigned ir) { do_add(cpu, ir, false, -1, -1); }

static inline ALWAYS_INLINE void do_sub(struct cpu *cpu, unsigned ir, bool byte, int sm, int dm)
{
	uint16_t s;
	(void)byte;
	struct opnd o = operands_m(cpu, ir, WORD, &s, sm, dm, true);
	uint16_t d = load_w(cpu, o), r = d - s;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = (((s ^ d) & (d ^ r)) & 0100000) != 0;
	cpu->c = d < s;
}

void op_sub(struct cpu *cpu, unsigned ir) { do_sub(cpu, ir, false, -1, -1); }

/* Single operand. */

static inline ALWAYS_INLINE struct sized  single_m(struct cpu *cpu, unsigned ir, bool byte, int dm, bool wr)
{
	int dd = ir & 077;
	return sized(ea_m(cpu, mode_or(dm, dd), dd & 7, byte ? BYTE : WORD, dm >= 0, wr), byte);
}

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

void op_xor(struct cpu *cpu, unsigned ir)
{
	struct opnd o = dst_w(cpu, ir, true);
	uint16_t s = cpu->r[(ir >> 6) & 7];
	uint16_t r = load_w(cpu, o) ^ s;
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

/* EIS (KE11-E). */

void op_mul(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int32_t a = (int16_t)cpu->r[r], b = (int16_t)load_w(cpu, dst_w(cpu, ir, false));
	int32_t p = a * b;
	cpu->r[r] = (uint16_t)((uint32_t)p >> 16);
	cpu->r[r | 1] = (uint16_t)p;
	cc(cpu, p < 0, p == 0, false, p < -0100000 || p > 077777);
}

void op_div(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int32_t divisor = (int16_t)load_w(cpu, dst_w(cpu, ir, false));
	int32_t dividend = (int32_t)(((uint32_t)cpu->r[r] << 16) | cpu->r[r | 1]);
	if (divisor == 0) {
		cc(cpu, false, true, true, true);
		return;
	}
	/* 0x80000000 / -1 overflows in C: the hardware just says V. */
	if (dividend == INT32_MIN && divisor == -1) {
		cc(cpu, false, false, true, false);
		return;
	}
	int32_t q = dividend / divisor, rem = dividend % divisor;
	if (q < -0100000 || q > 077777) {
		cc(cpu, false, false, true, false);
		return;
	}
	cpu->r[r] = (uint16_t)q;
	cpu->r[r | 1] = (uint16_t)rem;
	cc(cpu, q < 0, q == 0, false, false);
}

/* Shift counts are the low six bits of the source, signed: -32..+31. */
static int shift_count(uint16_t s)
{
	int n = s & 077;
	return n & 040 ? n - 0100 : n;
}

void op_ash(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int n = shift_count(load_w(cpu, dst_w(cpu, ir, false)));
	int16_t d = (int16_t)cpu->r[r];
	int32_t v = d;
	bool c = false;
	if (n > 0) {
		for (int i = 0; i < n; i++) {
			c = (v >> 15) & 1;
			v = (int16_t)((uint32_t)v << 1);
		}
	} else if (n < 0) {
		for (int i = 0; i < -n; i++) {
			c = v & 1;
			v >>= 1;
		}
	}
	uint16_t res = (uint16_t)v;
	/* V: the sign changed at any step of a left shift. */
	bool ovf = false;
	if (n > 0) {
		int32_t t = d;
		for (int i = 0; i < n; i++) {
			int32_t u = (int16_t)((uint32_t)t << 1);
			if ((u ^ t) & 0100000)
				ovf = true;
			t = u;
		}
	}
	cpu->r[r] = res;
	set_nz(cpu, res, false);
	cpu->v = ovf;
	cpu->c = c;
}

void op_ashc(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int n = shift_count(load_w(cpu, dst_w(cpu, ir, false)));
	uint32_t v = ((uint32_t)cpu->r[r] << 16) | cpu->r[r | 1];
	bool c = false, ovf = false;
	if (n > 0) {
		for (int i = 0; i < n; i++) {
			c = v >> 31;
			uint32_t u = v << 1;
			if ((u ^ v) & 0x80000000u)
				ovf = true;
			v = u;
		}
	} else if (n < 0) {
		for (int i = 0; i < -n; i++) {
			c = v & 1;
			v = (uint32_t)((int32_t)v >> 1);
		}
	}
	/* With an odd register only the low word is stored, as the handbook
	 * describes for ASHC with R odd. */
	cpu->r[r] = (uint16_t)(v >> 16);
	cpu->r[r | 1] = (uint16_t)v;
	cc(cpu, v & 0x80000000u, v == 0, ovf, c);
}

/* ------------------------------------------------------------- main loop */

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

/* Between instructions: traps left by the last instruction, events,
 * stops, interrupts, in the 11/40's order of priority. Returns nonzero
 * when cpu_run should return. */
static enum stop boundary(struct cpu *cpu)
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

/* The 64K dispatch index: instruction word -> handler, filled from the
 * opcode table once at start-up and constant afterwards. */
static thread_fn *dispatch[65536];

/* Threaded dispatch: every dispatch entry runs its instruction and then,
 * while no boundary is due (an event, a slice end, attention()), fetches
 * and dispatches the next one itself. The call is a tail call, so each
 * handler has its own indirect jump, which the host predicts far better
 * than one shared jump. run_loop keeps the deadline within CHAIN_MAX
 * instructions, which bounds the stack where the compiler does not turn
 * the call into a jump (unoptimised builds). */
enum { CHAIN_MAX = 4096 };

/* An instruction outside the fetch window (or at its last two words):
 * the generic handler of its row, which fetches its index and address
 * words through the MMU. */
static thread_fn *row_threaded[256];

static __attribute__((noinline)) void execute_slow(struct cpu *cpu, uint16_t pc)
{
	/* SR2 takes the instruction's address once its fetch has succeeded:
	 * a fetch that aborts leaves the previous instruction's address in
	 * SR2 (KT11-D; the fetch window's fast path cannot abort). */
	cpu->refs = 0;
	uint16_t ir = fetch_slow(cpu);
	cpu->pc_start = pc;
	cpu->ir = ir;
	row_threaded[opcode_row(ir)](cpu, ir);
}

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
	static __attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ op_##name(cpu, ir); next(cpu); }
HANDLERS(THREADED)

static const struct {
	exec_fn *op;
	thread_fn *threaded;
} threaded[] = {
#define THREADED_PAIR(name) { op_##name, t_##name },
	HANDLERS(THREADED_PAIR)
};

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

MODES_SSDD(mov, do_mov, false)
MODES_SSDD(cmp, do_cmp, false)
MODES_SSDD(bit, do_bit, false)
MODES_SSDD(bic, do_bic, false)
MODES_SSDD(bis, do_bis, false)
MODES_SSDD(add, do_add, false)
MODES_SSDD(sub, do_sub, false)
MODES_SSDD(movb, do_mov, true)
MODES_SSDD(cmpb, do_cmp, true)
MODES_SSDD(bitb, do_bit, true)
MODES_SSDD(bicb, do_bic, true)
MODES_SSDD(bisb, do_bis, true)

#define MODE_DD(op, fn, byte, dm) \
	static void op##_##dm(struct cpu *cpu, unsigned ir) { fn(cpu, ir, byte, dm); next(cpu); }
#define MODES_DD(op, fn, byte) \
	MODE_DD(op, fn, byte, 0) MODE_DD(op, fn, byte, 1) MODE_DD(op, fn, byte, 2) \
	MODE_DD(op, fn, byte, 3) MODE_DD(op, fn, byte, 4) MODE_DD(op, fn, byte, 5) \
	MODE_DD(op, fn, byte, 6) MODE_DD(op, fn, byte, 7) \
	thread_fn *const op##_modes[8] = { op##_0, op##_1, op##_2, op##_3, \
		op##_4, op##_5, op##_6, op##_7 };

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
MODES_DD(jmp, do_jmp, false)
MODES_DD(jsr, do_jsr, false)
MODES_DD(mfpi, do_mfpi, false)
MODES_DD(mtpi, do_mtpi, false)

static void build_dispatch(void)
{
	if (dispatch[0])
		return;
	/* row_threaded[opcode_row(w)]: row 0 is the reserved instruction */
	for (int i = 0; i <= opcode_count; i++) {
		exec_fn *h = i > 0 ? opcode_table[i - 1].exec : op_reserved;
		row_threaded[i] = t_reserved;	/* every handler has its pair below */
		for (size_t k = 0; k < sizeof threaded / sizeof threaded[0]; k++)
			if (threaded[k].op == h)
				row_threaded[i] = threaded[k].threaded;
	}
	for (int w = 0; w < 65536; w++) {
		const struct opcode *op = opcode_decode((uint16_t)w);
		if (!op->modes)
			dispatch[w] = row_threaded[opcode_row((uint16_t)w)];
		else if (op->fmt == FMT_SSDD)
			dispatch[w] = op->modes[(w >> 6 & 070) | (w >> 3 & 7)];
		else
			dispatch[w] = op->modes[w >> 3 & 7];
	}
}


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
