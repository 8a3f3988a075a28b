/* Console switch register (read) and display register (write), 777570.
 * The 11/40 console has 18 switches; a program reads the low 16. */
#include "swreg.h"
#include "bus/state.h"

static const struct devreg swreg_regs[] = {
	{ .name = "sr", .addr = SWR_ADDR, .width = 18, .offset = offsetof(struct swreg, sr) },
	{ .name = "display", .addr = SWR_ADDR, .width = 16, .offset = offsetof(struct swreg, display) },
};

static int swreg_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct swreg *sw = ctx;
	(void)addr;
	*val = (uint16_t)sw->sr;
	return BUS_OK;
}

static int swreg_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct swreg *sw = ctx;
	(void)addr;
	sw->display = val;
	sw->display_writes++;
	return BUS_OK;
}

/* A DATOB loads one half of the display; the bus's default merge would
 * read the switches back into the other half. */
static int swreg_writeb(void *ctx, uint32_t addr, uint8_t val)
{
	struct swreg *sw = ctx;
	uint16_t d = sw->display;
	d = (addr & 1) ? (uint16_t)((d & 0377) | val << 8) : (uint16_t)((d & 0177400) | val);
	return swreg_write(sw, addr & ~1u, d);
}

void swreg_init(struct swreg *sw, struct unibus *bus)
{
	*sw = (struct swreg){ 0 };
	sw->dev = (struct device){
		.name = "sr", .lo = SWR_ADDR, .hi = SWR_ADDR,
		.regs = swreg_regs, .nregs = 2, .ctx = sw,
		.read = swreg_read, .write = swreg_write, .writeb = swreg_writeb,
	};
	bus_attach(bus, &sw->dev);
}

static const struct state_field swreg_fields[] = {
	STATE_FIELD(struct swreg, sr), STATE_FIELD(struct swreg, display),
	STATE_FIELD(struct swreg, display_writes),
};

void swreg_save(const struct swreg *sw, struct state *st)
{
	state_put_fields(st, sw, swreg_fields, sizeof swreg_fields / sizeof swreg_fields[0]);
}

void swreg_load(struct swreg *sw, struct state *st)
{
	state_get_fields(st, sw, swreg_fields, sizeof swreg_fields / sizeof swreg_fields[0]);
	if (sw->sr >= 01000000)
		state_fail(st, "sr: %o is more than 18 switches", sw->sr);
}
