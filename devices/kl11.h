/* KL11 console terminal interface, and the further KL11/DL11-A lines. */
#ifndef KL11_H
#define KL11_H

#include <stdbool.h>
#include <stdint.h>

#include "bus/unibus.h"

enum {
	KL_BASE = 0777560, KL_RVEC = 060, KL_XVEC = 064, KL_LEVEL = 4,
	KL_INBUF = 4096,
	/* Lines 1 and up: V6's kl.c puts minor N at KLBASE 776500 + 8(N-1);
	 * mkconf floats their vectors from 300 (klin; br4+N. / klou; br4+N.),
	 * 300+8(N-1) receive and 304+8(N-1) transmit when no other floating
	 * device comes before them. */
	KL_LINE_BASE = 0776500, KL_LINE_VEC = 0300,
	KL_LINES_MAX = 8,       /* the console and seven more */
};

struct kl11 {
	struct unibus *bus;
	struct device dev;
	int rirq, xirq;
	int line;               /* 0: the console */
	uint32_t base;
	char name[8];
	struct devreg regs[4];
	uint16_t rcsr, rbuf, xcsr, xbuf;
	uint64_t xmit_time;     /* instructions per character sent */
	uint64_t recv_time;     /* instructions between characters received */

	/* Input waiting to be received: filled by the terminal or by a script's send. */
	uint8_t in[KL_INBUF];
	int in_head, in_count;
	uint64_t in_after;      /* no input taken before this bus time */

	/* Each character the guest sends goes here. */
	void (*output)(void *ctx, uint8_t ch);
	void *output_ctx;
	/* Optional: true while the far end cannot take a character (a telnet
	 * client's buffer is full); the character waits, none is lost. */
	bool (*output_busy)(void *ctx);
};

/* The console line (777560, vectors 60 and 64), attached to the bus. */
void kl11_init(struct kl11 *kl, struct unibus *bus);
/* Line N >= 1 attached to the bus with interrupt lines the caller made
 * (bus_irq_line at kl11_vector(N) and + 4); 0, or -1 if it does not fit. */
int kl11_add_line(struct kl11 *kl, struct unibus *bus, int line, int rirq, int xirq);
void kl11_remove_line(struct kl11 *kl);
uint32_t kl11_base(int line);
uint16_t kl11_vector(int line);     /* receive; transmit is 4 above */
/* Queue characters for the guest. Returns how many fit. One enters RBUF
 * recv_time after the receiver is free (RBUF read) and not before in_after. */
int kl11_input(struct kl11 *kl, const uint8_t *s, int n);
/* All queued input has been read from RBUF by the guest. */
bool kl11_input_idle(const struct kl11 *kl);
/* The KL11's state with its pending events and queued input (state.h). */
struct state;
void kl11_save(const struct kl11 *kl, struct state *st);
void kl11_load(struct kl11 *kl, struct state *st);

#endif
