/* Rules that rested on one test each, swept: RTI and RTT in user and
 * kernel mode over many stacked PSWs, and the KT11-D page length in both
 * expansion directions at every block edge, read and write, word and
 * byte, each access twice (the first may take the slow path and open the
 * fast one: the W bit, the page's span), with the W bit. */
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"

static const uint16_t stacked[] = {
	0, 017, 01, 010, 0340, 0200, 0177757, 0170000, 0140000, 030000, 0107, 0170357, 0140017,
};

/* RTI/RTT: PC and PSW from the stack. In user mode only the condition
 * codes (and T) come from it: mode, previous mode and priority stay
 * (handbook RTI). In kernel mode the whole PSW but bits 11-8, which the
 * 11/40 does not have and reads as 0. (T is left clear here:
 * its trap is tested in test_traps.) */
START_TEST(rti_rtt_psw)
{
	static const uint16_t current[] = { 0170000, 0170017, 0170340, 0140000, 0, 0340, 030017 };
	struct machine *m = fx_new();
	for (int rtt = 0; rtt < 2; rtt++)
		for (size_t c = 0; c < sizeof current / sizeof current[0]; c++)
			for (size_t i = 0; i < sizeof stacked / sizeof stacked[0]; i++) {
				uint16_t st = stacked[i] & ~PSW_T, cur = current[c];
				bool user = (cur >> 14) == 3;
				/* kernel: only kernel (0) or user (3) modes go on the stack */
				if (!user && ((st >> 14) == 1 || (st >> 14) == 2))
					continue;
				wrw(m, PROG, rtt ? 6 : 2);
				wrw(m, 02574, 03000);
				wrw(m, 02576, st);
				m->cpu.r[PC] = PROG;
				m->cpu.halted = false;
				cpu_set_psw(&m->cpu, cur);
				m->cpu.r[SP] = 02574;
				cpu_step(&m->cpu);
				uint16_t want = user ? (uint16_t)((cur & 0170340) | (st & 037)) : (uint16_t)(st & ~07400);
				ck_assert_msg(cpu_psw(&m->cpu) == want && m->cpu.r[PC] == 03000,
					      "%s with PSW %06o, %06o stacked: PSW %06o PC %06o, want %06o 003000",
					      rtt ? "RTT" : "RTI", cur, st, cpu_psw(&m->cpu), m->cpu.r[PC], want);
				/* SP: the stack of the mode it left from, 4 up */
				uint16_t psw = cpu_psw(&m->cpu);
				cpu_set_psw(&m->cpu, cur);
				ck_assert_uint_eq(m->cpu.r[SP], 02600);
				cpu_set_psw(&m->cpu, psw);
			}
	fx_free(m);
}
END_TEST

enum { RW = 06, RO = 02, BASE = 0100000 };

/* User page 0: identity, the program. User page 1 (020000-037777): at
 * physical BASE, length plf, expanding down when ed. Kernel: identity. */
static void map(struct machine *m, uint16_t plf, bool ed, uint16_t acf)
{
	for (int i = 0; i < 8; i++) {
		wrw(m, ADDR_KPDR + 2u * i, 077406);
		wrw(m, ADDR_KPAR + 2u * i, i == 7 ? 07600 : (uint16_t)(i * 0200));
		wrw(m, ADDR_UPDR + 2u * i, 0);
		wrw(m, ADDR_UPAR + 2u * i, 0);
	}
	wrw(m, ADDR_UPDR, 077406);
	wrw(m, ADDR_UPDR + 2, (uint16_t)(plf << 8 | (ed ? 010 : 0) | acf));
	wrw(m, ADDR_UPAR + 2, BASE >> 6);
	wrw(m, ADDR_SR0, SR0_ENABLE);
}

/* One access in user mode at va; true when it went through (no abort).
 * The kernel stack starts where it did each time: the aborts' frames
 * must not creep down onto the vectors. */
static bool access_at(struct machine *m, const char *insn, uint16_t va)
{
	fx_prog(m, insn);
	fx_set_sp(m, MODE_KERNEL, KSTACK);
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0700;
	m->cpu.r[0] = va;
	m->cpu.r[1] = 0125252;
	cpu_step(&m->cpu);
	bool aborted = m->cpu.r[PC] == HANDLER(VEC_MMU) || m->cpu.r[PC] == HANDLER(VEC_MMU) + 2;
	if (aborted) {
		ck_assert_uint_eq(rdw(m, ADDR_SR0) & SR0_ABORT, SR0_PL);
		wrw(m, ADDR_SR0, SR0_ENABLE);	/* unfreeze for the next */
	} else
		ck_assert_uint_eq(m->cpu.r[PC], PROG + 2);
	return !aborted;
}

START_TEST(page_length_edges)
{
	static const uint16_t plfs[] = { 0, 1, 2, 076, 077, 0100, 0101, 0175, 0176, 0177 };
	static const char *const insns[] = { "MOV (R0),R1", "MOVB (R0),R1", "MOV R1,(R0)", "MOVB R1,(R0)" };
	struct machine *m = fx_new();
	for (size_t p = 0; p < sizeof plfs / sizeof plfs[0]; p++)
		for (int ed = 0; ed < 2; ed++)
			for (int k = 0; k < 4; k++) {
				bool write = k >= 2, byte = k & 1;
				uint16_t plf = plfs[p];
				map(m, plf, ed, RW);
				for (int b = (int)plf - 1; b <= (int)plf + 1; b++) {
					if (b < 0 || b > 0177)
						continue;
					bool inside = ed ? b >= plf : b <= plf;
					uint16_t first = (uint16_t)(020000 + b * 0100);
					uint16_t last = (uint16_t)(first + (byte ? 077 : 076));
					for (int twice = 0; twice < 2; twice++)
						for (int e = 0; e < 2; e++) {
							uint16_t va = e ? last : first;
							m->bus.mem[(BASE + (va & 017776)) >> 1] = 0;
							bool ok = access_at(m, insns[k], va);
							ck_assert_msg(ok == inside,
								      "%s at %06o, PLF %03o %s: %s", insns[k], va, plf,
								      ed ? "down" : "up", ok ? "went through" : "aborted");
							if (ok && write) {
								uint16_t w = m->bus.mem[(BASE + (va & 017776)) >> 1];
								uint16_t want = !byte ? 0125252 : (va & 1) ? 0125000 : 0252;
								ck_assert_msg(w == want, "%s at %06o: wrote %06o", insns[k], va, w);
							}
							/* the W bit: set by a write that went through, only */
							bool wbit = rdw(m, ADDR_UPDR + 2) & 0100;
							if (ok && write)
								ck_assert_msg(wbit, "W clear after a write at %06o", va);
							if (!write)
								ck_assert_msg(!wbit, "W set by a read at %06o", va);
						}
				}
			}
	fx_free(m);
}
END_TEST

/* The W bit: writing the page's PAR or PDR clears it; reads and
 * aborted writes (read-only page) never set it; the next write after it
 * is cleared sets it again. */
START_TEST(w_bit_cleared_by_par_and_pdr)
{
	struct machine *m = fx_new();
	map(m, 0177, false, RW);
	ck_assert(access_at(m, "MOV R1,(R0)", 020000));
	ck_assert(rdw(m, ADDR_UPDR + 2) & 0100);
	wrw(m, ADDR_UPAR + 2, BASE >> 6);
	ck_assert(!(rdw(m, ADDR_UPDR + 2) & 0100));
	ck_assert(access_at(m, "MOV R1,(R0)", 020002));
	ck_assert(rdw(m, ADDR_UPDR + 2) & 0100);
	wrw(m, ADDR_UPDR + 2, 077406);
	ck_assert(!(rdw(m, ADDR_UPDR + 2) & 0100));
	ck_assert(access_at(m, "MOV (R0),R1", 020002));
	ck_assert(!(rdw(m, ADDR_UPDR + 2) & 0100));
	map(m, 0177, false, RO);
	fx_prog(m, "MOV R1,(R0)");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[0] = 020000;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(rdw(m, ADDR_SR0) & SR0_ABORT, SR0_RO);
	ck_assert(!(rdw(m, ADDR_UPDR + 2) & 0100));
	fx_free(m);
}
END_TEST

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, rti_rtt_psw);
	tcase_add_test(tc, page_length_edges);
	tcase_add_test(tc, w_bit_cleared_by_par_and_pdr);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
