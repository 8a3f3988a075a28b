/* The command table: one row per monitor command. */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdbool.h>

struct sim;

/* argv holds the words after the command name (a `;` word ends them);
 * commands marked raw get only `rest`, the line after the name as typed. */
typedef int command_fn(struct sim *s, int argc, char **argv, const char *rest);

struct command {
	const char *name;
	int min;              /* shortest abbreviation accepted */
	command_fn *fn;
	bool raw;
	const char *usage;
	const char *help;
};

extern const struct command commands[];
extern const int ncommands;

const struct command *command_find(const char *word);
/* The command a mistyped word is nearest to (at most two edits, fewer than
 * the word has letters), or NULL. */
const struct command *command_nearest(const char *word);

#endif
