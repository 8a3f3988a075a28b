/* The set and show subcommands a simh user reaches for: write lock,
 * line frequency, throttle, the telnet console and further terminal
 * lines, and show rkN / time / queue / kl. */
#ifndef SETTINGS_H
#define SETTINGS_H

struct sim;
struct subargs;

/* Rows of the set and show tables (setshow.c). */
int set_rk_lock(struct sim *s, const struct subargs *a);    /* rkN locked|writeenabled */
int set_clk(struct sim *s, const struct subargs *a);        /* clk 50hz|60hz */
int set_throttle(struct sim *s, const struct subargs *a);   /* throttle off|N%|NK|NM */
int set_nothrottle(struct sim *s, const struct subargs *a);
int set_kl(struct sim *s, const struct subargs *a);         /* kl lines=N */
int show_time(struct sim *s, const struct subargs *a);
int show_queue(struct sim *s, const struct subargs *a);
int show_kl(struct sim *s, const struct subargs *a);
int show_throttle(struct sim *s, const struct subargs *a);

/* Parts of set console, show rk, show clock and show console. */
int set_console_telnet(struct sim *s, const char *arg);      /* telnet=SPEC|notelnet */
void show_rk_unit(struct sim *s, int unit);
void describe_clock(struct sim *s);
void describe_console(struct sim *s);

/* attach klN [ADDR:]PORT, detach klN */
int attach_kl(struct sim *s, const char *unit, const char *spec);
int detach_kl(struct sim *s, const char *unit);

#endif
