/* Machine state as bytes: each device saves and loads its own part through
 * these (kl11_save/kl11_load, ...); the snapshot file (src/snapshot.c) and
 * the checkpoints of reverse execution (src/timetravel.c) hold the bytes.
 * Integers are little-endian whatever the host. A part of a device's state
 * is a field list (name, offset, size), so that a field added to the struct
 * is saved by adding one row. */
#ifndef STATE_H
#define STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus/unibus.h"

struct state {
	uint8_t *buf;
	size_t len, cap;        /* writing: bytes so far */
	size_t pos;             /* reading: next byte */
	bool bad;               /* out of memory, or read past the end / a bad value */
	char why[96];           /* the first problem found reading */
};

/* A field of a struct: element size 1, 2, 4 or 8 bytes, count elements. */
struct state_field {
	const char *name;
	size_t off;
	unsigned size, count;
	bool flag;              /* a bool: reads back 0 or 1 only */
};
#define STATE_FIELD(type, member) \
	{ #member, offsetof(type, member), sizeof(((type *)0)->member), 1, false }
#define STATE_FLAG(type, member) \
	{ #member, offsetof(type, member), 1, 1, true }
#define STATE_ARRAY(type, member, elem) \
	{ #member, offsetof(type, member), sizeof(elem), sizeof(((type *)0)->member) / sizeof(elem), false }

void state_free(struct state *st);
/* Read from bytes someone else owns. */
void state_reader(struct state *st, const uint8_t *buf, size_t len);

void state_put(struct state *st, const void *p, size_t n);
void state_put_u8(struct state *st, uint8_t v);
void state_put_u16(struct state *st, uint16_t v);
void state_put_u32(struct state *st, uint32_t v);
void state_put_u64(struct state *st, uint64_t v);
void state_put_str(struct state *st, const char *s);   /* NULL is saved as "" */

/* Reads return 0 (and set bad) past the end. */
void state_get(struct state *st, void *p, size_t n);
uint8_t state_get_u8(struct state *st);
uint16_t state_get_u16(struct state *st);
uint32_t state_get_u32(struct state *st);
uint64_t state_get_u64(struct state *st);
/* A string of at most max-1 bytes into buf. */
void state_get_str(struct state *st, char *buf, size_t max);
/* Mark the state bad with a reason (the first one is kept). */
void state_fail(struct state *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A bool saved as a byte must read back 0 or 1. */
bool state_get_bool(struct state *st);

void state_put_fields(struct state *st, const void *base, const struct state_field *f, int n);
void state_get_fields(struct state *st, void *base, const struct state_field *f, int n);

/* Sections: a tag, a length, the bytes. state_begin returns what
 * state_end needs to fill the length in; state_open checks the tag and
 * returns where the section ends, state_close that it was read to there. */
size_t state_begin(struct state *st, const char *tag);
void state_end(struct state *st, size_t mark);
size_t state_open(struct state *st, const char *tag);
void state_close(struct state *st, size_t end);

/* A device's pending event (fn, ctx, arg): its place in the bus's queue
 * (ties between events due at once go by place) and when it is due. */
void state_put_event(struct state *st, const struct unibus *bus, event_fn *fn, void *ctx, int arg);
void state_get_event(struct state *st, struct unibus *bus, event_fn *fn, void *ctx, int arg);

#endif
