/* The session's own small services, below everything else in src/: the
 * one-line error (with the script line it came from), the usage of the
 * command being run, the wall clock. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "sim.h"

void sim_error(struct sim *s, const char *fmt, ...)
{
	fflush(stdout);
	if (s->file)
		fprintf(stderr, "%s:%d: ", s->file, s->line);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void sim_usage(struct sim *s)
{
	sim_error(s, "usage: %s", s->usage ? s->usage : "?");
}

double sim_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
