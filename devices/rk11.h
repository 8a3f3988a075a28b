/* RK11-D controller with up to eight RK05 drives (Peripherals Handbook). */
#ifndef RK11_H
#define RK11_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "bus/unibus.h"

enum {
	RK_DRIVES = 8,
	RK_CYLS = 203, RK_SURFS = 2, RK_SECTS = 12,
	RK_WORDS_PER_SECT = 256,
	RK_BLOCKS = RK_CYLS * RK_SURFS * RK_SECTS,     /* 4872 */
	RK_PACK_BYTES = RK_BLOCKS * 512,               /* 2,494,464 */
	RK_BASE = 0777400, RK_VECTOR = 0220, RK_LEVEL = 5,
};

struct rk05 {
	FILE *fp;              /* NULL: no pack loaded */
	char *path;
	bool readonly;         /* write lock (attach -r, read-only file or the WLK function) */
	bool hw_readonly;      /* attached read-only: a drive reset does not unlock */
	bool wlk_switch;       /* the operator's WRITE LOCK (set rkN locked): kept across packs */
	dev_t st_dev;          /* identity of the image, to refuse attaching it twice */
	ino_t st_ino;
	int cyl;               /* head position, for seek timing */
	bool seeking;          /* a seek or drive reset is moving the heads */
	int func;              /* function the drive's pending event completes */
};

struct rk11 {
	struct unibus *bus;
	struct device dev;
	int irq;
	uint16_t rkds, rker, rkcs, rkwc, rkba, rkda;
	struct rk05 drive[RK_DRIVES];
	int ndrives;           /* drives cabled to the controller: higher units give NXD */
	int xfer_unit;         /* drive doing the current read/write/check, -1 none */
	int last_drive;        /* RKDS ID for the controller's own interrupt */
	unsigned intq;         /* pending interrupts: bit 0 controller, bit 1+n seek done on drive n */
	bool irq_on;           /* intq bit irq_bit is on the request line */
	int irq_bit;
	uint64_t seek_time, xfer_time;   /* instructions per cylinder / per sector */
	uint64_t settle_time;  /* head settle and rotational latency, per function */
	/* Told before a block of a pack is written (reverse execution keeps
	 * the old contents); NULL: nobody asks. */
	void (*journal)(void *ctx, int unit, int block);
	void *journal_ctx;
};

void rk11_init(struct rk11 *rk, struct unibus *bus);
/* Attach an image file (shorter than a pack is fine: the rest reads as
 * zeros). Returns 0; 1 with a notice in err when a read-only file was
 * attached read-only though writing was asked; -1 with a one-line
 * message in err. Attaching to an attached unit replaces its pack. */
int rk11_attach(struct rk11 *rk, int unit, const char *path, bool readonly, bool create,
		char *err, int errsize);
/* Flush and close the pack (0, or -1 if the close failed or no such unit).
 * A function still running on the drive then ends with DRE. */
/* The WRITE LOCK switch: locked, or write enabled (a pack opened
 * read-only is opened again for writing). 0; 1 with a notice in err when
 * the file itself is read-only and stays locked; -1 with a message. */
int rk11_set_lock(struct rk11 *rk, int unit, bool locked, char *err, int errsize);
int rk11_detach(struct rk11 *rk, int unit);
void rk11_detach_all(struct rk11 *rk);
/* Read 512-byte block `block` of drive `unit` into buf (boot): 0, or -1
 * if no pack is loaded or the block is past the end of the pack. */
int rk11_read_block(struct rk11 *rk, int unit, int block, uint8_t *buf);

/* The controller's and drives' state with pending events (state.h); which
 * packs are attached is the caller's to check, and stays as it is. */
struct state;
void rk11_save(const struct rk11 *rk, struct state *st);
void rk11_load(struct rk11 *rk, struct state *st);
/* A pack's image as a whole: its size in bytes (-1: no pack), its bytes,
 * and writing it back (the file cut to size); block writes for undoing.
 * 0, or -1 with errno set. */
long rk11_image_size(struct rk11 *rk, int unit);
int rk11_image_read(struct rk11 *rk, int unit, uint8_t *buf, size_t size);
int rk11_image_write(struct rk11 *rk, int unit, const uint8_t *buf, size_t size);
int rk11_block_write(struct rk11 *rk, int unit, int block, const uint8_t *buf);
int rk11_image_truncate(struct rk11 *rk, int unit, long size);

#endif
