/* Helpers for device tests: a bus with no CPU, time advanced by hand. */
#ifndef DEVTEST_H
#define DEVTEST_H

#include <check.h>
#include <stdint.h>

#include "bus/unibus.h"

/* Advance bus time to t, running every event due on the way at its time. */
static inline void run_until(struct unibus *bus, uint64_t t)
{
	for (;;) {
		uint64_t next = bus_next_event(bus);
		if (next > t)
			break;
		if (next > bus->now)
			bus->now = next;
		bus_run_events(bus);
	}
	bus->now = t;
	bus_run_events(bus);
}

static inline void run_for(struct unibus *bus, uint64_t n)
{
	run_until(bus, bus->now + n);
}

static inline uint16_t rd(struct unibus *bus, uint32_t pa)
{
	uint16_t v = 0;
	ck_assert_int_eq(bus_read(bus, pa, &v), BUS_OK);
	return v;
}

static inline void wr(struct unibus *bus, uint32_t pa, uint16_t v)
{
	ck_assert_int_eq(bus_write(bus, pa, v), BUS_OK);
}

static inline void wrb(struct unibus *bus, uint32_t pa, uint8_t v)
{
	ck_assert_int_eq(bus_write_byte(bus, pa, v), BUS_OK);
}

#endif
