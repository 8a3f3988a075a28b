/* A reference model of the KD11-A's results and condition codes, written
 * from the instruction descriptions of the PDP-11/40 Processor Handbook
 * (chapter 4, and the EIS chapter) and nothing else: it shares no code
 * with cpu/, so a test that compares the two can fail. */
#ifndef CPU_HANDBOOK_H
#define CPU_HANDBOOK_H

#include <stdbool.h>
#include <stdint.h>

enum { HB_N = 010, HB_Z = 04, HB_V = 02, HB_C = 01 };

/* What an instruction leaves: the result, whether it is stored, the
 * condition codes, and which of them the handbook leaves unspecified
 * (not to be compared). */
struct hb {
	uint16_t r;
	bool store;
	uint8_t cc;
	uint8_t unspecified;
};

enum hb_double { HB_MOV, HB_CMP, HB_BIT, HB_BIC, HB_BIS, HB_ADD, HB_SUB };
enum hb_single {
	HB_CLR, HB_COM, HB_INC, HB_DEC, HB_NEG, HB_ADC, HB_SBC, HB_TST,
	HB_ROR, HB_ROL, HB_ASR, HB_ASL, HB_SWAB, HB_SXT,
};

/* Operands are the byte or word the instruction reads (a byte in the low
 * 8 bits); the result is of the same size. cc_in is the PSW's NZVC. */
struct hb hb_double(enum hb_double op, bool byte, uint16_t src, uint16_t dst, uint8_t cc_in);
struct hb hb_single(enum hb_single op, bool byte, uint16_t dst, uint8_t cc_in);
struct hb hb_xor(uint16_t reg, uint16_t dst, uint8_t cc_in);

/* EIS: the register pair R (even), R+1 before and after. `fits` false
 * for DIV means the instruction was aborted: registers unchanged. */
struct hb_eis {
	uint16_t hi, lo;   /* R and R+1 (R odd: lo is R) */
	uint8_t cc, unspecified;
};
struct hb_eis hb_mul(uint16_t r, uint16_t src, bool r_odd);
struct hb_eis hb_div(uint16_t hi, uint16_t lo, uint16_t src);
struct hb_eis hb_ash(uint16_t r, uint16_t src);
struct hb_eis hb_ashc(uint16_t hi, uint16_t lo, uint16_t src);

#endif
