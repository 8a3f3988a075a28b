/* KT11-D address translation, inline for the instruction loop. Private to cpu/. */
#ifndef MMU_H
#define MMU_H

#include "cpu.h"

enum {
	PDR_PLF = 077400,      /* page length field, 64-byte blocks */
	PDR_W = 0100,          /* page written */
	PDR_ED = 010,          /* expansion downward */
	PDR_ACF = 06,          /* access control */
	PDR_RW_BITS = 077416,  /* what software can write */
	PAR_BITS = 07777,      /* 12 bits: 18-bit physical addresses */
	ACF_RO = 02, ACF_RW = 06,
	SR0_MODE_PAGE = 0156,  /* SR0 bits 6-5 and 3-1 */
};

/* Space index for par/pdr: kernel 0, anything else (user) 1. The 11/40
 * has no supervisor mode. */
static inline int mmu_space(int mode) { return mode != MODE_KERNEL; }

/* While no abort bit is set SR0's mode and page fields follow every
 * relocated reference (KT11-D: an abort freezes them at its own). Only
 * the slow paths keep them: a program sees them only by reading SR0, a
 * reference through the I/O page, always slow, that sets them first. */
static inline void mmu_follow(struct cpu *cpu, uint16_t fields)
{
	if (!(cpu->sr0 & SR0_ABORT))
		cpu->sr0 = (uint16_t)((cpu->sr0 & ~SR0_MODE_PAGE) | fields);
}

/* SR0's mode and page fields for a reference. */
static inline uint16_t sr0_fields(int mode, int page)
{
	return (uint16_t)(mode << 5 | page << 1);
}

/* Translate with relocation on. Returns the physical address, or sets the
 * abort bits in *why and returns 0. `why` bits are SR0's. */
static inline uint32_t mmu_relocate(struct cpu *cpu, uint16_t va, int mode, bool write, uint16_t *why)
{
	int s = mmu_space(mode), page = va >> 13;
	uint16_t pdr = cpu->pdr[s][page];
	uint16_t block = (va >> 6) & 0177, plf = (pdr & PDR_PLF) >> 8;
	/* Every check is made on every access and SR0 gets each that fails
	 * (KT11-D: bits 15-13 may be set together by one access): not
	 * resident (ACF 00 or 10, or a mode the 11/40 lacks), outside the
	 * page's length, a write to a read-only page. */
	uint16_t acf = pdr & PDR_ACF;
	uint16_t w = (uint16_t)((acf != ACF_RW && acf != ACF_RO) || (mode != MODE_KERNEL && mode != MODE_USER) ? SR0_NR : 0);
	if ((pdr & PDR_ED) ? block < plf : block > plf)
		w |= SR0_PL;
	if (write && acf == ACF_RO)
		w |= SR0_RO;
	if (w) {
		*why = w;
		return 0;
	}
	mmu_follow(cpu, sr0_fields(mode, page));
	uint32_t pa = (((uint32_t)cpu->par[s][page] << 6) + (va & 017777)) & (PHYS_TOP - 1);
	/* A write marks its page written (W), except one to the KT11-D's
	 * own status registers, SR0 to SR2 (KT11-D logic, as the KD11-A
	 * model follows it) */
	if (write && !(pa >= ADDR_SR0 && pa <= ADDR_SR2 + 1))
		cpu->pdr[s][page] = pdr | PDR_W;
	return pa;
}

/* cpu->refs in a trap sequence: far below any count an instruction reaches. */
enum { REFS_TRAP = -0100000 };

/* SR0 bit 8 with relocation off: whether the reference being made is
 * the instruction's destination, the one kind relocated (mmu.c). Counts
 * the reference. */
bool mmu_maint_relocates(struct cpu *cpu);

#endif
