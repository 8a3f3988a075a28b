/* systrace: the system calls of V6's user processes watched from outside,
 * as strace shows them. Three kernel addresses go into the breakpoint
 * map (debug.c): the trap vector's handler (`trap` in m40.s: a sys
 * instruction's number and arguments, read from the caller's memory as
 * trap() will read them), the return from trap1() in trap() (u_error and
 * the saved r0 then hold the result), and swtch() (a call in progress
 * there sleeps: <unfinished ...>). Off, the map holds none of them and
 * the CPU runs as without it; on, the hits only read memory. */
#include "systrace.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "ksrc.h"
#include "parse.h"
#include "sim.h"

enum { PENDING_MAX = 64, LINE_MAX_ = 400, SYS = 0104400, TRAP_SYS = 6 };

struct pending {
	int pid;                /* 0: free */
	int call;
	bool unfinished;        /* printed with <unfinished ...> */
	bool child;             /* a fork's child, made at its parent's return */
	bool shown;             /* the filter took it at its start */
	char line[LINE_MAX_];   /* "[8 sh] read(0, 0177430, 1)" */
};

struct systrace {
	FILE *out;
	bool to_file;
	int pid;                /* filter: a pid (-1 none) or a command */
	char command[16];
	uint16_t trap_pc, ret_pc, swtch_pc;
	uint16_t u, u_procp, u_error, u_intflg, u_ar0;     /* _u and member offsets */
	uint16_t p_pid, p_addr, p_size;
	struct pending pend[PENDING_MAX];
	int victim;
};

/* How V6's C library passes each call's arguments (the .s files of /usr/source/s4):
 * R: the first in r0, then the words after the sys instruction, each
 * d (decimal), o (octal), a (an address), s (a path) or v (argv). */
static const struct { const char *name, *args; } call_args[] = {
	{ "exit", "Rd" }, { "fork", "" }, { "read", "Rdad" }, { "write", "Rdad" },
	{ "open", "sd" }, { "close", "Rd" }, { "wait", "" }, { "creat", "so" },
	{ "link", "ss" }, { "unlink", "s" }, { "exec", "sv" }, { "chdir", "s" },
	{ "time", "" }, { "mknod", "soo" }, { "chmod", "so" }, { "chown", "sd" },
	{ "break", "a" }, { "stat", "sa" }, { "seek", "Rddd" }, { "getpid", "" },
	{ "mount", "ssd" }, { "umount", "s" }, { "setuid", "Rd" }, { "getuid", "" },
	{ "fstat", "Rda" }, { "stty", "Rda" }, { "gtty", "Rda" }, { "nice", "Rd" },
	{ "sleep", "Rd" }, { "sync", "" }, { "kill", "Rdd" }, { "dup", "Rd" },
	{ "pipe", "" }, { "times", "a" }, { "setgid", "Rd" }, { "getgid", "" },
	{ "sig", "dda" },
};

static int kword(struct sim *s, uint16_t va, uint16_t *w)
{
	return cpu_peek(&s->m.cpu, va, MODE_KERNEL, w) == BUS_OK ? 0 : -1;
}

static int uword(struct sim *s, uint16_t va, uint16_t *w)
{
	return cpu_peek(&s->m.cpu, va, MODE_USER, w) == BUS_OK ? 0 : -1;
}

static int ubyte(struct sim *s, uint16_t va, uint8_t *b)
{
	uint16_t w;
	if (uword(s, (uint16_t)(va & ~1), &w) < 0)
		return -1;
	*b = (uint8_t)(va & 1 ? w >> 8 : w);
	return 0;
}

/* append to a line, cut at its end */
static void put(char *line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(char *line, const char *fmt, ...)
{
	size_t n = strlen(line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line + n, LINE_MAX_ - n, fmt, ap);
	va_end(ap);
}

/* a string in user memory, as strace quotes it */
static void put_string(struct sim *s, char *line, uint16_t addr)
{
	put(line, "\"");
	for (int i = 0; i < 64; i++) {
		uint8_t c;
		if (ubyte(s, (uint16_t)(addr + i), &c) < 0) {
			put(line, "\"<unreadable %06o>", addr);
			return;
		}
		if (!c) {
			put(line, "\"");
			return;
		}
		if (c == '"' || c == '\\')
			put(line, "\\%c", c);
		else if (c >= 040 && c < 0177)
			put(line, "%c", c);
		else if (c == '\n')
			put(line, "\\n");
		else
			put(line, "\\%03o", c);
	}
	put(line, "\"...");
}

static void put_number(char *line, char kind, uint16_t v)
{
	if (kind == 'd')
		put(line, "%d", (int16_t)v);
	else if (kind == 'o' || kind == 'a' || v >= 010000)
		put(line, v ? "0%o" : "0", v);
	else
		put(line, "%d", v);
}

static void put_argv(struct sim *s, char *line, uint16_t addr)
{
	put(line, "[");
	for (int i = 0; i < 16; i++) {
		uint16_t p;
		if (uword(s, (uint16_t)(addr + 2 * i), &p) < 0) {
			put(line, "<unreadable %06o>]", addr);
			return;
		}
		if (!p) {
			put(line, "]");
			return;
		}
		if (i)
			put(line, ", ");
		put_string(s, line, p);
	}
	put(line, ", ...]");
}

/* "[8 sh] " for the process running: its pid and argv[0]'s last part */
static int whoami(struct sim *s, struct systrace *t, char *who, int size, char *cmd, int cmdsize)
{
	uint16_t procp, pid = 0, addr = 0, psize = 0;
	if (kword(s, (uint16_t)(t->u + t->u_procp), &procp) < 0 || kword(s, (uint16_t)(procp + t->p_pid), &pid) < 0 ||
	    kword(s, (uint16_t)(procp + t->p_addr), &addr) < 0 || kword(s, (uint16_t)(procp + t->p_size), &psize) < 0)
		return -1;
	char args[128];
	kdebug_proc_args(s, addr, psize, args, sizeof args);
	args[strcspn(args, " ")] = 0;
	const char *base = strrchr(args, '/') ? strrchr(args, '/') + 1 : args;
	snprintf(cmd, (size_t)cmdsize, "%.15s", *base ? base : "?");
	snprintf(who, (size_t)size, "[%d %s] ", pid, cmd);
	return pid;
}

static struct pending *find(struct systrace *t, int pid)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (t->pend[i].pid == pid)
			return &t->pend[i];
	return NULL;
}

static bool wanted(const struct systrace *t, int pid, const char *cmd)
{
	return (t->pid < 0 && !t->command[0]) || t->pid == pid || (t->command[0] && strcmp(cmd, t->command) == 0);
}

/* At `trap` with a sys trap from user mode: the call and its arguments. */
static void call_entry(struct sim *s, struct systrace *t)
{
	struct cpu *cpu = &s->m.cpu;
	uint16_t pc, ir;
	if ((cpu_psw(cpu) & 037) != TRAP_SYS || cpu_prev_mode(cpu) != MODE_USER ||
	    kword(s, cpu->r[SP], &pc) < 0 || uword(s, (uint16_t)(pc - 2), &ir) < 0 || (ir & ~077) != SYS)
		return;
	char who[64], cmd[32];
	int pid = whoami(s, t, who, sizeof who, cmd, sizeof cmd);
	if (pid < 0)
		return;
	/* a call the filter does not take is followed all the same: an exec
	 * can make its process one that the filter takes */
	bool shown = wanted(t, pid, cmd);
	const struct ksrc *k = s->ksrc;
	uint16_t argp = pc;
	int num = ir & 077;
	char line[LINE_MAX_] = "";
	put(line, "%s", who);
	if (num == 0) {	/* indir: the call is the sys instruction at the word's address */
		uint16_t a, ir2;
		if (uword(s, pc, &a) < 0 || uword(s, a, &ir2) < 0 || (ir2 & ~077) != SYS) {
			fprintf(t->out, "%sindir(bad) \n", who);
			return;
		}
		num = ir2 & 077;
		argp = (uint16_t)(a + 2);
	}
	const struct ksrc_call *c = &k->calls[num];
	const char *spec = NULL;
	for (size_t i = 0; c->name[0] && i < sizeof call_args / sizeof call_args[0]; i++)
		if (strcmp(call_args[i].name, c->name) == 0)
			spec = call_args[i].args;
	/* a spec holds only while the table's count agrees with it */
	if (spec && (int)(strlen(spec) - (spec[0] == 'R') * 2) != c->nargs)
		spec = NULL;
	if (c->name[0])
		put(line, "%s(", c->name);
	else
		put(line, "sys%d(", num);
	int n = 0;
	if (spec && spec[0] == 'R') {
		put_number(line, spec[1], cpu->r[0]);
		spec += 2;
		n++;
	}
	for (int i = 0; i < c->nargs; i++, n++) {
		uint16_t v = 0;
		uword(s, (uint16_t)(argp + 2 * i), &v);
		char kind = spec ? spec[i] : 0;
		if (n)
			put(line, ", ");
		if (kind == 's')
			put_string(s, line, v);
		else if (kind == 'v')
			put_argv(s, line, v);
		else
			put_number(line, kind, v);
	}
	put(line, ")");
	if (c->name[0] && strcmp(c->name, "exit") == 0) {
		if (shown)
			fprintf(t->out, "%s\n", line);	/* it does not return */
		return;
	}
	struct pending *p = find(t, pid);
	if (!p)
		p = find(t, 0);
	if (!p) {
		/* a process killed while its call slept leaves its entry: the
		 * oldest entries go first */
		p = &t->pend[t->victim];
		t->victim = (t->victim + 1) % PENDING_MAX;
	}
	*p = (struct pending){ .pid = pid, .call = num, .shown = shown };
	memcpy(p->line, line, sizeof line);
}

static const char *error_name(const struct ksrc *k, int e)
{
	for (int i = 0; i < k->ct->ndef; i++)
		if (k->ct->def[i].value == e && k->ct->def[i].name[0] == 'E')
			return k->ct->def[i].name;
	return "E?";
}

/* After trap1() in trap(): the result. */
static void call_return(struct sim *s, struct systrace *t)
{
	char who[64], cmd[32];
	int pid = whoami(s, t, who, sizeof who, cmd, sizeof cmd);
	uint16_t err = 0, intflg = 0, ar0 = 0, r0 = 0, r1 = 0;
	if (pid < 0 || kword(s, (uint16_t)(t->u + (t->u_error & ~1)), &err) < 0 ||
	    kword(s, (uint16_t)(t->u + (t->u_intflg & ~1)), &intflg) < 0 || kword(s, (uint16_t)(t->u + t->u_ar0), &ar0) < 0 ||
	    kword(s, ar0, &r0) < 0 || kword(s, (uint16_t)(ar0 - 4), &r1) < 0)
		return;
	err = t->u_error & 1 ? err >> 8 & 0377 : err & 0377;
	intflg = t->u_intflg & 1 ? intflg >> 8 & 0377 : intflg & 0377;
	if (intflg)
		err = 4;	/* trap() turns a call interrupted by a signal into EINTR */
	const struct ksrc *k = s->ksrc;
	struct pending *p = find(t, pid);
	char line[LINE_MAX_] = "";
	int call = -1;
	bool child = false;
	bool shown = true;
	if (p) {
		call = p->call;
		child = p->child;
		shown = p->shown;
		if (p->unfinished || !p->shown)
			put(line, "%s<... %s resumed>", who, k->calls[call].name[0] ? k->calls[call].name : "sys");
		else
			put(line, "%s", p->line);
		p->pid = 0;
	} else {
		/* a fork's child back before its parent (its r0 is the parent's
		 * pid), or a call begun before systrace on */
		struct pending *parent = find(t, (int16_t)r0);
		child = parent && !parent->child && strcmp(k->calls[parent->call].name, "fork") == 0;
		if (child)
			call = parent->call, shown = parent->shown;
		else if (!wanted(t, pid, cmd))
			return;
		put(line, child ? "%sfork()" : "%s<... resumed>", who);
	}
	bool fork = call >= 0 && strcmp(k->calls[call].name, "fork") == 0;
	if (fork && !child && !err && r0 && !find(t, r0) && (p = find(t, 0)) != NULL) {
		/* the child comes back through trap1 too, later */
		*p = (struct pending){ .pid = r0, .call = call, .child = true, .shown = shown };
		snprintf(p->line, sizeof p->line, "[%d %s] fork()", r0, cmd);
	}
	if (!shown && !wanted(t, pid, cmd))
		return;
	if (err >= 100)
		put(line, " = -1 (bad system call: SIGSYS)");
	else if (err)
		put(line, " = -1 %s", error_name(k, err));
	else if (call >= 0 && strcmp(k->calls[call].name, "pipe") == 0)
		put(line, " = %d, %d", r0, r1);
	else
		put(line, " = %d%s", (int16_t)r0, child ? " (child)" : "");
	fprintf(t->out, "%s\n", line);
}

/* At swtch(): a call in progress sleeps. */
static void call_sleeps(struct sim *s, struct systrace *t)
{
	char who[64], cmd[32];
	int pid = whoami(s, t, who, sizeof who, cmd, sizeof cmd);
	struct pending *p = pid > 0 ? find(t, pid) : NULL;
	if (!p || p->unfinished || !p->shown)
		return;
	fprintf(t->out, "%s <unfinished ...>\n", p->line);
	p->unfinished = true;
}

bool systrace_hit(struct sim *s, uint16_t pc, int mode)
{
	struct systrace *t = s->systrace;
	if (!t || mode != MODE_KERNEL)
		return false;
	if (pc == t->trap_pc)
		call_entry(s, t);
	else if (pc == t->ret_pc)
		call_return(s, t);
	else if (pc == t->swtch_pc)
		call_sleeps(s, t);
	else
		return false;
	if (t->to_file)
		fflush(t->out);
	return true;
}

void systrace_mark(struct sim *s, uint8_t *breakmap)
{
	struct systrace *t = s->systrace;
	if (t && breakmap) {
		breakmap[t->trap_pc] = 1;
		breakmap[t->ret_pc] = 1;
		breakmap[t->swtch_pc] = 1;
	}
}

void systrace_free(struct sim *s)
{
	struct systrace *t = s->systrace;
	if (!t)
		return;
	if (t->to_file)
		fclose(t->out);
	else
		fflush(t->out);
	free(t);
	s->systrace = NULL;
}

static int exact_symbol(const struct symtab *tab, const char *name, uint16_t *v)
{
	for (int i = 0; i < tab->n; i++)
		if (strcmp(tab->sym[i].name, name) == 0) {
			*v = tab->sym[i].value;
			return 0;
		}
	return -1;
}

static int offset(const struct ctypes *ct, const char *st, const char *member, uint16_t *off, char *err, int errsize)
{
	const struct cmember *m = ctypes_member(ct, ctypes_struct(ct, st), member);
	if (!m || ctypes_struct(ct, st) < 0) {
		snprintf(err, (size_t)errsize, "the headers have no %s in struct %s", member, st);
		return -1;
	}
	*off = (uint16_t)m->off;
	return 0;
}

/* The addresses and offsets systrace needs, from the symbols and headers. */
static int setup(struct sim *s, struct systrace *t, char *err, int errsize)
{
	const struct symtab *tab = &s->sym[0];
	const struct ksrc *k = s->ksrc;
	if (!tab->n || !k || !k->ncalls) {
		snprintf(err, (size_t)errsize, "needs the kernel's symbols and source from its pack (symbols rk0:/rkunix)");
		return -1;
	}
	uint16_t trap, trap1, swtch, end;
	if (exact_symbol(tab, "trap", &trap) < 0 || exact_symbol(tab, "_trap", &t->ret_pc) < 0 ||
	    exact_symbol(tab, "_trap1", &trap1) < 0 || exact_symbol(tab, "_swtch", &swtch) < 0 ||
	    exact_symbol(tab, "_u", &t->u) < 0) {
		snprintf(err, (size_t)errsize, "the kernel lacks one of trap, _trap, _trap1, _swtch, _u");
		return -1;
	}
	/* trap() calls trap1() once, with `jsr pc,_trap1`: the result is
	 * there when that returns */
	end = (uint16_t)(t->ret_pc + 02000);
	uint16_t at = 0;
	for (uint16_t a = t->ret_pc; a < end && !at; a += 2) {
		uint16_t w0, w1;
		if (kword(s, a, &w0) == 0 && w0 == 004737 && kword(s, (uint16_t)(a + 2), &w1) == 0 && w1 == trap1)
			at = (uint16_t)(a + 4);
	}
	if (!at) {
		snprintf(err, (size_t)errsize, "no call of _trap1 in _trap (is the kernel in memory?)");
		return -1;
	}
	t->trap_pc = trap;
	t->ret_pc = at;
	t->swtch_pc = swtch;
	if (offset(k->ct, "user", "u_procp", &t->u_procp, err, errsize) < 0 ||
	    offset(k->ct, "user", "u_error", &t->u_error, err, errsize) < 0 ||
	    offset(k->ct, "user", "u_intflg", &t->u_intflg, err, errsize) < 0 ||
	    offset(k->ct, "user", "u_ar0", &t->u_ar0, err, errsize) < 0 ||
	    offset(k->ct, "proc", "p_pid", &t->p_pid, err, errsize) < 0 ||
	    offset(k->ct, "proc", "p_addr", &t->p_addr, err, errsize) < 0 ||
	    offset(k->ct, "proc", "p_size", &t->p_size, err, errsize) < 0)
		return -1;
	return 0;
}

int systrace_on(struct sim *s, const char *filter, const char *file, bool append, char *err, int errsize)
{
	struct systrace *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, (size_t)errsize, "out of memory");
		return -1;
	}
	t->pid = -1;
	if (filter) {
		uint64_t v;
		if (isdigit((unsigned char)filter[0])) {
			if (parse_number(filter, 10, 32767, &v) < 0) {
				snprintf(err, (size_t)errsize, "bad pid: %s (decimal, as ps shows it)", filter);
				free(t);
				return -1;
			}
			t->pid = (int)v;
		} else {
			snprintf(t->command, sizeof t->command, "%s", filter);
		}
	}
	if (setup(s, t, err, errsize) < 0) {
		free(t);
		return -1;
	}
	t->out = stderr;
	if (file) {
		if (!(t->out = fopen(file, append ? "a" : "w"))) {
			snprintf(err, (size_t)errsize, "cannot create %s: %s", file, strerror(errno));
			free(t);
			return -1;
		}
		t->to_file = true;
	}
	systrace_free(s);
	s->systrace = t;
	return 0;
}

/* systrace on [PID|COMMAND] [> FILE|>> FILE] | systrace off | systrace */
int cmd_systrace(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	const char *usage = "usage: systrace on [PID|COMMAND] [>|>> FILE] | systrace off";
	if (argc == 0) {
		struct systrace *t = s->systrace;
		if (!t)
			fprintf(stderr, "systrace off\n");
		else if (t->pid >= 0)
			fprintf(stderr, "systrace on, pid %d\n", t->pid);
		else
			fprintf(stderr, "systrace on%s%s\n", t->command[0] ? ", command " : "", t->command);
		return CMD_OK;
	}
	if (strcmp(argv[0], "off") == 0 && argc == 1) {
		systrace_free(s);
		debug_sync_maps(s);
		return CMD_OK;
	}
	if (strcmp(argv[0], "on") != 0) {
		sim_error(s, "%s", usage);
		return CMD_ERROR;
	}
	const char *filter = NULL, *file = NULL;
	bool append = false;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '>') {
			append = argv[i][1] == '>';
			const char *f = argv[i] + 1 + append;
			file = *f ? f : i + 1 < argc ? argv[++i] : NULL;
			if (!file || i + 1 < argc) {
				sim_error(s, "%s", usage);
				return CMD_ERROR;
			}
		} else if (!filter) {
			filter = argv[i];
		} else {
			sim_error(s, "%s", usage);
			return CMD_ERROR;
		}
	}
	char path[WORD_MAX], err[256];
	if (file && parse_string(file, path, sizeof path, err, sizeof err) < 0) {
		sim_error(s, "systrace: %s", err);
		return CMD_ERROR;
	}
	if (systrace_on(s, filter, file ? path : NULL, append, err, sizeof err) < 0) {
		sim_error(s, "systrace: %s", err);
		return CMD_ERROR;
	}
	if (debug_sync_maps(s) < 0) {
		systrace_free(s);
		sim_error(s, "systrace: out of memory");
		return CMD_ERROR;
	}
	return CMD_OK;
}
