#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static const uint16_t vectors[] = { 04, 010, 014, 020, 024, 030, 034, 0250 };

struct machine *fx_new_mem(uint32_t memsize)
{
	struct machine *m = calloc(1, sizeof *m);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(machine_init(m, memsize), 0);
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		wrw(m, vectors[i], HANDLER(vectors[i]));
		wrw(m, vectors[i] + 2u, VEC_PSW);
		wrw(m, HANDLER(vectors[i]), 0);	/* HALT */
	}
	cpu_set_psw(&m->cpu, 0);
	m->cpu.r[SP] = KSTACK;
	m->cpu.r[PC] = PROG;
	return m;
}

struct machine *fx_new(void)
{
	return fx_new_mem(DEFAULT_MEMSIZE);
}

void fx_free(struct machine *m)
{
	machine_free(m);
	free(m);
}

uint16_t rdw(struct machine *m, uint32_t pa)
{
	uint16_t v = 0;
	ck_assert_int_eq(bus_read(&m->bus, pa, &v), BUS_OK);
	return v;
}

void wrw(struct machine *m, uint32_t pa, uint16_t v)
{
	ck_assert_int_eq(bus_write(&m->bus, pa, v), BUS_OK);
}

uint16_t fx_asm(struct machine *m, uint16_t addr, const char *lines)
{
	char line[200], err[200];
	while (*lines) {
		size_t n = strcspn(lines, "\n");
		ck_assert_uint_lt(n, sizeof line);
		memcpy(line, lines, n);
		line[n] = 0;
		lines += n + (lines[n] == '\n');
		if (!line[strspn(line, " \t")])
			continue;
		uint16_t w[3];
		int nw = assemble(addr, line, w, err, sizeof err);
		ck_assert_msg(nw > 0, "assemble '%s': %s", line, err);
		for (int i = 0; i < nw; i++, addr += 2)
			wrw(m, addr, w[i]);
	}
	return addr;
}

void fx_prog(struct machine *m, const char *lines)
{
	fx_asm(m, PROG, lines);
	m->cpu.r[PC] = PROG;
	m->cpu.halted = false;	/* as the console's start after a HALT */
}

enum stop fx_run(struct machine *m, int max)
{
	enum stop s = STOP_NONE;
	for (int i = 0; i < max; i++) {
		s = cpu_step(&m->cpu);
		if (s == STOP_HALT || s == STOP_DOUBLE_BUS || s == STOP_BREAK
		    || s == STOP_WATCH || s == STOP_REQUEST)
			return s;
	}
	return s;
}

uint16_t fx_sp(struct machine *m, int mode)
{
	uint16_t psw = cpu_psw(&m->cpu);
	cpu_set_psw(&m->cpu, (uint16_t)((psw & 0037777) | mode << 14));
	uint16_t sp = m->cpu.r[SP];
	cpu_set_psw(&m->cpu, psw);
	return sp;
}

void fx_set_sp(struct machine *m, int mode, uint16_t sp)
{
	uint16_t psw = cpu_psw(&m->cpu);
	cpu_set_psw(&m->cpu, (uint16_t)((psw & 0037777) | mode << 14));
	m->cpu.r[SP] = sp;
	cpu_set_psw(&m->cpu, psw);
}
