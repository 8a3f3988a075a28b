/* The shadow machine of `set cpu lockstep` (docs/architecture.md,
 * Lockstep). The session's machine runs the fast engine; the shadow, a
 * second machine with the reference engine, runs beside it under
 * bus/lockstep.c. At the start of every slice the shadow takes the
 * session's whole state (machine_save, and the queued console input of
 * `send`, whose events it runs on its own bus), so that whatever the
 * monitor changed between slices (deposits, attach, send, a real-time
 * tick) reaches both; at the end of the slice both states must be the
 * same, byte for byte. The shadow's packs are private copies of the
 * session's, made when a pack is attached, and its console output is
 * dropped. */
#include "shadow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bus/lockstep.h"
#include "bus/state.h"

struct shadow {
	struct machine m;       /* the reference machine */
	struct script sc;       /* its copy of the session's queued input */
	struct lockstep ls;
	struct {                /* the session's pack each private copy came from */
		bool on;
		dev_t dev;
		ino_t ino;
	} src[RK_DRIVES];
};

bool shadow_option(const char *arg)
{
	return strcasecmp(arg, "lockstep") == 0 || strcasecmp(arg, "nolockstep") == 0 ||
	       strncasecmp(arg, "engine=", 7) == 0;
}

/* A private copy of the session's pack on unit u for the shadow: a file
 * in $TMPDIR, unlinked at once (the open file lives on). */
static int copy_pack(struct sim *s, struct shadow *sh, int u)
{
	struct rk05 *d = &s->m.rk.drive[u];
	struct stat st;
	long size = rk11_image_size(&s->m.rk, u);
	if (size < 0 || fstat(fileno(d->fp), &st) != 0)
		return -1;
	uint8_t *buf = malloc(size ? (size_t)size : 1);
	const char *tmp = getenv("TMPDIR");
	char path[4096], err[256];
	snprintf(path, sizeof path, "%s/pdp1140-lockstep-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = buf ? mkstemp(path) : -1;
	if (fd < 0) {
		free(buf);
		return -1;
	}
	bool ok = rk11_image_read(&s->m.rk, u, buf, (size_t)size) == 0 &&
		  write(fd, buf, (size_t)size) == (ssize_t)size;
	ok = close(fd) == 0 && ok;
	int rc = ok && rk11_attach(&sh->m.rk, u, path, false, false, err, sizeof err) >= 0 ? 0 : -1;
	unlink(path);
	free(buf);
	if (rc == 0) {
		sh->src[u].on = true;
		sh->src[u].dev = st.st_dev;
		sh->src[u].ino = st.st_ino;
	}
	return rc;
}

/* The packs: the shadow has a copy of each pack the session has. */
static int sync_packs(struct sim *s, struct shadow *sh)
{
	for (int u = 0; u < RK_DRIVES; u++) {
		struct rk05 *d = &s->m.rk.drive[u];
		struct stat st;
		bool same = d->fp && sh->src[u].on && fstat(fileno(d->fp), &st) == 0 &&
			    st.st_dev == sh->src[u].dev && st.st_ino == sh->src[u].ino;
		if (!same && sh->src[u].on) {
			rk11_detach(&sh->m.rk, u);
			sh->src[u].on = false;
		}
		if (!same && d->fp && copy_pack(s, sh, u) != 0) {
			fprintf(stderr, "lockstep: rk%d: no private copy of the pack: %s\n", u, strerror(errno));
			return -1;
		}
		sh->m.rk.drive[u].hw_readonly = d->hw_readonly;
		sh->m.rk.drive[u].wlk_switch = d->wlk_switch;
	}
	return 0;
}

/* The session's state into the shadow. */
static int sync_state(struct sim *s, struct shadow *sh)
{
	struct machine *a = &s->m, *b = &sh->m;
	if (b->bus.memsize != a->bus.memsize && machine_set_memsize(b, a->bus.memsize) != 0)
		return -1;
	if (machine_set_kl_lines(b, a->kl_lines) != 0 || sync_packs(s, sh) != 0)
		return -1;
	struct state st = { 0 }, rd;
	machine_save(a, &st);
	script_save(&s->sc, &st, false);
	state_reader(&rd, st.buf, st.len);
	machine_load(b, &rd);
	script_load(&sh->sc, &rd, false);
	bool bad = st.bad || rd.bad;
	if (rd.bad)
		fprintf(stderr, "lockstep: the shadow cannot take the state: %s\n", rd.why);
	state_free(&st);
	/* what the state leaves out: options, the instruction in progress */
	b->cpu.kj11 = a->cpu.kj11;
	cpu_set_slr(&b->cpu, a->cpu.slr);
	b->cpu.irq_seen = a->cpu.irq_seen;
	b->cpu.psw_cc_pending = a->cpu.psw_cc_pending;
	b->cpu.psw_cc = a->cpu.psw_cc;
	/* a watchpoint stops both at the same write */
	b->cpu.watchmap = a->cpu.watchmap;
	cpu_update_hooks(&b->cpu);
	return bad ? -1 : 0;
}

enum stop shadow_run(struct sim *s, uint64_t n)
{
	struct shadow *sh = s->shadow;
	if (s->telnet_on) {
		fprintf(stderr, "lockstep: not with telnet lines (their clients' pace is not the shadow's)\n");
		return STOP_LOCKSTEP;
	}
	if (sync_state(s, sh) != 0)
		return STOP_LOCKSTEP;
	enum stop r = lockstep_run(&sh->ls, n, true);
	if (r != STOP_LOCKSTEP && !lockstep_same_state(&sh->ls))
		r = STOP_LOCKSTEP;
	return r;
}

static int shadow_on(struct sim *s)
{
	if (s->shadow)
		return CMD_OK;
	if (s->telnet_on) {
		sim_error(s, "set cpu: lockstep: not with telnet lines");
		return CMD_ERROR;
	}
	struct shadow *sh = calloc(1, sizeof *sh);
	if (!sh || machine_init(&sh->m, s->m.bus.memsize) != 0) {
		free(sh);
		sim_error(s, "set cpu: lockstep: cannot build the shadow machine");
		return CMD_ERROR;
	}
	script_init(&sh->sc, &sh->m);
	lockstep_init(&sh->ls, &s->m, &sh->m, stderr);
	s->shadow = sh;
	return CMD_OK;
}

void shadow_free(struct sim *s)
{
	struct shadow *sh = s->shadow;
	if (!sh)
		return;
	fprintf(stderr, "lockstep: %llu instructions compared%s\n", (unsigned long long)sh->ls.steps,
		sh->ls.failed ? ", a difference found" : ", no difference");
	sh->m.cpu.watchmap = NULL;	/* the debugger's */
	script_free(&sh->sc);
	machine_free(&sh->m);
	free(sh);
	s->shadow = NULL;
}

int shadow_set(struct sim *s, const char *arg)
{
	if (strcasecmp(arg, "lockstep") == 0)
		return shadow_on(s);
	if (strcasecmp(arg, "nolockstep") == 0) {
		shadow_free(s);
		return CMD_OK;
	}
	const char *e = arg + 7;
	if (strcasecmp(e, "fast") != 0 && strcasecmp(e, "reference") != 0) {
		sim_error(s, "set cpu: engine=fast or engine=reference, not %s", e);
		return CMD_ERROR;
	}
	s->m.cpu.reference = strcasecmp(e, "reference") == 0;
	mmu_refresh(&s->m.cpu);
	return CMD_OK;
}
