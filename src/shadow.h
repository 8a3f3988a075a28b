/* `set cpu lockstep`: a shadow machine running the reference engine
 * beside the session's (bus/lockstep.h), and `set cpu engine=`. */
#ifndef SHADOW_H
#define SHADOW_H

#include <stdbool.h>
#include <stdint.h>

#include "sim.h"

/* The lockstep and engine options of `set cpu` (true: arg is one). */
bool shadow_option(const char *arg);
int shadow_set(struct sim *s, const char *arg);
/* A slice of the run in lockstep, in place of machine_run. */
enum stop shadow_run(struct sim *s, uint64_t n);
/* Lockstep off; at exit it says how many instructions were compared. */
void shadow_free(struct sim *s);

#endif
