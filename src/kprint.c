/* print and ptype: C expressions (cexpr.c) over the kernel's memory,
 * typed by the headers the kernel's symbols came with (ksrc.c). The
 * machine is only read, through the kernel's mapping (cpu_peek). */
#include <stdlib.h>
#include <string.h>

#include "cexpr.h"
#include "debug.h"
#include "ksrc.h"
#include "sim.h"

static int env_peek(void *ctx, uint16_t addr, uint16_t *w)
{
	struct sim *s = ctx;
	return cpu_peek(&s->m.cpu, addr, MODE_KERNEL, w) == BUS_OK ? 0 : -1;
}

static int env_symbol(void *ctx, const char *name, uint16_t *value)
{
	struct sim *s = ctx;
	const struct symbol *sym = symtab_find(&s->sym[0], name);
	if (!sym)
		return -1;
	*value = sym->value;
	return (sym->type & 037) == SYM_TEXT ? 1 : 0;
}

static int env_symbolize(void *ctx, uint16_t addr, char *buf, int size)
{
	struct sim *s = ctx;
	return symtab_format(&s->sym[0], addr, buf, size);
}

int kdebug_env(struct sim *s, struct cexpr_env *env)
{
	const struct ksrc *k = kdebug_source(s);
	if (!k)
		return -1;
	*env = (struct cexpr_env){
		.ct = k->ct, .ctx = s, .peek = env_peek, .symbol = env_symbol, .symbolize = env_symbolize,
		.data_lo = s->sym[0].text_hi,
		.data_hi = (uint16_t)(s->sym[0].end > 0177777 ? 0177777 : s->sym[0].end),
	};
	return 0;
}

/* The expression: the line up to a `;` comment, without blanks at the end. */
static void expression(const char *rest, char *buf, int size)
{
	snprintf(buf, (size_t)size, "%.*s", (int)strcspn(rest, ";"), rest);
	for (int n = (int)strlen(buf); n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'); n--)
		buf[n - 1] = 0;
}

static int ready(struct sim *s, const char *cmd, struct cexpr_env *env)
{
	if (!s->sym[0].n) {
		sim_error(s, "%s: no kernel symbols: load them first (symbols rk0:/rkunix)", cmd);
		return -1;
	}
	if (kdebug_env(s, env) < 0) {
		sim_error(s, "%s: out of memory", cmd);
		return -1;
	}
	return 0;
}

/* print[/o|/d|/x|/c] EXPR; the monitor hands the format over as "/x ..." */
int cmd_print(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	int fmt = 0;
	if (rest[0] == '/') {
		if (!strchr("odxc", rest[1]) || !rest[1] || (rest[2] && rest[2] != ' ' && rest[2] != '\t')) {
			sim_error(s, "print: bad format /%.*s (o, d, x or c)", (int)strcspn(rest + 1, " \t"), rest + 1);
			return CMD_ERROR;
		}
		fmt = rest[1];
		rest += 2;
	}
	char text[512], err[256];
	expression(rest, text, sizeof text);
	if (!text[strspn(text, " \t")]) {
		sim_error(s, "usage: print[/o|/d|/x|/c] EXPR");
		return CMD_ERROR;
	}
	struct cexpr_env env;
	if (ready(s, "print", &env) < 0)
		return CMD_ERROR;
	if (cexpr_print(&env, text, fmt, stderr, err, sizeof err) < 0) {
		sim_error(s, "print: %s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}

int cmd_ptype(struct sim *s, int argc, char **argv, const char *rest)
{
	(void)argc, (void)argv;
	char text[512], err[256];
	expression(rest, text, sizeof text);
	if (!text[strspn(text, " \t")]) {
		sim_error(s, "usage: ptype EXPR|struct NAME");
		return CMD_ERROR;
	}
	struct cexpr_env env;
	/* a struct alone needs no symbols */
	if (strncmp(text, "struct", 6) != 0 ? ready(s, "ptype", &env) < 0 : kdebug_env(s, &env) < 0) {
		if (strncmp(text, "struct", 6) == 0)
			sim_error(s, "ptype: out of memory");
		return CMD_ERROR;
	}
	if (cexpr_ptype(&env, text, stderr, err, sizeof err) < 0) {
		sim_error(s, "ptype: %s", err);
		return CMD_ERROR;
	}
	return CMD_OK;
}
