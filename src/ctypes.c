/* The V6 header reader (ctypes.h): a tokenizer, #define constants, and
 * declarations of structs and globals with their declarators
 * (`*p`, `a[N]`, `(*f)()`). Anything else is a warning naming its line,
 * and the reader goes on after the next `;` at the outer level. */
#include "ctypes.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 100000 };

/* Grow an array of items by one; NULL when out of memory or too many. */
static void *grow(void **arr, int *n, int *cap, size_t size)
{
	if (*n == *cap) {
		if (*cap >= MAX_ITEMS)
			return NULL;
		int c = *cap ? *cap * 2 : 32;
		void *p = realloc(*arr, (size_t)c * size);
		if (!p)
			return NULL;
		*arr = p;
		*cap = c;
	}
	char *item = (char *)*arr + (size_t)(*n)++ * size;
	memset(item, 0, size);
	return item;
}

struct ctypes *ctypes_new(void)
{
	struct ctypes *ct = calloc(1, sizeof *ct);
	if (!ct)
		return NULL;
	for (int k = CT_VOID; k <= CT_DOUBLE; k++)
		ctypes_basic(ct, (enum ctype_kind)k);
	return ct;
}

void ctypes_free(struct ctypes *ct)
{
	if (!ct)
		return;
	for (int i = 0; i < ct->nwarn; i++)
		free(ct->warn[i]);
	free(ct->warn);
	free(ct->ty);
	free(ct->mem);
	free(ct->st);
	free(ct->def);
	free(ct->glob);
	free(ct);
}

static int make_type(struct ctypes *ct, enum ctype_kind k, int to, int count, int st)
{
	for (int i = 0; i < ct->nty; i++) {
		const struct ctype *t = &ct->ty[i];
		if (t->kind == k && t->to == to && t->count == count && t->st == st)
			return i;
	}
	struct ctype *t = grow((void **)&ct->ty, &ct->nty, &ct->capty, sizeof *t);
	if (!t)
		return 0;
	*t = (struct ctype){ k, to, count, st };
	return ct->nty - 1;
}

int ctypes_basic(struct ctypes *ct, enum ctype_kind k)
{
	return make_type(ct, k, -1, 0, -1);
}

int ctypes_struct_type(struct ctypes *ct, int st)
{
	return make_type(ct, CT_STRUCT, -1, 0, st);
}

int ctypes_pointer(struct ctypes *ct, int to)
{
	return make_type(ct, CT_PTR, to, 0, -1);
}

int ctypes_size(const struct ctypes *ct, int type)
{
	if (type < 0 || type >= ct->nty)
		return 0;
	const struct ctype *t = &ct->ty[type];
	switch (t->kind) {
	case CT_VOID: case CT_FUNC: return 0;
	case CT_CHAR: return 1;
	case CT_INT: case CT_UNSIGNED: case CT_PTR: return 2;
	case CT_LONG: case CT_FLOAT: return 4;
	case CT_DOUBLE: return 8;
	case CT_ARRAY: return t->count * ctypes_size(ct, t->to);
	case CT_STRUCT: return ct->st[t->st].size;
	}
	return 0;
}

static int align(const struct ctypes *ct, int type)
{
	const struct ctype *t = &ct->ty[type];
	while (t->kind == CT_ARRAY)
		t = &ct->ty[t->to];
	return t->kind == CT_CHAR ? 1 : 2;
}

/* dst = a dst b, cut to size */
static void wrap(char *dst, int size, const char *a, const char *b)
{
	char tmp[160];
	int n = snprintf(tmp, sizeof tmp, "%s%s%s", a, dst, b);
	if (n < 0)
		tmp[0] = 0;
	snprintf(dst, (size_t)size, "%.*s", size - 1, tmp);
}

static void name_rec(const struct ctypes *ct, int type, char *pre, int psize, char *post, int qsize)
{
	const struct ctype *t = &ct->ty[type];
	static const char *const basic[] = { "void", "char", "int", "unsigned", "long", "float", "double" };
	char num[16];
	switch (t->kind) {
	case CT_PTR: {
		const struct ctype *to = &ct->ty[t->to];
		if (to->kind == CT_ARRAY || to->kind == CT_FUNC)
			wrap(post, qsize, "(*", ")");
		else
			wrap(post, qsize, "*", "");
		name_rec(ct, t->to, pre, psize, post, qsize);
		return;
	}
	case CT_ARRAY:
		snprintf(num, sizeof num, "[%d]", t->count);
		wrap(post, qsize, "", num);
		name_rec(ct, t->to, pre, psize, post, qsize);
		return;
	case CT_FUNC:
		wrap(post, qsize, "", "()");
		name_rec(ct, t->to, pre, psize, post, qsize);
		return;
	case CT_STRUCT:
		snprintf(pre, (size_t)psize, "struct %s", ct->st[t->st].name[0] ? ct->st[t->st].name : "{...}");
		return;
	default:
		snprintf(pre, (size_t)psize, "%s", basic[t->kind]);
	}
}

void ctypes_declare(const struct ctypes *ct, int type, const char *name, char *buf, int size)
{
	char pre[64] = "", post[128];
	if (type < 0 || type >= ct->nty) {
		snprintf(buf, (size_t)size, "?");
		return;
	}
	snprintf(post, sizeof post, "%s", name);
	name_rec(ct, type, pre, sizeof pre, post, sizeof post);
	/* "int [15]" and "struct proc *" as gdb writes them */
	snprintf(buf, (size_t)size, "%s%s%s", pre, *post ? " " : "", post);
}

void ctypes_name(const struct ctypes *ct, int type, char *buf, int size)
{
	ctypes_declare(ct, type, "", buf, size);
}

int ctypes_define(const struct ctypes *ct, const char *name, long *value)
{
	for (int i = ct->ndef - 1; i >= 0; i--)
		if (strcmp(ct->def[i].name, name) == 0) {
			*value = ct->def[i].value;
			return 0;
		}
	return -1;
}

static int find_struct(const struct ctypes *ct, const char *name)
{
	for (int i = 0; i < ct->nst; i++)
		if (ct->st[i].name[0] && strcmp(ct->st[i].name, name) == 0)
			return i;
	return -1;
}

int ctypes_struct(const struct ctypes *ct, const char *name)
{
	int i = find_struct(ct, name);
	return i >= 0 && ct->st[i].defined ? i : -1;
}

const struct cmember *ctypes_member(const struct ctypes *ct, int st, const char *name)
{
	for (int i = 0; i < ct->nmem; i++)
		if ((st < 0 || ct->mem[i].st == st) && strcmp(ct->mem[i].name, name) == 0)
			return &ct->mem[i];
	return NULL;
}

const struct cglobal *ctypes_global(const struct ctypes *ct, const char *name)
{
	for (int i = ct->nglob - 1; i >= 0; i--)
		if (strcmp(ct->glob[i].name, name) == 0)
			return &ct->glob[i];
	return NULL;
}

/* ---- reading ---- */

enum tok { T_END, T_IDENT, T_NUM, T_PUNCT, T_STRING };

struct lex {
	struct ctypes *ct;
	const char *file, *p;
	int line;
	enum tok tok;
	char text[CT_NAME];
	long num;
	bool failed;    /* a warning was given for this declaration */
};

static void warn(struct lex *l, const char *fmt, ...)
{
	if (l->failed)
		return;
	l->failed = true;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char **w = grow((void **)&l->ct->warn, &l->ct->nwarn, &l->ct->capwarn, sizeof *w);
	if (!w)
		return;
	size_t n = strlen(l->file) + strlen(msg) + 32;
	if ((*w = malloc(n)) != NULL)
		snprintf(*w, n, "%s:%d: %s", l->file, l->line, msg);
}

/* The next token; comments are blanks, a `#` line is one T_PUNCT '#'. */
static void next(struct lex *l)
{
	for (;;) {
		while (*l->p && isspace((unsigned char)*l->p)) {
			if (*l->p == '\n')
				l->line++;
			l->p++;
		}
		if (l->p[0] == '/' && l->p[1] == '*') {
			const char *e = strstr(l->p + 2, "*/");
			const char *end = e ? e + 2 : l->p + strlen(l->p);
			for (; l->p < end; l->p++)
				l->line += *l->p == '\n';
			continue;
		}
		break;
	}
	const char *p = l->p;
	l->text[0] = 0;
	if (!*p) {
		l->tok = T_END;
		return;
	}
	if (isalpha((unsigned char)*p) || *p == '_') {
		int n = 0;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		snprintf(l->text, sizeof l->text, "%.*s", n, p);
		l->p = p + n;
		l->tok = T_IDENT;
		return;
	}
	if (isdigit((unsigned char)*p)) {
		char *end;
		/* C's rule, as V6's cc: a leading 0 is octal; 10. is decimal */
		l->num = strtol(p, &end, *p == '0' ? 8 : 10);
		if (*end == '.' || isdigit((unsigned char)*end))
			l->num = strtol(p, &end, 10), end += *end == '.';
		snprintf(l->text, sizeof l->text, "%.*s", (int)(end - p), p);
		l->p = end;
		l->tok = T_NUM;
		return;
	}
	if (*p == '\'' || *p == '"') {
		char q = *p++;
		long v = 0;
		while (*p && *p != q && *p != '\n') {
			if (*p == '\\' && p[1]) {
				p++;
				v = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == '0' ? 0 : *p;
			} else {
				v = (unsigned char)*p;
			}
			p++;
		}
		if (*p == q)
			p++;
		l->p = p;
		l->num = v;
		l->tok = q == '\'' ? T_NUM : T_STRING;
		snprintf(l->text, sizeof l->text, "%c", q);
		return;
	}
	l->text[0] = *p;
	l->text[1] = 0;
	l->p = p + 1;
	l->tok = T_PUNCT;
}

static bool is(const struct lex *l, const char *punct)
{
	return l->tok == T_PUNCT && strcmp(l->text, punct) == 0;
}

static bool accept(struct lex *l, const char *punct)
{
	if (!is(l, punct))
		return false;
	next(l);
	return true;
}

/* A constant expression of numbers, #define names and + - * / % << >> & |
 * ~ and parentheses; false (and a warning) when it is not one. */
static bool cexpr(struct lex *l, int prec, long *v);

static bool primary(struct lex *l, long *v)
{
	if (l->tok == T_NUM) {
		*v = l->num;
		next(l);
		return true;
	}
	if (l->tok == T_IDENT) {
		if (ctypes_define(l->ct, l->text, v) < 0) {
			warn(l, "unknown constant %s", l->text);
			return false;
		}
		next(l);
		return true;
	}
	if (accept(l, "(")) {
		if (!cexpr(l, 0, v))
			return false;
		if (!accept(l, ")")) {
			warn(l, "missing ) in a constant");
			return false;
		}
		return true;
	}
	if (accept(l, "-")) {
		if (!primary(l, v))
			return false;
		*v = -*v;
		return true;
	}
	if (accept(l, "~")) {
		if (!primary(l, v))
			return false;
		*v = ~*v;
		return true;
	}
	warn(l, "cannot read a constant at '%s'", l->tok == T_END ? "end" : l->text);
	return false;
}

static int binprec(const struct lex *l)
{
	if (l->tok != T_PUNCT)
		return -1;
	switch (l->text[0]) {
	case '|': return 1;
	case '&': return 2;
	case '<': case '>': return 3;
	case '+': case '-': return 4;
	case '*': case '/': case '%': return 5;
	}
	return -1;
}

static bool cexpr(struct lex *l, int prec, long *v)
{
	if (!primary(l, v))
		return false;
	for (int p; (p = binprec(l)) > prec;) {
		char op = l->text[0];
		next(l);
		if (op == '<' || op == '>') {
			if (!accept(l, op == '<' ? "<" : ">")) {
				warn(l, "cannot read a constant at '%c'", op);
				return false;
			}
		}
		long r;
		if (!cexpr(l, p, &r))
			return false;
		switch (op) {
		case '|': *v |= r; break;
		case '&': *v &= r; break;
		case '<': *v = r >= 0 && r < 32 ? *v << r : 0; break;
		case '>': *v = r >= 0 && r < 32 ? *v >> r : 0; break;
		case '+': *v += r; break;
		case '-': *v -= r; break;
		case '*': *v *= r; break;
		case '/': case '%':
			if (!r) {
				warn(l, "division by zero in a constant");
				return false;
			}
			*v = op == '/' ? *v / r : *v % r;
			break;
		}
		if (*v > 0x7fffffffL || *v < -0x7fffffffL) {
			warn(l, "constant too large");
			return false;
		}
	}
	return true;
}

/* #define NAME EXPR; other # lines and macros with arguments are not
 * constants and are passed over. */
static void directive(struct lex *l)
{
	int line = l->line;
	const char *eol = strchr(l->p, '\n');
	if (!eol)
		eol = l->p + strlen(l->p);
	next(l);
	if (l->tok == T_IDENT && strcmp(l->text, "define") == 0 && l->p < eol) {
		next(l);
		if (l->tok == T_IDENT && *l->p != '(') {
			char name[CT_NAME];
			snprintf(name, sizeof name, "%s", l->text);
			/* the value is the rest of the line */
			char body[256];
			const char *start = l->p;
			/* the name may have been the next line's (`#define` alone) */
			size_t n = start >= eol ? 0 : (size_t)(eol - start) < sizeof body - 1 ? (size_t)(eol - start) : sizeof body - 1;
			memcpy(body, start, n);
			body[n] = 0;
			struct lex sub = *l;
			sub.p = body;
			next(&sub);
			long v;
			if (sub.tok != T_END && cexpr(&sub, 0, &v) && sub.tok == T_END) {
				struct cdefine *d = grow((void **)&l->ct->def, &l->ct->ndef, &l->ct->capdef, sizeof *d);
				if (d) {
					snprintf(d->name, sizeof d->name, "%s", name);
					d->value = v;
				}
			} else if (!sub.failed && sub.tok != T_END) {
				warn(&sub, "#define %s: not a constant", name);
			}
		}
	}
	l->p = eol;
	l->line = line;
	l->failed = false;
	next(l);
}

static int read_struct(struct lex *l);

/* Base type: char, int, unsigned, long, float, double, struct NAME or
 * struct [NAME] { ... }. -1 (and a warning) if it is none of them. */
static int base_type(struct lex *l)
{
	static const struct { const char *name; enum ctype_kind k; } basic[] = {
		{ "char", CT_CHAR }, { "int", CT_INT }, { "unsigned", CT_UNSIGNED },
		{ "long", CT_LONG }, { "float", CT_FLOAT }, { "double", CT_DOUBLE },
	};
	if (l->tok != T_IDENT) {
		warn(l, "cannot read a declaration at '%s'", l->tok == T_END ? "end" : l->text);
		return -1;
	}
	if (strcmp(l->text, "register") == 0 || strcmp(l->text, "extern") == 0 ||
	    strcmp(l->text, "static") == 0) {
		bool reg = l->text[0] == 'r';
		next(l);
		/* `register *rp;` is an int pointer, as V6 writes it */
		if (reg && (l->tok != T_IDENT || (strcmp(l->text, "char") && strcmp(l->text, "int") &&
						  strcmp(l->text, "struct") && strcmp(l->text, "unsigned") &&
						  strcmp(l->text, "long"))))
			return ctypes_basic(l->ct, CT_INT);
	}
	for (size_t i = 0; i < sizeof basic / sizeof basic[0]; i++)
		if (strcmp(l->text, basic[i].name) == 0) {
			next(l);
			if (basic[i].k == CT_LONG && l->tok == T_IDENT && strcmp(l->text, "int") == 0)
				next(l);
			return ctypes_basic(l->ct, basic[i].k);
		}
	if (strcmp(l->text, "struct") == 0) {
		next(l);
		int st = read_struct(l);
		return st < 0 ? -1 : make_type(l->ct, CT_STRUCT, -1, 0, st);
	}
	warn(l, "unknown type %s", l->text);
	return -1;
}

/* A declarator around base: its name in name[], its type returned. The
 * C rule: `*` binds looser than `[]` and `()`, parentheses group. */
static int declarator(struct lex *l, int base, char *name)
{
	int stars = 0;
	while (accept(l, "*"))
		stars++;
	/* (*f)(): the inner declarator applies to what the suffixes make */
	const char *inner = NULL;
	int inner_line = 0;
	name[0] = 0;
	if (is(l, "(")) {
		inner = l->p;
		inner_line = l->line;
		int depth = 1;
		for (next(l); l->tok != T_END && depth; next(l))
			depth += is(l, "(") - is(l, ")");
	} else if (l->tok == T_IDENT) {
		snprintf(name, CT_NAME, "%s", l->text);
		next(l);
	}
	/* suffixes, applied right to left: a[2][3] is an array of 2 arrays of 3 */
	long dims[8];
	int nd = 0;
	bool func = false;
	for (;;) {
		if (accept(l, "[")) {
			long n = 0;
			if (!is(l, "]") && !cexpr(l, 0, &n))
				return -1;
			if (!accept(l, "]")) {
				warn(l, "missing ] in %s", name);
				return -1;
			}
			if (n < 0 || n > 65536) {
				warn(l, "bad array size %ld in %s", n, name);
				return -1;
			}
			if (nd == 8) {
				warn(l, "too many dimensions in %s", name);
				return -1;
			}
			dims[nd++] = n;
		} else if (accept(l, "(")) {
			while (l->tok != T_END && !accept(l, ")"))
				next(l);
			func = true;
		} else {
			break;
		}
	}
	int t = base;
	for (int i = 0; i < stars; i++)
		t = ctypes_pointer(l->ct, t);
	if (func)
		t = make_type(l->ct, CT_FUNC, t, 0, -1);
	for (int i = nd - 1; i >= 0; i--) {
		/* an object larger than the address space is no V6 object */
		if (dims[i] * ctypes_size(l->ct, t) > 65536) {
			warn(l, "%s is larger than 64K", name[0] ? name : "an array");
			return -1;
		}
		t = make_type(l->ct, CT_ARRAY, t, (int)dims[i], -1);
	}
	if (inner) {
		struct lex sub = *l;
		sub.p = inner;
		sub.line = inner_line;
		next(&sub);
		t = declarator(&sub, t, name);
		l->failed |= sub.failed;
	}
	return t;
}

static struct cstruct *new_struct(struct lex *l, const char *name)
{
	struct cstruct *s = grow((void **)&l->ct->st, &l->ct->nst, &l->ct->capst, sizeof *s);
	if (s)
		snprintf(s->name, sizeof s->name, "%s", name);
	return s;
}

/* After `struct`: NAME, NAME { ... } or { ... }. Returns the struct's
 * index; members are laid out as V6's cc does. */
static int read_struct(struct lex *l)
{
	char name[CT_NAME] = "";
	if (l->tok == T_IDENT) {
		snprintf(name, sizeof name, "%s", l->text);
		next(l);
	}
	int st = name[0] ? find_struct(l->ct, name) : -1;
	if (!is(l, "{")) {
		if (!name[0]) {
			warn(l, "struct with neither name nor body");
			return -1;
		}
		if (st < 0 && new_struct(l, name))
			st = l->ct->nst - 1;
		return st;
	}
	if (st >= 0 && l->ct->st[st].defined) {
		warn(l, "struct %s declared twice", name);
		return -1;
	}
	if (st < 0) {
		if (!new_struct(l, name))
			return -1;
		st = l->ct->nst - 1;
	}
	int line = l->line, off = 0, n = 0;
	next(l);
	while (!is(l, "}")) {
		if (l->tok == T_END) {
			warn(l, "struct %s: no closing }", name);
			goto bad;
		}
		int base = base_type(l);
		if (base < 0)
			goto bad;
		do {
			char mname[CT_NAME];
			int t = declarator(l, base, mname);
			if (t < 0)
				goto bad;
			if (!mname[0]) {
				warn(l, "a member without a name");
				goto bad;
			}
			int inner = t;
			while (l->ct->ty[inner].kind == CT_ARRAY)
				inner = l->ct->ty[inner].to;
			if (l->ct->ty[inner].kind == CT_STRUCT && !l->ct->st[l->ct->ty[inner].st].defined) {
				warn(l, "%s: struct %s has no body yet", mname, l->ct->st[l->ct->ty[inner].st].name);
				goto bad;
			}
			if (align(l->ct, t) == 2)
				off = (off + 1) & ~1;
			struct cmember *m = grow((void **)&l->ct->mem, &l->ct->nmem, &l->ct->capmem, sizeof *m);
			if (!m)
				goto bad;
			snprintf(m->name, sizeof m->name, "%s", mname);
			m->type = t;
			m->off = off;
			m->st = st;
			n++;
			off += ctypes_size(l->ct, t);
			if (off > 65536) {
				warn(l, "struct %s too large", name);
				goto bad;
			}
		} while (accept(l, ","));
		if (!accept(l, ";")) {
			warn(l, "expected ; after a member of struct %s at '%s'", name,
			     l->tok == T_END ? "end" : l->text);
			goto bad;
		}
	}
	next(l);
	struct cstruct *s = &l->ct->st[st];
	s->n = n;
	s->size = (off + 1) & ~1;
	s->defined = true;
	snprintf(s->where, sizeof s->where, "%.50s:%d", l->file, line);
	return st;
bad:
	/* past the body's closing brace, so the declaration ends as it began */
	for (int depth = 1; l->tok != T_END && depth; next(l))
		depth += is(l, "{") - is(l, "}");
	return -1;
}

/* Skip to the end of the declaration after an error: the next `;` at the
 * outer level, or past a brace block. */
static void skip(struct lex *l)
{
	int depth = 0;
	while (l->tok != T_END) {
		if (is(l, "{"))
			depth++;
		else if (is(l, "}") && --depth <= 0) {
			next(l);
			accept(l, ";");
			return;
		} else if (is(l, ";") && depth == 0) {
			next(l);
			return;
		} else if (is(l, "#") && depth == 0)
			return;
		next(l);
	}
}

static void top_decl(struct lex *l)
{
	int line = l->line;
	int base = base_type(l);
	if (base < 0) {
		skip(l);
		return;
	}
	if (accept(l, ";"))
		return;	/* struct NAME { ... }; or an unnamed overlay */
	do {
		char name[CT_NAME];
		int t = declarator(l, base, name);
		if (t < 0) {
			skip(l);
			return;
		}
		if (is(l, "{")) {	/* an initializer (V6: no `=`), or a function body */
			skip(l);
			return;
		}
		if (!name[0]) {
			warn(l, "a declaration without a name");
			skip(l);
			return;
		}
		if (l->ct->ty[t].kind == CT_FUNC)
			continue;
		struct cglobal *g = grow((void **)&l->ct->glob, &l->ct->nglob, &l->ct->capglob, sizeof *g);
		if (g) {
			snprintf(g->name, sizeof g->name, "%s", name);
			g->type = t;
			snprintf(g->where, sizeof g->where, "%.50s:%d", l->file, line);
		}
	} while (accept(l, ","));
	if (!accept(l, ";")) {
		warn(l, "expected ; at '%s'", l->tok == T_END ? "end" : l->text);
		skip(l);
	}
}

void ctypes_read(struct ctypes *ct, const char *file, const char *text)
{
	struct lex l = { .ct = ct, .file = file, .p = text, .line = 1 };
	next(&l);
	while (l.tok != T_END) {
		l.failed = false;
		if (is(&l, "#")) {
			directive(&l);
			continue;
		}
		if (accept(&l, ";"))
			continue;
		top_decl(&l);
	}
}

int ctypes_decl(struct ctypes *ct, const char *text, char (*names)[CT_NAME], int *types, int max)
{
	/* failed from the start: a parameter list is no header, no warnings */
	struct lex l = { .ct = ct, .file = "", .p = text, .line = 1, .failed = true };
	next(&l);
	int base = base_type(&l), n = 0;
	if (base < 0)
		return -1;
	do {
		char name[CT_NAME];
		int t = declarator(&l, base, name);
		if (t < 0 || !name[0])
			return -1;
		if (n < max) {
			snprintf(names[n], CT_NAME, "%s", name);
			types[n++] = t;
		}
	} while (accept(&l, ","));
	return accept(&l, ";") ? n : -1;
}
