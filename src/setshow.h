/* `set` and `show`: tables of subcommands, as the command table is one of
 * commands. `help set`, `help show`, Tab completion and the error
 * messages all come from the rows, so a new subcommand is one row and
 * its handler. */
#ifndef SETSHOW_H
#define SETSHOW_H

struct sim;

struct subcommand;

/* What a handler is given: its row, the word as typed, the number after a
 * SUB_UNIT row's name (rk3: 3; -1 without one), and the words after it. */
struct subargs {
	const struct subcommand *row;
	const char *word;
	int unit;
	int argc;
	char **argv;
};
typedef int sub_fn(struct sim *s, const struct subargs *a);

enum sub_match {
	SUB_WORD,       /* the name, abbreviated to at least `min` characters */
	SUB_UNIT,       /* the name, then a unit number or none (rk, rk0..rk7) */
	SUB_PREFIX,     /* any word starting with the name (simh's devices this machine lacks) */
};

struct subcommand {
	const char *name;
	int min;                /* shortest abbreviation (SUB_WORD) */
	enum sub_match match;
	sub_fn *fn;
	int lo, hi;             /* how many words may follow the name */
	const char *args;       /* what follows the name, for usage: "virtual|realtime" */
	const char *words;      /* Tab offers these after the name ("virtual realtime") */
	const char *help;       /* NULL: accepted but not listed (simh boot files) */
};

struct subtable {
	const char *cmd;        /* "set" or "show" */
	const struct subcommand *rows;
	int n;
};

extern const struct subtable set_table, show_table;
/* The table of the command named cmd ("set", "show"), or NULL. */
const struct subtable *sub_table(const char *cmd);

/* The row word names, or NULL; *unit as in struct subargs. */
const struct subcommand *sub_find(const struct subtable *t, const char *word, int *unit);
/* `help set`: a line a listed row. */
void sub_help(const struct subtable *t);
/* The listed names, separated by ", ", into buf (error messages). */
void sub_names(const struct subtable *t, char *buf, int size);

/* The commands (rows in commands.c). */
int cmd_set(struct sim *s, int argc, char **argv, const char *rest);
int cmd_show(struct sim *s, int argc, char **argv, const char *rest);

#endif
