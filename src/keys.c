/* The console keys.  V6's tty driver erases with `#`, kills the line with
 * `@` and interrupts with DEL (0177), the key most hosts send for
 * Backspace: a newcomer's Backspace silently throws the line away.  With
 * `modern` the keys a host terminal has do what their labels say. */
#include "keys.h"

#include <string.h>

static const char *const names[] = {[KEYS_V6] = "v6", [KEYS_MODERN] = "modern"};

int console_keys_parse(const char *name)
{
	size_t n = strlen(name);
	for (int k = 0; n && k < 2; k++)
		if (strncmp(name, names[k], n) == 0)
			return k;
	return -1;
}

const char *console_keys_name(enum console_keys keys)
{
	return names[keys == KEYS_MODERN];
}

void console_keys_map(enum console_keys keys, uint8_t *buf, size_t n)
{
	if (keys != KEYS_MODERN)
		return;
	for (size_t i = 0; i < n; i++)
		if (buf[i] == 0177 || buf[i] == 010)
			buf[i] = '#';
		else if (buf[i] == 003)
			buf[i] = 0177;
}
