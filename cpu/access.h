/* The CPU's memory accesses: the fast paths, inline in every handler
 * (one range test against the current mode's page table, or the fetch
 * window), and the declarations of their slow paths (memory.c). Also bus
 * time inside a chain of instructions and the stack limit check. Private
 * to cpu/. */
#ifndef ACCESS_H
#define ACCESS_H

#include <setjmp.h>

#include "cpu.h"
#include "mmu.h"

/* The operand and memory helpers below are small and called from every
 * handler: inlining them is most of the interpreter's speed. */
#define ALWAYS_INLINE __attribute__((always_inline))
/* The fast path of an access or a fetch is the one laid out straight. */
#define likely(x) __builtin_expect(!!(x), 1)

/* The fast paths read guest bytes at their host addresses, as the
 * PDP-11 lays them out: low byte first. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "a little-endian host");

static inline _Noreturn void cpu_abort(struct cpu *cpu, int vector)
{
	longjmp(cpu->abort, vector);
}

/* Anything that needs the loop sooner than the deadline (an interrupt a
 * lower priority lets in, a trap to take, a stop) ends the chain after
 * this instruction (memory.c). */
void attention(struct cpu *cpu);

/* Kernel stack limit (11/40 handbook, stack overflow; KJ11-A): a write
 * through SP (an operand -(SP), (SP)+, (SP) or X(SP), a push by JSR,
 * MFPI or the trap sequence) to an address in the 32 words below
 * limit+400 is checked: the top 16 (limit+340 to limit+377, the yellow
 * zone) complete and trap to 4 after the instruction; below them (the
 * red zone) the access aborts and the fatal stack error follows. The
 * limit is 0 without the KJ11-A. User stacks are not checked. The fast
 * paths test nothing: in kernel mode the current page table (cur) leaves
 * the addresses below stack_top to the slow paths (mmu.c), and an
 * operand's first access, which is where the check is due, tells its
 * slow path whether it goes through SP (stk). */
__attribute__((noinline, cold)) void stack_ref(struct cpu *cpu, uint16_t addr, int mode);

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

/* The slow paths of the four accesses: odd addresses, aborts, the I/O
 * page, absent memory. Out of line and cold, so that the handlers keep
 * only their fast paths in line. */
#define SLOW_PATH __attribute__((noinline, cold))

uint16_t read_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk) SLOW_PATH;
uint8_t read_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk) SLOW_PATH;
void write_w_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v, bool stk) SLOW_PATH;
void write_b_slow(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v, bool stk) SLOW_PATH;

/* The slow paths are called from the fast paths with every register
 * but the result's kept (x86-64): a handler then needs no register saved
 * in its prologue for a call it almost never makes. cpu_slow_thunk
 * (memory.c) saves the registers the C calling convention lets the slow
 * path change and calls the function in rax; the call skips the red zone
 * below the stack pointer, which the handlers, calling nothing else, may
 * use. An abort's longjmp leaves through the thunk as through any frame. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CPU_ASAN 1	/* clang's name for it */
#endif
#endif
#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && !defined(CPU_ASAN)
#define SLOW_THUNK 1
#define SLOW_CLOBBERS "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

static inline ALWAYS_INLINE unsigned slow_call4(void *fn, struct cpu *cpu, unsigned a, const void *b, unsigned c)
{
	uintptr_t rax = (uintptr_t)fn;
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\tcall cpu_slow_thunk\n\tlea 128(%%rsp), %%rsp"
			 : "+a"(rax) : "D"(cpu), "S"(a), "d"(b), "c"(c) : SLOW_CLOBBERS);
	return (unsigned)rax;
}

static inline ALWAYS_INLINE void slow_call5(void *fn, struct cpu *cpu, unsigned a, const void *b, unsigned c,
					    unsigned d)
{
	uintptr_t rax = (uintptr_t)fn;
	register unsigned r8 __asm__("r8") = d;
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\tcall cpu_slow_thunk\n\tlea 128(%%rsp), %%rsp"
			 : "+a"(rax) : "D"(cpu), "S"(a), "d"(b), "c"(c), "r"(r8) : SLOW_CLOBBERS);
}

#define READ_W_SLOW(cpu, va, tbl, stk) (uint16_t)slow_call4((void *)read_w_slow, cpu, va, tbl, stk)
#define READ_B_SLOW(cpu, va, tbl, stk) (uint8_t)slow_call4((void *)read_b_slow, cpu, va, tbl, stk)
#define WRITE_W_SLOW(cpu, va, tbl, v, stk) slow_call5((void *)write_w_slow, cpu, va, tbl, v, stk)
#define WRITE_B_SLOW(cpu, va, tbl, v, stk) slow_call5((void *)write_b_slow, cpu, va, tbl, v, stk)
#else
#define READ_W_SLOW read_w_slow
#define READ_B_SLOW read_b_slow
#define WRITE_W_SLOW write_w_slow
#define WRITE_B_SLOW write_b_slow
#endif

/* The fast paths: one range test against the mode's page table (mmu.c
 * folds access rights, page length and "in memory" into rwords/wwords). */

/* A byte at va lies in the `words` words from lo. */
static inline ALWAYS_INLINE bool in_words_b(uint16_t va, uint16_t lo, uint16_t words)
{
	return (uint16_t)(va - lo) >> 1 < words;
}

/* A word at va lies in the `words` words from lo, and va is even: one
 * compare, as the offset rotated right by one is its count of words
 * when even, and above any count when odd. */
static inline ALWAYS_INLINE bool in_words(uint16_t va, uint16_t lo, uint16_t words)
{
	uint16_t off = (uint16_t)(va - lo);
	return (uint16_t)(off >> 1 | off << 15) < words;
}

/* The entry for va: (va >> 13) entries in, as one shift and one mask. */
_Static_assert(sizeof(struct mmu_page) == 16, "page_for scales by 16");
static inline ALWAYS_INLINE const struct mmu_page *page_for(const struct mmu_page *tbl, uint16_t va)
{
	return (const struct mmu_page *)((const char *)tbl + ((unsigned)va >> 9 & 0160));
}

/* stk: the access is an operand's first through SP, which the stack
 * limit checks (its slow path does). */
static inline ALWAYS_INLINE uint16_t read_w_stk(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_words(va, p->lo, p->rwords)))
		return *(const uint16_t *)(p->host + va);
	return READ_W_SLOW(cpu, va, tbl, stk);
}

static inline ALWAYS_INLINE uint8_t read_b_stk(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, bool stk)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_words_b(va, p->lo, p->rwords)))
		return *(const uint8_t *)(p->host + va);
	return READ_B_SLOW(cpu, va, tbl, stk);
}

static inline ALWAYS_INLINE void write_w_stk(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v,
					      bool stk)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_words(va, p->lo, p->wwords)))
		*(uint16_t *)(p->host + va) = v;
	else
		WRITE_W_SLOW(cpu, va, tbl, v, stk);
}

static inline ALWAYS_INLINE void write_b_stk(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v,
					      bool stk)
{
	const struct mmu_page *p = page_for(tbl, va);
	if (likely(in_words_b(va, p->lo, p->wwords)))
		*(uint8_t *)(p->host + va) = v;
	else
		WRITE_B_SLOW(cpu, va, tbl, v, stk);
}

static inline ALWAYS_INLINE uint16_t read_w(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	return read_w_stk(cpu, va, tbl, false);
}

static inline ALWAYS_INLINE uint8_t read_b(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl)
{
	return read_b_stk(cpu, va, tbl, false);
}

static inline ALWAYS_INLINE void write_w(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint16_t v)
{
	write_w_stk(cpu, va, tbl, v, false);
}

static inline ALWAYS_INLINE void write_b(struct cpu *cpu, uint16_t va, const struct mmu_page *tbl, uint8_t v)
{
	write_b_stk(cpu, va, tbl, v, false);
}

static inline ALWAYS_INLINE bool in_fetch_page(const struct cpu *cpu, uint16_t pc)
{
	return in_words(pc, cpu->fetch_lo, cpu->fetch_words);
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
uint16_t fetch_slow(struct cpu *cpu) SLOW_PATH;

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
	write_w_stk(cpu, cpu->r[SP], cpu->cur, v, true);
}

/* SP moves before the read, as (SP)+ does: a pop that aborts leaves SP
 * incremented. */
static inline ALWAYS_INLINE uint16_t pop(struct cpu *cpu)
{
	uint16_t a = cpu->r[SP];
	cpu->r[SP] = a + 2;
	return read_w(cpu, a, cpu->cur);
}

#endif
