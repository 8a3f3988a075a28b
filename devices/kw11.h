/* KW11-L line time clock. */
#ifndef KW11_H
#define KW11_H

#include <stdbool.h>
#include <stdint.h>

#include "bus/unibus.h"

enum { KW_BASE = 0777546, KW_VECTOR = 0100, KW_LEVEL = 6 };

struct kw11 {
	struct unibus *bus;
	struct device dev;
	int irq;
	uint16_t lks;
	/* Virtual time: a tick every `interval` instructions (event driven).
	 * 0: the program calls kw11_tick() from wall time. */
	uint64_t interval;
	uint64_t next_tick;      /* bus time of the next virtual tick */
	uint64_t ticks;
	int hz;                  /* line frequency, 50 or 60 */
};

void kw11_init(struct kw11 *kw, struct unibus *bus);
void kw11_set_interval(struct kw11 *kw, uint64_t interval);
void kw11_tick(struct kw11 *kw);
struct state;
void kw11_save(const struct kw11 *kw, struct state *st);
void kw11_load(struct kw11 *kw, struct state *st);

#endif
