/* The V6 kernel from outside: the C frame chain (bt), the process table
 * (ps) and the KT11-D mapping (show mmu). Everything is read through the
 * kernel's mapping with cpu_peek, so nothing here changes the machine. */
#include "debug.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpu/opcodes.h"
#include "disks/v6fs.h"
#include "ksrc.h"
#include "parse.h"
#include "sim.h"

static int kword(struct sim *s, int mode, uint16_t va, uint16_t *v)
{
	return cpu_peek(&s->m.cpu, va, mode, v) == BUS_OK ? 0 : -1;
}

/* ---- bt ---- */

/* V6 C functions start with `jsr r5,csv`; csv pushes the caller's R5 and
 * leaves R5 pointing at it, so 0(r5) is the caller's frame and 2(r5) the
 * return address into the caller (/usr/sys/conf/m40.s). */
int cmd_bt(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)rest;
	uint64_t max = 20;
	if (argc > 1 || (argc == 1 && (parse_number(argv[0], 10, 1000, &max) < 0 || !max))) {
		if (argc == 1)
			sim_error(s, "bad number: %s (frames, decimal, 1 to 1000)", argv[0]);
		else
			sim_usage(s);
		return CMD_ERROR;
	}
	struct cpu *cpu = &s->m.cpu;
	int mode = cpu_mode(cpu);
	const struct symtab *t = sim_symtab(s, mode);
	uint16_t pc = cpu->r[PC], r5 = cpu->r[5], sp = cpu->r[SP];
	char where[96], args[256];
	const struct symbol *f = symtab_lookup(t, pc);
	uint16_t ir = 0;
	kword(s, mode, pc, &ir);
	/* At a function's first instruction (a breakpoint on its name) the
	 * csv frame does not exist yet: the return address is on top of the
	 * stack, the arguments above it, and r5 is still the caller's frame. */
	bool entry = (f && f->value == pc) || ir == 004567;
	args[0] = 0;
	if (f)
		kdebug_frame_args(s, mode, f->value, (uint16_t)(entry ? sp + 2 : r5 + 4), args, sizeof args);
	fprintf(stderr, "#0  %s  %s%s(%s mode, r5 %06o, sp %06o)\n", sim_addr(s, mode, pc, where, sizeof where),
		args, *args ? "  " : "", mode == MODE_KERNEL ? "kernel" : "user", r5, sp);
	if (!t->n)
		fprintf(stderr, "(no %s symbols: frames are not checked against the text)\n",
			mode == MODE_KERNEL ? "kernel" : "user");

	unsigned depth = 1;
	if (entry) {
		uint16_t ret;
		if (kword(s, mode, sp, &ret) == 0 && (!t->n || symtab_in_text(t, ret))) {
			const struct symbol *g = symtab_lookup(t, ret);
			args[0] = 0;
			if (g)
				kdebug_frame_args(s, mode, g->value, (uint16_t)(r5 + 4), args, sizeof args);
			fprintf(stderr, "#%u  %s%s%s\n", depth++, sim_addr(s, mode, ret, where, sizeof where),
				*args ? "  " : "", args);
		}
	}
	for (; depth <= max; depth++) {
		uint16_t ret, up;
		if (r5 == 0 || (r5 & 1) || kword(s, mode, (uint16_t)(r5 + 2), &ret) < 0 ||
		    kword(s, mode, r5, &up) < 0)
			break;
		if (t->n && !symtab_in_text(t, ret))
			break;	/* not a C frame: a trap frame or the end of the chain */
		/* the caller's arguments lie above the caller's own frame */
		const struct symbol *g = symtab_lookup(t, ret);
		args[0] = 0;
		if (g && up > r5 && !(up & 1))
			kdebug_frame_args(s, mode, g->value, (uint16_t)(up + 4), args, sizeof args);
		fprintf(stderr, "#%u  %s  %s%s(frame %06o)\n", depth, sim_addr(s, mode, ret, where, sizeof where),
			args, *args ? "  " : "", r5);
		if (up <= r5)
			break;	/* frames lie higher up the stack, or the chain ends */
		r5 = up;
	}
	return CMD_OK;
}

/* ---- the kernel's source ---- */

/* /usr/sys/proc.h of stock V6, for ps when no pack's headers were read */
static const char stock_proc_h[] =
	"struct proc { char p_stat; char p_flag; char p_pri; char p_sig; char p_uid;\n"
	"char p_time; char p_cpu; char p_nice; int p_ttyp; int p_pid; int p_ppid;\n"
	"int p_addr; int p_size; int p_wchan; int *p_textp; } proc[50];\n";

void kdebug_read_source(struct sim *s, struct v6fs *fs, const char *disk)
{
	ksrc_free(s->ksrc);
	s->ksrc = NULL;
	s->list_file = 0;
	if (!fs)
		return;
	s->ksrc = ksrc_load(fs, disk, stderr);
	if (!s->ksrc) {
		fprintf(stderr, "%s:/usr/sys: out of memory reading the kernel source\n", disk);
		return;
	}
	const struct ksrc *k = s->ksrc;
	int nst = 0;
	for (int i = 0; i < k->ct->nst; i++)
		nst += k->ct->st[i].defined && k->ct->st[i].name[0];
	fprintf(stderr, "%s: %d structs, %d globals, %d constants; %d source files, %d functions, %d system calls\n",
		k->source, nst, k->ct->nglob, k->ct->ndef, k->nfiles, k->nfuncs, k->ncalls);
}

/* The types ps and print use: the pack's, or stock V6's struct proc. */
const struct ksrc *kdebug_source(struct sim *s)
{
	static const char name[] = "stock V6 proc.h (built in)";
	if (!s->ksrc)
		s->ksrc = ksrc_builtin(name, stock_proc_h);
	return s->ksrc;
}

/* ---- the process table ---- */

enum { PF_STAT, PF_FLAG, PF_PRI, PF_UID, PF_PID, PF_PPID, PF_ADDR, PF_SIZE, PF_WCHAN, PF_COUNT };
static const char *const field_name[PF_COUNT] = {
	"p_stat", "p_flag", "p_pri", "p_uid", "p_pid", "p_ppid", "p_addr", "p_size", "p_wchan",
};

struct proc_layout {
	int size, nproc;
	int off[PF_COUNT], width[PF_COUNT];
};

/* struct proc from the types: the fields ps shows, its size, NPROC */
static int proc_layout(const struct ctypes *ct, struct proc_layout *l, char *err, int errsize)
{
	int st = ctypes_struct(ct, "proc");
	const struct cglobal *g = ctypes_global(ct, "proc");
	if (st < 0) {
		snprintf(err, (size_t)errsize, "no struct proc in the headers");
		return -1;
	}
	l->size = ct->st[st].size;
	l->nproc = g && ct->ty[g->type].kind == CT_ARRAY ? ct->ty[g->type].count : 0;
	if (l->nproc <= 0) {
		snprintf(err, (size_t)errsize, "the headers declare no proc[NPROC]");
		return -1;
	}
	for (int i = 0; i < PF_COUNT; i++) {
		const struct cmember *m = ctypes_member(ct, st, field_name[i]);
		int w = m ? ctypes_size(ct, m->type) : 0;
		if (w != 1 && w != 2) {
			snprintf(err, (size_t)errsize, "struct proc has no %s of a char or an int", field_name[i]);
			return -1;
		}
		l->off[i] = m->off;
		l->width[i] = w;
	}
	return 0;
}

static int field(const struct proc_layout *l, const uint8_t *p, int f)
{
	if (l->width[f] == 1)
		return f == PF_PRI ? (int8_t)p[l->off[f]] : p[l->off[f]];
	return p[l->off[f]] | p[l->off[f] + 1] << 8;
}

/* The arguments of a process in memory, as V6's ps finds them: exec
 * leaves argc, argv[], -1 and then the strings at the top of the stack,
 * which is the end of the process's image (p_addr + p_size, in 64-byte
 * blocks). */
void kdebug_proc_args(struct sim *s, uint16_t addr, uint16_t size, char *out, int outsize)
{
	uint8_t buf[512];
	uint32_t end = ((uint32_t)addr + size) * 64;
	out[0] = 0;
	if (end < sizeof buf || end > s->m.bus.memsize)
		return;
	for (unsigned i = 0; i < sizeof buf; i++)
		if (bus_read_byte(&s->m.bus, end - sizeof buf + i, &buf[i]) != BUS_OK)
			return;
	int w = (int)sizeof buf - 2;
	while (w >= 0 && !(buf[w] == 0377 && buf[w + 1] == 0377))
		w -= 2;
	if (w < 0)
		return;
	int n = 0;
	for (int i = w + 2; i < (int)sizeof buf && n < outsize - 1; i++) {
		int c = buf[i] & 0177;
		if (c == 0) {
			if (i + 1 < (int)sizeof buf && buf[i + 1] && n)
				out[n++] = ' ';
			continue;
		}
		if (c < 040 || c > 0176)
			break;
		out[n++] = (char)c;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
}

int cmd_ps(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (argc) {
		sim_usage(s);
		return CMD_ERROR;
	}
	const struct symbol *proc = symtab_find(&s->sym[0], "_proc");
	if (!proc) {
		sim_error(s, "ps: no _proc: load the kernel's symbols first (symbols rk0:/rkunix)");
		return CMD_ERROR;
	}
	const struct ksrc *k = kdebug_source(s);
	struct proc_layout layout, *l = &layout;
	char err[128];
	if (!k || proc_layout(k->ct, l, err, sizeof err) < 0) {
		sim_error(s, "ps: %s (%s)", k ? err : "out of memory", k ? k->source : "");
		return CMD_ERROR;
	}
	static const char *const state[] = { "-", "sleep", "wait", "run", "idle", "zomb", "stop" };
	static const char *const flag[] = { "load", "sys", "lock", "swap", "trc", "wted" };
	struct cpu *cpu = &s->m.cpu;
	/* kernel PAR6 maps the u area of the process that is running */
	uint16_t running = (cpu->sr0 & SR0_ENABLE) ? cpu->par[0][6] : 0;
	fprintf(stderr, "SLOT   PID  PPID STATE FLAGS          UID  PRI  ADDR  SIZE WCHAN                    COMMAND\n");
	for (int slot = 0; slot < l->nproc; slot++) {
		uint8_t p[512];
		if (l->size > (int)sizeof p) {
			sim_error(s, "ps: struct proc of %d bytes is too large", l->size);
			return CMD_ERROR;
		}
		for (int i = 0; i < l->size; i += 2) {
			uint16_t w;
			if (kword(s, MODE_KERNEL, (uint16_t)(proc->value + slot * l->size + i), &w) < 0) {
				sim_error(s, "ps: cannot read _proc[%d] at %06o", slot,
					  (uint16_t)(proc->value + slot * l->size + i));
				return CMD_ERROR;
			}
			p[i] = (uint8_t)w;
			p[i + 1] = (uint8_t)(w >> 8);
		}
		int st = field(l, p, PF_STAT);
		if (st == 0)
			continue;
		int fl = field(l, p, PF_FLAG);
		char flags[64] = "";
		for (int b = 0; b < 6; b++)
			if (fl & (1 << b))
				snprintf(flags + strlen(flags), sizeof flags - strlen(flags), "%s%s",
					 *flags ? "," : "", flag[b]);
		uint16_t wchan = (uint16_t)field(l, p, PF_WCHAN), addr = (uint16_t)field(l, p, PF_ADDR),
			 size = (uint16_t)field(l, p, PF_SIZE);
		char wc[96] = "-", cmd[128] = "";
		if (wchan)
			sim_addr(s, MODE_KERNEL, wchan, wc, sizeof wc);
		if (fl & 02)
			snprintf(cmd, sizeof cmd, "(swapper)");
		else if (fl & 01)
			kdebug_proc_args(s, addr, size, cmd, sizeof cmd);
		else
			snprintf(cmd, sizeof cmd, "(swapped)");
		fprintf(stderr, "%3d%c %5d %5d %-5s %-14s %3d %4d %06o %5o %-24s %s\n", slot,
			addr == running && (fl & 01) ? '*' : ' ', field(l, p, PF_PID), field(l, p, PF_PPID),
			st < 7 ? state[st] : "?", flags, field(l, p, PF_UID), field(l, p, PF_PRI), addr,
			size, wc, cmd);
	}
	return CMD_OK;
}

/* ---- show mmu ---- */

static void show_space(struct sim *s, int space)
{
	struct cpu *cpu = &s->m.cpu;
	fprintf(stderr, "%s:\n", space ? "user" : "kernel");
	for (int page = 0; page < 8; page++) {
		uint16_t par = cpu->par[space][page], pdr = cpu->pdr[space][page];
		unsigned plf = (pdr >> 8) & 0177, acf = pdr & 06;
		uint32_t base = (uint32_t)page << 13;
		fprintf(stderr, "  %d  PAR %06o PDR %06o  ", page, par, pdr);
		if (acf != 02 && acf != 06) {
			fprintf(stderr, "non-resident\n");
			continue;
		}
		uint32_t lo = base, hi = base + 017777;
		if (pdr & 010)
			lo = base + plf * 64;	/* expands downward: blocks plf..127 */
		else
			hi = base + plf * 64 + 077;
		uint32_t plo = ((uint32_t)par * 64 + (lo - base)) & 0777777,
			 phi = ((uint32_t)par * 64 + (hi - base)) & 0777777;
		fprintf(stderr, "va %06o-%06o -> pa %06o-%06o  %5u bytes %s%s%s%s\n", lo, hi, plo, phi,
			hi - lo + 1, acf == 06 ? "rw" : "ro", pdr & 010 ? " down" : "",
			pdr & 0100 ? " written" : "", phi >= IOPAGE ? " (I/O page)" : "");
	}
}

void show_mmu(struct sim *s)
{
	struct cpu *cpu = &s->m.cpu;
	static const char *const mode[] = { "kernel", "mode1", "mode2", "user" };
	fprintf(stderr, "SR0 %06o (relocation %s) SR2 %06o, mode %s, previous %s\n", cpu->sr0,
		cpu->sr0 & SR0_ENABLE ? "on" : "off: virtual = physical, 160000-177777 the I/O page",
		cpu_sr2(cpu), mode[cpu_mode(cpu)], mode[cpu_prev_mode(cpu)]);
	if (cpu->sr0 & SR0_ABORT)
		fprintf(stderr, "abort:%s%s%s in %s page %d\n", cpu->sr0 & SR0_NR ? " non-resident" : "",
			cpu->sr0 & SR0_PL ? " page length" : "", cpu->sr0 & SR0_RO ? " read-only" : "",
			mode[(cpu->sr0 >> 5) & 3], (cpu->sr0 >> 1) & 7);
	show_space(s, 0);
	show_space(s, 1);
}
