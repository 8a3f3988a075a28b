/* Reverse execution on checkpoints (timetravel.h).
 *
 * Positions are bus time, as `step N` counts it. A checkpoint is the
 * session's state (sim_state_save, without the packs) taken between run
 * slices every `every` instructions, and at the start of a run when the
 * operator changed the machine since the last one (a deposit, an attach),
 * so that re-execution never runs through a change it cannot repeat.
 * Before a pack block is written the journal keeps its old bytes, so going
 * back to a checkpoint puts the packs back as they were then. Console
 * input typed at the terminal is logged with its time and typed again
 * during re-execution; script sends are machine state already.
 *
 * Re-execution runs silently (no console output, no breakpoints) to an
 * exact bus time. reverse-continue and reverse-next first re-run the
 * window's segments newest first with breakpoints (or a stop before every
 * instruction) to find the time they want, then land there. */
#include "timetravel.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "debug.h"
#include "bus/state.h"
#include "parse.h"
#include "sim.h"
#include "snapshot.h"

enum { DEFAULT_EVERY = 1000000, CHECKPOINTS_MAX = 4096, BLOCK = 512 };

struct checkpoint {
	uint64_t time;
	struct state st;
};

struct jentry {                 /* a pack block before a write */
	uint64_t time;
	int unit, block;
	long size;              /* the image's size before the write */
	uint8_t data[BLOCK];
};

struct typed {                  /* console input from the terminal */
	uint64_t time;
	int len;
	uint8_t data[256];
};

struct timetravel {
	int max;
	uint64_t every;
	struct checkpoint *ck;
	int n;
	uint64_t next_at;
	struct jentry *j;
	size_t nj, capj;
	struct typed *in;
	size_t nin, capin;
	uint64_t fingerprint;   /* of the state at the end of the last run */
	bool have_fingerprint;
	uint64_t packs;         /* which files are on the drives (packs_of) */
};

static struct timetravel *tt_of(struct sim *s)
{
	return s->tt;
}

/* ---- checkpoints ---- */

static void drop_from(struct timetravel *tt, int i)
{
	for (int k = i; k < tt->n; k++)
		state_free(&tt->ck[k].st);
	if (i < tt->n)
		tt->n = i;
}

static void drop_oldest(struct timetravel *tt)
{
	state_free(&tt->ck[0].st);
	memmove(tt->ck, tt->ck + 1, (size_t)(tt->n - 1) * sizeof *tt->ck);
	tt->n--;
	/* journal and input older than the window are no use now */
	uint64_t t0 = tt->ck[0].time;
	size_t k = 0;
	while (k < tt->nj && tt->j[k].time < t0)
		k++;
	memmove(tt->j, tt->j + k, (tt->nj - k) * sizeof *tt->j);
	tt->nj -= k;
	k = 0;
	while (k < tt->nin && tt->in[k].time < t0)
		k++;
	memmove(tt->in, tt->in + k, (tt->nin - k) * sizeof *tt->in);
	tt->nin -= k;
}

void timetravel_forget(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	if (!tt)
		return;
	drop_from(tt, 0);
	tt->nj = tt->nin = 0;
	tt->have_fingerprint = false;
}

/* The memory size a checkpoint holds: the first field of its bus section
 * (after the 8-byte tag and the length). */
static uint32_t memsize_of(const struct checkpoint *c)
{
	const uint8_t *p = c->st.buf + 12;
	return (uint32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24);
}

/* Which files are on the drives: the journal names drives, so going back
 * stops at an attach or a detach. */
static uint64_t packs_of(struct sim *s)
{
	uint64_t h = 14695981039346656037ull;
	for (int u = 0; u < RK_DRIVES; u++) {
		const struct rk05 *d = &s->m.rk.drive[u];
		uint64_t v[3] = { d->fp != NULL, d->fp ? (uint64_t)d->st_dev : 0, d->fp ? (uint64_t)d->st_ino : 0 };
		for (int k = 0; k < 3; k++)
			h = (h ^ v[k]) * 1099511628211ull;
	}
	return h;
}

static void take_checkpoint(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	uint64_t now = s->m.bus.now;
	if (tt->n && tt->packs != packs_of(s))
		timetravel_forget(s);
	tt->packs = packs_of(s);
	/* a checkpoint of another memory size would not load: going back
	 * stops at `set cpu NNk` */
	if (tt->n && memsize_of(&tt->ck[tt->n - 1]) != s->m.bus.memsize)
		timetravel_forget(s);
	if (tt->n && tt->ck[tt->n - 1].time == now)
		drop_from(tt, tt->n - 1);	/* the newer state replaces it */
	if (tt->n && tt->ck[tt->n - 1].time > now)
		timetravel_forget(s);	/* cannot happen: time runs forward */
	if (tt->n == tt->max)
		drop_oldest(tt);
	struct checkpoint *c = &tt->ck[tt->n];
	*c = (struct checkpoint){ .time = now };
	sim_state_save(s, &c->st, false);
	if (c->st.bad) {
		state_free(&c->st);
		return;
	}
	tt->n++;
	tt->next_at = now + tt->every;
}

static uint64_t fingerprint(struct sim *s)
{
	struct state st = { 0 };
	sim_state_save(s, &st, false);
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < st.len; i++)
		h = (h ^ st.buf[i]) * 1099511628211ull;
	state_free(&st);
	return h;
}

/* ---- the pack journal ---- */

static void journal(void *ctx, int unit, int block)
{
	struct sim *s = ctx;
	struct timetravel *tt = tt_of(s);
	if (!tt || !tt->n)
		return;
	if (tt->nj == tt->capj) {
		size_t cap = tt->capj ? tt->capj * 2 : 64;
		struct jentry *j = realloc(tt->j, cap * sizeof *j);
		if (!j) {
			timetravel_forget(s);	/* cannot go back past this write */
			return;
		}
		tt->j = j;
		tt->capj = cap;
	}
	struct jentry *e = &tt->j[tt->nj++];
	e->time = s->m.bus.now;
	e->unit = unit;
	e->block = block;
	e->size = rk11_image_size(&s->m.rk, unit);
	if (rk11_read_block(&s->m.rk, unit, block, e->data) != 0)
		memset(e->data, 0, BLOCK);
}

/* Put back every block written at or after time t, newest first. */
static void undo_journal(struct sim *s, uint64_t t)
{
	struct timetravel *tt = tt_of(s);
	while (tt->nj && tt->j[tt->nj - 1].time >= t) {
		struct jentry *e = &tt->j[--tt->nj];
		rk11_block_write(&s->m.rk, e->unit, e->block, e->data);
		if (rk11_image_size(&s->m.rk, e->unit) > e->size)
			rk11_image_truncate(&s->m.rk, e->unit, e->size);
	}
}

/* ---- settings ---- */

static int ensure(struct sim *s)
{
	if (s->tt)
		return 0;
	s->tt = calloc(1, sizeof *s->tt);
	if (!s->tt)
		return -1;
	s->tt->every = DEFAULT_EVERY;
	return 0;
}

int timetravel_set(struct sim *s, const char *arg)
{
	uint64_t v;
	const char *eq = strchr(arg, '=');
	bool count = strncasecmp(arg, "checkpoints=", 12) == 0;
	if (!eq || parse_number(eq + 1, 10, count ? CHECKPOINTS_MAX : UINT32_MAX, &v) != 0 ||
	    (!count && v == 0)) {
		sim_error(s, "set cpu: %s (checkpoints=0..%d, checkpoint-every=1..%u instructions)", arg,
			  CHECKPOINTS_MAX, UINT32_MAX);
		return CMD_ERROR;
	}
	if (ensure(s) != 0) {
		sim_error(s, "set cpu: out of memory");
		return CMD_ERROR;
	}
	struct timetravel *tt = s->tt;
	if (!count) {
		tt->every = v;
		return CMD_OK;
	}
	timetravel_forget(s);
	free(tt->ck);
	tt->ck = NULL;
	tt->max = 0;
	s->m.rk.journal = NULL;
	if (v == 0)
		return CMD_OK;
	tt->ck = calloc((size_t)v, sizeof *tt->ck);
	if (!tt->ck) {
		sim_error(s, "set cpu: no memory for %llu checkpoints", (unsigned long long)v);
		return CMD_ERROR;
	}
	tt->max = (int)v;
	s->m.rk.journal = journal;
	s->m.rk.journal_ctx = s;
	if (!s->realtime)
		take_checkpoint(s);
	return CMD_OK;
}

void timetravel_show(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	if (!tt || !tt->max) {
		fprintf(stderr, "no checkpoints: set cpu checkpoints=N first\n");
		return;
	}
	size_t bytes = tt->nj * sizeof *tt->j + tt->nin * sizeof *tt->in;
	for (int i = 0; i < tt->n; i++)
		bytes += tt->ck[i].st.cap;
	fprintf(stderr, "checkpoints: %d of %d, every %llu instructions, %.1f MB", tt->n, tt->max,
		(unsigned long long)tt->every, bytes / 1e6);
	if (tt->n)
		fprintf(stderr, "; window: bus time %llu to %llu (now); %zu pack blocks journalled\n",
			(unsigned long long)tt->ck[0].time, (unsigned long long)s->m.bus.now, tt->nj);
	else
		fprintf(stderr, "; none taken yet%s\n", s->realtime ? " (real-time clock: none are)" : "");
}

void timetravel_free(struct sim *s)
{
	if (!s->tt)
		return;
	timetravel_forget(s);
	free(s->tt->ck);
	free(s->tt->j);
	free(s->tt->in);
	free(s->tt);
	s->tt = NULL;
	s->m.rk.journal = NULL;
}

/* ---- the run loop's hooks ---- */

void timetravel_run_start(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	if (!tt || !tt->max)
		return;
	if (s->realtime) {
		timetravel_forget(s);	/* wall-clock ticks are not repeatable */
		return;
	}
	if (!tt->n || !tt->have_fingerprint || fingerprint(s) != tt->fingerprint ||
	    packs_of(s) != tt->packs)
		take_checkpoint(s);
}

void timetravel_run_end(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	if (!tt || !tt->max || s->realtime)
		return;
	tt->fingerprint = fingerprint(s);
	tt->have_fingerprint = true;
}

uint64_t timetravel_slice(struct sim *s, uint64_t slice)
{
	struct timetravel *tt = tt_of(s);
	if (!tt || !tt->n || s->realtime)
		return slice;
	uint64_t now = s->m.bus.now;
	if (tt->next_at > now && tt->next_at - now < slice)
		slice = tt->next_at - now;
	return slice;
}

void timetravel_after_slice(struct sim *s)
{
	struct timetravel *tt = tt_of(s);
	if (tt && tt->n && !s->realtime && s->m.bus.now >= tt->next_at)
		take_checkpoint(s);
}

void timetravel_input(struct sim *s, const uint8_t *buf, int n)
{
	struct timetravel *tt = tt_of(s);
	kl11_input(&s->m.kl, buf, n);
	if (!tt || !tt->n || s->realtime)
		return;
	for (int i = 0; i < n; i += (int)sizeof tt->in[0].data) {
		if (tt->nin == tt->capin) {
			size_t cap = tt->capin ? tt->capin * 2 : 64;
			struct typed *p = realloc(tt->in, cap * sizeof *p);
			if (!p) {
				timetravel_forget(s);
				return;
			}
			tt->in = p;
			tt->capin = cap;
		}
		struct typed *t = &tt->in[tt->nin++];
		t->time = s->m.bus.now;
		t->len = n - i < (int)sizeof t->data ? n - i : (int)sizeof t->data;
		memcpy(t->data, buf + i, (size_t)t->len);
	}
}

/* ---- re-execution ---- */

/* What a scan looks for: called at each stop (a breakpoint or watchpoint
 * of the map given, at bus time `now`); true to record it as found. */
struct scan {
	uint8_t *breakmap, *watchmap;     /* NULL: no stops of that kind */
	bool (*want)(struct sim *s, enum stop r, void *ctx);
	void *ctx;
	uint64_t found;                   /* bus time of the last one found */
	enum stop found_kind;
	uint64_t count;                   /* how many found */
	uint64_t land;                    /* landing: stop at the land-th one found (1-based) */
	uint64_t before;                  /* only finds before this time count */
};

/* Run to bus time `end` exactly (a WAIT that would skip past it stops
 * there), typing the logged input at its times. With a scan, stop at its
 * maps and report. Returns the bus time reached. */
static void run_to(struct sim *s, uint64_t end, struct scan *sc)
{
	struct timetravel *tt = tt_of(s);
	struct machine *m = &s->m;
	struct cpu *cpu = &m->cpu;
	size_t k = 0;
	while (k < tt->nin && tt->in[k].time < m->bus.now)
		k++;
	while (m->bus.now < end) {
		/* input logged at this time goes in before the machine goes on */
		while (k < tt->nin && tt->in[k].time == m->bus.now) {
			kl11_input(&m->kl, tt->in[k].data, tt->in[k].len);
			k++;
		}
		uint64_t stop = end;
		if (k < tt->nin && tt->in[k].time < stop)
			stop = tt->in[k].time;
		m->bus.slice_end = stop;
		bus_update_deadline(&m->bus);
		enum stop r = cpu_run(cpu);
		if (r == STOP_WAIT) {
			uint64_t next = bus_next_event(&m->bus);
			if (next == UINT64_MAX)
				break;	/* nothing will ever come: time stands */
			if (next > stop)
				next = stop;
			if (next > m->bus.now) {
				cpu->idle += next - m->bus.now;
				m->bus.now = next;
			}
		} else if (sc && (r == STOP_BREAK || r == STOP_WATCH) && m->bus.now < sc->before &&
			   sc->want(s, r, sc->ctx)) {
			sc->found = m->bus.now;
			sc->found_kind = r;
			if (++sc->count == sc->land)
				break;
		}
	}
	m->bus.slice_end = UINT64_MAX;
}

/* Go to checkpoint i: packs back, the state loaded. */
static int goto_checkpoint(struct sim *s, int i)
{
	struct timetravel *tt = tt_of(s);
	undo_journal(s, tt->ck[i].time);
	struct state st;
	state_reader(&st, tt->ck[i].st.buf, tt->ck[i].st.len);
	return sim_state_load(s, &st, false);
}

/* Silence and hooks for re-execution; put back afterwards. */
struct quiet {
	void (*output)(void *, uint8_t);
	uint8_t *breakmap, *watchmap;
};

static void quiet_begin(struct sim *s, struct quiet *q, struct scan *sc)
{
	struct cpu *cpu = &s->m.cpu;
	q->output = s->m.kl.output;
	q->breakmap = cpu->breakmap;
	q->watchmap = cpu->watchmap;
	s->m.kl.output = NULL;
	cpu->breakmap = sc ? sc->breakmap : NULL;
	cpu->watchmap = sc ? sc->watchmap : NULL;
	cpu_update_hooks(cpu);
}

static void quiet_end(struct sim *s, struct quiet *q)
{
	struct cpu *cpu = &s->m.cpu;
	s->m.kl.output = q->output;
	cpu->breakmap = q->breakmap;
	cpu->watchmap = q->watchmap;
	cpu_update_hooks(cpu);
	s->trace_seen = cpu->hist_count;	/* re-executed instructions are not traced again */
}

/* The newest checkpoint at or before t, -1 if none. */
static int checkpoint_before(struct timetravel *tt, uint64_t t)
{
	int i = tt->n - 1;
	while (i >= 0 && tt->ck[i].time > t)
		i--;
	return i;
}

/* Land at bus time t: checkpoint i (-1: the nearest), then forward; the window
 * after t is dropped (the future is made again from here). With a scan,
 * stop at its land-th find instead (a watchpoint's stop, before the
 * interrupts and events of its instruction's end). */
static int land(struct sim *s, int i, uint64_t t, struct scan *sc)
{
	struct timetravel *tt = tt_of(s);
	if (i < 0)
		i = checkpoint_before(tt, t);
	if (i < 0 || goto_checkpoint(s, i) != 0)
		return -1;
	struct quiet q;
	quiet_begin(s, &q, sc);
	run_to(s, t, sc);
	quiet_end(s, &q);
	drop_from(tt, i + 1);
	while (tt->nin && tt->in[tt->nin - 1].time >= s->m.bus.now)
		tt->nin--;
	tt->next_at = tt->ck[i].time + tt->every;
	tt->have_fingerprint = false;
	s->m.cpu.halted = false;
	return 0;
}

/* Scan the window newest segment first for the last find before now.
 * Returns the checkpoint whose segment holds it (sc->count is its index
 * within the segment), or -1; the machine is left somewhere in the past. */
static int scan_back(struct sim *s, uint64_t now, struct scan *sc)
{
	struct timetravel *tt = tt_of(s);
	struct quiet q;
	for (int i = tt->n - 1; i >= 0; i--) {
		uint64_t end = i + 1 < tt->n ? tt->ck[i + 1].time : now;
		if (tt->ck[i].time >= now)
			continue;
		if (goto_checkpoint(s, i) != 0)
			return -1;
		sc->count = 0;
		sc->land = 0;
		quiet_begin(s, &q, sc);
		run_to(s, end, sc);
		quiet_end(s, &q);
		if (sc->count)
			return i;
	}
	return -1;
}

static int need_window(struct sim *s, const char *cmd)
{
	struct timetravel *tt = tt_of(s);
	if (s->realtime) {
		sim_error(s, "%s: reverse execution needs the virtual clock (set clock virtual)", cmd);
		return -1;
	}
	if (!tt || !tt->max || !tt->n) {
		sim_error(s, "%s: no checkpoints: set cpu checkpoints=N first", cmd);
		return -1;
	}
	return 0;
}

/* Back to the present after a search that found nothing. */
static void back_to(struct sim *s, uint64_t now, struct state *here)
{
	struct quiet q;
	quiet_begin(s, &q, NULL);
	run_to(s, now, NULL);
	quiet_end(s, &q);
	struct state st;
	state_reader(&st, here->buf, here->len);
	sim_state_load(s, &st, false);
}

/* ---- commands ---- */

int cmd_reverse_step(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint64_t n = 1;
	if (argc > 1 || (argc && parse_number(argv[0], 10, UINT64_MAX / 2, &n) != 0)) {
		sim_error(s, "usage: %s", command_find("reverse-step")->usage);
		return CMD_ERROR;
	}
	if (need_window(s, "reverse-step"))
		return CMD_ERROR;
	struct timetravel *tt = tt_of(s);
	uint64_t now = s->m.bus.now;
	if (n > now - tt->ck[0].time) {
		sim_error(s, "reverse-step: %llu back is before the window (bus time %llu to %llu)",
			  (unsigned long long)n, (unsigned long long)tt->ck[0].time, (unsigned long long)now);
		return CMD_ERROR;
	}
	if (n == 0)
		return CMD_OK;
	if (land(s, -1, now - n, NULL) != 0) {
		sim_error(s, "reverse-step: a checkpoint does not load");
		return CMD_ERROR;
	}
	sim_print_stop(s, "Reverse step");
	return CMD_OK;
}

/* reverse-continue: the user's breakpoints and watchpoints, in the
 * mode each asks for (counts do not matter going back). */
static bool user_hit(struct sim *s, enum stop r, void *ctx)
{
	(void)ctx;
	struct cpu *cpu = &s->m.cpu;
	int mode = cpu_mode(cpu);
	uint16_t at = r == STOP_WATCH ? cpu->watch_addr : cpu->r[PC];
	for (int i = 0; i < s->nbrk; i++) {
		struct breakpoint *b = &s->brk[i];
		bool same = r == STOP_WATCH ? b->watch && (b->addr == at || b->addr == (at & ~1))
					    : !b->watch && b->addr == at;
		if (same && (b->mode < 0 || b->mode == mode))
			return true;
	}
	return false;
}

int cmd_reverse_continue(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (argc) {
		sim_error(s, "usage: %s", command_find("reverse-continue")->usage);
		return CMD_ERROR;
	}
	if (need_window(s, "reverse-continue"))
		return CMD_ERROR;
	struct cpu *cpu = &s->m.cpu;
	if (!cpu->breakmap && !cpu->watchmap) {
		sim_error(s, "reverse-continue: no breakpoints or watchpoints");
		return CMD_ERROR;
	}
	uint64_t now = s->m.bus.now;
	struct state here = { 0 };
	sim_state_save(s, &here, false);
	struct scan sc = { .breakmap = cpu->breakmap, .watchmap = cpu->watchmap, .want = user_hit,
			   .before = now };
	int i = scan_back(s, now, &sc);
	if (i < 0) {
		back_to(s, now, &here);
		state_free(&here);
		sim_error(s, "reverse-continue: no breakpoint or watchpoint hit in the window (bus time %llu to %llu)",
			  (unsigned long long)s->tt->ck[0].time, (unsigned long long)now);
		return CMD_ERROR;
	}
	state_free(&here);
	/* the last find of segment i: land on it, stopping at the same stop */
	struct scan at = sc;
	at.land = sc.count;
	at.count = 0;
	if (land(s, i, sc.found, &at) != 0) {
		sim_error(s, "reverse-continue: a checkpoint does not load");
		return CMD_ERROR;
	}
	char why[128];
	if (sc.found_kind == STOP_WATCH) {
		char where[64];
		snprintf(why, sizeof why, "Watchpoint (reverse), write to %.60s",
			 sim_addr(s, cpu_mode(cpu), cpu->watch_addr, where, sizeof where));
	} else {
		snprintf(why, sizeof why, "Breakpoint (reverse)");
	}
	sim_print_stop(s, why);
	return CMD_OK;
}

/* reverse-next: the instruction before this one in this frame. The last
 * instruction before now, unless it returned here (RTS, RTI, RTT) or ran
 * in another mode: then the last one before it in this mode with the stack
 * no deeper than now (the JSR, or the instruction a trap or interrupt
 * left). Times only grow within a segment and the newest segment is
 * scanned first, so the latest of each is kept. */
struct rn {
	int mode;
	uint16_t sp;
	uint64_t last;          /* the last instruction's time */
	bool last_ok;           /* it is the one to go to */
	uint64_t cur, prev;     /* the last two in this frame */
};

static bool is_return(uint16_t w)
{
	return (w & 0177770) == 0000200 || w == 2 || w == 6;
}

static bool rn_want(struct sim *s, enum stop r, void *ctx)
{
	struct rn *rn = ctx;
	struct cpu *cpu = &s->m.cpu;
	uint64_t now = s->m.bus.now;
	if (r != STOP_BREAK || (rn->last && now <= rn->last))
		return false;	/* an older segment: the newer one decided */
	uint16_t w = 0;
	int mode = cpu_mode(cpu);
	cpu_peek(cpu, cpu->r[PC], mode, &w);
	rn->last = now;
	rn->last_ok = mode == rn->mode && !is_return(w);
	if (mode != rn->mode || cpu->r[SP] < rn->sp)
		return false;
	rn->prev = rn->cur;
	rn->cur = now;
	return true;
}

int cmd_reverse_next(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (argc) {
		sim_error(s, "usage: %s", command_find("reverse-next")->usage);
		return CMD_ERROR;
	}
	if (need_window(s, "reverse-next"))
		return CMD_ERROR;
	struct cpu *cpu = &s->m.cpu;
	uint64_t now = s->m.bus.now;
	uint8_t *all = malloc(65536);
	if (!all) {
		sim_error(s, "reverse-next: out of memory");
		return CMD_ERROR;
	}
	memset(all, 1, 65536);	/* a stop before every instruction */
	struct state here = { 0 };
	sim_state_save(s, &here, false);
	struct rn rn = { .mode = cpu_mode(cpu), .sp = cpu->r[SP] };
	struct scan sc = { .breakmap = all, .want = rn_want, .ctx = &rn, .before = now };
	scan_back(s, now, &sc);
	free(all);
	uint64_t t = rn.last_ok ? rn.last : rn.cur && rn.cur < rn.last ? rn.cur : rn.prev;
	if (!t) {
		back_to(s, now, &here);
		state_free(&here);
		sim_error(s, "reverse-next: no earlier instruction of this frame in the window (bus time %llu to %llu)",
			  (unsigned long long)s->tt->ck[0].time, (unsigned long long)now);
		return CMD_ERROR;
	}
	state_free(&here);
	if (land(s, -1, t, NULL) != 0) {
		sim_error(s, "reverse-next: a checkpoint does not load");
		return CMD_ERROR;
	}
	sim_print_stop(s, "Reverse step");
	return CMD_OK;
}
