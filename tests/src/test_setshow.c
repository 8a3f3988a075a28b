/* The set and show tables: how a word finds its row, and that the rows
 * which are listed can be listed (help, usage, completion read them). */
#include <check.h>
#include <string.h>

#include "setshow.h"

static int nothing(struct sim *s, const struct subargs *a)
{
	(void)s, (void)a;
	return 0;
}

static const struct subcommand rows[] = {
	{ "history", 4, SUB_WORD, nothing, 0, 1, "[N]", NULL, "the last N" },
	{ "rk", 0, SUB_UNIT, nothing, 1, 1, "locked|unlocked", "locked unlocked", "a drive" },
	{ "rl", 0, SUB_PREFIX, nothing, 1, 1, "disabled", NULL, NULL },
};
static const struct subtable table = { "set", rows, 3 };

START_TEST(a_word_finds_its_row)
{
	int unit;
	ck_assert_ptr_eq(sub_find(&table, "hist", &unit), &rows[0]);
	ck_assert_int_eq(unit, -1);
	ck_assert_ptr_eq(sub_find(&table, "HISTORY", &unit), &rows[0]);
	ck_assert_ptr_null(sub_find(&table, "his", &unit));
	ck_assert_ptr_null(sub_find(&table, "historyx", &unit));
}
END_TEST

START_TEST(a_unit_row_takes_a_number_or_none)
{
	int unit;
	ck_assert_ptr_eq(sub_find(&table, "rk", &unit), &rows[1]);
	ck_assert_int_eq(unit, -1);
	ck_assert_ptr_eq(sub_find(&table, "rk0", &unit), &rows[1]);
	ck_assert_int_eq(unit, 0);
	ck_assert_ptr_eq(sub_find(&table, "RK7", &unit), &rows[1]);
	ck_assert_int_eq(unit, 7);
	ck_assert_ptr_eq(sub_find(&table, "rk12", &unit), &rows[1]);
	ck_assert_int_eq(unit, 12);
	ck_assert_ptr_null(sub_find(&table, "rkx", &unit));
	ck_assert_ptr_null(sub_find(&table, "r", &unit));
}
END_TEST

START_TEST(a_prefix_row_takes_any_word_it_starts)
{
	int unit;
	ck_assert_ptr_eq(sub_find(&table, "rl", &unit), &rows[2]);
	ck_assert_ptr_eq(sub_find(&table, "rl0", &unit), &rows[2]);
	ck_assert_ptr_eq(sub_find(&table, "rlb", &unit), &rows[2]);
	ck_assert_ptr_null(sub_find(&table, "r", &unit));
}
END_TEST

START_TEST(the_names_are_the_listed_rows)
{
	char buf[256];
	sub_names(&table, buf, sizeof buf);
	ck_assert_str_eq(buf, "history, rk");
	sub_names(&set_table, buf, sizeof buf);
	ck_assert_str_eq(buf, "cpu, clock, console, panel, rk, clk, throttle, kl");
}
END_TEST

/* Every row of the real tables can be found by its own name, and a listed
 * row says what it does and what it takes. */
START_TEST(every_row_is_reachable_and_described)
{
	const struct subtable *t[] = { &set_table, &show_table };
	for (int k = 0; k < 2; k++) {
		ck_assert_ptr_eq(sub_table(t[k]->cmd), t[k]);
		for (int i = 0; i < t[k]->n; i++) {
			const struct subcommand *r = &t[k]->rows[i];
			int unit;
			ck_assert_msg(sub_find(t[k], r->name, &unit) == r, "%s %s", t[k]->cmd, r->name);
			ck_assert_ptr_nonnull(r->fn);
			ck_assert_ptr_nonnull(r->args);
			ck_assert_int_le(r->lo, r->hi);
			if (r->help)
				ck_assert_int_gt((int)strlen(r->help), 0);
		}
	}
	ck_assert_ptr_null(sub_table("examine"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("setshow");
	TCase *tc = tcase_create("setshow");
	tcase_add_test(tc, a_word_finds_its_row);
	tcase_add_test(tc, a_unit_row_takes_a_number_or_none);
	tcase_add_test(tc, a_prefix_row_takes_any_word_it_starts);
	tcase_add_test(tc, the_names_are_the_listed_rows);
	tcase_add_test(tc, every_row_is_reachable_and_described);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
