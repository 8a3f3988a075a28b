/* Kernel stack limit and the KJ11-A stack limit register, and when an
 * interrupt request is taken, as the PDP-11/40 Processor Handbook's
 * stack overflow and KJ11-A sections and the KD11-A flows give them. */
#include <stdlib.h>

#include "setup.h"

static void ck_frame(struct machine *m, uint16_t sp, uint16_t psw, uint16_t pc)
{
	ck_assert_uint_eq(m->cpu.r[SP], sp);
	ck_assert_uint_eq(rdw(m, sp + 2u), psw);
	ck_assert_uint_eq(rdw(m, sp), pc);
}

/* One kernel instruction with SP given: 1 if it trapped to 4 after
 * completing, 0 if it did not trap. */
static int overflows(const char *insn, uint16_t sp)
{
	struct machine *m = fx_new();
	char prog[64];
	snprintf(prog, sizeof prog, "%s\nHALT", insn);
	fx_prog(m, prog);
	m->cpu.r[SP] = sp;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	int trapped = m->cpu.r[PC] == HANDLER(VEC_BUS) + 2u;
	fx_free(m);
	return trapped;
}

/* Writes through SP are checked, whatever the mode: (SP), (SP)+, -(SP)
 * and X(SP); reads through SP are not. */
START_TEST(yellow_zone_writes_only)
{
	ck_assert_int_eq(overflows("CLR (SP)", 0376), 1);
	ck_assert_int_eq(overflows("CLR (SP)+", 0376), 1);
	ck_assert_int_eq(overflows("CLR -(SP)", 0400), 1);
	ck_assert_int_eq(overflows("CLR 2(SP)", 0374), 1);
	ck_assert_int_eq(overflows("MOV R0,(SP)", 0340), 1);
	ck_assert_int_eq(overflows("INC (SP)", 0376), 1);
	ck_assert_int_eq(overflows("TST (SP)", 0376), 0);
	ck_assert_int_eq(overflows("TST -(SP)", 0400), 0);
	ck_assert_int_eq(overflows("CMP (SP)+,(SP)+", 0370), 0);
	ck_assert_int_eq(overflows("MOV (SP),R0", 0376), 0);
	ck_assert_int_eq(overflows("CLR (SP)", 0400), 0);
	ck_assert_int_eq(overflows("CLR 2(SP)", 0376), 0);
}
END_TEST

/* Red zone: a kernel stack write below limit+340 aborts the instruction
 * (nothing written) and is fatal: the old PSW and PC go to 2 and 0, SP
 * is 4, and the trap goes to 4. */
START_TEST(red_zone_fatal)
{
	struct machine *m = fx_new();
	wrw(m, 0336, 07777);
	fx_prog(m, "MOV R0,-(SP)\nHALT");
	m->cpu.r[0] = 01234;
	m->cpu.r[SP] = 0340;
	cpu_set_psw(&m->cpu, PSW_C);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(rdw(m, 0336), 07777);
	ck_frame(m, 0, PSW_C, PROG + 2);
	fx_free(m);
}
END_TEST

/* The trap sequence's pushes are checked too: an EMT whose frame lands
 * in the yellow zone is followed by the overflow trap; the overflow
 * trap's own pushes into the zone do not trap again. */
START_TEST(trap_pushes_checked)
{
	struct machine *m = fx_new();
	fx_prog(m, "EMT 0");
	m->cpu.r[SP] = 0402;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, 0372, VEC_PSW, HANDLER(VEC_EMT));
	ck_assert_uint_eq(rdw(m, 0376), PROG + 2);   /* the EMT's frame */
	fx_free(m);
}
END_TEST

/* KJ11-A: 777774 is absent without the option (a bus error); with it
 * bits 15-8 are kept, bits 7-0 read 0, and RESET clears it. */
START_TEST(kj11_register)
{
	struct machine *m = fx_new();
	uint16_t v;
	ck_assert_int_eq(bus_read(&m->bus, ADDR_SLR, &v), BUS_ERR);
	ck_assert_int_eq(bus_write(&m->bus, ADDR_SLR, 01000), BUS_ERR);
	m->cpu.kj11 = true;
	wrw(m, ADDR_SLR, 0123456);
	ck_assert_uint_eq(rdw(m, ADDR_SLR), 0123400);
	fx_prog(m, "RESET\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(rdw(m, ADDR_SLR), 0);
	fx_free(m);
}
END_TEST

/* The zones move with the limit: yellow is limit+340..limit+377, red
 * below it. */
START_TEST(kj11_zones_follow_limit)
{
	struct machine *m = fx_new();
	m->cpu.kj11 = true;
	wrw(m, ADDR_SLR, 01000);
	fx_prog(m, "CLR -(SP)\nHALT");
	m->cpu.r[SP] = 01400;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(m->cpu.r[SP], 01372);   /* yellow: completed, then trap */
	fx_free(m);

	m = fx_new();
	m->cpu.kj11 = true;
	wrw(m, ADDR_SLR, 01000);
	fx_prog(m, "CLR -(SP)\nHALT");
	m->cpu.r[SP] = 01340;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(m->cpu.r[SP], 0);      /* red: fatal, SP 4 less the frame */
	fx_free(m);

	m = fx_new();
	m->cpu.kj11 = true;
	wrw(m, ADDR_SLR, 01000);
	fx_prog(m, "CLR -(SP)\nHALT");
	m->cpu.r[SP] = 01402;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_not_trapped(m, PROG + 2);
	fx_free(m);
}
END_TEST

/* The check comes with the operand's address, before the operand is
 * read: a read-modify-write of a red-zone word is the fatal stack error,
 * even when reading the word would abort (kernel page 1 non-resident,
 * the limit at 20000): SR0 records no abort. */
START_TEST(red_zone_before_operand_read)
{
	struct machine *m = fx_new();
	for (int i = 0; i < 8; i++) {
		wrw(m, ADDR_KPDR + 2u * i, i == 1 ? 0 : 077406);
		wrw(m, ADDR_KPAR + 2u * i, i == 7 ? 07600 : (uint16_t)(i * 0200));
	}
	wrw(m, ADDR_SR0, SR0_ENABLE);
	m->cpu.kj11 = true;
	wrw(m, ADDR_SLR, 020000);
	fx_prog(m, "INC -(SP)\nHALT");
	m->cpu.r[SP] = 020302;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_assert_uint_eq(m->cpu.r[SP], 0);
	ck_assert_uint_eq(rdw(m, ADDR_SR0) & SR0_ABORT, 0);
	fx_free(m);
}
END_TEST

/* A request raised by an instruction is taken after the next one (the
 * processor samples requests as an instruction starts); one already
 * pending when the priority drops is taken at once. */
START_TEST(interrupt_sampled_at_instruction_start)
{
	struct machine *m = fx_new();
	wrw(m, 0300, HANDLER(0300));
	wrw(m, 0302, VEC_PSW);
	wrw(m, HANDLER(0300), 0);
	int line = bus_irq_line(&m->bus, 5, 0300);
	/* the KL11-like request comes from a write the program makes: here
	 * the test raises it between steps, as a device would during one */
	fx_prog(m, "INC R0\nINC R0\nINC R0\nHALT");
	cpu_step(&m->cpu);
	bus_irq(&m->bus, line, true);          /* raised during the first INC */
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[0], 2);     /* the second INC ran */
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(0300) + 2);
	ck_assert_uint_eq(m->cpu.r[0], 2);
	fx_free(m);
}
END_TEST

/* An interrupt whose frame lands in the yellow zone is followed by the
 * overflow trap before the handler's first instruction. */
START_TEST(interrupt_pushes_checked)
{
	struct machine *m = fx_new();
	wrw(m, 0300, HANDLER(0300));
	wrw(m, 0302, VEC_PSW);
	wrw(m, HANDLER(0300), 0);
	int line = bus_irq_line(&m->bus, 5, 0300);
	bus_irq(&m->bus, line, true);
	fx_prog(m, "CLR @#177776\nHALT");
	cpu_set_psw(&m->cpu, 0340);
	m->cpu.r[SP] = 0400;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_BUS);
	ck_frame(m, 0370, VEC_PSW, HANDLER(0300));
	fx_free(m);
}
END_TEST

/* After a trap the trace trap follows the new PSW: a traced EMT goes to
 * its handler with no trace trap (T comes back with its RTI). */
START_TEST(traced_emt_no_trace_trap)
{
	struct machine *m = fx_new();
	fx_asm(m, HANDLER(VEC_EMT), "INC R0\nHALT");
	fx_prog(m, "EMT 0");
	cpu_set_psw(&m->cpu, PSW_T);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[PC], HANDLER(VEC_EMT) + 4);
	ck_assert_uint_eq(m->cpu.r[0], 1);
	ck_frame(m, KSTACK - 4, PSW_T, PROG + 2);
	fx_free(m);
}
END_TEST

/* The PSW as the bus sees it: bits 11-8 do not exist on the 11/40 and
 * read 0; T cannot be written. */
START_TEST(psw_unused_bits_read_zero)
{
	struct machine *m = fx_new();
	wrw(m, ADDR_PSW, 007777);
	ck_assert_uint_eq(rdw(m, ADDR_PSW), 0357);
	fx_free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stack");
	TCase *tc = tcase_create("limit");
	tcase_add_test(tc, yellow_zone_writes_only);
	tcase_add_test(tc, red_zone_fatal);
	tcase_add_test(tc, trap_pushes_checked);
	tcase_add_test(tc, kj11_register);
	tcase_add_test(tc, kj11_zones_follow_limit);
	tcase_add_test(tc, red_zone_before_operand_read);
	tcase_add_test(tc, interrupt_sampled_at_instruction_start);
	tcase_add_test(tc, interrupt_pushes_checked);
	tcase_add_test(tc, traced_emt_no_trace_trap);
	tcase_add_test(tc, psw_unused_bits_read_zero);
	suite_add_tcase(s, tc);
	return fx_run_suite(s);
}
