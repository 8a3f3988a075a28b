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
int cmd_print(struct sim *s, int argc, char **argv, const char *rest);
int cmd_list(struct sim *s, int argc, char **argv, const char *rest);
int cmd_ptype(struct sim *s, int argc, char **argv, const char *rest);
void show_break(struct sim *s);
void show_symbols(struct sim *s);
void show_mmu(struct sim *s);
/* The kernel's types, source and system calls from /usr/sys of a V6 file
 * system (ksrc.h), for ps, print, bt, list and systrace; warnings on stderr. */
struct v6fs;
void kdebug_read_source(struct sim *s, struct v6fs *fs, const char *disk);
/* The types ps and print use: the pack's, or stock V6's struct proc when
 * none were read (NULL only when out of memory). */
struct ksrc;
const struct ksrc *kdebug_source(struct sim *s);
/* What C expressions see of the machine (kprint.c): kernel space, its
 * symbols and the types of kdebug_source. -1 when out of memory. */
struct cexpr_env;
int kdebug_env(struct sim *s, struct cexpr_env *env);

/* run.c: the machine stopped at a breakpoint or watchpoint. Returns the
 * stop message, or NULL when this hit is not one to stop for. */
const char *debug_hit(struct sim *s, enum stop r);
/* run.c: write the instructions executed since the last call to the trace
 * file; the largest slice the trace can follow. */
void debug_trace_flush(struct sim *s);
uint64_t debug_trace_slice(struct sim *s, uint64_t slice);
/* Put the breakpoints, next's stop and systrace's addresses in the CPU's
 * map; -1 when out of memory. */
int debug_sync_maps(struct sim *s);
/* The arguments of the process whose image is at addr (64-byte blocks) of
 * size blocks, from the top of its stack as V6's ps finds them. */
void kdebug_proc_args(struct sim *s, uint16_t addr, uint16_t size, char *out, int outsize);
/* klist.c: "sleep(chan=062632 <_runout>, pri=-100)" for the C function
 * at func, its arguments at args; "" for an assembler routine. */
void kdebug_frame_args(struct sim *s, int mode, uint16_t func, uint16_t args, char *out, int size);
/* `next`: arm a stop after the JSR at the PC (1), or 0 when the PC holds
 * no JSR (a step does instead), -1 after the error; after the run,
 * debug_next_end disarms it if something else stopped the machine. */
int debug_next_arm(struct sim *s);
void debug_next_end(struct sim *s);

/* Free everything the debugger holds (at exit). */
void debug_free(struct sim *s);

#endif
