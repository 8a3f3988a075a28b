/* Further KL11/DL11-A lines: where V6's kl.c and mkconf expect them
 * (776500 + 8(N-1), vectors 300 + 8(N-1) and 304 + 8(N-1)), added and
 * removed by machine_set_kl_lines, and a transmitter held while the far
 * end is busy. */
#include <check.h>
#include <stdlib.h>

#include "bus/machine.h"
#include "devtest.h"

enum { DONE = 0200, IE = 0100 };

static struct machine *m;
static int sent[4], nsent;
static bool busy;

static void output(void *ctx, uint8_t ch)
{
	(void)ctx;
	sent[nsent++ % 4] = ch;
}

static bool is_busy(void *ctx)
{
	(void)ctx;
	return busy;
}

static void setup(void)
{
	m = calloc(1, sizeof *m);
	ck_assert_int_eq(machine_init(m, 64 * 1024), 0);
	nsent = 0;
	busy = false;
}

static void teardown(void)
{
	machine_free(m);
	free(m);
}

START_TEST(lines_where_v6_looks)
{
	uint16_t v;
	ck_assert_int_eq(bus_read(&m->bus, 0776500, &v), BUS_ERR);	/* only the console */
	ck_assert_int_eq(machine_set_kl_lines(m, 3), 0);
	ck_assert_uint_eq(rd(&m->bus, 0776504), DONE);	/* kl1's XCSR: ready */
	ck_assert_uint_eq(rd(&m->bus, 0776514), DONE);	/* kl2's */
	ck_assert_int_eq(bus_read(&m->bus, 0776520, &v), BUS_ERR);
	ck_assert_uint_eq(bus_find_reg(&m->bus, "kl2", "xbuf")->addr, 0776516);
	ck_assert_uint_eq(kl11_vector(1), 0300);
	ck_assert_uint_eq(kl11_vector(2), 0310);
	ck_assert_int_eq(machine_set_kl_lines(m, 2), 0);
	ck_assert_int_eq(bus_read(&m->bus, 0776510, &v), BUS_ERR);
	ck_assert_uint_eq(rd(&m->bus, 0776504), DONE);
	ck_assert_uint_eq(rd(&m->bus, 0777564), DONE);	/* the console untouched */
	ck_assert_int_eq(machine_set_kl_lines(m, KL_LINES_MAX + 1), -1);
	ck_assert_int_eq(machine_set_kl_lines(m, KL_LINES_MAX), 0);
	ck_assert_uint_eq(rd(&m->bus, 0776500 + 8 * (KL_LINES_MAX - 2) + 4), DONE);
}
END_TEST

START_TEST(interrupts_at_the_mkconf_vectors)
{
	ck_assert_int_eq(machine_set_kl_lines(m, 3), 0);
	struct kl11 *kl1 = &m->kline[0], *kl2 = &m->kline[1];
	kl1->output = output;
	wr(&m->bus, 0776504, IE);	/* kl1 transmitter ready with IE: requests at once */
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), 0304);
	kl11_input(kl2, (const uint8_t *)"x", 1);
	wr(&m->bus, 0776510, IE);
	run_for(&m->bus, kl2->recv_time);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), 0310);
	ck_assert_uint_eq(rd(&m->bus, 0776512), 'x');
	wr(&m->bus, 0776506, 'k');
	run_for(&m->bus, kl1->xmit_time);
	ck_assert_int_eq(nsent, 1);
	ck_assert_int_eq(sent[0], 'k');
	/* removed and added again: the same interrupt lines, nothing pending */
	ck_assert_int_eq(machine_set_kl_lines(m, 1), 0);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), -1);
	ck_assert_int_eq(machine_set_kl_lines(m, 2), 0);
	wr(&m->bus, 0776504, IE);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), 0304);
}
END_TEST

START_TEST(busy_far_end_holds_the_transmitter)
{
	ck_assert_int_eq(machine_set_kl_lines(m, 2), 0);
	struct kl11 *kl1 = &m->kline[0];
	kl1->output = output;
	kl1->output_busy = is_busy;
	busy = true;
	wr(&m->bus, 0776506, 'a');
	run_for(&m->bus, 5 * kl1->xmit_time);
	ck_assert_int_eq(nsent, 0);
	ck_assert_uint_eq(rd(&m->bus, 0776504) & DONE, 0);	/* still busy */
	busy = false;
	run_for(&m->bus, kl1->xmit_time);
	ck_assert_int_eq(nsent, 1);
	ck_assert_int_eq(sent[0], 'a');
	ck_assert_uint_eq(rd(&m->bus, 0776504) & DONE, DONE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kl_lines");
	TCase *tc = tcase_create("lines");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lines_where_v6_looks);
	tcase_add_test(tc, interrupts_at_the_mkconf_vectors);
	tcase_add_test(tc, busy_far_end_holds_the_transmitter);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
