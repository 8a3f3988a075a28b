/* KL11 console terminal interface. */
#ifndef KL11_H
#define KL11_H

#include <stdbool.h>
#include <stdint.h>

#include "unibus.h"

enum {
	KL_BASE = 0777560, KL_RVEC = 060, KL_XVEC = 064, KL_LEVEL = 4,
	KL_INBUF = 4096,
};

struct kl11 {
	struct unibus *bus;
	struct device dev;
	int rirq, xirq;
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
};

void kl11_init(struct kl11 *kl, struct unibus *bus);
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
