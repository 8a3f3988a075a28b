/* systrace: each system call of V6's user processes as strace shows it,
 * from outside the guest (systrace.c). */
#ifndef SYSTRACE_H
#define SYSTRACE_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

/* Start tracing (filter: a pid or a command name, NULL for all; file:
 * NULL for the monitor's output, else written or appended to). -1 with a message in err. The caller
 * then puts the addresses in the breakpoint map (debug_sync_maps). */
int systrace_on(struct sim *s, const char *filter, const char *file, bool append, char *err, int errsize);
void systrace_free(struct sim *s);
/* The addresses systrace stops at, set in a 64K breakpoint map. */
void systrace_mark(struct sim *s, uint8_t *breakmap);
/* A breakpoint stop at pc: true if it was systrace's (and was handled). */
bool systrace_hit(struct sim *s, uint16_t pc, int mode);

int cmd_systrace(struct sim *s, int argc, char **argv, const char *rest);

#endif
