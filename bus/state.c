/* Machine state as little-endian bytes (state.h). */
#include "state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void state_free(struct state *st)
{
	free(st->buf);
	*st = (struct state){ 0 };
}

void state_reader(struct state *st, const uint8_t *buf, size_t len)
{
	*st = (struct state){ .buf = (uint8_t *)buf, .len = len };
}

void state_fail(struct state *st, const char *fmt, ...)
{
	if (st->bad)
		return;
	st->bad = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->why, sizeof st->why, fmt, ap);
	va_end(ap);
}

void state_put(struct state *st, const void *p, size_t n)
{
	if (st->bad)
		return;
	if (st->len + n > st->cap) {
		size_t cap = st->cap ? st->cap : 4096;
		while (cap < st->len + n)
			cap *= 2;
		uint8_t *b = realloc(st->buf, cap);
		if (!b) {
			state_fail(st, "out of memory");
			return;
		}
		st->buf = b;
		st->cap = cap;
	}
	memcpy(st->buf + st->len, p, n);
	st->len += n;
}

static void put_le(struct state *st, uint64_t v, unsigned n)
{
	uint8_t b[8];
	for (unsigned i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> 8 * i);
	state_put(st, b, n);
}

void state_put_u8(struct state *st, uint8_t v) { put_le(st, v, 1); }
void state_put_u16(struct state *st, uint16_t v) { put_le(st, v, 2); }
void state_put_u32(struct state *st, uint32_t v) { put_le(st, v, 4); }
void state_put_u64(struct state *st, uint64_t v) { put_le(st, v, 8); }

void state_put_str(struct state *st, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	state_put_u32(st, (uint32_t)n);
	state_put(st, s, n);
}

void state_get(struct state *st, void *p, size_t n)
{
	if (st->bad || n > st->len - st->pos) {
		state_fail(st, "truncated");
		memset(p, 0, n);
		return;
	}
	memcpy(p, st->buf + st->pos, n);
	st->pos += n;
}

static uint64_t get_le(struct state *st, unsigned n)
{
	uint8_t b[8];
	uint64_t v = 0;
	state_get(st, b, n);
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)b[i] << 8 * i;
	return v;
}

uint8_t state_get_u8(struct state *st) { return (uint8_t)get_le(st, 1); }
uint16_t state_get_u16(struct state *st) { return (uint16_t)get_le(st, 2); }
uint32_t state_get_u32(struct state *st) { return (uint32_t)get_le(st, 4); }
uint64_t state_get_u64(struct state *st) { return get_le(st, 8); }

bool state_get_bool(struct state *st)
{
	uint8_t v = state_get_u8(st);
	if (v > 1)
		state_fail(st, "a flag is %u, not 0 or 1", v);
	return v == 1;
}

void state_get_str(struct state *st, char *buf, size_t max)
{
	uint32_t n = state_get_u32(st);
	if (n >= max) {
		state_fail(st, "a name of %u bytes", n);
		n = 0;
	}
	state_get(st, buf, n);
	buf[st->bad ? 0 : n] = 0;
	if (memchr(buf, 0, n))
		state_fail(st, "a name holds a NUL");
}

/* Elements of 1, 2, 4 or 8 bytes, each as little-endian; bools as bytes. */
void state_put_fields(struct state *st, const void *base, const struct state_field *f, int n)
{
	for (int i = 0; i < n; i++)
		for (unsigned k = 0; k < f[i].count; k++) {
			const uint8_t *p = (const uint8_t *)base + f[i].off + (size_t)k * f[i].size;
			uint64_t v = 0;
			switch (f[i].size) {
			case 1: v = *p; break;
			case 2: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
			case 4: { uint32_t x; memcpy(&x, p, 4); v = x; break; }
			default: memcpy(&v, p, 8); break;
			}
			put_le(st, v, f[i].size);
		}
}

void state_get_fields(struct state *st, void *base, const struct state_field *f, int n)
{
	for (int i = 0; i < n; i++)
		for (unsigned k = 0; k < f[i].count; k++) {
			uint8_t *p = (uint8_t *)base + f[i].off + (size_t)k * f[i].size;
			uint64_t v = get_le(st, f[i].size);
			if (f[i].flag && v > 1) {
				state_fail(st, "%s is %llu, not 0 or 1", f[i].name, (unsigned long long)v);
				v = 0;
			}
			switch (f[i].size) {
			case 1: *p = (uint8_t)v; break;
			case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
			case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
			default: memcpy(p, &v, 8); break;
			}
		}
}

void state_put_event(struct state *st, const struct unibus *bus, event_fn *fn, void *ctx, int arg)
{
	uint64_t when = 0;
	int slot = bus_event_slot(bus, fn, ctx, arg, &when);
	state_put_u32(st, (uint32_t)(slot + 1));    /* 0: not pending */
	state_put_u64(st, when);
}

void state_get_event(struct state *st, struct unibus *bus, event_fn *fn, void *ctx, int arg)
{
	uint32_t slot = state_get_u32(st);
	uint64_t when = state_get_u64(st);
	if (st->bad || slot == 0)
		return;
	if (bus_event_place(bus, (int)slot - 1, when, fn, ctx, arg) != 0)
		state_fail(st, "event %u: no such place in the queue, or taken twice", slot);
}

enum { TAG_LEN = 8 };

size_t state_begin(struct state *st, const char *tag)
{
	char t[TAG_LEN] = { 0 };
	memcpy(t, tag, strnlen(tag, TAG_LEN));
	state_put(st, t, TAG_LEN);
	size_t mark = st->len;
	state_put_u32(st, 0);
	return mark;
}

void state_end(struct state *st, size_t mark)
{
	if (st->bad)
		return;
	uint32_t n = (uint32_t)(st->len - mark - 4);
	for (int i = 0; i < 4; i++)
		st->buf[mark + i] = (uint8_t)(n >> 8 * i);
}

size_t state_open(struct state *st, const char *tag)
{
	char t[TAG_LEN], want[TAG_LEN] = { 0 };
	memcpy(want, tag, strnlen(tag, TAG_LEN));
	state_get(st, t, TAG_LEN);
	uint32_t n = state_get_u32(st);
	if (st->bad)
		return st->pos;
	if (memcmp(t, want, TAG_LEN) != 0) {
		state_fail(st, "section %.8s where %s belongs", t, tag);
		return st->pos;
	}
	if (n > st->len - st->pos) {
		state_fail(st, "section %s truncated", tag);
		return st->pos;
	}
	return st->pos + n;
}

void state_close(struct state *st, size_t end)
{
	if (!st->bad && st->pos != end)
		state_fail(st, "section ends at %zu, read to %zu", end, st->pos);
}
