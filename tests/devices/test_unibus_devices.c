/* The devices together on one bus: switch register, absent addresses,
 * interrupt arbitration between them. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/kl11.h"
#include "devices/kw11.h"
#include "devices/rk11.h"
#include "devices/swreg.h"
#include "devtest.h"

static struct unibus bus;
static struct rk11 rk;
static struct kl11 kl;
static struct kw11 kw;
static struct swreg sw;

static void setup(void)
{
	ck_assert_int_eq(bus_init(&bus, 248 * 1024), BUS_OK);
	kl11_init(&kl, &bus);
	kw11_init(&kw, &bus);
	rk11_init(&rk, &bus);
	swreg_init(&sw, &bus);
}

static void teardown(void)
{
	rk11_detach_all(&rk);
	bus_free(&bus);
}

START_TEST(devices_found_by_name)
{
	ck_assert_ptr_eq(bus_find_device(&bus, "rk"), &rk.dev);
	ck_assert_ptr_eq(bus_find_device(&bus, "kl"), &kl.dev);
	ck_assert_ptr_eq(bus_find_device(&bus, "kw"), &kw.dev);
	ck_assert_ptr_eq(bus_find_device(&bus, "sr"), &sw.dev);
	ck_assert_uint_eq(bus_find_reg(&bus, "rk", "rkda")->addr, 0777412);
	ck_assert_uint_eq(bus_find_reg(&bus, "rk", "rkds")->addr, 0777400);
	ck_assert_uint_eq(bus_find_reg(&bus, "kl", "xbuf")->addr, 0777566);
	ck_assert_uint_eq(bus_find_reg(&bus, "kl", "rcsr")->addr, 0777560);
	ck_assert_uint_eq(bus_find_reg(&bus, "kw", "lks")->addr, 0777546);
	ck_assert_uint_eq(bus_find_reg(&bus, "sr", "display")->addr, 0777570);
	ck_assert_uint_eq(bus_find_reg(&bus, NULL, "sr")->addr, 0777570);
}
END_TEST

/* The register tables point at each device's state: every register of
 * every device reads back, from the state and as the bus reads it, what
 * was put there, and reading one has none of the bus's side effects. */
START_TEST(registers_read_and_written_in_the_device_state)
{
	for (int i = 0; i < bus.ndev; i++) {
		const struct device *d = bus.dev[i];
		for (int k = 0; k < d->nregs; k++) {
			const struct devreg *r = &d->regs[k];
			uint32_t v = 052525 & ((1u << r->width) - 1);
			if (r->get)     /* composed from other state: skip RKDS, RKCS */
				continue;
			devreg_set(d, r, v);
			ck_assert_msg(devreg_get(d, r) == v, "%s %s", d->name, r->name);
			ck_assert_ptr_eq(bus_reg_owner(&bus, r), d);
			struct device *owner;
			ck_assert_uint_eq(bus_reg_at(&bus, r->addr, &owner)->addr, r->addr);
			if (strcmp(r->name, "display") != 0) /* the bus reads the switches there */
				ck_assert_msg(rd(&bus, r->addr) == (v & 0177777), "%s %s on the bus", d->name, r->name);
		}
	}
	/* RBUF with a character waiting: looking leaves DONE and the request */
	ck_assert_int_eq(kl11_input(&kl, (const uint8_t *)"x", 1), 1);
	kl.rcsr = 0;
	wr(&bus, KL_BASE, 0100);
	bus.now += 100000;
	bus_run_events(&bus);
	ck_assert_uint_eq(kl.rcsr & 0200, 0200);
	const struct devreg *rbuf = bus_find_reg(&bus, "kl", "rbuf");
	ck_assert_uint_eq(devreg_get(&kl.dev, rbuf), 'x');
	ck_assert_uint_eq(devreg_get(&kl.dev, rbuf), 'x');
	ck_assert_uint_eq(kl.rcsr & 0200, 0200);
	ck_assert_int_eq(bus.irq_level, KL_LEVEL);
	/* the program's read takes it */
	ck_assert_uint_eq(rd(&bus, KL_BASE + 2), 'x');
	ck_assert_uint_eq(kl.rcsr & 0200, 0);
	/* RKCS as a program reads it: RKER's summaries on top */
	rk.rker = 040000;
	ck_assert_uint_eq(devreg_get(&rk.dev, bus_find_reg(&bus, "rk", "rkcs")), rd(&bus, RK_BASE + 4));
	ck_assert_uint_eq(devreg_get(&rk.dev, bus_find_reg(&bus, "rk", "rkds")), rd(&bus, RK_BASE));
}
END_TEST

START_TEST(switch_and_display_register)
{
	sw.sr = 0712345;                /* 18 switches: the bus sees the low 16 */
	ck_assert_uint_eq(rd(&bus, SWR_ADDR), 0112345);
	uint8_t b;
	ck_assert_int_eq(bus_read_byte(&bus, SWR_ADDR + 1, &b), BUS_OK);
	ck_assert_uint_eq(b, 0224);
	wr(&bus, SWR_ADDR, 054321);
	ck_assert_uint_eq(sw.display, 054321);
	ck_assert_uint_eq(sw.display_writes, 1);
	ck_assert_uint_eq(rd(&bus, SWR_ADDR), 0112345);  /* reads stay the switches */
	/* A byte write changes its half of the display, not taking the switches. */
	wrb(&bus, SWR_ADDR + 1, 0);
	ck_assert_uint_eq(sw.display, 0321);
	wrb(&bus, SWR_ADDR, 0);
	ck_assert_uint_eq(sw.display, 0);
	ck_assert_uint_eq(sw.display_writes, 3);
}
END_TEST

START_TEST(absent_addresses_bus_error)
{
	static const uint32_t absent[] = {
		0772540,        /* KW11-P, which V6 probes for */
		0777414, 0777416, 0777544, 0777550, 0777572, 0776700, 0760000,
	};
	for (unsigned i = 0; i < sizeof absent / sizeof absent[0]; i++) {
		uint16_t w;
		uint8_t b;
		ck_assert_int_eq(bus_read(&bus, absent[i], &w), BUS_ERR);
		ck_assert_int_eq(bus_write(&bus, absent[i], 0), BUS_ERR);
		ck_assert_int_eq(bus_read_byte(&bus, absent[i] + 1, &b), BUS_ERR);
		ck_assert_int_eq(bus_write_byte(&bus, absent[i] + 1, 0), BUS_ERR);
	}
	/* Memory ends at 248 KB: above it, below the I/O page, nothing answers. */
	ck_assert_int_eq(bus_set_memsize(&bus, 64 * 1024), BUS_OK);
	ck_assert_int_eq(bus_write(&bus, 0200000, 1), BUS_ERR);
	/* Present registers answer words and both bytes. */
	uint16_t w;
	uint8_t b;
	ck_assert_int_eq(bus_read(&bus, 0777412, &w), BUS_OK);
	ck_assert_int_eq(bus_read_byte(&bus, 0777567, &b), BUS_OK);
	ck_assert_int_eq(bus_write_byte(&bus, 0777413, 0), BUS_OK);
}
END_TEST

START_TEST(higher_level_wins_and_ack_drops)
{
	char path[] = "/tmp/rkbusXXXXXX";
	char err[200];
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(rk11_attach(&rk, 0, path, false, false, err, sizeof err), 0);

	wr(&bus, 0777564, 0100);        /* KL transmit IE while ready: BR4 */
	ck_assert_int_eq(bus.irq_level, 4);
	wr(&bus, 0777406, (uint16_t)-256);
	wr(&bus, 0777404, 0105);        /* RK read, IDE, GO */
	wr(&bus, 0777546, 0100);        /* KW IE */
	kw11_set_interval(&kw, 50);
	run_for(&bus, 100000);
	ck_assert_int_eq(bus.irq_level, 6);
	/* At priority 6 nothing may interrupt; at 5 only the clock. */
	ck_assert_int_eq(bus_irq_ack(&bus, 6), -1);
	ck_assert_int_eq(bus_irq_ack(&bus, 7), -1);
	kw11_set_interval(&kw, 0);
	ck_assert_int_eq(bus_irq_ack(&bus, 5), KW_VECTOR);
	ck_assert_int_eq(bus.irq_level, 5);
	ck_assert_int_eq(bus_irq_ack(&bus, 5), -1);
	ck_assert_int_eq(bus_irq_ack(&bus, 4), RK_VECTOR);
	ck_assert_int_eq(bus_irq_ack(&bus, 4), -1);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), KL_XVEC);
	ck_assert_int_eq(bus_irq_ack(&bus, 0), -1);
	ck_assert_int_eq(bus.irq_level, 0);
	rk11_detach(&rk, 0);
	unlink(path);
}
END_TEST

START_TEST(init_reaches_every_device)
{
	wr(&bus, 0777564, 0100);
	wr(&bus, 0777546, 0100);
	wr(&bus, 0777404, 0100);
	ck_assert_int_ne(bus.irq_level, 0);
	bus_reset(&bus);
	ck_assert_int_eq(bus.irq_level, 0);
	ck_assert_uint_eq(rd(&bus, 0777564), 0200);
	ck_assert_uint_eq(rd(&bus, 0777546), 0200);
	ck_assert_uint_eq(rd(&bus, 0777404), 0200);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("unibus_devices");
	TCase *t = tcase_create("bus");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, devices_found_by_name);
	tcase_add_test(t, switch_and_display_register);
	tcase_add_test(t, registers_read_and_written_in_the_device_state);
	tcase_add_test(t, absent_addresses_bus_error);
	tcase_add_test(t, higher_level_wins_and_ack_drops);
	tcase_add_test(t, init_reaches_every_device);
	suite_add_tcase(s, t);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
