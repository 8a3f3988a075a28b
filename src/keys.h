/* Which host keys reach V6 as what (set console keys=v6|modern). */
#ifndef KEYS_H
#define KEYS_H

#include <stddef.h>
#include <stdint.h>

enum console_keys {
	KEYS_V6,	/* every byte as typed: DEL interrupts, # erases, @ kills */
	KEYS_MODERN,	/* Backspace (DEL or ^H) erases as # does, ^C interrupts as DEL does */
};

/* "v6" or "modern" (any unambiguous prefix); -1 for anything else. */
int console_keys_parse(const char *name);
const char *console_keys_name(enum console_keys keys);
/* Turn n typed bytes into what V6 is to receive, in place. */
void console_keys_map(enum console_keys keys, uint8_t *buf, size_t n);

#endif
