/* Fuzz target: the monitor's command language, a line at a time and as a
 * `do` script, on a fresh machine per input with no disks but scratch
 * files in a scratch directory.
 *
 * Input: script text; after the first NUL byte, the contents given to the
 * scratch files `tape` (for load) and `img` (for attach).
 *
 * The fuzzer must not touch the host: lines naming a path (a `/`), lines
 * that could spell one with escapes in a file command, and lines that
 * change the clock or the run limit are skipped, and the run limit is set
 * here, so that every run ends within a bounded number of instructions. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debug.h"
#include "sim.h"
#include "telnet.h"

enum { RUN_BUDGET = 300000, SCRIPT_MAX = 8192 };

static char dir[64];

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/fuzzmonXXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || chdir(dir) != 0)
		abort();
}

static bool has_ci(const char *s, const char *word)
{
	for (; *s; s++) {
		size_t i = 0;
		while (word[i] && tolower((unsigned char)s[i]) == word[i])
			i++;
		if (!word[i])
			return true;
	}
	return false;
}

static bool allowed(const char *line)
{
	if (strchr(line, '/') || has_ci(line, "clock") || has_ci(line, "runl") || has_ci(line, "nor"))
		return false;
	/* no sockets from the fuzzer, and no sleeping (set throttle) */
	if (has_ci(line, "tel") || has_ci(line, "thr") || (has_ci(line, "kl") && has_ci(line, "at")))
		return false;
	/* attach, do and load take file names with escapes */
	if (strchr(line, '\\') && (has_ci(line, "at") || has_ci(line, "do") || has_ci(line, "lo")))
		return false;
	return true;
}

static void put_file(const char *name, const uint8_t *data, size_t len)
{
	FILE *f = fopen(name, "wb");
	if (!f)
		abort();
	if (len)
		fwrite(data, 1, len, f);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!*dir)
		setup();
	const uint8_t *nul = memchr(data, 0, size);
	size_t textlen = nul ? (size_t)(nul - data) : size;
	if (textlen > SCRIPT_MAX)
		return 0;
	const uint8_t *extra = nul ? nul + 1 : data + size;
	size_t extralen = (size_t)(data + size - extra);
	put_file("tape", extra, extralen);
	put_file("img", extra, extralen < 8192 ? extralen : 8192);
	unlink("new");	/* for attach -n */

	/* The allowed lines, as a script file too. */
	char *text = malloc(textlen + 1), *script = malloc(textlen + 2);
	if (!text || !script)
		abort();
	memcpy(text, data, textlen);
	text[textlen] = 0;
	size_t slen = 0;
	for (char *line = text, *end; line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = 0;
		if (allowed(line)) {
			size_t n = strlen(line);
			memcpy(script + slen, line, n);
			script[slen + n] = '\n';
			slen += n + 1;
		}
	}
	script[slen] = 0;
	put_file("sub", (const uint8_t *)script, slen);

	struct sim *s = calloc(1, sizeof *s);
	if (!s || machine_init(&s->m, DEFAULT_MEMSIZE) != 0)
		abort();
	script_init(&s->sc, &s->m);
	s->m.kl.output = sim_console_output;
	s->m.kl.output_ctx = s;
	s->wru = 005;
	s->col0 = true;
	s->limit_time = RUN_BUDGET;
	sim_set_clock(s, false);

	if (size && data[0] == 'd') {
		/* the script file, with arguments for %1 %2 */
		char a1[] = "1000", a2[] = "rk0";
		char *av[] = { a1, a2 };
		monitor_do(s, "sub", 2, av);
	} else {
		s->file = "fuzz";
		int rc = CMD_OK;
		/* Errors do not end the input (more to cover); the budget does:
		 * every run after it would cost a whole slice. */
		for (char *line = script; *line && rc != CMD_EXIT && s->m.bus.now < RUN_BUDGET; line++) {
			char *end = strchr(line, '\n');
			*end = 0;
			s->line++;
			rc = monitor_exec(s, line);
			line = end;
		}
	}

	rk11_detach_all(&s->m.rk);
	telnet_close_all(s);
	script_free(&s->sc);
	debug_free(s);	/* as main.c: breakpoint actions, symbols, trace */
	free(s->m.cpu.breakmap);
	machine_free(&s->m);
	free(s);
	free(text);
	free(script);
	return 0;
}
