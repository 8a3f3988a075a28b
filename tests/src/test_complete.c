/* Tab completion follows what each command takes, as its usage line says. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "sim.h"

static struct sim s;
static struct matches ms;

static void setup(void)
{
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(machine_init(&s.m, 64 * 1024), 0);
	ms = (struct matches){ NULL, 1, 0 };
}

static void teardown(void)
{
	matches_free(&ms);
	machine_free(&s.m);
}

/* Complete the last word of line; the candidates, space-separated and sorted. */
static char got[4096];
static bool file;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static const char *complete(const char *line)
{
	matches_free(&ms);
	const char *text = strrchr(line, ' ');
	text = text ? text + 1 : line;
	file = complete_words(&s, line, (int)(text - line), text, &ms);
	if (ms.n > 1)
		qsort(ms.m + 1, (size_t)ms.n - 1, sizeof *ms.m, cmp);
	got[0] = 0;
	for (int i = 1; i < ms.n; i++) {
		strcat(got, i > 1 ? " " : "");
		strcat(got, ms.m[i]);
	}
	return got;
}

START_TEST(first_word_is_a_command)
{
	ck_assert_str_eq(complete("sh"), "show");
	ck_assert_str_eq(complete("no"), "nobreak noexpect norunlimit notrace");
	ck_assert(!file);
}
END_TEST

START_TEST(show_offers_its_rows_only)
{
	ck_assert_str_eq(complete("show "),
			 "break checkpoints clock console cpu devices expect history kl mmu queue rk symbols throttle time version");
	ck_assert_str_eq(complete("show c"), "checkpoints clock console cpu");
	ck_assert_str_eq(complete("show cpu "), "");
	ck_assert(!file);
}
END_TEST

START_TEST(set_offers_rows_then_their_values)
{
	ck_assert_str_eq(complete("set "), "clk clock console cpu kl panel rk throttle");
	ck_assert_str_eq(complete("set clock "), "realtime virtual");
	ck_assert_str_eq(complete("se cpu h"), "hist=");
	ck_assert_str_eq(complete("set foo "), "");
}
END_TEST

START_TEST(examine_offers_registers_and_devices)
{
	ck_assert_str_eq(complete("examine -m ks"), "ksp");
	ck_assert_str_eq(complete("examine -b kpdr1"), "kpdr1");
	ck_assert_str_eq(complete("e pc rc"), "rcsr");     /* TARGET... repeats */
	ck_assert_str_eq(complete("deposit r"), "r0 r1 r2 r3 r4 r5 rbuf rcsr rk rkba rkcs rkda rkds rker rkwc");
	ck_assert_str_eq(complete("deposit pc "), "");
}
END_TEST

START_TEST(drives_words_and_files)
{
	ck_assert_str_eq(complete("attach -r rk"), "rk0 rk1 rk2 rk3 rk4 rk5 rk6 rk7");
	ck_assert(!file);
	complete("attach -r rk0 ");
	ck_assert(file);
	ck_assert_str_eq(complete("detach a"), "all");
	ck_assert_str_eq(complete("symbols -u rk1"), "rk1:");
	ck_assert(file);
	ck_assert_str_eq(complete("help ech"), "echo");
	ck_assert_str_eq(complete("runlimit 100 s"), "seconds");
	ck_assert_str_eq(complete("step "), "");
	ck_assert(!file);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("complete");
	TCase *tc = tcase_create("complete");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, first_word_is_a_command);
	tcase_add_test(tc, show_offers_its_rows_only);
	tcase_add_test(tc, set_offers_rows_then_their_values);
	tcase_add_test(tc, examine_offers_registers_and_devices);
	tcase_add_test(tc, drives_words_and_files);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
