/* Terminal modes and the signals that must not leave them raw. */
#include "term.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The only mutable globals: a signal handler can reach nothing else. */
static struct termios saved;
static volatile sig_atomic_t have_saved, is_raw, caught, at_prompt, editing, interrupted;

void term_restore(void)
{
	if (have_saved && is_raw) {
		tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
		is_raw = 0;
	}
}

static void on_signal(int sig)
{
	/* Ctrl-C while a line is typed cancels the line, as in a shell. */
	if (editing && sig == SIGINT) {
		interrupted = 1;
		return;
	}
	/* At the prompt the machine is stopped and the images are flushed,
	 * and a second signal means the run loop is not listening: leave now. */
	if (at_prompt || caught) {
		term_restore();
		_exit(128 + sig);
	}
	caught = sig;
}

void term_init(bool tty)
{
	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0)
		have_saved = 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);	/* no core dump with the terminal left raw */
	atexit(term_restore);
}

void term_raw(void)
{
	if (!have_saved || is_raw)
		return;
	struct termios t = saved;
	t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
	t.c_oflag &= ~OPOST;
	t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag &= ~(CSIZE | PARENB);
	t.c_cflag |= CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	is_raw = 1;
	tcsetattr(STDIN_FILENO, TCSADRAIN, &t);
}

int term_signal(void)
{
	return caught;
}

void term_at_prompt(bool yes)
{
	at_prompt = yes;
}

void term_editing(bool yes)
{
	interrupted = 0;
	editing = yes;
}

bool term_interrupted(void)
{
	if (!interrupted)
		return false;
	interrupted = 0;
	return true;
}
