/* pdp1140: a PDP-11/40 for UNIX V6. Runs a simh-style script, then the
 * console and the monitor prompt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "panel.h"
#include "debug.h"
#include "settings.h"
#include "shadow.h"
#include "sim.h"
#include "telnet.h"
#include "snapshot.h"
#include "timetravel.h"
#include "term.h"
#include "keys.h"
#include "mkdisks.h"
#include "version.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pdp1140 [--help] [--version] [--panel] [--stats] [--telnet [ADDR:]PORT]\n"
		"               [--restore SNAPSHOT] [FILE [ARGS...]]\n"
		"       pdp1140 --make-disks [--force] DIR\n"
		"Runs the simh-style commands in FILE (%%1..%%9 are ARGS), then the\n"
		"monitor prompt `pdp11> ` (type `help`). While the machine runs, the\n"
		"terminal is its console; Ctrl-E stops it. Exit status: 0 after quit or\n"
		"end of input, the status given to `exit`, 1 when a script fails.\n"
		"--panel opens the 11/40 front panel in a window (docs/panel.md).\n"
		"--stats prints, at exit, the instructions run, the emulated MIPS and the\n"
		"host time asleep while the guest waits.\n"
		"--telnet serves the console on a telnet port (127.0.0.1 unless ADDR);\n"
		"the terminal keeps the monitor (set console telnet=, docs/monitor.md).\n"
		"--make-disks checks the stock V6 images in $V6_DISKS against their\n"
		"checksums and writes bootable copies rk0-2 and DIR/v6.ini, which boots\n"
		"them: pdp1140 DIR/v6.ini (existing disks are kept without --force).\n"

		"--restore starts from a snapshot that `save` wrote (its packs attached).\n");
}

int main(int argc, char **argv)
{
	int first = 1;
	bool want_panel = false;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("pdp1140 %s\n", PDP1140_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--make-disks") == 0)
		return v6_make_disks_main("pdp1140", argc - 1, argv + 1);
	bool want_stats = false;
	const char *telnet_spec = NULL, *restore = NULL;
	for (; argc > first; first++)
		if (strcmp(argv[first], "--panel") == 0)
			want_panel = true;
		else if (strcmp(argv[first], "--telnet") == 0 && argc > first + 1)
			telnet_spec = argv[++first];
		else if (strcmp(argv[first], "--restore") == 0 && argc > first + 1)
			restore = argv[++first];
		else if (strcmp(argv[first], "--stats") == 0)
			want_stats = true;
		else
			break;
	if (argc > first && argv[first][0] == '-' && argv[first][1]) {
		usage(stderr);
		return 2;
	}

	struct sim *s = calloc(1, sizeof *s);
	if (!s || machine_init(&s->m, DEFAULT_MEMSIZE) != 0) {
		fprintf(stderr, "pdp1140: cannot build the machine\n");
		return 1;
	}
	script_init(&s->sc, &s->m);
	s->m.kl.output = sim_console_output;
	s->m.kl.output_ctx = s;
	s->tty = isatty(STDIN_FILENO);
	s->wru = 005;
	/* A person at a terminal gets Backspace and Ctrl-C; a program gets V6's bytes. */
	s->keys = s->tty ? KEYS_MODERN : KEYS_V6;
	s->col0 = true;
	s->limit_time = UINT64_MAX;
	s->stats = want_stats;
	s->start_wall = sim_wall();
	/* Unattended runs must repeat exactly; at a terminal, V6 keeps time. */
	sim_set_clock(s, s->tty);
	term_init(s->tty);
	char err[8192];
	if (want_panel && panel_open(s, err, sizeof err) != 0)
		fprintf(stderr, "pdp1140: %s\n", err);	/* the machine runs on without it */

	int rc = CMD_OK, status;
	if (restore && snapshot_restore(s, restore, err, sizeof err) != 0) {
		fprintf(stderr, "pdp1140: %s\n", err);
		rc = CMD_ERROR;
	}
	if (rc == CMD_OK && telnet_spec) {
		char arg[256];
		snprintf(arg, sizeof arg, "telnet=%s", telnet_spec);
		rc = set_console_telnet(s, arg);
	}
	if (rc == CMD_OK && argc > first)
		rc = monitor_do(s, argv[first], argc - first - 1, argv + first + 1);
	if (rc == CMD_EXIT)
		status = s->exit_status;
	else if (rc == CMD_ERROR)
		status = 1;
	else
		status = monitor_prompt(s);

	fflush(stdout);
	if (s->stats) {
		char speed[128];
		sim_format_speed(s, speed, sizeof speed);
		fprintf(stderr, "pdp1140: %s\n", speed);
	}
	shadow_free(s);
	rk11_detach_all(&s->m.rk);
	telnet_close_all(s);
	term_restore();
	panel_close(s);
	script_free(&s->sc);
	debug_free(s);
	timetravel_free(s);
	free(s->m.cpu.breakmap);	/* the monitor's `break` made it */
	machine_free(&s->m);
	free(s);
	return status;
}
