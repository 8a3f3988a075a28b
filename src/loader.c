/* Absolute loader. Like the paper-tape loader, anything before a block's
 * 001 000 (leader, trailer, garbage) is skipped; the checksum byte makes the
 * whole block, header included, sum to 0 mod 256. */
#include "loader.h"

#include <stdio.h>
#include <string.h>

int absload(const uint8_t *tape, size_t len, load_store_fn *store, void *ctx,
	    struct load_info *info, char *err, int errsize)
{
	memset(info, 0, sizeof *info);
	size_t i = 0;
	for (;;) {
		while (i < len && !(tape[i] == 1 && i + 1 < len && tape[i + 1] == 0))
			i++;
		if (i >= len)
			return 0;	/* tape ended without a transfer block */
		size_t at = i;
		if (len - i < 6) {
			snprintf(err, errsize, "offset %zu: block header cut short", at);
			return -1;
		}
		unsigned count = tape[i + 2] | tape[i + 3] << 8;
		uint16_t addr = (uint16_t)(tape[i + 4] | tape[i + 5] << 8);
		if (count < 6) {
			snprintf(err, errsize, "offset %zu: byte count %u is below 6", at, count);
			return -1;
		}
		if (len - i < (size_t)count + 1) {
			snprintf(err, errsize, "offset %zu: block of %u bytes cut short", at, count);
			return -1;
		}
		unsigned sum = 0;
		for (size_t k = 0; k <= count; k++)
			sum += tape[i + k];
		if (sum & 0377) {
			snprintf(err, errsize, "offset %zu: checksum error in block at address %06o",
				 at, addr);
			return -1;
		}
		const uint8_t *data = tape + i + 6;
		unsigned n = count - 6;
		i += count + 1;
		if (n == 0) {
			info->has_start = 1;
			info->start = addr;
			return 0;
		}
		for (unsigned k = 0; k < n; k++)
			if (store(ctx, (uint16_t)(addr + k), data[k]) != 0) {
				snprintf(err, errsize, "no memory at address %06o", (uint16_t)(addr + k));
				return -1;
			}
		info->blocks++;
		info->bytes += n;
	}
}
