/* Symbols as the session sees them (symview.c). */
#ifndef SYMVIEW_H
#define SYMVIEW_H

#include <stdbool.h>
#include <stdint.h>

struct sim;

/* Symbols of the space a mode sees: kernel, or user (modes 1-3). */
const struct symtab *sim_symtab(struct sim *s, int mode);
/* For disassemble(): ctx is a const struct symtab *. */
int sim_symbolize(void *ctx, uint16_t addr, char *buf, int size);
/* "014450" or "014450 <_wakeup+4>" */
const char *sim_addr(struct sim *s, int mode, uint16_t addr, char *buf, int size);
/* An address: octal (or decimal with `.`), a symbol, or NAME+OFF sums.
 * *sym_mode is set to the space the symbol came from (-1: a number).
 * Prints the error and returns -1. */
int sim_parse_addr(struct sim *s, const char *word, uint64_t max, uint64_t *v, int *sym_mode);
/* Is word (a symbol) known? For the command parser's choice of targets. */
int sim_is_symbol(struct sim *s, const char *word);
/* The instruction at va in a mode's space (read as the monitor reads,
 * without side effects) disassembled, with that space's symbols if sym:
 * how many words it takes, or 0 when va cannot be read (dis is "?"). */
int sim_disassemble_at(struct sim *s, int mode, uint16_t va, bool sym, char *dis, int size);

#endif
