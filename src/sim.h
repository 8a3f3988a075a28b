/* The program around the machine: one struct holds the session (machine,
 * script state, console options) and is passed to everything. */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/machine.h"
#include "script.h"

/* What a command asks of whoever called it. */
enum {
	CMD_OK = 0,
	CMD_ERROR,      /* message printed; a script stops here */
	CMD_EXIT,       /* leave the program with sim.exit_status */
	CMD_ABORT,      /* the operator typed WRU: abandon scripts, show the prompt */
};

enum { DO_DEPTH_MAX = 10, ACTION_DEPTH_MAX = 32 };

struct sim {
	struct machine m;
	struct script sc;

	bool tty;               /* stdin is a terminal: raw console, line editing */
	bool realtime;          /* KW11 ticks from wall time, else virtual */
	uint8_t wru;            /* the character that stops the machine */

	/* Where the command being run came from, for error messages. */
	const char *file;       /* NULL at the prompt */
	int line;
	int do_depth, action_depth;

	int exit_status;

	/* Console output state. */
	bool col0;              /* the last character the guest printed was a newline */

	/* runlimit: stop when bus time or wall time passes these. */
	uint64_t limit_time;    /* bus time, UINT64_MAX: none */
	double limit_wall;      /* seconds since the epoch of CLOCK_MONOTONIC, 0: none */

	bool have_start;        /* `load` read a start address record */
	uint16_t start;

	char histfile[4096];

	struct panel *panel;    /* the front panel window (panel.c), NULL if none */
};

/* run.c: run the machine until it stops. `steps` 0 means no limit. */
int sim_run(struct sim *s, uint64_t steps);
void sim_set_clock(struct sim *s, bool realtime);
void sim_console_output(void *ctx, uint8_t ch);
void sim_print_stop(struct sim *s, const char *why);
double sim_wall(void);      /* seconds, monotonic */

/* monitor.c */
int monitor_exec(struct sim *s, const char *line);
int monitor_do(struct sim *s, const char *path, int argc, char **argv);
int monitor_prompt(struct sim *s);
/* Run the actions of the expect rule that just matched. */
int monitor_actions(struct sim *s);
void sim_error(struct sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sim_flush_images(struct sim *s);

#endif
