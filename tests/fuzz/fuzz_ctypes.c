/* Fuzz target: the V6 header reader (ctypes.c), the function scanner's
 * declarations and the C expressions of print and ptype (cexpr.c), over
 * a memory of 64K bytes that reads as the input repeats.
 *
 * Input: header text; after the first NUL byte, expressions, one a line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cexpr.h"
#include "ctypes.h"

enum { TEXT_MAX = 16384 };

static const uint8_t *mem;
static size_t memlen;

static int peek(void *ctx, uint16_t addr, uint16_t *w)
{
	(void)ctx;
	if (addr >= 0160000 || !memlen)
		return -1;	/* as the I/O page: the mapping does not reach it */
	*w = (uint16_t)(mem[addr % memlen] | mem[(addr + 1u) % memlen] << 8);
	return 0;
}

static int symbol(void *ctx, const char *name, uint16_t *value)
{
	(void)ctx;
	/* every name is a symbol; the first letter says which kind */
	*value = (uint16_t)(name[0] * 0401 + strlen(name));
	return name[1] == 'f' ? 1 : name[1] == 'n' ? -1 : 0;
}

static int symbolize(void *ctx, uint16_t addr, char *buf, int size)
{
	(void)ctx;
	return addr & 1 ? 0 : snprintf(buf, (size_t)size, "_sym+%o", addr & 077);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > TEXT_MAX)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	size_t hlen = strlen(text);
	struct ctypes *ct = ctypes_new();
	if (!ct) {
		free(text);
		return 0;
	}
	ctypes_read(ct, "fuzz.h", text);
	mem = data;
	memlen = size;
	struct cexpr_env env = { .ct = ct, .peek = peek, .symbol = symbol, .symbolize = symbolize,
				 .data_lo = 01000, .data_hi = 0100000 };
	FILE *out = fopen("/dev/null", "w");
	if (out && hlen < size) {
		char *p = text + hlen + 1;
		for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n")) {
			char err[256], names[4][CT_NAME];
			int types[4];
			static const int fmts[] = { 0, 'o', 'd', 'x', 'c' };
			cexpr_print(&env, line, fmts[strlen(line) % 5], out, err, sizeof err);
			cexpr_ptype(&env, line, out, err, sizeof err);
			ctypes_decl(ct, line, names, types, 4);
		}
	}
	if (out)
		fclose(out);
	ctypes_free(ct);
	free(text);
	return 0;
}
