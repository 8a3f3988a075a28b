/* The absolute loader on byte buffers, and on DEC's own tapes when present. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

struct tape {
	uint8_t b[4096];
	size_t n;
};

static void put(struct tape *t, uint8_t c) { t->b[t->n++] = c; }

/* One block as the format defines it: the checksum makes the block sum to 0. */
static void block(struct tape *t, uint16_t addr, const uint8_t *data, unsigned n)
{
	size_t start = t->n;
	unsigned count = n + 6;
	put(t, 1);
	put(t, 0);
	put(t, count & 0377);
	put(t, count >> 8);
	put(t, addr & 0377);
	put(t, addr >> 8);
	for (unsigned i = 0; i < n; i++)
		put(t, data[i]);
	unsigned sum = 0;
	for (size_t i = start; i < t->n; i++)
		sum += t->b[i];
	put(t, (uint8_t)(-sum & 0377));
}

static uint8_t mem[65536];
static int stores;

static int store(void *ctx, uint16_t addr, uint8_t byte)
{
	(void)ctx;
	mem[addr] = byte;
	stores++;
	return 0;
}

static int store_low_only(void *ctx, uint16_t addr, uint8_t byte)
{
	(void)ctx;
	if (addr >= 01000)
		return -1;
	mem[addr] = byte;
	return 0;
}

static void setup(void)
{
	memset(mem, 0, sizeof mem);
	stores = 0;
}

START_TEST(loads_blocks_and_start_address)
{
	struct tape t = { .n = 0 };
	for (int i = 0; i < 20; i++)
		put(&t, 0);	/* leader */
	put(&t, 0377);	/* garbage before the first block */
	const uint8_t a[] = { 0301, 0025, 0, 0 };
	const uint8_t b[] = { 0377 };
	block(&t, 01000, a, sizeof a);
	put(&t, 0);
	block(&t, 02001, b, sizeof b);
	block(&t, 01000, NULL, 0);
	block(&t, 03000, a, sizeof a);	/* after the transfer block: not loaded */

	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n, store, NULL, &info, err, sizeof err), 0);
	ck_assert_int_eq(info.blocks, 2);
	ck_assert_uint_eq(info.bytes, 5);
	ck_assert_int_eq(info.has_start, 1);
	ck_assert_uint_eq(info.start, 01000);
	ck_assert_uint_eq(mem[01000], 0301);
	ck_assert_uint_eq(mem[01001], 0025);
	ck_assert_uint_eq(mem[02001], 0377);
	ck_assert_uint_eq(mem[03000], 0);
	ck_assert_int_eq(stores, 5);
}
END_TEST

START_TEST(no_transfer_block)
{
	struct tape t = { .n = 0 };
	const uint8_t a[] = { 1, 2 };
	block(&t, 0100, a, sizeof a);
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n, store, NULL, &info, err, sizeof err), 0);
	ck_assert_int_eq(info.has_start, 0);
	ck_assert_uint_eq(mem[0101], 2);
}
END_TEST

START_TEST(odd_start_is_reported_as_is)
{
	struct tape t = { .n = 0 };
	block(&t, 1, NULL, 0);
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n, store, NULL, &info, err, sizeof err), 0);
	ck_assert_int_eq(info.has_start, 1);
	ck_assert_uint_eq(info.start, 1);
}
END_TEST

START_TEST(checksum_error_stops_before_storing)
{
	struct tape t = { .n = 0 };
	const uint8_t a[] = { 1, 2, 3, 4 };
	block(&t, 0100, a, sizeof a);
	block(&t, 0200, a, sizeof a);
	t.b[t.n - 3] ^= 040;	/* a data byte of the second block */
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n, store, NULL, &info, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "checksum"));
	ck_assert_ptr_nonnull(strstr(err, "000200"));
	ck_assert_uint_eq(mem[0100], 1);	/* the first block went in */
	ck_assert_uint_eq(mem[0200], 0);	/* the bad one did not */
}
END_TEST

/* The checksum is a whole byte: a block off by 0200 alone (bit 7 of
 * one byte: the address, the data or the checksum itself) is refused. */
START_TEST(checksum_covers_bit_7)
{
	const uint8_t a[] = { 1, 2, 0377, 4 };
	for (size_t k = 4; k < 11; k++) {
		struct tape t = { .n = 0 };
		block(&t, 0100, a, sizeof a);
		t.b[k] ^= 0200;
		struct load_info info;
		char err[128];
		ck_assert_msg(absload(t.b, t.n, store, NULL, &info, err, sizeof err) == -1,
			      "block with byte %zu off by 0200 was loaded", k);
		ck_assert_ptr_nonnull(strstr(err, "checksum"));
	}
}
END_TEST

START_TEST(truncated_and_malformed_blocks)
{
	struct tape t = { .n = 0 };
	const uint8_t a[] = { 1, 2, 3, 4 };
	block(&t, 0100, a, sizeof a);
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n - 1, store, NULL, &info, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cut short"));
	ck_assert_int_eq(absload(t.b, 4, store, NULL, &info, err, sizeof err), -1);

	const uint8_t bad[] = { 1, 0, 4, 0, 0, 0, 0373 };	/* count below 6 */
	ck_assert_int_eq(absload(bad, sizeof bad, store, NULL, &info, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "below 6"));
}
END_TEST

START_TEST(store_failure_names_the_address)
{
	struct tape t = { .n = 0 };
	const uint8_t a[] = { 1, 2, 3, 4 };
	block(&t, 0776, a, sizeof a);
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(t.b, t.n, store_low_only, NULL, &info, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "001000"));
}
END_TEST

/* DEC's diagnostics are absolute-loader tapes: every block must check. */
START_TEST(dec_diagnostic_tapes)
{
	const char *dir = getenv("PDP11_DIAGS");
	char path[512];
	snprintf(path, sizeof path, "%s/CKBKA0.BIC", dir ? dir : DIAGS_DIR);
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "skipped: %s not found (set PDP11_DIAGS)\n", path);
		return;
	}
	static uint8_t buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	struct load_info info;
	char err[128];
	ck_assert_int_eq(absload(buf, n, store, NULL, &info, err, sizeof err), 0);
	ck_assert_int_gt(info.blocks, 1);
	ck_assert_int_eq(info.has_start, 1);
	/* MAINDEC convention: the vectors area and code start low */
	ck_assert_uint_gt(info.bytes, 1000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("loader");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, loads_blocks_and_start_address);
	tcase_add_test(tc, no_transfer_block);
	tcase_add_test(tc, odd_start_is_reported_as_is);
	tcase_add_test(tc, checksum_error_stops_before_storing);
	tcase_add_test(tc, checksum_covers_bit_7);
	tcase_add_test(tc, truncated_and_malformed_blocks);
	tcase_add_test(tc, store_failure_names_the_address);
	tcase_add_test(tc, dec_diagnostic_tapes);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
