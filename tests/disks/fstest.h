/* Helpers for the V6 file system tests: scratch directories, host files,
 * deterministic random bytes. */
#ifndef FSTEST_H
#define FSTEST_H

#include <check.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "v6fs.h"

/* xorshift32: fixed seeds give the same bytes everywhere. */
static inline uint32_t rnd(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static inline uint8_t *random_bytes(size_t n, uint32_t seed)
{
	uint8_t *p = malloc(n ? n : 1);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(rnd(&seed) >> 11);
	return p;
}

/* A fresh directory under $TMPDIR or /tmp; the path lives in a static
 * buffer per call site's choice. */
static inline void scratch_dir(char *buf, size_t len)
{
	const char *t = getenv("TMPDIR");
	snprintf(buf, len, "%s/v6fs-test-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(buf));
}

static inline int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* rm -r, for the scratch directory at the end of a test. */
static inline void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline uint8_t *read_host(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	*len = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

static inline void write_host(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static inline void report_line(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "check: %s\n", line);
}

/* check must find nothing wrong. */
static inline void assert_clean(struct v6fs *fs)
{
	int n = v6fs_check(fs, report_line, NULL, NULL);
	ck_assert_msg(n == 0, "%s: check found %d problems (listed above)", v6fs_name(fs), n);
}

#endif
