/* A whole host file read into memory. */
#include "hostfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int host_read_file(const char *path, size_t limit, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			if (limit && cap == limit)
				break;
			size_t want = cap ? 2 * cap : 65536;
			if (limit && want > limit)
				want = limit;
			uint8_t *b = realloc(buf, want);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -2;
			}
			buf = b;
			cap = want;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		errno = e;
		return -2;
	}
	fclose(f);
	*data = buf;
	*len = n;
	return 0;
}
