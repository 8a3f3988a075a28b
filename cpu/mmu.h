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
};

/* Space index for par/pdr: kernel 0, anything else (user) 1. The 11/40
 * has no supervisor mode. */
static inline int mmu_space(int mode) { return mode != MODE_KERNEL; }

/* Translate with relocation on. Returns the physical address, or sets the
 * abort bits in *why and returns 0. `why` bits are SR0's. */
static inline uint32_t mmu_relocate(struct cpu *cpu, uint16_t va, int mode, bool write, uint16_t *why)
{
	int s = mmu_space(mode), page = va >> 13;
	uint16_t pdr = cpu->pdr[s][page];
	uint16_t block = (va >> 6) & 0177, plf = (pdr & PDR_PLF) >> 8;
	/* Non-resident is checked first and alone; then the length; then a
	 * write to a read-only page. */
	if ((pdr & PDR_ACF) != ACF_RW && (pdr & PDR_ACF) != ACF_RO) {
		*why = SR0_NR;
		return 0;
	}
	if ((pdr & PDR_ED) ? block < plf : block > plf) {
		*why = SR0_PL | (write && (pdr & PDR_ACF) == ACF_RO ? SR0_RO : 0);
		return 0;
	}
	if (write && (pdr & PDR_ACF) == ACF_RO) {
		*why = SR0_RO;
		return 0;
	}
	if (write)
		cpu->pdr[s][page] = pdr | PDR_W;
	return (((uint32_t)cpu->par[s][page] << 6) + (va & 017777)) & (PHYS_TOP - 1);
}

#endif
