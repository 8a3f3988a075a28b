/* Symbol tables of V6 a.out files (a.out(V) in the V6 manual): a header of
 * eight words (magic 0407, 0410 or 0411, text, data, bss and symbol table
 * sizes, entry, unused, relocation-suppressed flag), text, data, the
 * relocation bits unless the flag is set, then 12-byte symbols: an 8-byte
 * name padded with NULs, a type word and a value word. Pure functions. */
#ifndef SYMBOLS_H
#define SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

enum {
	SYM_UNDEF = 0, SYM_ABS = 1, SYM_TEXT = 2, SYM_DATA = 3, SYM_BSS = 4,
	SYM_EXTERN = 040,
	SYM_NAME = 8,
};

struct symbol {
	char name[SYM_NAME + 1];
	uint16_t type, value;
};

struct symtab {
	struct symbol *sym;     /* as in the file */
	int n;
	int *order;             /* text, data and bss symbols by value, globals first on ties */
	int norder;
	uint16_t text_lo, text_hi;   /* [lo, hi) holds the program's instructions */
	uint32_t end;           /* addresses at or past this are not the program's */
	char source[256];       /* where it came from, for `show symbols` */
};

/* Parse an a.out image. Returns 0, or -1 with a message. t is replaced. */
int symtab_load(struct symtab *t, const uint8_t *aout, size_t len, char *err, int errsize);
void symtab_free(struct symtab *t);

/* A symbol by name; `wakeup` also finds `_wakeup`, as a C programmer types it. */
const struct symbol *symtab_find(const struct symtab *t, const char *name);
/* The nearest text, data or bss symbol at or below addr, NULL if none or
 * addr lies past the program. */
const struct symbol *symtab_lookup(const struct symtab *t, uint16_t addr);
/* `_name` or `_name+off` (octal offset); 0 when addr has no name. */
int symtab_format(const struct symtab *t, uint16_t addr, char *buf, int size);
/* Is addr inside the program's text? */
int symtab_in_text(const struct symtab *t, uint16_t addr);

#endif
