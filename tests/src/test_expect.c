/* expect rules on a stream of console output, and send pacing on a machine. */
#include <check.h>
#include <string.h>

#include "bus/machine.h"
#include "script.h"

static struct machine m;
static struct script sc;

static void setup(void)
{
	ck_assert_int_eq(machine_init(&m, 64 * 1024), 0);
	script_init(&sc, &m);
}

static void teardown(void)
{
	script_free(&sc);
	machine_free(&m);
}

/* Feed text; return the index of the character that completed a match, or -1. */
static int feed(const char *text)
{
	for (int i = 0; text[i]; i++)
		if (expect_output(&sc, (uint8_t)text[i]))
			return i;
	return -1;
}

static void add(const char *pat, bool re, bool persist, const char *actions)
{
	char err[128];
	ck_assert_int_eq(expect_add(&sc, pat, (int)strlen(pat), re, persist, 1000, actions, err, sizeof err), 0);
}

START_TEST(literal_matches_at_its_last_character_once)
{
	add("login: ", false, false, NULL);
	ck_assert_int_eq(feed("\r\nlogin: root"), 8);
	ck_assert(sc.matched);
	ck_assert_str_eq(sc.match_source, "login: ");
	ck_assert_ptr_null(sc.match_actions);
	ck_assert_int_eq(sc.nrules, 0);
	ck_assert_int_eq(feed("login: "), -1);	/* used up */
}
END_TEST

START_TEST(matched_output_is_consumed)
{
	add("# ", false, false, NULL);
	add("# ", false, false, "send \"x\"");
	ck_assert_int_eq(feed("# "), 1);
	ck_assert_ptr_null(sc.match_actions);	/* the first rule wins */
	/* the second rule does not see the same "# " again */
	ck_assert_int_eq(feed("ls"), -1);
	ck_assert_int_eq(feed("\n# "), 2);
	ck_assert_str_eq(sc.match_actions, "send \"x\"");
}
END_TEST

START_TEST(persistent_rules_stay)
{
	add("\007", false, true, NULL);
	ck_assert_int_eq(feed("a\007"), 1);
	ck_assert_int_eq(feed("b\007"), 1);
	ck_assert_int_eq(sc.nrules, 1);
	ck_assert_str_eq(sc.match_source, "\\007");
}
END_TEST

START_TEST(regex_rules)
{
	char err[128];
	add("mem = [0-9]+\r", true, false, NULL);
	ck_assert_int_eq(feed("mem = 10"), -1);
	ck_assert_int_eq(feed("36\r\n"), 2);
	ck_assert_int_eq(expect_add(&sc, "([", 2, true, false, 10, NULL, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "regular expression"));
}
END_TEST

START_TEST(deadlines)
{
	const char *src = NULL;
	ck_assert_uint_eq(expect_deadline(&sc, &src), UINT64_MAX);
	add("a", false, false, NULL);
	ck_assert_uint_eq(expect_deadline(&sc, &src), m.bus.now + 1000);
	ck_assert_str_eq(src, "a");
	expect_drop_expired(&sc, m.bus.now + 999);
	ck_assert_int_eq(sc.nrules, 1);
	expect_drop_expired(&sc, m.bus.now + 1000);
	ck_assert_int_eq(sc.nrules, 0);
}
END_TEST

/* A guest that reads RBUF only every 5000 instructions still gets every
 * character of a send, in order: the send waits for the receiver. */
START_TEST(send_waits_for_the_guest)
{
	ck_assert_int_eq(send_add(&sc, (const uint8_t *)"abc", 3, 10, 10), 0);
	ck_assert(send_pending(&sc));
	char got[8] = "";
	int n = 0;
	/* WAIT in a loop: time passes without instructions reading the KL11 */
	m.bus.mem[0] = 0000001;	/* WAIT */
	m.bus.mem[1] = 0000776;	/* BR .-2 */
	m.cpu.r[PC] = 0;
	for (int round = 0; round < 20 && n < 3; round++) {
		machine_run(&m, 5000);
		uint16_t csr, buf;
		ck_assert_int_eq(bus_read(&m.bus, KL_BASE, &csr), BUS_OK);
		if (csr & 0200) {
			ck_assert_int_eq(bus_read(&m.bus, KL_BASE + 2, &buf), BUS_OK);
			got[n++] = (char)buf;
		}
	}
	ck_assert_str_eq(got, "abc");
	ck_assert(!send_pending(&sc));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("expect");
	TCase *tc = tcase_create("expect");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, literal_matches_at_its_last_character_once);
	tcase_add_test(tc, matched_output_is_consumed);
	tcase_add_test(tc, persistent_rules_stay);
	tcase_add_test(tc, regex_rules);
	tcase_add_test(tc, deadlines);
	tcase_add_test(tc, send_waits_for_the_guest);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
