/* Disassembler: DEC syntax as simh prints it, octal without leading
 * zeros, PC-relative operands and branches shown as their targets.
 * Everything it knows about instructions comes from opcode_table[]. */
#include "opcodes.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const regname[8] = { "R0", "R1", "R2", "R3", "R4", "R5", "SP", "PC" };

struct out {
	char *buf;
	int size, len;
	symbolize_fn *symbolize;
	void *ctx;
};

static void put(struct out *o, const char *fmt, ...)
{
	if (o->len >= o->size - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, (size_t)(o->size - o->len), fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += n;
	if (o->len > o->size - 1)
		o->len = o->size - 1;
}

/* An address: a name if the caller knows one, else octal. */
static void put_addr(struct out *o, uint16_t addr)
{
	char name[64];
	if (o->symbolize && o->symbolize(o->ctx, addr, name, sizeof name) > 0) {
		name[sizeof name - 1] = 0;
		put(o, "%s", name);
	} else {
		put(o, "%o", addr);
	}
}

/* One operand (6-bit mode/register field). *next indexes the following
 * word in words[]; an index word's address is pc + 2 * *next, so a
 * PC-relative target is that address + 2 + X. */
static void put_operand(struct out *o, int spec, uint16_t pc, const uint16_t words[3], int *next)
{
	int mode = (spec >> 3) & 7, r = spec & 7;
	const char *rn = regname[r];

	if (r == 7 && (mode == 2 || mode == 3 || mode == 6 || mode == 7)) {
		uint16_t w = words[*next];
		uint16_t where = (uint16_t)(pc + 2 * *next);
		(*next)++;
		switch (mode) {
		case 2: put(o, "#%o", w); return;
		case 3: put(o, "@#"); put_addr(o, w); return;
		case 6: put_addr(o, (uint16_t)(where + 2 + w)); return;
		case 7: put(o, "@"); put_addr(o, (uint16_t)(where + 2 + w)); return;
		}
	}
	switch (mode) {
	case 0: put(o, "%s", rn); break;
	case 1: put(o, "(%s)", rn); break;
	case 2: put(o, "(%s)+", rn); break;
	case 3: put(o, "@(%s)+", rn); break;
	case 4: put(o, "-(%s)", rn); break;
	case 5: put(o, "@-(%s)", rn); break;
	case 6: put(o, "%o(%s)", words[(*next)++], rn); break;
	case 7: put(o, "@%o(%s)", words[(*next)++], rn); break;
	}
}

/* FMT_CC combinations: the named single-bit rows of the same kind
 * (clear or set), N first, as simh prints them ("CLN CLV CLC"). */
static void put_cc(struct out *o, uint16_t ir)
{
	const char *sep = "";
	for (int bit = 010; bit; bit >>= 1) {
		if (!(ir & bit))
			continue;
		uint16_t want = (uint16_t)((ir & ~017) | bit);
		for (int i = 0; i < opcode_count; i++)
			if (opcode_table[i].mask == 0177777 && opcode_table[i].match == want) {
				put(o, "%s%s", sep, opcode_table[i].name);
				sep = " ";
				break;
			}
	}
}

int disassemble(uint16_t pc, const uint16_t words[3], char *out, int size,
		symbolize_fn *symbolize, void *ctx)
{
	struct out o = { out, size, 0, symbolize, ctx };
	uint16_t ir = words[0];
	const struct opcode *op = opcode_decode(ir);
	int next = 1;

	if (size <= 0)
		return 1;
	out[0] = 0;
	if (op->mask == 0) {	/* the reserved row matches everything */
		put(&o, ".WORD %o", ir);
		return 1;
	}
	if (op->fmt == FMT_CC) {
		put_cc(&o, ir);
		return 1;
	}
	put(&o, "%s", op->name);
	switch (op->fmt) {
	case FMT_NONE:
	case FMT_CC:
		break;
	case FMT_DD:
		put(&o, " ");
		put_operand(&o, ir & 077, pc, words, &next);
		break;
	case FMT_SSDD:
		put(&o, " ");
		put_operand(&o, (ir >> 6) & 077, pc, words, &next);
		put(&o, ",");
		put_operand(&o, ir & 077, pc, words, &next);
		break;
	case FMT_RDD:
		put(&o, " %s,", regname[(ir >> 6) & 7]);
		put_operand(&o, ir & 077, pc, words, &next);
		break;
	case FMT_DDR:
		put(&o, " ");
		put_operand(&o, ir & 077, pc, words, &next);
		put(&o, ",%s", regname[(ir >> 6) & 7]);
		break;
	case FMT_R:
		put(&o, " %s", regname[ir & 7]);
		break;
	case FMT_BR:
		put(&o, " ");
		put_addr(&o, (uint16_t)(pc + 2 + 2 * (int8_t)(ir & 0377)));
		break;
	case FMT_SOB:
		put(&o, " %s,", regname[(ir >> 6) & 7]);
		put_addr(&o, (uint16_t)(pc + 2 - 2 * (ir & 077)));
		break;
	case FMT_N6:
		put(&o, " %o", ir & 077);
		break;
	case FMT_N8:
		put(&o, " %o", ir & 0377);
		break;
	}
	return next;
}
