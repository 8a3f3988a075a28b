/* Words, numbers and strings of the simh command language. */
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int take_word(const char **p, char *word, int size)
{
	const char *s = *p;
	while (blank(*s))
		s++;
	int n = 0;
	char quote = 0;
	while (*s && (quote || !blank(*s))) {
		if (quote && *s == '\\' && s[1]) {
			/* keep the escape whole so \" does not end the string */
			if (n + 2 >= size)
				return -1;
			word[n++] = *s++;
		} else if (*s == quote) {
			quote = 0;
		} else if (!quote && (*s == '"' || *s == '\'')) {
			quote = *s;
		}
		if (n + 1 >= size)
			return -1;
		word[n++] = *s++;
	}
	word[n] = 0;
	*p = s;
	return quote ? -1 : n;
}

int split_words(const char *line, struct words *a, char *err, int errsize)
{
	a->n = 0;
	for (;;) {
		if (a->n == ARGS_MAX) {
			snprintf(err, errsize, "too many arguments");
			return -1;
		}
		int len = take_word(&line, a->w[a->n], WORD_MAX);
		if (len < 0) {
			snprintf(err, errsize, "unterminated string or word too long");
			return -1;
		}
		if (len == 0 || a->w[a->n][0] == ';')
			return 0;
		a->n++;
	}
}

static int digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int parse_number(const char *s, int radix, uint64_t max, uint64_t *v)
{
	size_t len = strlen(s);
	if (len == 0)
		return -1;
	if (radix == 8 && len > 1 && s[len - 1] == '.') {
		radix = 10;
		len--;
	}
	uint64_t x = 0;
	for (size_t i = 0; i < len; i++) {
		int d = digit(s[i]);
		if (d >= radix)
			return -1;
		if (x > (max - d) / radix)
			return -1;
		x = x * radix + d;
	}
	*v = x;
	return 0;
}

int unescape(const char *s, int n, char *out, int size, char *err, int errsize)
{
	int len = 0;
	for (int i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			if (++i == n) {
				snprintf(err, errsize, "string ends in a backslash");
				return -1;
			}
			c = s[i];
			switch (c) {
			case 'r': c = '\r'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'a': c = '\a'; break;
			case 'v': c = '\v'; break;
			case 'e': c = 033; break;
			case '\\': case '"': case '\'': break;
			case 'x': {
				int v = 0, k = 0;
				while (k < 2 && i + 1 < n && isxdigit((unsigned char)s[i + 1]))
					v = v * 16 + digit(s[++i]), k++;
				if (k == 0) {
					snprintf(err, errsize, "\\x needs hex digits");
					return -1;
				}
				c = (char)v;
				break;
			}
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0', k = 1;
					while (k < 3 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
						v = v * 8 + (s[++i] - '0'), k++;
					if (v > 0377) {
						snprintf(err, errsize, "octal escape above \\377");
						return -1;
					}
					c = (char)v;
					break;
				}
				snprintf(err, errsize, "unknown escape \\%c", c);
				return -1;
			}
		}
		if (len + 1 >= size) {
			snprintf(err, errsize, "string too long");
			return -1;
		}
		out[len++] = c;
	}
	out[len] = 0;
	return len;
}

int parse_string(const char *word, char *out, int size, char *err, int errsize)
{
	int n = (int)strlen(word);
	if (n >= 2 && (word[0] == '"' || word[0] == '\'') && word[n - 1] == word[0])
		return unescape(word + 1, n - 2, out, size, err, errsize);
	if (n && (word[0] == '"' || word[0] == '\'')) {
		snprintf(err, errsize, "unterminated string");
		return -1;
	}
	return unescape(word, n, out, size, err, errsize);
}

bool abbrev(const char *word, const char *name, int min)
{
	size_t n = strlen(word);
	return n >= (size_t)min && n <= strlen(name) && strncasecmp(word, name, n) == 0;
}

int edit_distance(const char *a, const char *b)
{
	enum { MAX = 32 };
	int la = (int)strlen(a), lb = (int)strlen(b);
	if (la >= MAX || lb >= MAX)
		return la > lb ? la : lb;
	/* d[i][j]: a's first i characters into b's first j (a swap of two
	 * neighbours counts one, as a typist makes it) */
	int d[MAX + 1][MAX + 1];
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			int v = d[i - 1][j - 1] + !same;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *find_separator(const char *p)
{
	char quote = 0;
	for (; *p && (quote || *p != ';'); p++) {
		if (quote && *p == '\\' && p[1])
			p++;
		else if (*p == quote)
			quote = 0;
		else if (!quote && (*p == '"' || *p == '\''))
			quote = *p;
	}
	return p;
}
