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

void execute_slow(struct cpu *cpu, uint16_t pc)
{
	/* SR2 takes the instruction's address once its fetch has succeeded:
	 * a fetch that aborts leaves the previous instruction's address in
	 * SR2 (KT11-D; the fetch window's fast path cannot abort). */
	cpu->refs = 0;
	uint16_t ir = fetch_slow(cpu);
	cpu->pc_start = pc;
	cpu->ir = ir;
	row_handler[opcode_index(ir)](cpu, ir);
}

void build_dispatch(void)
{
	if (dispatch[0])
		return;
	for (int i = 0; i <= opcode_count; i++)
		row_handler[i] = i < opcode_count ? opcode_table[i].handler : t_reserved;
	for (int w = 0; w < 65536; w++) {
		const struct opcode *op = opcode_decode((uint16_t)w);
		if (!op->modes)
			dispatch[w] = row_handler[opcode_index((uint16_t)w)];
		else if (op->fmt == FMT_SSDD)
			dispatch[w] = op->modes[(w >> 6 & 070) | (w >> 3 & 7)];
		else
			dispatch[w] = op->modes[w >> 3 & 7];
	}
}

