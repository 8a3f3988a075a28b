/* One instruction at a time, its operands placed through any addressing
 * mode, run by the machine and checked against an expected state: the
 * harness of the handbook sweeps (test_flags.c, test_eis.c). */
#ifndef CPU_SWEEP_H
#define CPU_SWEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "fixture.h"

enum { SW_MAXMEM = 16 };

/* Where an operand is: a register, or a byte or word address. */
struct place {
	int reg;           /* >= 0: the operand is this register */
	uint16_t addr;
};

struct sweep {
	struct machine *m;
	int nw;                          /* instruction words so far, at PROG */
	uint16_t r_in[8], r_out[8];      /* registers before, expected after */
	uint16_t mem_addr[SW_MAXMEM];    /* words written before, checked after */
	uint16_t mem_in[SW_MAXMEM], mem_out[SW_MAXMEM];
	int nmem;
	bool windowed;                   /* the last run went through a mode-specialised handler */
	bool pc_given;                   /* r_out[7] set by the test (else: after the instruction) */
	uint16_t psw_hi_out;             /* the PSW after, but for NZVC (a trap's new PSW) */
};

/* The boundary operands every sweep runs over. */
extern const uint16_t sw_values[];
extern const int sw_nvalues;

/* A register for an operand of this mode, chosen by k among those that
 * the mode allows (R0-R5 for mode 0; SP too for 1, 4, 5; PC too for 2,
 * 3, 6, 7) and not in the mask `avoid` (bit r: register r). */
int sw_reg(int mode, unsigned k, unsigned avoid);

/* Start an instruction: the word ir at PROG, registers at a pattern. */
void sw_begin(struct sweep *s, struct machine *m, uint16_t ir);
/* Place an operand for mode/reg whose containing word is `word` (a byte
 * operand is the low byte of a register, or the byte at an address that
 * is odd when `odd`). base is a 01000-byte region of its own; variant
 * picks among equivalent forms (the sign of an index). Appends the
 * instruction's extra word, if any. */
struct place sw_operand(struct sweep *s, int mode, int reg, bool byte, uint16_t word,
			uint16_t base, bool odd, unsigned variant);
/* The operand's value as the instruction will read it. */
uint16_t sw_value(const struct sweep *s, struct place p, bool byte);
/* Expect `v` stored at p (a byte into a register replaces its low byte,
 * sign_extend: MOVB's whole register). */
void sw_expect(struct sweep *s, struct place p, bool byte, uint16_t v, bool sign_extend);
/* A word in memory before the run, and what it must hold after. */
void sw_set_word(struct sweep *s, uint16_t addr, uint16_t before, uint16_t after);
/* The PC expected after the run (else: the word after the instruction). */
void sw_expect_pc(struct sweep *s, uint16_t pc);
/* Set a register before the run (and expect it unchanged). */
void sw_set_reg(struct sweep *s, int r, uint16_t v);

/* Run the instruction once, with NZVC = cc_in, either through the fetch
 * window (the mode-specialised handler) or with the window emptied (the
 * row's generic handler, as after a mode change), and check registers,
 * memory, PC (no trap) and the condition codes against cc (bits in
 * `unspecified` not compared). `what` names the case in a failure. */
void sw_run(struct sweep *s, uint8_t cc_in, bool generic, uint8_t cc, uint8_t unspecified,
	    const char *what);

#endif
