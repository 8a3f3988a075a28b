/* The monitor's lexical pieces: words, numbers, escapes, abbreviations. */
#include <check.h>
#include <string.h>

#include "parse.h"

START_TEST(words_keep_quotes_and_stop_at_comments)
{
	struct words w;
	char err[128];
	ck_assert_int_eq(split_words("  d 1000  12345 ; set the word", &w, err, sizeof err), 0);
	ck_assert_int_eq(w.n, 3);
	ck_assert_str_eq(w.w[0], "d");
	ck_assert_str_eq(w.w[2], "12345");

	ck_assert_int_eq(split_words("send after=10 \"a b;c\\\"d\" x", &w, err, sizeof err), 0);
	ck_assert_int_eq(w.n, 4);
	ck_assert_str_eq(w.w[2], "\"a b;c\\\"d\"");
	ck_assert_str_eq(w.w[3], "x");

	ck_assert_int_eq(split_words("echo \"open", &w, err, sizeof err), -1);
	ck_assert_int_eq(split_words("", &w, err, sizeof err), 0);
	ck_assert_int_eq(w.n, 0);
}
END_TEST

START_TEST(take_word_leaves_the_rest)
{
	const char *p = "expect \"login:\" 100 send \"root\\r\"; continue";
	char word[64];
	ck_assert_int_eq(take_word(&p, word, sizeof word), 6);
	ck_assert_int_eq(take_word(&p, word, sizeof word), 8);
	ck_assert_str_eq(word, "\"login:\"");
	ck_assert_int_eq(take_word(&p, word, sizeof word), 3);
	ck_assert_str_eq(p, " send \"root\\r\"; continue");
	/* too long for the buffer */
	p = "abcdefghij";
	ck_assert_int_eq(take_word(&p, word, 4), -1);
}
END_TEST

START_TEST(numbers_are_octal_unless_dotted)
{
	uint64_t v;
	ck_assert_int_eq(parse_number("1000", 8, 0177777, &v), 0);
	ck_assert_uint_eq(v, 01000);
	ck_assert_int_eq(parse_number("512.", 8, 0177777, &v), 0);
	ck_assert_uint_eq(v, 512);
	ck_assert_int_eq(parse_number("177777", 8, 0177777, &v), 0);
	ck_assert_uint_eq(v, 0177777);
	ck_assert_int_eq(parse_number("200000", 8, 0177777, &v), -1);
	ck_assert_int_eq(parse_number("18", 8, 0177777, &v), -1);
	ck_assert_int_eq(parse_number("", 8, 0177777, &v), -1);
	ck_assert_int_eq(parse_number("12x", 8, 0177777, &v), -1);
	ck_assert_int_eq(parse_number("500000000", 10, UINT64_MAX, &v), 0);
	ck_assert_uint_eq(v, 500000000);
	ck_assert_int_eq(parse_number("99999999999999999999999", 10, UINT64_MAX, &v), -1);
	ck_assert_int_eq(parse_number(".", 8, 0177777, &v), -1);
}
END_TEST

START_TEST(escapes)
{
	char out[64], err[128];
	ck_assert_int_eq(unescape("a\\r\\n", 5, out, sizeof out, err, sizeof err), 3);
	ck_assert_int_eq(memcmp(out, "a\r\n", 3), 0);
	ck_assert_int_eq(unescape("\\005\\0101", 9, out, sizeof out, err, sizeof err), 3);
	ck_assert_int_eq(out[0], 5);
	ck_assert_int_eq(out[1], 010);	/* three digits at most */
	ck_assert_int_eq(out[2], '1');
	ck_assert_int_eq(unescape("\\\\\\\"\\'", 6, out, sizeof out, err, sizeof err), 3);
	ck_assert_str_eq(out, "\\\"'");
	ck_assert_int_eq(unescape("\\x41\\e", 6, out, sizeof out, err, sizeof err), 2);
	ck_assert_int_eq(out[0], 'A');
	ck_assert_int_eq(out[1], 033);
	ck_assert_int_eq(unescape("\\q", 2, out, sizeof out, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "\\q"));
	ck_assert_int_eq(unescape("ab\\", 3, out, sizeof out, err, sizeof err), -1);
	ck_assert_int_eq(unescape("\\777", 4, out, sizeof out, err, sizeof err), -1);
	ck_assert_int_eq(unescape("abcdef", 6, out, 4, err, sizeof err), -1);
}
END_TEST

START_TEST(strings_lose_their_quotes)
{
	char out[64], err[128];
	ck_assert_int_eq(parse_string("\"root\\r\"", out, sizeof out, err, sizeof err), 5);
	ck_assert_str_eq(out, "root\r");
	ck_assert_int_eq(parse_string("'# '", out, sizeof out, err, sizeof err), 2);
	ck_assert_str_eq(out, "# ");
	ck_assert_int_eq(parse_string("plain", out, sizeof out, err, sizeof err), 5);
	ck_assert_int_eq(parse_string("\"open", out, sizeof out, err, sizeof err), -1);
}
END_TEST

START_TEST(abbreviations)
{
	ck_assert(abbrev("e", "examine", 1));
	ck_assert(abbrev("EXAM", "examine", 1));
	ck_assert(!abbrev("exa", "exit", 3));
	ck_assert(!abbrev("ex", "exit", 3));
	ck_assert(abbrev("exi", "exit", 3));
	ck_assert(!abbrev("examines", "examine", 1));
}
END_TEST

START_TEST(edits_between_words)
{
	ck_assert_int_eq(edit_distance("brk", "break"), 2);
	ck_assert_int_eq(edit_distance("shwo", "show"), 1);      /* a swap is one */
	ck_assert_int_eq(edit_distance("SHOW", "show"), 0);
	ck_assert_int_eq(edit_distance("", "go"), 2);
	ck_assert_int_eq(edit_distance("examien", "examine"), 1);
	ck_assert_int_eq(edit_distance("bogus", "boot"), 3);
}
END_TEST

START_TEST(separators_outside_quotes)
{
	const char *p = "send \"a;b\"; continue";
	ck_assert_str_eq(find_separator(p), "; continue");
	p = "echo 'it\\'s;' x";            /* an escaped quote stays inside */
	ck_assert_str_eq(find_separator(p), "");
	ck_assert_str_eq(find_separator("bt;ps"), ";ps");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, words_keep_quotes_and_stop_at_comments);
	tcase_add_test(tc, take_word_leaves_the_rest);
	tcase_add_test(tc, numbers_are_octal_unless_dotted);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, strings_lose_their_quotes);
	tcase_add_test(tc, abbreviations);
	tcase_add_test(tc, edits_between_words);
	tcase_add_test(tc, separators_outside_quotes);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
