/* The small parsers of the simh settings: throttle values, examine and
 * deposit radixes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "radix.h"
#include "sim.h"
#include "throttle.h"

START_TEST(throttle_values)
{
	static struct sim s;
	char err[256];
	ck_assert_int_eq(throttle_set(&s, "1M", err, sizeof err), 0);
	ck_assert(s.throttle_ips == 1e6 && s.throttle_pct == 0);
	ck_assert_int_eq(throttle_set(&s, "250k", err, sizeof err), 0);
	ck_assert(s.throttle_ips == 250e3);
	ck_assert_int_eq(throttle_set(&s, "50%", err, sizeof err), 0);
	ck_assert(s.throttle_ips == 0 && s.throttle_pct == 50);
	ck_assert_int_eq(throttle_set(&s, "100%", err, sizeof err), 0);
	ck_assert_int_eq(throttle_set(&s, "off", err, sizeof err), 0);
	ck_assert(s.throttle_ips == 0 && s.throttle_pct == 0);
	static const char *const bad[] = { "101%", "0%", "0M", "%", "M", "12", "1G", "-1M", "1.5M", "",
					   "10001M", "99999999999999999999K" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(throttle_set(&s, bad[i], err, sizeof err) == -1, "took %s", bad[i]);
		ck_assert_ptr_nonnull(strstr(err, "set throttle:"));
	}
	ck_assert(s.throttle_ips == 0 && s.throttle_pct == 0);	/* a bad value changes nothing */
}
END_TEST

START_TEST(radix_round_trips)
{
	char buf[64], err[256];
	uint64_t v;
	for (int fmt = FMT_OCTAL; fmt <= FMT_HEX; fmt++)
		for (uint32_t x = 0; x <= 0177777; x += 0777) {
			value_format(fmt, x, 2, buf, sizeof buf);
			ck_assert_int_eq(value_parse(fmt, buf, 0177777, &v, err, sizeof err), 0);
			ck_assert_uint_eq(v, x);
		}
	value_format(FMT_HEX, 0xBEEF, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "BEEF");
	value_format(FMT_DECIMAL, 65535, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "65535");
	value_format(FMT_OCTAL, 7, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "007");
	value_format(FMT_CHARS, 'h' | 'i' << 8, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "hi");
	value_format(FMT_ASCII, '\r', 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "\\r");
	value_format(FMT_ASCII, 0200, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "\\200");
	ck_assert_int_eq(value_parse(FMT_DECIMAL, "65536", 0177777, &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "bad number: 65536 (decimal, at most 65535)");
	ck_assert_int_eq(value_parse(FMT_HEX, "10000", 0177777, &v, err, sizeof err), -1);
	ck_assert_int_eq(value_parse(FMT_OCTAL, "8", 0177777, &v, err, sizeof err), -1);
	ck_assert_int_eq(value_parse(FMT_OCTAL, "10.", 0177777, &v, err, sizeof err), 0);
	ck_assert_uint_eq(v, 10);
	ck_assert_int_eq(value_parse(FMT_ASCII, "x", 0377, &v, err, sizeof err), 0);
	ck_assert_uint_eq(v, 'x');
	ck_assert_int_eq(value_parse(FMT_ASCII, "\"\\n\"", 0377, &v, err, sizeof err), 0);
	ck_assert_uint_eq(v, '\n');
	ck_assert_int_eq(value_parse(FMT_ASCII, "xy", 0377, &v, err, sizeof err), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, throttle_values);
	tcase_add_test(tc, radix_round_trips);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
