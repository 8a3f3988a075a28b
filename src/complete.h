/* Tab completion: what a command takes is read off its usage line (the
 * one `help` prints), so completion and help cannot disagree. */
#ifndef COMPLETE_H
#define COMPLETE_H

#include <stdbool.h>

struct sim;

/* Candidates, from [1] on ([0] is left for the line editor's common prefix). */
struct matches {
	char **m;
	int n, cap;
};

/* The candidates for the word `text` that starts at offset `start` of
 * `line`. Returns true when the argument there is a file name, which the
 * line editor completes itself. */
bool complete_words(struct sim *s, const char *line, int start, const char *text,
		    struct matches *ms);
void matches_free(struct matches *ms);

#endif
