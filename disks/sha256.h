/* SHA-256 (FIPS 180-4), to check images against a SHA256SUMS manifest. */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t buf[64];
	size_t fill;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(struct sha256 *c, char out[65]);
/* Of a whole host file; -1 (errno set) if it cannot be read. */
int sha256_file(const char *path, char out[65]);

#endif
