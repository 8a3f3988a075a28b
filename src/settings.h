/* The set and show subcommands a simh user reaches for: write lock,
 * line frequency, throttle, the telnet console and further terminal
 * lines, and show rkN / time / queue / kl. */
#ifndef SETTINGS_H
#define SETTINGS_H

struct sim;

int set_rk_lock(struct sim *s, int unit, const char *arg);   /* locked|writeenabled */
int set_clk(struct sim *s, const char *arg);                 /* 50hz|60hz */
int set_throttle(struct sim *s, const char *arg);            /* off|N%|NK|NM */
int set_console_telnet(struct sim *s, const char *arg);      /* telnet=SPEC|notelnet */
int set_kl(struct sim *s, const char *arg);                  /* lines=N */
int attach_kl(struct sim *s, const char *unit, const char *spec);
int detach_kl(struct sim *s, const char *unit);

void show_rk_unit(struct sim *s, int unit);
void show_time(struct sim *s);
void show_queue(struct sim *s);
void show_kl(struct sim *s);
void show_clock(struct sim *s);
void show_console(struct sim *s);

#endif
