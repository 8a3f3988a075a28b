/* KW11-L line clock: virtual-time ticks, monitor bit, interrupts. */
#include <check.h>
#include <stdlib.h>

#include "devices/kw11.h"
#include "devtest.h"

enum { LKS = 0777546, MON = 0200, IE = 0100 };

static struct unibus bus;
static struct kw11 kw;

static void setup(void)
{
	ck_assert_int_eq(bus_init(&bus, 64 * 1024), BUS_OK);
	kw11_init(&kw, &bus);
}

static void teardown(void)
{
	bus_free(&bus);
}

START_TEST(monitor_set_at_power_up_and_cleared_by_program)
{
	ck_assert_uint_eq(rd(&bus, LKS), MON);
	wr(&bus, LKS, MON);             /* writing 1 does not clear it */
	ck_assert_uint_eq(rd(&bus, LKS), MON);
	wr(&bus, LKS, 0);
	ck_assert_uint_eq(rd(&bus, LKS), 0);
	wr(&bus, LKS, MON);             /* ... nor set it */
	ck_assert_uint_eq(rd(&bus, LKS), 0);
	wr(&bus, LKS, 0177477);         /* only bits 7-6 exist */
	ck_assert_uint_eq(rd(&bus, LKS), 0);
}
END_TEST

START_TEST(virtual_ticks)
{
	wr(&bus, LKS, 0);
	kw11_set_interval(&kw, 1000);
	run_for(&bus, 999);
	ck_assert_uint_eq(kw.ticks, 0);
	ck_assert_uint_eq(rd(&bus, LKS), 0);
	run_for(&bus, 1);
	ck_assert_uint_eq(kw.ticks, 1);
	ck_assert_uint_eq(rd(&bus, LKS), MON);
	ck_assert_int_eq(bus.irq_level, 0);     /* no IE, no interrupt */
	run_until(&bus, 10500);
	ck_assert_uint_eq(kw.ticks, 10);
	/* Ticks keep their phase even when the event runs late. */
	bus.now = 11700;
	bus_run_events(&bus);
	ck_assert_uint_eq(kw.ticks, 11);
	run_until(&bus, 11999);
	ck_assert_uint_eq(kw.ticks, 11);
	run_until(&bus, 12000);
	ck_assert_uint_eq(kw.ticks, 12);
	/* Interval 0: only kw11_tick ticks. */
	kw11_set_interval(&kw, 0);
	run_for(&bus, 100000);
	ck_assert_uint_eq(kw.ticks, 12);
	kw11_tick(&kw);
	ck_assert_uint_eq(kw.ticks, 13);
}
END_TEST

START_TEST(tick_interrupts)
{
	wr(&bus, LKS, 0115);            /* as V6 starts it: IE, monitor cleared */
	ck_assert_uint_eq(rd(&bus, LKS), IE);
	ck_assert_int_eq(bus.irq_level, 0);
	kw11_set_interval(&kw, 16667);
	run_for(&bus, 16667);
	ck_assert_int_eq(bus.irq_level, KW_LEVEL);
	ck_assert_int_eq(bus_irq_ack(&bus, 6), -1);
	ck_assert_int_eq(bus_irq_ack(&bus, 5), KW_VECTOR);
	ck_assert_int_eq(bus.irq_level, 0);
	ck_assert_uint_eq(rd(&bus, LKS), MON | IE);
	wr(&bus, LKS, 0115);
	run_for(&bus, 16667);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KW_VECTOR);
	/* Clearing IE withdraws a pending request. */
	run_for(&bus, 16667);
	ck_assert_int_eq(bus.irq_level, KW_LEVEL);
	wr(&bus, LKS, 0);
	ck_assert_int_eq(bus.irq_level, 0);
	/* Manual ticks interrupt the same way. */
	kw11_set_interval(&kw, 0);
	wr(&bus, LKS, IE);
	kw11_tick(&kw);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KW_VECTOR);
}
END_TEST

START_TEST(init_sets_monitor_clears_ie)
{
	wr(&bus, LKS, IE);
	kw11_tick(&kw);
	ck_assert_int_eq(bus.irq_level, KW_LEVEL);
	wr(&bus, LKS, IE);
	bus_reset(&bus);
	ck_assert_uint_eq(rd(&bus, LKS), MON);
	ck_assert_int_eq(bus.irq_level, 0);
}
END_TEST

START_TEST(byte_writes)
{
	wrb(&bus, LKS + 1, 0377);       /* nothing in the high byte */
	ck_assert_uint_eq(rd(&bus, LKS), MON);
	wrb(&bus, LKS, IE);
	ck_assert_uint_eq(rd(&bus, LKS), IE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kw11");
	TCase *t = tcase_create("kw11");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, monitor_set_at_power_up_and_cleared_by_program);
	tcase_add_test(t, virtual_ticks);
	tcase_add_test(t, tick_interrupts);
	tcase_add_test(t, init_sets_monitor_clears_ie);
	tcase_add_test(t, byte_writes);
	suite_add_tcase(s, t);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
