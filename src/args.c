/* A command's arguments checked, with the one-line error said. */
#include "args.h"

#include <stdio.h>
#include <strings.h>

#include "commands.h"
#include "parse.h"
#include "sim.h"

int need(struct sim *s, int argc, int lo, int hi, const char *cmd)
{
	if (argc >= lo && argc <= hi)
		return 0;
	const struct command *c = command_find(cmd);
	sim_error(s, "usage: %s", c ? c->usage : cmd);
	return -1;
}

int octal(struct sim *s, const char *word, uint64_t max, uint64_t *v)
{
	if (parse_number(word, 8, max, v) == 0)
		return 0;
	sim_error(s, "bad number: %s (octal, at most %llo)", word, (unsigned long long)max);
	return -1;
}

int decimal(struct sim *s, const char *word, uint64_t max, uint64_t *v)
{
	if (parse_number(word, 10, max, v) == 0)
		return 0;
	sim_error(s, "bad number: %s (decimal, at most %llu)", word, (unsigned long long)max);
	return -1;
}

/* rk0..rk7 (plain rk is drive 0) */
int rk_unit(struct sim *s, const char *word)
{
	if (strncasecmp(word, "rk", 2) == 0) {
		if (word[2] == 0)
			return 0;
		if (word[2] >= '0' && word[2] <= '7' && word[3] == 0)
			return word[2] - '0';
	}
	sim_error(s, "no such unit: %s (rk0 to rk7)", word);
	return -1;
}

/* Strip quotes from a file name. */
const char *filename(struct sim *s, const char *word, char *buf, int size)
{
	char err[256];
	if (parse_string(word, buf, size, err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return NULL;
	}
	return buf;
}

