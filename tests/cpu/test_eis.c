/* The EIS (MUL, DIV, ASH, ASHC) and SOB over boundary operands, every
 * shift count from -32 to 31, DIV's quotient overflow on both sides and
 * MUL's products at the edge of a word, the source through every
 * addressing mode, against the handbook's definitions (handbook.c). */
#include <stdio.h>
#include <stdlib.h>

#include "handbook.h"
#include "sweep.h"

enum { SRC = 02000 };

enum eis { MUL = 0070000, DIV = 0071000, ASH = 0072000, ASHC = 0073000 };

/* One EIS instruction: register pair r (r odd: one register) holding
 * hi, lo; the source through mode sm; expect what the handbook says. */
static void eis_case(struct machine *m, enum eis op, int r, uint16_t hi, uint16_t lo, uint16_t src,
		     int sm, unsigned k)
{
	struct sweep s;
	char what[64];
	unsigned pair = 1u << r | (op == ASH ? 0 : 1u << (r | 1));
	for (int g = 0; g < 2; g++) {
		int sr = sw_reg(sm, k, pair);
		sw_begin(&s, m, (uint16_t)(op | r << 6 | sm << 3 | sr));
		if (op != ASH)
			sw_set_reg(&s, r | 1, lo);
		sw_set_reg(&s, r, hi);
		sw_operand(&s, sm, sr, false, src, SRC, false, k);
		struct hb_eis h;
		switch (op) {
		case MUL:  h = hb_mul(hi, src, r & 1); break;
		case DIV:  h = hb_div(hi, lo, src); break;
		case ASH:  h = hb_ash(hi, src); break;
		default:   h = hb_ashc(hi, lo, src); break;
		}
		if (op != ASH)
			s.r_out[r | 1] = h.lo;
		s.r_out[r] = h.hi;
		uint8_t cc_in = (uint8_t)((k + (unsigned)g * 7) & 017);
		snprintf(what, sizeof what, "%s R%d src mode %d",
			 op == MUL ? "MUL" : op == DIV ? "DIV" : op == ASH ? "ASH" : "ASHC", r, sm);
		sw_run(&s, cc_in, g, h.cc, h.unspecified, what);
	}
}

START_TEST(mul_all)
{
	struct machine *m = fx_new();
	unsigned k = 0;
	for (int i = 0; i < sw_nvalues; i++)
		for (int j = 0; j < sw_nvalues; j++, k++)
			eis_case(m, MUL, (int)(k % 3) * 2, sw_values[i], 0, sw_values[j], (int)(k % 8), k);
	fx_free(m);
}
END_TEST

/* Products at the edge of a word: -0100000 fits (C clear), 0100000 and
 * -0100001 do not; an odd register keeps the low half. */
START_TEST(mul_edges)
{
	static const uint16_t f[][2] = {
		{ 0100000, 1 }, { 1, 0100000 }, { 0200, 0177400 }, { 0177400, 0200 },
		{ 0400, 0177600 }, { 2, 0140000 }, { 0140000, 2 }, { 0177777, 0100000 },
		{ 0100000, 0177777 }, { 077777, 1 }, { 0177777, 0100001 }, { 0100001, 1 },
		{ 077777, 0177777 }, { 0100000, 0100000 }, { 3, 0125253 }, { 0125253, 3 },
	};
	struct machine *m = fx_new();
	unsigned k = 0;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		for (int sm = 0; sm < 8; sm++, k++) {
			eis_case(m, MUL, (int)(k % 3) * 2, f[i][0], 0, f[i][1], sm, k);
			eis_case(m, MUL, (int)(k % 3) * 2 + 1, f[i][0], f[i][0], f[i][1], sm, k);
		}
	fx_free(m);
}
END_TEST

START_TEST(div_all)
{
	struct machine *m = fx_new();
	unsigned k = 0;
	for (int i = 0; i < sw_nvalues; i++)
		for (int j = 0; j < sw_nvalues; j++)
			for (int d = 0; d < sw_nvalues; d++, k++)
				eis_case(m, DIV, (int)(k % 3) * 2, sw_values[i], sw_values[j], sw_values[d],
					 (int)(k % 8), k);
	fx_free(m);
}
END_TEST

/* Quotients on both sides of the word: 077777 and -0100000 fit;
 * 0100000-0177777, 0200000 and -0100001 and below do not (V, the
 * registers kept). Each with a zero and a largest remainder. */
START_TEST(div_quotient_overflow)
{
	static const int32_t q[] = {
		077777, 0100000, 0100001, 0123456, 0177776, 0177777, 0200000,
		-0100000, -0100001, -0100002, -0177777, -0200000, 0, 1, -1,
	};
	static const int32_t d[] = { 1, 2, 3, 7, 0177, 077777, -1, -2, -3, -0200, -077777, -0100000 };
	struct machine *m = fx_new();
	unsigned k = 0;
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
		for (size_t j = 0; j < sizeof d / sizeof d[0]; j++)
			for (int rem = 0; rem < 2; rem++, k++) {
				int64_t p = (int64_t)q[i] * d[j], abs_d = d[j] < 0 ? -(int64_t)d[j] : d[j];
				/* the remainder takes the dividend's sign */
				int64_t n = p + (rem ? (p < 0 || (p == 0 && q[i] < 0) ? -(abs_d - 1) : abs_d - 1) : 0);
				if (n < INT32_MIN || n > INT32_MAX)
					continue;
				uint32_t u = (uint32_t)(int32_t)n;
				eis_case(m, DIV, (int)(k % 3) * 2, (uint16_t)(u >> 16), (uint16_t)u,
					 (uint16_t)d[j], (int)(k % 8), k);
			}
	fx_free(m);
}
END_TEST

/* Every count -32..31, with bits above the six that count set or clear. */
START_TEST(ash_all)
{
	struct machine *m = fx_new();
	unsigned k = 0;
	for (int i = 0; i < sw_nvalues; i++)
		for (int n = -32; n < 32; n++, k++) {
			uint16_t src = (uint16_t)((n & 077) | (k & 1 ? 0177700 : 0));
			eis_case(m, ASH, (int)(k % 6), sw_values[i], sw_values[i], src, (int)(k % 8), k);
		}
	fx_free(m);
}
END_TEST

START_TEST(ashc_all)
{
	struct machine *m = fx_new();
	unsigned k = 0;
	for (int i = 0; i < sw_nvalues; i++)
		for (int j = 0; j < sw_nvalues; j++)
			for (int n = -32; n < 32; n++, k++) {
				uint16_t src = (uint16_t)((n & 077) | (k & 1 ? 0125500 : 0));
				eis_case(m, ASHC, (int)(k % 3) * 2, sw_values[i], sw_values[j], src,
					 (int)(k % 8), k);
			}
	fx_free(m);
}
END_TEST

/* SOB: the register decremented; if not 0, the PC (past the SOB) moves
 * back twice the offset. Condition codes not affected. */
START_TEST(sob_all)
{
	struct machine *m = fx_new();
	struct sweep s;
	unsigned k = 0;
	for (int i = 0; i < sw_nvalues; i++)
		for (int off = 0; off < 0100; off += 021, k++) {
			int r = (int)(k % 6);
			sw_begin(&s, m, (uint16_t)(0077000 | r << 6 | off));
			sw_set_reg(&s, r, sw_values[i]);
			uint16_t left = (uint16_t)(sw_values[i] - 1);
			s.r_out[r] = left;
			sw_expect_pc(&s, (uint16_t)(PROG + 2 - (left ? 2 * off : 0)));
			uint8_t cc = (uint8_t)(k & 017);
			sw_run(&s, cc, k & 1, cc, 0, "SOB");
		}
	fx_free(m);
}
END_TEST

static Suite *eis_suite(void)
{
	Suite *s = suite_create("eis");
	TCase *tc = tcase_create("eis");
	tcase_add_test(tc, mul_all);
	tcase_add_test(tc, mul_edges);
	tcase_add_test(tc, div_all);
	tcase_add_test(tc, div_quotient_overflow);
	tcase_add_test(tc, ash_all);
	tcase_add_test(tc, ashc_all);
	tcase_add_test(tc, sob_all);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(eis_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
