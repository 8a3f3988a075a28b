/* Disassembler and test assembler: both read opcode_table[] only.
 * Expected texts are simh 3.8's `examine -m` output for the same words
 * (reserved words excepted: simh prints bare octal, we print .WORD). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/opcodes.h"
#include "asm.h"
#include <check.h>

static const char *dis(uint16_t pc, uint16_t w0, uint16_t w1, uint16_t w2, int *n)
{
	static char buf[80];
	uint16_t w[3] = { w0, w1, w2 };
	int used = disassemble(pc, w, buf, sizeof buf, NULL, NULL);
	if (n)
		*n = used;
	return buf;
}

static const struct {
	uint16_t pc, w[3];
	int n;
	const char *text;
} simh_texts[] = {
	{ 01000, { 0000243 }, 1, "CLV CLC" },
	{ 01000, { 0000253 }, 1, "CLN CLV CLC" },
	{ 01000, { 0000277 }, 1, "SCC" },
	{ 01000, { 0000263 }, 1, "SEV SEC" },
	{ 01000, { 0000257 }, 1, "CCC" },
	{ 01000, { 0000260 }, 1, "NOP" },
	{ 01000, { 0000240 }, 1, "NOP" },
	{ 01026, { 0005067, 01234 }, 2, "CLR 2266" },
	{ 01032, { 0012737, 01234, 0177570 }, 3, "MOV #1234,@#177570" },
	{ 01040, { 0004735 }, 1, "JSR PC,@(R5)+" },
	{ 01042, { 0077105 }, 1, "SOB R1,1032" },
	{ 01044, { 0006403 }, 1, "MARK 3" },
	{ 01046, { 0104777 }, 1, "TRAP 377" },
	{ 01050, { 0000777 }, 1, "BR 1050" },
	{ 01052, { 0012706, 0100000 }, 2, "MOV #100000,SP" },
	{ 01056, { 0016767, 010, 020 }, 3, "MOV 1072,1104" },
	{ 01000, { 0016501, 0177776 }, 2, "MOV 177776(R5),R1" },
	{ 01004, { 0005077, 010 }, 2, "CLR @1020" },
	{ 01010, { 0000167, 0177764 }, 2, "JMP 1000" },
	{ 01014, { 0104000 }, 1, "EMT 0" },
	{ 01016, { 0006700 }, 1, "SXT R0" },
	{ 01020, { 0006646 }, 1, "MTPI -(SP)" },
	{ 01022, { 0070327, 012 }, 2, "MUL #12,R3" },
	{ 01026, { 0074102 }, 1, "XOR R1,R2" },
	{ 01030, { 0073027, 0177740 }, 2, "ASHC #177740,R0" },
	{ 01036, { 0001377 }, 1, "BNE 1036" },
	{ 01040, { 0000205 }, 1, "RTS R5" },
	{ 01042, { 0006537, 0177776 }, 2, "MFPI @#177776" },
	{ 01000, { 0010021 }, 1, "MOV R0,(R1)+" },
	{ 01000, { 0115374, 012 }, 2, "MOVB @-(R3),@12(R4)" },
	{ 01000, { 0000000 }, 1, "HALT" },
	{ 01000, { 0000217 }, 1, ".WORD 217" },
	{ 01000, { 0075000 }, 1, ".WORD 75000" },
};

START_TEST(disassemble_like_simh)
{
	int n;
	const char *text = dis(simh_texts[_i].pc, simh_texts[_i].w[0], simh_texts[_i].w[1],
			       simh_texts[_i].w[2], &n);
	ck_assert_str_eq(text, simh_texts[_i].text);
	ck_assert_int_eq(n, simh_texts[_i].n);

	/* and the assembler reads the same text back into the same words */
	uint16_t w[3];
	char err[100];
	ck_assert_int_eq(assemble(simh_texts[_i].pc, text, w, err, sizeof err), n);
	uint16_t want0 = simh_texts[_i].w[0] == 0260 ? 0240 : simh_texts[_i].w[0];
	ck_assert_uint_eq(w[0], want0);
	for (int i = 1; i < n; i++)
		ck_assert_uint_eq(w[i], simh_texts[_i].w[i]);
}
END_TEST

/* Every instruction word: words -> text -> words -> text is stable. The
 * one exception is 000260, a second NOP row, which reassembles as 000240. */
START_TEST(round_trip_every_word)
{
	char text[80], again[80], err[100];
	for (uint32_t ir = 0; ir <= 0177777; ir++) {
		uint16_t w[3] = { (uint16_t)ir, 01234, 0176543 }, back[3];
		uint16_t pc = (uint16_t)(0100000 + (ir & 0776));
		int n = disassemble(pc, w, text, sizeof text, NULL, NULL);
		int m = assemble(pc, text, back, err, sizeof err);
		ck_assert_msg(m == n, "%06o \"%s\": assemble gave %d (%s), expected %d",
			      ir, text, m, err, n);
		for (int i = 0; i < n; i++) {
			uint16_t want = (i == 0 && ir == 0260) ? 0240 : w[i];
			ck_assert_msg(back[i] == want, "%06o \"%s\": word %d is %06o",
				      ir, text, i, back[i]);
		}
		disassemble(pc, back, again, sizeof again, NULL, NULL);
		ck_assert_str_eq(again, text);
	}
}
END_TEST

/* The decode index gives every word the first row that matches it, as a
 * search of the table in order would (rows are ordered specific first). */
START_TEST(decode_is_the_first_matching_row)
{
	for (unsigned w = 0; w < 65536; w++) {
		int want = opcode_count;
		for (int i = 0; i < opcode_count && want == opcode_count; i++)
			if ((w & opcode_table[i].mask) == opcode_table[i].match)
				want = i;
		ck_assert_msg(opcode_index((uint16_t)w) == want, "word %06o: row %d, want %d",
			      w, opcode_index((uint16_t)w), want);
		if (want < opcode_count)
			ck_assert_ptr_eq(opcode_decode((uint16_t)w), &opcode_table[want]);
		else
			ck_assert_str_eq(opcode_decode((uint16_t)w)->name, "RESERVED");
	}
}
END_TEST

/* Each table row is reachable by its name and disassembles under it. */
START_TEST(every_row_by_name)
{
	char text[80], err[100];
	for (int i = 0; i < opcode_count; i++) {
		const struct opcode *op = &opcode_table[i];
		uint16_t w[3] = { op->match, 2, 4 };
		disassemble(01000, w, text, sizeof text, NULL, NULL);
		if (op->fmt == FMT_CC)
			continue;	/* combinations print as their parts */
		ck_assert_msg(!strncmp(text, op->name, strlen(op->name)),
			      "row %s prints \"%s\"", op->name, text);
		uint16_t back[3];
		ck_assert_int_gt(assemble(01000, text, back, err, sizeof err), 0);
		ck_assert_ptr_eq(opcode_decode(back[0])->name, op->name);
	}
}
END_TEST

static void ck_same(const char *a, const char *b)
{
	uint16_t wa[3], wb[3];
	char err[100];
	int na = assemble(01000, a, wa, err, sizeof err);
	ck_assert_msg(na > 0, "%s: %s", a, err);
	int nb = assemble(01000, b, wb, err, sizeof err);
	ck_assert_msg(nb > 0, "%s: %s", b, err);
	ck_assert_int_eq(na, nb);
	ck_assert_msg(!memcmp(wa, wb, (size_t)na * 2), "%s != %s", a, b);
}

/* V6 `as` spellings: $ for #, * for @, lower case, "." for decimal. */
START_TEST(v6_syntax)
{
	ck_same("mov $10.,*$177570", "MOV #12,@#177570");
	ck_same("jsr pc,*(r5)+", "JSR PC,@(R5)+");
	ck_same("clr *4(r1)", "CLR @4(R1)");
	ck_same("mov r0,-6(r5)", "MOV R0,177772(R5)");
	ck_same("br .+4", "BR 1004");
	ck_same("sob r1,.", "SOB R1,1000");
	ck_same("tst (sp)+ / pop", "TST (SP)+");
	ck_same("mov @(r2),r0", "MOV @0(R2),R0");
	ck_same("mov @r2,r0", "MOV (R2),R0");
	ck_same("ash $-1,r0", "ASH #177777,R0");
	ck_same("sen sez", "SEN SEZ");
}
END_TEST

START_TEST(assembler_encodings)
{
	uint16_t w[3];
	char err[100];
	ck_assert_int_eq(assemble(01000, "MOV 1234,R0", w, err, sizeof err), 2);
	ck_assert_uint_eq(w[0], 016700);
	ck_assert_uint_eq(w[1], 01234 - 01004);
	ck_assert_int_eq(assemble(01000, "MOV #1,1234", w, err, sizeof err), 3);
	ck_assert_uint_eq(w[2], 01234 - 01006);   /* the second operand's word is later */
	ck_assert_int_eq(assemble(01000, "BR 402", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0000600);          /* offset -128 */
	ck_assert_int_eq(assemble(01000, "BR 1400", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0000577);          /* offset +127 */
	ck_assert_int_eq(assemble(01000, "SOB R3,1002-176", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0077377);
	ck_assert_int_eq(assemble(01000, "EMT", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0104000);
	ck_assert_int_eq(assemble(01000, "MUL R2,R1", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0070102);
	ck_assert_int_eq(assemble(01000, ".WORD 100.", w, err, sizeof err), 1);
	ck_assert_uint_eq(w[0], 0144);
}
END_TEST

START_TEST(assembler_errors)
{
	static const char *const bad[] = {
		"FOO R1", "MOV R0", "MOV R0,", "CLR R8", "BR 1402", "BR 400", "BR 1003",
		"SOB R1,1004", "SOB R1,1002-200", "EMT 400", "MARK 100", "CLV SEC",
		"MOV #8,R0", "RTS", "CLR R0 junk", "", "MOV (R0,R1", "CC",
	};
	uint16_t w[3];
	char err[100];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = 0;
		ck_assert_msg(assemble(01000, bad[i], w, err, sizeof err) == -1, "\"%s\" accepted", bad[i]);
		ck_assert_msg(err[0], "\"%s\": no message", bad[i]);
	}
}
END_TEST

static int names(void *ctx, uint16_t addr, char *buf, int size)
{
	(void)ctx;
	if (addr < 01014 || addr >= 01100)
		return 0;
	return snprintf(buf, (size_t)size, "_wakeup+%o", addr - 01014);
}

/* Addresses (branch targets, @#, relative) get names; immediates and
 * index offsets stay numbers. */
START_TEST(symbolized_addresses)
{
	char text[80];
	uint16_t br[3] = { 0000407 }, jsr[3] = { 0004737, 01020 }, mov[3] = { 0012700, 01020 };
	uint16_t rel[3] = { 0005067, 012 }, idx[3] = { 0016501, 01020 };
	disassemble(01000, br, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "BR _wakeup+4");
	disassemble(01000, jsr, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "JSR PC,@#_wakeup+4");
	disassemble(01000, rel, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "CLR _wakeup+2");
	disassemble(01000, mov, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "MOV #1020,R0");
	disassemble(01000, idx, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "MOV 1020(R5),R1");
	disassemble(02000, br, text, sizeof text, names, NULL);
	ck_assert_str_eq(text, "BR 2020");
}
END_TEST

/* A short buffer truncates, never overflows. */
START_TEST(short_buffer)
{
	char text[8];
	memset(text, 'x', sizeof text);
	uint16_t w[3] = { 0012737, 01234, 0177570 };
	ck_assert_int_eq(disassemble(01000, w, text, 6, NULL, NULL), 3);
	ck_assert_str_eq(text, "MOV #");
	ck_assert_int_eq(text[6], 'x');
}
END_TEST

static Suite *disasm_suite(void)
{
	Suite *s = suite_create("disasm");
	TCase *tc = tcase_create("disasm");
	tcase_add_loop_test(tc, disassemble_like_simh, 0, (int)(sizeof simh_texts / sizeof simh_texts[0]));
	tcase_add_test(tc, round_trip_every_word);
	tcase_add_test(tc, decode_is_the_first_matching_row);
	tcase_add_test(tc, every_row_by_name);
	tcase_add_test(tc, v6_syntax);
	tcase_add_test(tc, assembler_encodings);
	tcase_add_test(tc, assembler_errors);
	tcase_add_test(tc, symbolized_addresses);
	tcase_add_test(tc, short_buffer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(disasm_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
