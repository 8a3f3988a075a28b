/* Fuzz target: the CPU, the KT11-D and the devices on random programs.
 *
 * One machine is built once; each input resets it and gives it a memory
 * size, a register and MMU state, a memory image, console input and a
 * list of device register writes made between slices of the run (the
 * interrupt storms: IE bits on the RK11, KL11 and KW11, a KW11 ticking
 * every few instructions). Whatever the program does, the emulator must
 * neither crash nor stop for a reason the guest can cause other than a
 * HALT or a double bus error. (Whether the HALT came from kernel mode
 * cannot be told from here: a trace trap taken after it loads a new PSW;
 * tests/robust checks the user-mode HALT.)
 *
 * Input (little-endian words): a 104-byte header (memory size, flags,
 * instructions, KW11 interval, PARs, PDRs, SR0, stack pointers, PSW,
 * registers, switches, a breakpoint), `nwrites` 6-byte device writes,
 * then the memory image from address 0. tests/fuzz/seeds.py writes some.
 *
 * Built with FUZZ_LOCKSTEP (lockstep_fuzz_cpu) each input runs in
 * lockstep (bus/lockstep.h): a second machine takes the state once it is
 * set up and runs the reference engine beside the fast one; a difference
 * aborts, with both states printed. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/opcodes.h"
#include "bus/machine.h"
#ifdef FUZZ_LOCKSTEP
#include "bus/lockstep.h"
#include "bus/state.h"
#endif

enum {
	HDR = 104,
	SLICES = 8,
	MAX_STEPS = 40000,     /* instructions per input */
	MAX_WRITES = 32,
	WRITE = 6,             /* bytes per device write */
};

static struct machine *m;
static char scratch[64];   /* a pack image for the RK11's DMA */
#ifdef FUZZ_LOCKSTEP
static struct machine *ref;   /* the reference engine's machine, with a pack of its own */
static struct lockstep ls;
#endif
static uint32_t regaddr[64];
static int nregaddr;

static unsigned w16(const uint8_t *p) { return p[0] | p[1] << 8; }

static void discard(void *ctx, uint8_t ch) { (void)ctx, (void)ch; }

#ifdef FUZZ_LOCKSTEP
static void say_compared(void)
{
	fprintf(stderr, "lockstep: %llu instructions compared\n", (unsigned long long)ls.steps);
}
#endif

/* A machine with an empty scratch pack on rk0. */
static struct machine *machine_new(void)
{
	struct machine *mm = calloc(1, sizeof *mm);
	if (!mm || machine_init(mm, DEFAULT_MEMSIZE) != 0)
		abort();
	const char *tmp = getenv("TMPDIR");
	snprintf(scratch, sizeof scratch, "%s/fuzzcpuXXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(scratch);
	if (fd < 0)
		abort();
	close(fd);
	char err[256];
	if (rk11_attach(&mm->rk, 0, scratch, false, false, err, sizeof err) != 0)
		abort();
	unlink(scratch);    /* the open file lives on until the process ends */
	return mm;
}

static void build(void)
{
	m = machine_new();
	m->kl.output = discard;
	/* Every register of every device, CPU registers included: the
	 * device writes pick one of these by index. */
	for (int i = 0; i < m->bus.ndev; i++)
		for (int k = 0; k < m->bus.dev[i]->nregs && nregaddr < 64; k++)
			regaddr[nregaddr++] = m->bus.dev[i]->regs[k].addr;
#ifdef FUZZ_LOCKSTEP
	ref = machine_new();
	lockstep_init(&ls, m, ref, stderr);
	atexit(say_compared);
#endif
}

/* A device write: slice (bits 0-2), byte (bit 3), raw address (bit 4);
 * a register by index or an I/O page offset; the value. */
static void device_write(struct machine *m, const uint8_t *w)
{
	uint32_t addr = w[0] & 020 ? IOPAGE + (w16(w + 2) & 017776) : regaddr[w[1] % nregaddr];
	uint16_t val = (uint16_t)w16(w + 4);
	if (w[0] & 010)
		bus_write_byte(&m->bus, addr | (val >> 15), (uint8_t)val);
	else
		bus_write(&m->bus, addr, val);
}

#ifdef FUZZ_LOCKSTEP
/* The reference machine takes the state the input set up. */
static void clone(uint32_t memsize, unsigned flags)
{
	struct state st = { 0 }, rd;
	if (ftruncate(fileno(ref->rk.drive[0].fp), 0) != 0 || machine_set_memsize(ref, memsize) != 0)
		abort();
	ref->rk.drive[0].readonly = ref->rk.drive[0].hw_readonly = flags & 1;
	machine_save(m, &st);
	state_reader(&rd, st.buf, st.len);
	machine_load(ref, &rd);
	if (st.bad || rd.bad)
		abort();
	state_free(&st);
	/* what the state leaves out: the request level the last instruction
	 * began with, PSW codes a device write left to the next boundary */
	ref->cpu.irq_seen = m->cpu.irq_seen;
	ref->cpu.psw_cc_pending = m->cpu.psw_cc_pending;
	ref->cpu.psw_cc = m->cpu.psw_cc;
	/* Recording history reads the words at PC through the bus, device
	 * registers too (RBUF gives up its character): both record it, so
	 * that lockstep looks for differences between the engines only. */
	cpu_set_history(&ref->cpu, flags & 2 ? 64 : 0);
}

/* A slice in lockstep; a difference (printed) aborts. */
static enum stop run(uint64_t n)
{
	enum stop r = lockstep_run(&ls, n, true);
	if (r == STOP_LOCKSTEP)
		abort();
	return r;
}

static void step(void)
{
	run(1);
}
#else
static enum stop run(uint64_t n) { return machine_run(m, n); }
static void step(void) { cpu_step(&m->cpu); }
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!m)
		build();
	if (size < HDR)
		return 0;
	const uint8_t *h = data;
	uint32_t memsize = (1u + h[0] % (MEM_MAX / 4096)) * 4096;
	unsigned flags = h[1];
	uint64_t steps = 1 + w16(h + 2) % MAX_STEPS;
	unsigned kwint = w16(h + 4);
	int nwrites = h[6] % (MAX_WRITES + 1);
	const uint8_t *writes = data + HDR;
	if (size < HDR + WRITE * (size_t)nwrites)
		nwrites = (int)((size - HDR) / WRITE);
	const uint8_t *img = writes + WRITE * nwrites;
	size_t imglen = size - HDR - WRITE * (size_t)nwrites;

	/* Reset: console start, memory cleared, the pack emptied. */
	struct cpu *cpu = &m->cpu;
	machine_reset(m);
	m->kl.in_count = 0;
	if (ftruncate(fileno(m->rk.drive[0].fp), 0) != 0)
		abort();
	if (machine_set_memsize(m, MEM_MAX) != 0)
		abort();
	memset(m->bus.mem, 0, MEM_MAX);
	memcpy(m->bus.mem, img, imglen < MEM_MAX ? imglen : MEM_MAX);
	if (machine_set_memsize(m, memsize) != 0)
		abort();
	/* 0: the 60 Hz of virtual time; else a tick every few instructions */
	kw11_set_interval(&m->kw, kwint ? 1 + kwint % 2000 : VIRTUAL_TICK);
	m->rk.drive[0].readonly = m->rk.drive[0].hw_readonly = flags & 1;

	/* Registers and MMU through the bus, as a program would set them;
	 * the PSW last so that the stack pointers land in the right mode. */
	for (int i = 0; i < 8; i++) {
		bus_write(&m->bus, ADDR_KPAR + 2 * i, (uint16_t)w16(h + 8 + 2 * i));
		bus_write(&m->bus, ADDR_KPDR + 2 * i, (uint16_t)w16(h + 24 + 2 * i));
		bus_write(&m->bus, ADDR_UPAR + 2 * i, (uint16_t)w16(h + 40 + 2 * i));
		bus_write(&m->bus, ADDR_UPDR + 2 * i, (uint16_t)w16(h + 56 + 2 * i));
	}
	bus_write(&m->bus, ADDR_SR0, (uint16_t)w16(h + 72));
	for (int i = 0; i < 4; i++)
		cpu->sp[i] = (uint16_t)w16(h + 74 + 2 * i);
	cpu_set_psw(cpu, (uint16_t)w16(h + 82));
	for (int i = 0; i < 8; i++)
		cpu->r[i] = (uint16_t)w16(h + 84 + 2 * i);
	m->sw.sr = (uint16_t)w16(h + 100);
	if (flags & 2)
		cpu_set_history(cpu, 64);
	if (flags & 4) {
		cpu->breakmap = calloc(1, 65536);
		if (!cpu->breakmap)
			abort();
		cpu->breakmap[w16(h + 102)] = 1;
		cpu_update_hooks(cpu);
	}
	if (flags & 8)
		kl11_input(&m->kl, h + 84, 16);
#ifdef FUZZ_LOCKSTEP
	clone(memsize, flags);
#endif

	/* Run in slices; the device writes fall between them. A HALT or a
	 * breakpoint is a console stop: the operator continues. */
	int next = 0;
	for (int sl = 0; sl < SLICES; sl++) {
		for (; next < nwrites && (writes[WRITE * next] & 7) <= sl; next++) {
			device_write(m, writes + WRITE * next);
#ifdef FUZZ_LOCKSTEP
			device_write(ref, writes + WRITE * next);
#endif
		}
		enum stop r = run(steps / SLICES + 1);
		if (r == STOP_DOUBLE_BUS)
			break;
		if (r != STOP_SLICE && r != STOP_WAIT && r != STOP_HALT && r != STOP_BREAK && r != STOP_NONE)
			abort();    /* nothing else may stop an unhooked machine */
		if (flags & 16)
			step();
	}
#ifdef FUZZ_LOCKSTEP
	if (!lockstep_same_state(&ls))
		abort();
#endif

	/* The monitor's views of the state must hold up too. */
	uint16_t w[3] = { 0, 0, 0 };
	for (int k = 0; k < 3; k++)
		cpu_peek(cpu, (uint16_t)(cpu->r[PC] + 2 * k), cpu_mode(cpu), &w[k]);
	char dis[80];
	disassemble(cpu->r[PC], w, dis, sizeof dis, NULL, NULL);
	uint32_t pa;
	cpu_translate(cpu, cpu->r[SP], MODE_USER, true, &pa);
	cpu_translate(cpu, cpu->r[PC], MODE_KERNEL, false, &pa);

	free(cpu->breakmap);
	cpu->breakmap = NULL;
	cpu_set_history(cpu, 0);
	return 0;
}
