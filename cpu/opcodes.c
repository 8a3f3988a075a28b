/* The KD11-A + KE11-E instruction set, one row per instruction.
 * Rows are searched in order, so the specific rows (HALT, the named
 * condition code operators) come before the general ones. Anything that
 * matches no row is a reserved instruction (trap to 10). */
#include "opcodes.h"

#include <stddef.h>

#include "exec.h"

const struct opcode opcode_table[] = {
	{ 0000000, 0177777, "HALT",  FMT_NONE, op_halt },
	{ 0000001, 0177777, "WAIT",  FMT_NONE, op_wait },
	{ 0000002, 0177777, "RTI",   FMT_NONE, op_rti },
	{ 0000003, 0177777, "BPT",   FMT_NONE, op_bpt },
	{ 0000004, 0177777, "IOT",   FMT_NONE, op_iot },
	{ 0000005, 0177777, "RESET", FMT_NONE, op_reset },
	{ 0000006, 0177777, "RTT",   FMT_NONE, op_rtt },
	{ 0000100, 0177700, "JMP",   FMT_DD,   op_jmp },
	{ 0000200, 0177770, "RTS",   FMT_R,    op_rts },
	{ 0000240, 0177777, "NOP",   FMT_NONE, op_ccop },
	{ 0000241, 0177777, "CLC",   FMT_NONE, op_ccop },
	{ 0000242, 0177777, "CLV",   FMT_NONE, op_ccop },
	{ 0000244, 0177777, "CLZ",   FMT_NONE, op_ccop },
	{ 0000250, 0177777, "CLN",   FMT_NONE, op_ccop },
	{ 0000257, 0177777, "CCC",   FMT_NONE, op_ccop },
	{ 0000260, 0177777, "NOP",   FMT_NONE, op_ccop },	/* "SE" of nothing */
	{ 0000261, 0177777, "SEC",   FMT_NONE, op_ccop },
	{ 0000262, 0177777, "SEV",   FMT_NONE, op_ccop },
	{ 0000264, 0177777, "SEZ",   FMT_NONE, op_ccop },
	{ 0000270, 0177777, "SEN",   FMT_NONE, op_ccop },
	{ 0000277, 0177777, "SCC",   FMT_NONE, op_ccop },
	{ 0000240, 0177740, "CC",    FMT_CC,   op_ccop },	/* combinations */
	{ 0000300, 0177700, "SWAB",  FMT_DD,   op_swab },
	{ 0000400, 0177400, "BR",    FMT_BR,   op_br },
	{ 0001000, 0177400, "BNE",   FMT_BR,   op_bne },
	{ 0001400, 0177400, "BEQ",   FMT_BR,   op_beq },
	{ 0002000, 0177400, "BGE",   FMT_BR,   op_bge },
	{ 0002400, 0177400, "BLT",   FMT_BR,   op_blt },
	{ 0003000, 0177400, "BGT",   FMT_BR,   op_bgt },
	{ 0003400, 0177400, "BLE",   FMT_BR,   op_ble },
	{ 0004000, 0177000, "JSR",   FMT_RDD,  op_jsr },
	{ 0005000, 0177700, "CLR",   FMT_DD,   op_clr },
	{ 0005100, 0177700, "COM",   FMT_DD,   op_com },
	{ 0005200, 0177700, "INC",   FMT_DD,   op_inc },
	{ 0005300, 0177700, "DEC",   FMT_DD,   op_dec },
	{ 0005400, 0177700, "NEG",   FMT_DD,   op_neg },
	{ 0005500, 0177700, "ADC",   FMT_DD,   op_adc },
	{ 0005600, 0177700, "SBC",   FMT_DD,   op_sbc },
	{ 0005700, 0177700, "TST",   FMT_DD,   op_tst },
	{ 0006000, 0177700, "ROR",   FMT_DD,   op_ror },
	{ 0006100, 0177700, "ROL",   FMT_DD,   op_rol },
	{ 0006200, 0177700, "ASR",   FMT_DD,   op_asr },
	{ 0006300, 0177700, "ASL",   FMT_DD,   op_asl },
	{ 0006400, 0177700, "MARK",  FMT_N6,   op_mark },
	{ 0006500, 0177700, "MFPI",  FMT_DD,   op_mfpi },
	{ 0006600, 0177700, "MTPI",  FMT_DD,   op_mtpi },
	{ 0006700, 0177700, "SXT",   FMT_DD,   op_sxt },
	{ 0010000, 0170000, "MOV",   FMT_SSDD, op_mov },
	{ 0020000, 0170000, "CMP",   FMT_SSDD, op_cmp },
	{ 0030000, 0170000, "BIT",   FMT_SSDD, op_bit },
	{ 0040000, 0170000, "BIC",   FMT_SSDD, op_bic },
	{ 0050000, 0170000, "BIS",   FMT_SSDD, op_bis },
	{ 0060000, 0170000, "ADD",   FMT_SSDD, op_add },
	{ 0070000, 0177000, "MUL",   FMT_DDR,  op_mul },
	{ 0071000, 0177000, "DIV",   FMT_DDR,  op_div },
	{ 0072000, 0177000, "ASH",   FMT_DDR,  op_ash },
	{ 0073000, 0177000, "ASHC",  FMT_DDR,  op_ashc },
	{ 0074000, 0177000, "XOR",   FMT_RDD,  op_xor },
	{ 0077000, 0177000, "SOB",   FMT_SOB,  op_sob },
	{ 0100000, 0177400, "BPL",   FMT_BR,   op_bpl },
	{ 0100400, 0177400, "BMI",   FMT_BR,   op_bmi },
	{ 0101000, 0177400, "BHI",   FMT_BR,   op_bhi },
	{ 0101400, 0177400, "BLOS",  FMT_BR,   op_blos },
	{ 0102000, 0177400, "BVC",   FMT_BR,   op_bvc },
	{ 0102400, 0177400, "BVS",   FMT_BR,   op_bvs },
	{ 0103000, 0177400, "BCC",   FMT_BR,   op_bcc },
	{ 0103400, 0177400, "BCS",   FMT_BR,   op_bcs },
	{ 0104000, 0177400, "EMT",   FMT_N8,   op_emt },
	{ 0104400, 0177400, "TRAP",  FMT_N8,   op_trap },
	{ 0105000, 0177700, "CLRB",  FMT_DD,   op_clrb },
	{ 0105100, 0177700, "COMB",  FMT_DD,   op_comb },
	{ 0105200, 0177700, "INCB",  FMT_DD,   op_incb },
	{ 0105300, 0177700, "DECB",  FMT_DD,   op_decb },
	{ 0105400, 0177700, "NEGB",  FMT_DD,   op_negb },
	{ 0105500, 0177700, "ADCB",  FMT_DD,   op_adcb },
	{ 0105600, 0177700, "SBCB",  FMT_DD,   op_sbcb },
	{ 0105700, 0177700, "TSTB",  FMT_DD,   op_tstb },
	{ 0106000, 0177700, "RORB",  FMT_DD,   op_rorb },
	{ 0106100, 0177700, "ROLB",  FMT_DD,   op_rolb },
	{ 0106200, 0177700, "ASRB",  FMT_DD,   op_asrb },
	{ 0106300, 0177700, "ASLB",  FMT_DD,   op_aslb },
	/* No separate D space on the 11/40: MFPD and MTPD act as MFPI and MTPI. */
	{ 0106500, 0177700, "MFPD",  FMT_DD,   op_mfpi },
	{ 0106600, 0177700, "MTPD",  FMT_DD,   op_mtpi },
	{ 0110000, 0170000, "MOVB",  FMT_SSDD, op_movb },
	{ 0120000, 0170000, "CMPB",  FMT_SSDD, op_cmpb },
	{ 0130000, 0170000, "BITB",  FMT_SSDD, op_bitb },
	{ 0140000, 0170000, "BICB",  FMT_SSDD, op_bicb },
	{ 0150000, 0170000, "BISB",  FMT_SSDD, op_bisb },
	{ 0160000, 0170000, "SUB",   FMT_SSDD, op_sub },
};

const int opcode_count = sizeof opcode_table / sizeof opcode_table[0];

/* The reserved-instruction row: what every unmatched word decodes to. */
static const struct opcode reserved = { 0, 0, "RESERVED", FMT_NONE, op_reserved };

/* 64K index: instruction word -> row number + 1 (0 = reserved). Built
 * once; constant afterwards, so it is not mutable machine state. */
static uint8_t decode_index[65536];
static int decode_built;

static void build_index(void)
{
	for (int w = 0; w < 65536; w++)
		for (int i = 0; i < opcode_count; i++)
			if ((w & opcode_table[i].mask) == opcode_table[i].match) {
				decode_index[w] = (uint8_t)(i + 1);
				break;
			}
	decode_built = 1;
}

const struct opcode *opcode_decode(uint16_t ir)
{
	if (!decode_built)
		build_index();
	int i = decode_index[ir];
	return i ? &opcode_table[i - 1] : &reserved;
}
