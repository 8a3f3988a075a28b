/* The set and show subcommands a simh user reaches for. Each handler
 * prints its own one-line error and returns CMD_OK or CMD_ERROR. */
#include "settings.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "setshow.h"
#include "sim.h"
#include "telnet.h"
#include "throttle.h"

enum { ERRLEN = 256 };

/* A simh boot file's `set rk enabled` and the like: as this machine is. */
static bool as_is(const char *arg)
{
	return strcasecmp(arg, "enabled") == 0 || strcasecmp(arg, "7b") == 0 || strcasecmp(arg, "7p") == 0;
}

int set_rk_lock(struct sim *s, const struct subargs *a)
{
	char err[ERRLEN];
	const char *arg = a->argv[0];
	int unit = a->unit;
	bool locked;
	if (as_is(arg))
		return CMD_OK;
	if (unit < 0 || unit >= RK_DRIVES) {
		sim_error(s, "set %s: no such drive (rk0 to rk%d)", a->word, RK_DRIVES - 1);
		return CMD_ERROR;
	}
	if (abbrev(arg, "locked", 2))
		locked = true;
	else if (abbrev(arg, "writeenabled", 2))
		locked = false;
	else {
		sim_error(s, "set rk%d: locked or writeenabled, not %s", unit, arg);
		return CMD_ERROR;
	}
	int rc = rk11_set_lock(&s->m.rk, unit, locked, err, sizeof err);
	if (rc < 0) {
		sim_error(s, "set rk%d: %s", unit, err);
		return CMD_ERROR;
	}
	if (rc > 0)	/* the file is read-only: the pack stays locked */
		fprintf(stderr, "set rk%d: %s\n", unit, err);
	return CMD_OK;
}

int set_clk(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	int hz;
	if (as_is(arg))
		return CMD_OK;
	if (strcasecmp(arg, "50hz") == 0)
		hz = 50;
	else if (strcasecmp(arg, "60hz") == 0)
		hz = 60;
	else {
		sim_error(s, "set clk: 50hz or 60hz, not %s", arg);
		return CMD_ERROR;
	}
	s->m.kw.hz = hz;
	sim_set_clock(s, s->realtime);	/* the virtual tick follows */
	return CMD_OK;
}

int set_throttle(struct sim *s, const struct subargs *a)
{
	char err[ERRLEN];
	if (throttle_set(s, a->argv[0], err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}

int set_nothrottle(struct sim *s, const struct subargs *a)
{
	(void)a;
	char err[ERRLEN];
	throttle_set(s, "off", err, sizeof err);
	return CMD_OK;
}

int show_throttle(struct sim *s, const struct subargs *a)
{
	(void)a;
	char buf[96];
	throttle_describe(s, buf, sizeof buf);
	fprintf(stderr, "%s\n", buf);
	return CMD_OK;
}

/* Serve line `line` on spec and say where, as simh does. */
static int serve(struct sim *s, int line, const char *spec)
{
	char err[ERRLEN], where[128];
	if (telnet_open(s, line, spec, err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return CMD_ERROR;
	}
	telnet_describe(s->telnet[line], where, sizeof where);
	if (line)
		fprintf(stderr, "kl%d: %s\n", line, where);
	else
		fprintf(stderr, "console: %s\n", where);
	return CMD_OK;
}

int set_console_telnet(struct sim *s, const char *arg)
{
	if (strcasecmp(arg, "notelnet") == 0 || strcasecmp(arg, "telnet=off") == 0) {
		telnet_close(s, 0);
		return CMD_OK;
	}
	if (strncasecmp(arg, "telnet=", 7) != 0 || !arg[7]) {
		sim_error(s, "set console: telnet=PORT, telnet=ADDR:PORT or notelnet, not %s", arg);
		return CMD_ERROR;
	}
	return serve(s, 0, arg + 7);
}

int set_kl(struct sim *s, const struct subargs *a)
{
	const char *arg = a->argv[0];
	uint64_t n;
	if (as_is(arg))
		return CMD_OK;
	if (strncasecmp(arg, "lines=", 6) != 0 || parse_number(arg + 6, 10, KL_LINES_MAX, &n) != 0 || n < 1) {
		sim_error(s, "set kl: lines=N (1 to %d, the console included), not %s", KL_LINES_MAX, arg);
		return CMD_ERROR;
	}
	for (int line = (int)n; line < KL_LINES_MAX; line++)
		telnet_close(s, line);
	if (machine_set_kl_lines(&s->m, (int)n) != 0) {
		sim_error(s, "set kl: no room on the bus for %d lines", (int)n);
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* klN, N from 1 (the console is served with set console telnet=). */
static int kl_unit(struct sim *s, const char *word)
{
	if (strncasecmp(word, "kl", 2) == 0 && word[2] >= '1' && word[2] <= '9' && !word[3]) {
		int line = word[2] - '0';
		if (line < s->m.kl_lines)
			return line;
	}
	sim_error(s, "no such line: %s (kl1 to kl%d; set kl lines=N adds lines)", word, s->m.kl_lines - 1);
	return -1;
}

int attach_kl(struct sim *s, const char *unit, const char *spec)
{
	int line = kl_unit(s, unit);
	return line < 0 ? CMD_ERROR : serve(s, line, spec);
}

int detach_kl(struct sim *s, const char *unit)
{
	int line = kl_unit(s, unit);
	if (line < 0)
		return CMD_ERROR;
	telnet_close(s, line);
	return CMD_OK;
}

void show_rk_unit(struct sim *s, int unit)
{
	const struct rk05 *d = &s->m.rk.drive[unit];
	if (!d->fp) {
		fprintf(stderr, "rk%d: not attached, %s\n", unit, d->wlk_switch ? "write locked" : "write enabled");
		return;
	}
	fprintf(stderr, "rk%d: %s, %s, cylinder %d\n", unit, d->path ? d->path : "?",
		d->readonly ? "write locked" : "write enabled", d->cyl);
}

int show_time(struct sim *s, const struct subargs *a)
{
	(void)a;
	uint64_t now = s->m.bus.now;
	fprintf(stderr, "%llu instructions executed, bus time %llu (%.3f s of 11/40 time at 1 MIPS)\n",
		(unsigned long long)cpu_instructions(&s->m.cpu), (unsigned long long)now,
		(double)now / VIRTUAL_IPS);
	fprintf(stderr, "host: %.3f s running, %.3f s since start\n", s->run_seconds,
		sim_wall() - s->start_wall);
	return CMD_OK;
}

static const char *const rk_funcs[] = { "control reset", "write", "read", "write check",
					"seek", "read check", "drive reset", "write lock" };

/* Who an event belongs to and what it will do. */
static void describe_event(struct sim *s, const struct event *e, char *dev, char *what, int size)
{
	struct machine *m = &s->m;
	if (e->ctx == &m->rk) {
		snprintf(dev, (size_t)size, "rk%d", e->arg);
		int func = e->arg >= 0 && e->arg < RK_DRIVES ? m->rk.drive[e->arg].func : 0;
		snprintf(what, (size_t)size, "%s", rk_funcs[func & 7]);
		return;
	}
	if (e->ctx == &m->kw) {
		snprintf(dev, (size_t)size, "clk");
		snprintf(what, (size_t)size, "tick");
		return;
	}
	for (int line = 0; line < m->kl_lines; line++)
		if (e->ctx == (line ? (void *)&m->kline[line - 1] : (void *)&m->kl)) {
			snprintf(dev, (size_t)size, line ? "kl%d" : "kl", line);
			snprintf(what, (size_t)size, "%s", e->arg ? "transmit done" : "receive");
			return;
		}
	snprintf(dev, (size_t)size, "?");
	snprintf(what, (size_t)size, "event %d", e->arg);
}

int show_queue(struct sim *s, const struct subargs *a)
{
	(void)a;
	struct unibus *bus = &s->m.bus;
	if (bus->nev == 0) {
		fprintf(stderr, "no events pending\n");
		return CMD_OK;
	}
	/* soonest first, as simh lists them */
	bool shown[MAX_EVENTS] = { false };
	for (int k = 0; k < bus->nev; k++) {
		int best = -1;
		for (int i = 0; i < bus->nev; i++)
			if (!shown[i] && (best < 0 || bus->ev[i].when < bus->ev[best].when))
				best = i;
		shown[best] = true;
		const struct event *e = &bus->ev[best];
		char dev[32], what[32];
		describe_event(s, e, dev, what, sizeof dev);
		fprintf(stderr, "%-5s %-14s due in %llu instructions\n", dev, what,
			(unsigned long long)(e->when > bus->now ? e->when - bus->now : 0));
	}
	return CMD_OK;
}

int show_kl(struct sim *s, const struct subargs *a)
{
	(void)a;
	for (int line = 0; line < s->m.kl_lines; line++) {
		const struct kl11 *kl = line ? &s->m.kline[line - 1] : &s->m.kl;
		char where[128] = "the terminal";
		if (s->telnet[line])
			telnet_describe(s->telnet[line], where, sizeof where);
		else if (line)
			snprintf(where, sizeof where, "not attached");
		fprintf(stderr, "%-4s %06o vectors %03o/%03o  %s\n", kl->name, kl->base, kl11_vector(line),
			kl11_vector(line) + 4, where);
	}
	return CMD_OK;
}

void describe_clock(struct sim *s)
{
	char thr[96];
	throttle_describe(s, thr, sizeof thr);
	fprintf(stderr, "clock %s, %llu ticks, %d Hz, %s\n", s->realtime ? "realtime" : "virtual",
		(unsigned long long)s->m.kw.ticks, s->m.kw.hz, thr);
}

void describe_console(struct sim *s)
{
	char where[128] = "the terminal";
	if (s->telnet[0])
		telnet_describe(s->telnet[0], where, sizeof where);
	fprintf(stderr, "console on %s\n", where);
}
