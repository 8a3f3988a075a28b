/* Addressing modes 0-7 (general registers, PC and SP), byte addressing,
 * and the control instructions JMP JSR RTS SOB MARK. Handbook chapter 3
 * and 4; "diffs" is the family programming differences table (11/35-40
 * column), confirmed with simh 3.8 as an 11/40. */
#include <stdlib.h>

#include "fixture.h"

enum { DATA = 03000 };

/* Run the program at PROG up to its HALT; fail on anything else. */
static void run_to_halt(struct machine *m, uint16_t halt_at)
{
	ck_assert_int_eq(fx_run(m, 100), STOP_HALT);
	ck_not_trapped(m, halt_at);
}

START_TEST(mode_register_deferred)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 0123);
	fx_prog(m, "MOV (R1),R0\nHALT");
	m->cpu.r[1] = DATA;
	run_to_halt(m, PROG + 2);
	ck_assert_uint_eq(m->cpu.r[0], 0123);
	ck_assert_uint_eq(m->cpu.r[1], DATA);
	fx_free(m);
}
END_TEST

START_TEST(mode_autoincrement)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 0111);
	wrw(m, DATA + 2, 032022);
	fx_prog(m, "MOV (R1)+,R0\nMOV (R1)+,R2\nMOVB (R3)+,R4\nMOVB (R3)+,R5\nHALT");
	m->cpu.r[1] = DATA;
	m->cpu.r[3] = DATA + 2;
	run_to_halt(m, PROG + 8);
	ck_assert_uint_eq(m->cpu.r[0], 0111);
	ck_assert_uint_eq(m->cpu.r[2], 032022);
	ck_assert_uint_eq(m->cpu.r[1], DATA + 4);
	ck_assert_uint_eq(m->cpu.r[3], DATA + 4);   /* bytes step by 1 */
	ck_assert_uint_eq(m->cpu.r[4], 022);
	ck_assert_uint_eq(m->cpu.r[5], 064);
	fx_free(m);
}
END_TEST

START_TEST(mode_autoincrement_deferred)
{
	struct machine *m = fx_new();
	wrw(m, DATA, DATA + 010);
	wrw(m, DATA + 2, DATA + 013);
	wrw(m, DATA + 010, 0444);
	wrw(m, DATA + 012, 0100777);   /* odd byte 0201 */
	fx_prog(m, "MOV @(R1)+,R0\nMOVB @(R1)+,R2\nHALT");
	m->cpu.r[1] = DATA;
	run_to_halt(m, PROG + 4);
	ck_assert_uint_eq(m->cpu.r[0], 0444);
	ck_assert_uint_eq(m->cpu.r[2], 0177601);   /* odd byte, sign-extended */
	ck_assert_uint_eq(m->cpu.r[1], DATA + 4);  /* deferred: always by 2 */
	fx_free(m);
}
END_TEST

START_TEST(mode_autodecrement)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 0100777);
	fx_prog(m, "MOV R0,-(R1)\nMOVB -(R3),R4\nMOVB -(R3),R5\nHALT");
	m->cpu.r[0] = 0555;
	m->cpu.r[1] = DATA + 4;
	m->cpu.r[3] = DATA + 2;
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(m->cpu.r[1], DATA + 2);
	ck_assert_uint_eq(rdw(m, DATA + 2), 0555);
	ck_assert_uint_eq(m->cpu.r[3], DATA);
	ck_assert_uint_eq(m->cpu.r[4], 0177601);   /* byte at DATA+1 = 0201 */
	ck_assert_uint_eq(m->cpu.r[5], 0177777);   /* byte at DATA = 0377 */
	fx_free(m);
}
END_TEST

START_TEST(mode_autodecrement_deferred)
{
	struct machine *m = fx_new();
	wrw(m, DATA, DATA + 010);
	fx_prog(m, "CLR @-(R1)\nHALT");
	wrw(m, DATA + 010, 0777);
	m->cpu.r[1] = DATA + 2;
	run_to_halt(m, PROG + 2);
	ck_assert_uint_eq(m->cpu.r[1], DATA);
	ck_assert_uint_eq(rdw(m, DATA + 010), 0);
	ck_assert_uint_eq(rdw(m, DATA), DATA + 010);
	fx_free(m);
}
END_TEST

START_TEST(mode_index)
{
	struct machine *m = fx_new();
	wrw(m, DATA + 6, 0666);
	wrw(m, DATA - 2, 0222);
	wrw(m, DATA + 010, DATA + 6);
	fx_prog(m, "MOV 6(R1),R0\nMOV -2(R1),R2\nMOV @10(R1),R3\nMOVB 7(R1),R4\nHALT");
	m->cpu.r[1] = DATA;
	run_to_halt(m, PROG + 16);
	ck_assert_uint_eq(m->cpu.r[0], 0666);
	ck_assert_uint_eq(m->cpu.r[2], 0222);
	ck_assert_uint_eq(m->cpu.r[3], 0666);
	ck_assert_uint_eq(m->cpu.r[4], 01);
	ck_assert_uint_eq(m->cpu.r[1], DATA);
	fx_free(m);
}
END_TEST

/* PC modes: 27 immediate, 37 absolute, 67 relative, 77 relative deferred. */
START_TEST(mode_pc)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 0333);
	wrw(m, DATA + 2, DATA);
	fx_prog(m, "MOV #1234,R0\nMOV @#3000,R1\nMOV 3000,R2\nMOV @3002,R3\n"
		   "MOV #4321,3004\nMOV R0,@#3006\nHALT");
	/* the assembler encodes relative operands PC-relative */
	ck_assert_uint_eq(rdw(m, PROG + 012), DATA - (PROG + 014));
	run_to_halt(m, PROG + 032);
	ck_assert_uint_eq(m->cpu.r[0], 01234);
	ck_assert_uint_eq(m->cpu.r[1], 0333);
	ck_assert_uint_eq(m->cpu.r[2], 0333);
	ck_assert_uint_eq(m->cpu.r[3], 0333);
	ck_assert_uint_eq(rdw(m, DATA + 4), 04321);
	ck_assert_uint_eq(rdw(m, DATA + 6), 01234);
	fx_free(m);
}
END_TEST

/* Byte operations with (SP)+ and -(SP) step SP by 2 (handbook 3.x). */
START_TEST(mode_sp_bytes)
{
	struct machine *m = fx_new();
	wrw(m, KSTACK, 0177601);
	fx_prog(m, "MOVB (SP)+,R0\nTSTB -(SP)\nMOVB R1,-(SP)\nHALT");
	m->cpu.r[1] = 0125;
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(m->cpu.r[0], 0177601);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 2) & 0377, 0125);
	fx_free(m);
}
END_TEST

/* Byte writes touch one byte; odd addresses are the high byte. */
START_TEST(mode_byte_memory)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 0x1234);
	wrw(m, DATA + 2, 077777);
	fx_prog(m, "MOVB #377,@#3001\nINCB @#3003\nCLRB @#3002\nHALT");
	run_to_halt(m, PROG + 016);
	ck_assert_uint_eq(rdw(m, DATA), 0177464);     /* 0x1234 with high byte 0377 */
	ck_assert_uint_eq(rdw(m, DATA + 2), 0100000);  /* high byte 0177+1, low cleared */
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, PSW_Z);
	fx_free(m);
}
END_TEST

START_TEST(incb_odd_flags)
{
	struct machine *m = fx_new();
	wrw(m, DATA, 077777);
	fx_prog(m, "INCB @#3001");
	cpu_step(&m->cpu);
	ck_assert_uint_eq(rdw(m, DATA), 0100377);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, PSW_N | PSW_V);   /* simh agrees */
	fx_free(m);
}
END_TEST

/* diffs: OPR R,(R)+ and OPR R,-(R) use R after the increment/decrement. */
START_TEST(same_register_src_dst)
{
	struct machine *m = fx_new();
	fx_prog(m, "MOV R0,(R0)+\nMOV R1,-(R1)\nMOV R2,@(R2)+\nHALT");
	m->cpu.r[0] = DATA;
	m->cpu.r[1] = DATA + 012;
	m->cpu.r[2] = DATA + 020;
	wrw(m, DATA + 020, DATA + 030);
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(rdw(m, DATA), DATA + 2);
	ck_assert_uint_eq(rdw(m, DATA + 010), DATA + 010);
	ck_assert_uint_eq(rdw(m, DATA + 030), DATA + 022);
	fx_free(m);
}
END_TEST

/* diffs: MOV PC,@#A stores the address of the MOV + 4 on the 11/40. */
START_TEST(mov_pc_absolute)
{
	struct machine *m = fx_new();
	fx_prog(m, "MOV PC,@#3000\nMOV PC,R0\nHALT");
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(rdw(m, DATA), PROG + 4);
	ck_assert_uint_eq(m->cpu.r[0], PROG + 6);
	fx_free(m);
}
END_TEST

START_TEST(jmp_modes)
{
	struct machine *m = fx_new();
	fx_asm(m, 02000, "HALT");
	fx_prog(m, "JMP @#2000");
	run_to_halt(m, 02000);

	fx_prog(m, "JMP 2000");           /* relative */
	run_to_halt(m, 02000);

	wrw(m, DATA, 02000);
	fx_prog(m, "JMP @3000");          /* relative deferred */
	run_to_halt(m, 02000);

	fx_prog(m, "JMP (R1)");
	m->cpu.r[1] = 02000;
	run_to_halt(m, 02000);

	/* diffs: JMP (R)+ jumps to the initial R */
	fx_prog(m, "JMP (R1)+");
	m->cpu.r[1] = 02000;
	run_to_halt(m, 02000);
	ck_assert_uint_eq(m->cpu.r[1], 02002);
	fx_free(m);
}
END_TEST

START_TEST(jsr_rts_pc)
{
	struct machine *m = fx_new();
	fx_asm(m, 02000, "INC R0\nRTS PC");
	fx_prog(m, "JSR PC,@#2000\nHALT");
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], 02000);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), PROG + 4);
	run_to_halt(m, PROG + 4);
	ck_assert_uint_eq(m->cpu.r[0], 1);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	fx_free(m);
}
END_TEST

/* JSR R5,x: R5 pushed, R5 = return address; RTS R5 reverses it. */
START_TEST(jsr_rts_r5)
{
	struct machine *m = fx_new();
	fx_asm(m, 02000, "MOV (R5)+,R0\nRTS R5");
	fx_prog(m, "JSR R5,2000\n.WORD 4242\nHALT");
	m->cpu.r[5] = 05555;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[5], PROG + 4);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 05555);
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(m->cpu.r[0], 04242);
	ck_assert_uint_eq(m->cpu.r[5], 05555);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	fx_free(m);
}
END_TEST

/* Coroutine call: JSR PC,@(SP)+ swaps PC with the top of stack. */
START_TEST(jsr_coroutine)
{
	struct machine *m = fx_new();
	fx_prog(m, "JSR PC,@(SP)+");
	m->cpu.r[SP] = KSTACK - 2;
	wrw(m, KSTACK - 2, 02000);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], 02000);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), PROG + 2);
	fx_free(m);
}
END_TEST

START_TEST(sob)
{
	struct machine *m = fx_new();
	fx_prog(m, "INC R0\nSOB R1,1000\nHALT");
	m->cpu.r[1] = 3;
	cpu_set_psw(&m->cpu, PSW_C | PSW_V);
	run_to_halt(m, PROG + 4);
	ck_assert_uint_eq(m->cpu.r[0], 3);
	ck_assert_uint_eq(m->cpu.r[1], 0);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, PSW_C);   /* the last INC kept C; SOB leaves N Z V C */
	fx_free(m);

	m = fx_new();
	fx_prog(m, "SOB R1,1000");
	m->cpu.r[1] = 1;
	cpu_set_psw(&m->cpu, 017);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, 017);
	fx_free(m);
}
END_TEST

/* MARK n: SP = PC + 2n, PC = R5, R5 = (SP)+ (handbook MARK; simh). */
START_TEST(mark)
{
	struct machine *m = fx_new();
	/* the caller's stack as the handbook's example builds it: old R5,
	 * two arguments, MARK 2 -- and the callee returns with RTS R5 */
	m->cpu.r[SP] = 02000;
	wrw(m, 02000, 0006402);   /* MARK 2 */
	wrw(m, 02002, 0111);
	wrw(m, 02004, 0222);
	wrw(m, 02006, 05555);     /* saved R5 */
	m->cpu.r[5] = 01500;
	m->cpu.r[PC] = 02000;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], 01500);
	ck_assert_uint_eq(m->cpu.r[5], 05555);
	ck_assert_uint_eq(m->cpu.r[SP], 02010);
	fx_free(m);
}
END_TEST

/* A write to the PSW address changes the PSW, except T (diffs: only RTI,
 * RTT, traps and interrupts load T). */
START_TEST(psw_by_address)
{
	struct machine *m = fx_new();
	fx_prog(m, "MOV #377,@#177776\nHALT");
	run_to_halt(m, PROG + 6);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & PSW_T, 0);      /* diffs (simh 3.8 shows T set here) */
	ck_assert_uint_eq(cpu_psw(&m->cpu), 0357);           /* the written data wins over MOV's CC (simh) */
	fx_free(m);

	m = fx_new();
	fx_prog(m, "MOV @#177776,R0\nHALT");
	cpu_set_psw(&m->cpu, 0345);
	run_to_halt(m, PROG + 4);
	ck_assert_uint_eq(m->cpu.r[0], 0345);
	fx_free(m);
}
END_TEST

Suite *modes_suite(void);
Suite *modes_suite(void)
{
	Suite *s = suite_create("modes");
	TCase *tc = tcase_create("modes");
	tcase_add_test(tc, mode_register_deferred);
	tcase_add_test(tc, mode_autoincrement);
	tcase_add_test(tc, mode_autoincrement_deferred);
	tcase_add_test(tc, mode_autodecrement);
	tcase_add_test(tc, mode_autodecrement_deferred);
	tcase_add_test(tc, mode_index);
	tcase_add_test(tc, mode_pc);
	tcase_add_test(tc, mode_sp_bytes);
	tcase_add_test(tc, mode_byte_memory);
	tcase_add_test(tc, incb_odd_flags);
	tcase_add_test(tc, same_register_src_dst);
	tcase_add_test(tc, mov_pc_absolute);
	suite_add_tcase(s, tc);
	tc = tcase_create("control");
	tcase_add_test(tc, jmp_modes);
	tcase_add_test(tc, jsr_rts_pc);
	tcase_add_test(tc, jsr_rts_r5);
	tcase_add_test(tc, jsr_coroutine);
	tcase_add_test(tc, sob);
	tcase_add_test(tc, mark);
	tcase_add_test(tc, psw_by_address);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(modes_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
