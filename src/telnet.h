/* Terminal lines on telnet ports: the console (line 0) or a further KL11
 * line served on a TCP port, one client at a time. libtelnet speaks the
 * protocol; the run loop polls the sockets between slices, and only while
 * some line is served (sim.telnet_on). */
#ifndef TELNET_H
#define TELNET_H

#include <stdbool.h>
#include <stdint.h>

struct sim;
struct telnet_line;

/* Serve line `line` on SPEC: PORT or ADDR:PORT (IPv4; 127.0.0.1 when no
 * ADDR; port 0 picks a free one). Replaces any server the line had.
 * 0, or -1 with a one-line message in err. */
int telnet_open(struct sim *s, int line, const char *spec, char *err, int errsize);
void telnet_close(struct sim *s, int line);
void telnet_close_all(struct sim *s);

/* Accept and refuse clients, read their input into the KL11s, send the
 * guest's output; wait at most timeout_ms for any of that or for extra_fd
 * (-1: none) to be readable. True when the console's client typed WRU. */
bool telnet_poll(struct sim *s, int extra_fd, int timeout_ms);

/* A character the guest sent on the line: kept until a client takes it. */
void telnet_put(struct telnet_line *t, uint8_t ch);

/* "127.0.0.1:2323, client connected" and the like. */
void telnet_describe(const struct telnet_line *t, char *buf, int size);

#endif
