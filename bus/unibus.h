/* The Unibus: memory, the I/O page, interrupt arbitration and the event
 * queue. The CPU talks to everything through this; devices plug in with
 * struct device and never see the CPU. */
#ifndef UNIBUS_H
#define UNIBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	BUS_OK = 0,
	BUS_ERR = -1,          /* no memory or no device answered: trap to 4 */
	IOPAGE = 0760000,      /* 18-bit physical base of the I/O page */
	PHYS_TOP = 01000000,   /* 18-bit physical address space */
	MEM_MAX = IOPAGE,      /* 248 KB: memory never overlaps the I/O page */
	MAX_DEVICES = 24,
	MAX_IRQ_LINES = 32,
	MAX_EVENTS = 32,
};

/* A register as the monitor sees it: `e rk rkcs`, `d kl xcsr 200`. It
 * points at the device's state (as simh's REG tables do), so that the
 * monitor reads and writes the register itself, with none of the side
 * effects of a bus cycle (reading the KL11's RBUF takes the character). */
struct devreg {
	const char *name;      /* lower case, as the handbook names it */
	uint32_t addr;         /* 18-bit physical address */
	int width;             /* bits */
	size_t offset;         /* where it lives in the device's ctx: uint16_t, or uint32_t past 16 bits */
	/* A register made of parts (RKDS, the PSW) has a get, which composes
	 * it as a program would read it; one that other state follows (a PAR,
	 * SR0, the PSW) has a set, which stores it and brings that state up
	 * to date. */
	uint32_t (*get)(const void *ctx, const struct devreg *r);
	void (*set)(void *ctx, const struct devreg *r, uint32_t val);
};

/* One device on the bus. read/write get 18-bit even addresses inside
 * [lo, hi]; they return BUS_OK or BUS_ERR. writeb may be NULL: the bus then
 * reads the word, merges the byte and writes the word back. */
struct device {
	const char *name;
	uint32_t lo, hi;
	const struct devreg *regs;
	int nregs;
	void *ctx;
	int (*read)(void *ctx, uint32_t addr, uint16_t *val);
	int (*write)(void *ctx, uint32_t addr, uint16_t val);
	int (*writeb)(void *ctx, uint32_t addr, uint8_t val);
	void (*reset)(void *ctx);  /* Unibus INIT: RESET instruction, console start */
};

/* An interrupt request line: a device owns one per vector (the KL11 has two).
 * Lines registered first are electrically nearer the CPU and win ties. */
struct irq_line {
	int level;             /* BR4..BR7 */
	uint16_t vector;
	bool requesting;
	void (*granted)(void *ctx);  /* optional: told when the CPU takes it */
	void *ctx;
};

typedef void event_fn(void *ctx, int arg);

struct event {
	uint64_t when;         /* bus time (instructions) */
	event_fn *fn;
	void *ctx;
	int arg;
};

struct unibus {
	uint16_t *mem;          /* memory words; mem[pa >> 1] */
	uint32_t memsize;       /* bytes, a multiple of 4 KB, <= MEM_MAX */

	struct device *dev[MAX_DEVICES];
	int ndev;
	uint8_t iomap[(PHYS_TOP - IOPAGE) / 2];  /* word in I/O page -> dev index + 1 */

	struct irq_line irq[MAX_IRQ_LINES];
	int nirq;
	int irq_level;          /* highest level requesting, 0 if none */

	/* Time counts instructions executed. The CPU runs until `deadline`,
	 * the earlier of the next event and the end of its slice; anything
	 * that needs the CPU's attention sooner (an interrupt request, a new
	 * event) pulls the deadline in to `now`. */
	uint64_t now;
	uint64_t deadline;
	uint64_t slice_end;
	struct event ev[MAX_EVENTS];
	int nev;
};

int bus_init(struct unibus *bus, uint32_t memsize);
void bus_free(struct unibus *bus);
int bus_set_memsize(struct unibus *bus, uint32_t memsize);
int bus_attach(struct unibus *bus, struct device *dev);
void bus_detach(struct unibus *bus, struct device *dev);
struct device *bus_find_device(struct unibus *bus, const char *name);
const struct devreg *bus_find_reg(struct unibus *bus, const char *dev, const char *reg);
/* The register at an I/O page address (the first, where two share it), or
 * NULL; *owner its device. */
const struct devreg *bus_reg_at(struct unibus *bus, uint32_t pa, struct device **owner);
/* The device whose table holds r. */
struct device *bus_reg_owner(struct unibus *bus, const struct devreg *r);
/* A register's value, and a new value, from and to the device's state:
 * no bus cycle. The value is cut to the register's width. */
uint32_t devreg_get(const struct device *d, const struct devreg *r);
void devreg_set(const struct device *d, const struct devreg *r, uint32_t val);

/* The device that answers at an address of the I/O page, or NULL. */
static inline struct device *bus_io_device(const struct unibus *bus, uint32_t pa)
{
	int i = bus->iomap[(pa - IOPAGE) >> 1];
	return i ? bus->dev[i - 1] : NULL;
}

/* Physical access, 18-bit addresses. Word access needs an even address. */
int bus_read(struct unibus *bus, uint32_t pa, uint16_t *val);
/* The same without side effects: device registers from their state. */
int bus_peek(struct unibus *bus, uint32_t pa, uint16_t *val);
int bus_write(struct unibus *bus, uint32_t pa, uint16_t val);
int bus_read_byte(struct unibus *bus, uint32_t pa, uint8_t *val);
int bus_write_byte(struct unibus *bus, uint32_t pa, uint8_t val);

/* Unibus INIT to every device. */
void bus_reset(struct unibus *bus);

/* Interrupts. */
int bus_irq_line(struct unibus *bus, int level, uint16_t vector);
void bus_irq(struct unibus *bus, int line, bool on);
/* A device that queues several interrupts behind one line (the RK11) learns
 * of each grant, to present the next. */
void bus_irq_on_grant(struct unibus *bus, int line, void (*granted)(void *ctx), void *ctx);
/* Grant the highest request above `priority`: returns its vector and drops
 * the request (the device sees its bus grant), or -1 if none qualifies. */
int bus_irq_ack(struct unibus *bus, int priority);

/* Events in bus time. Scheduling the same (fn, ctx, arg) again replaces it. */
void bus_schedule(struct unibus *bus, uint64_t delay, event_fn *fn, void *ctx, int arg);
void bus_cancel(struct unibus *bus, event_fn *fn, void *ctx, int arg);
bool bus_scheduled(const struct unibus *bus, event_fn *fn, void *ctx, int arg);
uint64_t bus_next_event(const struct unibus *bus);  /* UINT64_MAX if none */
void bus_run_events(struct unibus *bus);            /* all events due at now */
void bus_update_deadline(struct unibus *bus);

/* Saving and loading (state.h): the bus saves memory, time, the request
 * lines and the length of the event queue; each device saves its own
 * events with their places (bus_event_slot) and puts them back
 * (bus_event_place); bus_events_complete tells whether every place was
 * filled. bus_load takes memory of the size the machine has. */
struct state;
void bus_save(const struct unibus *bus, struct state *st);
void bus_load(struct unibus *bus, struct state *st);
int bus_event_slot(const struct unibus *bus, event_fn *fn, void *ctx, int arg, uint64_t *when);
int bus_event_place(struct unibus *bus, int slot, uint64_t when, event_fn *fn, void *ctx, int arg);
bool bus_events_complete(const struct unibus *bus);

#endif
