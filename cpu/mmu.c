/* The CPU's registers in the I/O page (PSW and the KT11-D), and
 * translation for the monitor. */
#include <stdio.h>

#include "cpu.h"
#include "exec.h"
#include "mmu.h"
#include "opcodes.h"

/* The monitor reads and writes these through the tables (devreg_get,
 * devreg_set): the PSW is put together and taken apart, SR2 reads the PC
 * of the instruction unless an abort froze it, and a new SR0, PAR or PDR
 * recomputes the page tables that follow from them. */
static uint32_t psw_get(const void *ctx, const struct devreg *r)
{
	(void)r;
	return cpu_psw(ctx);
}

static void psw_set(void *ctx, const struct devreg *r, uint32_t val)
{
	(void)r;
	cpu_set_psw(ctx, (uint16_t)val);
}

static uint32_t sr2_get(const void *ctx, const struct devreg *r)
{
	(void)r;
	return cpu_sr2(ctx);
}

static void map_set(void *ctx, const struct devreg *r, uint32_t val)
{
	*(uint16_t *)(void *)((char *)ctx + r->offset) = (uint16_t)val;
	mmu_refresh(ctx);
}

static const struct devreg psw_regs[] = {
	{ .name = "psw", .addr = ADDR_PSW, .width = 16, .get = psw_get, .set = psw_set },
};

/* A page's PDR or PAR: APR("kpar", par, ADDR_KPAR, 0, 3) is kpar3. */
#define APR(prefix, reg, base, s, n) { .name = prefix #n, .addr = (base) + 2 * (n), .width = 16, \
	.offset = offsetof(struct cpu, reg[s][n]), .set = map_set }
#define APRS(prefix, reg, base, s) APR(prefix, reg, base, s, 0), APR(prefix, reg, base, s, 1), \
	APR(prefix, reg, base, s, 2), APR(prefix, reg, base, s, 3), APR(prefix, reg, base, s, 4), \
	APR(prefix, reg, base, s, 5), APR(prefix, reg, base, s, 6), APR(prefix, reg, base, s, 7)

/* Every KT11-D register, so the monitor can name them. */
static const struct devreg mmu_regs[] = {
	{ .name = "sr0", .addr = ADDR_SR0, .width = 16, .offset = offsetof(struct cpu, sr0), .set = map_set },
	{ .name = "sr2", .addr = ADDR_SR2, .width = 16, .offset = offsetof(struct cpu, sr2), .get = sr2_get },
	APRS("kpdr", pdr, ADDR_KPDR, 0), APRS("kpar", par, ADDR_KPAR, 0),
	APRS("updr", pdr, ADDR_UPDR, 1), APRS("upar", par, ADDR_UPAR, 1),
};

/* SR0 bits software can write: the abort bits, maintenance (8), enable.
 * Mode and page (6-5, 3-1) are set by aborts only. */
enum { SR0_RW_BITS = 0160401 };

void cpu_set_slr(struct cpu *cpu, uint16_t slr)
{
	cpu->slr = slr & 0177400;
	cpu->stack_top = (uint32_t)cpu->slr + 0400;
	mmu_refresh_cur(cpu);
}

static void slr_set(void *ctx, const struct devreg *r, uint32_t val)
{
	(void)r;
	cpu_set_slr(ctx, (uint16_t)val);
}

static const struct devreg slr_regs[] = {
	{ .name = "slr", .addr = ADDR_SLR, .width = 16, .offset = offsetof(struct cpu, slr), .set = slr_set },
};

/* KJ11-A: 777774 answers only with the option; bits 7-0 read 0. */
static int slr_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct cpu *cpu = ctx;
	(void)addr;
	if (!cpu->kj11)
		return BUS_ERR;
	*val = cpu->slr;
	return BUS_OK;
}

static int slr_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct cpu *cpu = ctx;
	(void)addr;
	if (!cpu->kj11)
		return BUS_ERR;
	cpu_set_slr(cpu, val);
	return BUS_OK;
}

/* Unibus INIT (RESET, console start) clears the limit. */
static void slr_reset(void *ctx)
{
	cpu_set_slr(ctx, 0);
}

static int psw_read(void *ctx, uint32_t addr, uint16_t *val)
{
	(void)addr;
	*val = cpu_psw(ctx);
	return BUS_OK;
}

/* A program cannot set or clear the T bit by writing the PSW. */
static int psw_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct cpu *cpu = ctx;
	(void)addr;
	cpu_set_psw(cpu, (uint16_t)((val & ~PSW_T) | (cpu->psw_hi & PSW_T)));
	/* the instruction sets its codes after this write; these win */
	cpu->psw_cc = val & 017;
	cpu->psw_cc_pending = true;
	return BUS_OK;
}

/* A byte written to the PSW's high byte leaves the codes to the
 * instruction; one to the low byte sets them as psw_write does. */
static int psw_writeb(void *ctx, uint32_t addr, uint8_t val)
{
	struct cpu *cpu = ctx;
	uint16_t w = cpu_psw(cpu);
	if (!(addr & 1))
		return psw_write(ctx, addr, (uint16_t)((w & 0177400) | val));
	cpu_set_psw(cpu, (uint16_t)((((w & 0377) | val << 8) & ~PSW_T) | (cpu->psw_hi & PSW_T)));
	return BUS_OK;
}

/* Which PDR/PAR a KT11-D address names: *s space (0 kernel, 1 user),
 * *page, *par (1 for a PAR). 0 if it is not one. */
static int apr_decode(uint32_t addr, int *s, int *page, int *par)
{
	/* PDRs at base..base+16, PARs at base+40..base+56; the 11/40 has no
	 * D-space registers between them. */
	uint32_t base;
	if (addr >= ADDR_KPDR && addr < ADDR_KPAR + 020)
		*s = 0, base = ADDR_KPDR;
	else if (addr >= ADDR_UPDR && addr < ADDR_UPAR + 020)
		*s = 1, base = ADDR_UPDR;
	else
		return 0;
	uint32_t off = addr - base;
	if (off >= 020 && off < 040)
		return 0;
	*par = off >= 040;
	*page = (off >> 1) & 7;
	return 1;
}

static int mmu_read(void *ctx, uint32_t addr, uint16_t *val)
{
	struct cpu *cpu = ctx;
	int s, page, par;
	if (addr == ADDR_SR0)
		*val = cpu->sr0;
	else if (addr == ADDR_SR2)
		*val = cpu_sr2(cpu);
	else if (apr_decode(addr, &s, &page, &par))
		*val = par ? cpu->par[s][page] : cpu->pdr[s][page];
	else if (addr == ADDR_SR0 + 2)
		*val = 0;	/* 777574: the KT11-D answers, with no SR1 behind it */
	else
		return BUS_ERR;
	return BUS_OK;
}

static int mmu_write(void *ctx, uint32_t addr, uint16_t val)
{
	struct cpu *cpu = ctx;
	int s, page, par;
	if (addr == ADDR_SR0) {
		uint16_t old = cpu->sr0;
		cpu->sr0 = (uint16_t)((cpu->sr0 & ~SR0_RW_BITS) | (val & SR0_RW_BITS));
		/* SR2 follows the fetches only while no abort bit is set,
		 * whoever sets it: software setting one freezes SR2 at the
		 * instruction that wrote SR0 (KT11-D, SR2) */
		if (!(old & SR0_ABORT) && (cpu->sr0 & SR0_ABORT))
			cpu->sr2 = cpu->pc_start;
		if ((old ^ cpu->sr0) & (SR0_ENABLE | SR0_MAINT))
			mmu_refresh(cpu);
	} else if (addr == ADDR_SR2 || addr == ADDR_SR0 + 2)
		;	/* SR2 read-only; 777574 takes and ignores a write */
	else if (apr_decode(addr, &s, &page, &par)) {
		/* Writing either register of a page clears its W bit. */
		uint16_t npar = par ? val & PAR_BITS : cpu->par[s][page];
		uint16_t npdr = par ? (cpu->pdr[s][page] & ~PDR_W) : (val & PDR_RW_BITS);
		/* V6 loads the same map again and again (sureg): the page
		 * tables follow only a change */
		if (npar == cpu->par[s][page] && npdr == cpu->pdr[s][page])
			return BUS_OK;
		cpu->par[s][page] = npar;
		cpu->pdr[s][page] = npdr;
		mmu_refresh_page(cpu, s, page);
	} else
		return BUS_ERR;
	return BUS_OK;
}

/* The part of one page of one space that references reach with no abort
 * possible (KT11-D: resident, within the page's length, writable if not
 * read-only), memory or not: va from lo to lo + span, at physical base +
 * va. wr needs the W bit set too. Returns false when no part is, or when
 * the kind of reference decides (maintenance mode). */
struct window {
	uint32_t base;
	uint16_t lo;
	int32_t span;           /* bytes, less one */
	bool rd, wr;
};

static bool window_of(const struct cpu *cpu, int space, int page, struct window *w)
{
	uint16_t at = (uint16_t)(page << 13);
	if (!(cpu->sr0 & SR0_ENABLE)) {
		/* 16-bit addresses; page 7 is the I/O page. In maintenance
		 * mode mmu_maint_relocates tells the destination from the
		 * rest. */
		if (cpu->sr0 & SR0_MAINT)
			return false;
		*w = (struct window){ .base = page == 7 ? IOPAGE - 0160000 : 0, .lo = at, .span = 017777,
				      .rd = true, .wr = true };
		return true;
	}
	uint16_t pdr = cpu->pdr[space][page], plf = (pdr & PDR_PLF) >> 8, acf = pdr & PDR_ACF;
	w->base = ((uint32_t)cpu->par[space][page] << 6) - at;
	w->rd = acf == ACF_RO || acf == ACF_RW;
	w->wr = acf == ACF_RW && (pdr & PDR_W);
	if (pdr & PDR_ED) {
		w->lo = (uint16_t)(at + plf * 64);
		w->span = (128 - plf) * 64 - 1;
	} else {
		w->lo = at;
		w->span = (plf + 1) * 64 - 1;
	}
	return w->rd;
}

/* The fast paths' entry: the part of the window that lands in memory. */
static struct mmu_page page_of(const struct cpu *cpu, const struct window *w)
{
	struct mmu_page p = { .lo = w->lo };
	uint32_t first = w->base + w->lo;
	int32_t span = w->span;
	if (first >= cpu->bus->memsize)
		return (struct mmu_page){ .rwords = 0 };
	if ((int32_t)(cpu->bus->memsize - 1 - first) < span)
		span = (int32_t)(cpu->bus->memsize - 1 - first);
	/* base may be "below" memory (a page mapped low): the sum with va
	 * is what lands inside it */
	p.host = (uintptr_t)cpu->mem + (uintptr_t)(intptr_t)(int32_t)w->base;
	/* span + 1 bytes: lo and the end of memory are even */
	p.rwords = (uint16_t)(w->rd ? (span + 1) / 2 : 0);
	/* With watchpoints set every write takes the slow path, which checks them. */
	p.wwords = (uint16_t)(w->wr && !cpu->watchmap ? (span + 1) / 2 : 0);
	return p;
}

/* The slow paths' entry: the whole window, the I/O page and absent
 * memory included (memory.c, map_slow). */
static struct mmu_lane lane_of(const struct cpu *cpu, const struct window *w, int mode, int page)
{
	uint16_t words = (uint16_t)((w->span + 1) / 2);
	return (struct mmu_lane){ .base = w->base, .lo = w->lo, .rwords = w->rd ? words : 0,
				  .wwords = w->wr ? words : 0, .relocated = (cpu->sr0 & SR0_ENABLE) != 0,
				  .sr0_fields = sr0_fields(mode, page) };
}

/* KT11-D maintenance mode (SR0 bit 8; handbook, KT11-D, SR0: "only
 * destination mode references will be relocated"): with relocation off
 * (bit 0 clear) the final reference to an instruction's destination
 * operand is relocated, and nothing else: not the instruction fetch, its
 * index and address words, an indirect address, the source operand, the
 * stack references of JSR, RTS, RTI, MARK, EMT and the trap sequence,
 * nor the operand of JMP, JSR or an EIS instruction (a source). A
 * read-modify-write destination is relocated for both its read and its
 * write. MFPI's destination is its push, MTPI's the word it writes (KD11-A
 * flows: their stack references are the MOV-like instruction's source
 * and destination). With bit 0 set every reference is relocated anyway.
 *
 * Each instruction's references come in a fixed order (fetch, source
 * address and operand, destination address, destination operand), so
 * the destination is known by number: first_dst_ref gives the number
 * of its first reference (the fetch is 1), 0 when there is none, and
 * every reference from it on is the destination. Which references those
 * are is the instruction's dst (instructions.def). */
static int first_dst_ref(uint16_t ir)
{
	/* references a mode makes before the operand, and with it */
	static const uint8_t addr_refs[8] = { 0, 0, 0, 1, 0, 1, 1, 2 };
	static const uint8_t operand_refs[8] = { 0, 1, 1, 2, 1, 2, 2, 3 };
	int sm = (ir >> 9) & 7, dm = (ir >> 3) & 7;

	switch (opcode_decode(ir)->dst) {
	case DST_DD:
		return dm ? 2 + addr_refs[dm] : 0;
	case DST_SSDD:
		return dm ? 2 + operand_refs[sm] + addr_refs[dm] : 0;
	case DST_PUSH:	/* the push, after the operand */
		return 2 + operand_refs[dm];
	case DST_POP:	/* after the pop */
		return dm ? 3 + addr_refs[dm] : 0;
	case DST_NONE:
		break;
	}
	return 0;
}

bool mmu_maint_relocates(struct cpu *cpu)
{
	int n = ++cpu->refs;
	if (n < 2)
		return false;	/* the fetch, or a trap sequence */
	int first = first_dst_ref(cpu->ir);
	return first && n >= first;
}

static struct mmu_page cur_page(const struct cpu *cpu, int page);

void mmu_refresh_page(struct cpu *cpu, int space, int page)
{
	/* space 0 is kernel mode; space 1 serves modes 1, 2 and 3 */
	int mode = space ? MODE_USER : MODE_KERNEL;
	struct window w;
	struct mmu_page p = { .rwords = 0 };
	struct mmu_lane l = { .rwords = 0 };
	/* The reference engine takes the full check for everything. */
	if (!cpu->reference && window_of(cpu, space, page, &w)) {
		p = page_of(cpu, &w);
		l = lane_of(cpu, &w, mode, page);
	}
	cpu->page[mode][page] = p;
	cpu->lane[mode][page] = l;
	/* Modes 1 and 2 do not exist on the 11/40: with relocation off they
	 * map as user mode (the lane's SR0 fields unused), with it on their
	 * every access aborts (non-resident), which the full check decides. */
	if (space) {
		bool none = cpu->sr0 & SR0_ENABLE;
		for (int m = 1; m <= 2; m++) {
			cpu->page[m][page] = none ? (struct mmu_page){ .rwords = 0 } : p;
			cpu->lane[m][page] = none ? (struct mmu_lane){ .rwords = 0 } : l;
		}
	}
	/* the fetch window is made of the current mode's pages */
	if (space == mmu_space(cpu_mode(cpu))) {
		cpu->cur[page] = cur_page(cpu, page);
		cpu_drop_fetch_window(cpu);
	}
}

/* Kernel stack limit: in kernel mode the addresses below stack_top are
 * left out of cur, so that every access there takes the slow path, which
 * checks a write through SP against the limit (memory.c, stack_ref); the
 * fast paths test nothing for it. */
static struct mmu_page below_stack_top(struct mmu_page p, uint32_t top)
{
	if (top <= p.lo)
		return p;
	uint32_t cut = top - p.lo;
	uint32_t words = cut / 2;	/* top and lo are even */
	p.rwords = (uint16_t)(p.rwords <= words ? 0 : p.rwords - words);
	p.wwords = (uint16_t)(p.wwords <= words ? 0 : p.wwords - words);
	p.lo = (uint16_t)top;
	return p;
}

static struct mmu_page cur_page(const struct cpu *cpu, int page)
{
	int mode = cpu_mode(cpu);
	if (mode == MODE_KERNEL)
		return below_stack_top(cpu->page[mode][page], cpu->stack_top);
	return cpu->page[mode][page];
}

void mmu_refresh_cur(struct cpu *cpu)
{
	for (int p = 0; p < 8; p++)
		cpu->cur[p] = cur_page(cpu, p);
	/* the fetch window is made of the current mode's pages */
	cpu_drop_fetch_window(cpu);
}

void mmu_refresh(struct cpu *cpu)
{
	for (int p = 0; p < 8; p++) {
		mmu_refresh_page(cpu, 0, p);
		mmu_refresh_page(cpu, 1, p);
	}
	cpu_drop_fetch_window(cpu);
}

int cpu_attach(struct cpu *cpu)
{
	struct device *d = cpu->regdev;
	d[0] = (struct device){ .name = "cpu", .lo = ADDR_PSW, .hi = ADDR_PSW + 1,
		.regs = psw_regs, .nregs = 1, .ctx = cpu, .read = psw_read, .write = psw_write,
		.writeb = psw_writeb };
	d[1] = (struct device){ .name = "mmu", .lo = ADDR_SR0, .hi = ADDR_SR2 + 1,
		.regs = mmu_regs, .nregs = sizeof mmu_regs / sizeof mmu_regs[0],
		.ctx = cpu, .read = mmu_read, .write = mmu_write };
	d[2] = (struct device){ .name = "mmu-kernel", .lo = ADDR_KPDR, .hi = ADDR_KPAR + 017,
		.ctx = cpu, .read = mmu_read, .write = mmu_write };
	d[3] = (struct device){ .name = "mmu-user", .lo = ADDR_UPDR, .hi = ADDR_UPAR + 017,
		.ctx = cpu, .read = mmu_read, .write = mmu_write };
	d[4] = (struct device){ .name = "kj11", .lo = ADDR_SLR, .hi = ADDR_SLR + 1,
		.regs = slr_regs, .nregs = 1, .ctx = cpu, .read = slr_read, .write = slr_write,
		.reset = slr_reset };
	for (int i = 0; i < 5; i++)
		if (bus_attach(cpu->bus, &d[i]) != BUS_OK)
			return BUS_ERR;
	return BUS_OK;
}

int cpu_translate(struct cpu *cpu, uint16_t va, int mode, bool write, uint32_t *pa)
{
	if (!(cpu->sr0 & SR0_ENABLE)) {
		*pa = va >= 0160000 ? (uint32_t)va + (IOPAGE - 0160000) : va;
		return BUS_OK;
	}
	/* Like mmu_relocate, without touching W bits. */
	int s = mmu_space(mode), page = va >> 13;
	uint16_t pdr = cpu->pdr[s][page], block = (va >> 6) & 0177, plf = (pdr & PDR_PLF) >> 8;
	*pa = (((uint32_t)cpu->par[s][page] << 6) + (va & 017777)) & (PHYS_TOP - 1);
	if (((pdr & PDR_ACF) != ACF_RW && (pdr & PDR_ACF) != ACF_RO) ||
	    (mode != MODE_KERNEL && mode != MODE_USER))
		return BUS_ERR;
	if ((pdr & PDR_ED) ? block < plf : block > plf)
		return BUS_ERR;
	if (write && (pdr & PDR_ACF) == ACF_RO)
		return BUS_ERR;
	return BUS_OK;
}

int cpu_peek(struct cpu *cpu, uint16_t va, int mode, uint16_t *val)
{
	uint32_t pa;
	if (cpu_translate(cpu, va & ~1, mode, false, &pa) != BUS_OK)
		return BUS_ERR;
	return bus_peek(cpu->bus, pa, val);
}

int cpu_poke(struct cpu *cpu, uint16_t va, int mode, uint16_t val)
{
	uint32_t pa;
	if (cpu_translate(cpu, va & ~1, mode, true, &pa) != BUS_OK)
		return BUS_ERR;
	return bus_write(cpu->bus, pa, val);
}
