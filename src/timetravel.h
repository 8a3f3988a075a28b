/* Reverse execution (timetravel.c): checkpoints of the machine kept in
 * memory every so many instructions of bus time, the packs' writes
 * journalled by block, the console input typed meanwhile; going back is
 * going to the nearest checkpoint before the target and running forward
 * to it again. Off until `set cpu checkpoints=N`. */
#ifndef TIMETRAVEL_H
#define TIMETRAVEL_H

#include <stdint.h>

struct sim;

/* set cpu checkpoints=N | checkpoint-every=M (arg is what follows `cpu`). */
int timetravel_set(struct sim *s, const char *arg);
void timetravel_show(struct sim *s);
void timetravel_free(struct sim *s);
/* Forget every checkpoint (a restore moved the machine elsewhere). */
void timetravel_forget(struct sim *s);

/* The run loop (run.c): when a run starts and ends, how long a slice may
 * be, after each slice, and console input from outside. Each costs one
 * test when checkpoints are off. */
void timetravel_run_start(struct sim *s);
void timetravel_run_end(struct sim *s);
uint64_t timetravel_slice(struct sim *s, uint64_t slice);
void timetravel_after_slice(struct sim *s);
void timetravel_input(struct sim *s, const uint8_t *buf, int n);

int cmd_reverse_step(struct sim *s, int argc, char **argv, const char *rest);
int cmd_reverse_next(struct sim *s, int argc, char **argv, const char *rest);
int cmd_reverse_continue(struct sim *s, int argc, char **argv, const char *rest);

#endif
