/* One-line assembler for tests: the disassembler's DEC syntax plus the V6
 * `as` spellings ($ for #, * for @, lower case, "." suffix for decimal,
 * "/" comments). Mnemonics and operand shapes come from opcode_table[].
 * Expressions are numbers and "." (this line's address) joined by + and -.
 * Branch and relative operands are absolute target addresses. */
#include "asm.h"

#include "cpu/opcodes.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct as {
	const char *s;
	uint16_t pc;
	char *err;
	int errsize;
	int failed;
};

static int fail(struct as *a, const char *fmt, ...)
{
	if (!a->failed && a->err && a->errsize > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(a->err, (size_t)a->errsize, fmt, ap);
		va_end(ap);
	}
	a->failed = 1;
	return -1;
}

static void skip_space(struct as *a)
{
	while (*a->s == ' ' || *a->s == '\t')
		a->s++;
}

static int accept(struct as *a, char c)
{
	skip_space(a);
	if (*a->s != c)
		return 0;
	a->s++;
	return 1;
}

static int at_end(struct as *a)
{
	skip_space(a);
	return *a->s == 0 || *a->s == ';' || *a->s == '/';
}

/* R0-R7, SP, PC; -1 (input untouched) if the next word is not one. */
static int parse_reg(struct as *a)
{
	skip_space(a);
	const char *s = a->s;
	int r = -1;
	if ((s[0] == 'r' || s[0] == 'R') && s[1] >= '0' && s[1] <= '7')
		r = s[1] - '0';
	else if (!strncasecmp(s, "sp", 2))
		r = 6;
	else if (!strncasecmp(s, "pc", 2))
		r = 7;
	if (r < 0 || isalnum((unsigned char)s[2]) || s[2] == '_')
		return -1;
	a->s += 2;
	return r;
}

static int need_reg(struct as *a)
{
	int r = parse_reg(a);
	if (r < 0)
		fail(a, "register expected at '%s'", a->s);
	return r;
}

static int parse_term(struct as *a, long *v)
{
	skip_space(a);
	const char *s = a->s;
	if (*s == '.' && !isdigit((unsigned char)s[1])) {
		a->s++;
		*v = a->pc;
		return 0;
	}
	if (!isdigit((unsigned char)*s))
		return fail(a, "number expected at '%s'", s);
	long oct = 0, dec = 0;
	int bad_octal = 0;
	for (; isdigit((unsigned char)*s); s++) {
		if (*s > '7')
			bad_octal = 1;
		oct = oct * 8 + (*s - '0');
		dec = dec * 10 + (*s - '0');
		if (dec > 0777777)
			return fail(a, "number too large");
	}
	if (*s == '.') {
		s++;
		*v = dec;
	} else if (bad_octal) {
		return fail(a, "8 or 9 in an octal number");
	} else {
		*v = oct;
	}
	a->s = s;
	return 0;
}

static int parse_expr(struct as *a, long *v)
{
	int neg = accept(a, '-');
	if (parse_term(a, v) < 0)
		return -1;
	if (neg)
		*v = -*v;
	for (;;) {
		long t;
		if (accept(a, '+')) {
			if (parse_term(a, &t) < 0)
				return -1;
			*v += t;
		} else if (accept(a, '-')) {
			if (parse_term(a, &t) < 0)
				return -1;
			*v -= t;
		} else {
			return 0;
		}
	}
}

static int word_value(struct as *a, long v, uint16_t *w)
{
	if (v < -0100000 || v > 0177777)
		return fail(a, "value %lo does not fit a word", v);
	*w = (uint16_t)v;
	return 0;
}

/* One general operand into its 6-bit spec; an index, immediate or
 * address word goes to words[*n] (at address pc + 2 * *n). */
static int parse_operand(struct as *a, uint16_t words[3], int *n)
{
	int defer = accept(a, '@') || accept(a, '*');
	int r;
	long v;
	uint16_t *extra = &words[*n];

	if (accept(a, '#') || accept(a, '$')) {
		if (parse_expr(a, &v) < 0 || word_value(a, v, extra) < 0)
			return -1;
		(*n)++;
		return (defer ? 030 : 020) | 7;
	}
	if ((r = parse_reg(a)) >= 0)
		return (defer ? 010 : 0) | r;
	skip_space(a);
	if (a->s[0] == '-' && a->s[1] == '(') {
		a->s += 2;
		if ((r = need_reg(a)) < 0 || !accept(a, ')'))
			return fail(a, "-(R) expected");
		return (defer ? 050 : 040) | r;
	}
	if (accept(a, '(')) {
		if ((r = need_reg(a)) < 0 || !accept(a, ')'))
			return fail(a, "(R) expected");
		if (accept(a, '+'))
			return (defer ? 030 : 020) | r;
		if (!defer)
			return 010 | r;
		*extra = 0;	/* @(R) is @0(R) */
		(*n)++;
		return 070 | r;
	}
	if (parse_expr(a, &v) < 0)
		return -1;
	if (accept(a, '(')) {
		if ((r = need_reg(a)) < 0 || !accept(a, ')'))
			return fail(a, "X(R) expected");
		if (word_value(a, v, extra) < 0)
			return -1;
		(*n)++;
		return (defer ? 070 : 060) | r;
	}
	/* PC-relative: the offset counts from the end of the index word */
	uint16_t next_pc = (uint16_t)(a->pc + 2 * *n + 2);
	if (word_value(a, v, extra) < 0)
		return -1;
	*extra = (uint16_t)(*extra - next_pc);
	(*n)++;
	return (defer ? 070 : 060) | 7;
}

static int need_comma(struct as *a)
{
	if (!accept(a, ','))
		return fail(a, "',' expected at '%s'", a->s);
	return 0;
}

static const struct opcode *find_row(const char *name)
{
	for (int i = 0; i < opcode_count; i++)
		if (!strcasecmp(opcode_table[i].name, name))
			return &opcode_table[i];
	return NULL;
}

static const struct opcode *cc_row(void)
{
	for (int i = 0; i < opcode_count; i++)
		if (opcode_table[i].fmt == FMT_CC)
			return &opcode_table[i];
	return NULL;
}

static int read_name(struct as *a, char *name, int size)
{
	skip_space(a);
	int len = 0;
	while (isalpha((unsigned char)*a->s) || *a->s == '.') {
		if (len < size - 1)
			name[len++] = *a->s;
		a->s++;
	}
	name[len] = 0;
	return len;
}

/* "CLV CLC": condition code operators of one kind combine by OR. */
static int parse_cc_more(struct as *a, uint16_t *ir)
{
	const struct opcode *cc = cc_row();
	if (!cc || (*ir & cc->mask) != cc->match)
		return fail(a, "junk after instruction at '%s'", a->s);
	while (!at_end(a)) {
		char name[16];
		read_name(a, name, sizeof name);
		const struct opcode *op = find_row(name);
		if (!op || op->fmt != FMT_NONE || (op->match & cc->mask) != cc->match
		    || ((op->match ^ *ir) & ~017))
			return fail(a, "'%s' does not combine with the previous operators", name);
		*ir |= op->match;
	}
	return 0;
}

int assemble(uint16_t pc, const char *line, uint16_t words[3], char *err, int errsize)
{
	struct as a = { line, pc, err, errsize, 0 };
	char name[16];
	long v;
	int n = 1, spec, r;

	if (err && errsize > 0)
		err[0] = 0;
	words[0] = words[1] = words[2] = 0;
	if (!read_name(&a, name, sizeof name))
		return fail(&a, "mnemonic expected at '%s'", a.s);
	if (!strcasecmp(name, ".word")) {
		if (parse_expr(&a, &v) < 0 || word_value(&a, v, &words[0]) < 0)
			return -1;
		goto done;
	}
	const struct opcode *op = find_row(name);
	if (!op || op->fmt == FMT_CC)
		return fail(&a, "unknown mnemonic '%s'", name);
	uint16_t ir = op->match;

	switch (op->fmt) {
	case FMT_NONE:
		if (!at_end(&a) && parse_cc_more(&a, &ir) < 0)
			return -1;
		break;
	case FMT_CC:
		break;
	case FMT_DD:
		if ((spec = parse_operand(&a, words, &n)) < 0)
			return -1;
		ir |= (uint16_t)spec;
		break;
	case FMT_SSDD:
		if ((spec = parse_operand(&a, words, &n)) < 0)
			return -1;
		ir |= (uint16_t)(spec << 6);
		if (need_comma(&a) < 0 || (spec = parse_operand(&a, words, &n)) < 0)
			return -1;
		ir |= (uint16_t)spec;
		break;
	case FMT_RDD:
		if ((r = need_reg(&a)) < 0 || need_comma(&a) < 0
		    || (spec = parse_operand(&a, words, &n)) < 0)
			return -1;
		ir |= (uint16_t)(r << 6 | spec);
		break;
	case FMT_DDR:
		if ((spec = parse_operand(&a, words, &n)) < 0 || need_comma(&a) < 0
		    || (r = need_reg(&a)) < 0)
			return -1;
		ir |= (uint16_t)(r << 6 | spec);
		break;
	case FMT_R:
		if ((r = need_reg(&a)) < 0)
			return -1;
		ir |= (uint16_t)r;
		break;
	case FMT_BR: {
		if (parse_expr(&a, &v) < 0)
			return -1;
		long off = (long)(uint16_t)(v - pc - 2);
		if (off & 1)
			return fail(&a, "odd branch target");
		if (off >= 0100000)
			off -= 0200000;
		off /= 2;
		if (off < -128 || off > 127)
			return fail(&a, "branch target out of range");
		ir |= (uint16_t)(off & 0377);
		break;
	}
	case FMT_SOB: {
		if ((r = need_reg(&a)) < 0 || need_comma(&a) < 0 || parse_expr(&a, &v) < 0)
			return -1;
		long off = (long)(uint16_t)(pc + 2 - v);
		if ((off & 1) || off > 2 * 077)
			return fail(&a, "SOB target must be 0 to 176 bytes back");
		ir |= (uint16_t)(r << 6 | off / 2);
		break;
	}
	case FMT_N6:
	case FMT_N8: {
		long max = op->fmt == FMT_N6 ? 077 : 0377;
		v = 0;
		if (!at_end(&a) && parse_expr(&a, &v) < 0)
			return -1;
		if (v < 0 || v > max)
			return fail(&a, "%s takes 0 to %lo", op->name, max);
		ir |= (uint16_t)v;
		break;
	}
	}
	words[0] = ir;
done:
	if (!at_end(&a))
		return fail(&a, "junk at '%s'", a.s);
	return n;
}
