/* The snapshot file: a header (magic, format version, CRC-32 and length of
 * what follows), then sections (bus/state.h): `conf` (memory size,
 * clock mode, which packs are attached where), the machine's own sections
 * (machine_save), `script` (expect rules, queued sends) and `packs` (each
 * attached pack's bytes, all-zero blocks left out). Breakpoints, symbols,
 * history and the run limit are the debugger's and stay as they are.
 *
 * A restore checks everything it can before it changes anything, and
 * keeps a copy of the session to go back to if loading finds a fault. */
#include "snapshot.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "bus/state.h"
#include "parse.h"
#include "sim.h"
#include "timetravel.h"

static const char MAGIC[8] = "PDP1140S";
enum { HEADER = 24, BLOCK = 512, FILE_MAX = 64 << 20 };

static uint32_t crc32(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	uint32_t c = 0xffffffffu;
	while (n--)
		c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

/* ---- the session's state in memory ---- */

void sim_state_save(struct sim *s, struct state *st, bool rules)
{
	machine_save(&s->m, st);
	size_t k = state_begin(st, "script");
	state_put_u8(st, s->realtime);
	script_save(&s->sc, st, rules);
	state_end(st, k);
}

int sim_state_load(struct sim *s, struct state *st, bool rules)
{
	machine_load(&s->m, st);
	size_t end = state_open(st, "script");
	bool realtime = state_get_bool(st);
	script_load(&s->sc, st, rules);
	state_close(st, end);
	if (!st->bad && !bus_events_complete(&s->m.bus))
		state_fail(st, "an event in the queue belongs to nothing");
	if (st->bad)
		return -1;
	s->realtime = realtime;
	cpu_update_hooks(&s->m.cpu);	/* watchpoints decide the fast paths again */
	return 0;
}

/* ---- saving ---- */

static void save_conf(struct sim *s, struct state *st)
{
	size_t k = state_begin(st, "conf");
	state_put_u32(st, s->m.bus.memsize);
	for (int u = 0; u < RK_DRIVES; u++) {
		struct rk05 *d = &s->m.rk.drive[u];
		state_put_u8(st, d->fp != NULL);
		if (!d->fp)
			continue;
		char full[PATH_MAX];
		state_put_str(st, realpath(d->path, full) ? full : d->path);
		state_put_u8(st, d->hw_readonly);
	}
	state_end(st, k);
}

static int save_packs(struct sim *s, struct state *st, char *err, int errsize)
{
	size_t k = state_begin(st, "packs");
	uint8_t *img = malloc(RK_PACK_BYTES);
	if (!img) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	for (int u = 0; u < RK_DRIVES; u++) {
		long size = rk11_image_size(&s->m.rk, u);
		if (size < 0)
			continue;
		if (size > RK_PACK_BYTES || rk11_image_read(&s->m.rk, u, img, (size_t)size) != 0) {
			snprintf(err, errsize, "rk%d: %s: cannot read the pack", u, s->m.rk.drive[u].path);
			free(img);
			return -1;
		}
		memset(img + size, 0, (size_t)(RK_PACK_BYTES - size));
		state_put_u8(st, (uint8_t)u);
		state_put_u64(st, (uint64_t)size);
		for (long b = 0; b * BLOCK < size; b++) {
			const uint8_t *p = img + b * BLOCK;
			bool zero = true;
			for (int i = 0; i < BLOCK && zero; i++)
				zero = p[i] == 0;
			state_put_u8(st, !zero);
			if (!zero)
				state_put(st, p, BLOCK);
		}
	}
	free(img);
	state_put_u8(st, 0377);	/* end of the packs */
	state_end(st, k);
	return 0;
}

int snapshot_save(struct sim *s, const char *path, char *err, int errsize)
{
	struct state st = { 0 };
	/* the header's place, filled in below */
	state_put(&st, MAGIC, sizeof MAGIC);
	state_put_u32(&st, SNAPSHOT_VERSION);
	state_put_u32(&st, 0);
	state_put_u64(&st, 0);
	save_conf(s, &st);
	sim_state_save(s, &st, true);
	if (save_packs(s, &st, err, errsize) != 0) {
		state_free(&st);
		return -1;
	}
	if (st.bad) {
		snprintf(err, errsize, "save: %s: %s", path, st.why);
		state_free(&st);
		return -1;
	}
	uint32_t crc = crc32(st.buf + HEADER, st.len - HEADER);
	uint64_t n = st.len - HEADER;
	for (int i = 0; i < 4; i++)
		st.buf[12 + i] = (uint8_t)(crc >> 8 * i);
	for (int i = 0; i < 8; i++)
		st.buf[16 + i] = (uint8_t)(n >> 8 * i);

	/* A temporary file beside the target, then rename: a reader sees the
	 * old snapshot or the new one, never half of one. */
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(err, errsize, "save: %s: name too long", path);
		state_free(&st);
		return -1;
	}
	int fd = mkstemp(tmp);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	int bad = !fp || fwrite(st.buf, 1, st.len, fp) != st.len || fflush(fp) != 0 || fsync(fd) != 0;
	int e = errno;
	if (fp)
		bad |= fclose(fp) != 0;
	else if (fd >= 0)
		close(fd);
	if (!bad && rename(tmp, path) != 0) {
		bad = 1;
		e = errno;
	}
	state_free(&st);
	if (bad) {
		if (fd >= 0)
			unlink(tmp);
		snprintf(err, errsize, "save: %s: %s", path, strerror(e ? e : EIO));
		return -1;
	}
	return 0;
}

/* ---- restoring ---- */

struct saved_pack {
	bool attached, readonly;
	char path[PATH_MAX];
	uint8_t *data;          /* the pack's bytes, NULL: not in the file */
	uint64_t size;
};

struct plan {
	uint32_t memsize;
	struct saved_pack pack[RK_DRIVES];
	bool attach;            /* the machine has no pack: attach the snapshot's */
	size_t machine_at;      /* where the machine's sections begin */
};

static void plan_free(struct plan *p)
{
	for (int u = 0; u < RK_DRIVES; u++)
		free(p->pack[u].data);
}

static void read_conf(struct state *st, struct plan *p)
{
	size_t end = state_open(st, "conf");
	p->memsize = state_get_u32(st);
	for (int u = 0; u < RK_DRIVES && !st->bad; u++) {
		struct saved_pack *k = &p->pack[u];
		k->attached = state_get_bool(st);
		if (!k->attached)
			continue;
		state_get_str(st, k->path, sizeof k->path);
		k->readonly = state_get_bool(st);
		if (!st->bad && !k->path[0])
			state_fail(st, "rk%d: a pack without a name", u);
	}
	state_close(st, end);
	if (!st->bad && (p->memsize == 0 || p->memsize > MEM_MAX || p->memsize % 4096))
		state_fail(st, "memory of %u bytes", p->memsize);
}

static void read_packs(struct state *st, struct plan *p)
{
	size_t end = state_open(st, "packs");
	for (;;) {
		uint8_t u = state_get_u8(st);
		if (st->bad || u == 0377)
			break;
		struct saved_pack *k = u < RK_DRIVES ? &p->pack[u] : NULL;
		if (!k || !k->attached || k->data) {
			state_fail(st, "pack for rk%u, which has none or has one already", u);
			break;
		}
		k->size = state_get_u64(st);
		if (k->size > RK_PACK_BYTES) {
			state_fail(st, "rk%u: a pack of %llu bytes", u, (unsigned long long)k->size);
			break;
		}
		k->data = calloc(1, RK_PACK_BYTES);
		if (!k->data) {
			state_fail(st, "out of memory");
			break;
		}
		for (uint64_t b = 0; b * BLOCK < k->size && !st->bad; b++)
			if (state_get_bool(st))
				state_get(st, k->data + b * BLOCK, BLOCK);
	}
	state_close(st, end);
	for (int u = 0; u < RK_DRIVES && !st->bad; u++)
		if (p->pack[u].attached && !p->pack[u].data)
			state_fail(st, "rk%d: the pack's bytes are missing", u);
}

static bool same_file(const char *path, const struct rk05 *d)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_dev == d->st_dev && st.st_ino == d->st_ino;
}

/* Does the snapshot fit this machine? The message names what does not. */
static int check_fit(struct sim *s, struct plan *p, char *why, int size)
{
	struct rk11 *rk = &s->m.rk;
	p->attach = true;
	for (int u = 0; u < RK_DRIVES; u++)
		if (rk->drive[u].fp)
			p->attach = false;
	if (!p->attach && p->memsize != s->m.bus.memsize) {
		snprintf(why, size, "its memory is %uK, this machine's %uK (set cpu %uk first)",
			 p->memsize / 1024, s->m.bus.memsize / 1024, p->memsize / 1024);
		return -1;
	}
	for (int u = 0; u < RK_DRIVES; u++) {
		struct saved_pack *k = &p->pack[u];
		struct rk05 *d = &rk->drive[u];
		if (p->attach)
			continue;
		if (!k->attached && d->fp) {
			snprintf(why, size, "rk%d has %s here and no pack in the snapshot", u, d->path);
			return -1;
		}
		if (k->attached && !d->fp) {
			snprintf(why, size, "rk%d has no pack here and %s in the snapshot", u, k->path);
			return -1;
		}
		if (k->attached && !same_file(k->path, d)) {
			snprintf(why, size, "rk%d has %s here and %s in the snapshot", u, d->path, k->path);
			return -1;
		}
		if (k->attached && k->readonly != d->hw_readonly) {
			snprintf(why, size, "rk%d is attached %s here and %s in the snapshot", u,
				 d->hw_readonly ? "read-only" : "read-write", k->readonly ? "read-only" : "read-write");
			return -1;
		}
	}
	return 0;
}

/* A read-only pack is never written: it must hold what the snapshot says. */
static int check_readonly_packs(struct sim *s, struct plan *p, char *why, int size)
{
	if (p->attach)
		return 0;
	uint8_t *img = malloc(RK_PACK_BYTES);
	int rc = img ? 0 : -1;
	for (int u = 0; u < RK_DRIVES && rc == 0; u++) {
		struct saved_pack *k = &p->pack[u];
		if (!k->attached || !k->readonly)
			continue;
		long n = rk11_image_size(&s->m.rk, u);
		if (n != (long)k->size || rk11_image_read(&s->m.rk, u, img, (size_t)n) != 0 ||
		    memcmp(img, k->data, (size_t)n) != 0) {
			snprintf(why, size, "rk%d: %s is read-only and differs from the snapshot's pack", u, k->path);
			rc = -1;
		}
	}
	if (!img)
		snprintf(why, size, "out of memory");
	free(img);
	return rc;
}

static int attach_packs(struct sim *s, struct plan *p, char *why, int size)
{
	for (int u = 0; u < RK_DRIVES; u++) {
		struct saved_pack *k = &p->pack[u];
		if (!k->attached)
			continue;
		char e[4096 + 128];	/* a path of up to 4095 bytes and the words around it */
		int r = rk11_attach(&s->m.rk, u, k->path, k->readonly, true, e, sizeof e);
		if (r == 1 && !k->readonly) {
			snprintf(e, sizeof e, "rk%d: %s: read-only here, read-write in the snapshot", u, k->path);
			r = -1;
		}
		if (r < 0) {
			snprintf(why, size, "%s", e);
			rk11_detach_all(&s->m.rk);
			return -1;
		}
	}
	return 0;
}

static int write_packs(struct sim *s, struct plan *p, char *err, int errsize)
{
	for (int u = 0; u < RK_DRIVES; u++) {
		struct saved_pack *k = &p->pack[u];
		if (!k->attached || s->m.rk.drive[u].hw_readonly)
			continue;
		if (rk11_image_write(&s->m.rk, u, k->data, (size_t)k->size) != 0) {
			snprintf(err, errsize, "restore: rk%d: %s: %s", u, k->path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int snapshot_restore_bytes(struct sim *s, const char *name, const uint8_t *buf, size_t len,
			   char *err, int errsize)
{
	char why[PATH_MAX + 128] = "";
	if (len < HEADER || memcmp(buf, MAGIC, sizeof MAGIC) != 0) {
		snprintf(err, errsize, "restore: %s: not a snapshot", name);
		return -1;
	}
	struct state st;
	state_reader(&st, buf, len);
	st.pos = sizeof MAGIC;
	uint32_t version = state_get_u32(&st), crc = state_get_u32(&st);
	uint64_t n = state_get_u64(&st);
	if (version != SNAPSHOT_VERSION) {
		snprintf(err, errsize, "restore: %s: format version %u (this program reads %d)", name,
			 version, SNAPSHOT_VERSION);
		return -1;
	}
	if (n > len - HEADER) {
		snprintf(err, errsize, "restore: %s: truncated (%zu of %llu bytes)", name, len,
			 (unsigned long long)(n + HEADER));
		return -1;
	}
	if (n < len - HEADER || crc32(buf + HEADER, n) != crc) {
		snprintf(err, errsize, "restore: %s: corrupted (checksum)", name);
		return -1;
	}

	/* Everything that can be checked before anything changes. */
	struct plan p = { 0 };
	read_conf(&st, &p);
	p.machine_at = st.pos;
	/* the packs come last: skip the machine and script sections */
	static const char packs_tag[8] = "packs";
	while (!st.bad && st.len - st.pos >= 12 && memcmp(st.buf + st.pos, packs_tag, 8) != 0) {
		st.pos += 8;
		uint32_t k = state_get_u32(&st);
		if (k > st.len - st.pos)
			state_fail(&st, "a section runs past the end");
		else
			st.pos += k;
	}
	read_packs(&st, &p);
	if (!st.bad && st.pos != st.len)
		state_fail(&st, "%zu bytes after the packs", st.len - st.pos);
	if (st.bad) {
		snprintf(err, errsize, "restore: %s: corrupted (%s)", name, st.why);
		plan_free(&p);
		return -1;
	}
	if (check_fit(s, &p, why, sizeof why) != 0 || check_readonly_packs(s, &p, why, sizeof why) != 0) {
		snprintf(err, errsize, "restore: %s does not fit: %s", name, why);
		plan_free(&p);
		return -1;
	}

	/* A copy of the session to go back to. */
	struct state backup = { 0 };
	uint32_t old_memsize = s->m.bus.memsize;
	sim_state_save(s, &backup, true);
	if (backup.bad) {
		snprintf(err, errsize, "restore: %s: out of memory", name);
		state_free(&backup);
		plan_free(&p);
		return -1;
	}
	int rc = 0;
	if (p.attach && (attach_packs(s, &p, why, sizeof why) != 0 ||
			 machine_set_memsize(&s->m, p.memsize) != 0)) {
		snprintf(err, errsize, "restore: %s: %s", name, why[0] ? why : "cannot set the memory size");
		rk11_detach_all(&s->m.rk);
		rc = -1;
	} else {
		state_reader(&st, buf, HEADER + n);
		st.pos = p.machine_at;
		if (sim_state_load(s, &st, true) != 0) {
			snprintf(err, errsize, "restore: %s: corrupted (%s)", name, st.why);
			if (p.attach)
				rk11_detach_all(&s->m.rk);
			rc = -1;
		}
	}
	if (rc != 0) {
		machine_set_memsize(&s->m, old_memsize);
		struct state back;
		state_reader(&back, backup.buf, backup.len);
		sim_state_load(s, &back, true);
	} else {
		timetravel_forget(s);	/* the packs' journal is no use from here */
		rc = write_packs(s, &p, err, errsize);
	}
	state_free(&backup);
	plan_free(&p);
	return rc;
}

int snapshot_restore(struct sim *s, const char *path, char *err, int errsize)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errsize, "restore: %s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "restore: %s: not a regular file", path);
		fclose(fp);
		return -1;
	}
	if (st.st_size > FILE_MAX) {
		snprintf(err, errsize, "restore: %s: not a snapshot (%lld bytes)", path, (long long)st.st_size);
		fclose(fp);
		return -1;
	}
	uint8_t *buf = malloc((size_t)st.st_size + 1);
	size_t n = buf ? fread(buf, 1, (size_t)st.st_size, fp) : 0;
	int bad = !buf || ferror(fp);
	fclose(fp);
	int rc = -1;
	if (bad)
		snprintf(err, errsize, "restore: %s: %s", path, buf ? "read error" : "out of memory");
	else
		rc = snapshot_restore_bytes(s, path, buf, n, err, errsize);
	free(buf);
	return rc;
}

/* ---- commands ---- */

static int file_arg(struct sim *s, int argc, char **argv, const char *cmd, char *path, int size)
{
	char err[256];
	if (argc != 1) {
		sim_error(s, "usage: %s", command_find(cmd)->usage);
		return -1;
	}
	if (parse_string(argv[0], path, size, err, sizeof err) < 0) {
		sim_error(s, "%s", err);
		return -1;
	}
	return 0;
}

int cmd_save(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	char path[PATH_MAX], err[PATH_MAX + 256];
	if (file_arg(s, argc, argv, "save", path, sizeof path))
		return CMD_ERROR;
	if (snapshot_save(s, path, err, sizeof err) != 0) {
		sim_error(s, "%s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}

int cmd_restore(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	char path[PATH_MAX], err[2 * PATH_MAX + 256];
	if (file_arg(s, argc, argv, "restore", path, sizeof path))
		return CMD_ERROR;
	if (snapshot_restore(s, path, err, sizeof err) != 0) {
		sim_error(s, "%s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}
