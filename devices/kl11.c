/* KL11 console interface: RCSR 777560, RBUF 777562, XCSR 777564, XBUF 777566,
 * and the further KL11/DL11-A lines at 776500 upward (kl1, kl2, ...).
 * Interrupt requests are raised on the rising edge of (done && IE) and of
 * (ready && IE), including IE being set while done/ready already is; the
 * CPU's grant or clearing IE drops them. */
#include "kl11.h"
#include "bus/state.h"

#include <stddef.h>
#include <stdio.h>

enum {
	RCSR_BUSY = 04000, RCSR_DONE = 0200, RCSR_IE = 0100, RCSR_RDR_ENB = 1,
	XCSR_READY = 0200, XCSR_IE = 0100, XCSR_MAINT = 4,
	EV_RECV = 0, EV_XMIT = 1,
};

static void kl11_event(void *ctx, int arg);

/* Schedule the next character into RBUF if the receiver can take one
 * (the event itself waits for in_after). */
static void recv_kick(struct kl11 *kl)
{
	if ((kl->rcsr & RCSR_DONE) || kl->in_count == 0 || bus_scheduled(kl->bus, kl11_event, kl, EV_RECV))
		return;
	kl->rcsr |= RCSR_BUSY;
	bus_schedule(kl->bus, kl->recv_time, kl11_event, kl, EV_RECV);
}

static void recv_char(struct kl11 *kl, uint8_t ch)
{
	kl->rbuf = ch;
	kl->rcsr = (kl->rcsr & ~RCSR_BUSY) | RCSR_DONE;
	if (kl->rcsr & RCSR_IE)
		bus_irq(kl->bus, kl->rirq, true);
}

static void kl11_event(void *ctx, int arg)
{
	struct kl11 *kl = ctx;
	if (arg == EV_XMIT) {
		/* Maintenance mode loops the serial line back to the receiver. */
		if (kl->xcsr & XCSR_MAINT)
			recv_char(kl, (uint8_t)kl->xbuf);
		else if (kl->output_busy && kl->output_busy(kl->output_ctx)) {
			/* the line cannot take it yet: the transmitter stays busy */
			bus_schedule(kl->bus, kl->xmit_time, kl11_event, kl, EV_XMIT);
			return;
		} else if (kl->output)
			kl->output(kl->output_ctx, (uint8_t)kl->xbuf);
		kl->xcsr |= XCSR_READY;
		if (kl->xcsr & XCSR_IE)
			bus_irq(kl->bus, kl->xirq, true);
		return;
	}
	if ((kl->rcsr & RCSR_DONE) || kl->in_count == 0) {
		kl->rcsr &= ~RCSR_BUSY;
		return;
	}
	if (kl->bus->now < kl->in_after) {
		bus_schedule(kl->bus, kl->in_after - kl->bus->now, kl11_event, kl, EV_RECV);
		return;
	}
	uint8_t ch = kl->in[kl->in_head];
	kl->in_head = (kl->in_head + 1) % KL_INBUF;
	kl->in_count--;
	recv_char(kl, ch);
}

static int kl11_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct kl11 *kl = ctx;
	switch (addr - kl->base) {
	case 0:
		*val = kl->rcsr;
		break;
	case 2:
		*val = kl->rbuf;
		kl->rcsr &= ~RCSR_DONE;
		bus_irq(kl->bus, kl->rirq, false);
		recv_kick(kl);
		break;
	case 4:
		*val = kl->xcsr;
		break;
	default:
		*val = kl->xbuf;
		break;
	}
	return BUS_OK;
}

static void write_csr(struct kl11 *kl, uint16_t *csr, int irq, uint16_t flag, uint16_t writable, uint16_t val)
{
	if (!(val & 0100))
		bus_irq(kl->bus, irq, false);
	else if ((*csr & (flag | 0100)) == flag)
		bus_irq(kl->bus, irq, true);
	*csr = (*csr & ~writable) | (val & writable);
}

static void start_xmit(struct kl11 *kl)
{
	kl->xcsr &= ~XCSR_READY;
	bus_irq(kl->bus, kl->xirq, false);
	bus_schedule(kl->bus, kl->xmit_time, kl11_event, kl, EV_XMIT);
}

static int kl11_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct kl11 *kl = ctx;
	switch (addr - kl->base) {
	case 0:
		write_csr(kl, &kl->rcsr, kl->rirq, RCSR_DONE, RCSR_IE, val);
		/* Reader enable: the receiver gets ready for the next character. */
		if (val & RCSR_RDR_ENB) {
			kl->rcsr &= ~RCSR_DONE;
			bus_irq(kl->bus, kl->rirq, false);
			recv_kick(kl);
		}
		break;
	case 2:
		break;
	case 4:
		write_csr(kl, &kl->xcsr, kl->xirq, XCSR_READY, XCSR_IE | XCSR_MAINT, val);
		break;
	default:
		kl->xbuf = val & 0377;
		start_xmit(kl);
		break;
	}
	return BUS_OK;
}

/* Byte writes: the high bytes of the CSRs hold nothing writable, RBUF
 * must not be read (that would take the character), and any DATOB to
 * XBUF starts the transmitter, the high byte one resending the old
 * character (as simh). */
static int kl11_writeb(void *ctx, uint32_t addr, uint8_t val)
{
	struct kl11 *kl = ctx;
	switch (addr - kl->base) {
	case 0:
		return kl11_write(kl, addr, val);
	case 4:
		return kl11_write(kl, addr, val);
	case 6:
		return kl11_write(kl, addr, val);
	case 7:
		start_xmit(kl);
		return BUS_OK;
	default:
		return BUS_OK;
	}
}

/* INIT: receiver cleared, transmitter ready, both interrupts disabled.
 * A character being shifted out is lost, as on the hardware. */
static void kl11_reset(void *ctx)
{
	struct kl11 *kl = ctx;
	kl->rcsr &= RCSR_BUSY;
	kl->rbuf = 0;
	kl->xcsr = XCSR_READY;
	bus_irq(kl->bus, kl->rirq, false);
	bus_irq(kl->bus, kl->xirq, false);
	bus_cancel(kl->bus, kl11_event, kl, EV_XMIT);
	recv_kick(kl);
}

int kl11_input(struct kl11 *kl, const uint8_t *s, int n)
{
	int i;
	for (i = 0; i < n && kl->in_count < KL_INBUF; i++) {
		kl->in[(kl->in_head + kl->in_count) % KL_INBUF] = s[i];
		kl->in_count++;
	}
	recv_kick(kl);
	return i;
}

/* Everything queued has been read by the guest. */
bool kl11_input_idle(const struct kl11 *kl)
{
	return kl->in_count == 0 && !(kl->rcsr & RCSR_DONE);
}

static void kl11_setup(struct kl11 *kl, struct unibus *bus, int line)
{
	*kl = (struct kl11){ .bus = bus, .xcsr = XCSR_READY, .xmit_time = 1000, .recv_time = 1000,
			     .line = line, .base = kl11_base(line) };
	static const char *const names[] = { "rcsr", "rbuf", "xcsr", "xbuf" };
	static const size_t offsets[] = { offsetof(struct kl11, rcsr), offsetof(struct kl11, rbuf),
					  offsetof(struct kl11, xcsr), offsetof(struct kl11, xbuf) };
	for (int i = 0; i < 4; i++)
		kl->regs[i] = (struct devreg){ .name = names[i], .addr = kl->base + 2 * (uint32_t)i,
					       .width = 16, .offset = offsets[i] };
	if (line)
		snprintf(kl->name, sizeof kl->name, "kl%d", line);
	else
		snprintf(kl->name, sizeof kl->name, "kl");
	kl->dev = (struct device){
		.name = kl->name, .lo = kl->base, .hi = kl->base + 6,
		.regs = kl->regs, .nregs = 4, .ctx = kl,
		.read = kl11_read, .write = kl11_write, .writeb = kl11_writeb, .reset = kl11_reset,
	};
}

void kl11_init(struct kl11 *kl, struct unibus *bus)
{
	kl11_setup(kl, bus, 0);
	bus_attach(bus, &kl->dev);
	kl->rirq = bus_irq_line(bus, KL_LEVEL, KL_RVEC);
	kl->xirq = bus_irq_line(bus, KL_LEVEL, KL_XVEC);
}

uint32_t kl11_base(int line)
{
	return line ? KL_LINE_BASE + 8 * (uint32_t)(line - 1) : KL_BASE;
}

uint16_t kl11_vector(int line)
{
	return line ? (uint16_t)(KL_LINE_VEC + 8 * (line - 1)) : KL_RVEC;
}

/* A further line keeps its interrupt lines (the bus cannot give them
 * back) and its place in the priority chain when removed and added again. */
int kl11_add_line(struct kl11 *kl, struct unibus *bus, int line, int rirq, int xirq)
{
	kl11_setup(kl, bus, line);
	kl->rirq = rirq;
	kl->xirq = xirq;
	if (bus_attach(bus, &kl->dev) != BUS_OK)
		return -1;
	kl11_reset(kl);
	return 0;
}

void kl11_remove_line(struct kl11 *kl)
{
	bus_cancel(kl->bus, kl11_event, kl, EV_RECV);
	bus_cancel(kl->bus, kl11_event, kl, EV_XMIT);
	bus_irq(kl->bus, kl->rirq, false);
	bus_irq(kl->bus, kl->xirq, false);
	bus_detach(kl->bus, &kl->dev);
}

/* ---- Saving and loading: the registers and timing by field list; the
 * input queue as its characters, oldest first. ---- */

static const struct state_field kl11_fields[] = {
	STATE_FIELD(struct kl11, rcsr), STATE_FIELD(struct kl11, rbuf),
	STATE_FIELD(struct kl11, xcsr), STATE_FIELD(struct kl11, xbuf),
	STATE_FIELD(struct kl11, xmit_time), STATE_FIELD(struct kl11, recv_time),
	STATE_FIELD(struct kl11, in_after),
};

void kl11_save(const struct kl11 *kl, struct state *st)
{
	state_put_fields(st, kl, kl11_fields, sizeof kl11_fields / sizeof kl11_fields[0]);
	state_put_u32(st, (uint32_t)kl->in_count);
	for (int i = 0; i < kl->in_count; i++)
		state_put_u8(st, kl->in[(kl->in_head + i) % KL_INBUF]);
	state_put_event(st, kl->bus, kl11_event, (void *)kl, EV_RECV);
	state_put_event(st, kl->bus, kl11_event, (void *)kl, EV_XMIT);
}

void kl11_load(struct kl11 *kl, struct state *st)
{
	state_get_fields(st, kl, kl11_fields, sizeof kl11_fields / sizeof kl11_fields[0]);
	uint32_t n = state_get_u32(st);
	if (n > KL_INBUF) {
		state_fail(st, "kl: %u characters of input queued (at most %d)", n, KL_INBUF);
		return;
	}
	kl->in_head = 0;
	kl->in_count = (int)n;
	state_get(st, kl->in, n);
	state_get_event(st, kl->bus, kl11_event, kl, EV_RECV);
	state_get_event(st, kl->bus, kl11_event, kl, EV_XMIT);
}
