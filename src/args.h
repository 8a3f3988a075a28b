/* A command's arguments checked, with the one-line error said: how many
 * there are, numbers, drive names, file names. Shared by the command
 * table and the set and show tables. */
#ifndef ARGS_H
#define ARGS_H

#include <stdint.h>

struct sim;

/* lo..hi arguments, else `usage: ` and the usage line of command cmd. */
int need(struct sim *s, int argc, int lo, int hi, const char *cmd);
/* A number (octal, or decimal with a trailing `.`; decimal) up to max. */
int octal(struct sim *s, const char *word, uint64_t max, uint64_t *v);
int decimal(struct sim *s, const char *word, uint64_t max, uint64_t *v);
/* rk0..rk7 (plain rk is drive 0): the drive number, or -1. */
int rk_unit(struct sim *s, const char *word);
/* A file name with its quotes taken off into buf; NULL after the error. */
const char *filename(struct sim *s, const char *word, char *buf, int size);

#endif
