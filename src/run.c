/* The run loop: the machine runs in slices; between slices come the
 * terminal (input, WRU), the wall clock (realtime KW11 ticks), expect
 * timeouts and the runlimit. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cpu/opcodes.h"
#include "panel.h"
#include "shadow.h"
#include "debug.h"
#include "keys.h"
#include "sim.h"
#include "telnet.h"
#include "term.h"
#include "throttle.h"
#include "timetravel.h"

enum {
	SLICE_REALTIME = 10000,     /* ~10 ms of 11/40: input and ticks stay prompt */
	SLICE_VIRTUAL_TTY = 200000, /* WRU must still be seen quickly */
	SLICE_VIRTUAL = 2000000,
};

void sim_set_clock(struct sim *s, bool realtime)
{
	s->realtime = realtime;
	/* the 11/40's million instructions a second, ticked at line frequency */
	kw11_set_interval(&s->m.kw, realtime ? 0 : (VIRTUAL_IPS + s->m.kw.hz / 2) / s->m.kw.hz);
}

/* The KL11 hands over each character the guest types out. */
void sim_console_output(void *ctx, uint8_t ch)
{
	struct sim *s = ctx;
	ch &= 0177;	/* the 8th bit is parity or V6's delay marker */
	if (ch && s->telnet[0]) {
		telnet_put(s->telnet[0], ch);
	} else if (ch) {
		putc(ch, stdout);
		s->col0 = ch == '\n';
	}
	if (expect_output(&s->sc, ch)) {
		s->m.cpu.stop = STOP_REQUEST;
		s->m.bus.deadline = s->m.bus.now;
	}
}

void sim_print_stop(struct sim *s, const char *why)
{
	struct cpu *cpu = &s->m.cpu;
	uint16_t pc = cpu->r[PC];
	char dis[96], where[96];
	int mode = cpu_mode(cpu);
	sim_disassemble_at(s, mode, pc, true, dis, sizeof dis);
	fflush(stdout);
	if (!s->col0 && isatty(STDOUT_FILENO) && isatty(STDERR_FILENO))
		fputc('\n', stderr);
	s->col0 = true;
	fprintf(stderr, "%s, PC: %s (%s)\n", why, sim_addr(s, mode, pc, where, sizeof where), dis);
}

/* Read what the operator typed. Returns true on WRU. */
static bool console_read(struct sim *s, int timeout_ms, bool *hangup)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	if (poll(&p, 1, timeout_ms) <= 0)
		return false;
	uint8_t buf[256];
	ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return false;
	if (n <= 0) {
		*hangup = true;
		return false;
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == s->wru)
			return true;	/* typeahead after WRU is dropped, as simh does */
	/* In virtual time a running send owns the console: typing into it
	 * would make the transcript depend on the operator's timing. */
	if (!s->telnet[0] && (s->realtime || !send_pending(&s->sc))) {
		console_keys_map(s->keys, buf, (size_t)n);
		timetravel_input(s, buf, (int)n);
	}
	return false;
}

/* One run of the machine, from start to stop. */
struct run {
	uint64_t steps, start;  /* steps 0: no limit; bus time at the start */
	double next_tick;       /* real time: when the KW11-L ticks next */
	const char *why;        /* the stop message, NULL for none */
	int rc;
	bool hangup;            /* the terminal went away */
	bool held;              /* the panel's HALT holds the machine */
};

/* One slice: as long as the clock, a pending step count and the trace
 * allow; the host time and instructions counted for `show cpu`; the
 * panel and the trace told. */
static enum stop run_slice(struct sim *s, struct run *run)
{
	struct machine *m = &s->m;
	uint64_t slice = s->realtime ? SLICE_REALTIME
		       : s->tty || s->telnet_on ? SLICE_VIRTUAL_TTY : SLICE_VIRTUAL;
	if (run->steps && run->steps - (m->bus.now - run->start) < slice)
		slice = run->steps - (m->bus.now - run->start);
	slice = debug_trace_slice(s, slice);
	slice = timetravel_slice(s, slice);
	bool throttled = s->throttle_ips > 0 || s->throttle_pct;
	if (throttled)
		slice = throttle_slice(s, slice);
	/* The console's HALT: run nothing, but go on polling. */
	run->held = panel_holds(s);
	double t0 = sim_wall();
	uint64_t i0 = cpu_instructions(&m->cpu), b0 = m->bus.now;
	enum stop r = run->held ? STOP_WAIT : s->shadow ? shadow_run(s, slice) : machine_run(m, slice);
	double ran = sim_wall() - t0;
	s->run_seconds += ran;
	if (throttled)
		throttle_wait(s, m->bus.now - b0, ran);
	s->run_instructions += cpu_instructions(&m->cpu) - i0;
	panel_slice(s, r);
	debug_trace_flush(s);
	timetravel_after_slice(s);
	if (s->tty)
		fflush(stdout);
	return r;
}

/* Did the slice end the run: an expect match, a HALT, a breakpoint that
 * counts, a double bus error, the steps done, a signal? Sets why and rc. */
static bool stopped(struct sim *s, struct run *run, enum stop r)
{
	struct machine *m = &s->m;
	if (s->sc.matched)
		return true;
	if (r == STOP_HALT)
		run->why = "HALT instruction";
	/* a hit in another mode, or before its count, runs on */
	else if (r == STOP_BREAK || r == STOP_WATCH)
		run->why = debug_hit(s, r);
	if (run->why)
		return true;
	if (r == STOP_DOUBLE_BUS)
		run->why = "Double bus error";
	else if (r == STOP_LOCKSTEP) {
		run->why = "Lockstep: the engines differ";
		run->rc = CMD_ERROR;
	}
	else if (run->steps && m->bus.now - run->start >= run->steps)
		run->why = "Step expired";
	else if (term_signal()) {
		run->why = "Simulation stopped by a signal";
		s->exit_status = 128 + term_signal();
		run->rc = CMD_EXIT;
	}
	return run->why != NULL;
}

/* Between slices: wait as long as there is to wait and read the terminal.
 * machine_run returns STOP_WAIT when a slice ended idle. In virtual time
 * that is nothing to wait for unless no event is left at all; in real
 * time we sleep until the next tick. True when that ends the run. */
static bool wait_and_read(struct sim *s, struct run *run, enum stop r)
{
	int wait_ms = 0;
	if (run->held)
		wait_ms = 16;
	else if (r == STOP_WAIT && s->realtime) {
		double t = run->next_tick - sim_wall();
		wait_ms = t > 0 ? (int)(t * 1000) + 1 : 0;
	} else if (r == STOP_WAIT && bus_next_event(&s->m.bus) == UINT64_MAX) {
		if (!s->tty && !s->telnet_on) {
			run->why = "WAIT with nothing left to end it";
			run->rc = CMD_ERROR;
			return true;
		}
		wait_ms = 100;	/* only the operator can end this WAIT */
	}
	/* a telnet client's input or WRU, or the terminal's, ends the wait */
	if (s->telnet_on) {
		if (telnet_poll(s, s->tty ? STDIN_FILENO : -1, wait_ms)) {
			run->why = "Simulation stopped";
			run->rc = CMD_ABORT;
			return true;
		}
		wait_ms = 0;
	}
	if (s->tty && console_read(s, wait_ms, &run->hangup)) {
		run->why = "Simulation stopped";
		run->rc = CMD_ABORT;
		return true;
	}
	if (run->hangup) {
		run->why = "Simulation stopped: the terminal hung up";
		s->exit_status = 128 + 1;
		run->rc = CMD_EXIT;
		return true;
	}
	if (!s->tty && !s->telnet_on && r == STOP_WAIT && wait_ms > 0)
		poll(NULL, 0, wait_ms);
	return false;
}

/* Real time: the KW11-L ticks that fell due. */
static void tick_realtime(struct sim *s, struct run *run)
{
	double t = sim_wall();
	if (t - run->next_tick > 1)
		run->next_tick = t;	/* we were stopped or starved: do not replay */
	for (; t >= run->next_tick; run->next_tick += 1.0 / s->m.kw.hz)
		kw11_tick(&s->m.kw);
}

/* An expect rule timed out or the runlimit passed: said, and true. */
static bool limit_passed(struct sim *s)
{
	struct machine *m = &s->m;
	const char *pattern = NULL;
	if (m->bus.now >= expect_deadline(&s->sc, &pattern)) {
		sim_print_stop(s, "Expect timed out");
		sim_error(s, "expect timed out: \"%s\"", pattern);
		expect_drop_expired(&s->sc, m->bus.now);
		return true;
	}
	if (m->bus.now >= s->limit_time || (s->limit_wall && sim_wall() >= s->limit_wall)) {
		sim_print_stop(s, "Runlimit expired");
		sim_error(s, "runlimit expired");
		return true;
	}
	return false;
}

/* The run is over: the terminal back, the stop said, and the actions of
 * the expect rule or breakpoint that stopped it handed over. */
static int run_end(struct sim *s, const struct run *run, char **actions)
{
	term_restore();
	fflush(stdout);
	panel_stop(s);
	if (run->why)
		sim_print_stop(s, run->why);
	if (run->rc == CMD_ERROR)
		sim_error(s, "%s", run->why);
	if (run->rc == CMD_OK && s->sc.matched && s->sc.match_actions) {
		*actions = s->sc.match_actions;
		s->sc.match_actions = NULL;
	} else if (run->rc == CMD_OK && run->why && s->stop_actions) {
		*actions = s->stop_actions;
		s->stop_actions = NULL;
	}
	return run->rc;
}

/* Run until the machine stops; *actions gets what the expect rule or
 * breakpoint that stopped it wants done (NULL: nothing). */
int run_machine(struct sim *s, uint64_t steps, char **actions)
{
	struct run run = { .steps = steps, .start = s->m.bus.now, .next_tick = sim_wall() + 1.0 / s->m.kw.hz,
			   .rc = CMD_OK };
	s->sc.matched = false;
	s->m.cpu.stop = STOP_NONE;
	send_arm(&s->sc);
	timetravel_run_start(s);
	if (s->tty)
		term_raw();
	for (;;) {
		enum stop r = run_slice(s, &run);
		if (stopped(s, &run, r))
			break;
		/* only a slice that ended in WAIT sleeps (the panel's HALT aside) */
		bool asleep = r == STOP_WAIT && !run.held;
		double w0 = sim_wall();
		bool ended = wait_and_read(s, &run, r);
		if (asleep)
			s->wait_seconds += sim_wall() - w0;
		if (ended)
			break;
		if (s->realtime)
			tick_realtime(s, &run);
		if (limit_passed(s)) {
			term_restore();
			timetravel_run_end(s);
			return CMD_ERROR;
		}
	}
	timetravel_run_end(s);
	return run_end(s, &run, actions);
}

void sim_format_speed(const struct sim *s, char *buf, int size)
{
	double mips = s->run_seconds > 0 ? s->run_instructions / s->run_seconds / 1e6 : 0;
	snprintf(buf, (size_t)size, "%llu instructions in %.3f s running, %.1f MIPS; %.3f s waiting",
		 (unsigned long long)s->run_instructions, s->run_seconds, mips, s->wait_seconds);
}
