/* The monitor: runs command lines from scripts, expect actions and the
 * prompt, and reports errors with the script line they came from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <editline/readline.h>
#include <errno.h>
#include <poll.h>

#include "commands.h"
#include "complete.h"
#include "panel.h"
#include "parse.h"
#include "sim.h"
#include "term.h"

void sim_flush_images(struct sim *s)
{
	for (int i = 0; i < RK_DRIVES; i++)
		if (s->m.rk.drive[i].fp)
			fflush(s->m.rk.drive[i].fp);
}

int monitor_exec(struct sim *s, const char *line)
{
	/* what the guest printed comes before what the monitor says */
	fflush(stdout);
	char name[64];
	const char *rest = line;
	int n = take_word(&rest, name, sizeof name);
	if (n == 0 || name[0] == ';' || name[0] == '#' || name[0] == ':')
		return CMD_OK;	/* `:name` is a label for goto */
	/* print/x: a format after the name, as gdb writes it, goes to the command */
	char *slash = n > 1 ? strchr(name + 1, '/') : NULL;
	if (slash) {
		rest -= strlen(slash);
		*slash = 0;
	}
	const struct command *c = n > 0 ? command_find(name) : NULL;
	if (!c) {
		/* Binary garbage or a huge line: show at most 40 characters,
		 * the unprintable ones in octal, so the message stays one line. */
		const char *w = n > 0 ? name : line;
		char vis[200];
		int k = 0, i = 0;
		for (; w[i] && i < 40; i++) {
			unsigned char ch = (unsigned char)w[i];
			k += snprintf(vis + k, sizeof vis - k, ch > 040 && ch < 0177 ? "%c" : "\\%03o", ch);
		}
		const struct command *near = n > 0 ? command_nearest(name) : NULL;
		if (near)
			sim_error(s, "unknown command: %s (%s?)", vis, near->name);
		else
			sim_error(s, "unknown command: %s%s", vis, w[i] ? "..." : "");
		return CMD_ERROR;
	}
	while (*rest == ' ' || *rest == '\t')
		rest++;
	s->usage = c->usage;
	if (c->raw)
		return c->fn(s, 0, NULL, rest);

	struct words *w = malloc(sizeof *w);
	if (!w) {
		sim_error(s, "out of memory");
		return CMD_ERROR;
	}
	char err[128];
	int rc;
	if (split_words(rest, w, err, sizeof err) < 0) {
		sim_error(s, "%s: %s", c->name, err);
		rc = CMD_ERROR;
	} else {
		char *argv[ARGS_MAX];
		for (int i = 0; i < w->n; i++)
			argv[i] = w->w[i];
		rc = c->fn(s, w->n, argv, rest);
	}
	free(w);
	return rc;
}

/* %0 is the file, %1..%9 its arguments, %% a percent sign. */
static int substitute(const char *in, char *out, int size, const char *path, int argc, char **argv)
{
	int n = 0;
	for (; *in; in++) {
		const char *add = NULL;
		char one[2] = { *in, 0 };
		if (*in == '%' && in[1] == '%') {
			add = "%";
			in++;
		} else if (*in == '%' && in[1] >= '0' && in[1] <= '9') {
			int k = in[1] - '0';
			add = k == 0 ? path : k <= argc ? argv[k - 1] : "";
			in++;
		} else {
			add = one;
		}
		int len = (int)strlen(add);
		if (n + len >= size)
			return -1;
		memcpy(out + n, add, len);
		n += len;
	}
	out[n] = 0;
	return n;
}

/* A do file is read whole, so that goto can jump back. */
struct lines {
	char **line;
	int n;
};

static int read_lines(FILE *f, struct lines *ls)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int max = 0;
	ls->n = 0;
	ls->line = NULL;
	while ((len = getline(&buf, &cap, f)) >= 0) {
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = 0;
		if (ls->n == max) {
			char **l = realloc(ls->line, (size_t)(max = max ? 2 * max : 64) * sizeof *l);
			if (!l)
				break;
			ls->line = l;
		}
		if (!(ls->line[ls->n] = strdup(buf)))
			break;
		ls->n++;
	}
	free(buf);
	return ferror(f) ? -1 : 0;
}

static void free_lines(struct lines *ls)
{
	for (int i = 0; i < ls->n; i++)
		free(ls->line[i]);
	free(ls->line);
}

/* The line after `:label`, or -1. */
static int find_label(const struct lines *ls, const char *label)
{
	for (int i = 0; i < ls->n; i++) {
		const char *p = ls->line[i];
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ':')
			continue;
		p++;
		size_t n = strcspn(p, " \t");
		if (n == strlen(label) && strncasecmp(p, label, n) == 0)
			return i + 1;
	}
	return -1;
}

int monitor_do(struct sim *s, const char *path, int argc, char **argv)
{
	if (s->do_depth >= DO_DEPTH_MAX) {
		sim_error(s, "do: nested more than %d deep", DO_DEPTH_MAX);
		return CMD_ERROR;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		sim_error(s, "cannot open %s: %m", path);
		return CMD_ERROR;
	}
	struct lines ls;
	int bad = read_lines(f, &ls);
	fclose(f);
	if (bad) {
		free_lines(&ls);
		sim_error(s, "cannot read %s", path);
		return CMD_ERROR;
	}
	const char *file = s->file;
	int line = s->line;
	char *on_error = s->on_error;	/* each file has its own `on error` */
	s->on_error = NULL;
	s->file = path;
	s->do_depth++;
	char expanded[4096];
	int rc = CMD_OK;
	for (int i = 0; rc == CMD_OK && i < ls.n;) {
		s->line = i + 1;
		if (substitute(ls.line[i], expanded, sizeof expanded, path, argc, argv) < 0) {
			sim_error(s, "line too long");
			rc = CMD_ERROR;
		} else {
			rc = monitor_exec(s, expanded);
		}
		i++;
		if (rc == CMD_ERROR && s->on_error) {
			/* the handler runs once per error, not for its own errors */
			char *handler = s->on_error;
			s->on_error = NULL;
			bool resume = false;
			rc = monitor_actions(s, strdup(handler), &resume);
			if (rc == CMD_OK && resume)
				rc = sim_run(s, 0);
			s->on_error = handler;
		}
		if (rc == CMD_OK && s->goto_label[0]) {
			int to = find_label(&ls, s->goto_label);
			if (to < 0) {
				sim_error(s, "goto: no label :%s in %s", s->goto_label, path);
				rc = CMD_ERROR;
			}
			s->goto_label[0] = 0;
			i = to;
		}
	}
	s->goto_label[0] = 0;
	free_lines(&ls);
	free(s->on_error);
	s->on_error = on_error;
	s->do_depth--;
	s->file = file;
	s->line = line;
	return rc;
}

int monitor_actions(struct sim *s, char *actions, bool *resume)
{
	*resume = false;
	if (!actions)
		return CMD_OK;
	if (s->action_depth >= ACTION_DEPTH_MAX) {
		sim_error(s, "actions nested more than %d deep", ACTION_DEPTH_MAX);
		free(actions);
		return CMD_ERROR;
	}
	s->action_depth++;
	int rc = CMD_OK;
	/* actions are separated by `;` outside quotes */
	char *p = actions;
	while (rc == CMD_OK && *p) {
		char *q = p + (find_separator(p) - p);
		char end = *q;
		*q = 0;
		char *next = end ? q + 1 : q;
		/* the last action a bare `continue`: the caller runs on */
		char word[64], extra[8];
		const char *r = p;
		const struct command *c = take_word(&r, word, sizeof word) > 0 ? command_find(word) : NULL;
		const char *after = r;
		if (c && strcmp(c->name, "continue") == 0 && take_word(&after, extra, sizeof extra) == 0 &&
		    next[strspn(next, " \t")] == 0) {
			*resume = true;
			break;
		}
		rc = monitor_exec(s, p);
		p = next;
	}
	s->action_depth--;
	free(actions);
	return rc;
}

/* Run the machine; the actions of the expect rule or breakpoint that
 * stopped it run here, and a last `continue` among them resumes it. */
int sim_run(struct sim *s, uint64_t steps)
{
	for (;;) {
		char *actions = NULL;
		bool resume = false;
		free(s->stop_actions);
		s->stop_actions = NULL;
		int rc = run_machine(s, steps, &actions);
		if (actions)
			rc = monitor_actions(s, actions, &resume);
		if (rc != CMD_OK || !resume)
			return rc;
		s->m.cpu.halted = false;
		steps = 0;	/* the actions said continue */
	}
}

/* readline's callbacks (completion, reading a key) have no context argument. */
static struct sim *completing;

/* readline's completion array: [0] the common prefix, then the matches. */
static char **complete(const char *text, int start, int end)
{
	(void)end;
	struct matches ms = { NULL, 1, 0 };	/* slot 0 is filled last */
	bool file = completing && complete_words(completing, rl_line_buffer, start, text, &ms);
	if (!ms.m || ms.n == 1) {
		free(ms.m);	/* no strings were kept */
		rl_attempted_completion_over = !file;
		return NULL;
	}
	rl_attempted_completion_over = 1;
	ms.m[ms.n] = NULL;
	if (ms.n == 2) {
		ms.m[0] = ms.m[1];
		ms.m[1] = NULL;
		return ms.m;
	}
	size_t common = strlen(ms.m[1]);
	for (int i = 2; i < ms.n; i++)
		while (strncmp(ms.m[1], ms.m[i], common) != 0)
			common--;
	ms.m[0] = strndup(ms.m[1], common);
	return ms.m;
}

/* Ctrl-C at the prompt: what was typed stays on its line after ^C, and the
 * prompt is drawn again below; the key returned (^U, kill the whole line:
 * libedit's readline cannot empty its buffer otherwise) then drops it. */
static int cancel_line(void)
{
	fputs("^C\n", rl_outstream);
	rl_forced_update_display();
	return 025;
}

/* The line editor's reader: while the front panel is open it waits for
 * the terminal in short steps and lets the panel draw and take clicks in
 * between, so the switches work at the prompt too. */
static int read_key(FILE *f)
{
	int fd = fileno(f);
	for (;;) {
		if (term_interrupted())
			return cancel_line();
		if (completing && completing->panel) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			if (poll(&p, 1, 16) == 0) {
				panel_slice(completing, STOP_HALT);
				continue;
			}
		}
		unsigned char c;
		ssize_t n = read(fd, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;
		return EOF;
	}
}

static void editor_init(struct sim *s)
{
	rl_readline_name = "pdp1140";
	rl_outstream = stderr;
	rl_attempted_completion_function = complete;
	rl_getc_function = read_key;
	rl_catch_signals = 0;	/* Ctrl-C is ours (cancel_line) */
	completing = s;
	const char *home = getenv("HOME");
	if (home && *home) {
		snprintf(s->histfile, sizeof s->histfile, "%s/.pdp1140_history", home);
		read_history(s->histfile);
		stifle_history(1000);
	}
}

static char *read_command(struct sim *s)
{
	if (s->tty) {
		term_editing(true);
		char *line = readline("pdp11> ");
		term_editing(false);
		return line;
	}
	fputs("pdp11> ", stderr);
	fflush(stderr);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = getline(&line, &cap, stdin);
	if (len < 0) {
		free(line);
		fputc('\n', stderr);
		return NULL;
	}
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = 0;
	return line;
}

int monitor_prompt(struct sim *s)
{
	if (s->tty)
		editor_init(s);
	for (;;) {
		s->file = NULL;
		fflush(stdout);
		sim_flush_images(s);
		term_at_prompt(true);
		char *line = read_command(s);
		term_at_prompt(false);
		if (!line) {
			if (s->tty)
				fputc('\n', stderr);
			return 0;	/* end of input at the prompt: quit */
		}
		if (s->tty && *line) {
			add_history(line);
			if (*s->histfile)
				write_history(s->histfile);
		}
		int rc = monitor_exec(s, line);
		free(line);
		if (rc == CMD_EXIT)
			return s->exit_status;
	}
}
