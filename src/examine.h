/* examine and deposit (rows in commands.c). */
#ifndef EXAMINE_H
#define EXAMINE_H

struct sim;

int cmd_examine(struct sim *s, int argc, char **argv, const char *rest);
int cmd_deposit(struct sim *s, int argc, char **argv, const char *rest);

#endif
