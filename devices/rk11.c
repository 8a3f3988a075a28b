/* RK11-D disk controller with RK05 drives (PDP-11 Peripherals Handbook).
 *
 * GO checks a function and schedules the drive's event after seek and
 * rotation time; the event moves the data in one go and leaves RKWC, RKBA,
 * RKDA and RKCS<5:4> as the hardware would at the end of the transfer.
 * Seeks and drive resets free the controller at once and report search
 * complete (SCP) later, so several drives may seek while one transfers.
 *
 * An image is a plain file of 512-byte blocks in RK05 order, low byte of
 * each word first. It may be shorter than a pack: the rest reads as zeros
 * and writes extend it. Every write reaches the file (fflush) before the
 * controller reports done. */
#include "rk11.h"
#include "bus/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	/* RKDS */
	DS_ID = 0160000, DS_RK05 = 04000, DS_SOK = 0400, DS_DRY = 0200,
	DS_RWS = 0100, DS_WPS = 040, DS_SCSA = 020,
	/* RKER */
	ER_DRE = 0100000, ER_OVR = 040000, ER_WLO = 020000, ER_PGE = 04000,
	ER_NXM = 02000, ER_NXD = 0200, ER_NXC = 0100, ER_NXS = 040, ER_WCE = 1,
	ER_SOFT = 03, ER_HARD = 0177740,
	/* RKCS */
	CS_ERR = 0100000, CS_HE = 040000, CS_SCP = 020000, CS_INH = 04000,
	CS_FMT = 02000, CS_SSE = 0400, CS_RDY = 0200, CS_IDE = 0100,
	CS_MEX = 060, CS_FUNC = 016, CS_GO = 1,
	CS_WRITABLE = CS_INH | CS_FMT | CS_SSE | CS_IDE | CS_MEX | CS_FUNC,
	/* RKDA */
	DA_DRIVE = 0160000,
	/* RKCS<3:1> */
	F_CRESET = 0, F_WRITE, F_READ, F_WCHK, F_SEEK, F_RCHK, F_DRESET, F_WLK,
	BLOCK_BYTES = 2 * RK_WORDS_PER_SECT,
};

static uint32_t rk_composed(const void *ctx, const struct devreg *r);

static const struct devreg rk11_regs[] = {
	{ .name = "rkds", .addr = RK_BASE + 000, .width = 16, .get = rk_composed,
	  .offset = offsetof(struct rk11, rkds) },
	{ .name = "rker", .addr = RK_BASE + 002, .width = 16, .offset = offsetof(struct rk11, rker) },
	{ .name = "rkcs", .addr = RK_BASE + 004, .width = 16, .get = rk_composed,
	  .offset = offsetof(struct rk11, rkcs) },
	{ .name = "rkwc", .addr = RK_BASE + 006, .width = 16, .offset = offsetof(struct rk11, rkwc) },
	{ .name = "rkba", .addr = RK_BASE + 010, .width = 16, .offset = offsetof(struct rk11, rkba) },
	{ .name = "rkda", .addr = RK_BASE + 012, .width = 16, .offset = offsetof(struct rk11, rkda) },
};

static void rk11_event(void *ctx, int arg);

/* ---- Interrupts ----
 * The RK11 has one request line but queues a controller interrupt and one
 * search-complete interrupt per drive; RKDS<15:13> names the drive whose
 * interrupt is presented. The bus tells us of each grant (irq_granted),
 * and the next queued interrupt is presented then. */

static void irq_drop(struct rk11 *rk)
{
	bus_irq(rk->bus, rk->irq, false);
	rk->irq_on = false;
}

static void irq_update(struct rk11 *rk)
{
	if (!(rk->rkcs & CS_IDE))
		rk->intq = 0;
	if (!rk->irq_on && rk->intq && (rk->rkcs & CS_RDY)) {
		int bit = ffs((int)rk->intq) - 1;
		int drive = bit == 0 ? rk->last_drive : bit - 1;
		rk->rkds = (uint16_t)((rk->rkds & ~DS_ID) | drive << 13);
		rk->irq_bit = bit;
		rk->irq_on = true;
		bus_irq(rk->bus, rk->irq, true);
	}
}

static void irq_granted(void *ctx)
{
	struct rk11 *rk = ctx;
	rk->intq &= ~(1u << rk->irq_bit);
	rk->irq_on = false;
	irq_update(rk);
}

static void set_done(struct rk11 *rk, uint16_t err)
{
	rk->rker |= err;
	rk->rkcs |= CS_RDY;
	if (rk->rkcs & CS_IDE)
		rk->intq |= 1;
	irq_update(rk);
}

static void clear_done(struct rk11 *rk)
{
	rk->rkcs &= ~CS_RDY;
	rk->intq &= ~1u;
	irq_drop(rk);
}

/* ---- Image access ---- */

static int block_of(uint16_t rkda)
{
	int track = (rkda >> 4) & 0777;    /* cylinder and surface */
	return track * RK_SECTS + (rkda & 017);
}

static uint16_t rkda_of(int block)
{
	return (uint16_t)((block / RK_SECTS) << 4 | block % RK_SECTS);
}

static void io_error(struct rk11 *rk, int unit, const char *what)
{
	fprintf(stderr, "rk%d: %s: %s error: %s\n", unit, rk->drive[unit].path, what, strerror(errno));
}

/* A block past the end of a short image reads as zeros. */
static int read_sector(struct rk11 *rk, int unit, int block, uint16_t *w)
{
	FILE *fp = rk->drive[unit].fp;
	uint8_t b[BLOCK_BYTES] = { 0 };
	if (fseek(fp, (long)block * BLOCK_BYTES, SEEK_SET) != 0) {
		io_error(rk, unit, "seek");
		return -1;
	}
	if (fread(b, 1, sizeof b, fp) < sizeof b && ferror(fp)) {
		io_error(rk, unit, "read");
		clearerr(fp);
		return -1;
	}
	clearerr(fp);
	for (int i = 0; i < RK_WORDS_PER_SECT; i++)
		w[i] = (uint16_t)(b[2 * i] | b[2 * i + 1] << 8);
	return 0;
}

static int write_sector(struct rk11 *rk, int unit, int block, const uint16_t *w)
{
	FILE *fp = rk->drive[unit].fp;
	uint8_t b[BLOCK_BYTES];
	if (rk->journal)
		rk->journal(rk->journal_ctx, unit, block);
	for (int i = 0; i < RK_WORDS_PER_SECT; i++) {
		b[2 * i] = (uint8_t)w[i];
		b[2 * i + 1] = (uint8_t)(w[i] >> 8);
	}
	if (fseek(fp, (long)block * BLOCK_BYTES, SEEK_SET) != 0 || fwrite(b, 1, sizeof b, fp) != sizeof b) {
		io_error(rk, unit, "write");
		clearerr(fp);
		return -1;
	}
	return 0;
}

/* ---- Functions ---- */

/* Read, write, write check or read check, from RKDA for -RKWC words at
 * RKCS<5:4>:RKBA. Returns the RKER bits it sets. */
static uint16_t transfer(struct rk11 *rk, int unit)
{
	struct rk05 *d = &rk->drive[unit];
	struct unibus *bus = rk->bus;
	bool fmt = rk->rkcs & CS_FMT, inh = rk->rkcs & CS_INH;
	uint32_t ma = (uint32_t)(rk->rkcs & CS_MEX) << 12 | rk->rkba;
	uint32_t wc = 0200000 - rk->rkwc;          /* RKWC 0 means 65536 words */
	int block = block_of(rk->rkda), sectors = 0;
	uint32_t moved = 0;
	uint16_t err = 0, buf[RK_WORDS_PER_SECT];

	if (!d->fp)
		return ER_DRE;                      /* pack unloaded while busy */
	while (moved < wc) {
		int blk = block + sectors;
		if (blk >= RK_BLOCKS) {
			err |= ER_OVR;              /* ran off the last cylinder */
			break;
		}
		/* Formatting moves one header word (the cylinder, as in RKDA)
		 * per sector; headers are not kept in the image. */
		uint32_t n = wc - moved, i = 0;
		if (n > (fmt ? 1u : RK_WORDS_PER_SECT))
			n = fmt ? 1 : RK_WORDS_PER_SECT;
		switch (d->func) {
		case F_READ:
			if (fmt)
				buf[0] = (uint16_t)(blk / (RK_SECTS * RK_SURFS) << 5);
			else if (read_sector(rk, unit, blk, buf) != 0)
				return err | ER_DRE;
			for (; i < n; i++, ma += inh ? 0 : 2)
				if (bus_write(bus, ma, buf[i]) != BUS_OK)
					break;
			break;
		case F_WRITE:
			for (; i < n; i++, ma += inh ? 0 : 2)
				if (bus_read(bus, ma, &buf[i]) != BUS_OK)
					break;
			/* A partial sector is finished with zeros. */
			memset(buf + i, 0, (RK_WORDS_PER_SECT - i) * sizeof buf[0]);
			if (i > 0 && !fmt && write_sector(rk, unit, blk, buf) != 0)
				return err | ER_DRE;
			break;
		case F_WCHK:
			if (read_sector(rk, unit, blk, buf) != 0)
				return err | ER_DRE;
			for (; i < n; i++, ma += inh ? 0 : 2) {
				uint16_t w;
				if (bus_read(bus, ma, &w) != BUS_OK)
					break;
				if (w != buf[i])
					err |= ER_WCE;
			}
			break;
		default:        /* read check: the data is only checked against its own checksum */
			i = n;
			ma += inh ? 0 : 2 * n;
			break;
		}
		moved += i;
		if (i > 0)
			sectors++;
		if (i < n) {
			err |= ER_NXM;
			break;
		}
		/* Stop on soft error: at the end of the sector in error. */
		if ((err & ER_WCE) && (rk->rkcs & CS_SSE))
			break;
	}
	if (d->func == F_WRITE && fflush(d->fp) != 0) {
		io_error(rk, unit, "write");
		err |= ER_DRE;
	}
	rk->rkwc = (uint16_t)(rk->rkwc + moved);
	rk->rkba = (uint16_t)ma;
	rk->rkcs = (uint16_t)((rk->rkcs & ~CS_MEX) | ((ma >> 12) & CS_MEX));
	rk->rkda = (uint16_t)((rk->rkda & DA_DRIVE) | rkda_of(block + sectors));
	d->cyl = (block + sectors) / (RK_SECTS * RK_SURFS);
	if (d->cyl >= RK_CYLS)
		d->cyl = RK_CYLS - 1;
	return err;
}

static void control_reset(struct rk11 *rk)
{
	if (rk->xfer_unit >= 0)
		bus_cancel(rk->bus, rk11_event, rk, rk->xfer_unit);
	rk->xfer_unit = -1;
	rk->rker = rk->rkda = rk->rkba = 0;
	rk->rkcs = CS_RDY;
	rk->intq = 0;
	irq_drop(rk);
}

/* GO with RDY set: check the function, then start it. */
static void go(struct rk11 *rk)
{
	int func = (rk->rkcs & CS_FUNC) >> 1;
	if (func == F_CRESET) {
		control_reset(rk);
		return;
	}
	rk->rker &= ~ER_SOFT;
	rk->rkcs &= ~CS_SCP;
	clear_done(rk);

	int unit = rk->rkda >> 13;
	struct rk05 *d = &rk->drive[unit];
	rk->last_drive = unit;
	if (unit >= rk->ndrives) {
		set_done(rk, ER_NXD);
		return;
	}
	if (!d->fp || d->seeking) {
		set_done(rk, ER_DRE);
		return;
	}
	if ((rk->rkcs & CS_FMT) && func != F_READ && func != F_WRITE) {
		set_done(rk, ER_PGE);
		return;
	}
	if (func == F_WRITE && d->readonly) {
		set_done(rk, ER_WLO);
		return;
	}
	if (func == F_WLK) {
		d->readonly = true;
		set_done(rk, 0);
		return;
	}
	int cyl = (rk->rkda >> 5) & 0377, sect = rk->rkda & 017;
	if (func == F_DRESET) {
		d->readonly = d->hw_readonly;   /* the WLK function's lock goes */
		cyl = sect = 0;
	}
	if (sect >= RK_SECTS) {
		set_done(rk, ER_NXS);
		return;
	}
	if (cyl >= RK_CYLS) {
		set_done(rk, ER_NXC);
		return;
	}
	uint64_t delay = rk->settle_time + rk->seek_time * (uint64_t)abs(cyl - d->cyl);
	d->cyl = cyl;
	d->func = func;
	if (func == F_SEEK || func == F_DRESET) {
		d->seeking = true;
		set_done(rk, 0);
	} else {
		uint32_t wc = 0200000 - rk->rkwc;
		uint32_t sectors = (rk->rkcs & CS_FMT) ? wc : (wc + RK_WORDS_PER_SECT - 1) / RK_WORDS_PER_SECT;
		delay += rk->xfer_time * (sectors < RK_BLOCKS ? sectors : RK_BLOCKS);
		rk->xfer_unit = unit;
	}
	bus_schedule(rk->bus, delay, rk11_event, rk, unit);
}

static void rk11_event(void *ctx, int arg)
{
	struct rk11 *rk = ctx;
	struct rk05 *d = &rk->drive[arg];
	if (d->func == F_SEEK || d->func == F_DRESET) {
		d->seeking = false;
		rk->rkcs |= CS_SCP;
		if (rk->rkcs & CS_IDE)
			rk->intq |= 2u << arg;
		irq_update(rk);
		return;
	}
	uint16_t err = transfer(rk, arg);
	rk->xfer_unit = -1;
	set_done(rk, err);
}

/* ---- Registers ---- */

static uint16_t rkds_value(const struct rk11 *rk)
{
	uint16_t ds = rk->rkds & DS_ID;
	int unit = rk->rkda >> 13;
	if (unit >= rk->ndrives)
		return ds;
	const struct rk05 *d = &rk->drive[unit];
	/* The sector counter turns with bus time: deterministic, and a
	 * program waiting for a sector sees it come round. */
	int sc = rk->xfer_time ? (int)(rk->bus->now / rk->xfer_time % RK_SECTS) : 0;
	ds |= (uint16_t)(DS_RK05 | DS_SOK | sc);
	if (sc == (rk->rkda & 017))
		ds |= DS_SCSA;
	if (d->fp) {
		ds |= DS_DRY;
		if (!d->seeking && rk->xfer_unit != unit)
			ds |= DS_RWS;
		if (d->readonly)
			ds |= DS_WPS;
	}
	return ds;
}

/* RKCS<15:14> are RKER's error summaries. */
static uint16_t rkcs_value(const struct rk11 *rk)
{
	uint16_t cs = rk->rkcs;
	if (rk->rker)
		cs |= CS_ERR;
	if (rk->rker & ER_HARD)
		cs |= CS_HE;
	return cs;
}

/* For the monitor: RKDS and RKCS as a program reads them. Depositing
 * stores the register (of RKDS only the interrupting drive's number
 * counts; the rest comes from the drives). */
static uint32_t rk_composed(const void *ctx, const struct devreg *r)
{
	return r->addr == RK_BASE ? rkds_value(ctx) : rkcs_value(ctx);
}

static int rk11_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct rk11 *rk = ctx;
	switch (addr - RK_BASE) {
	case 000:
		*val = rkds_value(rk);
		break;
	case 002:
		*val = rk->rker;
		break;
	case 004:
		*val = rkcs_value(rk);
		break;
	case 006:
		*val = rk->rkwc;
		break;
	case 010:
		*val = rk->rkba;
		break;
	default:
		*val = rk->rkda;
		break;
	}
	return BUS_OK;
}

static void write_rkcs(struct rk11 *rk, uint16_t val)
{
	uint16_t old = rk->rkcs;
	/* While a function runs only interrupt enable may change. */
	uint16_t writable = (old & CS_RDY) ? CS_WRITABLE : CS_IDE;
	rk->rkcs = (uint16_t)((old & ~writable) | (val & writable));
	if (!(val & CS_IDE)) {
		rk->intq = 0;
		irq_drop(rk);
	} else if ((old & (CS_RDY | CS_IDE)) == CS_RDY) {
		rk->intq |= 1;              /* IDE set while ready interrupts at once */
	}
	irq_update(rk);
	if ((old & CS_RDY) && (val & CS_GO))
		go(rk);
}

/* RKDS and RKER are read-only; RKDA holds still while the controller is
 * busy. The bus merges byte writes (no register has read side effects). */
static int rk11_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct rk11 *rk = ctx;
	switch (addr - RK_BASE) {
	case 004:
		write_rkcs(rk, val);
		break;
	case 006:
		rk->rkwc = val;
		break;
	case 010:
		rk->rkba = val & 0177776;
		break;
	case 012:
		if (rk->rkcs & CS_RDY)
			rk->rkda = val;
		break;
	default:
		break;
	}
	return BUS_OK;
}

/* Unibus INIT: controller reset, all drive activity stopped. */
static void rk11_reset(void *ctx)
{
	struct rk11 *rk = ctx;
	for (int i = 0; i < RK_DRIVES; i++) {
		bus_cancel(rk->bus, rk11_event, rk, i);
		rk->drive[i].seeking = false;
		rk->drive[i].readonly = rk->drive[i].hw_readonly;
	}
	control_reset(rk);
	rk->rkds = 0;
	rk->last_drive = 0;
}

void rk11_init(struct rk11 *rk, struct unibus *bus)
{
	*rk = (struct rk11){
		.bus = bus, .rkcs = CS_RDY, .ndrives = RK_DRIVES, .xfer_unit = -1,
		.seek_time = 10, .xfer_time = 50, .settle_time = 100,
	};
	rk->dev = (struct device){
		.name = "rk", .lo = RK_BASE, .hi = RK_BASE + 012,
		.regs = rk11_regs, .nregs = 6, .ctx = rk,
		.read = rk11_read, .write = rk11_write, .reset = rk11_reset,
	};
	bus_attach(bus, &rk->dev);
	rk->irq = bus_irq_line(bus, RK_LEVEL, RK_VECTOR);
	bus_irq_on_grant(bus, rk->irq, irq_granted, rk);
}

/* ---- Packs ---- */

int rk11_attach(struct rk11 *rk, int unit, const char *path, bool readonly, bool create,
		char *err, int errsize)
{
	struct stat st;
	bool ro = readonly, forced_ro = false;
	int fd;

	if (unit < 0 || unit >= RK_DRIVES) {
		snprintf(err, errsize, "rk%d: no such drive (0-%d)", unit, RK_DRIVES - 1);
		return -1;
	}
	ro = ro || rk->drive[unit].wlk_switch;
	if (stat(path, &st) != 0) {
		if (errno != ENOENT || !create) {
			snprintf(err, errsize, "rk%d: %s: %s", unit, path, strerror(errno));
			return -1;
		}
		if (readonly) {
			snprintf(err, errsize, "rk%d: %s: does not exist (not created read-only)", unit, path);
			return -1;
		}
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	} else {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errsize, "rk%d: %s: is a directory", unit, path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(err, errsize, "rk%d: %s: not a regular file", unit, path);
			return -1;
		}
		if (st.st_size > RK_PACK_BYTES) {
			snprintf(err, errsize, "rk%d: %s: larger than an RK05 pack (%lld > %d bytes)",
				 unit, path, (long long)st.st_size, RK_PACK_BYTES);
			return -1;
		}
		for (int u = 0; u < RK_DRIVES; u++) {
			struct rk05 *o = &rk->drive[u];
			if (u != unit && o->fp && o->st_dev == st.st_dev && o->st_ino == st.st_ino &&
			    !ro && !o->hw_readonly) {
				snprintf(err, errsize, "rk%d: %s: already attached read-write to rk%d", unit, path, u);
				return -1;
			}
		}
		/* No write permission bit means read-only, even for root, who
		 * could open it read-write: pristine images stay pristine. */
		if (!ro && !(st.st_mode & 0222))
			ro = forced_ro = true;
		fd = -1;
		if (!ro) {
			fd = open(path, O_RDWR | O_CLOEXEC);
			if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
				ro = forced_ro = true;
		}
		if (ro)
			fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		snprintf(err, errsize, "rk%d: %s: %s", unit, path, strerror(errno));
		return -1;
	}
	FILE *fp = fdopen(fd, ro ? "rb" : "r+b");
	char *copy = strdup(path);
	if (!fp || !copy || fstat(fd, &st) != 0) {
		snprintf(err, errsize, "rk%d: %s: %s", unit, path, strerror(errno ? errno : ENOMEM));
		if (fp)
			fclose(fp);
		else
			close(fd);
		free(copy);
		return -1;
	}
	rk11_detach(rk, unit);
	struct rk05 *d = &rk->drive[unit];
	d->fp = fp;
	d->path = copy;
	d->readonly = d->hw_readonly = ro;
	d->st_dev = st.st_dev;
	d->st_ino = st.st_ino;
	if (forced_ro) {
		snprintf(err, errsize, "rk%d: %s: read-only file, attached read-only", unit, path);
		return 1;
	}
	return 0;
}

int rk11_detach(struct rk11 *rk, int unit)
{
	if (unit < 0 || unit >= RK_DRIVES)
		return -1;
	struct rk05 *d = &rk->drive[unit];
	int r = 0;
	if (d->fp && fclose(d->fp) != 0)    /* fclose flushes */
		r = -1;
	free(d->path);
	d->fp = NULL;
	d->path = NULL;
	d->readonly = d->hw_readonly = false;
	return r;
}

void rk11_detach_all(struct rk11 *rk)
{
	for (int i = 0; i < RK_DRIVES; i++)
		rk11_detach(rk, i);
}

int rk11_read_block(struct rk11 *rk, int unit, int block, uint8_t *buf)
{
	if (unit < 0 || unit >= RK_DRIVES || !rk->drive[unit].fp || block < 0 || block >= RK_BLOCKS)
		return -1;
	FILE *fp = rk->drive[unit].fp;
	memset(buf, 0, BLOCK_BYTES);
	if (fseek(fp, (long)block * BLOCK_BYTES, SEEK_SET) != 0)
		return -1;
	int bad = fread(buf, 1, BLOCK_BYTES, fp) < BLOCK_BYTES && ferror(fp);
	clearerr(fp);
	return bad ? -1 : 0;
}

int rk11_set_lock(struct rk11 *rk, int unit, bool locked, char *err, int errsize)
{
	if (unit < 0 || unit >= RK_DRIVES) {
		snprintf(err, errsize, "rk%d: no such drive (0-%d)", unit, RK_DRIVES - 1);
		return -1;
	}
	struct rk05 *d = &rk->drive[unit];
	d->wlk_switch = locked;
	if (!d->fp)
		return 0;
	if (locked) {
		fflush(d->fp);
		d->readonly = d->hw_readonly = true;
		return 0;
	}
	if ((fcntl(fileno(d->fp), F_GETFL) & O_ACCMODE) != O_RDONLY) {
		d->readonly = d->hw_readonly = false;
		return 0;
	}
	/* opened read-only: open it again for writing, if the file allows */
	char *path = strdup(d->path);
	if (!path) {
		snprintf(err, errsize, "rk%d: out of memory", unit);
		return -1;
	}
	int rc = rk11_attach(rk, unit, path, false, false, err, errsize);
	free(path);
	return rc;
}

/* ---- Saving and loading (state.h) ---- */

static const struct state_field rk11_fields[] = {
	STATE_FIELD(struct rk11, rkds), STATE_FIELD(struct rk11, rker),
	STATE_FIELD(struct rk11, rkcs), STATE_FIELD(struct rk11, rkwc),
	STATE_FIELD(struct rk11, rkba), STATE_FIELD(struct rk11, rkda),
	STATE_FIELD(struct rk11, ndrives), STATE_FIELD(struct rk11, xfer_unit),
	STATE_FIELD(struct rk11, last_drive), STATE_FIELD(struct rk11, intq),
	STATE_FLAG(struct rk11, irq_on), STATE_FIELD(struct rk11, irq_bit),
	STATE_FIELD(struct rk11, seek_time), STATE_FIELD(struct rk11, xfer_time),
	STATE_FIELD(struct rk11, settle_time),
};

/* The write lock is state (the WLK function sets it); hw_readonly and
 * the file belong to the attachment. */
static const struct state_field rk05_fields[] = {
	STATE_FLAG(struct rk05, readonly), STATE_FIELD(struct rk05, cyl),
	STATE_FLAG(struct rk05, seeking), STATE_FIELD(struct rk05, func),
};

void rk11_save(const struct rk11 *rk, struct state *st)
{
	state_put_fields(st, rk, rk11_fields, sizeof rk11_fields / sizeof rk11_fields[0]);
	for (int i = 0; i < RK_DRIVES; i++) {
		state_put_fields(st, &rk->drive[i], rk05_fields, sizeof rk05_fields / sizeof rk05_fields[0]);
		state_put_event(st, rk->bus, rk11_event, (void *)rk, i);
	}
}

void rk11_load(struct rk11 *rk, struct state *st)
{
	state_get_fields(st, rk, rk11_fields, sizeof rk11_fields / sizeof rk11_fields[0]);
	if (!st->bad && (rk->ndrives < 0 || rk->ndrives > RK_DRIVES || rk->xfer_unit < -1 ||
			 rk->xfer_unit >= RK_DRIVES || rk->last_drive < 0 || rk->last_drive >= RK_DRIVES ||
			 rk->irq_bit < 0 || rk->irq_bit > RK_DRIVES || rk->intq >= 1u << (RK_DRIVES + 1)))
		state_fail(st, "rk: a drive number or interrupt out of range");
	for (int i = 0; i < RK_DRIVES && !st->bad; i++) {
		struct rk05 *d = &rk->drive[i];
		state_get_fields(st, d, rk05_fields, sizeof rk05_fields / sizeof rk05_fields[0]);
		if (!st->bad && (d->cyl < 0 || d->cyl >= RK_CYLS || d->func < 0 || d->func > F_WLK))
			state_fail(st, "rk%d: cylinder or function out of range", i);
		if (d->hw_readonly)
			d->readonly = true;
		state_get_event(st, rk->bus, rk11_event, rk, i);
	}
}

long rk11_image_size(struct rk11 *rk, int unit)
{
	struct stat st;
	if (unit < 0 || unit >= RK_DRIVES || !rk->drive[unit].fp)
		return -1;
	fflush(rk->drive[unit].fp);
	if (fstat(fileno(rk->drive[unit].fp), &st) != 0)
		return -1;
	return (long)st.st_size;
}

int rk11_image_read(struct rk11 *rk, int unit, uint8_t *buf, size_t size)
{
	FILE *fp = rk->drive[unit].fp;
	int bad = fseek(fp, 0, SEEK_SET) != 0 || fread(buf, 1, size, fp) != size;
	clearerr(fp);
	return bad ? -1 : 0;
}

int rk11_image_write(struct rk11 *rk, int unit, const uint8_t *buf, size_t size)
{
	FILE *fp = rk->drive[unit].fp;
	if (fseek(fp, 0, SEEK_SET) != 0 || fwrite(buf, 1, size, fp) != size || fflush(fp) != 0) {
		clearerr(fp);
		return -1;
	}
	return ftruncate(fileno(fp), (off_t)size);
}

int rk11_block_write(struct rk11 *rk, int unit, int block, const uint8_t *buf)
{
	FILE *fp = rk->drive[unit].fp;
	if (!fp || fseek(fp, (long)block * BLOCK_BYTES, SEEK_SET) != 0 ||
	    fwrite(buf, 1, BLOCK_BYTES, fp) != BLOCK_BYTES || fflush(fp) != 0) {
		if (fp)
			clearerr(fp);
		return -1;
	}
	return 0;
}

int rk11_image_truncate(struct rk11 *rk, int unit, long size)
{
	FILE *fp = rk->drive[unit].fp;
	if (!fp || fflush(fp) != 0)
		return -1;
	return ftruncate(fileno(fp), (off_t)size);
}
