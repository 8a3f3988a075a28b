/* The Unibus: memory, I/O page dispatch, interrupt arbitration, events. */
#include "unibus.h"
#include "state.h"

#include <stdlib.h>
#include <string.h>

int bus_init(struct unibus *bus, uint32_t memsize)
{
	memset(bus, 0, sizeof *bus);
	bus->deadline = UINT64_MAX;
	bus->slice_end = UINT64_MAX;
	return bus_set_memsize(bus, memsize);
}

void bus_free(struct unibus *bus)
{
	free(bus->mem);
	bus->mem = NULL;
}

/* Memory comes in 4 KB steps (simh's `set cpu NNk` rounds the same way).
 * The array always spans MEM_MAX so that its address never changes:
 * the CPU's page table points into it. Memory cut off reads as absent. */
int bus_set_memsize(struct unibus *bus, uint32_t memsize)
{
	if (memsize == 0 || memsize > MEM_MAX || memsize % 4096)
		return BUS_ERR;
	if (!bus->mem && !(bus->mem = calloc(MEM_MAX / 2, sizeof *bus->mem)))
		return BUS_ERR;
	if (memsize < bus->memsize)
		memset(bus->mem + memsize / 2, 0, bus->memsize - memsize);
	bus->memsize = memsize;
	return BUS_OK;
}

int bus_attach(struct unibus *bus, struct device *dev)
{
	if (bus->ndev == MAX_DEVICES || dev->lo < IOPAGE || dev->hi >= PHYS_TOP || dev->lo > dev->hi)
		return BUS_ERR;
	for (uint32_t a = dev->lo & ~1u; a <= dev->hi; a += 2)
		if (bus->iomap[(a - IOPAGE) >> 1])
			return BUS_ERR;
	bus->dev[bus->ndev++] = dev;
	for (uint32_t a = dev->lo & ~1u; a <= dev->hi; a += 2)
		bus->iomap[(a - IOPAGE) >> 1] = (uint8_t)bus->ndev;
	return BUS_OK;
}

void bus_detach(struct unibus *bus, struct device *dev)
{
	int k = 0;
	for (int i = 0; i < bus->ndev; i++)
		if (bus->dev[i] != dev)
			bus->dev[k++] = bus->dev[i];
	bus->ndev = k;
	memset(bus->iomap, 0, sizeof bus->iomap);
	for (int i = 0; i < bus->ndev; i++)
		for (uint32_t a = bus->dev[i]->lo & ~1u; a <= bus->dev[i]->hi; a += 2)
			bus->iomap[(a - IOPAGE) >> 1] = (uint8_t)(i + 1);
}

struct device *bus_find_device(struct unibus *bus, const char *name)
{
	for (int i = 0; i < bus->ndev; i++)
		if (strcmp(bus->dev[i]->name, name) == 0)
			return bus->dev[i];
	return NULL;
}

const struct devreg *bus_find_reg(struct unibus *bus, const char *devname, const char *reg)
{
	for (int i = 0; i < bus->ndev; i++) {
		struct device *d = bus->dev[i];
		if (devname && strcmp(d->name, devname) != 0)
			continue;
		for (int j = 0; j < d->nregs; j++)
			if (strcmp(d->regs[j].name, reg) == 0)
				return &d->regs[j];
	}
	return NULL;
}

const struct devreg *bus_reg_at(struct unibus *bus, uint32_t pa, struct device **owner)
{
	for (int i = 0; i < bus->ndev; i++) {
		struct device *d = bus->dev[i];
		for (int j = 0; j < d->nregs; j++)
			if (d->regs[j].addr == pa) {
				*owner = d;
				return &d->regs[j];
			}
	}
	return NULL;
}

struct device *bus_reg_owner(struct unibus *bus, const struct devreg *r)
{
	for (int i = 0; i < bus->ndev; i++) {
		struct device *d = bus->dev[i];
		if (d->nregs && r >= d->regs && r < d->regs + d->nregs)
			return d;
	}
	return NULL;
}

static uint32_t width_mask(const struct devreg *r)
{
	return r->width >= 32 ? UINT32_MAX : (UINT32_C(1) << r->width) - 1;
}

uint32_t devreg_get(const struct device *d, const struct devreg *r)
{
	if (r->get)
		return r->get(d->ctx, r) & width_mask(r);
	const char *at = (const char *)d->ctx + r->offset;
	if (r->width > 16)
		return *(const uint32_t *)(const void *)at & width_mask(r);
	return *(const uint16_t *)(const void *)at & width_mask(r);
}

void devreg_set(const struct device *d, const struct devreg *r, uint32_t val)
{
	val &= width_mask(r);
	if (r->set) {
		r->set(d->ctx, r, val);
		return;
	}
	char *at = (char *)d->ctx + r->offset;
	if (r->width > 16)
		*(uint32_t *)(void *)at = val;
	else
		*(uint16_t *)(void *)at = (uint16_t)val;
}


int bus_read(struct unibus *bus, uint32_t pa, uint16_t *val)
{
	pa &= PHYS_TOP - 1;
	if (pa & 1)
		return BUS_ERR;
	if (pa < bus->memsize) {
		*val = bus->mem[pa >> 1];
		return BUS_OK;
	}
	if (pa < IOPAGE)
		return BUS_ERR;
	struct device *d = bus_io_device(bus, pa);
	return d ? d->read(d->ctx, pa, val) : BUS_ERR;
}

/* A read for someone looking at the machine (the monitor, history, the
 * kernel views): a device register with a table entry is read from the
 * device's state, so that looking does not clear a DONE bit or take a
 * character; other I/O page words (the CPU's, the KT11-D's) have no read
 * side effects and go through the bus. */
int bus_peek(struct unibus *bus, uint32_t pa, uint16_t *val)
{
	pa &= PHYS_TOP - 1;
	if (pa >= IOPAGE && !(pa & 1)) {
		struct device *d;
		const struct devreg *r = bus_reg_at(bus, pa, &d);
		if (r) {
			*val = (uint16_t)devreg_get(d, r);
			return BUS_OK;
		}
	}
	return bus_read(bus, pa, val);
}

int bus_write(struct unibus *bus, uint32_t pa, uint16_t val)
{
	pa &= PHYS_TOP - 1;
	if (pa & 1)
		return BUS_ERR;
	if (pa < bus->memsize) {
		bus->mem[pa >> 1] = val;
		return BUS_OK;
	}
	if (pa < IOPAGE)
		return BUS_ERR;
	struct device *d = bus_io_device(bus, pa);
	return d ? d->write(d->ctx, pa, val) : BUS_ERR;
}

int bus_read_byte(struct unibus *bus, uint32_t pa, uint8_t *val)
{
	uint16_t w;
	if (bus_read(bus, pa & ~1u, &w) != BUS_OK)
		return BUS_ERR;
	*val = (pa & 1) ? w >> 8 : w & 0377;
	return BUS_OK;
}

int bus_write_byte(struct unibus *bus, uint32_t pa, uint8_t val)
{
	pa &= PHYS_TOP - 1;
	if (pa < bus->memsize) {
		uint16_t *w = &bus->mem[pa >> 1];
		*w = (pa & 1) ? (uint16_t)((*w & 0377) | val << 8) : (uint16_t)((*w & 0177400) | val);
		return BUS_OK;
	}
	if (pa < IOPAGE)
		return BUS_ERR;
	struct device *d = bus_io_device(bus, pa);
	if (!d)
		return BUS_ERR;
	if (d->writeb)
		return d->writeb(d->ctx, pa, val);
	/* DATOB to a device without byte logic: merge into the word. */
	uint16_t w;
	if (d->read(d->ctx, pa & ~1u, &w) != BUS_OK)
		return BUS_ERR;
	w = (pa & 1) ? (uint16_t)((w & 0377) | val << 8) : (uint16_t)((w & 0177400) | val);
	return d->write(d->ctx, pa & ~1u, w);
}

void bus_reset(struct unibus *bus)
{
	for (int i = 0; i < bus->ndev; i++)
		if (bus->dev[i]->reset)
			bus->dev[i]->reset(bus->dev[i]->ctx);
}

int bus_irq_line(struct unibus *bus, int level, uint16_t vector)
{
	if (bus->nirq == MAX_IRQ_LINES)
		return -1;
	bus->irq[bus->nirq] = (struct irq_line){ .level = level, .vector = vector };
	return bus->nirq++;
}

static void irq_recompute(struct unibus *bus)
{
	int top = 0;
	for (int i = 0; i < bus->nirq; i++)
		if (bus->irq[i].requesting && bus->irq[i].level > top)
			top = bus->irq[i].level;
	bus->irq_level = top;
}

void bus_irq(struct unibus *bus, int line, bool on)
{
	if (line < 0 || line >= bus->nirq || bus->irq[line].requesting == on)
		return;
	bus->irq[line].requesting = on;
	irq_recompute(bus);
	if (on)
		bus->deadline = bus->now;
}

void bus_irq_on_grant(struct unibus *bus, int line, void (*granted)(void *ctx), void *ctx)
{
	if (line >= 0 && line < bus->nirq) {
		bus->irq[line].granted = granted;
		bus->irq[line].ctx = ctx;
	}
}

int bus_irq_ack(struct unibus *bus, int priority)
{
	int best = -1;
	for (int i = 0; i < bus->nirq; i++)
		if (bus->irq[i].requesting && bus->irq[i].level > priority &&
		    (best < 0 || bus->irq[i].level > bus->irq[best].level))
			best = i;
	if (best < 0)
		return -1;
	bus->irq[best].requesting = false;
	irq_recompute(bus);
	if (bus->irq[best].granted)
		bus->irq[best].granted(bus->irq[best].ctx);
	return bus->irq[best].vector;
}

void bus_update_deadline(struct unibus *bus)
{
	uint64_t d = bus->slice_end;
	for (int i = 0; i < bus->nev; i++)
		if (bus->ev[i].when < d)
			d = bus->ev[i].when;
	if (bus->irq_level)
		d = bus->now;
	bus->deadline = d;
}

void bus_cancel(struct unibus *bus, event_fn *fn, void *ctx, int arg)
{
	for (int i = 0; i < bus->nev; i++)
		if (bus->ev[i].fn == fn && bus->ev[i].ctx == ctx && bus->ev[i].arg == arg) {
			bus->ev[i] = bus->ev[--bus->nev];
			return;
		}
}

bool bus_scheduled(const struct unibus *bus, event_fn *fn, void *ctx, int arg)
{
	for (int i = 0; i < bus->nev; i++)
		if (bus->ev[i].fn == fn && bus->ev[i].ctx == ctx && bus->ev[i].arg == arg)
			return true;
	return false;
}

void bus_schedule(struct unibus *bus, uint64_t delay, event_fn *fn, void *ctx, int arg)
{
	bus_cancel(bus, fn, ctx, arg);
	if (bus->nev == MAX_EVENTS)
		abort();	/* a device schedules a bounded number of events */
	uint64_t when = bus->now + delay;
	bus->ev[bus->nev++] = (struct event){ .when = when, .fn = fn, .ctx = ctx, .arg = arg };
	if (when < bus->deadline)
		bus->deadline = when;
}

uint64_t bus_next_event(const struct unibus *bus)
{
	uint64_t t = UINT64_MAX;
	for (int i = 0; i < bus->nev; i++)
		if (bus->ev[i].when < t)
			t = bus->ev[i].when;
	return t;
}

/* Events due now run in the order they were due; ties by scheduling order
 * would depend on array order after removals, so ties go by position of
 * the earliest `when` found first: deterministic for a given history. */
void bus_run_events(struct unibus *bus)
{
	for (;;) {
		int best = -1;
		for (int i = 0; i < bus->nev; i++)
			if (bus->ev[i].when <= bus->now && (best < 0 || bus->ev[i].when < bus->ev[best].when))
				best = i;
		if (best < 0)
			break;
		struct event e = bus->ev[best];
		bus->ev[best] = bus->ev[--bus->nev];
		e.fn(e.ctx, e.arg);
	}
	bus_update_deadline(bus);
}

/* ---- Saving and loading (state.h) ---- */

/* Memory goes as little-endian words: in one copy on such a host (a
 * checkpoint every million instructions makes this the cost that counts). */
static bool host_little_endian(void)
{
	const uint16_t one = 1;
	return *(const uint8_t *)&one == 1;
}

void bus_save(const struct unibus *bus, struct state *st)
{
	state_put_u32(st, bus->memsize);
	if (host_little_endian())
		state_put(st, bus->mem, bus->memsize);
	else
		for (uint32_t i = 0; i < bus->memsize / 2; i++)
			state_put_u16(st, bus->mem[i]);
	state_put_u64(st, bus->now);
	state_put_u32(st, (uint32_t)bus->nirq);
	for (int i = 0; i < bus->nirq; i++)
		state_put_u8(st, bus->irq[i].requesting);
	state_put_u32(st, (uint32_t)bus->nev);
}

void bus_load(struct unibus *bus, struct state *st)
{
	uint32_t memsize = state_get_u32(st);
	if (!st->bad && memsize != bus->memsize) {
		state_fail(st, "memory is %uK, not %uK", memsize / 1024, bus->memsize / 1024);
		return;
	}
	if (host_little_endian() && !st->bad)
		state_get(st, bus->mem, memsize);
	else
		for (uint32_t i = 0; i < memsize / 2 && !st->bad; i++)
			bus->mem[i] = state_get_u16(st);
	bus->now = state_get_u64(st);
	uint32_t nirq = state_get_u32(st);
	if (!st->bad && nirq != (uint32_t)bus->nirq) {
		state_fail(st, "%u interrupt lines, not %d", nirq, bus->nirq);
		return;
	}
	for (int i = 0; i < bus->nirq; i++)
		bus->irq[i].requesting = state_get_bool(st);
	irq_recompute(bus);
	uint32_t nev = state_get_u32(st);
	if (!st->bad && nev > MAX_EVENTS) {
		state_fail(st, "%u events queued (at most %d)", nev, MAX_EVENTS);
		return;
	}
	memset(bus->ev, 0, sizeof bus->ev);
	bus->nev = st->bad ? 0 : (int)nev;
}

int bus_event_slot(const struct unibus *bus, event_fn *fn, void *ctx, int arg, uint64_t *when)
{
	for (int i = 0; i < bus->nev; i++)
		if (bus->ev[i].fn == fn && bus->ev[i].ctx == ctx && bus->ev[i].arg == arg) {
			*when = bus->ev[i].when;
			return i;
		}
	return -1;
}

int bus_event_place(struct unibus *bus, int slot, uint64_t when, event_fn *fn, void *ctx, int arg)
{
	if (slot < 0 || slot >= bus->nev || bus->ev[slot].fn)
		return -1;
	bus->ev[slot] = (struct event){ .when = when, .fn = fn, .ctx = ctx, .arg = arg };
	return 0;
}

bool bus_events_complete(const struct unibus *bus)
{
	for (int i = 0; i < bus->nev; i++)
		if (!bus->ev[i].fn)
			return false;
	return true;
}
