/* Fuzz target: the snapshot reader (src/snapshot.c). One machine with a
 * scratch pack on rk7 at a fixed path, so that a snapshot saved with that
 * pack (the seeds) fits and its sections are read; a pack elsewhere does
 * not fit, so the fuzzer never attaches or writes a file of its choosing.
 *
 * The machine has 8K of memory, as the seeds do (snapshot_seeds.sh).
 * Input: a snapshot file. Unless its first byte is 0377, the header's
 * checksum and length are made right first, so that mutations reach the
 * sections rather than stopping at the checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim.h"
#include "snapshot.h"

#define DIR "/tmp/pdp1140-fuzz-snapshot"

static struct sim *s;

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void setup(void)
{
	char err[512];
	mkdir(DIR, 0700);
	FILE *f = fopen(DIR "/img", "ab");
	if (f)
		fclose(f);
	s = calloc(1, sizeof *s);
	if (!s || machine_init(&s->m, 8192) != 0)
		abort();
	script_init(&s->sc, &s->m);
	s->limit_time = UINT64_MAX;
	if (rk11_attach(&s->m.rk, 7, DIR "/img", false, true, err, sizeof err) < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!s)
		setup();
	uint8_t *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (size >= 24 && buf[0] != 0377) {
		uint64_t n = size - 24;
		uint32_t c = crc32(buf + 24, n);
		for (int i = 0; i < 4; i++)
			buf[12 + i] = (uint8_t)(c >> 8 * i);
		for (int i = 0; i < 8; i++)
			buf[16 + i] = (uint8_t)(n >> 8 * i);
	}
	char err[8192];
	if (snapshot_restore_bytes(s, "input", buf, size, err, sizeof err) == 0)
		machine_run(&s->m, 2000);	/* what was loaded must run */
	else if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "%s\n", err);
	free(buf);
	return 0;
}
