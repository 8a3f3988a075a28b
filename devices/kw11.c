/* KW11-L line time clock: LKS 777546. Bit 7 (monitor) is set by every
 * line-frequency tick and by INIT; the program can only clear it. Bit 6
 * enables an interrupt at each tick. */
#include "kw11.h"
#include "bus/state.h"

enum { LKS_MON = 0200, LKS_IE = 0100 };

static const struct devreg kw11_regs[] = {
	{ .name = "lks", .addr = KW_BASE, .width = 16, .offset = offsetof(struct kw11, lks) },
};

static void kw11_event(void *ctx, int arg);

static int kw11_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct kw11 *kw = ctx;
	(void)addr;
	*val = kw->lks;
	return BUS_OK;
}

static int kw11_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct kw11 *kw = ctx;
	(void)addr;
	kw->lks = (kw->lks & ~LKS_IE) | (val & LKS_IE);
	if (!(val & LKS_MON))
		kw->lks &= ~LKS_MON;
	/* The request stands only while both IE and the monitor do (as simh). */
	if ((kw->lks & (LKS_IE | LKS_MON)) != (LKS_IE | LKS_MON))
		bus_irq(kw->bus, kw->irq, false);
	return BUS_OK;
}

void kw11_tick(struct kw11 *kw)
{
	kw->ticks++;
	kw->lks |= LKS_MON;
	if (kw->lks & LKS_IE)
		bus_irq(kw->bus, kw->irq, true);
}

/* Ticks fall every `interval` instructions of bus time exactly, whenever
 * the event happens to run. */
static void kw11_event(void *ctx, int arg)
{
	struct kw11 *kw = ctx;
	(void)arg;
	kw11_tick(kw);
	kw->next_tick += kw->interval;
	uint64_t now = kw->bus->now;
	bus_schedule(kw->bus, kw->next_tick > now ? kw->next_tick - now : 0, kw11_event, kw, 0);
}

void kw11_set_interval(struct kw11 *kw, uint64_t interval)
{
	kw->interval = interval;
	bus_cancel(kw->bus, kw11_event, kw, 0);
	if (interval) {
		kw->next_tick = kw->bus->now + interval;
		bus_schedule(kw->bus, interval, kw11_event, kw, 0);
	}
}

/* INIT sets the monitor and clears IE; the line frequency keeps going. */
static void kw11_reset(void *ctx)
{
	struct kw11 *kw = ctx;
	kw->lks = LKS_MON;
	bus_irq(kw->bus, kw->irq, false);
}

void kw11_init(struct kw11 *kw, struct unibus *bus)
{
	*kw = (struct kw11){ .bus = bus, .lks = LKS_MON, .hz = 60 };
	kw->dev = (struct device){
		.name = "kw", .lo = KW_BASE, .hi = KW_BASE,
		.regs = kw11_regs, .nregs = 1, .ctx = kw,
		.read = kw11_read, .write = kw11_write, .reset = kw11_reset,
	};
	bus_attach(bus, &kw->dev);
	kw->irq = bus_irq_line(bus, KW_LEVEL, KW_VECTOR);
}

/* ---- Saving and loading (state.h) ---- */

static const struct state_field kw11_fields[] = {
	STATE_FIELD(struct kw11, lks), STATE_FIELD(struct kw11, interval),
	STATE_FIELD(struct kw11, next_tick), STATE_FIELD(struct kw11, ticks),
};

void kw11_save(const struct kw11 *kw, struct state *st)
{
	state_put_fields(st, kw, kw11_fields, sizeof kw11_fields / sizeof kw11_fields[0]);
	state_put_event(st, kw->bus, kw11_event, (void *)kw, 0);
}

void kw11_load(struct kw11 *kw, struct state *st)
{
	state_get_fields(st, kw, kw11_fields, sizeof kw11_fields / sizeof kw11_fields[0]);
	state_get_event(st, kw->bus, kw11_event, kw, 0);
}
