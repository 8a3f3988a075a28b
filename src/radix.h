/* How examine shows a value and deposit reads one: simh's switches -o
 * octal (the default), -d decimal, -h hex, -a a character per byte, -c a
 * string of characters. */
#ifndef RADIX_H
#define RADIX_H

#include <stdint.h>

enum { FMT_OCTAL, FMT_DECIMAL, FMT_HEX, FMT_ASCII, FMT_CHARS };

/* v, `bytes` wide (1, 2 or 3 for the 18-bit switch register), in format
 * fmt; FMT_ASCII and FMT_CHARS show each byte as a character, low first. */
void value_format(int fmt, uint32_t v, int bytes, char *buf, int size);
/* One character as examine shows it: itself, or \r \n \t \0 \ooo. */
void char_format(uint8_t c, char *buf, int size);
/* A value typed in format fmt (octal still takes a trailing `.` for
 * decimal; FMT_ASCII: one character, quoted or not). 0, or -1 with a
 * one-line message in err. */
int value_parse(int fmt, const char *word, uint64_t max, uint64_t *v, char *err, int errsize);

#endif
