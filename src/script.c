/* expect/send. Matching happens in the KL11 output callback, one
 * character at a time, so a match stops the machine right after the
 * character that completed it. Sent input is fed by a bus event, one
 * character per `delay` instructions, and only when the KL11 has taken the
 * previous one: in virtual time the guest sees it at the same instruction
 * on every run. */
#include "script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus/machine.h"
#include "bus/state.h"

void script_init(struct script *sc, struct machine *m)
{
	memset(sc, 0, sizeof *sc);
	sc->m = m;
	sc->first_of_item = true;
}

static void rule_free(struct expect_rule *r)
{
	if (r->is_regex)
		regfree(&r->re);
	free(r->actions);
	r->actions = NULL;
}

void expect_clear(struct script *sc)
{
	for (int i = 0; i < sc->nrules; i++)
		rule_free(&sc->rule[i]);
	sc->nrules = 0;
	sc->wlen = 0;
	sc->window[0] = 0;
}

void script_free(struct script *sc)
{
	expect_clear(sc);
	free(sc->match_actions);
	sc->match_actions = NULL;
}

int expect_add(struct script *sc, const char *pattern, int len, bool is_regex, bool persist,
	       uint64_t timeout, const char *actions, char *err, int errsize)
{
	if (sc->nrules == EXPECT_RULES) {
		snprintf(err, errsize, "too many expect rules (%d)", EXPECT_RULES);
		return -1;
	}
	if (len <= 0 || len >= PATTERN_MAX) {
		snprintf(err, errsize, "expect pattern must be 1 to %d characters", PATTERN_MAX - 1);
		return -1;
	}
	struct expect_rule *r = &sc->rule[sc->nrules];
	memset(r, 0, sizeof *r);
	memcpy(r->pattern, pattern, len);
	r->len = len;
	r->is_regex = is_regex;
	if (is_regex) {
		int rc = regcomp(&r->re, r->pattern, REG_EXTENDED);
		if (rc) {
			char msg[128];
			regerror(rc, &r->re, msg, sizeof msg);
			snprintf(err, errsize, "bad regular expression: %s", msg);
			return -1;
		}
	}
	r->persist = persist;
	r->timeout = timeout;
	r->deadline = sc->m->bus.now + timeout;
	if (r->deadline < sc->m->bus.now)
		r->deadline = UINT64_MAX;
	if (actions && *actions)
		r->actions = strdup(actions);
	/* for messages: the text with control characters made visible */
	int k = 0;
	for (int i = 0; i < len && k < PATTERN_MAX - 5; i++) {
		unsigned char c = (unsigned char)pattern[i];
		if (c == '\r')
			k += snprintf(r->source + k, PATTERN_MAX - k, "\\r");
		else if (c == '\n')
			k += snprintf(r->source + k, PATTERN_MAX - k, "\\n");
		else if (c < 040 || c >= 0177)
			k += snprintf(r->source + k, PATTERN_MAX - k, "\\%03o", c);
		else
			r->source[k++] = (char)c;
	}
	r->source[k] = 0;
	sc->nrules++;
	return 0;
}

static bool rule_matches(const struct script *sc, const struct expect_rule *r)
{
	if (r->is_regex)
		return regexec(&r->re, sc->window, 0, NULL, 0) == 0;
	return sc->wlen >= r->len && memcmp(sc->window + sc->wlen - r->len, r->pattern, r->len) == 0;
}

bool expect_output(struct script *sc, uint8_t ch)
{
	if (sc->nrules == 0 || ch == 0)
		return false;
	if (sc->wlen == EXPECT_WINDOW) {
		/* keep the newer half: a literal pattern is shorter than that */
		memmove(sc->window, sc->window + EXPECT_WINDOW / 2, EXPECT_WINDOW / 2);
		sc->wlen = EXPECT_WINDOW / 2;
	}
	sc->window[sc->wlen++] = (char)ch;
	sc->window[sc->wlen] = 0;
	for (int i = 0; i < sc->nrules; i++) {
		struct expect_rule *r = &sc->rule[i];
		if (!rule_matches(sc, r))
			continue;
		sc->matched = true;
		snprintf(sc->match_source, sizeof sc->match_source, "%s", r->source);
		free(sc->match_actions);
		sc->match_actions = r->actions ? strdup(r->actions) : NULL;
		if (!r->persist) {
			rule_free(r);
			memmove(r, r + 1, (sc->nrules - i - 1) * sizeof *r);
			sc->nrules--;
		}
		/* output that matched is used up: the next rule sees what follows */
		sc->wlen = 0;
		sc->window[0] = 0;
		return true;
	}
	return false;
}

uint64_t expect_deadline(const struct script *sc, const char **source)
{
	uint64_t d = UINT64_MAX;
	for (int i = 0; i < sc->nrules; i++)
		if (sc->rule[i].deadline < d) {
			d = sc->rule[i].deadline;
			if (source)
				*source = sc->rule[i].source;
		}
	return d;
}

void expect_drop_expired(struct script *sc, uint64_t now)
{
	for (int i = 0; i < sc->nrules;) {
		if (sc->rule[i].deadline <= now) {
			rule_free(&sc->rule[i]);
			memmove(&sc->rule[i], &sc->rule[i + 1], (sc->nrules - i - 1) * sizeof sc->rule[i]);
			sc->nrules--;
		} else {
			i++;
		}
	}
}

static void send_event(void *ctx, int arg);

static void send_schedule(struct script *sc)
{
	if (sc->qlen == 0)
		return;
	const struct send_item *it = &sc->q[sc->qhead];
	bus_schedule(&sc->m->bus, sc->first_of_item ? it->after : it->delay, send_event, sc, 0);
}

static void send_event(void *ctx, int arg)
{
	(void)arg;
	struct script *sc = ctx;
	if (sc->qlen == 0)
		return;
	struct send_item *it = &sc->q[sc->qhead];
	if (!kl11_input_idle(&sc->m->kl)) {
		/* the guest has not taken the last character yet: look again later */
		bus_schedule(&sc->m->bus, it->delay ? it->delay : 1, send_event, sc, 0);
		return;
	}
	kl11_input(&sc->m->kl, &it->data[it->pos++], 1);
	sc->first_of_item = false;
	if (it->pos == it->len) {
		sc->qhead = (sc->qhead + 1) % SEND_QUEUE;
		sc->qlen--;
		sc->first_of_item = true;
	}
	send_schedule(sc);
}

int send_add(struct script *sc, const uint8_t *s, int n, uint64_t after, uint64_t delay)
{
	if (n <= 0)
		return 0;
	if (sc->qlen == SEND_QUEUE || n > SEND_MAX)
		return -1;
	struct send_item *it = &sc->q[(sc->qhead + sc->qlen) % SEND_QUEUE];
	memcpy(it->data, s, n);
	it->len = n;
	it->pos = 0;
	it->after = after;
	it->delay = delay;
	sc->qlen++;
	if (sc->qlen == 1) {
		sc->first_of_item = true;
		send_schedule(sc);
	}
	return 0;
}

bool send_pending(const struct script *sc)
{
	return sc->qlen > 0;
}

void send_clear(struct script *sc)
{
	sc->qlen = 0;
	sc->first_of_item = true;
	bus_cancel(&sc->m->bus, send_event, sc, 0);
}

void send_arm(struct script *sc)
{
	if (sc->qlen && !bus_scheduled(&sc->m->bus, send_event, sc, 0))
		send_schedule(sc);
}

/* ---- Saving and loading ---- */

static void save_rules(const struct script *sc, struct state *st)
{
	state_put_u32(st, (uint32_t)sc->nrules);
	for (int i = 0; i < sc->nrules; i++) {
		const struct expect_rule *r = &sc->rule[i];
		state_put_u32(st, (uint32_t)r->len);
		state_put(st, r->pattern, (size_t)r->len);
		state_put_u8(st, r->is_regex);
		state_put_u8(st, r->persist);
		state_put_str(st, r->actions);
		state_put_u64(st, r->deadline);
		state_put_u64(st, r->timeout);
	}
	state_put_u32(st, (uint32_t)sc->wlen);
	state_put(st, sc->window, (size_t)sc->wlen);
}

static void load_rules(struct script *sc, struct state *st)
{
	expect_clear(sc);
	uint32_t n = state_get_u32(st);
	if (n > EXPECT_RULES) {
		state_fail(st, "%u expect rules (at most %d)", n, EXPECT_RULES);
		return;
	}
	for (uint32_t i = 0; i < n && !st->bad; i++) {
		char pattern[PATTERN_MAX], actions[SEND_MAX], err[160];
		uint32_t len = state_get_u32(st);
		if (len == 0 || len >= PATTERN_MAX) {
			state_fail(st, "an expect pattern of %u bytes", len);
			return;
		}
		state_get(st, pattern, len);
		pattern[len] = 0;
		bool is_regex = state_get_bool(st), persist = state_get_bool(st);
		state_get_str(st, actions, sizeof actions);
		uint64_t deadline = state_get_u64(st), timeout = state_get_u64(st);
		if (st->bad)
			return;
		if (expect_add(sc, pattern, (int)len, is_regex, persist, timeout, actions, err, sizeof err) != 0) {
			state_fail(st, "expect rule: %s", err);
			return;
		}
		sc->rule[sc->nrules - 1].deadline = deadline;
	}
	uint32_t w = state_get_u32(st);
	if (w > EXPECT_WINDOW) {
		state_fail(st, "an expect window of %u bytes", w);
		return;
	}
	state_get(st, sc->window, w);
	sc->wlen = st->bad ? 0 : (int)w;
	sc->window[sc->wlen] = 0;
}

void script_save(const struct script *sc, struct state *st, bool rules)
{
	if (rules)
		save_rules(sc, st);
	state_put_u32(st, (uint32_t)sc->qlen);
	for (int i = 0; i < sc->qlen; i++) {
		const struct send_item *it = &sc->q[(sc->qhead + i) % SEND_QUEUE];
		state_put_u32(st, (uint32_t)it->len);
		state_put_u32(st, (uint32_t)it->pos);
		state_put_u64(st, it->after);
		state_put_u64(st, it->delay);
		state_put(st, it->data, (size_t)it->len);
	}
	state_put_u8(st, sc->first_of_item);
	state_put_event(st, &sc->m->bus, send_event, (void *)sc, 0);
}

void script_load(struct script *sc, struct state *st, bool rules)
{
	if (rules)
		load_rules(sc, st);
	uint32_t n = state_get_u32(st);
	if (n > SEND_QUEUE) {
		state_fail(st, "%u sends queued (at most %d)", n, SEND_QUEUE);
		return;
	}
	sc->qhead = 0;
	sc->qlen = 0;
	for (uint32_t i = 0; i < n && !st->bad; i++) {
		struct send_item *it = &sc->q[i];
		uint32_t len = state_get_u32(st), pos = state_get_u32(st);
		it->after = state_get_u64(st);
		it->delay = state_get_u64(st);
		if (len == 0 || len > SEND_MAX || pos >= len) {
			state_fail(st, "a send of %u bytes at %u", len, pos);
			return;
		}
		it->len = (int)len;
		it->pos = (int)pos;
		state_get(st, it->data, len);
		sc->qlen++;
	}
	sc->first_of_item = state_get_bool(st);
	state_get_event(st, &sc->m->bus, send_event, sc, 0);
}
