/* The condition codes, kept apart from the rest of the PSW (struct cpu).
 * Inline in every handler. Private to cpu/. */
#ifndef CCODES_H
#define CCODES_H

#include "access.h"

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
static inline void set_cc(struct cpu *cpu, uint16_t psw)
{
	cc(cpu, psw & PSW_N, psw & PSW_Z, psw & PSW_V, psw & PSW_C);
}

static inline ALWAYS_INLINE bool  flag_n(const struct cpu *cpu) { return cpu->nz < 0; }
static inline ALWAYS_INLINE bool  flag_z(const struct cpu *cpu) { return (uint16_t)cpu->nz == 0; }

#endif
