/* C expressions over kernel memory (cexpr.h): a recursive descent
 * parser that evaluates as it goes, and gdb's way of printing values. */
#include "cexpr.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { ELEMENTS_MAX = 200, REPEATS = 10, DEPTH_MAX = 64 };

/* A value: an object in kernel memory (lval, at addr) or a number. */
struct val {
	int type;
	bool lval;
	uint16_t addr;
	long v;
};

struct parser {
	const struct cexpr_env *env;
	const char *p;
	char *err;
	int errsize;
	bool failed;
	int depth;
};

static bool fail(struct parser *ps, const char *fmt, ...)
{
	if (!ps->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ps->err, (size_t)ps->errsize, fmt, ap);
		va_end(ap);
	}
	ps->failed = true;
	return false;
}

static const struct ctype *ty(const struct cexpr_env *env, int t)
{
	return &env->ct->ty[t];
}

static int basic(const struct cexpr_env *env, enum ctype_kind k)
{
	return ctypes_basic(env->ct, k);
}

/* ---- memory ---- */

static bool peek_byte(const struct cexpr_env *env, uint16_t addr, uint8_t *b)
{
	uint16_t w;
	if (env->peek(env->ctx, (uint16_t)(addr & ~1), &w) < 0)
		return false;
	*b = (uint8_t)(addr & 1 ? w >> 8 : w);
	return true;
}

static bool peek_word(const struct cexpr_env *env, uint16_t addr, uint16_t *w)
{
	uint8_t lo, hi;
	if (!(addr & 1))
		return env->peek(env->ctx, addr, w) == 0;
	if (!peek_byte(env, addr, &lo) || !peek_byte(env, (uint16_t)(addr + 1), &hi))
		return false;
	*w = (uint16_t)(lo | hi << 8);
	return true;
}

/* A scalar's value read from memory: chars are signed as V6's cc has them. */
static bool load(const struct cexpr_env *env, int type, uint16_t addr, long *v)
{
	const struct ctype *t = ty(env, type);
	uint16_t w, w2;
	uint8_t b;
	switch (t->kind) {
	case CT_CHAR:
		if (!peek_byte(env, addr, &b))
			return false;
		*v = (int8_t)b;
		return true;
	case CT_LONG: case CT_FLOAT: case CT_DOUBLE:
		/* the high word first, as the PDP-11 keeps a long */
		if (!peek_word(env, addr, &w) || !peek_word(env, (uint16_t)(addr + 2), &w2))
			return false;
		*v = (long)(int32_t)((uint32_t)w << 16 | w2);
		return true;
	case CT_INT:
		if (!peek_word(env, addr, &w))
			return false;
		*v = (int16_t)w;
		return true;
	default:
		if (!peek_word(env, addr, &w))
			return false;
		*v = w;
		return true;
	}
}

/* An lvalue's value as a number: arrays and functions give their address. */
static bool rvalue(struct parser *ps, struct val *x)
{
	if (!x->lval)
		return true;
	const struct cexpr_env *env = ps->env;
	const struct ctype *t = ty(env, x->type);
	if (t->kind == CT_ARRAY) {
		*x = (struct val){ ctypes_pointer(env->ct, t->to), false, 0, x->addr };
		return true;
	}
	if (t->kind == CT_STRUCT) {
		char n[64];
		ctypes_name(env->ct, x->type, n, sizeof n);
		return fail(ps, "a %s is not a number", n);
	}
	if (t->kind == CT_FUNC || t->kind == CT_VOID) {
		*x = (struct val){ basic(env, CT_INT), false, 0, x->addr };
		return true;
	}
	long v;
	if (!load(env, x->type, x->addr, &v))
		return fail(ps, "cannot read 0%06o: the kernel's mapping does not reach it", x->addr);
	x->lval = false;
	x->v = v;
	return true;
}

/* ---- the lexer ---- */

static void skip_blanks(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static bool take(struct parser *ps, const char *tok)
{
	skip_blanks(ps);
	size_t n = strlen(tok);
	if (strncmp(ps->p, tok, n) != 0)
		return false;
	/* `-` is not the start of `->` */
	if (strcmp(tok, "-") == 0 && ps->p[1] == '>')
		return false;
	ps->p += n;
	return true;
}

static bool ident(struct parser *ps, char *name)
{
	skip_blanks(ps);
	int n = 0;
	if (!isalpha((unsigned char)*ps->p) && *ps->p != '_')
		return false;
	while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
		n++;
	if (n >= CT_NAME)
		return fail(ps, "name too long: %.*s", n, ps->p);
	memcpy(name, ps->p, (size_t)n);
	name[n] = 0;
	ps->p += n;
	return true;
}

static bool peek_ident(struct parser *ps, const char *word)
{
	skip_blanks(ps);
	size_t n = strlen(word);
	return strncmp(ps->p, word, n) == 0 && !isalnum((unsigned char)ps->p[n]) && ps->p[n] != '_';
}

/* ---- the grammar ---- */

static bool expr(struct parser *ps, struct val *x);
static bool unary(struct parser *ps, struct val *x);

/* A type name: int, char, unsigned, long, struct NAME, then stars. */
static bool type_name(struct parser *ps, int *type)
{
	const struct cexpr_env *env = ps->env;
	static const struct { const char *name; enum ctype_kind k; } names[] = {
		{ "char", CT_CHAR }, { "int", CT_INT }, { "unsigned", CT_UNSIGNED }, { "long", CT_LONG },
	};
	char w[CT_NAME];
	if (!ident(ps, w))
		return false;
	*type = -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(w, names[i].name) == 0)
			*type = basic(env, names[i].k);
	if (strcmp(w, "struct") == 0) {
		char s[CT_NAME];
		if (!ident(ps, s))
			return fail(ps, "struct without a name");
		int st = ctypes_struct(env->ct, s);
		if (st < 0)
			return fail(ps, "no struct %s in the headers", s);
		*type = ctypes_struct_type(env->ct, st);
	}
	if (*type < 0)
		return fail(ps, "not a type: %s", w);
	while (take(ps, "*"))
		*type = ctypes_pointer(env->ct, *type);
	return true;
}

static bool is_cast(struct parser *ps)
{
	const char *save = ps->p;
	bool cast = take(ps, "(") && (peek_ident(ps, "struct") || peek_ident(ps, "int") ||
				      peek_ident(ps, "char") || peek_ident(ps, "unsigned") ||
				      peek_ident(ps, "long"));
	ps->p = save;
	return cast;
}

static bool number(struct parser *ps, struct val *x)
{
	const char *p = ps->p;
	char *end;
	/* C's rule: a leading 0 is octal; V6 also takes 8 and 9 as octal digits there */
	long v = strtol(p, &end, *p == '0' ? 8 : 10);
	if (*end == '.' || (isdigit((unsigned char)*end) && *p != '0')) {
		v = strtol(p, &end, 10);
		end += *end == '.';
	}
	if (isalnum((unsigned char)*end) || *end == '_')
		return fail(ps, "bad number: %.*s", (int)strcspn(p, " ()[]+-*&.>"), p);
	if (v > 0177777)
		return fail(ps, "number too large: %.*s", (int)(end - p), p);
	ps->p = end;
	*x = (struct val){ basic(ps->env, CT_INT), false, 0, v };
	return true;
}

static bool name_value(struct parser *ps, const char *name, struct val *x)
{
	const struct cexpr_env *env = ps->env;
	long c;
	const struct cglobal *g = ctypes_global(env->ct, name);
	char sym[CT_NAME + 2];
	uint16_t addr;
	snprintf(sym, sizeof sym, "_%s", name);
	int kind = env->symbol(env->ctx, name[0] == '_' ? name : sym, &addr);
	if (g) {
		if (kind < 0)
			return fail(ps, "%s is declared (%s) but the kernel has no symbol _%s", name, g->where, name);
		*x = (struct val){ g->type, true, addr, 0 };
		return true;
	}
	if (ctypes_define(env->ct, name, &c) == 0) {
		*x = (struct val){ basic(env, CT_INT), false, 0, c };
		return true;
	}
	if (kind == 1) {	/* a function: its address */
		*x = (struct val){ basic(env, CT_INT), false, 0, addr };
		x->type = ctypes_pointer(env->ct, basic(env, CT_VOID));
		return true;
	}
	if (kind == 0) {	/* a variable no header declares: an int */
		*x = (struct val){ basic(env, CT_INT), true, addr, 0 };
		return true;
	}
	return fail(ps, "no symbol %s in the kernel or its headers", name);
}

static bool primary(struct parser *ps, struct val *x)
{
	skip_blanks(ps);
	char name[CT_NAME];
	if (isdigit((unsigned char)*ps->p))
		return number(ps, x);
	if (*ps->p == '\'' && ps->p[1] && ps->p[2] == '\'') {
		*x = (struct val){ basic(ps->env, CT_INT), false, 0, (unsigned char)ps->p[1] };
		ps->p += 3;
		return true;
	}
	if (take(ps, "(")) {
		if (!expr(ps, x))
			return false;
		if (!take(ps, ")"))
			return fail(ps, "missing ) at '%s'", *ps->p ? ps->p : "end");
		return true;
	}
	if (ident(ps, name))
		return name_value(ps, name, x);
	if (ps->failed)
		return false;
	return fail(ps, "expected a value at '%s'", *ps->p ? ps->p : "end");
}

/* `.` and `->`: the member in the struct of the value's type if it has
 * one, else wherever the headers declare it (V6's global names). */
static bool member(struct parser *ps, struct val *x, bool arrow)
{
	const struct cexpr_env *env = ps->env;
	char name[CT_NAME];
	if (!ident(ps, name))
		return ps->failed ? false : fail(ps, "expected a member name after %s", arrow ? "->" : ".");
	int st = -1;
	const struct ctype *t = ty(env, x->type);
	if (!arrow && t->kind == CT_STRUCT)
		st = t->st;
	if (arrow && t->kind == CT_PTR && ty(env, t->to)->kind == CT_STRUCT)
		st = ty(env, t->to)->st;
	const struct cmember *m = st >= 0 ? ctypes_member(env->ct, st, name) : NULL;
	if (!m)
		m = ctypes_member(env->ct, -1, name);
	if (!m) {
		if (st >= 0 && env->ct->st[st].name[0])
			return fail(ps, "no field %s in struct %s", name, env->ct->st[st].name);
		return fail(ps, "no field %s in any struct", name);
	}
	if (arrow) {
		if (!rvalue(ps, x))
			return false;
		if (ty(env, x->type)->kind == CT_LONG)
			return fail(ps, "-> on a long");
		*x = (struct val){ m->type, true, (uint16_t)(x->v + m->off), 0 };
		return true;
	}
	if (!x->lval)
		return fail(ps, ".%s of a value that is not in memory", name);
	*x = (struct val){ m->type, true, (uint16_t)(x->addr + m->off), 0 };
	return true;
}

/* p + n with C's scaling; ints take part as V6 lets them */
static bool add(struct parser *ps, struct val *x, struct val y, int sign)
{
	const struct cexpr_env *env = ps->env;
	if (!rvalue(ps, x) || !rvalue(ps, &y))
		return false;
	const struct ctype *a = ty(env, x->type), *b = ty(env, y.type);
	if (a->kind == CT_PTR && b->kind == CT_PTR) {
		if (sign > 0)
			return fail(ps, "cannot add two pointers");
		int size = ctypes_size(env->ct, a->to);
		x->v = (int16_t)(uint16_t)(x->v - y.v) / (size ? size : 1);
		x->type = basic(env, CT_INT);
		return true;
	}
	if (b->kind == CT_PTR && sign > 0) {
		struct val t = *x;
		*x = y;
		y = t;
		a = ty(env, x->type);
	} else if (b->kind == CT_PTR) {
		return fail(ps, "cannot subtract a pointer from a number");
	}
	long scale = a->kind == CT_PTR ? ctypes_size(env->ct, a->to) : 1;
	x->v = x->v + sign * y.v * (scale ? scale : 1);
	if (ty(env, x->type)->kind != CT_LONG)
		x->v = ty(env, x->type)->kind == CT_INT ? (int16_t)x->v : (uint16_t)x->v;
	return true;
}

static bool postfix(struct parser *ps, struct val *x)
{
	if (!primary(ps, x))
		return false;
	for (;;) {
		if (take(ps, "[")) {
			struct val i;
			if (!expr(ps, &i) || !rvalue(ps, &i))
				return false;
			if (!take(ps, "]"))
				return fail(ps, "missing ] at '%s'", *ps->p ? ps->p : "end");
			const struct ctype *t = ty(ps->env, x->type);
			if (t->kind == CT_ARRAY && t->count && (i.v < 0 || i.v >= t->count))
				return fail(ps, "index %ld is out of bounds (%d elements)", i.v, t->count);
			if (t->kind != CT_ARRAY && t->kind != CT_PTR) {
				/* V6: an int used as a pointer points at ints */
				if (!rvalue(ps, x))
					return false;
				x->type = ctypes_pointer(ps->env->ct, basic(ps->env, CT_INT));
			}
			if (!add(ps, x, i, 1))
				return false;
			int to = ty(ps->env, x->type)->to;
			*x = (struct val){ to, true, (uint16_t)x->v, 0 };
		} else if (take(ps, "->")) {
			if (!member(ps, x, true))
				return false;
		} else if (take(ps, ".")) {
			if (!member(ps, x, false))
				return false;
		} else {
			return true;
		}
	}
}

static bool unary(struct parser *ps, struct val *x)
{
	const struct cexpr_env *env = ps->env;
	if (++ps->depth > DEPTH_MAX)
		return fail(ps, "expression nested too deeply");
	bool ok;
	if (take(ps, "*")) {
		ok = unary(ps, x) && rvalue(ps, x);
		if (ok) {
			const struct ctype *t = ty(env, x->type);
			int to = t->kind == CT_PTR ? t->to : basic(env, CT_INT);	/* V6: *int is an int */
			if (t->kind == CT_PTR && (ty(env, to)->kind == CT_VOID || ty(env, to)->kind == CT_FUNC))
				ok = fail(ps, "cannot follow a pointer to a function");
			else
				*x = (struct val){ to, true, (uint16_t)x->v, 0 };
		}
	} else if (take(ps, "&")) {
		ok = unary(ps, x);
		if (ok && !x->lval)
			ok = fail(ps, "& of a value that is not in memory");
		if (ok)
			*x = (struct val){ ctypes_pointer(env->ct, x->type), false, 0, x->addr };
	} else if (take(ps, "-")) {
		ok = unary(ps, x) && rvalue(ps, x);
		if (ok) {
			x->v = -x->v;
			if (ty(env, x->type)->kind != CT_LONG)
				x->type = basic(env, CT_INT), x->v = (int16_t)x->v;
		}
	} else if (is_cast(ps)) {
		int type;
		take(ps, "(");
		ok = type_name(ps, &type);
		if (ok && !take(ps, ")"))
			ok = fail(ps, "missing ) after the type at '%s'", *ps->p ? ps->p : "end");
		ok = ok && unary(ps, x);
		if (ok && ty(env, type)->kind == CT_STRUCT) {
			ok = x->lval || fail(ps, "cast to a struct of a value that is not in memory");
			x->type = type;	/* V6: (struct buf)x is the struct at x */
		} else if (ok && rvalue(ps, x)) {
			x->type = type;
			x->v = ty(env, type)->kind == CT_CHAR ? (int8_t)x->v : ty(env, type)->kind == CT_INT ? (int16_t)x->v : x->v;
		} else {
			ok = false;
		}
	} else {
		ok = postfix(ps, x);
	}
	ps->depth--;
	return ok;
}

static bool expr(struct parser *ps, struct val *x)
{
	if (!unary(ps, x))
		return false;
	for (;;) {
		int sign = take(ps, "+") ? 1 : take(ps, "-") ? -1 : 0;
		if (!sign)
			return true;
		struct val y;
		if (!unary(ps, &y) || !add(ps, x, y, sign))
			return false;
	}
}

static bool parse(struct parser *ps, struct val *x)
{
	if (!expr(ps, x))
		return false;
	skip_blanks(ps);
	if (*ps->p)
		return fail(ps, "unexpected '%s'", ps->p);
	return true;
}

/* ---- printing ---- */

static void print_char(FILE *out, int c)
{
	c &= 0377;
	if (c == '\'' || c == '\\')
		fprintf(out, "\\%c", c);
	else if (c >= 040 && c < 0177)
		fputc(c, out);
	else if (c == '\n')
		fputs("\\n", out);
	else if (c == '\t')
		fputs("\\t", out);
	else
		fprintf(out, "\\%03o", c);
}

void cexpr_format(const struct cexpr_env *env, int type, long v, int fmt, FILE *out)
{
	const struct ctype *t = ty(env, type);
	int size = ctypes_size(env->ct, type);
	unsigned long mask = size == 1 ? 0377 : size == 4 ? 0xffffffffUL : 0177777;
	unsigned long u = (unsigned long)v & mask;
	char name[64];
	if (fmt == 'd')
		fprintf(out, "%ld", t->kind == CT_UNSIGNED || t->kind == CT_PTR ? (long)u : v);
	else if (fmt == 'x')
		fprintf(out, "0x%lx", u);
	else if (fmt == 'c') {
		fprintf(out, "%ld '", v);
		print_char(out, (int)v);
		fputc('\'', out);
	} else if (t->kind == CT_PTR || (u && u >= env->data_lo && u < env->data_hi && size == 2)) {
		fprintf(out, u ? "%06lo" : "0", u);
		if (u && env->symbolize(env->ctx, (uint16_t)u, name, sizeof name) > 0)
			fprintf(out, " <%s>", name);
	} else {
		fprintf(out, u ? "0%lo" : "0", u);
	}
}

static void print_value(const struct cexpr_env *env, int type, uint16_t addr, int fmt, FILE *out, int depth);

static bool same_bytes(const struct cexpr_env *env, uint16_t a, uint16_t b, int size)
{
	for (int i = 0; i < size; i++) {
		uint8_t x, y;
		if (!peek_byte(env, (uint16_t)(a + i), &x) || !peek_byte(env, (uint16_t)(b + i), &y) || x != y)
			return false;
	}
	return true;
}

static void print_string(const struct cexpr_env *env, uint16_t addr, int n, FILE *out)
{
	int len = 0;
	uint8_t c;
	while (len < n && peek_byte(env, (uint16_t)(addr + len), &c) && c)
		len++;
	int rest = len;
	while (rest < n && peek_byte(env, (uint16_t)(addr + rest), &c) && !c)
		rest++;
	fputc('"', out);
	for (int i = 0; i < (rest == n ? len : n); i++) {
		c = 0;
		peek_byte(env, (uint16_t)(addr + i), &c);
		if (c == '"')
			fputs("\\\"", out);
		else
			print_char(out, c);
	}
	fputc('"', out);
}

static void print_array(const struct cexpr_env *env, const struct ctype *t, uint16_t addr, int fmt,
			FILE *out, int depth)
{
	int esize = ctypes_size(env->ct, t->to);
	if (ty(env, t->to)->kind == CT_CHAR && !fmt) {
		print_string(env, addr, t->count, out);
		return;
	}
	fputc('{', out);
	int shown = 0;
	for (int i = 0; i < t->count;) {
		if (shown == ELEMENTS_MAX) {
			fprintf(out, "...");
			break;
		}
		int run = 1;
		while (i + run < t->count && esize &&
		       same_bytes(env, (uint16_t)(addr + i * esize), (uint16_t)(addr + (i + run) * esize), esize))
			run++;
		if (i)
			fputs(", ", out);
		print_value(env, t->to, (uint16_t)(addr + i * esize), fmt, out, depth + 1);
		if (run >= REPEATS) {
			fprintf(out, " <repeats %d times>", run);
			i += run;
		} else {
			i++;
		}
		shown++;
	}
	fputc('}', out);
}

static void print_value(const struct cexpr_env *env, int type, uint16_t addr, int fmt, FILE *out, int depth)
{
	const struct ctype *t = ty(env, type);
	if (depth > 8) {
		fputs("{...}", out);
		return;
	}
	if (t->kind == CT_STRUCT) {
		const struct cstruct *s = &env->ct->st[t->st];
		fputc('{', out);
		int k = 0;
		for (int i = 0; i < env->ct->nmem; i++) {
			const struct cmember *m = &env->ct->mem[i];
			if (m->st != t->st)
				continue;
			fprintf(out, "%s%s = ", k++ ? ", " : "", m->name);
			print_value(env, m->type, (uint16_t)(addr + m->off), fmt, out, depth + 1);
		}
		if (!s->defined)
			fputs("<incomplete type>", out);
		fputc('}', out);
		return;
	}
	if (t->kind == CT_ARRAY) {
		print_array(env, t, addr, fmt, out, depth);
		return;
	}
	if (t->kind == CT_FUNC || t->kind == CT_VOID) {
		char name[64];
		fprintf(out, "{<text>} %06o", addr);
		if (env->symbolize(env->ctx, addr, name, sizeof name) > 0)
			fprintf(out, " <%s>", name);
		return;
	}
	long v;
	if (!load(env, type, addr, &v)) {
		fprintf(out, "<cannot read %06o>", addr);
		return;
	}
	cexpr_format(env, type, v, fmt, out);
}

int cexpr_print(const struct cexpr_env *env, const char *text, int fmt, FILE *out, char *err, int errsize)
{
	struct parser ps = { env, text, err, errsize, false, 0 };
	struct val x;
	if (!parse(&ps, &x))
		return -1;
	if (!x.lval) {
		cexpr_format(env, x.type, x.v, fmt, out);
		fputc('\n', out);
		return 0;
	}
	/* what print shows must be readable: check the first word now */
	uint8_t b;
	if (!peek_byte(env, x.addr, &b)) {
		snprintf(err, (size_t)errsize, "cannot read 0%06o: the kernel's mapping does not reach it", x.addr);
		return -1;
	}
	print_value(env, x.type, x.addr, fmt, out, 0);
	fputc('\n', out);
	return 0;
}

static void ptype_struct(const struct cexpr_env *env, int st, FILE *out)
{
	const struct cstruct *s = &env->ct->st[st];
	fprintf(out, "struct %s%s{\n", s->name, s->name[0] ? " " : "");
	for (int i = 0; i < env->ct->nmem; i++) {
		const struct cmember *m = &env->ct->mem[i];
		if (m->st != st)
			continue;
		char n[128];
		ctypes_declare(env->ct, m->type, m->name, n, sizeof n);
		fprintf(out, "    %s;\n", n);
	}
	fprintf(out, "}");
}

int cexpr_ptype(const struct cexpr_env *env, const char *text, FILE *out, char *err, int errsize)
{
	struct parser ps = { env, text, err, errsize, false, 0 };
	int type;
	if (peek_ident(&ps, "struct")) {
		const char *save = ps.p;
		if (!type_name(&ps, &type))
			return -1;
		skip_blanks(&ps);
		if (*ps.p) {	/* struct NAME was the start of an expression */
			ps.p = save;
			goto expression;
		}
	} else {
	expression:;
		struct val x;
		if (!parse(&ps, &x))
			return -1;
		type = x.type;
	}
	int base = type;
	while (ty(env, base)->kind == CT_ARRAY || ty(env, base)->kind == CT_PTR)
		base = ty(env, base)->to;
	fprintf(out, "type = ");
	if (ty(env, base)->kind == CT_STRUCT) {
		ptype_struct(env, ty(env, base)->st, out);
		char n[96], b[96];
		ctypes_name(env->ct, type, n, sizeof n);
		ctypes_name(env->ct, base, b, sizeof b);
		fprintf(out, "%s\n", n + strlen(b));
	} else {
		char n[96];
		ctypes_name(env->ct, type, n, sizeof n);
		fprintf(out, "%s\n", n);
	}
	return 0;
}
