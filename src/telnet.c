/* Terminal lines on telnet ports. Each served line has a listening socket
 * and at most one client; a second client is told the line is busy and
 * let go. libtelnet negotiates the options (the guest echoes, characters
 * go one at a time, 8-bit binary) and parses and escapes the stream.
 *
 * The guest's output goes into a ring and leaves it only once the socket
 * has taken it: a client that vanishes leaves the rest for the next one,
 * and a full ring holds the KL11 transmitter busy (kl11.output_busy), so
 * nothing is lost and the machine never stops for a client. */
#include "telnet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libtelnet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "parse.h"
#include "sim.h"

enum {
	TN_RING = 65536,
	TN_CHUNK = 1024,                /* ring bytes encoded at a time */
	TN_WIRE = 2 * TN_CHUNK + 64,    /* a chunk with every byte escaped */
};

struct telnet_line {
	struct sim *s;
	int line;
	struct kl11 *kl;
	int lfd, cfd;                   /* listening and client sockets, -1: none */
	telnet_t *tn;                   /* the client's protocol state */
	char where[64];                 /* ADDR:PORT as bound */

	uint8_t ring[TN_RING];          /* guest output not yet taken by a client */
	size_t head, count;
	uint8_t wire[TN_WIRE];          /* encoded bytes on their way to the socket */
	size_t wire_len, wire_off;
	size_t inflight;                /* ring bytes that wire holds */

	bool after_cr;                  /* the client's CR LF and CR NUL are one CR */
	bool wru, drop;
};

static const telnet_telopt_t telopts[] = {
	{ TELNET_TELOPT_ECHO, TELNET_WILL, TELNET_DONT },
	{ TELNET_TELOPT_SGA, TELNET_WILL, TELNET_DO },
	{ TELNET_TELOPT_BINARY, TELNET_WILL, TELNET_DO },
	{ -1, 0, 0 },
};

static void input(struct telnet_line *t, const uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t c = buf[i];
		if (t->line == 0 && c == t->s->wru) {
			t->wru = true;	/* typeahead after WRU is dropped, as at the terminal */
			return;
		}
		if (t->after_cr && (c == 0 || c == '\n')) {
			t->after_cr = false;
			continue;
		}
		t->after_cr = c == '\r';
		kl11_input(t->kl, &c, 1);
	}
}

static void on_event(telnet_t *tn, telnet_event_t *ev, void *ctx)
{
	struct telnet_line *t = ctx;
	(void)tn;
	switch (ev->type) {
	case TELNET_EV_DATA:
		input(t, (const uint8_t *)ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_SEND:
		if (t->wire_len + ev->data.size <= sizeof t->wire) {
			memcpy(t->wire + t->wire_len, ev->data.buffer, ev->data.size);
			t->wire_len += ev->data.size;
		} else {
			t->drop = true;	/* cannot happen with TN_WIRE's margin */
		}
		break;
	case TELNET_EV_ERROR:
		t->drop = true;
		break;
	default:
		break;
	}
}

/* The client goes; what it had not taken stays in the ring. */
static void drop_client(struct telnet_line *t)
{
	if (t->cfd < 0)
		return;
	close(t->cfd);
	telnet_free(t->tn);
	t->tn = NULL;
	t->cfd = -1;
	t->wire_len = t->wire_off = t->inflight = 0;
	t->drop = false;
	t->after_cr = false;
}

/* Write what the socket takes: the wire first, then more of the ring. */
static void flush(struct telnet_line *t)
{
	while (t->cfd >= 0 && !t->drop) {
		if (t->wire_off == t->wire_len) {
			t->head = (t->head + t->inflight) % TN_RING;
			t->count -= t->inflight;
			t->wire_len = t->wire_off = t->inflight = 0;
			if (t->count == 0)
				return;
			size_t n = t->count < TN_CHUNK ? t->count : TN_CHUNK;
			if (n > TN_RING - t->head)
				n = TN_RING - t->head;
			t->inflight = n;
			telnet_send(t->tn, (const char *)t->ring + t->head, n);
		}
		ssize_t w = send(t->cfd, t->wire + t->wire_off, t->wire_len - t->wire_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		if (w <= 0) {
			t->drop = true;
			break;
		}
		t->wire_off += (size_t)w;
	}
	if (t->drop)
		drop_client(t);
}

void telnet_put(struct telnet_line *t, uint8_t ch)
{
	if (t->count < TN_RING) {
		t->ring[(t->head + t->count) % TN_RING] = ch;
		t->count++;
	}
}

static void line_output(void *ctx, uint8_t ch)
{
	ch &= 0177;	/* parity or V6's delay marker, as on the console */
	if (ch)
		telnet_put(ctx, ch);
}

static bool line_busy(void *ctx)
{
	const struct telnet_line *t = ctx;
	return t->count >= TN_RING;
}

static bool console_busy(void *ctx)
{
	const struct sim *s = ctx;
	return s->telnet[0] && s->telnet[0]->count >= TN_RING;
}

static void greet(struct telnet_line *t)
{
	/* What is waiting in the ring was sent before this client came: it is
	 * the client's now, after the negotiation. */
	t->wire_len = t->wire_off = t->inflight = 0;
	telnet_negotiate(t->tn, TELNET_WILL, TELNET_TELOPT_ECHO);
	telnet_negotiate(t->tn, TELNET_WILL, TELNET_TELOPT_SGA);
	telnet_negotiate(t->tn, TELNET_DO, TELNET_TELOPT_SGA);
	telnet_negotiate(t->tn, TELNET_WILL, TELNET_TELOPT_BINARY);
	telnet_negotiate(t->tn, TELNET_DO, TELNET_TELOPT_BINARY);
	char msg[64];
	int n;
	if (t->line == 0)
		n = snprintf(msg, sizeof msg, "\r\nConnected to the pdp1140 console\r\n\r\n");
	else
		n = snprintf(msg, sizeof msg, "\r\nConnected to the pdp1140 line kl%d\r\n\r\n", t->line);
	telnet_send(t->tn, msg, (size_t)n);	/* binary: no CR NUL */
}

static void accept_client(struct telnet_line *t)
{
	int fd = accept(t->lfd, NULL, NULL);
	if (fd < 0)
		return;
	if (t->cfd >= 0) {
		char msg[96];
		int n;
		if (t->line == 0)
			n = snprintf(msg, sizeof msg, "\r\npdp1140: the console is busy (another client has it)\r\n");
		else
			n = snprintf(msg, sizeof msg, "\r\npdp1140: line kl%d is busy (another client has it)\r\n", t->line);
		if (send(fd, msg, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
			/* it went already: nothing to tell */
		}
		close(fd);
		return;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	t->tn = telnet_init(telopts, on_event, 0, t);
	if (!t->tn) {
		close(fd);
		return;
	}
	t->cfd = fd;
	greet(t);
}

static void read_client(struct telnet_line *t)
{
	char buf[512];
	ssize_t n = recv(t->cfd, buf, sizeof buf, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		drop_client(t);
		return;
	}
	telnet_recv(t->tn, buf, (size_t)n);
	if (t->drop)
		drop_client(t);
}

bool telnet_poll(struct sim *s, int extra_fd, int timeout_ms)
{
	struct pollfd p[2 * KL_LINES_MAX + 1];
	struct telnet_line *owner[2 * KL_LINES_MAX + 1];
	int n = 0;
	for (int i = 0; i < KL_LINES_MAX; i++) {
		struct telnet_line *t = s->telnet[i];
		if (!t)
			continue;
		flush(t);
		p[n] = (struct pollfd){ .fd = t->lfd, .events = POLLIN };
		owner[n++] = t;
		if (t->cfd >= 0) {
			short ev = POLLIN;
			if (t->count)
				ev |= POLLOUT;
			p[n] = (struct pollfd){ .fd = t->cfd, .events = ev };
			owner[n++] = t;
		}
	}
	if (extra_fd >= 0) {
		p[n] = (struct pollfd){ .fd = extra_fd, .events = POLLIN };
		owner[n++] = NULL;
	}
	if (poll(p, (nfds_t)n, timeout_ms) <= 0)
		return false;
	bool wru = false;
	for (int k = 0; k < n; k++) {
		struct telnet_line *t = owner[k];
		if (!t || !p[k].revents)
			continue;
		if (p[k].fd == t->lfd) {
			accept_client(t);
		} else if (p[k].fd == t->cfd) {
			if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
				read_client(t);
			flush(t);
		}
		if (t->wru) {
			t->wru = false;
			wru = true;
		}
	}
	return wru;
}

/* PORT or ADDR:PORT into an IPv4 socket address. */
static int parse_spec(const char *spec, struct sockaddr_in *sa, char *err, int errsize)
{
	char host[64] = "127.0.0.1";
	const char *colon = strrchr(spec, ':'), *port = spec;
	if (colon) {
		if ((size_t)(colon - spec) >= sizeof host || colon == spec) {
			snprintf(err, (size_t)errsize, "telnet: bad address in %s (ADDR:PORT)", spec);
			return -1;
		}
		snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
		port = colon + 1;
	}
	uint64_t v;
	if (parse_number(port, 10, 65535, &v) != 0) {
		snprintf(err, (size_t)errsize, "telnet: bad port %s (0 to 65535)", port);
		return -1;
	}
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)v);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
		snprintf(err, (size_t)errsize, "telnet: bad address %s (an IPv4 address)", host);
		return -1;
	}
	return 0;
}

int telnet_open(struct sim *s, int line, const char *spec, char *err, int errsize)
{
	struct sockaddr_in sa;
	if (line < 0 || line >= s->m.kl_lines) {
		snprintf(err, (size_t)errsize, "telnet: no line kl%d (set kl lines=N adds lines)", line);
		return -1;
	}
	if (parse_spec(spec, &sa, err, errsize) < 0)
		return -1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 4) < 0) {
		snprintf(err, (size_t)errsize, "telnet: cannot listen on %s: %s", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct telnet_line *t = calloc(1, sizeof *t);
	if (!t) {
		close(fd);
		snprintf(err, (size_t)errsize, "telnet: out of memory");
		return -1;
	}
	socklen_t len = sizeof sa;
	getsockname(fd, (struct sockaddr *)&sa, &len);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	snprintf(t->where, sizeof t->where, "%s:%u", host, ntohs(sa.sin_port));
	telnet_close(s, line);
	t->s = s;
	t->line = line;
	t->lfd = fd;
	t->cfd = -1;
	if (line == 0) {
		t->kl = &s->m.kl;
		s->m.kl.output_busy = console_busy;	/* output_ctx is the sim */
	} else {
		t->kl = &s->m.kline[line - 1];
		t->kl->output = line_output;
		t->kl->output_busy = line_busy;
		t->kl->output_ctx = t;
	}
	s->telnet[line] = t;
	s->telnet_on = true;
	return 0;
}

void telnet_close(struct sim *s, int line)
{
	struct telnet_line *t = s->telnet[line];
	if (!t)
		return;
	drop_client(t);
	close(t->lfd);
	if (line == 0) {
		s->m.kl.output_busy = NULL;
	} else {
		t->kl->output = NULL;
		t->kl->output_busy = NULL;
		t->kl->output_ctx = NULL;
	}
	free(t);
	s->telnet[line] = NULL;
	s->telnet_on = false;
	for (int i = 0; i < KL_LINES_MAX; i++)
		if (s->telnet[i])
			s->telnet_on = true;
}

void telnet_close_all(struct sim *s)
{
	for (int i = 0; i < KL_LINES_MAX; i++)
		telnet_close(s, i);
}

void telnet_describe(const struct telnet_line *t, char *buf, int size)
{
	snprintf(buf, (size_t)size, "telnet %s, %s, %zu characters waiting", t->where,
		 t->cfd >= 0 ? "client connected" : "no client", t->count);
}
