/* Traps, interrupts, modes and stacks. Sources: 11/40 Processor
 * Handbook (trap and interrupt chapter, instruction descriptions),
 * REFERENCE.md, the family programming differences table (11/35-40
 * column: "diffs"), and simh 3.8 as an 11/40 ("simh") where noted. */
#include <stdlib.h>

#include "fixture.h"

enum { DATA = 03000 };

static void ck_frame(struct machine *m, uint16_t sp, uint16_t psw, uint16_t pc)
{
	ck_assert_uint_eq(m->cpu.r[SP], sp);
	ck_assert_uint_eq(rdw(m, sp + 2u), psw);
	ck_assert_uint_eq(rdw(m, sp), pc);
}

static const struct { const char *line; uint16_t vec; } trap_insns[] = {
	{ "EMT 5", VEC_EMT }, { "EMT", VEC_EMT }, { "TRAP 377", VEC_TRAP },
	{ "BPT", VEC_BPT }, { "IOT", VEC_IOT },
};

/* PSW then PC pushed, new PC and PSW from the vector. */
START_TEST(trap_instructions)
{
	struct machine *m = fx_new();
	fx_prog(m, trap_insns[_i].line);
	cpu_set_psw(&m->cpu, 0017);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(trap_insns[_i].vec));
	ck_assert_uint_eq(cpu_psw(&m->cpu), VEC_PSW);
	ck_frame(m, KSTACK - 4, 0017, PROG + 2);
	fx_free(m);
}
END_TEST

/* From user mode: kernel stack, previous mode = user, user SP kept. */
START_TEST(trap_from_user)
{
	struct machine *m = fx_new();
	fx_prog(m, "EMT 1");
	cpu_set_psw(&m->cpu, 0170017);
	m->cpu.r[SP] = 0600;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(VEC_EMT));
	ck_assert_uint_eq(cpu_psw(&m->cpu), 030000 | VEC_PSW);
	ck_frame(m, KSTACK - 4, 0170017, PROG + 2);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 0600);
	fx_free(m);
}
END_TEST

/* A vector whose PSW selects user mode: the frame goes on the user
 * stack (REFERENCE; simh). */
START_TEST(trap_to_user_vector)
{
	struct machine *m = fx_new();
	wrw(m, VEC_TRAP + 2, 0140000);
	fx_prog(m, "TRAP 1");
	cpu_set_psw(&m->cpu, 0170017);
	m->cpu.r[SP] = 0600;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(VEC_TRAP));
	ck_assert_uint_eq(cpu_psw(&m->cpu), 0170000);
	ck_frame(m, 0574, 0170017, PROG + 2);
	ck_assert_uint_eq(fx_sp(m, MODE_KERNEL), KSTACK);
	fx_free(m);
}
END_TEST

START_TEST(rti_kernel_to_user)
{
	struct machine *m = fx_new();
	fx_prog(m, "RTI");
	fx_set_sp(m, MODE_USER, 0500);
	m->cpu.r[SP] = KSTACK - 4;
	wrw(m, KSTACK - 4, 02000);
	wrw(m, KSTACK - 2, 0140017);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], 02000);
	ck_assert_uint_eq(cpu_psw(&m->cpu), 0140017);
	ck_assert_uint_eq(m->cpu.r[SP], 0500);
	ck_assert_uint_eq(fx_sp(m, MODE_KERNEL), KSTACK);
	fx_free(m);
}
END_TEST

/* In user mode RTI cannot leave user mode or change the priority
 * (handbook RTI; simh: 170000 with 357 stacked gives 170017). */
START_TEST(rti_user_protected)
{
	struct machine *m = fx_new();
	fx_prog(m, "RTI");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0574;
	wrw(m, 0574, 02000);
	wrw(m, 0576, 0357);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], 02000);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 0140357, 0140017);
	ck_assert_uint_eq(m->cpu.r[SP], 0600);
	fx_free(m);
}
END_TEST

/* T bit: trace trap to 14 after the instruction. */
START_TEST(trace_trap)
{
	struct machine *m = fx_new();
	fx_prog(m, "INC R0\nHALT");
	cpu_set_psw(&m->cpu, PSW_T);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BPT);
	ck_assert_uint_eq(m->cpu.r[0], 1);
	ck_frame(m, KSTACK - 4, PSW_T, PROG + 2);
	fx_free(m);
}
END_TEST

/* A kernel HALT with T set stops first; the trace trap it left is taken
 * when the machine continues (simh agrees; found by fuzz_cpu). */
START_TEST(halt_with_t)
{
	struct machine *m = fx_new();
	fx_prog(m, "HALT");
	cpu_set_psw(&m->cpu, PSW_T);
	ck_assert_int_eq(cpu_step(&m->cpu), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(cpu_psw(&m->cpu), PSW_T);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BPT);
	ck_frame(m, KSTACK - 4, PSW_T, PROG + 2);
	fx_free(m);
}
END_TEST

/* diffs: an RTI that sets T traps at once; after RTT the next
 * instruction runs first (simh agrees). */
static struct machine *return_with_t(const char *insn)
{
	struct machine *m = fx_new();
	fx_asm(m, 02000, "INC R0\nHALT");
	fx_prog(m, insn);
	m->cpu.r[SP] = KSTACK - 4;
	wrw(m, KSTACK - 4, 02000);
	wrw(m, KSTACK - 2, PSW_T);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	return m;
}

START_TEST(rti_sets_t)
{
	struct machine *m = return_with_t("RTI");
	ck_trapped(m, VEC_BPT);
	ck_assert_uint_eq(m->cpu.r[0], 0);
	ck_frame(m, KSTACK - 4, PSW_T, 02000);
	fx_free(m);
}
END_TEST

START_TEST(rtt_sets_t)
{
	struct machine *m = return_with_t("RTT");
	ck_trapped(m, VEC_BPT);
	ck_assert_uint_eq(m->cpu.r[0], 1);
	ck_frame(m, KSTACK - 4, PSW_T, 02002);
	fx_free(m);
}
END_TEST

START_TEST(odd_address)
{
	struct machine *m = fx_new();
	fx_prog(m, "MOV @#3001,R0\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, KSTACK - 4, 0, PROG + 4);
	fx_free(m);

	/* diffs: odd address in mode 2 -- the register is incremented */
	m = fx_new();
	fx_prog(m, "MOV (R1)+,R0\nHALT");
	m->cpu.r[1] = 03001;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(m->cpu.r[1], 03003);
	fx_free(m);

	/* diffs: odd PC -- PC unincremented (simh: stacked 1001) */
	m = fx_new();
	fx_prog(m, "JMP @#2001");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, KSTACK - 4, 0, 02001);
	fx_free(m);

	/* a byte at an odd address is fine */
	m = fx_new();
	fx_prog(m, "TSTB @#3001\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_not_trapped(m, PROG + 4);
	fx_free(m);
}
END_TEST

/* No device at an I/O page address: bus error (V6 probes KW11-P 772540).
 * With memory management off 160000-177777 is the I/O page. */
START_TEST(bus_error_io)
{
	struct machine *m = fx_new();
	fx_prog(m, "TST @#172540\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, KSTACK - 4, 0, PROG + 4);
	fx_free(m);
}
END_TEST

START_TEST(bus_error_memory)
{
	struct machine *m = fx_new_mem(32 * 1024);
	fx_prog(m, "MOV @#100000,R0\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, KSTACK - 4, 0, PROG + 4);

	/* diffs: nonexistent memory in mode 2 -- register incremented */
	fx_prog(m, "MOV (R1)+,R0\nHALT");
	m->cpu.r[SP] = KSTACK;
	m->cpu.r[1] = 0100000;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(m->cpu.r[1], 0100002);

	/* diffs: PC in nonexistent memory -- PC unincremented (simh) */
	fx_prog(m, "JMP @#100000");
	m->cpu.r[SP] = KSTACK;
	cpu_set_psw(&m->cpu, 0);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, KSTACK - 4, 0, 0100000);
	fx_free(m);
}
END_TEST

/* Not in the 11/40 (KD11-A + KE11-E) instruction set: trap to 10.
 * FIS, MFPT, SPL, CIS, MTPS/MFPS, FPP, and holes in the 0000xx page. */
static const uint16_t reserved_words[] = {
	0000007, 0000010, 0000077, 0000210, 0000227, 0000230, 0000237,
	0007000, 0075000, 0075037, 0076000, 0076600, 0106400, 0106700,
	0107000, 0170000, 0177777,
};

START_TEST(reserved_instruction)
{
	struct machine *m = fx_new();
	wrw(m, PROG, reserved_words[_i]);
	wrw(m, PROG + 2, 0);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_msg(m->cpu.r[PC] == HANDLER(VEC_ILL) + 2, "%06o: PC %06o",
		      reserved_words[_i], m->cpu.r[PC]);
	ck_frame(m, KSTACK - 4, 0, PROG + 2);
	fx_free(m);
}
END_TEST

/* HALT in user mode: trap to 10 on the 11/40 (simh: only 11/44, 45, 70
 * and J11 trap to 4; family differences table). */
START_TEST(halt_in_user_mode)
{
	struct machine *m = fx_new();
	fx_prog(m, "HALT");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_ILL);
	ck_frame(m, KSTACK - 4, 0170000, PROG + 2);
	fx_free(m);
}
END_TEST

/* JMP and JSR with a register destination: trap to 4 on the 11/40
 * (simh HAS_JREG4 includes the 11/40). */
START_TEST(jmp_jsr_register_mode)
{
	static const char *const lines[] = { "JMP R0", "JSR PC,R1" };
	for (int i = 0; i < 2; i++) {
		struct machine *m = fx_new();
		fx_prog(m, lines[i]);
		ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
		ck_trapped(m, VEC_BUS);
		ck_frame(m, KSTACK - 4, 0, PROG + 2);
		fx_free(m);
	}
}
END_TEST

/* RESET in user mode does nothing (no trap, no Unibus INIT); in kernel
 * mode it clears device registers (KL11 XCSR interrupt enable). */
START_TEST(reset_user_mode)
{
	struct machine *m = fx_new();
	wrw(m, 0777564, 0100);
	fx_prog(m, "RESET\nHALT");
	cpu_set_psw(&m->cpu, 0170340);	/* priority 7: the KL11 may now request */
	m->cpu.r[SP] = 0600;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(m->cpu.r[SP], 0600);
	ck_assert_uint_eq(rdw(m, 0777564) & 0100, 0100);

	fx_prog(m, "RESET\nHALT");
	cpu_set_psw(&m->cpu, 0340);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(rdw(m, 0777564) & 0100, 0);
	fx_free(m);
}
END_TEST

/* Kernel and user R6 are separate registers. */
START_TEST(stack_pointer_per_mode)
{
	struct machine *m = fx_new();
	m->cpu.r[SP] = 01000;
	cpu_set_psw(&m->cpu, 0140000);
	m->cpu.r[SP] = 02000;
	cpu_set_psw(&m->cpu, 0);
	ck_assert_uint_eq(m->cpu.r[SP], 01000);
	cpu_set_psw(&m->cpu, 0170000);
	ck_assert_uint_eq(m->cpu.r[SP], 02000);

	/* and user code pushing moves only the user one */
	m->cpu.r[0] = 0123;
	fx_prog(m, "MOV R0,-(SP)");
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[SP], 01776);
	ck_assert_uint_eq(rdw(m, 01776), 0123);
	ck_assert_uint_eq(fx_sp(m, MODE_KERNEL), 01000);
	fx_free(m);
}
END_TEST

/* Yellow zone: a kernel -(SP) below 400 completes, then traps to 4
 * (handbook stack limit; diffs: checked after modes 4 and 5 with R6,
 * JSR and traps; simh). */
START_TEST(stack_overflow_yellow)
{
	struct machine *m = fx_new();
	fx_prog(m, "MOV R0,-(SP)\nHALT");
	m->cpu.r[0] = 01234;
	m->cpu.r[SP] = 0402;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_not_trapped(m, PROG + 2);
	ck_assert_uint_eq(m->cpu.r[SP], 0400);

	fx_prog(m, "MOV R0,-(SP)\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(rdw(m, 0376), 01234);	/* the instruction completed */
	ck_frame(m, 0372, 0, PROG + 2);
	fx_free(m);

	m = fx_new();
	fx_asm(m, 02000, "HALT");
	fx_prog(m, "JSR PC,@#2000");
	m->cpu.r[SP] = 0400;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(rdw(m, 0376), PROG + 4);
	ck_frame(m, 0372, 0, 02000);
	fx_free(m);

	/* user mode has no limit */
	m = fx_new();
	fx_prog(m, "MOV R0,-(SP)\nHALT");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0400;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(m->cpu.r[SP], 0376);
	ck_assert_uint_eq(fx_sp(m, MODE_KERNEL), KSTACK);
	fx_free(m);
}
END_TEST

static void irq_vector(struct machine *m, uint16_t vec)
{
	wrw(m, vec, HANDLER(vec));
	wrw(m, vec + 2u, VEC_PSW);
	wrw(m, HANDLER(vec), 0);
}

/* A request is taken between instructions when its level is above the
 * PSW priority; the device's request drops when granted. */
START_TEST(interrupt_priority)
{
	struct machine *m = fx_new();
	irq_vector(m, 0300);
	int line = bus_irq_line(&m->bus, 5, 0300);
	ck_assert_int_ge(line, 0);
	fx_prog(m, "INC R0\nINC R0\nHALT");
	cpu_set_psw(&m->cpu, 0240 | PSW_C);   /* priority 5 masks BR5 */
	bus_irq(&m->bus, line, true);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	ck_assert_uint_eq(m->cpu.r[0], 1);

	cpu_set_psw(&m->cpu, 0200 | PSW_C);   /* priority 4: taken */
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(0300) + 2);
	ck_assert_uint_eq(m->cpu.r[0], 1);
	ck_frame(m, KSTACK - 4, 0200 | PSW_C, PROG + 2);
	ck_assert(!m->bus.irq[line].requesting);
	fx_free(m);
}
END_TEST

START_TEST(interrupt_highest_level_first)
{
	struct machine *m = fx_new();
	irq_vector(m, 0310);
	irq_vector(m, 0320);
	int lo = bus_irq_line(&m->bus, 4, 0310);
	int hi = bus_irq_line(&m->bus, 6, 0320);
	fx_prog(m, "NOP\nHALT");
	bus_irq(&m->bus, lo, true);
	bus_irq(&m->bus, hi, true);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(0320) + 2);
	ck_assert(m->bus.irq[lo].requesting);

	/* the BR4 one waits until the priority drops below 4 */
	cpu_set_psw(&m->cpu, 0);
	fx_prog(m, "NOP\nHALT");
	m->cpu.r[SP] = KSTACK;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(0310) + 2);
	fx_free(m);
}
END_TEST

Suite *traps_suite(void);
Suite *traps_suite(void)
{
	Suite *s = suite_create("traps");
	TCase *tc = tcase_create("traps");
	tcase_add_loop_test(tc, trap_instructions, 0, (int)(sizeof trap_insns / sizeof trap_insns[0]));
	tcase_add_test(tc, trap_from_user);
	tcase_add_test(tc, trap_to_user_vector);
	tcase_add_test(tc, rti_kernel_to_user);
	tcase_add_test(tc, rti_user_protected);
	tcase_add_test(tc, trace_trap);
	tcase_add_test(tc, halt_with_t);
	tcase_add_test(tc, rti_sets_t);
	tcase_add_test(tc, rtt_sets_t);
	tcase_add_test(tc, odd_address);
	tcase_add_test(tc, bus_error_io);
	tcase_add_test(tc, bus_error_memory);
	tcase_add_loop_test(tc, reserved_instruction, 0, (int)(sizeof reserved_words / sizeof reserved_words[0]));
	tcase_add_test(tc, halt_in_user_mode);
	tcase_add_test(tc, jmp_jsr_register_mode);
	tcase_add_test(tc, reset_user_mode);
	tcase_add_test(tc, stack_pointer_per_mode);
	tcase_add_test(tc, stack_overflow_yellow);
	suite_add_tcase(s, tc);
	tc = tcase_create("interrupts");
	tcase_add_test(tc, interrupt_priority);
	tcase_add_test(tc, interrupt_highest_level_first);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(traps_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
