/* The opcode table: a row for each INSN and ROW of instructions.def, in
 * its order, and the 64K decode index built from it. */
#include "opcodes.h"

#include <stddef.h>
#include <string.h>

#include "handlers.h"

#define MODES_ONE(name) NULL
#define MODES_BR(name) NULL
#define MODES_DD(name) name##_modes
#define MODES_SSDD(name) name##_modes
#define MODES_R(name) name##_modes
#define MODES_RDD(name) name##_modes

/* Each instruction's dst, by name, for its rows: dst_<name>. */
#define INSN(name, mnemonic, match, mask, format, modes, body, byte, file, dst) \
	dst_##name = DST_##dst,
#define ROW(name, mnemonic, match, mask, format, modes)
enum {
#include "instructions.def"
};
#undef INSN
#undef ROW

#define ROW(name, mnemonic, match, mask, format, modes) \
	{ match, mask, mnemonic, format, t_##name, MODES_##modes(name), BY_##modes, \
	  (enum dstref)dst_##name },
#define INSN(name, mnemonic, match, mask, format, modes, body, byte, file, dst) \
	ROW(name, mnemonic, match, mask, format, modes)
const struct opcode opcode_table[] = {
#include "instructions.def"
};
#undef INSN
#undef ROW

const int opcode_count = sizeof opcode_table / sizeof opcode_table[0];

/* The reserved-instruction row: what every unmatched word decodes to. */
static const struct opcode reserved = { 0, 0, "RESERVED", FMT_NONE, t_reserved, NULL, BY_ONE, DST_NONE };

/* 64K index: instruction word -> the index of its row (opcode_count:
 * reserved). Built once; constant afterwards, so it is not mutable
 * machine state. */
static uint8_t decode_index[65536];
static int decode_built;

/* Each row claims the words it matches that no earlier row has: the
 * words are its match with every combination of the bits outside its mask. */
static void build_index(void)
{
	memset(decode_index, opcode_count, sizeof decode_index);
	for (int i = 0; i < opcode_count; i++) {
		unsigned free = ~opcode_table[i].mask & 0177777u, x = 0;
		do {
			unsigned w = opcode_table[i].match | x;
			if (decode_index[w] == opcode_count)
				decode_index[w] = (uint8_t)i;
			x = (x - free) & free;	/* the next subset of the free bits */
		} while (x != 0);
	}
	decode_built = 1;
}

const struct opcode *opcode_decode(uint16_t ir)
{
	int i = opcode_index(ir);
	return i < opcode_count ? &opcode_table[i] : &reserved;
}

int opcode_index(uint16_t ir)
{
	if (!decode_built)
		build_index();
	return decode_index[ir];
}
