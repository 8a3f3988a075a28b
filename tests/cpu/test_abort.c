/* KT11-D aborts, rule by rule, as the PDP-11/40 Processor Handbook's
 * memory management chapter and the KD11-A flows give them: which SR0
 * bits an access sets, when SR0 and SR2 freeze, what an aborted pop or
 * fetch leaves, and a fault inside the trap sequence. */
#include <stdlib.h>

#include "setup.h"

enum {
	SR0 = ADDR_SR0, SR2 = ADDR_SR2,
	RW = 077406, RO = 077402,
	SR0_BITS = 0160157,
	USER_SR0_P1 = 0140 | 1 << 1 | SR0_ENABLE,   /* user mode, page 1, enabled */
};

/* A user program that aborts into the kernel (fx_user_machine's maps). */
static void user(struct machine *m, const char *prog, uint16_t usp)
{
	fx_run_user(m, prog, usp);
	ck_trapped(m, VEC_MMU);
}

/* One access sets every abort bit whose check fails: a write to a
 * read-only page beyond its length sets PL and RO; a non-resident page
 * whose length is also exceeded sets NR and PL. */
START_TEST(sr0_all_abort_bits)
{
	struct machine *m = fx_user_machine(000402);   /* read-only, blocks 0-1 */
	user(m, "CLR @#20200", 0600);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_PL | SR0_RO | USER_SR0_P1);
	fx_free(m);

	m = fx_user_machine(000400);   /* not resident, blocks 0-1 */
	user(m, "TST @#20200", 0600);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | SR0_PL | USER_SR0_P1);
	fx_free(m);

	m = fx_user_machine(000400);   /* not resident, within the length: NR alone */
	user(m, "CLR @#20000", 0600);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | USER_SR0_P1);
	fx_free(m);
}
END_TEST

/* SR0 and SR2 keep the first abort's record: a second abort before
 * software clears the abort bits changes neither. */
START_TEST(sr0_sr2_frozen_by_first_abort)
{
	struct machine *m = fx_user_machine(RO);
	user(m, "INC @#20000", 0600);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_RO | USER_SR0_P1);
	ck_assert_uint_eq(rdw(m, SR2), PROG);
	/* a kernel abort on page 3 (absent) at another PC */
	wrw(m, ADDR_KPDR + 6, 0);
	fx_asm(m, 02000, "TST @#60000\nHALT");
	m->cpu.r[PC] = 02000;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_RO | USER_SR0_P1);
	ck_assert_uint_eq(rdw(m, SR2), PROG);
	fx_free(m);
}
END_TEST

/* A pop moves SP before it reads, as (SP)+ does: RTS and RTI that abort
 * leave SP past the word, and RTI has loaded the PC before it pops the
 * PSW. */
START_TEST(aborted_pop_leaves_sp_moved)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, ADDR_UPDR + 4, 0);   /* page 2 absent */
	user(m, "RTS PC", 040000);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 040002);
	fx_free(m);

	/* RTI: PC from 037776 (page 1), the PSW from 040000 (absent) */
	m = fx_user_machine(RW);
	wrw(m, ADDR_UPDR + 4, 0);
	m->bus.mem[0117776 >> 1] = 03456;
	user(m, "RTI", 037776);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 040002);
	ck_assert_uint_eq(rdw(m, KSTACK - 4), 03456);   /* the PC stacked by the abort */
	fx_free(m);
}
END_TEST

/* SR2 takes an instruction's address when its fetch succeeds: a fetch
 * that aborts leaves SR2 at the instruction before. */
START_TEST(sr2_fetch_abort)
{
	struct machine *m = fx_user_machine(0);   /* page 1 absent */
	fx_asm(m, 017774, "NOP\nNOP");
	m->cpu.r[PC] = 017774;
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | USER_SR0_P1);
	ck_assert_uint_eq(rdw(m, SR2), 017776);   /* the second NOP, not 020000 */
	ck_assert_uint_eq(rdw(m, KSTACK - 4), 020000);
	fx_free(m);
}
END_TEST

/* The 11/40 has no supervisor mode: with relocation on, an access in
 * mode 1 or 2 (MFPI with previous mode 1) aborts as non-resident. */
START_TEST(mode_1_2_non_resident)
{
	struct machine *m = fx_user_machine(RW);
	fx_prog(m, "MFPI @#1000\nHALT");
	cpu_set_psw(&m->cpu, 010000);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_ABORT, SR0_NR);
	ck_assert_uint_eq(rdw(m, SR0) & 0140, 040);
	fx_free(m);
}
END_TEST

/* An abort while the trap sequence pushes on a user stack (a vector
 * whose PSW selects user mode) is an MMU trap of its own, to 250 on the
 * kernel stack, with the PSW and PC from before the first trap. */
START_TEST(abort_in_trap_sequence)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, VEC_IOT + 2, 0140340);
	user(m, "IOT", 0);   /* pushes at 177776: user page 7 absent */
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | SR0_PL | 0140 | 7 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 4);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0170000);
	ck_assert_uint_eq(rdw(m, KSTACK - 4), PROG + 2);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 0177776);
	fx_free(m);
}
END_TEST

/* SR2 follows the instruction fetches only while SR0's abort bits are
 * clear, whoever sets them: an instruction that sets one freezes SR2 at
 * its own address; clearing them lets SR2 follow again. */
START_TEST(sr2_frozen_by_software_abort_bit)
{
	static const uint16_t bits[] = { SR0_NR, SR0_PL, SR0_RO };
	for (size_t i = 0; i < 3; i++) {
		struct machine *m = fx_new();
		fx_prog(m, "BIS R1,@#177572\nNOP\nNOP\nHALT");
		m->cpu.r[1] = bits[i];
		ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
		ck_assert_uint_eq(rdw(m, SR2), PROG);
		fx_free(m);
	}
	struct machine *m = fx_new();
	fx_prog(m, "BIS #100000,@#177572\nBIC #100000,@#177572\nNOP\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(rdw(m, SR2), PROG + 016);   /* the HALT */
	fx_free(m);
}
END_TEST

/* 777574, between SR0 and SR2, answers on the KT11-D (it reads 0 and
 * takes writes): the 11/40 has no SR1, yet no bus error either. */
START_TEST(sr1_address_reads_zero)
{
	struct machine *m = fx_new();
	uint16_t v = 1;
	ck_assert_int_eq(bus_read(&m->bus, 0777574, &v), BUS_OK);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(bus_write(&m->bus, 0777574, 0123), BUS_OK);
	ck_assert_uint_eq(rdw(m, 0777574), 0);
	fx_free(m);
}
END_TEST

/* An instruction whose destination write aborts leaves the condition
 * codes as they were before it (KT11-D, aborts: the KD11-A sets them in
 * the write cycle): the PSW the abort pushes carries the old codes. An
 * MMU abort (read-only page) and a bus time-out alike, through the
 * absolute and the register-deferred modes, word and byte. */
START_TEST(aborted_write_keeps_codes)
{
	static const char *const progs[] = {
		"SEC\nSEV\nADC @#20000", "SEC\nSEV\nCLR @#20000", "SEC\nSEV\nINCB @#20001",
		"SEC\nSEV\nMOV #0,@#20000", "MOV #20000,R0\nSEC\nSEV\nNEG (R0)",
		"MOV #20000,R0\nSEC\nSEV\nASLB (R0)+", "MOV #20000,R0\nSEC\nSEV\nSWAB (R0)",
		"SEC\nSEV\nADD #1,@#20000", "SEC\nSEV\nBIC #1,@#20000", "SEC\nSEV\nXOR R0,@#20000",
	};
	for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
		struct machine *m = fx_user_machine(RO);
		m->bus.mem[0100000 >> 1] = 0177777;
		user(m, progs[i], 0600);
		ck_assert_msg(rdw(m, KSTACK - 2) == (0170000 | PSW_V | PSW_C), "%s: pushed PSW %06o",
			      progs[i], rdw(m, KSTACK - 2));
		ck_assert_uint_eq(m->bus.mem[0100000 >> 1], 0177777);
		fx_free(m);
	}
	/* a write that times out (777766 does not answer on the 11/40) or
	 * goes to an odd address: a bus error, the same rule */
	static const char *const bus[] = {
		"SEC\nSEN\nCLR @#177766\nHALT", "SEC\nSEN\nCOM @#177766\nHALT",
		"SEC\nSEN\nMOV #0,@#3001\nHALT", "MOV #1,R0\nSEC\nSEN\nMOV R0,@#177766\nHALT",
	};
	for (size_t i = 0; i < sizeof bus / sizeof bus[0]; i++) {
		struct machine *m = fx_new();
		fx_prog(m, bus[i]);
		ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
		ck_trapped(m, VEC_BUS);
		ck_assert_msg(rdw(m, KSTACK - 2) == (PSW_N | PSW_C), "%s: pushed PSW %06o",
			      bus[i], rdw(m, KSTACK - 2));
		fx_free(m);
	}
	/* the codes a byte written to the PSW's low byte sets win over the
	 * instruction's own (CLRB would set Z); the high byte leaves them to it */
	struct machine *m = fx_new();
	fx_prog(m, "SEC\nCLRB @#177776\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(cpu_psw(&m->cpu), 0);
	fx_free(m);
	m = fx_new();
	fx_prog(m, "SEC\nCLRB @#177777\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(cpu_psw(&m->cpu), PSW_Z);
	fx_free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("abort");
	TCase *tc = tcase_create("kt11d");
	tcase_add_test(tc, sr0_all_abort_bits);
	tcase_add_test(tc, sr0_sr2_frozen_by_first_abort);
	tcase_add_test(tc, aborted_pop_leaves_sp_moved);
	tcase_add_test(tc, sr2_fetch_abort);
	tcase_add_test(tc, mode_1_2_non_resident);
	tcase_add_test(tc, abort_in_trap_sequence);
	tcase_add_test(tc, sr1_address_reads_zero);
	tcase_add_test(tc, aborted_write_keeps_codes);
	tcase_add_test(tc, sr2_frozen_by_software_abort_bit);
	suite_add_tcase(s, tc);
	return fx_run_suite(s);
}
