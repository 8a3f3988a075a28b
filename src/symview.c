/* Symbols as the session sees them: the table of the space a mode sees,
 * addresses printed with their names and names read as addresses. Below
 * the debugger, the kernel views and the run loop, which all print
 * addresses. */
#include "symview.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cpu/opcodes.h"
#include "parse.h"
#include "sim.h"

const struct symtab *sim_symtab(struct sim *s, int mode)
{
	return &s->sym[mode == MODE_KERNEL ? 0 : 1];
}

int sim_symbolize(void *ctx, uint16_t addr, char *buf, int size)
{
	return symtab_format(ctx, addr, buf, size);
}

const char *sim_addr(struct sim *s, int mode, uint16_t addr, char *buf, int size)
{
	char name[64];
	if (symtab_format(sim_symtab(s, mode), addr, name, sizeof name) > 0)
		snprintf(buf, size, "%06o <%.40s>", addr, name);
	else
		snprintf(buf, size, "%06o", addr);
	return buf;
}

static const struct symbol *find_symbol(struct sim *s, const char *name, int *mode)
{
	const struct symbol *sym = symtab_find(&s->sym[0], name);
	*mode = MODE_KERNEL;
	if (!sym) {
		sym = symtab_find(&s->sym[1], name);
		*mode = MODE_USER;
	}
	return sym;
}

int sim_is_symbol(struct sim *s, const char *word)
{
	int mode;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(word, "+-/"), word);
	return !isdigit((unsigned char)word[0]) && find_symbol(s, name, &mode) != NULL;
}

int sim_parse_addr(struct sim *s, const char *word, uint64_t max, uint64_t *v, int *sym_mode)
{
	uint64_t sum = 0;
	*sym_mode = -1;
	const char *p = word;
	if (!*p) {
		sim_error(s, "missing address");
		return -1;
	}
	for (;;) {
		char term[64];
		size_t n = strcspn(p, "+");
		if (n == 0 || n >= sizeof term) {
			sim_error(s, "bad address: %s", word);
			return -1;
		}
		snprintf(term, sizeof term, "%.*s", (int)n, p);
		uint64_t t;
		if (isdigit((unsigned char)term[0])) {
			if (parse_number(term, 8, max, &t) < 0) {
				sim_error(s, "bad number: %s (octal, at most %llo)", term, (unsigned long long)max);
				return -1;
			}
		} else {
			int mode;
			const struct symbol *sym = find_symbol(s, term, &mode);
			if (!sym) {
				if (!s->sym[0].n && !s->sym[1].n)
					sim_error(s, "unknown symbol: %s (no symbols loaded: see `symbols`)", term);
				else
					sim_error(s, "unknown symbol: %s", term);
				return -1;
			}
			t = sym->value;
			*sym_mode = mode;
		}
		sum += t;
		if (sum > max) {
			sim_error(s, "address out of range: %s", word);
			return -1;
		}
		p += n;
		if (!*p)
			break;
		p++;
	}
	*v = sum;
	return 0;
}

int sim_disassemble_at(struct sim *s, int mode, uint16_t va, bool sym, char *dis, int size)
{
	struct cpu *cpu = &s->m.cpu;
	uint16_t w[3] = { 0, 0, 0 };
	if (cpu_peek(cpu, va, mode, &w[0]) != BUS_OK) {
		snprintf(dis, (size_t)size, "?");
		return 0;
	}
	cpu_peek(cpu, (uint16_t)(va + 2), mode, &w[1]);
	cpu_peek(cpu, (uint16_t)(va + 4), mode, &w[2]);
	return disassemble(va, w, dis, size, sym ? sim_symbolize : NULL,
			   sym ? (void *)sim_symtab(s, mode) : NULL);
}
