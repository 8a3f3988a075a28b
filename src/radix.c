/* Values in the radix or character form examine and deposit were asked for. */
#include "radix.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"

void char_format(uint8_t c, char *buf, int size)
{
	static const char esc[] = { '\r', 'r', '\n', 'n', '\t', 't', 0, '0', '\\', '\\' };
	for (size_t i = 0; i < sizeof esc; i += 2)
		if (c == (uint8_t)esc[i]) {
			snprintf(buf, (size_t)size, "\\%c", esc[i + 1]);
			return;
		}
	if (c >= 040 && c < 0177)
		snprintf(buf, (size_t)size, "%c", c);
	else
		snprintf(buf, (size_t)size, "\\%03o", c);
}

void value_format(int fmt, uint32_t v, int bytes, char *buf, int size)
{
	static const char *const oct[] = { "", "%03o", "%06o", "%06o" };
	static const char *const hex[] = { "", "%02X", "%04X", "%05X" };
	if (bytes < 1 || bytes > 3)
		bytes = 2;
	switch (fmt) {
	case FMT_DECIMAL:
		snprintf(buf, (size_t)size, "%u", v);
		break;
	case FMT_HEX:
		snprintf(buf, (size_t)size, hex[bytes], v);
		break;
	case FMT_ASCII:
	case FMT_CHARS: {
		int len = 0;
		buf[0] = 0;
		for (int i = 0; i < bytes && len < size - 6; i++) {
			char one[8];
			char_format((uint8_t)(v >> (8 * i)), one, sizeof one);
			len += snprintf(buf + len, (size_t)(size - len), "%s", one);
		}
		break;
	}
	default:
		snprintf(buf, (size_t)size, oct[bytes], v);
		break;
	}
}

int value_parse(int fmt, const char *word, uint64_t max, uint64_t *v, char *err, int errsize)
{
	static const char *const what[] = { "octal", "decimal", "hex" };
	if (fmt == FMT_ASCII || fmt == FMT_CHARS) {
		char text[8];
		int n = parse_string(word, text, sizeof text, err, errsize);
		if (n < 0)
			return -1;
		if (n != 1) {
			snprintf(err, (size_t)errsize, "bad character: %s (one character)", word);
			return -1;
		}
		*v = (uint8_t)text[0];
		return 0;
	}
	static const int radix[] = { 8, 10, 16 };
	if (parse_number(word, radix[fmt], max, v) == 0)
		return 0;
	if (fmt == FMT_DECIMAL)
		snprintf(err, (size_t)errsize, "bad number: %s (decimal, at most %llu)", word, (unsigned long long)max);
	else if (fmt == FMT_HEX)
		snprintf(err, (size_t)errsize, "bad number: %s (hex, at most %llX)", word, (unsigned long long)max);
	else
		snprintf(err, (size_t)errsize, "bad number: %s (%s, at most %llo)", word, what[fmt],
			 (unsigned long long)max);
	return -1;
}
