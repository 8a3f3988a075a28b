/* The working disks: bootable copies of the stock V6 RK05 packs.
 *
 * rk0 = v6root with /usr/mdec/rkuboot (from the image) in block 0, block
 * and raw device nodes /dev/rk0-2 and /dev/rrk0-2, and the mount points
 * /usr/source and /usr/doc; rk1 = v6src; rk2 = v6doc.  The stock files
 * are only read, and all three are checked against the manifest before
 * anything is written: each disk is made under a temporary name, changed,
 * checked, and then renamed into place. */
#ifndef MKDISKS_H
#define MKDISKS_H

#include <stdio.h>

struct mkdisks {
	const char *stock;	/* directory holding v6root, v6src, v6doc */
	const char *manifest;	/* SHA256SUMS text; NULL: the one built in */
	const char *out;	/* where rk0, rk1, rk2 go (made if missing) */
	int force;		/* replace existing disks (else they are kept:
				 * V6 may have written to them) */
	FILE *log;		/* one line per disk, made or kept; may be NULL */
};

/* The checksum (64 hex digits) a SHA256SUMS text gives name, from a line
 * "HEX  name" or "HEX *name"; -1 if it names none. */
int v6_manifest_sum(const char *manifest, const char *name, char want[65]);

/* 0 when the three disks are there; -1 with one line in err. */
int v6_make_disks(const struct mkdisks *m, char *err, size_t errlen);

/* disks/SHA256SUMS, built in (v6_manifest.c is generated from it). */
extern const char v6_manifest[];

/* The --make-disks option of pdp1140 and v6fs: argv[0] is "--make-disks",
 * then [--force] [--stock DIR] [--manifest FILE] DIR.  $V6_DISKS, when
 * set, says where the stock images are (before --stock).  Writes DIR/v6.ini,
 * the script that boots them.  Returns the exit status. */
int v6_make_disks_main(const char *prog, int argc, char **argv);

#endif
