/* The KD11-A + KE11-E instruction set, one row per instruction.
 * Rows are searched in order, so the specific rows (HALT, the named
 * condition code operators) come before the general ones. Anything that
 * matches no row is a reserved instruction (trap to 10). */
#include "opcodes.h"

#include <stddef.h>

#include "exec.h"

const struct opcode opcode_table[] = {
	{ 0000000, 0177777, "HALT",  FMT_NONE, op_halt, NULL },
	{ 0000001, 0177777, "WAIT",  FMT_NONE, op_wait, NULL },
	{ 0000002, 0177777, "RTI",   FMT_NONE, op_rti, NULL },
	{ 0000003, 0177777, "BPT",   FMT_NONE, op_bpt, NULL },
	{ 0000004, 0177777, "IOT",   FMT_NONE, op_iot, NULL },
	{ 0000005, 0177777, "RESET", FMT_NONE, op_reset, NULL },
	{ 0000006, 0177777, "RTT",   FMT_NONE, op_rtt, NULL },
	{ 0000100, 0177700, "JMP",   FMT_DD,   op_jmp, jmp_modes },
	{ 0000200, 0177770, "RTS",   FMT_R,    op_rts, NULL },
	{ 0000240, 0177777, "NOP",   FMT_NONE, op_ccop, NULL },
	{ 0000241, 0177777, "CLC",   FMT_NONE, op_ccop, NULL },
	{ 0000242, 0177777, "CLV",   FMT_NONE, op_ccop, NULL },
	{ 0000244, 0177777, "CLZ",   FMT_NONE, op_ccop, NULL },
	{ 0000250, 0177777, "CLN",   FMT_NONE, op_ccop, NULL },
	{ 0000257, 0177777, "CCC",   FMT_NONE, op_ccop, NULL },
	{ 0000260, 0177777, "NOP",   FMT_NONE, op_ccop, NULL },	/* "SE" of nothing */
	{ 0000261, 0177777, "SEC",   FMT_NONE, op_ccop, NULL },
	{ 0000262, 0177777, "SEV",   FMT_NONE, op_ccop, NULL },
	{ 0000264, 0177777, "SEZ",   FMT_NONE, op_ccop, NULL },
	{ 0000270, 0177777, "SEN",   FMT_NONE, op_ccop, NULL },
	{ 0000277, 0177777, "SCC",   FMT_NONE, op_ccop, NULL },
	{ 0000240, 0177740, "CC",    FMT_CC,   op_ccop, NULL },	/* combinations */
	{ 0000300, 0177700, "SWAB",  FMT_DD,   op_swab, NULL },
	{ 0000400, 0177400, "BR",    FMT_BR,   op_br, NULL },
	{ 0001000, 0177400, "BNE",   FMT_BR,   op_bne, NULL },
	{ 0001400, 0177400, "BEQ",   FMT_BR,   op_beq, NULL },
	{ 0002000, 0177400, "BGE",   FMT_BR,   op_bge, NULL },
	{ 0002400, 0177400, "BLT",   FMT_BR,   op_blt, NULL },
	{ 0003000, 0177400, "BGT",   FMT_BR,   op_bgt, NULL },
	{ 0003400, 0177400, "BLE",   FMT_BR,   op_ble, NULL },
	{ 0004000, 0177000, "JSR",   FMT_RDD,  op_jsr, jsr_modes },
	{ 0005000, 0177700, "CLR",   FMT_DD,   op_clr, clr_modes },
	{ 0005100, 0177700, "COM",   FMT_DD,   op_com, com_modes },
	{ 0005200, 0177700, "INC",   FMT_DD,   op_inc, inc_modes },
	{ 0005300, 0177700, "DEC",   FMT_DD,   op_dec, dec_modes },
	{ 0005400, 0177700, "NEG",   FMT_DD,   op_neg, neg_modes },
	{ 0005500, 0177700, "ADC",   FMT_DD,   op_adc, adc_modes },
	{ 0005600, 0177700, "SBC",   FMT_DD,   op_sbc, sbc_modes },
	{ 0005700, 0177700, "TST",   FMT_DD,   op_tst, tst_modes },
	{ 0006000, 0177700, "ROR",   FMT_DD,   op_ror, ror_modes },
	{ 0006100, 0177700, "ROL",   FMT_DD,   op_rol, rol_modes },
	{ 0006200, 0177700, "ASR",   FMT_DD,   op_asr, asr_modes },
	{ 0006300, 0177700, "ASL",   FMT_DD,   op_asl, asl_modes },
	{ 0006400, 0177700, "MARK",  FMT_N6,   op_mark, NULL },
	{ 0006500, 0177700, "MFPI",  FMT_DD,   op_mfpi, mfpi_modes },
	{ 0006600, 0177700, "MTPI",  FMT_DD,   op_mtpi, mtpi_modes },
	{ 0006700, 0177700, "SXT",   FMT_DD,   op_sxt, NULL },
	{ 0010000, 0170000, "MOV",   FMT_SSDD, op_mov, mov_modes },
	{ 0020000, 0170000, "CMP",   FMT_SSDD, op_cmp, cmp_modes },
	{ 0030000, 0170000, "BIT",   FMT_SSDD, op_bit, bit_modes },
	{ 0040000, 0170000, "BIC",   FMT_SSDD, op_bic, bic_modes },
	{ 0050000, 0170000, "BIS",   FMT_SSDD, op_bis, bis_modes },
	{ 0060000, 0170000, "ADD",   FMT_SSDD, op_add, add_modes },
	{ 0070000, 0177000, "MUL",   FMT_DDR,  op_mul, NULL },
	{ 0071000, 0177000, "DIV",   FMT_DDR,  op_div, NULL },
	{ 0072000, 0177000, "ASH",   FMT_DDR,  op_ash, NULL },
	{ 0073000, 0177000, "ASHC",  FMT_DDR,  op_ashc, NULL },
	{ 0074000, 0177000, "XOR",   FMT_RDD,  op_xor, NULL },
	{ 0077000, 0177000, "SOB",   FMT_SOB,  op_sob, NULL },
	{ 0100000, 0177400, "BPL",   FMT_BR,   op_bpl, NULL },
	{ 0100400, 0177400, "BMI",   FMT_BR,   op_bmi, NULL },
	{ 0101000, 0177400, "BHI",   FMT_BR,   op_bhi, NULL },
	{ 0101400, 0177400, "BLOS",  FMT_BR,   op_blos, NULL },
	{ 0102000, 0177400, "BVC",   FMT_BR,   op_bvc, NULL },
	{ 0102400, 0177400, "BVS",   FMT_BR,   op_bvs, NULL },
	{ 0103000, 0177400, "BCC",   FMT_BR,   op_bcc, NULL },
	{ 0103400, 0177400, "BCS",   FMT_BR,   op_bcs, NULL },
	{ 0104000, 0177400, "EMT",   FMT_N8,   op_emt, NULL },
	{ 0104400, 0177400, "TRAP",  FMT_N8,   op_trap, NULL },
	{ 0105000, 0177700, "CLRB",  FMT_DD,   op_clrb, clrb_modes },
	{ 0105100, 0177700, "COMB",  FMT_DD,   op_comb, comb_modes },
	{ 0105200, 0177700, "INCB",  FMT_DD,   op_incb, incb_modes },
	{ 0105300, 0177700, "DECB",  FMT_DD,   op_decb, decb_modes },
	{ 0105400, 0177700, "NEGB",  FMT_DD,   op_negb, negb_modes },
	{ 0105500, 0177700, "ADCB",  FMT_DD,   op_adcb, adcb_modes },
	{ 0105600, 0177700, "SBCB",  FMT_DD,   op_sbcb, sbcb_modes },
	{ 0105700, 0177700, "TSTB",  FMT_DD,   op_tstb, tstb_modes },
	{ 0106000, 0177700, "RORB",  FMT_DD,   op_rorb, rorb_modes },
	{ 0106100, 0177700, "ROLB",  FMT_DD,   op_rolb, rolb_modes },
	{ 0106200, 0177700, "ASRB",  FMT_DD,   op_asrb, asrb_modes },
	{ 0106300, 0177700, "ASLB",  FMT_DD,   op_aslb, aslb_modes },
	/* No separate D space on the 11/40: MFPD and MTPD act as MFPI and MTPI. */
	{ 0106500, 0177700, "MFPD",  FMT_DD,   op_mfpi, mfpi_modes },
	{ 0106600, 0177700, "MTPD",  FMT_DD,   op_mtpi, mtpi_modes },
	{ 0110000, 0170000, "MOVB",  FMT_SSDD, op_movb, movb_modes },
	{ 0120000, 0170000, "CMPB",  FMT_SSDD, op_cmpb, cmpb_modes },
	{ 0130000, 0170000, "BITB",  FMT_SSDD, op_bitb, bitb_modes },
	{ 0140000, 0170000, "BICB",  FMT_SSDD, op_bicb, bicb_modes },
	{ 0150000, 0170000, "BISB",  FMT_SSDD, op_bisb, bisb_modes },
	{ 0160000, 0170000, "SUB",   FMT_SSDD, op_sub, sub_modes },
};

const int opcode_count = sizeof opcode_table / sizeof opcode_table[0];

/* The reserved-instruction row: what every unmatched word decodes to. */
static const struct opcode reserved = { 0, 0, "RESERVED", FMT_NONE, op_reserved, NULL };

/* 64K index: instruction word -> row number + 1 (0 = reserved). Built
 * once; constant afterwards, so it is not mutable machine state. */
static uint8_t decode_index[65536];
static int decode_built;

/* Each row claims the words it matches that no earlier row has: the
 * words are its match with every combination of the bits outside its mask. */
static void build_index(void)
{
	for (int i = 0; i < opcode_count; i++) {
		unsigned free = ~opcode_table[i].mask & 0177777u, x = 0;
		do {
			unsigned w = opcode_table[i].match | x;
			if (!decode_index[w])
				decode_index[w] = (uint8_t)(i + 1);
			x = (x - free) & free;	/* the next subset of the free bits */
		} while (x != 0);
	}
	decode_built = 1;
}

const struct opcode *opcode_decode(uint16_t ir)
{
	int i = opcode_row(ir);
	return i ? &opcode_table[i - 1] : &reserved;
}

int opcode_row(uint16_t ir)
{
	if (!decode_built)
		build_index();
	return decode_index[ir];
}
