/* RK11-D / RK05: functions, errors, DMA, interrupts, images. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/rk11.h"
#include "devtest.h"

enum {
	RKDS = 0777400, RKER = 0777402, RKCS = 0777404, RKWC = 0777406, RKBA = 0777410, RKDA = 0777412,
	GO = 1, IDE = 0100, RDY = 0200, SSE = 0400, FMT = 02000, INH = 04000, SCP = 020000,
	HE = 040000, ERR = 0100000,
	F_CRESET = 0, F_WRITE = 2, F_READ = 4, F_WCHK = 6, F_SEEK = 010, F_RCHK = 012,
	F_DRESET = 014, F_WLK = 016,
	E_WCE = 1, E_NXS = 040, E_NXC = 0100, E_NXD = 0200, E_NXM = 02000, E_WLO = 020000,
	E_OVR = 040000, E_DRE = 0100000,
	DS_RK05 = 04000, DS_SOK = 0400, DS_DRY = 0200, DS_RWS = 0100, DS_WPS = 040,
};

static struct unibus bus;
static struct rk11 rk;
static char img[32], img2[64];
static char err[256];

static uint16_t pat(int block, int word)
{
	return (uint16_t)(block * 251 + word * 3 + 1);
}

/* A scratch image of nblocks patterned blocks (never the stock images). */
static void make_image(char *path, int nblocks)
{
	strcpy(path, "/tmp/rktestXXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *fp = fdopen(fd, "wb");
	for (int b = 0; b < nblocks; b++)
		for (int i = 0; i < 256; i++) {
			uint16_t w = pat(b, i);
			fputc(w & 0377, fp);
			fputc(w >> 8, fp);
		}
	fclose(fp);
}

static long file_size(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return (long)st.st_size;
}

static uint16_t file_word(const char *path, int block, int word)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	uint8_t b[2] = { 0, 0 };
	fseek(fp, (long)block * 512 + word * 2, SEEK_SET);
	size_t n = fread(b, 1, 2, fp);
	fclose(fp);
	return n == 2 ? (uint16_t)(b[0] | b[1] << 8) : 0xdead;
}

static uint16_t da(int drive, int cyl, int surf, int sect)
{
	return (uint16_t)(drive << 13 | cyl << 5 | surf << 4 | sect);
}

static uint16_t da_block(int drive, int block)
{
	return da(drive, block / 24, block / 12 % 2, block % 12);
}

static void setup(void)
{
	ck_assert_int_eq(bus_init(&bus, 248 * 1024), BUS_OK);
	rk11_init(&rk, &bus);
	make_image(img, 100);
	img2[0] = 0;
	ck_assert_int_eq(rk11_attach(&rk, 0, img, false, false, err, sizeof err), 0);
}

static void teardown(void)
{
	rk11_detach_all(&rk);
	bus_free(&bus);
	unlink(img);
	if (img2[0])
		unlink(img2);
}

/* Program a transfer and wait for RDY. */
static void xfer(uint16_t rkda, uint32_t pa, int words, uint16_t cs)
{
	wr(&bus, RKDA, rkda);
	wr(&bus, RKBA, (uint16_t)pa);
	wr(&bus, RKWC, (uint16_t)-words);
	wr(&bus, RKCS, (uint16_t)(cs | (pa >> 12 & 060) | GO));
}

static void wait_rdy(void)
{
	for (int i = 0; i < 1000 && !(rd(&bus, RKCS) & RDY); i++)
		run_for(&bus, 100);
	ck_assert(rd(&bus, RKCS) & RDY);
}

START_TEST(read_two_blocks)
{
	xfer(da_block(0, 30), 01000, 512, F_READ);
	ck_assert(!(rd(&bus, RKCS) & RDY));
	ck_assert(!(rd(&bus, RKDS) & DS_RWS));  /* drive busy */
	ck_assert_int_eq(bus.mem[01000 >> 1], 0);  /* data moves at completion */
	wait_rdy();
	for (int i = 0; i < 512; i++)
		ck_assert_uint_eq(bus.mem[(01000 >> 1) + i], pat(30 + i / 256, i % 256));
	ck_assert_uint_eq(rd(&bus, RKCS) & ERR, 0);
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(rd(&bus, RKWC), 0);
	ck_assert_uint_eq(rd(&bus, RKBA), 01000 + 1024);
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 32));
	ck_assert(rd(&bus, RKDS) & DS_RWS);
}
END_TEST

START_TEST(read_takes_time)
{
	xfer(da_block(0, 0), 0, 256, F_READ);
	run_for(&bus, rk.settle_time + rk.xfer_time - 1);
	ck_assert(!(rd(&bus, RKCS) & RDY));
	run_for(&bus, 1);
	ck_assert(rd(&bus, RKCS) & RDY);
	/* Seek time grows with the cylinders crossed. */
	uint64_t t0 = bus.now;
	xfer(da_block(0, 24 * 50), 0, 256, F_READ);
	run_for(&bus, rk.settle_time + rk.xfer_time + 49 * rk.seek_time);
	ck_assert(!(rd(&bus, RKCS) & RDY));
	run_until(&bus, t0 + rk.settle_time + rk.xfer_time + 50 * rk.seek_time);
	ck_assert(rd(&bus, RKCS) & RDY);
}
END_TEST

START_TEST(read_crosses_surface_and_cylinder)
{
	/* cylinder 1 surface 1 sector 11 is the last sector of cylinder 1 */
	xfer(da(0, 1, 1, 11), 0, 300, F_READ);
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0], pat(47, 0));
	ck_assert_uint_eq(bus.mem[256], pat(48, 0));
	ck_assert_uint_eq(bus.mem[299], pat(48, 43));
	ck_assert_uint_eq(bus.mem[300], 0);
	/* A partial sector still moves RKDA past it. */
	ck_assert_uint_eq(rd(&bus, RKDA), da(0, 2, 0, 1));
}
END_TEST

START_TEST(write_reaches_file_at_completion)
{
	for (int i = 0; i < 300; i++)
		bus.mem[(02000 >> 1) + i] = (uint16_t)(0100000 | i);
	xfer(da_block(0, 40), 02000, 300, F_WRITE);
	ck_assert_uint_eq(file_word(img, 40, 0), pat(40, 0));
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	for (int i = 0; i < 300; i++)
		ck_assert_uint_eq(file_word(img, 40 + i / 256, i % 256), 0100000 | i);
	/* The rest of the last sector is written with zeros; the next is untouched. */
	ck_assert_uint_eq(file_word(img, 41, 44), 0);
	ck_assert_uint_eq(file_word(img, 41, 255), 0);
	ck_assert_uint_eq(file_word(img, 42, 0), pat(42, 0));
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 42));
}
END_TEST

START_TEST(short_image_reads_zeros_writes_extend)
{
	ck_assert_int_eq(file_size(img), 100 * 512);
	for (int i = 0; i < 256; i++)
		bus.mem[i] = 0177777;
	xfer(da_block(0, 200), 0, 256, F_READ);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	for (int i = 0; i < 256; i++)
		ck_assert_uint_eq(bus.mem[i], 0);
	/* The last block of the pack: writing there extends the file to a full pack. */
	bus.mem[0] = 012345;
	xfer(da_block(0, RK_BLOCKS - 1), 0, 1, F_WRITE);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_int_eq(file_size(img), RK_PACK_BYTES);
	ck_assert_uint_eq(file_word(img, RK_BLOCKS - 1, 0), 012345);
	ck_assert_uint_eq(file_word(img, 99, 255), pat(99, 255));
	ck_assert_uint_eq(file_word(img, 1000, 7), 0);
}
END_TEST

START_TEST(write_check)
{
	for (int i = 0; i < 512; i++)
		bus.mem[i] = pat(10 + i / 256, i % 256);
	xfer(da_block(0, 10), 0, 512, F_WCHK);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(rd(&bus, RKWC), 0);
	/* A mismatch is a soft error: ERR without HE; the check goes on. */
	bus.mem[5] ^= 1;
	xfer(da_block(0, 10), 0, 512, F_WCHK);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_WCE);
	ck_assert_uint_eq(rd(&bus, RKCS) & (ERR | HE), ERR);
	ck_assert_uint_eq(rd(&bus, RKWC), 0);
	/* Stop on soft error: at the end of the sector in error. */
	xfer(da_block(0, 10), 0, 512, F_WCHK | SSE);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_WCE);
	ck_assert_uint_eq(rd(&bus, RKWC), (uint16_t)-256);
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 11));
	/* The next function starts with soft errors cleared. */
	xfer(da_block(0, 11), 01000, 256, F_WCHK);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
}
END_TEST

START_TEST(read_check_moves_no_data)
{
	xfer(da_block(0, 3), 0, 256, F_RCHK);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(bus.mem[0], 0);
	ck_assert_uint_eq(rd(&bus, RKWC), 0);
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 4));
}
END_TEST

START_TEST(address_is_18_bits)
{
	/* MEX 01, RKBA 177400: the transfer crosses 400000 and carries into MEX. */
	xfer(da_block(0, 5), 0377400, 512, F_READ);
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0377400 >> 1], pat(5, 0));
	ck_assert_uint_eq(bus.mem[0400000 >> 1], pat(5, 128));
	ck_assert_uint_eq(bus.mem[0401376 >> 1], pat(6, 255));
	ck_assert_uint_eq(bus.mem[0177400 >> 1], 0);
	ck_assert_uint_eq(rd(&bus, RKBA), 01400);
	ck_assert_uint_eq(rd(&bus, RKCS) & 060, 040);
	/* And writes come from there too. */
	xfer(da_block(0, 60), 0400000, 256, F_WRITE);
	wait_rdy();
	ck_assert_uint_eq(file_word(img, 60, 0), pat(5, 128));
}
END_TEST

START_TEST(inhibit_bus_address_increment)
{
	xfer(da_block(0, 7), 0600, 3, F_READ | INH);
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0600 >> 1], pat(7, 2));
	ck_assert_uint_eq(bus.mem[0602 >> 1], 0);
	ck_assert_uint_eq(rd(&bus, RKBA), 0600);
	ck_assert_uint_eq(rd(&bus, RKWC), 0);
}
END_TEST

START_TEST(nxm_stops_transfer)
{
	ck_assert_int_eq(bus_set_memsize(&bus, 64 * 1024), BUS_OK);
	/* 200 words from 177600: 64 words fit below 200000. */
	xfer(da_block(0, 2), 0177600, 200, F_READ);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_NXM);
	ck_assert_uint_eq(rd(&bus, RKCS) & (ERR | HE), ERR | HE);
	ck_assert_uint_eq(bus.mem[0177776 >> 1], pat(2, 63));
	ck_assert_uint_eq(rd(&bus, RKWC), (uint16_t)-(200 - 64));
	ck_assert_uint_eq(rd(&bus, RKBA), 0);
	ck_assert_uint_eq(rd(&bus, RKCS) & 060, 020);
	/* Control reset clears the error. */
	wr(&bus, RKCS, F_CRESET | GO);
	ck_assert_uint_eq(rd(&bus, RKCS), RDY);
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(rd(&bus, RKDA), 0);
	/* NXM on the first word of a sector leaves RKDA at that sector. */
	wr(&bus, RKCS, F_CRESET | GO);
	xfer(da_block(0, 4), 0177000, 300, F_READ);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_NXM);
	ck_assert_uint_eq(rd(&bus, RKWC), (uint16_t)-44);
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 5));
	wr(&bus, RKCS, F_CRESET | GO);
	/* A write from absent memory writes nothing. */
	xfer(da_block(0, 2), 0200000, 10, F_WRITE);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_NXM);
	ck_assert_uint_eq(file_word(img, 2, 0), pat(2, 0));
}
END_TEST

START_TEST(bad_address_errors)
{
	xfer(da(0, 5, 0, 12), 0, 256, F_READ);
	ck_assert(rd(&bus, RKCS) & RDY);       /* refused at once */
	ck_assert_uint_eq(rd(&bus, RKER), E_NXS);
	ck_assert_uint_eq(rd(&bus, RKCS) & (ERR | HE), ERR | HE);
	wr(&bus, RKCS, F_CRESET | GO);
	xfer(da(0, 203, 0, 0), 0, 256, F_READ);
	ck_assert_uint_eq(rd(&bus, RKER), E_NXC);
	wr(&bus, RKCS, F_CRESET | GO);
	xfer(da(0, 203, 0, 0), 0, 0, F_SEEK);
	ck_assert_uint_eq(rd(&bus, RKER), E_NXC);
	wr(&bus, RKCS, F_CRESET | GO);
	/* A drive with no pack is not ready. */
	xfer(da(1, 0, 0, 0), 0, 256, F_READ);
	ck_assert_uint_eq(rd(&bus, RKER), E_DRE);
	ck_assert_uint_eq(rd(&bus, RKDS) & (DS_DRY | DS_RWS | DS_RK05), DS_RK05);
	wr(&bus, RKCS, F_CRESET | GO);
	/* A drive not cabled to the controller does not exist. */
	rk.ndrives = 4;
	xfer(da(5, 0, 0, 0), 0, 256, F_READ);
	ck_assert_uint_eq(rd(&bus, RKER), E_NXD);
	ck_assert_uint_eq(rd(&bus, RKDS) & ~0160000, 0);
	/* Errors accumulate until a control reset. */
	xfer(da(0, 0, 0, 13), 0, 256, F_READ);
	ck_assert_uint_eq(rd(&bus, RKER), E_NXD | E_NXS);
}
END_TEST

START_TEST(overrun_at_end_of_pack)
{
	xfer(da_block(0, RK_BLOCKS - 1), 0, 512, F_READ);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), E_OVR);
	ck_assert_uint_eq(rd(&bus, RKWC), (uint16_t)-256);
}
END_TEST

START_TEST(write_lock_attach_readonly)
{
	rk11_detach(&rk, 0);
	ck_assert_int_eq(rk11_attach(&rk, 0, img, true, false, err, sizeof err), 0);
	ck_assert(rd(&bus, RKDS) & DS_WPS);
	bus.mem[0] = 0111111;
	xfer(da_block(0, 0), 0, 256, F_WRITE | IDE);
	/* Refused without touching the pack; V6 sees ERR and RKER's WLO. */
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_uint_eq(rd(&bus, RKER), E_WLO);
	ck_assert(rd(&bus, RKCS) & ERR);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	run_for(&bus, 100000);
	ck_assert_uint_eq(file_word(img, 0, 0), pat(0, 0));
	/* A drive reset does not unlock a pack attached read-only. */
	wr(&bus, RKCS, F_CRESET | GO);
	xfer(da(0, 0, 0, 0), 0, 0, F_DRESET);
	run_for(&bus, 100000);
	ck_assert(rd(&bus, RKDS) & DS_WPS);
	/* Reads still work. */
	xfer(da_block(0, 1), 0, 1, F_READ);
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0], pat(1, 0));
}
END_TEST

START_TEST(write_lock_function)
{
	ck_assert(!(rd(&bus, RKDS) & DS_WPS));
	xfer(da(0, 0, 0, 0), 0, 0, F_WLK);
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert(rd(&bus, RKDS) & DS_WPS);
	xfer(da_block(0, 3), 0, 256, F_WRITE);
	ck_assert_uint_eq(rd(&bus, RKER), E_WLO);
	/* Drive reset: heads to cylinder 0, the lock goes, SCP when done. */
	wr(&bus, RKCS, F_CRESET | GO);
	xfer(da(0, 0, 0, 0), 0, 0, F_DRESET);
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert(!(rd(&bus, RKDS) & DS_RWS));
	run_for(&bus, 100000);
	ck_assert(rd(&bus, RKCS) & SCP);
	ck_assert(!(rd(&bus, RKDS) & DS_WPS));
	xfer(da_block(0, 3), 0, 256, F_WRITE);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(file_word(img, 3, 0), 0);
}
END_TEST

START_TEST(interrupt_on_completion)
{
	xfer(da_block(0, 1), 0, 256, F_READ | IDE);
	ck_assert(!bus.irq[rk.irq].requesting);
	wait_rdy();
	ck_assert_int_eq(bus.irq_level, RK_LEVEL);
	ck_assert_int_eq(bus_irq_ack(&bus, 5), -1);    /* BR5 does not interrupt at priority 5 */
	ck_assert_int_eq(bus_irq_ack(&bus, 4), RK_VECTOR);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), -1);    /* the grant took the request */
	/* No IDE, no interrupt. */
	xfer(da_block(0, 1), 0, 256, F_READ);
	wait_rdy();
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(interrupt_when_ide_set_while_ready)
{
	wr(&bus, RKCS, IDE);
	ck_assert_int_eq(bus.irq_level, RK_LEVEL);
	/* Clearing IDE withdraws it. */
	wr(&bus, RKCS, 0);
	ck_assert_int_eq(bus.irq_level, 0);
	wr(&bus, RKCS, IDE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	/* Writing IDE again while it is set is no new edge. */
	wr(&bus, RKCS, IDE);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(seek_interrupts_twice)
{
	make_image(img2, 10);
	ck_assert_int_eq(rk11_attach(&rk, 3, img2, false, false, err, sizeof err), 0);
	xfer(da(3, 150, 0, 0), 0, 0, F_SEEK | IDE);
	/* The controller is free at once and interrupts for that. */
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 3);
	ck_assert(!(rd(&bus, RKDS) & DS_RWS));
	ck_assert(!(rd(&bus, RKCS) & SCP));
	run_for(&bus, rk.settle_time + 149 * rk.seek_time);
	ck_assert(!(rd(&bus, RKCS) & SCP));
	run_for(&bus, rk.seek_time);
	ck_assert(rd(&bus, RKCS) & SCP);
	ck_assert(rd(&bus, RKDS) & DS_RWS);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 3);
	/* The next function clears SCP. */
	xfer(da(0, 0, 0, 0), 0, 1, F_READ);
	ck_assert(!(rd(&bus, RKCS) & SCP));
}
END_TEST

START_TEST(overlapped_seeks_queue_interrupts)
{
	make_image(img2, 10);
	ck_assert_int_eq(rk11_attach(&rk, 2, img2, false, false, err, sizeof err), 0);
	wr(&bus, RKCS, IDE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	xfer(da(2, 100, 0, 0), 0, 0, F_SEEK | IDE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	xfer(da(0, 100, 0, 0), 0, 0, F_SEEK | IDE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 0);
	/* Both drives finish together: two interrupts, one at a time, each naming its drive. */
	run_for(&bus, 100000);
	int first = rd(&bus, RKDS) >> 13;
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	/* The grant of the first presents the second at once. */
	int second = rd(&bus, RKDS) >> 13;
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	ck_assert_int_eq(first + second, 2);
	ck_assert_int_ne(first, second);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), -1);
	run_for(&bus, 100);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

/* A seek finishing while the controller transfers for another drive waits
 * for RDY, then follows the controller's own interrupt. */
START_TEST(seek_done_during_transfer)
{
	make_image(img2, 10);
	ck_assert_int_eq(rk11_attach(&rk, 2, img2, false, false, err, sizeof err), 0);
	xfer(da(2, 10, 0, 0), 0, 0, F_SEEK | IDE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	xfer(da_block(0, 0), 0, 256 * 40, F_READ | IDE);
	uint64_t t0 = bus.now;
	run_for(&bus, rk.settle_time + 10 * rk.seek_time);
	ck_assert(rd(&bus, RKCS) & SCP);
	ck_assert(!(rd(&bus, RKCS) & RDY));
	ck_assert_int_eq(bus.irq_level, 0);
	run_until(&bus, t0 + rk.settle_time + 40 * rk.xfer_time);
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 0);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	run_for(&bus, 100);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 2);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	run_for(&bus, 100);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

/* The sector counter goes round with time; SCSA marks RKDA's sector under the heads. */
START_TEST(sector_counter_turns)
{
	int seen = 0, scsa = 0;
	wr(&bus, RKDA, da(0, 0, 0, 5));
	for (int i = 0; i < 24; i++) {
		uint16_t ds = rd(&bus, RKDS);
		ck_assert_uint_eq(ds & (DS_RK05 | DS_SOK | DS_DRY | DS_RWS), DS_RK05 | DS_SOK | DS_DRY | DS_RWS);
		ck_assert_uint_lt(ds & 017, 12);
		seen |= 1 << (ds & 017);
		if (ds & 020) {
			ck_assert_uint_eq(ds & 017, 5);
			scsa++;
		}
		run_for(&bus, rk.xfer_time);
	}
	ck_assert_int_eq(seen, 07777);
	ck_assert_int_eq(scsa, 2);
}
END_TEST

START_TEST(busy_controller_ignores_rkda_and_go)
{
	xfer(da_block(0, 20), 0, 256, F_READ);
	wr(&bus, RKDA, da_block(0, 50));
	ck_assert_uint_eq(rd(&bus, RKDA), da_block(0, 20));
	wr(&bus, RKCS, F_WRITE | GO);
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0], pat(20, 0));
	ck_assert_uint_eq(file_word(img, 20, 0), pat(20, 0));
}
END_TEST

START_TEST(byte_writes)
{
	/* High byte of RKCS: no GO. */
	wr(&bus, RKDA, da_block(0, 9));
	wr(&bus, RKWC, (uint16_t)-256);
	wr(&bus, RKBA, 0);
	wrb(&bus, RKCS + 1, INH >> 8);
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_uint_eq(rd(&bus, RKCS) & INH, INH);
	/* Low byte with GO starts, keeping the high byte. */
	wrb(&bus, RKCS, F_READ | GO);
	ck_assert(!(rd(&bus, RKCS) & RDY));
	wait_rdy();
	ck_assert_uint_eq(bus.mem[0], pat(9, 255));
	ck_assert_uint_eq(bus.mem[1], 0);
	/* Byte writes to RKWC/RKBA merge. */
	wr(&bus, RKBA, 0123456);
	wrb(&bus, RKBA + 1, 0377);
	ck_assert_uint_eq(rd(&bus, RKBA), 0177456);
	wrb(&bus, RKBA, 0);
	ck_assert_uint_eq(rd(&bus, RKBA), 0177400);
}
END_TEST

START_TEST(format_read_gives_headers)
{
	xfer(da(0, 7, 1, 10), 0, 3, F_READ | FMT);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_uint_eq(bus.mem[0], 7 << 5);
	ck_assert_uint_eq(bus.mem[1], 7 << 5);
	ck_assert_uint_eq(bus.mem[2], 8 << 5);
	ck_assert_uint_eq(rd(&bus, RKDA), da(0, 8, 0, 1));
	/* Format is for reads and writes only. */
	xfer(da(0, 0, 0, 0), 0, 1, F_WCHK | FMT);
	ck_assert_uint_eq(rd(&bus, RKER), 04000);
}
END_TEST

START_TEST(bus_init_resets)
{
	xfer(da_block(0, 1), 0, 256, F_READ | IDE);
	bus_reset(&bus);
	ck_assert_uint_eq(rd(&bus, RKCS), RDY);
	run_for(&bus, 100000);
	ck_assert_uint_eq(bus.mem[0], 0);   /* the transfer was abandoned */
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(read_block_for_boot)
{
	uint8_t buf[512];
	ck_assert_int_eq(rk11_read_block(&rk, 0, 17, buf), 0);
	ck_assert_uint_eq(buf[2] | buf[3] << 8, pat(17, 1));
	ck_assert_int_eq(rk11_read_block(&rk, 0, 500, buf), 0);
	ck_assert_uint_eq(buf[100], 0);
	ck_assert_int_eq(rk11_read_block(&rk, 1, 0, buf), -1);
	ck_assert_int_eq(rk11_read_block(&rk, 0, RK_BLOCKS, buf), -1);
}
END_TEST

/* ---- attach rules ---- */

START_TEST(attach_missing_file)
{
	char path[80];
	snprintf(path, sizeof path, "%s.missing", img);
	ck_assert_int_eq(rk11_attach(&rk, 1, path, false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert(!rk.drive[1].fp);
	ck_assert_int_eq(rk11_attach(&rk, 1, path, true, true, err, sizeof err), -1);
	ck_assert_int_eq(access(path, F_OK), -1);
	/* create makes an empty pack: reads zeros, writes land. */
	ck_assert_int_eq(rk11_attach(&rk, 1, path, false, true, err, sizeof err), 0);
	ck_assert_int_eq(file_size(path), 0);
	bus.mem[0] = 0777;
	xfer(da_block(1, 2), 0, 1, F_WRITE);
	wait_rdy();
	ck_assert_uint_eq(rd(&bus, RKER), 0);
	ck_assert_int_eq(file_size(path), 3 * 512);
	ck_assert_uint_eq(file_word(path, 2, 0), 0777);
	ck_assert_int_eq(rk11_detach(&rk, 1), 0);
	unlink(path);
}
END_TEST

START_TEST(attach_directory_and_oversize)
{
	ck_assert_int_eq(rk11_attach(&rk, 1, "/tmp", false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/tmp"));
	ck_assert_ptr_nonnull(strstr(err, "directory"));
	ck_assert_int_eq(rk11_attach(&rk, 1, "/tmp", true, false, err, sizeof err), -1);
	make_image(img2, 10);
	ck_assert_int_eq(truncate(img2, RK_PACK_BYTES + 512), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, img2));
	ck_assert_ptr_nonnull(strstr(err, "larger"));
	ck_assert(!rk.drive[1].fp);
	/* Exactly a pack is fine. */
	ck_assert_int_eq(truncate(img2, RK_PACK_BYTES), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), 0);
}
END_TEST

START_TEST(attach_same_file_twice)
{
	ck_assert_int_eq(rk11_attach(&rk, 1, img, false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, img));
	ck_assert_ptr_nonnull(strstr(err, "rk0"));
	ck_assert(!rk.drive[1].fp);
	/* Through another name (a hard link) too. */
	snprintf(img2, sizeof img2, "%s.link", img);
	ck_assert_int_eq(link(img, img2), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), -1);
	/* Read-only twice is harmless. */
	rk11_detach(&rk, 0);
	ck_assert_int_eq(rk11_attach(&rk, 0, img, true, false, err, sizeof err), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, true, false, err, sizeof err), 0);
	/* One writer beside readers is allowed (nothing is cached); re-attaching
	 * a unit replaces its pack. */
	ck_assert_int_eq(rk11_attach(&rk, 0, img, false, false, err, sizeof err), 0);
	ck_assert(!rk.drive[0].readonly);
	ck_assert(rk.drive[1].readonly);
	ck_assert_int_eq(rk11_attach(&rk, 2, img2, false, false, err, sizeof err), -1);
}
END_TEST

START_TEST(attach_readonly_file)
{
	make_image(img2, 10);
	ck_assert_int_eq(chmod(img2, 0444), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), 1);
	ck_assert_ptr_nonnull(strstr(err, img2));
	ck_assert_ptr_nonnull(strstr(err, "read-only"));
	ck_assert(rk.drive[1].readonly);
	xfer(da_block(1, 0), 0, 256, F_WRITE);
	ck_assert_uint_eq(rd(&bus, RKER), E_WLO);
	ck_assert_uint_eq(file_word(img2, 0, 0), pat(0, 0));
	/* Asking read-only gives no notice. */
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, true, false, err, sizeof err), 0);
}
END_TEST

/* Not a regular file: refused by name. */
START_TEST(attach_device_node)
{
	ck_assert_int_eq(rk11_attach(&rk, 1, "/dev/null", false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/dev/null"));
	ck_assert(!rk.drive[1].fp);
}
END_TEST

/* root can read a mode-0 file, so this case only exists for other users. */
START_TEST(attach_unreadable_file)
{
	if (geteuid() == 0)
		return;
	make_image(img2, 10);
	ck_assert_int_eq(chmod(img2, 0), 0);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, img2));
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, true, false, err, sizeof err), -1);
}
END_TEST

START_TEST(detach_then_drive_not_ready)
{
	ck_assert(rd(&bus, RKDS) & DS_DRY);
	ck_assert_int_eq(rk11_detach(&rk, 0), 0);
	ck_assert(!(rd(&bus, RKDS) & DS_DRY));
	xfer(da_block(0, 0), 0, 256, F_READ);
	ck_assert_uint_eq(rd(&bus, RKER), E_DRE);
}
END_TEST

/* RKWC, RKBA and RKDA across a transfer (PDP-11 Peripherals Handbook,
 * RK11-D): RKWC (the two's complement of the word count) counts up by one
 * per word moved and ends at 0; RKBA advances by 2 per word; RKDA steps
 * by sector, sector 11 to sector 0 of the other surface, surface 1 to the
 * next cylinder, and after the transfer names the sector after the last
 * one used, a partial one included; the drive field stays. Reads and
 * writes from many starting places, on drive 3. */
START_TEST(registers_step_through_a_transfer)
{
	static const struct { int block, words; } cases[] = {
		{ 0, 1 }, { 0, 256 }, { 0, 257 }, { 10, 512 }, { 11, 1 }, { 11, 300 },
		{ 23, 256 }, { 23, 513 }, { 35, 256 * 13 }, { 47, 255 }, { 5, 256 * 30 + 17 },
		{ 130, 256 * 25 },
	};
	make_image(img2, 200);
	ck_assert_int_eq(rk11_attach(&rk, 3, img2, false, false, err, sizeof err), 0);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int b = cases[k].block, n = cases[k].words, sectors = (n + 255) / 256;
		uint32_t ba = 040000 + 2u * (uint32_t)k;
		memset(bus.mem, 0, 0200000);
		xfer(da_block(3, b), ba, n, F_READ);
		wait_rdy();
		ck_assert_uint_eq(rd(&bus, RKER), 0);
		ck_assert_msg(rd(&bus, RKWC) == 0, "case %zu: RKWC %06o", k, rd(&bus, RKWC));
		ck_assert_uint_eq(rd(&bus, RKBA), ba + 2u * (uint32_t)n);
		ck_assert_msg(rd(&bus, RKDA) == da_block(3, b + sectors), "case %zu: RKDA %06o, want %06o",
			      k, rd(&bus, RKDA), da_block(3, b + sectors));
		for (int i = 0; i < n; i += 256)
			ck_assert_uint_eq(bus.mem[(ba >> 1) + i], pat(b + i / 256, 0));
		ck_assert_uint_eq(bus.mem[(ba >> 1) + n - 1], pat(b + (n - 1) / 256, (n - 1) % 256));
		ck_assert_uint_eq(bus.mem[(ba >> 1) + n], 0);
	}
	/* writes from there end the same way (after all the reads: a
	 * partial sector is written out with zeros) */
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int b = cases[k].block, n = cases[k].words, sectors = (n + 255) / 256;
		uint32_t ba = 040000 + 2u * (uint32_t)k;
		xfer(da_block(3, b), ba, n, F_WRITE);
		wait_rdy();
		ck_assert_uint_eq(rd(&bus, RKER), 0);
		ck_assert_uint_eq(rd(&bus, RKWC), 0);
		ck_assert_uint_eq(rd(&bus, RKBA), ba + 2u * (uint32_t)n);
		ck_assert_uint_eq(rd(&bus, RKDA), da_block(3, b + sectors));
	}
}
END_TEST

/* Seek and drive reset end with SCP (search complete) set, the
 * controller ready all along; they interrupt only with IDE, and RKDS
 * then names the drive. (Peripherals Handbook, RK11-D, RKCS bit 13.) */
START_TEST(search_complete_without_and_with_ide)
{
	make_image(img2, 10);
	ck_assert_int_eq(rk11_attach(&rk, 1, img2, false, false, err, sizeof err), 0);
	xfer(da(1, 40, 0, 0), 0, 0, F_SEEK);
	ck_assert(rd(&bus, RKCS) & RDY);
	run_for(&bus, 100000);
	ck_assert(rd(&bus, RKCS) & SCP);
	ck_assert(rd(&bus, RKCS) & RDY);
	ck_assert_int_eq(bus.irq_level, 0);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), -1);

	/* drive reset: a seek to cylinder 0, and SCP too */
	xfer(da(1, 0, 0, 0), 0, 0, F_DRESET | IDE);
	ck_assert(!(rd(&bus, RKCS) & SCP));	/* cleared as the function starts */
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);	/* the controller is free */
	run_for(&bus, 100000);
	ck_assert(rd(&bus, RKCS) & SCP);
	ck_assert_uint_eq(rd(&bus, RKDS) >> 13, 1);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), RK_VECTOR);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), -1);
	/* the drive is at cylinder 0: a read there needs no seek time */
	uint64_t t0 = bus.now;
	xfer(da(1, 0, 0, 0), 0, 256, F_READ);
	wait_rdy();
	ck_assert_uint_le(bus.now - t0, rk.settle_time + rk.xfer_time + 100);
	ck_assert(!(rd(&bus, RKCS) & SCP));
}
END_TEST

static Suite *rk11_suite(void)
{
	Suite *s = suite_create("rk11");
	TCase *t = tcase_create("functions");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, read_two_blocks);
	tcase_add_test(t, read_takes_time);
	tcase_add_test(t, read_crosses_surface_and_cylinder);
	tcase_add_test(t, write_reaches_file_at_completion);
	tcase_add_test(t, short_image_reads_zeros_writes_extend);
	tcase_add_test(t, write_check);
	tcase_add_test(t, read_check_moves_no_data);
	tcase_add_test(t, address_is_18_bits);
	tcase_add_test(t, inhibit_bus_address_increment);
	tcase_add_test(t, nxm_stops_transfer);
	tcase_add_test(t, bad_address_errors);
	tcase_add_test(t, overrun_at_end_of_pack);
	tcase_add_test(t, write_lock_attach_readonly);
	tcase_add_test(t, write_lock_function);
	tcase_add_test(t, interrupt_on_completion);
	tcase_add_test(t, interrupt_when_ide_set_while_ready);
	tcase_add_test(t, seek_interrupts_twice);
	tcase_add_test(t, overlapped_seeks_queue_interrupts);
	tcase_add_test(t, seek_done_during_transfer);
	tcase_add_test(t, sector_counter_turns);
	tcase_add_test(t, busy_controller_ignores_rkda_and_go);
	tcase_add_test(t, byte_writes);
	tcase_add_test(t, format_read_gives_headers);
	tcase_add_test(t, bus_init_resets);
	tcase_add_test(t, read_block_for_boot);
	tcase_add_test(t, registers_step_through_a_transfer);
	tcase_add_test(t, search_complete_without_and_with_ide);
	suite_add_tcase(s, t);

	TCase *a = tcase_create("attach");
	tcase_add_checked_fixture(a, setup, teardown);
	tcase_add_test(a, attach_missing_file);
	tcase_add_test(a, attach_directory_and_oversize);
	tcase_add_test(a, attach_same_file_twice);
	tcase_add_test(a, attach_readonly_file);
	tcase_add_test(a, attach_device_node);
	tcase_add_test(a, attach_unreadable_file);
	tcase_add_test(a, detach_then_drive_not_ready);
	suite_add_tcase(s, a);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(rk11_suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
