/* Lexical pieces of the simh command language: words, numbers, strings.
 * Pure functions, no machine. */
#ifndef PARSE_H
#define PARSE_H

#include <stdbool.h>
#include <stdint.h>

enum { WORD_MAX = 1024, ARGS_MAX = 32 };

/* Take the next word from *p (skipping blanks) into word, quotes included:
 * `"a b"` stays one word with its quotes. Returns the word's length, 0 at
 * the end of the line, -1 for an unterminated quote or a word too long. */
int take_word(const char **p, char *word, int size);

/* A line split into words. A word beginning with an unquoted `;` starts a
 * comment that runs to the end of the line. */
struct words {
	int n;
	char w[ARGS_MAX][WORD_MAX];
};
int split_words(const char *line, struct words *a, char *err, int errsize);

/* Numbers: octal unless `radix` says otherwise; with radix 8 a trailing
 * `.` means decimal, as in DEC assemblers. Fails on junk or above max. */
int parse_number(const char *s, int radix, uint64_t max, uint64_t *v);

/* String escapes: \r \n \t \b \f \a \e \v \\ \" \' \ooo (1-3 octal digits)
 * \xHH. Returns the length written to out, or -1 with a message. */
int unescape(const char *s, int n, char *out, int size, char *err, int errsize);

/* A string argument: "..." or '...' with escapes; an unquoted word is
 * taken with escapes too. Returns the length or -1. */
int parse_string(const char *word, char *out, int size, char *err, int errsize);

/* Does `word` abbreviate `name` with at least `min` characters
 * (case-insensitive)? */
bool abbrev(const char *word, const char *name, int min);

/* The first `;` of p outside quotes (in which a backslash escapes the
 * next character), or p's terminating NUL: where an action ends. */
const char *find_separator(const char *p);

/* Edits (insert, delete, change, swap two neighbours; case ignored) that
 * turn a into b: how near a mistyped word is to a name. */
int edit_distance(const char *a, const char *b);

#endif
