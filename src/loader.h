/* The DEC absolute loader's paper-tape format (PDP-11 Paper Tape Software
 * Handbook): blocks of 001 000, byte count (low, high), load address (low,
 * high), data, checksum. The byte count covers the six header bytes; a
 * block of count 6 carries the start (transfer) address. */
#ifndef LOADER_H
#define LOADER_H

#include <stddef.h>
#include <stdint.h>

typedef int load_store_fn(void *ctx, uint16_t addr, uint8_t byte);

struct load_info {
	int blocks;             /* data blocks loaded */
	uint32_t bytes;
	int has_start;          /* a transfer block was read */
	uint16_t start;         /* its address (odd: the loader halts, no start) */
};

/* Load `tape` through `store`. Returns 0, or -1 with a one-line message
 * (checksum error, truncated block, store failure). */
int absload(const uint8_t *tape, size_t len, load_store_fn *store, void *ctx,
	    struct load_info *info, char *err, int errsize);

#endif
