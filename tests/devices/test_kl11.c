/* KL11 console: transmit and receive timing, interrupts, byte access. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/kl11.h"
#include "devtest.h"

enum {
	RCSR = 0777560, RBUF = 0777562, XCSR = 0777564, XBUF = 0777566,
	DONE = 0200, IE = 0100, RDR_ENB = 1, BUSY = 04000, MAINT = 4,
};

static struct unibus bus;
static struct kl11 kl;
static char out[256];
static int nout;

static void output(void *ctx, uint8_t ch)
{
	ck_assert_ptr_eq(ctx, &kl);
	out[nout++] = (char)ch;
}

static void setup(void)
{
	ck_assert_int_eq(bus_init(&bus, 64 * 1024), BUS_OK);
	kl11_init(&kl, &bus);
	kl.output = output;
	kl.output_ctx = &kl;
	nout = 0;
}

static void teardown(void)
{
	bus_free(&bus);
}

START_TEST(power_up_state)
{
	ck_assert_uint_eq(rd(&bus, XCSR), DONE);
	ck_assert_uint_eq(rd(&bus, RCSR), 0);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(transmit_takes_xmit_time)
{
	kl.xmit_time = 1000;
	wr(&bus, XBUF, 'A');
	ck_assert_uint_eq(rd(&bus, XCSR) & DONE, 0);
	run_for(&bus, 999);
	ck_assert_int_eq(nout, 0);
	ck_assert_uint_eq(rd(&bus, XCSR) & DONE, 0);
	run_for(&bus, 1);
	ck_assert_int_eq(nout, 1);
	ck_assert_int_eq(out[0], 'A');
	ck_assert_uint_eq(rd(&bus, XCSR) & DONE, DONE);
	/* Only the low 8 bits go out. */
	wr(&bus, XBUF, 0177400 | 'B');
	run_for(&bus, 1000);
	ck_assert_int_eq(out[1], 'B');
}
END_TEST

START_TEST(transmit_interrupts)
{
	/* Setting IE while ready requests at once (V6's ttstart relies on it). */
	wr(&bus, XCSR, IE);
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	ck_assert_int_eq(bus_irq_ack(&bus, 4), -1);
	ck_assert_int_eq(bus_irq_ack(&bus, 3), KL_XVEC);
	ck_assert_int_eq(bus.irq_level, 0);
	wr(&bus, XBUF, 'x');
	run_for(&bus, kl.xmit_time - 1);
	ck_assert_int_eq(bus.irq_level, 0);
	run_for(&bus, 1);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_XVEC);
	/* Writing XBUF withdraws a request not yet granted. */
	wr(&bus, XBUF, 'y');
	run_for(&bus, kl.xmit_time);
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	wr(&bus, XBUF, 'z');
	ck_assert_int_eq(bus.irq_level, 0);
	/* Clearing IE withdraws it too, and completion then raises nothing. */
	run_for(&bus, kl.xmit_time);
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	wr(&bus, XCSR, 0);
	ck_assert_int_eq(bus.irq_level, 0);
	wr(&bus, XBUF, 'w');
	run_for(&bus, kl.xmit_time);
	ck_assert_int_eq(bus.irq_level, 0);
	ck_assert_int_eq(nout, 4);
	ck_assert(memcmp(out, "xyzw", 4) == 0);
}
END_TEST

START_TEST(receive_with_delay)
{
	kl.recv_time = 500;
	ck_assert_int_eq(kl11_input(&kl, (const uint8_t *)"hi", 2), 2);
	ck_assert(!kl11_input_idle(&kl));
	run_for(&bus, 499);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
	run_for(&bus, 1);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, DONE);
	/* The next character waits for RBUF to be read. */
	run_for(&bus, 5000);
	ck_assert_uint_eq(rd(&bus, RBUF), 'h');
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
	run_for(&bus, 499);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
	run_for(&bus, 1);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, DONE);
	ck_assert(!kl11_input_idle(&kl));
	ck_assert_uint_eq(rd(&bus, RBUF), 'i');
	ck_assert(kl11_input_idle(&kl));
	run_for(&bus, 5000);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
}
END_TEST

START_TEST(receive_not_before_in_after)
{
	kl.recv_time = 100;
	kl.in_after = 3000;
	kl11_input(&kl, (const uint8_t *)"x", 1);
	run_until(&bus, 2999);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
	run_until(&bus, 3000);
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, DONE);
	ck_assert_uint_eq(rd(&bus, RBUF), 'x');
}
END_TEST

START_TEST(receive_interrupts)
{
	wr(&bus, RCSR, IE);
	ck_assert_int_eq(bus.irq_level, 0);     /* nothing received yet */
	kl11_input(&kl, (const uint8_t *)"ab", 2);
	ck_assert(rd(&bus, RCSR) & BUSY);
	run_for(&bus, kl.recv_time);
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_RVEC);
	ck_assert_uint_eq(rd(&bus, RBUF), 'a');
	run_for(&bus, kl.recv_time);
	/* Reading RBUF before the grant withdraws the request. */
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	ck_assert_uint_eq(rd(&bus, RBUF), 'b');
	ck_assert_int_eq(bus.irq_level, 0);
	/* IE set while done interrupts. */
	kl11_input(&kl, (const uint8_t *)"c", 1);
	wr(&bus, RCSR, 0);
	run_for(&bus, kl.recv_time);
	ck_assert_int_eq(bus.irq_level, 0);
	wr(&bus, RCSR, IE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_RVEC);
}
END_TEST

START_TEST(reader_enable_clears_done)
{
	kl11_input(&kl, (const uint8_t *)"pq", 2);
	run_for(&bus, kl.recv_time);
	ck_assert(rd(&bus, RCSR) & DONE);
	wr(&bus, RCSR, RDR_ENB);
	ck_assert_uint_eq(rd(&bus, RCSR) & (DONE | RDR_ENB), 0);
	run_for(&bus, kl.recv_time);
	ck_assert_uint_eq(rd(&bus, RBUF), 'q');
}
END_TEST

/* Looking is not reading: bus_peek (what the monitor, history and the
 * kernel views use) gives RBUF's character and leaves DONE, the
 * interrupt request and the character for the program's own read. */
START_TEST(peek_leaves_the_receiver)
{
	wr(&bus, RCSR, IE);
	kl11_input(&kl, (const uint8_t *)"zy", 2);
	run_for(&bus, kl.recv_time);
	uint16_t v;
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(bus_peek(&bus, RBUF, &v), BUS_OK);
		ck_assert_uint_eq(v, 'z');
		ck_assert_int_eq(bus_peek(&bus, RCSR, &v), BUS_OK);
		ck_assert_uint_eq(v & DONE, DONE);
		ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	}
	ck_assert_uint_eq(rd(&bus, RBUF), 'z');
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
}
END_TEST

START_TEST(input_queue_bounded)
{
	static uint8_t big[KL_INBUF + 10];
	memset(big, 'z', sizeof big);
	ck_assert_int_eq(kl11_input(&kl, big, (int)sizeof big), KL_INBUF);
	ck_assert_int_eq(kl11_input(&kl, big, 1), 0);
	run_for(&bus, kl.recv_time);
	rd(&bus, RBUF);
	ck_assert_int_eq(kl11_input(&kl, big, 5), 1);
}
END_TEST

START_TEST(byte_access)
{
	kl11_input(&kl, (const uint8_t *)"r", 1);
	run_for(&bus, kl.recv_time);
	/* A byte write to RBUF must not take the character. */
	wrb(&bus, RBUF, 0);
	wrb(&bus, RBUF + 1, 0);
	ck_assert(rd(&bus, RCSR) & DONE);
	uint8_t b;
	ck_assert_int_eq(bus_read_byte(&bus, RBUF, &b), BUS_OK);
	ck_assert_uint_eq(b, 'r');
	ck_assert_uint_eq(rd(&bus, RCSR) & DONE, 0);
	/* Low byte of XBUF sends. */
	wrb(&bus, XBUF, 'k');
	ck_assert_uint_eq(rd(&bus, XCSR) & DONE, 0);
	run_for(&bus, kl.xmit_time);
	ck_assert_int_eq(nout, 1);
	ck_assert_int_eq(out[0], 'k');
	/* CSR low byte sets IE; the high byte holds nothing writable. */
	wrb(&bus, XCSR, IE);
	ck_assert_uint_eq(rd(&bus, XCSR), DONE | IE);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_XVEC);
	wrb(&bus, XCSR + 1, 0377);
	ck_assert_uint_eq(rd(&bus, XCSR), DONE | IE);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(maintenance_loops_back)
{
	wr(&bus, XCSR, MAINT);
	wr(&bus, XBUF, 'm');
	run_for(&bus, kl.xmit_time);
	ck_assert_int_eq(nout, 0);
	ck_assert(rd(&bus, RCSR) & DONE);
	ck_assert_uint_eq(rd(&bus, RBUF), 'm');
}
END_TEST

START_TEST(init_resets)
{
	wr(&bus, RCSR, IE);
	wr(&bus, XCSR, IE);
	wr(&bus, XBUF, 'q');
	bus_reset(&bus);
	ck_assert_uint_eq(rd(&bus, XCSR), DONE);
	ck_assert_uint_eq(rd(&bus, RCSR), 0);
	ck_assert_int_eq(bus.irq_level, 0);
	run_for(&bus, kl.xmit_time * 2);
	ck_assert_int_eq(nout, 0);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(receive_wins_tie_with_transmit)
{
	wr(&bus, XCSR, IE);
	wr(&bus, RCSR, IE);
	kl11_input(&kl, (const uint8_t *)"t", 1);
	run_for(&bus, kl.recv_time);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_RVEC);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_XVEC);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kl11");
	TCase *t = tcase_create("kl11");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, power_up_state);
	tcase_add_test(t, transmit_takes_xmit_time);
	tcase_add_test(t, transmit_interrupts);
	tcase_add_test(t, receive_with_delay);
	tcase_add_test(t, receive_not_before_in_after);
	tcase_add_test(t, receive_interrupts);
	tcase_add_test(t, reader_enable_clears_done);
	tcase_add_test(t, input_queue_bounded);
	tcase_add_test(t, byte_access);
	tcase_add_test(t, maintenance_loops_back);
	tcase_add_test(t, init_resets);
	tcase_add_test(t, receive_wins_tie_with_transmit);
	tcase_add_test(t, peek_leaves_the_receiver);
	suite_add_tcase(s, t);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
