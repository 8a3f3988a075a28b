/* set throttle: run the machine no faster than a given speed, as simh
 * means it: N instructions a second of bus time, or a share of the host. */
#ifndef THROTTLE_H
#define THROTTLE_H

#include <stdint.h>

struct sim;

/* off, N% (1-100 of the host), NK or NM (thousands or millions of
 * instructions a second). 0, or -1 with a one-line message in err. */
int throttle_set(struct sim *s, const char *arg, char *err, int errsize);
void throttle_describe(const struct sim *s, char *buf, int size);
/* The run loop, only while throttled: a slice short enough to pace
 * smoothly, then the sleep that brings the run down to the speed. */
uint64_t throttle_slice(const struct sim *s, uint64_t slice);
void throttle_wait(struct sim *s, uint64_t bus_time, double seconds);

#endif
