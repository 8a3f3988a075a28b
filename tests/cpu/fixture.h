/* A machine for CPU tests: vectors point at HALTs, programs assembled
 * with the test assembler, expectations checked from outside. */
#ifndef CPU_FIXTURE_H
#define CPU_FIXTURE_H

#include <check.h>
#include <stdint.h>

#include "cpu/opcodes.h"
#include "asm.h"
#include "bus/machine.h"

enum {
	PROG = 01000,         /* programs start here */
	KSTACK = 0700,        /* kernel SP at start */
	VEC_PSW = 0340,       /* new PSW in every vector */
};

/* Each vector v points at its own HALT at HANDLER(v). */
#define HANDLER(v) (uint16_t)(04000 + (v))

struct machine *fx_new(void);
struct machine *fx_new_mem(uint32_t memsize);
void fx_free(struct machine *m);

uint16_t rdw(struct machine *m, uint32_t pa);
void wrw(struct machine *m, uint32_t pa, uint16_t v);

/* Assemble lines separated by '\n' at addr (fails the test on an
 * error); returns the address after the last word. */
uint16_t fx_asm(struct machine *m, uint16_t addr, const char *lines);
/* Assemble at PROG, set PC there. */
void fx_prog(struct machine *m, const char *lines);
/* Step until a HALT (or another stop) or max instructions. */
enum stop fx_run(struct machine *m, int max);

/* The stack pointer of a mode, whatever the current mode is. */
uint16_t fx_sp(struct machine *m, int mode);
void fx_set_sp(struct machine *m, int mode, uint16_t sp);

/* Ran into the HALT of vector v. */
#define ck_trapped(m, v) do { \
	ck_assert_uint_eq((m)->cpu.r[PC], HANDLER(v) + 2u); \
	ck_assert_int_eq(cpu_mode(&(m)->cpu), MODE_KERNEL); \
} while (0)

/* Ran into the HALT after the program (no trap). */
#define ck_not_trapped(m, haltaddr) ck_assert_uint_eq((m)->cpu.r[PC], (haltaddr) + 2u)

#endif
