/* Snapshots: `save FILE`, `restore FILE` and `pdp1140 --restore FILE`
 * (snapshot.c), and the session's machine state in memory, which the
 * checkpoints of reverse execution keep (timetravel.c). */
#ifndef SNAPSHOT_H
#define SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct state;

enum { SNAPSHOT_VERSION = 1 };

/* The machine, the clock mode and the queued sends (with `rules`, the
 * expect rules too) without the packs' contents. */
void sim_state_save(struct sim *s, struct state *st, bool rules);
/* Load what sim_state_save wrote: 0, or -1 with st->why set and the
 * session in pieces (the caller goes back to a copy). */
int sim_state_load(struct sim *s, struct state *st, bool rules);

/* Write the snapshot file (a temporary file, then rename). 0, or -1 with
 * a one-line message in err. */
int snapshot_save(struct sim *s, const char *path, char *err, int errsize);
/* Return the machine to a snapshot: 0, or -1 with a one-line message in
 * err and nothing changed. A machine with no pack attached takes the
 * snapshot's packs and memory size. */
int snapshot_restore(struct sim *s, const char *path, char *err, int errsize);
/* The same from bytes in memory (the fuzzer's entry): name is for messages. */
int snapshot_restore_bytes(struct sim *s, const char *name, const uint8_t *buf, size_t len,
			   char *err, int errsize);

int cmd_save(struct sim *s, int argc, char **argv, const char *rest);
int cmd_restore(struct sim *s, int argc, char **argv, const char *rest);

#endif
