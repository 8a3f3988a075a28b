/* expect and send, as simh 4 has them: expect rules watch the console
 * output; send queues console input that the guest reads as it runs. */
#ifndef SCRIPT_H
#define SCRIPT_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

struct machine;

enum {
	EXPECT_RULES = 16,
	EXPECT_WINDOW = 1024,   /* console output kept for matching */
	SEND_QUEUE = 16,
	SEND_MAX = 4096,
	PATTERN_MAX = 256,
	DEFAULT_EXPECT_TIMEOUT = 500000000,  /* instructions */
	DEFAULT_SEND_DELAY = 1000,           /* instructions between characters */
};

struct expect_rule {
	char pattern[PATTERN_MAX];   /* the text to find, escapes resolved */
	int len;
	bool is_regex;
	regex_t re;
	bool persist;                /* -p: stays after matching */
	char *actions;               /* commands to run on a match, or NULL */
	uint64_t deadline;           /* bus time after which waiting is an error */
	uint64_t timeout;
	char source[PATTERN_MAX];    /* as written, for messages */
};

struct send_item {
	uint8_t data[SEND_MAX];
	int len, pos;
	uint64_t after, delay;
};

struct script {
	struct machine *m;
	struct expect_rule rule[EXPECT_RULES];
	int nrules;
	char window[EXPECT_WINDOW + 1];   /* output since the last match, NUL-ended */
	int wlen;

	/* The last match, for the run loop: set by expect_output. */
	bool matched;
	char match_source[PATTERN_MAX];
	char *match_actions;         /* owned here; NULL if the rule had none */

	struct send_item q[SEND_QUEUE];
	int qhead, qlen;
	bool first_of_item;          /* the next character waits `after`, not `delay` */
};

void script_init(struct script *sc, struct machine *m);
void script_free(struct script *sc);

/* Register a rule. Returns 0 or -1 with a message (bad regex, too many). */
int expect_add(struct script *sc, const char *pattern, int len, bool is_regex, bool persist,
	       uint64_t timeout, const char *actions, char *err, int errsize);
void expect_clear(struct script *sc);
/* Feed one character of console output. True when a rule matched. */
bool expect_output(struct script *sc, uint8_t ch);
/* Earliest deadline of the rules, UINT64_MAX when none; the rule's text. */
uint64_t expect_deadline(const struct script *sc, const char **source);
void expect_drop_expired(struct script *sc, uint64_t now);

/* Queue input. Returns 0 or -1 when the queue is full. */
int send_add(struct script *sc, const uint8_t *s, int n, uint64_t after, uint64_t delay);
bool send_pending(const struct script *sc);
void send_clear(struct script *sc);
/* Make sure the feeding event is on the bus (machine_reset may drop events). */
void send_arm(struct script *sc);

/* Queued sends with their bus event, and with `rules` the expect rules
 * and the output they have seen (bus/state.h). */
struct state;
void script_save(const struct script *sc, struct state *st, bool rules);
void script_load(struct script *sc, struct state *st, bool rules);

#endif
