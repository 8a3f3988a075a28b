/* Set-ups that several CPU tests share: the KT11-D maps they run under,
 * a user program run into the kernel, and the running of a suite. */
#ifndef CPU_SETUP_H
#define CPU_SETUP_H

#include "fixture.h"

enum { PDR_RW = 077406 };   /* 128 blocks, read/write */

/* Kernel pages 0-6 mapped onto themselves, page 7 onto the I/O page;
 * relocation left as it is. */
void fx_kernel_map(struct machine *m);

/* A new machine with relocation on: the kernel map above; user page 0
 * mapped onto itself (the program), page 1 at 100000 with the PDR given,
 * page 2 at 200000; the other user pages absent. */
struct machine *fx_user_machine(uint16_t updr1);

/* Run the program, at PROG, in user mode with SP usp until a HALT (the
 * kernel handler's, after a trap). */
void fx_run_user(struct machine *m, const char *prog, uint16_t usp);

/* Run every test of the suite; the exit status for main. */
int fx_run_suite(Suite *s);

#endif
