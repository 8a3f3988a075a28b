/* The slow paths of the CPU's memory accesses (access.h holds the fast
 * ones): translation the page table cannot answer, odd addresses, the
 * I/O page, watchpoints, the stack limit, and the fetch window's refill.
 * Rules cited are from the PDP-11/40 Processor Handbook (1972). */
#include "access.h"

/* Kernel stack limit (11/40 handbook, stack overflow; KJ11-A): a write
 * through SP (an operand -(SP), (SP)+, (SP) or X(SP), a push by JSR,
 * MFPI or the trap sequence) to an address in the 32 words below
 * limit+400 is checked: the top 16 (limit+340 to limit+377, the yellow
 * zone) complete and trap to 4 after the instruction; below them (the
 * red zone) the access aborts and the fatal stack error follows. The
 * limit is 0 without the KJ11-A. User stacks are not checked. The slow
 * paths check (access.h). */
__attribute__((noinline, cold)) void stack_ref(struct cpu *cpu, uint16_t addr, int mode)
{
	if (mode != MODE_KERNEL)
		return;
	if ((addr & 0177400) < cpu->slr || (addr & 0340) != 0340)
		cpu_abort(cpu, VEC_STACK_RED);
	cpu->stack_trap = true;
	attention(cpu);
}

/* Anything that needs the loop sooner than the deadline (an interrupt a
 * lower priority lets in, a trap to take, a stop) ends the chain after
 * this instruction. */
void attention(struct cpu *cpu)
{
	bus_sync(cpu);
	cpu->bus->deadline = cpu->bus->now;
	bus_resync(cpu);
}

/* ---------------------------------------------------------------- memory */

#ifdef SLOW_THUNK
/* cpu_slow_thunk (access.h): the function in rax called with the
 * arguments in rdi, rsi, rdx, rcx and r8, every register but rax kept. */
__asm__(".text\n\t.p2align 4\n"
	"\t.globl cpu_slow_thunk\n\t.hidden cpu_slow_thunk\n\t.type cpu_slow_thunk, @function\n"
	"cpu_slow_thunk:\n"
	"\tpush %rbp\n\tmov %rsp, %rbp\n"
	"\tpush %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n"
	"\tpush %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n"
	"\tand $-16, %rsp\n"
	"\tcall *%rax\n"
	"\tlea -64(%rbp), %rsp\n"
	"\tpop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n"
	"\tpop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n"
	"\tpop %rbp\n\tret\n"
	"\t.size cpu_slow_thunk, .-cpu_slow_thunk\n");
#endif

/* The full check (mmu.h, mmu_relocate): an abort, the first write to a
 * page (which sets its W bit), maintenance mode, the reference engine. */
static __attribute__((noinline)) uint32_t map_full(struct cpu *cpu, uint16_t va, int mode, bool write)
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

/* Translation that the page table cannot answer: the I/O page, an
 * address outside memory, anything the full check must see. A reference
 * in the page's lane (mmu.c: no abort possible, the W bit already set
 * for a write) does what the full check would do without one: SR0's mode
 * and page follow it while relocation is on. */
_Static_assert(sizeof(struct mmu_lane) == 16, "lanes scale by 16");
static inline ALWAYS_INLINE uint32_t map_slow(struct cpu *cpu, uint16_t va, int mode, bool write)
{
	const struct mmu_lane *l = &cpu->lane[mode][va >> 13];
	if (!in_words_b(va, l->lo, write ? l->wwords : l->rwords))
		return map_full(cpu, va, mode, write);
	if (l->relocated)
		mmu_follow(cpu, l->sr0_fields);
	return (l->base + va) & (PHYS_TOP - 1);
}

static __attribute__((noinline)) void watch_map(struct cpu *cpu, uint16_t va)
{
	if (cpu->watchmap[va] || cpu->watchmap[va & ~1]) {
		cpu->watch_addr = va;
		cpu->stop = STOP_WATCH;
		attention(cpu);
	}
}

static inline void watch(struct cpu *cpu, uint16_t va)
{
	if (cpu->watchmap)
		watch_map(cpu, va);
}

/* The reference engine notes what it writes, for lockstep. */
static void note_write(struct cpu *cpu, uint32_t pa)
{
	if (cpu->wlog_n < CPU_WLOG)
		cpu->wlog[cpu->wlog_n] = pa;
	if (cpu->wlog_n < UINT8_MAX)
		cpu->wlog_n++;
}

/* The CPU's own registers in the I/O page (the PSW, the KT11-D's, the
 * stack limit: the devices whose context is the CPU, mmu.c) are reached
 * without the bus: they keep no bus time (a PSW write that needs the
 * loop asks for attention, which brings the time up to date itself). */
static struct device *own_register(const struct cpu *cpu, uint32_t pa)
{
	if (pa < IOPAGE)
		return NULL;
	struct device *d = bus_io_device(cpu->bus, pa);
	return d && d->ctx == cpu ? d : NULL;
}

/* A word read or written at an even physical address: BUS_OK or BUS_ERR. */
static int read_pa(struct cpu *cpu, uint32_t pa, uint16_t *v)
{
	struct device *d = own_register(cpu, pa);
	if (d)
		return d->read(d->ctx, pa, v);
	bus_sync(cpu);
	int rc = bus_read(cpu->bus, pa, v);
	bus_resync(cpu);
	return rc;
}

static int write_pa(struct cpu *cpu, uint32_t pa, uint16_t v)
{
	struct device *d = own_register(cpu, pa);
	if (d)
		return d->write(d->ctx, pa, v);
	bus_sync(cpu);
	int rc = bus_write(cpu->bus, pa, v);
	bus_resync(cpu);
	return rc;
}

/* Accesses name the page table of the mode they use: cpu->cur for the
 * current mode, cpu->page[m] for another; the slow path recovers m. */
static int mode_of(const struct cpu *cpu, const struct mmu_page *tbl)
{
	return tbl == cpu->cur ? cpu_mode(cpu) : (int)((size_t)(tbl - &cpu->page[0][0]) / 8);
}

SLOW_PATH uint16_t read_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk)
{
	int mode = mode_of(cpu, tbl);
	if (stk)
		stack_check(cpu, va, mode);
	uint16_t v;
	if (va & 1)
		cpu_abort(cpu, VEC_BUS);
	uint32_t pa = map_slow(cpu, va, mode, false);
	if (read_pa(cpu, pa, &v) != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	return v;
}

SLOW_PATH uint8_t read_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk)
{
	int mode = mode_of(cpu, tbl);
	if (stk)
		stack_check(cpu, va, mode);
	uint8_t v;
	uint32_t pa = map_slow(cpu, va, mode, false);
	bus_sync(cpu);
	int rc = bus_read_byte(cpu->bus, pa, &v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	return v;
}

SLOW_PATH void write_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v, bool stk)
{
	int mode = mode_of(cpu, tbl);
	if (stk)
		stack_check(cpu, va, mode);
	if (va & 1)
		cpu_abort(cpu, VEC_BUS);
	uint32_t pa = map_slow(cpu, va, mode, true);
	if (cpu->reference)
		note_write(cpu, pa);
	if (write_pa(cpu, pa, v) != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	watch(cpu, va);
}

SLOW_PATH void write_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v, bool stk)
{
	int mode = mode_of(cpu, tbl);
	if (stk)
		stack_check(cpu, va, mode);
	uint32_t pa = map_slow(cpu, va, mode, true);
	if (cpu->reference)
		note_write(cpu, pa);
	bus_sync(cpu);
	int rc = bus_write_byte(cpu->bus, pa, v);
	bus_resync(cpu);
	if (rc != BUS_OK)
		cpu_abort(cpu, VEC_BUS);
	watch(cpu, va);
}

/* A fetch outside the fetch window: make the window the PC's page, if it
 * can be read fast, and the pages around it that continue it in memory
 * (the same host base, no gap): V6 maps a process's pages, and the
 * kernel's, contiguously, so that one window holds all of its text and
 * calls between pages stay fast. Then read through the MMU. */
SLOW_PATH uint16_t fetch_slow(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	const struct mmu_page *t = cpu->cur;
	int page = pc >> 13;
	if (in_words(pc, t[page].lo, t[page].rwords)) {
		uintptr_t host = t[page].host;
		uint32_t lo = t[page].lo, hi = lo + 2u * t[page].rwords - 1;	/* inclusive */
		for (int q = page - 1; q >= 0 && t[q].host == host && t[q].rwords &&
		     t[q].lo + 2u * t[q].rwords == lo; q--)
			lo = t[q].lo;
		for (int q = page + 1; q < 8 && t[q].host == host && t[q].rwords &&
		     t[q].lo == hi + 1; q++)
			hi = t[q].lo + 2u * t[q].rwords - 1;
		cpu->fetch_host = host;
		cpu->fetch_lo = (uint16_t)lo;
		/* an instruction in the window has its two following words in
		 * it; lo is even, hi odd */
		uint32_t end = hi - lo >= 5 ? lo + 2u * ((hi - lo - 5) / 2 + 1) : lo;
		/* and starts below 0177770: an instruction of at most three
		 * words leaves PC at most 0177774, so the one compare of
		 * next_seq never sees a PC that wrapped to 0 */
		if (end > 0177770)
			end = 0177770;
		cpu->fetch_words = (uint16_t)(end > lo ? (end - lo) / 2 : 0);
		cpu->fetch_end = (uint16_t)(end > lo ? end : 0);
	} else
		cpu_drop_fetch_window(cpu);	/* none that starts above PC (next_seq) */
	uint16_t w = read_w(cpu, pc, cpu->cur);
	cpu->r[PC] = pc + 2;
	return w;
}
