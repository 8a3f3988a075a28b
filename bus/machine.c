/* The PDP-11/40 configuration for V6: CPU, memory, RK11, KL11, KW11-L and
 * the switch register on one Unibus. */
#include "machine.h"
#include "state.h"

#include <stdio.h>
#include <string.h>

int machine_init(struct machine *m, uint32_t memsize)
{
	memset(m, 0, sizeof *m);
	if (bus_init(&m->bus, memsize) != BUS_OK)
		return -1;
	cpu_init(&m->cpu, &m->bus);
	if (cpu_attach(&m->cpu) != BUS_OK)
		return -1;
	/* Bus order is priority order within a level: the disk is nearest. */
	rk11_init(&m->rk, &m->bus);
	kl11_init(&m->kl, &m->bus);
	kw11_init(&m->kw, &m->bus);
	swreg_init(&m->sw, &m->bus);
	m->kl_lines = 1;
	for (int i = 0; i < KL_LINES_MAX - 1; i++)
		m->kline_irq[i][0] = m->kline_irq[i][1] = -1;
	machine_reset(m);
	return 0;
}

void machine_free(struct machine *m)
{
	rk11_detach_all(&m->rk);
	cpu_set_history(&m->cpu, 0);
	bus_free(&m->bus);
}

int machine_set_memsize(struct machine *m, uint32_t memsize)
{
	if (bus_set_memsize(&m->bus, memsize) != BUS_OK)
		return -1;
	mmu_refresh(&m->cpu);	/* what is memory decides the fast paths */
	return 0;
}

int machine_set_kl_lines(struct machine *m, int n)
{
	if (n < 1 || n > KL_LINES_MAX)
		return -1;
	for (int line = n; line < m->kl_lines; line++)
		kl11_remove_line(&m->kline[line - 1]);
	for (int line = m->kl_lines; line < n; line++) {
		int *irq = m->kline_irq[line - 1];
		if (irq[0] < 0) {
			irq[0] = bus_irq_line(&m->bus, KL_LEVEL, kl11_vector(line));
			irq[1] = bus_irq_line(&m->bus, KL_LEVEL, (uint16_t)(kl11_vector(line) + 4));
		}
		if (irq[0] < 0 || irq[1] < 0 ||
		    kl11_add_line(&m->kline[line - 1], &m->bus, line, irq[0], irq[1]) != 0) {
			m->kl_lines = line;
			return -1;
		}
	}
	m->kl_lines = n;
	return 0;
}

void machine_reset(struct machine *m)
{
	cpu_reset(&m->cpu);
	bus_reset(&m->bus);
}

/* Run up to n instructions. A WAIT skips ahead to the next event: device
 * delays are counted in instructions, so an idle CPU need not spend them.
 * Only a WAIT that no event can end (in real time: until the next tick of
 * the wall clock, or input) returns STOP_WAIT, for the program to sleep.
 * This makes virtual time deterministic and an idle guest cheap. */
enum stop machine_run(struct machine *m, uint64_t n)
{
	struct unibus *bus = &m->bus;
	uint64_t end = bus->now + n;

	for (;;) {
		bus->slice_end = end;
		bus_update_deadline(bus);
		enum stop s = cpu_run(&m->cpu);
		if (s != STOP_WAIT)
			return s;
		uint64_t next = bus_next_event(bus);
		if (next == UINT64_MAX)
			return STOP_WAIT;
		if (next > bus->now) {
			m->cpu.idle += next - bus->now;
			bus->now = next;
		}
		if (bus->now >= end)
			return STOP_SLICE;	/* the event runs at the next call */
	}
}

int machine_boot_rk(struct machine *m, int unit, char *err, int errsize)
{
	uint8_t block[512];
	if (rk11_read_block(&m->rk, unit, 0, block) != 0) {
		snprintf(err, (size_t)errsize, "rk%d: no disk attached", unit);
		return -1;
	}
	machine_reset(m);
	for (int i = 0; i < 256; i++)
		m->bus.mem[i] = (uint16_t)(block[2 * i] | block[2 * i + 1] << 8);
	m->cpu.r[PC] = 0;
	return 0;
}

/* The terminal lines: how many, then the console and each further line.
 * The count is the machine's configuration (set kl lines=N), like its
 * memory size: a snapshot of another count does not fit. */
static void kl_save_all(const struct machine *m, struct state *st)
{
	state_put_u32(st, (uint32_t)m->kl_lines);
	kl11_save(&m->kl, st);
	for (int i = 0; i < m->kl_lines - 1; i++)
		kl11_save(&m->kline[i], st);
}

static void kl_load_all(struct machine *m, struct state *st)
{
	uint32_t lines = state_get_u32(st);
	if (!st->bad && lines != (uint32_t)m->kl_lines)
		state_fail(st, "kl: %u terminal lines in the snapshot, %d here (set kl lines=%u first)",
			   lines, m->kl_lines, lines);
	kl11_load(&m->kl, st);
	for (int i = 0; i < m->kl_lines - 1 && !st->bad; i++)
		kl11_load(&m->kline[i], st);
}

static void bus_save_of(const struct machine *m, struct state *st) { bus_save(&m->bus, st); }
static void bus_load_of(struct machine *m, struct state *st) { bus_load(&m->bus, st); }
static void cpu_save_of(const struct machine *m, struct state *st) { cpu_save(&m->cpu, st); }
static void cpu_load_of(struct machine *m, struct state *st) { cpu_load(&m->cpu, st); }
static void rk_save_of(const struct machine *m, struct state *st) { rk11_save(&m->rk, st); }
static void rk_load_of(struct machine *m, struct state *st) { rk11_load(&m->rk, st); }
static void kw_save_of(const struct machine *m, struct state *st) { kw11_save(&m->kw, st); }
static void kw_load_of(struct machine *m, struct state *st) { kw11_load(&m->kw, st); }
static void sr_save_of(const struct machine *m, struct state *st) { swreg_save(&m->sw, st); }
static void sr_load_of(struct machine *m, struct state *st) { swreg_load(&m->sw, st); }

/* One section per part, in this order. */
static const struct {
	const char *name;
	void (*save)(const struct machine *m, struct state *st);
	void (*load)(struct machine *m, struct state *st);
} sections[] = {
	{ "bus", bus_save_of, bus_load_of }, { "cpu", cpu_save_of, cpu_load_of },
	{ "rk", rk_save_of, rk_load_of },    { "kl", kl_save_all, kl_load_all },
	{ "kw", kw_save_of, kw_load_of },    { "sr", sr_save_of, sr_load_of },
};

void machine_save(const struct machine *m, struct state *st)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		size_t k = state_begin(st, sections[i].name);
		sections[i].save(m, st);
		state_end(st, k);
	}
}

void machine_load(struct machine *m, struct state *st)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		size_t end = state_open(st, sections[i].name);
		sections[i].load(m, st);
		state_close(st, end);
	}
	bus_update_deadline(&m->bus);
}
