/* Lockstep (bus/lockstep.c): the fast engine against the reference engine
 * on small programs. Built twice: against the machine as it is, where
 * lockstep finds no difference and catches the differences made by hand;
 * and (PLANTED) against a machine whose insn_double.c has a fault planted in the
 * mode-specialised handler of ADD R,R alone (lockstep-plant.sed, the
 * carry flipped), where it must stop at that ADD, the first instruction
 * that differs, with both states printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus/lockstep.h"
#include "setup.h"

/* ADD R0,R1 is the fourth instruction, at PROG + 10: 177777 + 1 carries.
 * ADD (R2),R1 and ADD R0,(R2) before it go through other handlers. */
static const char *const prog =
	"MOV #177777,R0\n"
	"MOV #1,R1\n"
	"MOV #2000,R2\n"
	"ADD R0,R1\n"
	"ADC @#2000\n"
	"ADD (R2),R1\n"
	"ADD R0,(R2)\n"
	"MOV R1,-(SP)\n"
	"HALT\n";

struct pair {
	struct machine *fast, *ref;
	struct lockstep ls;
	FILE *out;
};

static void pair_new(struct pair *p, const char *lines)
{
	p->fast = fx_new();
	p->ref = fx_new();
	fx_prog(p->fast, lines);
	fx_prog(p->ref, lines);
	p->out = tmpfile();
	ck_assert_ptr_nonnull(p->out);
	lockstep_init(&p->ls, p->fast, p->ref, p->out);
}

/* What lockstep printed. */
static char *report(struct pair *p)
{
	static char buf[8192];
	fflush(p->out);
	rewind(p->out);
	size_t n = fread(buf, 1, sizeof buf - 1, p->out);
	buf[n] = 0;
	return buf;
}

static void pair_free(struct pair *p)
{
	fclose(p->out);
	fx_free(p->fast);
	fx_free(p->ref);
}

#ifndef PLANTED

/* The reference runs through the slow paths: no fast page, no fetch
 * window; the fast machine has both. */
START_TEST(reference_takes_the_slow_paths)
{
	struct pair p;
	pair_new(&p, prog);
	ck_assert_uint_eq(p.ref->cpu.page[0][0].rwords, 0);
	ck_assert_uint_eq(p.ref->cpu.cur[1].wwords, 0);
	ck_assert_uint_gt(p.fast->cpu.cur[1].wwords, 0);
	ck_assert_int_eq(lockstep_run(&p.ls, 2, true), STOP_SLICE);
	ck_assert_uint_eq(p.ref->cpu.fetch_words, 0);
	ck_assert_uint_gt(p.fast->cpu.fetch_words, 0);
	pair_free(&p);
}
END_TEST

START_TEST(same_program_same_states)
{
	struct pair p;
	pair_new(&p, prog);
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_HALT);
	ck_assert(!p.ls.failed);
	ck_assert_uint_eq(p.ls.steps, 9);
	ck_assert(lockstep_same_state(&p.ls));
	ck_assert_str_eq(report(&p), "");
	ck_assert_uint_eq(rdw(p.fast, 02000), 0);	/* 1 from ADC, + 177777 */
	ck_assert_uint_eq(p.fast->cpu.r[1], 1);
	pair_free(&p);
}
END_TEST

/* Traps, user mode through the KT11-D, an MMU abort, RTI: the same. */
START_TEST(traps_and_mmu_same)
{
	struct pair p;
	pair_new(&p, "MOV #177,R0\n"
		     "EMT 0\n"
		     "HALT\n");
	/* EMT's vector: a handler that turns relocation on, enters user
	 * mode at 1000 in page 0 and runs into an absent page there */
	for (int k = 0; k < 2; k++) {
		struct machine *m = k ? p.ref : p.fast;
		fx_kernel_map(m);
		for (int i = 0; i < 8; i++) {
			wrw(m, ADDR_UPDR + 2u * i, i == 0 ? PDR_RW : 0);
			wrw(m, ADDR_UPAR + 2u * i, (uint16_t)(i * 0200));
		}
		wrw(m, 030, 05000);
		fx_asm(m, 05000, "MOV #1,@#177572\n"
				 "MOV #170000,-(SP)\n"
				 "MOV #6000,-(SP)\n"
				 "RTI\n");
		fx_asm(m, 06000, "INC R0\n"
				 "MOV R0,@#20000\n");
	}
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_HALT);
	ck_assert(!p.ls.failed);
	ck_assert_uint_eq(p.fast->cpu.sr0 & SR0_ABORT, SR0_NR);
	ck_assert_uint_eq(p.fast->cpu.r[0], 0200);
	ck_assert(lockstep_same_state(&p.ls));
	pair_free(&p);
}
END_TEST

/* A word the reference writes differs: found after that instruction. */
START_TEST(written_word_differs)
{
	struct pair p;
	pair_new(&p, prog);
	ck_assert_int_eq(lockstep_run(&p.ls, 4, true), STOP_SLICE);
	wrw(p.fast, 02000, 1);	/* ADC @#2000 writes it next */
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_LOCKSTEP);
	ck_assert_uint_eq(p.ls.steps, 5);
	const char *r = report(&p);
	ck_assert_msg(strstr(r, "PC 001016 (kernel): ADC @#2000"), "%s", r);
	ck_assert_msg(strstr(r, "memory at 002000"), "%s", r);
	pair_free(&p);
}
END_TEST

/* A word written on one side only: found by the whole compare. */
START_TEST(stray_word_differs)
{
	struct pair p;
	pair_new(&p, prog);
	p.ls.full_every = 3;
	wrw(p.fast, 03000, 1);
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_LOCKSTEP);
	ck_assert_uint_eq(p.ls.steps, 3);
	const char *r = report(&p);
	ck_assert_msg(strstr(r, "memory at 003000, found comparing the whole memory"), "%s", r);
	pair_free(&p);
}
END_TEST

/* A device's state differs: the whole-state compare names its section. */
START_TEST(device_state_differs)
{
	struct pair p;
	pair_new(&p, prog);
	ck_assert(lockstep_same_state(&p.ls));
	p.fast->kw.lks |= 0100;
	ck_assert(!lockstep_same_state(&p.ls));
	ck_assert_msg(strstr(report(&p), "differ in section kw"), "%s", report(&p));
	pair_free(&p);
	/* running, it is found at the next whole compare */
	pair_new(&p, prog);
	p.ls.full_every = 3;
	p.fast->kw.lks |= 0100;
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_LOCKSTEP);
	ck_assert_uint_eq(p.ls.steps, 3);
	ck_assert_msg(strstr(report(&p), "differ in section kw"), "%s", report(&p));
	pair_free(&p);
}
END_TEST

/* The reference stops at the console output on which the fast machine's
 * expect rule stopped it (here: a rule for "B"), not an instruction later. */
static void expect_b(void *ctx, uint8_t ch)
{
	struct machine *m = ctx;
	if (ch == 'B') {
		m->cpu.stop = STOP_REQUEST;
		m->bus.deadline = m->bus.now;
	}
}

START_TEST(output_stop_mirrored)
{
	struct pair p;
	pair_new(&p, "TSTB @#177564\n"
		     "BPL .-4\n"
		     "MOVB #101,@#177566\n"
		     "TSTB @#177564\n"
		     "BPL .-4\n"
		     "MOVB #102,@#177566\n"
		     "INC R0\n"
		     "BR .-2\n");
	p.fast->kl.output = expect_b;
	p.fast->kl.output_ctx = p.fast;
	ck_assert_int_eq(lockstep_run(&p.ls, 100000, true), STOP_REQUEST);
	ck_assert_msg(!p.ls.failed, "%s", report(&p));
	ck_assert_uint_gt(p.fast->cpu.r[0], 100);
	ck_assert_uint_eq(p.ref->cpu.r[0], p.fast->cpu.r[0]);
	pair_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lockstep");
	TCase *tc = tcase_create("lockstep");
	tcase_add_test(tc, reference_takes_the_slow_paths);
	tcase_add_test(tc, same_program_same_states);
	tcase_add_test(tc, traps_and_mmu_same);
	tcase_add_test(tc, written_word_differs);
	tcase_add_test(tc, stray_word_differs);
	tcase_add_test(tc, device_state_differs);
	tcase_add_test(tc, output_stop_mirrored);
	suite_add_tcase(s, tc);
	return fx_run_suite(s);
}

#else

/* The planted fault: lockstep stops at the ADD R0,R1 (the first ADD R,R)
 * and prints both states, the PSW's C apart. */
START_TEST(planted_fault_found)
{
	struct pair p;
	pair_new(&p, prog);
	ck_assert_int_eq(lockstep_run(&p.ls, 100, true), STOP_LOCKSTEP);
	ck_assert_uint_eq(p.ls.steps, 4);
	const char *r = report(&p);
	fputs(r, stdout);
	ck_assert_msg(strstr(r, "differ after instruction 4\n"), "%s", r);
	ck_assert_msg(strstr(r, "at PC 001014 (kernel): ADD R0,R1"), "%s", r);
	ck_assert_msg(strstr(r, "fast    reference"), "%s", r);
	/* C set by the reference (177777 + 1 carries), clear in the planted handler */
	ck_assert_msg(strstr(r, "PSW              000004       000005   <- differs"), "%s", r);
	ck_assert_msg(strstr(r, "R1               000000       000000\n"), "%s", r);
	ck_assert_uint_eq(cpu_psw(&p.fast->cpu) & PSW_C, 0);
	ck_assert_uint_eq(cpu_psw(&p.ref->cpu) & PSW_C, PSW_C);
	pair_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lockstep_planted");
	TCase *tc = tcase_create("planted");
	tcase_add_test(tc, planted_fault_found);
	suite_add_tcase(s, tc);
	return fx_run_suite(s);
}

#endif
