/* Lockstep: the fast engine checked against the reference engine. Two
 * machines start from one state, `fast` running the fast engine and `ref`
 * the reference (cpu.reference: every instruction through its row's
 * generic handler, every access through the KT11-D's slow path). They run
 * one instruction at a time; after each, the registers (both stack
 * pointers), PSW, SR0, SR2, bus time and the memory the reference wrote
 * must be the same in both, and the whole memory and the whole machine
 * (devices included: machine_save) every `full_every` instructions. The first difference stops both with their states
 * printed. Both machines use the virtual clock and see the same events, so
 * their devices evolve alike; the caller gives `ref` its own packs and
 * the same console input (src/shadow.c for the monitor). */
#ifndef LOCKSTEP_H
#define LOCKSTEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "machine.h"

enum { LOCKSTEP_FULL_EVERY = 4096 };

struct lockstep {
	struct machine *fast, *ref;
	FILE *out;              /* where a difference is reported */
	uint64_t steps;         /* instructions compared (the fast machine's) */
	uint32_t full_every, since_full;
	/* The fast machine's last step ended in STOP_REQUEST (an expect
	 * rule matched its console output): the reference's console output
	 * in its step ends that step the same way (lockstep_ref_output). */
	bool fast_requested;
	bool failed;            /* a difference was found and reported */
};

/* Fast and ref must be built alike and hold the same state; ref gets
 * the reference engine, its console output goes to lockstep_ref_output. */
void lockstep_init(struct lockstep *ls, struct machine *fast, struct machine *ref, FILE *out);
/* Run both up to n instructions, as machine_run runs one (events,
 * interrupts, WAIT skipping ahead). Breakpoints of the fast machine stop
 * it before an instruction, except the first when skip_break. Returns the
 * stop, the same for both, or STOP_LOCKSTEP at the first difference. */
enum stop lockstep_run(struct lockstep *ls, uint64_t n, bool skip_break);
/* The two machines' whole states (machine_save) are the same; if not,
 * the first difference is reported and false returned. */
bool lockstep_same_state(struct lockstep *ls);
/* The reference machine's console: output dropped; see fast_requested. */
void lockstep_ref_output(void *ctx, uint8_t ch);

#endif
