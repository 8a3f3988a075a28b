/* The controlling terminal: raw mode for the console, restored on every
 * way out. The only global state of the program lives in term.c: what
 * signal handlers need (the saved modes, the signal caught). */
#ifndef TERM_H
#define TERM_H

#include <stdbool.h>

/* Save stdin's modes (once) and install the signal handlers. */
void term_init(bool tty);
/* Console mode: no echo, no line editing, no signals, 8-bit clean. */
void term_raw(void);
/* The modes saved by term_init. Safe to call any time, twice, from a handler. */
void term_restore(void);

/* SIGINT, SIGTERM, SIGHUP: the signal caught, 0 if none. */
int term_signal(void);
/* While at the prompt there is nothing to save: a signal exits at once. */
void term_at_prompt(bool yes);
/* While the line editor reads a line at the terminal, SIGINT only marks
 * the line to be cancelled (the read is interrupted); term_interrupted
 * says so once. */
void term_editing(bool yes);
bool term_interrupted(void);

#endif
