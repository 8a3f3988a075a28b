/* V6 a.out symbol tables: load, find by name, name an address. */
#include "symbols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint16_t word(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static int segment(uint16_t type)
{
	int seg = type & ~SYM_EXTERN;
	return seg == SYM_TEXT || seg == SYM_DATA || seg == SYM_BSS;
}

/* qsort has no context argument: the symbols ride along in each key. */
struct key {
	const struct symbol *s;
	int index;
};

static int by_value(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	if (x->s->value != y->s->value)
		return x->s->value < y->s->value ? -1 : 1;
	/* a global names an address better than a local label there */
	int gx = !(x->s->type & SYM_EXTERN), gy = !(y->s->type & SYM_EXTERN);
	if (gx != gy)
		return gx - gy;
	return x->index - y->index;
}

void symtab_free(struct symtab *t)
{
	free(t->sym);
	free(t->order);
	memset(t, 0, sizeof *t);
}

int symtab_load(struct symtab *t, const uint8_t *aout, size_t len, char *err, int errsize)
{
	if (len < 16) {
		snprintf(err, errsize, "not an a.out file: %zu bytes", len);
		return -1;
	}
	uint16_t magic = word(aout), text = word(aout + 2), data = word(aout + 4),
		 bss = word(aout + 6), syms = word(aout + 8), flag = word(aout + 14);
	if (magic != 0407 && magic != 0410 && magic != 0411) {
		snprintf(err, errsize, "not an a.out file: magic %06o (want 407, 410 or 411)", magic);
		return -1;
	}
	size_t off = 16 + (size_t)text + data;
	if (!flag)
		off += (size_t)text + data;	/* relocation bits, as long as text and data */
	if (syms == 0) {
		snprintf(err, errsize, "no symbol table (stripped)");
		return -1;
	}
	if (off + syms > len || syms % 12) {
		snprintf(err, errsize, "symbol table of %u bytes at %zu does not fit in %zu bytes",
			 syms, off, len);
		return -1;
	}
	int n = syms / 12;
	struct symbol *sym = calloc((size_t)n, sizeof *sym);
	struct key *keys = calloc((size_t)n, sizeof *keys);
	int *order = calloc((size_t)n, sizeof *order);
	if (!sym || !keys || !order) {
		free(sym), free(keys), free(order);
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	int norder = 0;
	for (int i = 0; i < n; i++) {
		const uint8_t *e = aout + off + 12 * i;
		memcpy(sym[i].name, e, SYM_NAME);
		sym[i].name[SYM_NAME] = 0;
		sym[i].type = word(e + 8);
		sym[i].value = word(e + 10);
		if (segment(sym[i].type))
			keys[norder++] = (struct key){ &sym[i], i };
	}
	qsort(keys, (size_t)norder, sizeof *keys, by_value);
	for (int i = 0; i < norder; i++)
		order[i] = keys[i].index;
	free(keys);

	symtab_free(t);
	t->sym = sym;
	t->n = n;
	t->order = order;
	t->norder = norder;
	/* 0407 programs are linked at 0 with data after text; 0410 puts data
	 * on the next 8K boundary; 0411 has data in its own space from 0. */
	uint32_t dbase = magic == 0410 ? ((uint32_t)text + 017777) & ~017777u : magic == 0411 ? 0 : text;
	t->text_lo = 0;
	t->text_hi = text;
	t->end = dbase + data + bss;
	if (magic == 0411 || t->end < text)
		t->end = text;
	if (t->end > 0200000)
		t->end = 0200000;
	return 0;
}

const struct symbol *symtab_find(const struct symtab *t, const char *name)
{
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < t->n; i++) {
			const char *s = t->sym[i].name;
			if (pass == 1 && s[0] == '_')
				s++;
			if ((t->sym[i].type & ~SYM_EXTERN) != SYM_UNDEF && strncmp(s, name, SYM_NAME) == 0 &&
			    strlen(name) <= SYM_NAME)
				return &t->sym[i];
		}
	return NULL;
}

const struct symbol *symtab_lookup(const struct symtab *t, uint16_t addr)
{
	if (!t->norder || addr >= t->end)
		return NULL;
	/* the last symbol with value <= addr; on ties the first (a global) */
	int lo = 0, hi = t->norder;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (t->sym[t->order[mid]].value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	uint16_t v = t->sym[t->order[lo - 1]].value;
	while (lo > 1 && t->sym[t->order[lo - 2]].value == v)
		lo--;
	return &t->sym[t->order[lo - 1]];
}

int symtab_format(const struct symtab *t, uint16_t addr, char *buf, int size)
{
	const struct symbol *s = symtab_lookup(t, addr);
	if (!s)
		return 0;
	int n = addr == s->value ? snprintf(buf, size, "%s", s->name)
				 : snprintf(buf, size, "%s+%o", s->name, (unsigned)(addr - s->value));
	return n < size ? n : 0;
}

int symtab_in_text(const struct symtab *t, uint16_t addr)
{
	return t->norder && addr >= t->text_lo && addr < t->text_hi;
}
