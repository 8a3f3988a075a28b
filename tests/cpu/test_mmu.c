/* KT11-D memory management as the 11/40 has it: translation, aborts with
 * SR0/SR2, the registers an abort leaves behind, MFPI/MTPI, the W bit.
 * Sources: REFERENCE.md (from the 11/40 handbook's KT11-D chapter), and
 * simh 3.8 as an 11/40 ("simh") for the register side effects. */
#include <stdio.h>
#include <stdlib.h>

#include "setup.h"

enum {
	SR0 = ADDR_SR0, SR2 = ADDR_SR2,
	RW = 077406, RO = 077402, NONRES = 077400,
	SR0_BITS = 0160157,   /* abort bits, mode, page, enable (bit 7 varies by model) */
};

static void ck_mmu_abort(struct machine *m, uint16_t sr0)
{
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, sr0);
	ck_assert_uint_eq(rdw(m, SR2), PROG);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 4);
	ck_assert_uint_eq(rdw(m, KSTACK - 2) & 0170000, 0170000);  /* user PSW stacked */
}

START_TEST(translate_user)
{
	struct machine *m = fx_user_machine(RW);
	m->bus.mem[0100000 >> 1] = 04321;
	fx_prog(m, "MOV @#20000,R0\nMOV R0,@#40002");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	cpu_step(&m->cpu);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[0], 04321);
	ck_assert_uint_eq(m->bus.mem[0200002 >> 1], 04321);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 8);
	/* W (bit 6) set by the write, not by the read */
	ck_assert_uint_eq(rdw(m, ADDR_UPDR + 4) & 0100, 0100);
	ck_assert_uint_eq(rdw(m, ADDR_UPDR + 2) & 0100, 0);
	/* writing the PDR clears W */
	wrw(m, ADDR_UPDR + 4, RW);
	ck_assert_uint_eq(rdw(m, ADDR_UPDR + 4) & 0100, 0);
	fx_free(m);
}
END_TEST

/* The monitor's deposit by name (devreg_set) of a PAR moves the page for
 * the program as a bus write would; of the PSW it switches stacks. */
START_TEST(registers_set_by_name_remap)
{
	struct machine *m = fx_user_machine(RW);
	m->bus.mem[0100000 >> 1] = 04321;
	m->bus.mem[0140000 >> 1] = 01234;
	fx_prog(m, "MOV @#20000,R0");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	struct device *mmu = bus_find_device(&m->bus, "mmu");
	devreg_set(mmu, bus_find_reg(&m->bus, "mmu", "upar1"), 01400);
	ck_assert_uint_eq(devreg_get(mmu, bus_find_reg(&m->bus, "mmu", "upar1")), 01400);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[0], 01234);
	struct device *cpu = bus_find_device(&m->bus, "cpu");
	const struct devreg *psw = bus_find_reg(&m->bus, "cpu", "psw");
	devreg_set(cpu, psw, 0);
	ck_assert_uint_eq(cpu_mode(&m->cpu), MODE_KERNEL);
	ck_assert_uint_eq(m->cpu.sp[MODE_USER], 0600);
	ck_assert_uint_eq(devreg_get(cpu, psw), 0);
	fx_free(m);
}
END_TEST

/* Kernel page 7 mapped to 7600 reaches the I/O page (the PSW here). */
START_TEST(kernel_io_page)
{
	struct machine *m = fx_user_machine(RW);
	fx_prog(m, "MOV @#177776,R0");
	cpu_set_psw(&m->cpu, 0345);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[0], 0345);
	fx_free(m);
}
END_TEST

START_TEST(abort_non_resident)
{
	struct machine *m = fx_user_machine(NONRES);
	fx_run_user(m, "TST @#20000", 0600);
	ck_mmu_abort(m, SR0_NR | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 0600);
	fx_free(m);
}
END_TEST

/* Run n instructions as one chain (one cpu_run), so that each after the
 * first is reached from the one before it (exec.h, next and next_seq),
 * not through the run loop's full test of PC. */
static void run_chain(struct machine *m, int n)
{
	uint64_t end = m->bus.slice_end;
	m->bus.slice_end = m->bus.now + (uint64_t)n;
	cpu_run(&m->cpu);
	m->bus.slice_end = end;
}

/* An instruction at the end of a page takes its address words from the
 * next page through that page's own mapping (user page 1 is at 100000,
 * not after page 0): the CPU's fetch window must not run past a page
 * into memory that merely follows it. Each case is a NOP, which opens the
 * fetch window, and then the instruction at the page end, in user mode;
 * the words at 100000 (page 1) and at 20000 (after page 0 in memory)
 * differ, so a wrong read shows. */
static struct machine *page_end_run(uint16_t updr1, uint16_t nop_at, const char *insn, uint16_t page1,
				    uint16_t after0, bool chained)
{
	struct machine *m = fx_user_machine(updr1);
	char prog[64];
	/* chained: the NOP opens the window, and the TST, an instance that
	 * goes on in sequence (exec.h, next_seq), reaches the instruction
	 * at the page end without the run loop's full test of PC */
	snprintf(prog, sizeof prog, chained ? "NOP\nTST R2\n%s" : "NOP\n%s", insn);
	if (chained)
		nop_at -= 2;
	fx_asm(m, nop_at, prog);
	fx_asm(m, HANDLER(VEC_MMU), "HALT");
	m->bus.mem[0100000 >> 1] = page1;
	m->bus.mem[020000 >> 1] = after0;
	m->bus.mem[0200 >> 1] = 01111;
	m->bus.mem[0300 >> 1] = 02222;
	m->cpu.r[1] = 0;
	m->cpu.r[PC] = nop_at;
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	if (chained) {
		run_chain(m, 3);
	} else {
		cpu_step(&m->cpu);
		cpu_step(&m->cpu);
	}
	return m;
}

static struct machine *page_end_machine(uint16_t updr1, uint16_t nop_at, const char *insn,
					uint16_t page1, uint16_t after0)
{
	return page_end_run(updr1, nop_at, insn, page1, after0, false);
}

START_TEST(words_after_a_page_end)
{
	/* an index word (mode 6) */
	struct machine *m = page_end_machine(RW, 017774, "MOV 0(R1),R0", 0200, 0300);
	ck_assert_uint_eq(m->cpu.r[0], 01111);
	ck_assert_uint_eq(m->cpu.r[PC], 020002);
	fx_free(m);

	/* an immediate (PC)+ and an absolute address @(PC)+ */
	m = page_end_machine(RW, 017774, "MOV #0,R0", 04444, 05555);
	ck_assert_uint_eq(m->cpu.r[0], 04444);
	fx_free(m);
	m = page_end_machine(RW, 017774, "MOV @#0,R0", 0200, 0300);
	ck_assert_uint_eq(m->cpu.r[0], 01111);
	fx_free(m);

	/* three words: the second in page 0, the third in page 1 */
	m = page_end_machine(RW, 017772, "MOV 200(R1),0(R1)", 0400, 0500);
	ck_assert_uint_eq(m->bus.mem[0400 >> 1], 01111);
	ck_assert_uint_eq(m->bus.mem[0500 >> 1], 0);
	ck_assert_uint_eq(m->cpu.r[PC], 020002);
	fx_free(m);

	/* and a next page that is not there aborts the instruction */
	m = page_end_machine(NONRES, 017774, "MOV 0(R1),R0", 0200, 0300);
	ck_assert_int_eq(cpu_step(&m->cpu), STOP_HALT);	/* the handler's HALT */
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(rdw(m, SR2), 017776);
	fx_free(m);
}
END_TEST

START_TEST(words_after_a_page_end_in_sequence)
{
	struct machine *m = page_end_run(RW, 017774, "MOV 0(R1),R0", 0200, 0300, true);
	ck_assert_uint_eq(m->cpu.r[0], 01111);
	ck_assert_uint_eq(m->cpu.r[PC], 020002);
	fx_free(m);
	m = page_end_run(RW, 017774, "MOV #0,R0", 04444, 05555, true);
	ck_assert_uint_eq(m->cpu.r[0], 04444);
	fx_free(m);
	m = page_end_run(RW, 017772, "MOV 200(R1),0(R1)", 0400, 0500, true);
	ck_assert_uint_eq(m->bus.mem[0400 >> 1], 01111);
	ck_assert_uint_eq(m->bus.mem[0500 >> 1], 0);
	ck_assert_uint_eq(m->cpu.r[PC], 020002);
	fx_free(m);
}
END_TEST

/* An instruction of three words at the top of the address space leaves
 * PC wrapped to 0, which is page 0, not the memory under page 7's window
 * (exec.h, next_seq; fetch_slow keeps such instructions out of the
 * window). User page 7 is at 700000; page 0 is identity. */
START_TEST(pc_wraps_to_page_0_in_sequence)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, ADDR_UPDR + 14, RW);
	/* NOP; TST R2; CMP 0(R1),2(R1) at 177766 (no write, which would
	 * refresh the page table and so empty the window) */
	static const uint16_t prog[] = { 0240, 005702, 026161, 0, 2 };
	for (int i = 0; i < 5; i++)
		m->bus.mem[((0700000 + 017766) >> 1) + i] = prog[i];
	m->bus.mem[0] = 005203;			/* INC R3 at user 0 */
	m->bus.mem[(0700000 - 0160000) >> 1] = 005303;	/* DEC R3 under the window */
	m->cpu.r[1] = 0400;
	m->cpu.r[3] = 0;
	m->cpu.r[PC] = 0177766;
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	run_chain(m, 4);
	ck_assert_uint_eq(m->cpu.r[3], 1);
	ck_assert_uint_eq(m->cpu.r[PC], 2);
	fx_free(m);
}
END_TEST

/* Kernel page 1 mapped to 200000, with the words w0 and w1 at 20000 and
 * PC there; INC R3 at 300, and DEC R3 where page 1's base would put 300,
 * so that R3 says which was read. */
static struct machine *below_window_machine(uint16_t w0, uint16_t w1)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, ADDR_KPAR + 2, 02000);
	m->bus.mem[0200000 >> 1] = w0;
	m->bus.mem[0200002 >> 1] = w1;
	m->bus.mem[0300 >> 1] = 005203;		/* INC R3 */
	m->bus.mem[(0200000 - 020000 + 0300) >> 1] = 005303;	/* DEC R3 through page 1's base */
	m->cpu.r[3] = 0;
	m->cpu.r[PC] = 020000;
	cpu_set_psw(&m->cpu, 0);
	return m;
}

/* A branch run from outside the window (kernel addresses below 400 are
 * always slow, access.h) that is not taken goes on in sequence; the
 * window it leaves behind must not be an older one above it, page 1's:
 * the next instruction is read at 300, not through page 1's mapping
 * (exec.h, next_seq; fetch_slow). */
START_TEST(branch_below_the_window)
{
	struct machine *m = below_window_machine(000137, 000276);	/* JMP @#276 */
	m->bus.mem[0276 >> 1] = 001401;		/* BEQ .+4, not taken */
	run_chain(m, 3);
	ck_assert_uint_eq(m->cpu.r[3], 1);
	ck_assert_uint_eq(m->cpu.r[PC], 0302);
	fx_free(m);
}
END_TEST

/* A branch taken changes the flow: BR from 20000 back to 17776, below
 * the window (page 1's), is tested in full (instances.h, BR), so the
 * instruction there is page 0's. */
START_TEST(branch_taken_below_the_window)
{
	struct machine *m = below_window_machine(000776, 0);	/* BR .-2 to 17776 */
	m->bus.mem[017776 >> 1] = 005203;	/* INC R3 */
	m->bus.mem[(0200000 - 020000 + 017776) >> 1] = 005303;	/* DEC R3 through page 1's base */
	run_chain(m, 2);
	ck_assert_uint_eq(m->cpu.r[3], 1);
	fx_free(m);
}
END_TEST

/* An instruction whose destination is PC changes the flow: `MOV R1,PC`
 * from page 1 to 300 (dispatch.c sends it to the generic entry, which
 * tests PC in full). */
START_TEST(mov_to_pc_below_the_window)
{
	struct machine *m = below_window_machine(000240, 010107);	/* NOP; MOV R1,PC */
	m->cpu.r[1] = 0300;
	run_chain(m, 3);
	ck_assert_uint_eq(m->cpu.r[3], 1);
	fx_free(m);
}
END_TEST

/* ACF 10 is unused on the KT11-D and aborts (simh: as non-resident). */
START_TEST(abort_acf_unused)
{
	struct machine *m = fx_user_machine(077404);
	fx_run_user(m, "TST @#20000", 0600);
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_ne(rdw(m, SR0) & SR0_ABORT, 0);
	fx_free(m);
}
END_TEST

START_TEST(abort_read_only)
{
	struct machine *m = fx_user_machine(RO);
	fx_prog(m, "TST @#20000");
	cpu_set_psw(&m->cpu, 0170000);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[PC], PROG + 4);   /* reading is fine */
	ck_assert_uint_eq(rdw(m, SR0) & SR0_ABORT, 0);
	fx_free(m);

	m = fx_user_machine(RO);
	m->bus.mem[0100000 >> 1] = 5;
	fx_run_user(m, "INC @#20000", 0600);
	ck_mmu_abort(m, SR0_RO | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->bus.mem[0100000 >> 1], 5);
	fx_free(m);
}
END_TEST

/* One user TST: either it completes or it aborts with a length error. */
static void check_length(struct machine *m, const char *line, int ok)
{
	fx_prog(m, line);
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 0600;
	if (ok) {
		cpu_step(&m->cpu);
		ck_assert_msg(m->cpu.r[PC] == PROG + 4, "%s: PC %06o", line, m->cpu.r[PC]);
		ck_assert_uint_eq(rdw(m, SR0) & SR0_ABORT, 0);
	} else {
		ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
		ck_mmu_abort(m, SR0_PL | 0140 | 1 << 1 | SR0_ENABLE);
	}
}

/* Upward pages: blocks 0..PLF are valid. */
START_TEST(abort_length_up)
{
	static const struct { uint16_t pdr, va; int ok; } cases[] = {
		{ 000006, 020076, 1 }, { 000006, 020100, 0 },
		{ 000406, 020176, 1 }, { 000406, 020200, 0 },
		{ 077406, 037776, 1 },
	};
	char line[40];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct machine *m = fx_user_machine(cases[i].pdr);
		snprintf(line, sizeof line, "TST @#%o", cases[i].va);
		check_length(m, line, cases[i].ok);
		fx_free(m);
	}
}
END_TEST

/* Downward (ED) pages: blocks PLF..177 are valid. */
START_TEST(abort_length_down)
{
	static const struct { uint16_t pdr, va; int ok; } cases[] = {
		{ 077416, 037700, 1 }, { 077416, 037676, 0 },
		{ 000016, 020000, 1 }, { 007416, 021700, 1 }, { 007416, 021676, 0 },
	};
	char line[40];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct machine *m = fx_user_machine(cases[i].pdr);
		snprintf(line, sizeof line, "TST @#%o", cases[i].va);
		check_length(m, line, cases[i].ok);
		fx_free(m);
	}
}
END_TEST

START_TEST(abort_kernel)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, ADDR_KPDR + 4, 0);
	fx_prog(m, "TST @#40000\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_MMU);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_BITS, SR0_NR | 2 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(rdw(m, SR2), PROG);
	fx_free(m);
}
END_TEST

/* SR0 and SR2 freeze at an abort until the abort bits are cleared. */
START_TEST(sr2_frozen)
{
	struct machine *m = fx_user_machine(NONRES);
	fx_run_user(m, "TST @#20000", 0600);
	ck_assert_uint_eq(rdw(m, SR2), PROG);   /* not the handler's HALT */
	fx_asm(m, 02000, "NOP\nNOP");
	m->cpu.r[PC] = 02000;
	m->cpu.halted = false;
	cpu_step(&m->cpu);
	ck_assert_uint_eq(rdw(m, SR2), PROG);
	ck_assert_uint_eq(rdw(m, SR0) & SR0_ABORT, SR0_NR);
	wrw(m, SR0, SR0_ENABLE);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(rdw(m, SR2), 02002);
	fx_free(m);
}
END_TEST

/* The 11/40 leaves autoincrement/decrement applied when it aborts:
 * V6's backup() undoes them (REFERENCE; simh). */
START_TEST(abort_stack_push)
{
	struct machine *m = fx_user_machine(077416);   /* ED, only block 177 */
	fx_run_user(m, "MOV R0,-(SP)", 037700);
	ck_mmu_abort(m, SR0_PL | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 037676);
	fx_free(m);

	m = fx_user_machine(077416);
	fx_prog(m, "MOV (R1)+,-(SP)");
	m->cpu.r[1] = 040000;
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = 037700;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_mmu_abort(m, SR0_PL | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[1], 040002);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 037676);
	fx_free(m);
}
END_TEST

START_TEST(abort_register_side_effects)
{
	struct machine *m = fx_user_machine(NONRES);
	fx_prog(m, "MOV (R1)+,R0");
	m->cpu.r[1] = 020000;
	cpu_set_psw(&m->cpu, 0170000);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_mmu_abort(m, SR0_NR | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[1], 020002);
	fx_free(m);

	m = fx_user_machine(NONRES);
	fx_prog(m, "MOV -(R1),R0");
	m->cpu.r[1] = 020002;
	cpu_set_psw(&m->cpu, 0170000);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_mmu_abort(m, SR0_NR | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[1], 020000);
	fx_free(m);

	/* deferred through a valid pointer into the missing page */
	m = fx_user_machine(NONRES);
	wrw(m, 03000, 020000);
	fx_prog(m, "MOV R0,@(R1)+");
	m->cpu.r[1] = 03000;
	cpu_set_psw(&m->cpu, 0170000);
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_mmu_abort(m, SR0_NR | 0140 | 1 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[1], 03002);
	fx_free(m);
}
END_TEST

/* MFPI/MTPI: kernel stack <-> previous mode's space (V6 fuword/suword). */
START_TEST(mfpi_mtpi)
{
	struct machine *m = fx_user_machine(RW);
	m->bus.mem[0100000 >> 1] = 0104321;
	fx_set_sp(m, MODE_USER, 0600);
	fx_prog(m, "MFPI @#20000\nMTPI @#20002\nMFPI SP\nMTPI SP\nMFPI R3");
	cpu_set_psw(&m->cpu, 030000 | PSW_V | PSW_C);
	m->cpu.r[3] = 0;

	cpu_step(&m->cpu);
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0104321);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 017, PSW_N | PSW_C);   /* V cleared, C kept */

	cpu_step(&m->cpu);   /* the word goes back out to user 20002 = 100002 */
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	ck_assert_uint_eq(m->bus.mem[0100002 >> 1], 0104321);
	ck_assert_uint_eq(rdw(m, ADDR_UPDR + 2) & 0100, 0100);   /* W set by MTPI */

	cpu_step(&m->cpu);   /* MFPI SP: the user SP, not the kernel's */
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK - 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0600);

	wrw(m, KSTACK - 2, 0500);
	cpu_step(&m->cpu);   /* MTPI SP sets the user SP */
	ck_assert_uint_eq(m->cpu.r[SP], KSTACK);
	ck_assert_uint_eq(fx_sp(m, MODE_USER), 0500);

	cpu_step(&m->cpu);   /* other registers are shared */
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0);
	ck_assert_uint_eq(cpu_psw(&m->cpu) & 016, PSW_Z);
	fx_free(m);
}
END_TEST

/* Previous mode kernel: MFPI reads kernel space. */
START_TEST(mfpi_previous_kernel)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, 03000, 0777);
	fx_prog(m, "MFPI @#3000");
	cpu_set_psw(&m->cpu, 0);
	cpu_step(&m->cpu);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0777);
	fx_free(m);
}
END_TEST

/* Maintenance mode (handbook, KT11-D, SR0 bit 8: only destination mode
 * references are relocated): with SR0 = 400 (relocation off) the final
 * reference to an instruction's destination is relocated and nothing
 * else. Kernel page 0 is mapped 10000 higher, so each physical word
 * shows which references went through the map. */
enum { MAINT_OFF = 010000 };

static struct machine *maint_machine(void)
{
	struct machine *m = fx_new();
	fx_kernel_map(m);
	wrw(m, ADDR_KPAR, MAINT_OFF >> 6);
	wrw(m, SR0, SR0_MAINT);
	wrw(m, 02000, 0111);
	wrw(m, 02000 + MAINT_OFF, 0222);
	return m;
}

/* Run lines at PROG (fetched unrelocated: the program is at PROG in
 * physical memory) to the HALT after them. */
static void maint_run(struct machine *m, const char *lines)
{
	char prog[200];
	snprintf(prog, sizeof prog, "%s\nHALT", lines);
	uint16_t end = fx_asm(m, PROG, prog);
	m->cpu.r[7] = PROG;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[7], end);
}

START_TEST(maint_destination_only)
{
	/* source, address words and fetch at their own addresses; the
	 * destination write through the map */
	struct machine *m = maint_machine();
	maint_run(m, "MOV @#2000,@#3000");
	ck_assert_uint_eq(rdw(m, 03000 + MAINT_OFF), 0111);
	ck_assert_uint_eq(rdw(m, 03000), 0);
	fx_free(m);

	/* an index word and an indirect address word are not the destination */
	m = maint_machine();
	wrw(m, 02200, 03000);
	wrw(m, 02200 + MAINT_OFF, 04000);
	m->cpu.r[1] = 01776;
	m->cpu.r[2] = 02200;
	maint_run(m, "MOV 2(R1),@(R2)+");
	ck_assert_uint_eq(rdw(m, 03000 + MAINT_OFF), 0111);
	ck_assert_uint_eq(rdw(m, 04000 + MAINT_OFF), 0);
	ck_assert_uint_eq(m->cpu.r[2], 02202);
	fx_free(m);

	/* a read-modify-write destination: read and write relocated */
	m = maint_machine();
	wrw(m, 03000, 5);
	wrw(m, 03000 + MAINT_OFF, 7);
	maint_run(m, "INC @#3000");
	ck_assert_uint_eq(rdw(m, 03000 + MAINT_OFF), 010);
	ck_assert_uint_eq(rdw(m, 03000), 5);
	fx_free(m);

	/* CMP (R1),(R1) compares two physical words, TST reads through the map */
	m = maint_machine();
	m->cpu.r[1] = 02000;
	maint_run(m, "CMP (R1),(R1)");
	ck_assert_uint_eq(cpu_psw(&m->cpu) & PSW_Z, 0);
	wrw(m, 02000 + MAINT_OFF, 0111);
	maint_run(m, "CMP (R1),(R1)");
	ck_assert_uint_eq(cpu_psw(&m->cpu) & PSW_Z, PSW_Z);
	wrw(m, 02000 + MAINT_OFF, 0);
	maint_run(m, "TST @#2000");
	ck_assert_uint_eq(cpu_psw(&m->cpu) & PSW_Z, PSW_Z);
	/* a register destination: the source read stays physical */
	m->cpu.r[2] = 1;
	maint_run(m, "MOV @#2000,R0\nMUL @#2000,R2");
	ck_assert_uint_eq(m->cpu.r[0], 0111);
	ck_assert_uint_eq(m->cpu.r[3], 0111);	/* an EIS operand is a source */
	fx_free(m);
}
END_TEST

/* Every addressing mode, as source and as destination: an operand's
 * effective address is made of unrelocated references (register,
 * index word, address word), only its final destination reference goes
 * through the map. The relocated copy of each pointer points elsewhere,
 * so any reference relocated wrongly changes the result. */
static const char *const mode_text[8] = {
	"R%d", "(R%d)", "(R%d)+", "@(R%d)+", "-(R%d)", "@-(R%d)", "40(R%d)", "@40(R%d)",
};

/* Register r in mode makes (unrelocated) effective address t, through
 * a pointer at p where the mode has one. */
static void place(struct machine *m, int mode, int r, uint16_t t, uint16_t p)
{
	static const int16_t reg_of_t[8] = { 0, 0, 0, -1, 2, -1, -040, -1 };
	static const int16_t reg_of_p[8] = { 0, 0, 0, 0, 2, 2, 0, -040 };
	if (mode == 3 || mode == 5 || mode == 7) {
		wrw(m, p, t);
		wrw(m, p + MAINT_OFF, t + 0100);	/* the decoy */
		m->cpu.r[r] = (uint16_t)(p + reg_of_p[mode]);
	} else if (mode)
		m->cpu.r[r] = (uint16_t)(t + reg_of_t[mode]);
}

START_TEST(maint_every_mode)
{
	enum { TS = 02200, PS = 02400, TD = 03000, PD = 03400 };
	char line[60], s[16], d[16];
	for (int sm = 0; sm < 8; sm++)
		for (int dm = 1; dm < 8; dm++) {
			struct machine *m = maint_machine();
			snprintf(s, sizeof s, mode_text[sm], 2);
			snprintf(d, sizeof d, mode_text[dm], 3);
			place(m, sm, 2, TS, PS);
			place(m, dm, 3, TD, PD);
			if (sm == 0)
				m->cpu.r[2] = 0111;
			wrw(m, TS, 0111);
			wrw(m, TS + MAINT_OFF, 0222);
			snprintf(line, sizeof line, "MOV %s,%s", s, d);
			maint_run(m, line);
			ck_assert_msg(rdw(m, TD + MAINT_OFF) == 0111 && rdw(m, TD) == 0,
				      "%s: %06o at the relocated destination", line, rdw(m, TD + MAINT_OFF));
			fx_free(m);

			/* CMP reads its destination through the map */
			m = maint_machine();
			place(m, sm, 2, TS, PS);
			place(m, dm, 3, TD, PD);
			if (sm == 0)
				m->cpu.r[2] = 0111;
			wrw(m, TS, 0111);
			wrw(m, TS + MAINT_OFF, 0222);
			wrw(m, TD + MAINT_OFF, 0111);
			snprintf(line, sizeof line, "CMP %s,%s", s, d);
			maint_run(m, line);
			ck_assert_msg(cpu_psw(&m->cpu) & PSW_Z, "%s: not equal", line);
			fx_free(m);
		}
	for (int dm = 0; dm < 8; dm++) {
		/* INC, and XOR with R2 = 3 (a register source): the destination
		 * read and written through the map */
		static const struct { const char *text; uint16_t result; } rmw[] = {
			{ "INC %s", 010 }, { "XOR R2,%s", 4 },
		};
		struct machine *m;
		snprintf(d, sizeof d, mode_text[dm], 3);
		for (int i = 0; i < 2 && dm; i++) {
			m = maint_machine();
			place(m, dm, 3, TD, PD);
			m->cpu.r[2] = 3;
			wrw(m, TD, 5);
			wrw(m, TD + MAINT_OFF, 7);
			snprintf(line, sizeof line, rmw[i].text, d);
			maint_run(m, line);
			ck_assert_msg(rdw(m, TD + MAINT_OFF) == rmw[i].result && rdw(m, TD) == 5,
				      "%s", line);
			fx_free(m);
		}

		/* MFPI: the operand physical, the push through the map */
		m = maint_machine();
		place(m, dm, 3, TS, PS);
		if (dm == 0)
			m->cpu.r[3] = 0111;
		wrw(m, TS, 0111);
		wrw(m, TS + MAINT_OFF, 0222);
		snprintf(line, sizeof line, "MFPI %s", d);
		maint_run(m, line);
		ck_assert_msg(rdw(m, KSTACK - 2 + MAINT_OFF) == 0111 && rdw(m, KSTACK - 2) == 0, "%s", line);
		fx_free(m);

		/* MTPI: the pop physical, the write through the map */
		m = maint_machine();
		if (dm) {
			place(m, dm, 3, TD, PD);
			wrw(m, KSTACK, 0333);
			wrw(m, KSTACK + MAINT_OFF, 0444);
			snprintf(line, sizeof line, "MTPI %s", d);
			maint_run(m, line);
			ck_assert_msg(rdw(m, TD + MAINT_OFF) == 0333 && rdw(m, TD) == 0, "%s", line);
		}
		fx_free(m);
	}
}
END_TEST

START_TEST(maint_stack_and_traps)
{
	/* JSR's push is no destination */
	struct machine *m = maint_machine();
	fx_asm(m, 02400, "HALT");
	m->cpu.r[7] = PROG;
	fx_asm(m, PROG, "JSR PC,@#2400");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[7], 02402);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), PROG + 4);
	ck_assert_uint_eq(rdw(m, KSTACK - 2 + MAINT_OFF), 0);
	fx_free(m);

	/* MFPI: its operand is a source, its push the destination */
	m = maint_machine();
	maint_run(m, "MFPI @#2000");
	ck_assert_uint_eq(rdw(m, KSTACK - 2 + MAINT_OFF), 0111);
	ck_assert_uint_eq(rdw(m, KSTACK - 2), 0);
	ck_assert_uint_eq(m->cpu.r[6], KSTACK - 2);
	fx_free(m);

	/* MTPI: its pop is a source, the word it writes the destination */
	m = maint_machine();
	wrw(m, KSTACK, 0333);
	wrw(m, KSTACK + MAINT_OFF, 0444);
	maint_run(m, "MTPI @#3000");
	ck_assert_uint_eq(rdw(m, 03000 + MAINT_OFF), 0333);
	ck_assert_uint_eq(rdw(m, 03000), 0);
	fx_free(m);

	/* the trap sequence: vector and pushes physical */
	m = maint_machine();
	fx_asm(m, PROG, "EMT 0");
	m->cpu.r[7] = PROG;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_trapped(m, VEC_EMT);
	ck_assert_uint_eq(rdw(m, KSTACK - 4), PROG + 2);
	ck_assert_uint_eq(rdw(m, KSTACK - 4 + MAINT_OFF), 0);
	fx_free(m);
}
END_TEST

/* SR0's mode and page (bits 6-5, 3-1) follow every relocated reference
 * while no abort bit is set; the reference that reads SR0 is the last
 * one. An abort bit freezes them. (KT11-D, SR0; the KD11-A/KT11-D logic.) */
START_TEST(sr0_page_follows_references)
{
	struct machine *m = fx_user_machine(RW);
	wrw(m, ADDR_KPAR + 6, 07600);	/* kernel page 3 reaches the I/O page too */
	fx_prog(m, "MOV @#177572,R0\nMOV @#77572,R1\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[0], 7 << 1 | SR0_ENABLE);
	ck_assert_uint_eq(m->cpu.r[1], 3 << 1 | SR0_ENABLE);

	/* turned off by a write through page 3: they stay as that write left them */
	fx_prog(m, "CLR @#77572\nMOV @#177572,R0\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[0], 3 << 1);

	/* user mode */
	wrw(m, SR0, SR0_ENABLE);
	wrw(m, ADDR_UPDR + 016, RW);
	wrw(m, ADDR_UPAR + 016, 07600);
	fx_prog(m, "MOV @#177572,R0\nHALT");
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[6] = 0600;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[0], 0140 | 7 << 1 | SR0_ENABLE);

	/* frozen by an abort bit: the read through page 3 leaves page 7 */
	cpu_set_psw(&m->cpu, 0);
	m->cpu.halted = false;
	fx_prog(m, "MOV #100001,@#177572\nMOV @#77572,R0\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(m->cpu.r[0], SR0_NR | 7 << 1 | SR0_ENABLE);
	fx_free(m);
}
END_TEST

/* A write marks its page written, except a write to SR0-SR2 (777572-777577). */
START_TEST(w_bit_not_set_by_status_registers)
{
	struct machine *m = fx_user_machine(RW);
	fx_prog(m, "MOV #1,@#177572\nCLR @#177574\nCLR @#177576\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(rdw(m, ADDR_KPDR + 016) & 0100, 0);
	fx_prog(m, "CLR @#177776\nHALT");
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
	ck_assert_uint_eq(rdw(m, ADDR_KPDR + 016) & 0100, 0100);
	fx_free(m);
}
END_TEST

Suite *mmu_suite(void);
Suite *mmu_suite(void)
{
	Suite *s = suite_create("mmu");
	TCase *tc = tcase_create("kt11d");
	tcase_add_test(tc, translate_user);
	tcase_add_test(tc, registers_set_by_name_remap);
	tcase_add_test(tc, kernel_io_page);
	tcase_add_test(tc, abort_non_resident);
	tcase_add_test(tc, words_after_a_page_end);
	tcase_add_test(tc, words_after_a_page_end_in_sequence);
	tcase_add_test(tc, pc_wraps_to_page_0_in_sequence);
	tcase_add_test(tc, branch_below_the_window);
	tcase_add_test(tc, mov_to_pc_below_the_window);
	tcase_add_test(tc, branch_taken_below_the_window);
	tcase_add_test(tc, abort_acf_unused);
	tcase_add_test(tc, abort_read_only);
	tcase_add_test(tc, abort_length_up);
	tcase_add_test(tc, abort_length_down);
	tcase_add_test(tc, abort_kernel);
	tcase_add_test(tc, sr2_frozen);
	tcase_add_test(tc, abort_stack_push);
	tcase_add_test(tc, abort_register_side_effects);
	tcase_add_test(tc, mfpi_mtpi);
	tcase_add_test(tc, mfpi_previous_kernel);
	tcase_add_test(tc, maint_destination_only);
	tcase_add_test(tc, maint_every_mode);
	tcase_add_test(tc, maint_stack_and_traps);
	tcase_add_test(tc, sr0_page_follows_references);
	tcase_add_test(tc, w_bit_not_set_by_status_registers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fx_run_suite(mmu_suite());
}
