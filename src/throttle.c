/* set throttle. A slice of bus time b that took t seconds of the host
 * owes b / ips - t seconds (N K|M) or t (100 / pct - 1) (N%); the debt is
 * slept off once it passes a millisecond. A credit (the host fell behind,
 * or the machine stopped at the monitor) is capped so that it is not
 * made up later as a burst. */
#include "throttle.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse.h"
#include "sim.h"

enum { PACE_MS = 10 };	/* the slice: this much of the 11/40's time */

int throttle_set(struct sim *s, const char *arg, char *err, int errsize)
{
	size_t n = strlen(arg);
	char num[32];
	uint64_t v;
	if (strcasecmp(arg, "off") == 0) {
		s->throttle_ips = 0;
		s->throttle_pct = 0;
		return 0;
	}
	if (n >= 2 && n < sizeof num) {
		char unit = arg[n - 1];
		snprintf(num, sizeof num, "%.*s", (int)n - 1, arg);
		uint64_t max = unit == '%' ? 100 : unit == 'm' || unit == 'M' ? 10000 : 10000000;
		if ((unit == '%' || strchr("kKmM", unit)) && parse_number(num, 10, max, &v) == 0 && v > 0) {
			s->throttle_pct = unit == '%' ? (int)v : 0;
			s->throttle_ips = unit == '%' ? 0 : (double)v * (unit == 'm' || unit == 'M' ? 1e6 : 1e3);
			s->throttle_debt = 0;
			return 0;
		}
	}
	snprintf(err, (size_t)errsize, "set throttle: off, N%% (1-100), NK or NM (instructions a second), not %s",
		 arg);
	return -1;
}

void throttle_describe(const struct sim *s, char *buf, int size)
{
	if (s->throttle_pct)
		snprintf(buf, (size_t)size, "throttle %d%% of the host", s->throttle_pct);
	else if (s->throttle_ips)
		snprintf(buf, (size_t)size, "throttle %.0f instructions a second", s->throttle_ips);
	else
		snprintf(buf, (size_t)size, "no throttle");
}

uint64_t throttle_slice(const struct sim *s, uint64_t slice)
{
	uint64_t pace = s->throttle_ips ? (uint64_t)(s->throttle_ips * PACE_MS / 1000) : 10000;
	if (pace < 1)
		pace = 1;
	return slice < pace ? slice : pace;
}

void throttle_wait(struct sim *s, uint64_t bus_time, double seconds)
{
	if (s->throttle_ips)
		s->throttle_debt += bus_time / s->throttle_ips - seconds;
	else
		s->throttle_debt += seconds * (100.0 / s->throttle_pct - 1);
	if (s->throttle_debt < -0.05)
		s->throttle_debt = -0.05;
	if (s->throttle_debt < 0.001)
		return;
	double t0 = sim_wall();
	poll(NULL, 0, (int)(s->throttle_debt * 1000));
	s->throttle_debt -= sim_wall() - t0;
}
