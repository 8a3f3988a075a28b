/* Lockstep (lockstep.h): two machines, the fast engine and the reference,
 * stepped together and compared after every instruction. */
#include "lockstep.h"

#include <string.h>

#include "cpu/opcodes.h"
#include "state.h"

void lockstep_init(struct lockstep *ls, struct machine *fast, struct machine *ref, FILE *out)
{
	*ls = (struct lockstep){ .fast = fast, .ref = ref, .out = out,
				 .full_every = LOCKSTEP_FULL_EVERY };
	ref->cpu.reference = true;
	mmu_refresh(&ref->cpu);
	ref->kl.output = lockstep_ref_output;
	ref->kl.output_ctx = ls;
}

void lockstep_ref_output(void *ctx, uint8_t ch)
{
	struct lockstep *ls = ctx;
	(void)ch;
	/* The console transmits one character per event, so the one the
	 * fast machine's expect rule matched in this step is this one. */
	if (ls->fast_requested) {
		ls->ref->cpu.stop = STOP_REQUEST;
		ls->ref->bus.deadline = ls->ref->bus.now;
	}
}

/* ---- what is compared ---- */

/* The architectural state after an instruction, and the CPU's own state
 * between instructions that decides what comes next. */
enum { ITEMS = 20, OCTAL_ITEMS = 13 };	/* the registers, in octal; then counts */

struct view {
	const char *name[ITEMS];
	uint64_t val[ITEMS];
	int n;
};

static void item(struct view *v, const char *name, uint64_t val)
{
	v->name[v->n] = name;
	v->val[v->n++] = val;
}

static void view_of(struct machine *m, enum stop stop, struct view *v)
{
	static const char *const rn[8] = { "R0", "R1", "R2", "R3", "R4", "R5", "SP", "PC" };
	struct cpu *cpu = &m->cpu;
	v->n = 0;
	for (int i = 0; i < 8; i++)
		item(v, rn[i], cpu->r[i]);
	item(v, "KSP", *cpu_sp_of(cpu, MODE_KERNEL));
	item(v, "USP", *cpu_sp_of(cpu, MODE_USER));
	item(v, "PSW", cpu_psw(cpu));
	item(v, "SR0", cpu->sr0);
	item(v, "SR2", cpu_sr2(cpu));
	item(v, "bus time", m->bus.now);
	item(v, "idle", cpu->idle);
	item(v, "stop", stop);
	item(v, "halted", cpu->halted);
	item(v, "waiting", cpu->waiting);
	item(v, "trace trap", cpu->trace_armed);
	item(v, "stack trap", cpu->stack_trap);
}

/* A word of memory the two machines disagree on (physical address), or
 * -1. The reference's own writes are checked after each instruction,
 * the whole memory now and then (a write the fast engine made and the
 * reference did not). */
static int64_t mem_differs(struct lockstep *ls, bool whole)
{
	const struct cpu *rc = &ls->ref->cpu;
	const uint16_t *a = ls->fast->bus.mem, *b = ls->ref->bus.mem;
	uint32_t size = ls->ref->bus.memsize;
	if (!whole && rc->wlog_n <= CPU_WLOG) {
		for (int i = 0; i < rc->wlog_n; i++) {
			uint32_t pa = rc->wlog[i] & ~1u;
			if (pa < size && a[pa / 2] != b[pa / 2])
				return pa;
		}
		return -1;
	}
	if (memcmp(a, b, size) == 0)
		return -1;
	for (uint32_t w = 0; w < size / 2; w++)
		if (a[w] != b[w])
			return (int64_t)w * 2;
	return -1;
}

static const char *mode_name(int mode)
{
	return mode == MODE_KERNEL ? "kernel" : mode == MODE_USER ? "user" : "mode 1/2";
}

/* A word of the reference machine's memory at a virtual address, as
 * the monitor sees it, without a bus cycle (the I/O page reads 0). */
static uint16_t peek(struct machine *m, uint16_t va, int mode)
{
	uint32_t pa;
	if (cpu_translate(&m->cpu, va, mode, false, &pa) != BUS_OK || pa + 1 >= m->bus.memsize)
		return 0;
	return m->bus.mem[pa / 2];
}

/* Where the step began, for the report. */
struct before {
	uint16_t pc;
	int mode;
};

static void report(struct lockstep *ls, const struct before *b, const struct view *f, const struct view *r,
		   int64_t pa, bool whole)
{
	FILE *o = ls->out;
	struct machine *m = ls->ref;
	uint16_t w[3];
	char dis[96];
	for (int k = 0; k < 3; k++)
		w[k] = peek(m, (uint16_t)(b->pc + 2 * k), b->mode);
	disassemble(b->pc, w, dis, sizeof dis, NULL, NULL);
	fprintf(o, "lockstep: the fast engine and the reference differ after instruction %llu\n",
		(unsigned long long)ls->steps);
	fprintf(o, "lockstep: at PC %06o (%s): %s   [%06o]\n", b->pc, mode_name(b->mode), dis, w[0]);
	if (m->cpu.pc_start != b->pc)
		fprintf(o, "lockstep: (an interrupt or trap came first: the instruction ran at %06o)\n",
			m->cpu.pc_start);
	fprintf(o, "lockstep: %-10s %12s %12s\n", "", "fast", "reference");
	for (int i = 0; i < f->n; i++)
		fprintf(o, i < OCTAL_ITEMS ? "lockstep: %-10s %12.6llo %12.6llo%s\n" : "lockstep: %-10s %12llu %12llu%s\n",
			f->name[i], (unsigned long long)f->val[i], (unsigned long long)r->val[i],
			f->val[i] != r->val[i] ? "   <- differs" : "");
	if (pa >= 0)
		fprintf(o, "lockstep: %-10s %12.6o %12.6o   <- differs (memory at %06llo%s)\n", "memory",
			ls->fast->bus.mem[pa / 2], m->bus.mem[pa / 2], (unsigned long long)pa,
			whole ? ", found comparing the whole memory: written since the last whole compare" : "");
	ls->failed = true;
}

/* ---- running ---- */

enum { SR0_FIELDS = 0156 };	/* SR0's mode (6-5) and page (3-1) */

/* One instruction on both; false (reported) if they differ after it. */
static bool step_both(struct lockstep *ls, enum stop *stop)
{
	struct machine *f = ls->fast, *r = ls->ref;
	struct before b = { .pc = f->cpu.r[PC], .mode = cpu_mode(&f->cpu) };
	uint64_t done = cpu_instructions(&f->cpu);
	r->cpu.wlog_n = 0;
	enum stop sf = cpu_step(&f->cpu);
	ls->fast_requested = sf == STOP_REQUEST;
	enum stop sr = cpu_step(&r->cpu);
	ls->fast_requested = false;
	/* (a waiting processor's step may run none) */
	ls->steps += cpu_instructions(&f->cpu) - done;
	/* SR0's mode and page fields follow every relocated reference, but
	 * only the slow paths keep them (cpu/mmu.h): a program sees them only
	 * by reading SR0, itself a relocated reference that sets them first,
	 * or with relocation off after the write that turned it off. Until an
	 * abort freezes them the engines need not agree on them: the
	 * reference takes the fast machine's. */
	if (!(f->cpu.sr0 & SR0_ABORT) && !(r->cpu.sr0 & SR0_ABORT))
		r->cpu.sr0 = (uint16_t)((r->cpu.sr0 & ~SR0_FIELDS) | (f->cpu.sr0 & SR0_FIELDS));
	*stop = sf;
	struct view vf, vr;
	view_of(f, sf, &vf);
	view_of(r, sr, &vr);
	bool whole = ++ls->since_full >= ls->full_every;
	if (whole)
		ls->since_full = 0;
	int64_t pa = mem_differs(ls, whole);
	if (pa < 0 && memcmp(vf.val, vr.val, sizeof vf.val[0] * (size_t)vf.n) == 0) {
		/* now and then the devices too, and everything else saved */
		if (!whole || lockstep_same_state(ls))
			return true;
		fprintf(ls->out, "lockstep: (found comparing the whole machines: within the last %u instructions)\n",
			ls->full_every);
		return false;
	}
	report(ls, &b, &vf, &vr, pa, whole);
	return false;
}

/* Both machines wait: skip to the next event, as machine_run does. */
static void skip_wait(struct machine *m, uint64_t next)
{
	if (next > m->bus.now) {
		m->cpu.idle += next - m->bus.now;
		m->bus.now = next;
	}
}

/* cpu_step ends at the boundary after its instruction, and the next
 * cpu_step begins at that same boundary again. A chain of instructions
 * passes each boundary once, and there a request is taken only if it was
 * already there as the instruction before began (irq_seen): the second
 * look must not take the request the first one saw raised during the
 * instruction, or interrupts would come an instruction early. The first
 * look sampled the request level for the coming instruction; the second
 * samples it again. (A slice's first instruction passes its boundary
 * twice in machine_run too: the first step is left as it is.) */
static void same_boundary(struct machine *m)
{
	m->cpu.irq_seen = 0;
}

enum stop lockstep_run(struct lockstep *ls, uint64_t n, bool skip_break)
{
	struct machine *f = ls->fast, *r = ls->ref;
	uint64_t end = f->bus.now + n;
	bool again = false;	/* the last step ended at a boundary it went all through */
	for (;;) {
		if (f->bus.now >= end)
			return STOP_SLICE;
		if (!skip_break && f->cpu.breakmap && f->cpu.breakmap[f->cpu.r[PC]])
			return f->cpu.stop = STOP_BREAK;
		skip_break = false;
		if (again) {
			same_boundary(f);
			same_boundary(r);
		}
		enum stop s;
		if (!step_both(ls, &s))
			return STOP_LOCKSTEP;
		again = s == STOP_SLICE;
		if (s == STOP_SLICE || s == STOP_NONE)
			continue;
		if (s != STOP_WAIT)
			return s;
		uint64_t next = bus_next_event(&f->bus);
		if (next == UINT64_MAX)
			return STOP_WAIT;
		skip_wait(f, next);
		skip_wait(r, bus_next_event(&r->bus));
	}
}

bool lockstep_same_state(struct lockstep *ls)
{
	struct state a = { 0 }, b = { 0 };
	machine_save(ls->fast, &a);
	machine_save(ls->ref, &b);
	bool same = !a.bad && !b.bad && a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0;
	if (!same && !a.bad && !b.bad) {
		size_t i = 0;
		while (i < a.len && i < b.len && a.buf[i] == b.buf[i])
			i++;
		/* the section it lies in: sections are an 8-byte tag and a length */
		size_t at = 0;
		char tag[9] = "?";
		while (at + 12 <= a.len) {
			uint32_t len = a.buf[at + 8] | a.buf[at + 9] << 8 | a.buf[at + 10] << 16 |
				       (uint32_t)a.buf[at + 11] << 24;
			if (i < at + 12 + len) {
				memcpy(tag, a.buf + at, 8);
				tag[8] = 0;
				break;
			}
			at += 12 + len;
		}
		fprintf(ls->out, "lockstep: after %llu instructions the machines' states differ in section %s, "
			"byte %zu (fast %03o, reference %03o)\n", (unsigned long long)ls->steps, tag,
			i - at - 12, i < a.len ? a.buf[i] : 0, i < b.len ? b.buf[i] : 0);
		ls->failed = true;
	}
	state_free(&a);
	state_free(&b);
	return same;
}
