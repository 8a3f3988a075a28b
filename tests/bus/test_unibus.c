/* Unibus interrupt arbitration (PDP-11/40 Processor Handbook, Unibus
 * priority: bus requests BR4-BR7 and the bus grant chain): of several
 * requests the one at the highest BR level is granted; among requests at
 * one level the device electrically nearest the CPU on the grant chain
 * (here: the line registered first) is granted; a request at a level at
 * or below the processor's priority is not granted and waits, still
 * requesting. Checked on the bus alone (bus_irq_ack, the grant) and
 * through the CPU, which takes the grant between instructions. */
#include <stdlib.h>

#include "fixture.h"

/* Vectors far from any device's. */
enum { V0 = 0500, V1 = 0510, V2 = 0520, V3 = 0530 };

static struct machine *m;

static void setup(void)
{
	m = fx_new();
}

static void teardown(void)
{
	fx_free(m);
}

/* A line at level, its vector v pointing at a HALT of its own. */
static int line(int level, uint16_t v)
{
	wrw(m, v, HANDLER(v));
	wrw(m, v + 2u, VEC_PSW);
	wrw(m, HANDLER(v), 0);
	int l = bus_irq_line(&m->bus, level, v);
	ck_assert_int_ge(l, 0);
	return l;
}

/* Four levels requesting, registered in no order: granted highest first,
 * whatever the nearness. */
START_TEST(highest_level_first)
{
	int l5 = line(5, V0), l7 = line(7, V1), l4 = line(4, V2), l6 = line(6, V3);
	bus_irq(&m->bus, l4, true);
	bus_irq(&m->bus, l5, true);
	bus_irq(&m->bus, l6, true);
	bus_irq(&m->bus, l7, true);
	ck_assert_int_eq(m->bus.irq_level, 7);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V1);
	ck_assert_int_eq(m->bus.irq_level, 6);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V3);
	ck_assert_int_eq(m->bus.irq_level, 5);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V0);
	ck_assert_int_eq(m->bus.irq_level, 4);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V2);
	ck_assert_int_eq(m->bus.irq_level, 0);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), -1);
}
END_TEST

/* At one level the nearest requesting device wins, whichever asked first. */
START_TEST(same_level_nearest_first)
{
	int a = line(5, V0), b = line(5, V1), c = line(5, V2);
	bus_irq(&m->bus, c, true);
	bus_irq(&m->bus, b, true);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 4), V1);
	bus_irq(&m->bus, a, true);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 4), V0);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 4), V2);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 4), -1);
	/* a farther device at a higher level still beats a nearer one */
	int d = line(6, V3);
	bus_irq(&m->bus, a, true);
	bus_irq(&m->bus, d, true);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V3);
	ck_assert_int_eq(bus_irq_ack(&m->bus, 0), V0);
}
END_TEST

/* For every level and priority: granted only above the priority; a request
 * not granted keeps requesting. */
START_TEST(priority_masks_at_and_below)
{
	int l[8];
	for (int lev = 4; lev <= 7; lev++)
		l[lev] = line(lev, (uint16_t)(V0 + 010 * (lev - 4)));
	for (int lev = 4; lev <= 7; lev++)
		for (int pri = 0; pri <= 7; pri++) {
			bus_irq(&m->bus, l[lev], true);
			int v = bus_irq_ack(&m->bus, pri);
			if (lev > pri) {
				ck_assert_msg(v == V0 + 010 * (lev - 4), "BR%d at priority %d: %d", lev, pri, v);
				ck_assert(!m->bus.irq[l[lev]].requesting);
			} else {
				ck_assert_msg(v == -1, "BR%d at priority %d granted", lev, pri);
				ck_assert(m->bus.irq[l[lev]].requesting);
				ck_assert_int_eq(m->bus.irq_level, lev);
				bus_irq(&m->bus, l[lev], false);
			}
		}
}
END_TEST

/* Through the CPU: two BR5 requests and one BR7; the processor at
 * priority 5 takes the BR7, then at priority 4 the nearer BR5; at
 * priority 7 nothing, which runs on. */
START_TEST(cpu_takes_the_grant)
{
	int a = line(5, V0), b = line(5, V1), c = line(7, V2);
	fx_prog(m, "INC R0\nINC R0\nINC R0\nHALT");
	cpu_set_psw(&m->cpu, 0340);
	bus_irq(&m->bus, b, true);
	bus_irq(&m->bus, a, true);
	bus_irq(&m->bus, c, true);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_not_trapped(m, PROG + 6);		/* priority 7: all wait */
	ck_assert_uint_eq(m->cpu.r[0], 3);

	fx_prog(m, "INC R0\nHALT");
	cpu_set_psw(&m->cpu, 0240);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, V2);			/* BR7 over priority 5 */

	fx_prog(m, "INC R0\nHALT");
	cpu_set_psw(&m->cpu, 0240);
	m->cpu.r[6] = KSTACK;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_not_trapped(m, PROG + 2);		/* BR5 at priority 5 waits */

	fx_prog(m, "INC R0\nHALT");
	cpu_set_psw(&m->cpu, 0200);
	m->cpu.r[6] = KSTACK;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, V0);			/* the nearer BR5 */
	ck_assert(m->bus.irq[b].requesting);
}
END_TEST

static Suite *unibus_suite(void)
{
	Suite *s = suite_create("unibus");
	TCase *tc = tcase_create("arbitration");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, highest_level_first);
	tcase_add_test(tc, same_level_nearest_first);
	tcase_add_test(tc, priority_masks_at_and_below);
	tcase_add_test(tc, cpu_takes_the_grant);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(unibus_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
