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
	char where[96];
	fprintf(stderr, "#0  %s  (%s mode, r5 %06o, sp %06o)\n", sim_addr(s, mode, pc, where, sizeof where),
		mode == MODE_KERNEL ? "kernel" : "user", r5, sp);
	if (!t->n)
		fprintf(stderr, "(no %s symbols: frames are not checked against the text)\n",
			mode == MODE_KERNEL ? "kernel" : "user");

	/* At a function's first instruction (a breakpoint on its name) the
	 * csv frame does not exist yet: the return address is on top of the
	 * stack and r5 is still the caller's frame. */
	const struct symbol *f = symtab_lookup(t, pc);
	uint16_t ir = 0;
	kword(s, mode, pc, &ir);
	unsigned depth = 1;
	if ((f && f->value == pc) || ir == 004567) {
		uint16_t ret;
		if (kword(s, mode, sp, &ret) == 0 && (!t->n || symtab_in_text(t, ret))) {
			fprintf(stderr, "#%u  %s\n", depth++, sim_addr(s, mode, ret, where, sizeof where));
		}
	}
	for (; depth <= max; depth++) {
		uint16_t ret, up;
		if (r5 == 0 || (r5 & 1) || kword(s, mode, (uint16_t)(r5 + 2), &ret) < 0 ||
		    kword(s, mode, r5, &up) < 0)
			break;
		if (t->n && !symtab_in_text(t, ret))
			break;	/* not a C frame: a trap frame or the end of the chain */
		fprintf(stderr, "#%u  %s  (frame %06o)\n", depth, sim_addr(s, mode, ret, where, sizeof where), r5);
		if (up <= r5)
			break;	/* frames lie higher up the stack, or the chain ends */
		r5 = up;
	}
	return CMD_OK;
}

/* ---- the process table ---- */

static const char *const field_name[PF_COUNT] = {
	"p_stat", "p_flag", "p_pri", "p_sig", "p_uid", "p_time", "p_cpu", "p_nice", "p_ttyp",
	"p_pid", "p_ppid", "p_addr", "p_size", "p_wchan", "p_textp",
};

void kdebug_default_layout(struct sim *s)
{
	/* /usr/sys/proc.h of stock V6: eight chars, then seven words */
	struct proc_layout *l = &s->proc;
	for (int i = 0; i < PF_COUNT; i++) {
		l->off[i] = i < 8 ? i : 8 + 2 * (i - 8);
		l->width[i] = i < 8 ? 1 : 2;
	}
	l->size = 22;
	l->nproc = 50;
	snprintf(l->source, sizeof l->source, "stock V6 (built in)");
}

static void strip_comments(char *p)
{
	char *q = p;
	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
			*q++ = ' ';
		} else {
			*q++ = *p++;
		}
	}
	*q = 0;
}

/* `struct proc { ... }` in C as V6's cc takes it: char is a byte, int,
 * unsigned and pointers are words on even addresses, long two words. */
static int parse_proc_h(char *text, struct proc_layout *l)
{
	strip_comments(text);
	char *p = strstr(text, "struct");
	while (p && !(strncmp(p + 6 + strspn(p + 6, " \t\n"), "proc", 4) == 0 &&
		      !isalnum((unsigned char)p[6 + strspn(p + 6, " \t\n") + 4])))
		p = strstr(p + 6, "struct");
	char *open = p ? strchr(p, '{') : NULL, *close = open ? strchr(open, '}') : NULL;
	if (!close)
		return -1;
	*close = 0;
	for (int i = 0; i < PF_COUNT; i++)
		l->off[i] = -1;
	int off = 0;
	for (char *decl = strtok(open + 1, ";"); decl; decl = strtok(NULL, ";")) {
		char type[32] = "";
		int n = 0;
		if (sscanf(decl, " %31[a-z]%n", type, &n) != 1)
			continue;
		int base = strcmp(type, "char") == 0 ? 1 : strcmp(type, "long") == 0 ? 4 : 2;
		if (strcmp(type, "struct") == 0)
			return -1;	/* an embedded struct: too much C for this */
		for (char *d = decl + n; d && *d;) {
			d += strspn(d, " \t\n");
			int ptr = 0;
			while (*d == '*')
				ptr = 1, d++;
			char name[32];
			int k = 0;
			if (sscanf(d, "%31[a-zA-Z0-9_]%n", name, &k) != 1)
				break;
			d += k;
			int size = ptr ? 2 : base, count = 1;
			if (*d == '[' && sscanf(d, "[%d]", &count) != 1)
				return -1;
			if (size > 1)
				off = (off + 1) & ~1;
			for (int i = 0; i < PF_COUNT; i++)
				if (strcmp(name, field_name[i]) == 0) {
					l->off[i] = off;
					l->width[i] = size;
				}
			off += size * count;
			d = strchr(d, ',');
			if (d)
				d++;
		}
	}
	l->size = (off + 1) & ~1;
	return l->off[PF_STAT] < 0 || l->off[PF_PID] < 0 ? -1 : 0;
}

void kdebug_read_layout(struct sim *s, struct v6fs *fs, const char *disk)
{
	kdebug_default_layout(s);
	uint8_t *data = NULL;
	size_t len = 0;
	struct proc_layout l = s->proc;
	if (v6fs_readfile(fs, "/usr/sys/proc.h", &data, &len) < 0 || !data)
		return;
	char *text = malloc(len + 1);
	if (!text) {
		free(data);
		return;
	}
	memcpy(text, data, len);
	text[len] = 0;
	free(data);
	int ok = parse_proc_h(text, &l) == 0;
	free(text);
	if (!ok)
		return;
	if (v6fs_readfile(fs, "/usr/sys/param.h", &data, &len) == 0 && data) {
		char *t = malloc(len + 1);
		if (t) {
			memcpy(t, data, len);
			t[len] = 0;
			char *d = strstr(t, "NPROC");
			int n;
			if (d && sscanf(d + 5, "%d", &n) == 1 && n > 0 && n < 1000)
				l.nproc = n;
			free(t);
		}
		free(data);
	}
	snprintf(l.source, sizeof l.source, "%s:/usr/sys/proc.h", disk);
	s->proc = l;
}

static int field(const struct proc_layout *l, const uint8_t *p, int f)
{
	if (l->off[f] < 0)
		return 0;
	if (l->width[f] == 1)
		return f == PF_PRI || f == PF_NICE ? (int8_t)p[l->off[f]] : p[l->off[f]];
	return p[l->off[f]] | p[l->off[f] + 1] << 8;
}

/* The arguments of a process in memory, as V6's ps finds them: exec
 * leaves argc, argv[], -1 and then the strings at the top of the stack,
 * which is the end of the process's image (p_addr + p_size, in 64-byte
 * blocks). */
static void proc_args(struct sim *s, uint16_t addr, uint16_t size, char *out, int outsize)
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
	if (!s->proc.size)
		kdebug_default_layout(s);
	const struct proc_layout *l = &s->proc;
	static const char *const state[] = { "-", "sleep", "wait", "run", "idle", "zomb", "stop" };
	static const char *const flag[] = { "load", "sys", "lock", "swap", "trc", "wted" };
	struct cpu *cpu = &s->m.cpu;
	/* kernel PAR6 maps the u area of the process that is running */
	uint16_t running = (cpu->sr0 & SR0_ENABLE) ? cpu->par[0][6] : 0;
	fprintf(stderr, "SLOT   PID  PPID STATE FLAGS          UID  PRI  ADDR  SIZE WCHAN                    COMMAND\n");
	for (int slot = 0; slot < l->nproc; slot++) {
		uint8_t p[64];
		if (l->size > (int)sizeof p)
			break;
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
			proc_args(s, addr, size, cmd, sizeof cmd);
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
