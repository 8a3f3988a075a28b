/* One instruction at a time: results and condition codes, from the
 * PDP-11/40 Processor Handbook instruction descriptions (chapter 4) unless
 * a vector says otherwise. "simh" marks values checked against simh 3.8
 * (set cpu 11/40) where the handbook leaves room for doubt;
 * "diffs" is the PDP-11 family programming differences table (11/35-40
 * column, e.g. PDP-11/34 handbook table 2-8). */
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"

enum { N = PSW_N, Z = PSW_Z, V = PSW_V, C = PSW_C, NZVC = 017 };

struct vec {
	const char *line;
	uint16_t in[3], cc_in;     /* R0 R1 R2, N Z V C before */
	uint16_t out[3], cc_out;   /* after */
	uint16_t cc_mask;          /* 0: all of N Z V C are checked */
	const char *why;
};

static const struct vec vecs[] = {
	/* MOV: N Z, V cleared, C kept */
	{ "MOV R1,R0", { 5, 0, 0 }, C|V, { 0, 0, 0 }, Z|C, 0, "MOV" },
	{ "MOV R1,R0", { 0, 0100000, 0 }, V, { 0100000, 0100000, 0 }, N, 0, "MOV" },
	/* MOVB to a register sign-extends */
	{ "MOVB R1,R0", { 0, 0200, 0 }, 0, { 0177600, 0200, 0 }, N, 0, "MOVB sign extension" },
	{ "MOVB R1,R0", { 0177777, 0177, 0 }, C, { 0177, 0177, 0 }, C, 0, "MOVB" },
	{ "MOVB R1,R0", { 1, 0177400, 0 }, 0, { 0, 0177400, 0 }, Z, 0, "MOVB uses the low byte" },
	/* CMP src,dst: src - dst, C = borrow */
	{ "CMP R1,R0", { 2, 1, 0 }, 0, { 2, 1, 0 }, N|C, 0, "CMP 1-2" },
	{ "CMP R1,R0", { 1, 0100000, 0 }, 0, { 1, 0100000, 0 }, V, 0, "CMP 100000-1" },
	{ "CMP R1,R0", { 5, 5, 0 }, NZVC, { 5, 5, 0 }, Z, 0, "CMP equal" },
	{ "CMP R1,R0", { 0177777, 077777, 0 }, 0, { 0177777, 077777, 0 }, N|V|C, 0, "CMP 77777-(-1)" },
	{ "CMPB R1,R0", { 0377, 0177001, 0 }, 0, { 0377, 0177001, 0 }, C, 0, "CMPB 1-377" },
	/* ADD */
	{ "ADD R1,R0", { 077777, 1, 0 }, 0, { 0100000, 1, 0 }, N|V, 0, "ADD overflow" },
	{ "ADD R1,R0", { 0177777, 1, 0 }, 0, { 0, 1, 0 }, Z|C, 0, "ADD carry" },
	{ "ADD R1,R0", { 0100000, 0100000, 0 }, 0, { 0, 0100000, 0 }, Z|V|C, 0, "ADD" },
	{ "ADD R1,R0", { 1, 2, 0 }, NZVC, { 3, 2, 0 }, 0, 0, "ADD" },
	/* SUB dst - src, C = borrow */
	{ "SUB R1,R0", { 0, 1, 0 }, 0, { 0177777, 1, 0 }, N|C, 0, "SUB" },
	{ "SUB R1,R0", { 0100000, 1, 0 }, 0, { 077777, 1, 0 }, V, 0, "SUB overflow" },
	{ "SUB R1,R0", { 077777, 0177777, 0 }, 0, { 0100000, 0177777, 0 }, N|V|C, 0, "SUB" },
	{ "SUB R1,R0", { 7, 7, 0 }, NZVC, { 0, 7, 0 }, Z, 0, "SUB" },
	/* BIT BIC BIS XOR: V cleared, C kept */
	{ "BIT R1,R0", { 0100000, 0177777, 0 }, C|V, { 0100000, 0177777, 0 }, N|C, 0, "BIT" },
	{ "BIT R1,R0", { 1, 2, 0 }, 0, { 1, 2, 0 }, Z, 0, "BIT" },
	{ "BIC R1,R0", { 0177777, 077777, 0 }, V, { 0100000, 077777, 0 }, N, 0, "BIC" },
	{ "BIS R1,R0", { 0, 0, 0 }, C|V, { 0, 0, 0 }, Z|C, 0, "BIS" },
	{ "BIS R1,R0", { 0100000, 1, 0 }, 0, { 0100001, 1, 0 }, N, 0, "BIS" },
	{ "XOR R1,R0", { 0125252, 0177777, 0 }, V|C, { 052525, 0177777, 0 }, C, 0, "XOR" },
	{ "XOR R1,R0", { 0125252, 0125252, 0 }, 0, { 0, 0125252, 0 }, Z, 0, "XOR" },
	{ "BISB R1,R0", { 0177400, 0200, 0 }, 0, { 0177600, 0200, 0 }, N, 0, "BISB register: low byte only" },
	{ "BICB R1,R0", { 0177777, 0377, 0 }, 0, { 0177400, 0377, 0 }, Z, 0, "BICB" },
	/* single operand */
	{ "CLR R0", { 01234, 0, 0 }, N|V|C, { 0, 0, 0 }, Z, 0, "CLR" },
	{ "CLRB R0", { 0177777, 0, 0 }, NZVC, { 0177400, 0, 0 }, Z, 0, "CLRB register: low byte only (simh)" },
	{ "COM R0", { 0, 0, 0 }, 0, { 0177777, 0, 0 }, N|C, 0, "COM" },
	{ "COM R0", { 0177777, 0, 0 }, 0, { 0, 0, 0 }, Z|C, 0, "COM" },
	{ "COMB R0", { 0177400, 0, 0 }, 0, { 0177777, 0, 0 }, N|C, 0, "COMB" },
	{ "INC R0", { 077777, 0, 0 }, C, { 0100000, 0, 0 }, N|V|C, 0, "INC keeps C" },
	{ "INC R0", { 0177777, 0, 0 }, 0, { 0, 0, 0 }, Z, 0, "INC" },
	{ "INCB R0", { 0177, 0, 0 }, 0, { 0200, 0, 0 }, N|V, 0, "INCB" },
	{ "DEC R0", { 0100000, 0, 0 }, 0, { 077777, 0, 0 }, V, 0, "DEC" },
	{ "DEC R0", { 1, 0, 0 }, C, { 0, 0, 0 }, Z|C, 0, "DEC keeps C" },
	{ "DEC R0", { 0, 0, 0 }, 0, { 0177777, 0, 0 }, N, 0, "DEC" },
	{ "DECB R0", { 0200, 0, 0 }, 0, { 0177, 0, 0 }, V, 0, "DECB" },
	{ "NEG R0", { 0, 0, 0 }, NZVC, { 0, 0, 0 }, Z, 0, "NEG 0: C cleared" },
	{ "NEG R0", { 0100000, 0, 0 }, 0, { 0100000, 0, 0 }, N|V|C, 0, "NEG 100000" },
	{ "NEG R0", { 1, 0, 0 }, 0, { 0177777, 0, 0 }, N|C, 0, "NEG" },
	{ "NEGB R0", { 0200, 0, 0 }, 0, { 0200, 0, 0 }, N|V|C, 0, "NEGB 200" },
	{ "ADC R0", { 0177777, 0, 0 }, C, { 0, 0, 0 }, Z|C, 0, "ADC" },
	{ "ADC R0", { 077777, 0, 0 }, C, { 0100000, 0, 0 }, N|V, 0, "ADC" },
	{ "ADC R0", { 5, 0, 0 }, 0, { 5, 0, 0 }, 0, 0, "ADC without C" },
	{ "ADCB R0", { 0377, 0, 0 }, C, { 0, 0, 0 }, Z|C, 0, "ADCB" },
	{ "SBC R0", { 0, 0, 0 }, C, { 0177777, 0, 0 }, N|C, 0, "SBC 0 with C (handbook; simh)" },
	{ "SBC R0", { 0100000, 0, 0 }, C, { 077777, 0, 0 }, V, 0, "SBC 100000 with C" },
	{ "SBC R0", { 1, 0, 0 }, C, { 0, 0, 0 }, Z, 0, "SBC" },
	{ "SBC R0", { 5, 0, 0 }, 0, { 5, 0, 0 }, 0, 0, "SBC without C" },
	{ "SBCB R0", { 0, 0, 0 }, C, { 0377, 0, 0 }, N|C, 0, "SBCB" },
	{ "TST R0", { 0100000, 0, 0 }, V|C, { 0100000, 0, 0 }, N, 0, "TST clears V C" },
	{ "TST R0", { 0, 0, 0 }, N, { 0, 0, 0 }, Z, 0, "TST" },
	{ "TSTB R0", { 0100, 0, 0 }, 0, { 0100, 0, 0 }, 0, 0, "TSTB" },
	{ "TSTB R0", { 0400, 0, 0 }, 0, { 0400, 0, 0 }, Z, 0, "TSTB low byte" },
	/* shifts and rotates: V = N xor C after the operation */
	{ "ROR R0", { 1, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ROR" },
	{ "ROR R0", { 0, 0, 0 }, C, { 0100000, 0, 0 }, N|V, 0, "ROR C into bit 15" },
	{ "ROR R0", { 2, 0, 0 }, 0, { 1, 0, 0 }, 0, 0, "ROR" },
	{ "RORB R0", { 0400, 0, 0 }, C, { 0600, 0, 0 }, N|V, 0, "RORB C into bit 7" },
	{ "ROL R0", { 0100000, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ROL" },
	{ "ROL R0", { 040000, 0, 0 }, 0, { 0100000, 0, 0 }, N|V, 0, "ROL" },
	{ "ROL R0", { 1, 0, 0 }, C, { 3, 0, 0 }, 0, 0, "ROL C into bit 0" },
	{ "ROLB R0", { 0200, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ROLB" },
	{ "ASR R0", { 0100001, 0, 0 }, 0, { 0140000, 0, 0 }, N|C, 0, "ASR" },
	{ "ASR R0", { 1, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ASR" },
	{ "ASR R0", { 0100000, 0, 0 }, C, { 0140000, 0, 0 }, N|V, 0, "ASR" },
	{ "ASRB R0", { 0201, 0, 0 }, 0, { 0300, 0, 0 }, N|C, 0, "ASRB" },
	{ "ASL R0", { 040000, 0, 0 }, 0, { 0100000, 0, 0 }, N|V, 0, "ASL" },
	{ "ASL R0", { 0100000, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ASL" },
	{ "ASL R0", { 0140000, 0, 0 }, 0, { 0100000, 0, 0 }, N|C, 0, "ASL" },
	{ "ASLB R0", { 0100, 0, 0 }, 0, { 0200, 0, 0 }, N|V, 0, "ASLB" },
	/* SWAB: N Z from the new low byte, V C cleared (diffs: V cleared) */
	{ "SWAB R0", { 0177400, 0, 0 }, V|C, { 0377, 0, 0 }, N, 0, "SWAB" },
	{ "SWAB R0", { 0377, 0, 0 }, 0, { 0177400, 0, 0 }, Z, 0, "SWAB" },
	/* SXT: N kept, Z = !N, V cleared, C kept */
	{ "SXT R0", { 5, 0, 0 }, N|V|C, { 0177777, 0, 0 }, N|C, 0, "SXT" },
	{ "SXT R0", { 5, 0, 0 }, C, { 0, 0, 0 }, Z|C, 0, "SXT" },
	/* MUL: 32-bit product in R,R+1 (R even) or low half in R (R odd);
	 * C set when the product does not fit 16 bits */
	{ "MUL R2,R0", { 0177777, 0, 2 }, 0, { 0177777, 0177776, 2 }, N, 0, "MUL -1*2" },
	{ "MUL R2,R0", { 0100000, 0, 0100000 }, 0, { 040000, 0, 0100000 }, C, 0, "MUL 2^30 (simh)" },
	{ "MUL R2,R0", { 0400, 0, 0400 }, 0, { 1, 0, 0400 }, C, 0, "MUL 400*400" },
	{ "MUL R2,R0", { 0, 5, 0177 }, NZVC, { 0, 0, 0177 }, Z, 0, "MUL by 0" },
	{ "MUL R2,R1", { 0, 0400, 0400 }, 0, { 0, 0, 0400 }, C, 0, "MUL odd register keeps low half (simh)" },
	{ "MUL R2,R1", { 0, 0400, 010 }, 0, { 0, 04000, 010 }, 0, 0, "MUL handbook EIS example" },
	/* DIV: R,R+1 / src: quotient R, remainder R+1 with the dividend's sign */
	{ "DIV R2,R0", { 0, 020001, 2 }, 0, { 010000, 1, 2 }, 0, 0, "DIV handbook EIS example" },
	{ "DIV R2,R0", { 0177777, 0177771, 2 }, 0, { 0177775, 0177777, 2 }, N, 0, "DIV -7/2" },
	{ "DIV R2,R0", { 0, 1, 2 }, 0, { 0, 1, 2 }, Z, 0, "DIV 1/2" },
	{ "DIV R2,R0", { 0, 7, 0177776 }, 0, { 0177775, 1, 0177776 }, N, 0, "DIV 7/-2" },
	/* 11/40 handbook DIV: V and C on zero divide; V when |R| > |src|,
	 * "the instruction is aborted": registers unchanged (simh agrees) */
	{ "DIV R2,R0", { 1, 2, 0 }, 0, { 1, 2, 0 }, V|C, V|C, "DIV by zero" },
	{ "DIV R2,R0", { 2, 0, 1 }, C, { 2, 0, 1 }, V, V|C, "DIV overflow" },
	/* ASH: count is the low 6 bits of src, signed; V set if the sign
	 * changed during the shift, C the last bit out (simh for the limits) */
	{ "ASH #37,R0", { 1, 0, 0 }, 0, { 0, 0, 0 }, Z|V, 0, "ASH +31" },
	{ "ASH #20,R0", { 1, 0, 0 }, 0, { 0, 0, 0 }, Z|V|C, 0, "ASH +16" },
	{ "ASH #17,R0", { 1, 0, 0 }, 0, { 0100000, 0, 0 }, N|V, 0, "ASH +15" },
	{ "ASH #1,R0", { 040000, 0, 0 }, 0, { 0100000, 0, 0 }, N|V, 0, "ASH +1 sign change" },
	{ "ASH #-32.,R0", { 0100000, 0, 0 }, 0, { 0177777, 0, 0 }, N|C, 0, "ASH -32" },
	{ "ASH #-32.,R0", { 077777, 0, 0 }, 0, { 0, 0, 0 }, Z, 0, "ASH -32" },
	{ "ASH #0,R0", { 0100000, 0, 0 }, NZVC, { 0100000, 0, 0 }, N, 0, "ASH 0 clears V C" },
	{ "ASH #100,R0", { 5, 0, 0 }, NZVC, { 5, 0, 0 }, 0, 0, "ASH count is 6 bits: 100 is 0" },
	{ "ASH R2,R0", { 01234, 0, 3 }, 0, { 012340, 0, 3 }, 0, 0, "ASH handbook EIS example" },
	{ "ASH #-1,R0", { 3, 0, 0 }, 0, { 1, 0, 0 }, C, 0, "ASH -1" },
	{ "ASHC #37,R0", { 0, 1, 0 }, 0, { 0100000, 0, 0 }, N|V, 0, "ASHC +31" },
	{ "ASHC #37,R0", { 0, 3, 0 }, 0, { 0100000, 0, 0 }, N|V|C, 0, "ASHC +31 C" },
	{ "ASHC #-32.,R0", { 0100000, 1, 0 }, 0, { 0177777, 0177777, 0 }, N|C, 0, "ASHC -32" },
	{ "ASHC #-32.,R0", { 040000, 1, 0 }, 0, { 0, 0, 0 }, Z, 0, "ASHC -32" },
	{ "ASHC #0,R0", { 0100000, 0, 0 }, NZVC, { 0100000, 0, 0 }, N, 0, "ASHC 0" },
	{ "ASHC #-1,R0", { 1, 1, 0 }, 0, { 0, 0100000, 0 }, C, 0, "ASHC -1 carries across words" },
	{ "ASHC #1,R0", { 0, 0100000, 0 }, 0, { 1, 0, 0 }, 0, 0, "ASHC +1 carries across words" },
	/* condition code operators */
	{ "SEC", { 0, 0, 0 }, 0, { 0, 0, 0 }, C, 0, "SEC" },
	{ "SEN SEZ", { 0, 0, 0 }, V, { 0, 0, 0 }, N|Z|V, 0, "SEN SEZ" },
	{ "CCC", { 0, 0, 0 }, NZVC, { 0, 0, 0 }, 0, 0, "CCC" },
	{ "CLV CLC", { 0, 0, 0 }, NZVC, { 0, 0, 0 }, N|Z, 0, "CLV CLC" },
	{ "NOP", { 0, 0, 0 }, N|C, { 0, 0, 0 }, N|C, 0, "NOP" },
	{ "SCC", { 0, 0, 0 }, 0, { 0, 0, 0 }, NZVC, 0, "SCC" },
};

START_TEST(test_vector)
{
	const struct vec *t = &vecs[_i];
	struct machine *m = fx_new();
	uint16_t end = fx_asm(m, PROG, t->line);
	m->cpu.r[PC] = PROG;
	for (int r = 0; r < 3; r++)
		m->cpu.r[r] = t->in[r];
	cpu_set_psw(&m->cpu, t->cc_in);
	cpu_step(&m->cpu);
	uint16_t mask = t->cc_mask ? t->cc_mask : NZVC;
	for (int r = 0; r < 3; r++)
		ck_assert_msg(m->cpu.r[r] == t->out[r], "%s (%s): R%d = %06o, expected %06o",
			      t->line, t->why, r, m->cpu.r[r], t->out[r]);
	ck_assert_msg((cpu_psw(&m->cpu) & mask) == t->cc_out, "%s (%s): NZVC = %02o, expected %02o",
		      t->line, t->why, cpu_psw(&m->cpu) & mask, t->cc_out);
	ck_assert_msg(m->cpu.r[PC] == end, "%s: PC %06o, expected %06o", t->line, m->cpu.r[PC], end);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	fx_free(m);
}
END_TEST

/* Branches: every condition against all 16 N Z V C combinations,
 * with the handbook's branch conditions. */
struct branch {
	const char *name;
	int (*taken)(int n, int z, int v, int c);
};
static int t_br(int n, int z, int v, int c) { (void)n; (void)z; (void)v; (void)c; return 1; }
static int t_bne(int n, int z, int v, int c) { (void)n; (void)v; (void)c; return !z; }
static int t_beq(int n, int z, int v, int c) { (void)n; (void)v; (void)c; return z; }
static int t_bpl(int n, int z, int v, int c) { (void)z; (void)v; (void)c; return !n; }
static int t_bmi(int n, int z, int v, int c) { (void)z; (void)v; (void)c; return n; }
static int t_bvc(int n, int z, int v, int c) { (void)n; (void)z; (void)c; return !v; }
static int t_bvs(int n, int z, int v, int c) { (void)n; (void)z; (void)c; return v; }
static int t_bcc(int n, int z, int v, int c) { (void)n; (void)z; (void)v; return !c; }
static int t_bcs(int n, int z, int v, int c) { (void)n; (void)z; (void)v; return c; }
static int t_bge(int n, int z, int v, int c) { (void)z; (void)c; return !(n ^ v); }
static int t_blt(int n, int z, int v, int c) { (void)z; (void)c; return n ^ v; }
static int t_bgt(int n, int z, int v, int c) { (void)c; return !(z | (n ^ v)); }
static int t_ble(int n, int z, int v, int c) { (void)c; return z | (n ^ v); }
static int t_bhi(int n, int z, int v, int c) { (void)n; (void)v; return !c && !z; }
static int t_blos(int n, int z, int v, int c) { (void)n; (void)v; return c || z; }

static const struct branch branches[] = {
	{ "BR", t_br }, { "BNE", t_bne }, { "BEQ", t_beq }, { "BPL", t_bpl }, { "BMI", t_bmi },
	{ "BVC", t_bvc }, { "BVS", t_bvs }, { "BCC", t_bcc }, { "BCS", t_bcs }, { "BGE", t_bge },
	{ "BLT", t_blt }, { "BGT", t_bgt }, { "BLE", t_ble }, { "BHI", t_bhi }, { "BLOS", t_blos },
};

START_TEST(test_branch)
{
	const struct branch *b = &branches[_i];
	char line[40];
	for (int cc = 0; cc < 16; cc++)
		for (int back = 0; back < 2; back++) {
			struct machine *m = fx_new();
			uint16_t target = back ? PROG + 2 - 0400 : PROG + 2 + 0376;  /* offsets -128, +127 */
			snprintf(line, sizeof line, "%s %o", b->name, target);
			fx_prog(m, line);
			cpu_set_psw(&m->cpu, (uint16_t)cc);
			cpu_step(&m->cpu);
			int taken = b->taken(cc >> 3 & 1, cc >> 2 & 1, cc >> 1 & 1, cc & 1);
			ck_assert_msg(m->cpu.r[PC] == (taken ? target : PROG + 2),
				      "%s with NZVC %02o: PC %06o", line, cc, m->cpu.r[PC]);
			ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, (unsigned)cc);
			fx_free(m);
		}
}
END_TEST

Suite *insn_suite(void);
Suite *insn_suite(void)
{
	Suite *s = suite_create("insn");
	TCase *tc = tcase_create("vectors");
	tcase_add_loop_test(tc, test_vector, 0, (int)(sizeof vecs / sizeof vecs[0]));
	tcase_add_loop_test(tc, test_branch, 0, (int)(sizeof branches / sizeof branches[0]));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(insn_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
