/* Tab completion from the usage lines: the n-th argument of a command is
 * the n-th placeholder of its usage (switches such as `[-b]` left out),
 * and each placeholder names what fits there: rkN the drives, TARGET
 * registers, devices, device registers and symbols, ADDR and SYMBOL
 * symbols, COMMAND the commands, WHAT and VALUE the rows of `set` and
 * `show`, FILE file names; a word in lower case is itself (`all`). */
#include "complete.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "parse.h"
#include "setshow.h"
#include "sim.h"

static void offer(struct matches *ms, const char *text, const char *cand)
{
	if (strncasecmp(cand, text, strlen(text)) != 0)
		return;
	for (int i = 1; i < ms->n; i++)
		if (strcmp(ms->m[i], cand) == 0)
			return;
	if (ms->n + 1 >= ms->cap) {
		int cap = ms->cap ? 2 * ms->cap : 64;
		char **m = realloc(ms->m, (size_t)cap * sizeof *m);
		if (!m)
			return;
		ms->m = m;
		ms->cap = cap;
	}
	char *c = strdup(cand);
	if (c)
		ms->m[ms->n++] = c;
}

void matches_free(struct matches *ms)
{
	for (int i = 1; i < ms->n; i++)
		free(ms->m[i]);
	free(ms->m);
	ms->m = NULL;
	ms->n = 1;
	ms->cap = 0;
}

static void offer_symbols(struct sim *s, struct matches *ms, const char *text)
{
	for (int t = 0; t < 2; t++)
		for (int i = 0; i < s->sym[t].n; i++)
			if ((s->sym[t].sym[i].type & ~SYM_EXTERN) != SYM_UNDEF)
				offer(ms, text, s->sym[t].sym[i].name);
}

static void offer_targets(struct sim *s, struct matches *ms, const char *text)
{
	static const char *const regs[] = { "r0", "r1", "r2", "r3", "r4", "r5", "sp", "pc",
					    "psw", "ksp", "usp", "sr" };
	for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++)
		offer(ms, text, regs[i]);
	for (int i = 0; i < s->m.bus.ndev; i++) {
		const struct device *d = s->m.bus.dev[i];
		offer(ms, text, d->name);
		for (int k = 0; k < d->nregs; k++)
			offer(ms, text, d->regs[k].name);
	}
	offer_symbols(s, ms, text);
}

/* The words of a space-separated list ("virtual realtime"). */
static void offer_list(struct matches *ms, const char *text, const char *list)
{
	char w[64];
	while (list && *list) {
		size_t n = strcspn(list, " ");
		if (n && n < sizeof w) {
			memcpy(w, list, n);
			w[n] = 0;
			offer(ms, text, w);
		}
		list += n;
		list += strspn(list, " ");
	}
}

/* The n-th placeholder of a usage line into out ("rkN|all"); false past
 * the last (unless it ends in `...`, which repeats it) or at a `;`. */
static bool placeholder(const char *usage, int n, char *out, int size)
{
	char last[128] = "";
	bool repeats = false;
	const char *p = usage + strcspn(usage, " ");    /* past the command's name */
	int k = 0;
	for (;;) {
		p += strspn(p, " ");
		size_t len = strcspn(p, " ");
		if (!len || *p == ';' || strncmp(p, "[;", 2) == 0)
			break;
		char w[128];
		snprintf(w, sizeof w, "%.*s", (int)len, p);
		p += len;
		if (strncmp(w, "[-", 2) == 0)   /* a switch */
			continue;
		/* take off the brackets of optional parts and the repeat marks */
		repeats = strstr(w, "...") != NULL;
		char a[128];
		int m = 0;
		for (const char *q = w; *q; q++)
			if (*q != '[' && *q != ']' && *q != '.')
				a[m++] = *q;
		a[m] = 0;
		snprintf(last, sizeof last, "%s", a);
		if (k++ == n) {
			snprintf(out, (size_t)size, "%s", a);
			return true;
		}
	}
	if (repeats) {
		snprintf(out, (size_t)size, "%s", last);
		return true;
	}
	return false;
}

/* The words before `start`: the command, and the arguments (switches left
 * out) before the one being completed; *prev the last of those. */
static int words_before(const char *line, int start, char *cmd, char *prev, int size)
{
	int n = -1;
	cmd[0] = prev[0] = 0;
	const char *p = line;
	char w[WORD_MAX];
	while (p < line + start && take_word(&p, w, sizeof w) > 0) {
		if (p > line + start)
			break;
		if (n < 0)
			snprintf(cmd, (size_t)size, "%s", w);
		else if (w[0] == '-')
			continue;
		else
			snprintf(prev, (size_t)size, "%s", w);
		n++;
	}
	return n;
}

bool complete_words(struct sim *s, const char *line, int start, const char *text,
		    struct matches *ms)
{
	char cmd[WORD_MAX], prev[WORD_MAX], slot[128];
	int n = words_before(line, start, cmd, prev, sizeof cmd);
	if (n < 0) {
		for (int i = 0; i < ncommands; i++)
			offer(ms, text, commands[i].name);
		return false;
	}
	const struct command *c = command_find(cmd);
	if (!c || !placeholder(c->usage, n, slot, sizeof slot))
		return false;
	const struct subtable *t = sub_table(c->name);
	bool file = false;
	for (char *alt = strtok(slot, "|,"); alt; alt = strtok(NULL, "|,")) {
		int unit;
		const struct subcommand *row;
		if (strcmp(alt, "FILE") == 0)
			file = true;
		else if (strncmp(alt, "rkN", 3) == 0)
			for (int u = 0; u < RK_DRIVES; u++) {
				char rk[8];     /* rk0, or rk0: for rkN:/PATH */
				snprintf(rk, sizeof rk, "rk%d%.*s", u, (int)strcspn(alt + 3, "/"), alt + 3);
				offer(ms, text, rk);
			}
		else if (strcmp(alt, "TARGET") == 0)
			offer_targets(s, ms, text);
		else if (strcmp(alt, "ADDR") == 0 || strcmp(alt, "SYMBOL") == 0)
			offer_symbols(s, ms, text);
		else if (strcmp(alt, "COMMAND") == 0)
			for (int i = 0; i < ncommands; i++)
				offer(ms, text, commands[i].name);
		else if (strcmp(alt, "WHAT") == 0 && t)
			for (int i = 0; i < t->n; i++) {
				if (t->rows[i].help)
					offer(ms, text, t->rows[i].name);
			}
		else if (strcmp(alt, "VALUE") == 0 && t && (row = sub_find(t, prev, &unit)))
			offer_list(ms, text, row->words);
		else if (islower((unsigned char)alt[0]) && strspn(alt, "abcdefghijklmnopqrstuvwxyz") == strlen(alt))
			offer(ms, text, alt);
	}
	return file;
}
