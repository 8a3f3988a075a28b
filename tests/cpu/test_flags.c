/* Every double- and single-operand instruction, word and byte, over all
 * boundary operands (sweep.c) and every addressing mode of each operand,
 * compared with the handbook's definitions (handbook.c): the result,
 * where it is stored, the registers the modes step, and each of N, Z, V
 * and C. Every case runs twice, through the instruction's
 * mode-specialised handler (the fetch window) and through its row's
 * generic handler (an empty window), so every instance in cpu/ runs. */
#include <stdio.h>
#include <stdlib.h>

#include "handbook.h"
#include "sweep.h"

enum { SRC = 02000, DST = 03000 };

struct dop {
	const char *name;
	uint16_t ir;
	enum hb_double op;
	bool byte;
};

static const struct dop dops[] = {
	{ "MOV", 0010000, HB_MOV, false }, { "CMP", 0020000, HB_CMP, false },
	{ "BIT", 0030000, HB_BIT, false }, { "BIC", 0040000, HB_BIC, false },
	{ "BIS", 0050000, HB_BIS, false }, { "ADD", 0060000, HB_ADD, false },
	{ "SUB", 0160000, HB_SUB, false },
	{ "MOVB", 0110000, HB_MOV, true }, { "CMPB", 0120000, HB_CMP, true },
	{ "BITB", 0130000, HB_BIT, true }, { "BICB", 0140000, HB_BIC, true },
	{ "BISB", 0150000, HB_BIS, true },
};

/* Double operand: 12 x 12 operands through 8 x 8 modes, two paths. */
START_TEST(double_operand)
{
	const struct dop *d = &dops[_i];
	struct machine *m = fx_new();
	struct sweep s;
	char what[64];
	unsigned k = 0;
	for (int sm = 0; sm < 8; sm++)
		for (int dm = 0; dm < 8; dm++)
			for (int i = 0; i < sw_nvalues; i++)
				for (int j = 0; j < sw_nvalues; j++, k++)
					for (int g = 0; g < 2; g++) {
						int sr = sw_reg(sm, k, 0), dr = sw_reg(dm, k * 5 + 3, sr == 7 ? 0 : 1u << sr);
						uint16_t ir = (uint16_t)(d->ir | sm << 9 | sr << 6 | dm << 3 | dr);
						sw_begin(&s, m, ir);
						struct place ps = sw_operand(&s, sm, sr, d->byte, sw_values[i], SRC,
									     (i + j) & 1, k >> 1);
						struct place pd = sw_operand(&s, dm, dr, d->byte, sw_values[j], DST,
									     (i + j + k) & 1, k >> 2);
						uint8_t cc_in = (uint8_t)((k * 7 + (unsigned)g * 5) & 017);
						struct hb h = hb_double(d->op, d->byte, sw_value(&s, ps, d->byte),
									sw_value(&s, pd, d->byte), cc_in);
						if (h.store)
							sw_expect(&s, pd, d->byte, h.r, d->op == HB_MOV && pd.reg >= 0);
						snprintf(what, sizeof what, "%s %d%d", d->name, sm, dm);
						sw_run(&s, cc_in, g, h.cc, h.unspecified, what);
					}
	fx_free(m);
}
END_TEST

struct sop {
	const char *name;
	uint16_t ir;
	enum hb_single op;
	bool byte;
};

static const struct sop sops[] = {
	{ "CLR", 0005000, HB_CLR, false }, { "COM", 0005100, HB_COM, false },
	{ "INC", 0005200, HB_INC, false }, { "DEC", 0005300, HB_DEC, false },
	{ "NEG", 0005400, HB_NEG, false }, { "ADC", 0005500, HB_ADC, false },
	{ "SBC", 0005600, HB_SBC, false }, { "TST", 0005700, HB_TST, false },
	{ "ROR", 0006000, HB_ROR, false }, { "ROL", 0006100, HB_ROL, false },
	{ "ASR", 0006200, HB_ASR, false }, { "ASL", 0006300, HB_ASL, false },
	{ "CLRB", 0105000, HB_CLR, true }, { "COMB", 0105100, HB_COM, true },
	{ "INCB", 0105200, HB_INC, true }, { "DECB", 0105300, HB_DEC, true },
	{ "NEGB", 0105400, HB_NEG, true }, { "ADCB", 0105500, HB_ADC, true },
	{ "SBCB", 0105600, HB_SBC, true }, { "TSTB", 0105700, HB_TST, true },
	{ "RORB", 0106000, HB_ROR, true }, { "ROLB", 0106100, HB_ROL, true },
	{ "ASRB", 0106200, HB_ASR, true }, { "ASLB", 0106300, HB_ASL, true },
	{ "SWAB", 0000300, HB_SWAB, false }, { "SXT", 0006700, HB_SXT, false },
};

/* Single operand: 12 operands, every NZVC before (so each C-in for ADC,
 * SBC and the rotates), 8 modes, two paths. */
START_TEST(single_operand)
{
	const struct sop *o = &sops[_i];
	struct machine *m = fx_new();
	struct sweep s;
	char what[64];
	unsigned k = 0;
	for (int dm = 0; dm < 8; dm++)
		for (int i = 0; i < sw_nvalues; i++)
			for (uint8_t cc_in = 0; cc_in < 020; cc_in++, k++)
				for (int g = 0; g < 2; g++) {
					int dr = sw_reg(dm, k, 0);
					sw_begin(&s, m, (uint16_t)(o->ir | dm << 3 | dr));
					struct place pd = sw_operand(&s, dm, dr, o->byte, sw_values[i], DST,
								     k & 1, k >> 1);
					struct hb h = hb_single(o->op, o->byte, sw_value(&s, pd, o->byte), cc_in);
					if (h.store)
						sw_expect(&s, pd, o->byte, h.r, false);
					snprintf(what, sizeof what, "%s %d", o->name, dm);
					sw_run(&s, cc_in, g, h.cc, h.unspecified, what);
				}
	fx_free(m);
}
END_TEST

/* XOR R,dst: the register with every boundary operand in every mode. */
START_TEST(xor_all)
{
	struct machine *m = fx_new();
	struct sweep s;
	char what[64];
	unsigned k = 0;
	for (int dm = 0; dm < 8; dm++)
		for (int i = 0; i < sw_nvalues; i++)
			for (int j = 0; j < sw_nvalues; j++, k++)
				for (int g = 0; g < 2; g++) {
					int r = sw_reg(0, k, 0), dr = sw_reg(dm, k * 3 + 1, 1u << r);
					sw_begin(&s, m, (uint16_t)(0074000 | r << 6 | dm << 3 | dr));
					sw_set_reg(&s, r, sw_values[i]);
					struct place pd = sw_operand(&s, dm, dr, false, sw_values[j], DST, false, k);
					uint8_t cc_in = (uint8_t)((k + (unsigned)g * 9) & 017);
					struct hb h = hb_xor(sw_values[i], sw_value(&s, pd, false), cc_in);
					sw_expect(&s, pd, false, h.r, false);
					snprintf(what, sizeof what, "XOR %d", dm);
					sw_run(&s, cc_in, g, h.cc, h.unspecified, what);
				}
	fx_free(m);
}
END_TEST

/* JMP and JSR: every destination mode; register mode traps to 4 on the
 * 11/40 (the old PSW and PC pushed, the vector's PSW). */
static void expect_trap4(struct sweep *s, uint8_t cc_in)
{
	sw_set_word(s, KSTACK - 2, 0, cc_in);
	sw_set_word(s, KSTACK - 4, 0, (uint16_t)(PROG + 2 * s->nw));
	s->r_out[6] = KSTACK - 4;
	sw_expect_pc(s, HANDLER(4));
	s->psw_hi_out = VEC_PSW;
}

START_TEST(jmp_jsr_all)
{
	static const int links[] = { 0, 1, 2, 3, 4, 5, 7 };
	struct machine *m = fx_new();
	struct sweep s;
	char what[64];
	unsigned k = 0;
	for (int jsr = 0; jsr < 2; jsr++)
		for (int dm = 0; dm < 8; dm++)
			for (int i = 0; i < 4; i++, k++)
				for (int g = 0; g < 2; g++) {
					int dr = sw_reg(dm, k, 1u << 6), lr = links[k % 7];
					if (lr == dr && dr != 7)
						lr = links[(k + 1) % 7];
					uint16_t ir = jsr ? (uint16_t)(0004000 | lr << 6 | dm << 3 | dr)
							  : (uint16_t)(0000100 | dm << 3 | dr);
					sw_begin(&s, m, ir);
					struct place pd = sw_operand(&s, dm, dr, false, sw_values[i], DST, false, k);
					uint8_t cc_in = (uint8_t)((k + (unsigned)g * 3) & 017);
					uint16_t after = (uint16_t)(PROG + 2 * s.nw);
					if (dm == 0)
						expect_trap4(&s, cc_in);
					else {
						sw_expect_pc(&s, pd.addr);
						if (jsr) {
							sw_set_word(&s, KSTACK - 2, 0, lr == 7 ? after : s.r_in[lr]);
							s.r_out[6] = KSTACK - 2;
							if (lr != 7)
								s.r_out[lr] = after;
						}
					}
					snprintf(what, sizeof what, "%s %d", jsr ? "JSR" : "JMP", dm);
					sw_run(&s, cc_in, g, dm == 0 ? 0 : cc_in, 0, what);
				}
	fx_free(m);
}
END_TEST

/* MFPI/MFPD and MTPI/MTPD with the previous mode the current one (the
 * kernel): a push of the operand, a pop into it. N, Z from the word, V
 * cleared, C not affected. */
START_TEST(mfpi_mtpi_all)
{
	static const uint16_t irs[] = { 0006500, 0106500, 0006600, 0106600 };
	struct machine *m = fx_new();
	struct sweep s;
	char what[64];
	unsigned k = 0;
	for (int o = 0; o < 4; o++)
		for (int dm = 0; dm < 8; dm++)
			for (int i = 0; i < sw_nvalues; i++, k++)
				for (int g = 0; g < 2; g++) {
					bool to = irs[o] & 0200;
					int dr = sw_reg(dm, k, 1u << 6);
					sw_begin(&s, m, (uint16_t)(irs[o] | dm << 3 | dr));
					uint16_t v = sw_values[i];
					struct place pd = sw_operand(&s, dm, dr, false, to ? (uint16_t)~v : v, DST,
								     false, k);
					uint8_t cc_in = (uint8_t)((k + (unsigned)g * 5) & 017);
					if (to) {
						sw_set_reg(&s, 6, KSTACK - 2);
						s.r_out[6] = KSTACK;
						sw_set_word(&s, KSTACK - 2, v, v);
						sw_expect(&s, pd, false, v, false);
					} else {
						s.r_out[6] = KSTACK - 2;
						sw_set_word(&s, KSTACK - 2, 0, v);
					}
					struct hb h = hb_double(HB_MOV, false, v, 0, cc_in);
					snprintf(what, sizeof what, "%s %d", to ? "MTPI" : "MFPI", dm);
					sw_run(&s, cc_in, g, h.cc, 0, what);
				}
	fx_free(m);
}
END_TEST

static Suite *flags_suite(void)
{
	Suite *s = suite_create("flags");
	TCase *tc = tcase_create("double");
	tcase_add_loop_test(tc, double_operand, 0, (int)(sizeof dops / sizeof dops[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("single");
	tcase_add_loop_test(tc, single_operand, 0, (int)(sizeof sops / sizeof sops[0]));
	tcase_add_test(tc, xor_all);
	suite_add_tcase(s, tc);
	tc = tcase_create("control");
	tcase_add_test(tc, jmp_jsr_all);
	tcase_add_test(tc, mfpi_mtpi_all);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(flags_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
