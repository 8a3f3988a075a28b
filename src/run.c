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
#include "debug.h"
#include "sim.h"
#include "term.h"
#include "timetravel.h"

enum {
	SLICE_REALTIME = 10000,     /* ~10 ms of 11/40: input and ticks stay prompt */
	SLICE_VIRTUAL_TTY = 200000, /* WRU must still be seen quickly */
	SLICE_VIRTUAL = 2000000,
};

static double wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void sim_set_clock(struct sim *s, bool realtime)
{
	s->realtime = realtime;
	kw11_set_interval(&s->m.kw, realtime ? 0 : VIRTUAL_TICK);
}

/* The KL11 hands over each character the guest types out. */
void sim_console_output(void *ctx, uint8_t ch)
{
	struct sim *s = ctx;
	ch &= 0177;	/* the 8th bit is parity or V6's delay marker */
	if (ch) {
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
	uint16_t pc = cpu->r[7], w[3] = { 0, 0, 0 };
	char dis[96] = "?", where[96];
	int mode = cpu_mode(cpu);
	if (cpu_peek(cpu, pc, mode, &w[0]) == BUS_OK) {
		cpu_peek(cpu, (uint16_t)(pc + 2), mode, &w[1]);
		cpu_peek(cpu, (uint16_t)(pc + 4), mode, &w[2]);
		disassemble(pc, w, dis, sizeof dis, sim_symbolize, (void *)sim_symtab(s, mode));
	}
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
	if (s->realtime || !send_pending(&s->sc))
		timetravel_input(s, buf, (int)n);
	return false;
}

/* Run until the machine stops; *actions gets what the expect rule or
 * breakpoint that stopped it wants done (NULL: nothing). */
static int run_until_stop(struct sim *s, uint64_t steps, char **actions)
{
	struct machine *m = &s->m;
	s->sc.matched = false;
	m->cpu.stop = STOP_NONE;
	send_arm(&s->sc);
	timetravel_run_start(s);
	if (s->tty)
		term_raw();

	const double period = 1.0 / 60;
	double next_tick = wall() + period;
	uint64_t start = m->bus.now;
	const char *why = NULL;
	int rc = CMD_OK;
	bool hangup = false;

	for (;;) {
		uint64_t slice = s->realtime ? SLICE_REALTIME : s->tty ? SLICE_VIRTUAL_TTY : SLICE_VIRTUAL;
		if (steps && steps - (m->bus.now - start) < slice)
			slice = steps - (m->bus.now - start);
		slice = debug_trace_slice(s, slice);
		slice = timetravel_slice(s, slice);
		/* The console's HALT: run nothing, but go on polling. */
		bool held = panel_holds(s);
		double t0 = wall();
		uint64_t i0 = cpu_instructions(&m->cpu);
		enum stop r = held ? STOP_WAIT : machine_run(m, slice);
		s->run_seconds += wall() - t0;
		s->run_instructions += cpu_instructions(&m->cpu) - i0;
		panel_slice(s, r);
		debug_trace_flush(s);
		timetravel_after_slice(s);
		if (s->tty)
			fflush(stdout);
		if (s->sc.matched)
			break;
		if (r == STOP_HALT) {
			why = "HALT instruction";
			break;
		}
		/* a hit in another mode, or before its count, runs on */
		if ((r == STOP_BREAK || r == STOP_WATCH) && (why = debug_hit(s, r)) != NULL)
			break;
		if (r == STOP_DOUBLE_BUS) {
			why = "Double bus error";
			break;
		}
		if (steps && m->bus.now - start >= steps) {
			why = "Step expired";
			break;
		}
		if (term_signal()) {
			why = "Simulation stopped by a signal";
			s->exit_status = 128 + term_signal();
			rc = CMD_EXIT;
			break;
		}

		/* machine_run returns STOP_WAIT when a slice ended idle. In
		 * virtual time that is nothing to wait for unless no event is
		 * left at all; in real time we sleep until the next tick. */
		int wait_ms = 0;
		if (held)
			wait_ms = 16;
		else if (r == STOP_WAIT && s->realtime) {
			double t = next_tick - wall();
			wait_ms = t > 0 ? (int)(t * 1000) + 1 : 0;
		} else if (r == STOP_WAIT && bus_next_event(&m->bus) == UINT64_MAX) {
			if (!s->tty) {
				why = "WAIT with nothing left to end it";
				rc = CMD_ERROR;
				break;
			}
			wait_ms = 100;	/* only the operator can end this WAIT */
		}
		if (s->tty && console_read(s, wait_ms, &hangup)) {
			why = "Simulation stopped";
			rc = CMD_ABORT;
			break;
		}
		if (hangup) {
			why = "Simulation stopped: the terminal hung up";
			s->exit_status = 128 + 1;
			rc = CMD_EXIT;
			break;
		}
		if (!s->tty && r == STOP_WAIT && wait_ms > 0)
			poll(NULL, 0, wait_ms);

		if (s->realtime) {
			double t = wall();
			if (t - next_tick > 1)
				next_tick = t;	/* we were stopped or starved: do not replay */
			for (; t >= next_tick; next_tick += period)
				kw11_tick(&m->kw);
		}

		const char *pattern = NULL;
		if (m->bus.now >= expect_deadline(&s->sc, &pattern)) {
			sim_print_stop(s, "Expect timed out");
			sim_error(s, "expect timed out: \"%s\"", pattern);
			expect_drop_expired(&s->sc, m->bus.now);
			term_restore();
			return CMD_ERROR;
		}
		if (m->bus.now >= s->limit_time || (s->limit_wall && wall() >= s->limit_wall)) {
			sim_print_stop(s, "Runlimit expired");
			sim_error(s, "runlimit expired");
			term_restore();
			return CMD_ERROR;
		}
	}
	term_restore();
	fflush(stdout);
	panel_stop(s);
	if (why)
		sim_print_stop(s, why);
	if (rc == CMD_ERROR)
		sim_error(s, "%s", why);
	if (rc == CMD_OK && s->sc.matched && s->sc.match_actions) {
		*actions = s->sc.match_actions;
		s->sc.match_actions = NULL;
	} else if (rc == CMD_OK && why && s->stop_actions) {
		*actions = s->stop_actions;
		s->stop_actions = NULL;
	}
	return rc;
}

int sim_run(struct sim *s, uint64_t steps)
{
	for (;;) {
		char *actions = NULL;
		bool resume = false;
		free(s->stop_actions);
		s->stop_actions = NULL;
		int rc = run_until_stop(s, steps, &actions);
		timetravel_run_end(s);
		if (actions)
			rc = monitor_actions(s, actions, &resume);
		if (rc != CMD_OK || !resume)
			return rc;
		s->m.cpu.halted = false;
		steps = 0;	/* the actions said continue */
	}
}

double sim_wall(void)
{
	return wall();
}

void sim_format_speed(const struct sim *s, char *buf, int size)
{
	double mips = s->run_seconds > 0 ? s->run_instructions / s->run_seconds / 1e6 : 0;
	snprintf(buf, (size_t)size, "%llu instructions in %.3f s running, %.1f MIPS",
		 (unsigned long long)s->run_instructions, s->run_seconds, mips);
}
