/* The PDP-11/40 as configured for V6: CPU, memory and devices on one Unibus.
 * One struct holds the whole machine; everything takes it explicitly. */
#ifndef MACHINE_H
#define MACHINE_H

#include "cpu/cpu.h"
#include "devices/kl11.h"
#include "devices/kw11.h"
#include "devices/rk11.h"
#include "devices/swreg.h"
#include "unibus.h"

enum {
	DEFAULT_MEMSIZE = 248 * 1024,
	/* Virtual time: the 11/40 ran V6 at roughly a million instructions a
	 * second; a 60 Hz tick every 16667 instructions keeps that ratio. */
	VIRTUAL_TICK = 16667,
	VIRTUAL_IPS = 1000000,
};

struct machine {
	struct unibus bus;
	struct cpu cpu;
	struct rk11 rk;
	struct kl11 kl;          /* the console */
	/* Further terminal lines: kline[N - 1] is line N (kl1..), the first
	 * kl_lines - 1 of them on the bus. */
	struct kl11 kline[KL_LINES_MAX - 1];
	int kl_lines;
	int kline_irq[KL_LINES_MAX - 1][2];   /* made once, -1 until then */
	struct kw11 kw;
	struct swreg sw;
};

int machine_init(struct machine *m, uint32_t memsize);
void machine_free(struct machine *m);
/* Change the memory size (4 KB steps, at most 248 KB). */
int machine_set_memsize(struct machine *m, uint32_t memsize);
/* Lines on the bus, the console included (1 to KL_LINES_MAX). */
int machine_set_kl_lines(struct machine *m, int n);
/* Power-up style reset of CPU and devices; memory kept. */
void machine_reset(struct machine *m);
/* Run up to n instructions (events, interrupts and WAIT handled).
 * In virtual time a WAIT skips to the next event. */
enum stop machine_run(struct machine *m, uint64_t n);
/* Boot as simh's `boot rk0`: block 0 to address 0, start at 0. */
int machine_boot_rk(struct machine *m, int unit, char *err, int errsize);
/* The whole machine's state, device by device, in sections (state.h);
 * attached packs' contents are the caller's. Loading needs a machine of
 * the same memory size; a bad state leaves st->bad and st->why set and the
 * machine in pieces (the caller keeps a copy to go back to). */
struct state;
void machine_save(const struct machine *m, struct state *st);
void machine_load(struct machine *m, struct state *st);

#endif
