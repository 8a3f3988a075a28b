/* The 64K dispatch table, built once from the opcode table, and the
 * dispatch of an instruction outside the fetch window. */
#include "exec.h"

/* The 64K dispatch index: instruction word -> handler, filled from the
 * opcode table once at start-up and constant afterwards. */
handler_fn *dispatch[65536];

/* An instruction outside the fetch window (or at its last two words):
 * the handler of its row for any word, which fetches its index and
 * address words through the MMU; by opcode_index, the last for a
 * reserved instruction. */
static handler_fn *row_handler[256];

void execute_slow(struct cpu *cpu)
{
	uint16_t pc = cpu->r[PC];
	/* SR2 takes the instruction's address once its fetch has succeeded:
	 * a fetch that aborts leaves the previous instruction's address in
	 * SR2 (KT11-D; the fetch window's fast path cannot abort). */
	cpu->refs = 0;
	uint16_t ir = fetch_slow(cpu);
	cpu->pc_start = pc;
	cpu->ir = ir;
	row_handler[opcode_index(ir)](cpu, ir);
}

/* An operand's instance (instances.h): its mode, or for PC in modes 2,
 * 3, 6 and 7 the PC mode (immediate, absolute, relative, relative
 * deferred), 8 to 11. */
static int opnd_variant(int field)
{
	static const int8_t pc_variant[8] = { 0, 1, 8, 9, 4, 5, 10, 11 };
	return (field & 7) == PC ? pc_variant[field >> 3] : field >> 3;
}

/* An operand that moves PC other than past the instruction's own words:
 * PC in mode 0 (a destination written), 4 or 5 (-(PC), @-(PC)). The
 * instances end in next_seq, which counts on PC going on in sequence;
 * such a word runs the generic entry, which tests PC in full. */
static bool moves_pc(int field)
{
	return field == 007 || field == 047 || field == 057;
}

void build_dispatch(void)
{
	if (dispatch[0])
		return;
	for (int i = 0; i <= opcode_count; i++)
		row_handler[i] = i < opcode_count ? opcode_table[i].handler : t_reserved;
	for (int w = 0; w < 65536; w++) {
		const struct opcode *op = opcode_decode((uint16_t)w);
		switch (op->by) {
		case BY_ONE:
			dispatch[w] = row_handler[opcode_index((uint16_t)w)];
			break;
		case BY_SSDD:
			dispatch[w] = moves_pc(w >> 6 & 077) || moves_pc(w & 077)
				? row_handler[opcode_index((uint16_t)w)]
				: op->modes[opnd_variant(w >> 6 & 077) * OPND_VARIANTS + opnd_variant(w & 077)];
			break;
		case BY_DD:
			dispatch[w] = moves_pc(w & 077) ? row_handler[opcode_index((uint16_t)w)]
						       : op->modes[opnd_variant(w & 077)];
			break;
		case BY_R:
			dispatch[w] = op->modes[w & 7];
			break;
		case BY_RDD:
			dispatch[w] = op->modes[(w >> 6 & 7) * OPND_VARIANTS + opnd_variant(w & 077)];
			break;
		}
	}
}

