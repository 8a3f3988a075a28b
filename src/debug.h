/* The debugger: symbols, breakpoints and watchpoints, next, trace
 * (debug.c); the V6 kernel seen from outside: bt, ps, show mmu (kdebug.c). */
#ifndef DEBUG_H
#define DEBUG_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "symview.h"

struct sim;

/* Commands (rows in commands.c). */
int cmd_break(struct sim *s, int argc, char **argv, const char *rest);
int cmd_nobreak(struct sim *s, int argc, char **argv, const char *rest);
int cmd_symbols(struct sim *s, int argc, char **argv, const char *rest);
int cmd_trace(struct sim *s, int argc, char **argv, const char *rest);
int cmd_notrace(struct sim *s, int argc, char **argv, const char *rest);
int cmd_bt(struct sim *s, int argc, char **argv, const char *rest);
int cmd_ps(struct sim *s, int argc, char **argv, const char *rest);
void show_break(struct sim *s);
void show_symbols(struct sim *s);
void show_mmu(struct sim *s);
/* struct proc's layout and NPROC from /usr/sys/proc.h and param.h of a
 * V6 file system (the defaults of stock V6 where they are missing). */
struct v6fs;
void kdebug_read_layout(struct sim *s, struct v6fs *fs, const char *disk);
void kdebug_default_layout(struct sim *s);

/* run.c: the machine stopped at a breakpoint or watchpoint. Returns the
 * stop message, or NULL when this hit is not one to stop for. */
const char *debug_hit(struct sim *s, enum stop r);
/* run.c: write the instructions executed since the last call to the trace
 * file; the largest slice the trace can follow. */
void debug_trace_flush(struct sim *s);
uint64_t debug_trace_slice(struct sim *s, uint64_t slice);
/* `next`: arm a stop after the JSR at the PC (1), or 0 when the PC holds
 * no JSR (a step does instead), -1 after the error; after the run,
 * debug_next_end disarms it if something else stopped the machine. */
int debug_next_arm(struct sim *s);
void debug_next_end(struct sim *s);

/* Free everything the debugger holds (at exit). */
void debug_free(struct sim *s);

#endif
