/* The program around the machine: one struct holds the session (machine,
 * script state, console options) and is passed to everything. */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus/machine.h"
#include "script.h"
#include "symbols.h"

/* What a command asks of whoever called it. */
enum {
	CMD_OK = 0,
	CMD_ERROR,      /* message printed; a script stops here */
	CMD_EXIT,       /* leave the program with sim.exit_status */
	CMD_ABORT,      /* the operator typed WRU: abandon scripts, show the prompt */
};

enum { DO_DEPTH_MAX = 10, ACTION_DEPTH_MAX = 32, BREAK_MAX = 64, LABEL_MAX = 64 };

/* A breakpoint (before executing at addr) or a watchpoint (after a write
 * to addr), in one mode or in any (-1). It stops on its count-th hit and
 * every hit after; its actions run after the stop message. */
struct breakpoint {
	uint16_t addr;
	bool watch;
	int mode;
	uint64_t count, hits;
	char *actions;
};

struct sim {
	struct machine m;
	struct script sc;

	bool tty;               /* stdin is a terminal: raw console, line editing */
	bool realtime;          /* KW11 ticks from wall time, else virtual */
	uint8_t wru;            /* the character that stops the machine */
	uint8_t keys;           /* enum console_keys (keys.h): what typed keys mean */

	/* Where the command being run came from, for error messages, and
	 * its usage line (set by the monitor before it runs the command). */
	const char *file;       /* NULL at the prompt */
	const char *usage;
	int line;
	int do_depth, action_depth;

	int exit_status;

	/* Console output state. */
	bool col0;              /* the last character the guest printed was a newline */

	/* Speed: host seconds spent running the machine (not stopped at the
	 * monitor, not asleep waiting for a tick) and the instructions it
	 * executed meanwhile; `show cpu` and --stats report them as MIPS. */
	double run_seconds;
	uint64_t run_instructions;
	/* host seconds asleep while the guest WAITs for a real-time tick or
	 * for input: what a real-time run spends on V6's console padding */
	double wait_seconds;
	bool stats;             /* --stats: report at exit */
	double start_wall;      /* sim_wall() when the program started */

	/* set throttle (throttle.c): at most throttle_ips instructions of bus
	 * time a second, or running only throttle_pct percent of the time;
	 * both 0: full speed. */
	double throttle_ips;
	int throttle_pct;
	double throttle_debt;   /* seconds still to sleep (negative: ahead) */

	/* Terminal lines served on telnet ports (telnet.c): [0] the console,
	 * [N] line klN; NULL where none. telnet_on: any of them is. */
	struct telnet_line *telnet[KL_LINES_MAX];
	bool telnet_on;

	/* runlimit: stop when bus time or wall time passes these. */
	uint64_t limit_time;    /* bus time, UINT64_MAX: none */
	double limit_wall;      /* seconds since the epoch of CLOCK_MONOTONIC, 0: none */

	bool have_start;        /* `load` read a start address record */
	uint16_t start;

	char histfile[4096];

	struct panel *panel;    /* the front panel window (panel.c), NULL if none */

	/* Debugging (debug.c, kdebug.c). Symbols: [0] kernel, [1] user space. */
	struct symtab sym[2];
	struct breakpoint brk[BREAK_MAX];
	int nbrk;
	char *stop_actions;     /* the actions of the breakpoint that stopped the machine */
	char stop_why[96];      /* the stop message debug_hit made */
	bool next_active;       /* `next`: stop at next_pc in next_mode once SP is back */
	uint16_t next_pc, next_sp;
	int next_mode;
	FILE *trace;            /* `trace FILE`: every instruction, from the history ring */
	uint64_t trace_seen;    /* hist_count already written */
	struct ksrc *ksrc;      /* the kernel's source from the pack (ksrc.h), NULL if none */
	struct systrace *systrace;      /* systrace.c, NULL when off */
	int list_file, list_next;       /* `list` goes on there (file index + 1; 0: none) */

	struct timetravel *tt;  /* checkpoints for reverse execution (timetravel.c), NULL: off */
	struct shadow *shadow;  /* set cpu lockstep: the reference machine (shadow.c), NULL: off */

	/* Script control (monitor.c). */
	char *on_error;         /* `on error ACTIONS` of the running do file */
	char goto_label[LABEL_MAX];   /* a pending `goto`, for the do file's loop */
};

/* sim.c: the base of src/. An error line (FILE:LINE: first in a script);
 * `usage: ` and the usage line of the command being run; seconds, monotonic. */
void sim_error(struct sim *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sim_usage(struct sim *s);
double sim_wall(void);

/* run.c: run the machine until it stops (`steps` 0: no limit); *actions
 * gets the actions of the expect rule or breakpoint that stopped it. */
int run_machine(struct sim *s, uint64_t steps, char **actions);
void sim_set_clock(struct sim *s, bool realtime);
void sim_console_output(void *ctx, uint8_t ch);
void sim_print_stop(struct sim *s, const char *why);
/* "N instructions in T s running, M MIPS" for the runs so far. */
void sim_format_speed(const struct sim *s, char *buf, int size);

/* monitor.c */
int monitor_exec(struct sim *s, const char *line);
int monitor_do(struct sim *s, const char *path, int argc, char **argv);
int monitor_prompt(struct sim *s);
/* Run the actions (`;`-separated; freed here) of the expect rule or
 * breakpoint that just stopped the machine. A last action `continue` is
 * left to the caller (*resume set), so that a rule or breakpoint that
 * logs and continues can fire any number of times without recursion. */
int monitor_actions(struct sim *s, char *actions, bool *resume);
void sim_flush_images(struct sim *s);
/* Run the machine until it stops (`steps` 0: no limit), then the actions
 * of what stopped it, resuming while they end in `continue`. */
int sim_run(struct sim *s, uint64_t steps);

#endif
