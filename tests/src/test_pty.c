/* pdp1140 at a pseudo-terminal: the console is raw while the machine runs,
 * Ctrl-E brings the prompt, and every way out restores the terminal. */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* The KL11 echo loop (until q), as in scripts.sh. */
static const char echo_ini[] =
	"d 1000 105737\nd 1002 177560\nd 1004 100375\nd 1006 113700\n"
	"d 1010 177562\nd 1012 105737\nd 1014 177564\nd 1016 100375\n"
	"d 1020 110037\nd 1022 177566\nd 1024 120027\nd 1026 000161\n"
	"d 1030 001363\nd 1032 000000\n"
	"go 1000\n";

struct child {
	pid_t pid;
	int fd;
	char seen[16384];
	int nseen;
	char dir[64];
};

static void start_script(struct child *c, const char *script);

static void start(struct child *c)
{
	start_script(c, echo_ini);
}

/* Run pdp1140 on `script` (written to DIR/echo.ini) at a new pty. */
static void start_script(struct child *c, const char *script)
{
	snprintf(c->dir, sizeof c->dir, "/tmp/pdp1140-pty-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(c->dir));
	char path[128];
	snprintf(path, sizeof path, "%s/echo.ini", c->dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(script, f);
	fclose(f);
	c->nseen = 0;
	c->pid = forkpty(&c->fd, NULL, NULL, NULL);
	ck_assert_int_ge(c->pid, 0);
	if (c->pid == 0) {
		setenv("HOME", c->dir, 1);	/* the history file goes there */
		setenv("TERM", "dumb", 1);
		execl(PDP1140_PATH, "pdp1140", path, (char *)NULL);
		_exit(127);
	}
}

static void finish(struct child *c)
{
	close(c->fd);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", c->dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Read the terminal until `text` appears (true) or 5 s pass (false). */
static bool wait_for(struct child *c, const char *text)
{
	for (int waited = 0; waited < 5000;) {
		c->seen[c->nseen] = 0;
		if (strstr(c->seen, text))
			return true;
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		int r = poll(&p, 1, 50);
		waited += 50;
		if (r > 0) {
			ssize_t n = read(c->fd, c->seen + c->nseen, sizeof c->seen - 1 - c->nseen);
			if (n <= 0)
				return false;
			c->nseen += (int)n;
		}
	}
	return false;
}

static void type(struct child *c, const char *s)
{
	ck_assert_int_eq(write(c->fd, s, strlen(s)), (ssize_t)strlen(s));
}

static int wait_exit(struct child *c)
{
	int status;
	/* Up to 10 s of wall time: a closed terminal makes poll return at
	 * once, so count time, not iterations (a loaded machine is slow). */
	for (int i = 0; i < 1000; i++) {
		/* keep draining the terminal so the child never blocks writing */
		char buf[256];
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		if (poll(&p, 1, 10) > 0 && read(c->fd, buf, sizeof buf) < 0 && errno != EIO)
			break;
		if (waitpid(c->pid, &status, WNOHANG) == c->pid)
			return status;
		usleep(10000);
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &status, 0);
	ck_abort_msg("pdp1140 did not exit");
	return -1;
}

static bool cooked(int fd)
{
	struct termios t;
	ck_assert_int_eq(tcgetattr(fd, &t), 0);	/* the master reports the slave's modes */
	return (t.c_lflag & (ECHO | ICANON | ISIG)) == (ECHO | ICANON | ISIG) &&
	       (t.c_iflag & ICRNL) && (t.c_oflag & OPOST);
}

static bool raw(int fd)
{
	struct termios t;
	ck_assert_int_eq(tcgetattr(fd, &t), 0);
	return !(t.c_lflag & (ECHO | ICANON | ISIG)) && !(t.c_iflag & ICRNL);
}

/* libedit prints the prompt before it leaves canonical mode: a ^D typed
 * in between would be the line discipline's EOF, not libedit's. */
static void wait_editing(struct child *c)
{
	struct termios t;
	for (int i = 0; i < 500; i++) {
		ck_assert_int_eq(tcgetattr(c->fd, &t), 0);
		if (!(t.c_lflag & ICANON))
			return;
		usleep(10000);
	}
	ck_abort_msg("the line editor never started");
}

/* The script has reached `go`: the console is raw. */
static void wait_running(struct child *c)
{
	for (int i = 0; i < 500 && !raw(c->fd); i++)
		usleep(10000);
	ck_assert_msg(raw(c->fd), "the terminal never went raw");
}

START_TEST(ctrl_e_prompt_quit)
{
	struct child c;
	start(&c);
	wait_running(&c);
	/* raw: the guest echoes, the terminal does not (one copy only), and a
	 * carriage return arrives as typed */
	type(&c, "ab\r");
	ck_assert_msg(wait_for(&c, "ab\r"), "echo from the guest, got [%s]", c.seen);
	ck_assert_ptr_null(strstr(c.seen, "abab"));

	type(&c, "\005");
	ck_assert_msg(wait_for(&c, "Simulation stopped, PC: "), "stop message, got [%s]", c.seen);
	ck_assert_msg(wait_for(&c, "pdp11> "), "prompt, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "e r0\r");
	ck_assert_msg(wait_for(&c, "R0:\t000015"), "the last character read was CR, got [%s]", c.seen);
	ck_assert(wait_for(&c, "R0:\t000015\r\npdp11> "));
	wait_editing(&c);
	type(&c, "q\r");
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert(cooked(c.fd));
	finish(&c);
}
END_TEST

START_TEST(sigterm_while_running_restores)
{
	struct child c;
	start(&c);
	wait_running(&c);
	type(&c, "x");
	ck_assert_msg(wait_for(&c, "x"), "echo, got [%s]", c.seen);
	kill(c.pid, SIGTERM);
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 128 + SIGTERM);
	ck_assert(cooked(c.fd));
	finish(&c);
}
END_TEST

START_TEST(end_of_input_at_prompt_quits)
{
	struct child c;
	start(&c);
	wait_running(&c);
	type(&c, "y");
	ck_assert(wait_for(&c, "y"));
	type(&c, "\005");
	ck_assert(wait_for(&c, "pdp11> "));
	wait_editing(&c);
	type(&c, "\004");	/* ^D at an empty line */
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert(cooked(c.fd));
	finish(&c);
}
END_TEST

/* Tab completes command names, set/show words and device registers;
 * the lines typed are kept in ~/.pdp1140_history. */
START_TEST(completion_and_history)
{
	struct child c;
	start(&c);
	wait_running(&c);
	type(&c, "\005");
	ck_assert(wait_for(&c, "pdp11> "));
	wait_editing(&c);
	type(&c, "sho\t");
	ck_assert_msg(wait_for(&c, "show "), "command name completed, got [%s]", c.seen);
	type(&c, "mm\t\r");
	ck_assert_msg(wait_for(&c, "SR0 000000 (relocation off"), "show mmu ran, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "e xcs\t\r");
	ck_assert_msg(wait_for(&c, "XCSR:\t000"), "e xcsr ran, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "q\r");
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	char path[128], line[256], all[1024] = "";
	snprintf(path, sizeof path, "%s/.pdp1140_history", c.dir);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f))
		strncat(all, line, sizeof all - strlen(all) - 1);
	fclose(f);
	/* libedit writes a space as \040 */
	ck_assert_msg(strstr(all, "mmu") && strstr(all, "xcsr"), "history file: [%s]", all);
	finish(&c);
}
END_TEST

/* A simh boot file for V6 runs unchanged at a terminal, and the kernel
 * debugger works there: symbols from the pack, ps after Ctrl-E. */
START_TEST(simh_boot_ini_and_debugger)
{
	struct child c;
	char script[1024], disk[64] = "/tmp/pdp1140-rk-XXXXXX", cmd[256];
	ck_assert_ptr_nonnull(mkdtemp(disk));
	snprintf(cmd, sizeof cmd, "cp %s/rk0 %s/rk0", DISKS_DIR, disk);
	ck_assert_int_eq(system(cmd), 0);	/* V6 swaps on rk0: a writable copy */
	snprintf(script, sizeof script,
		 "; a simh boot.ini\nset cpu 11/40\nset cpu idle\nset tto 7b\n"
		 "att rk0 %s/rk0\nd sr 1\nb rk0\n", disk);
	start_script(&c, script);
	ck_assert_msg(wait_for(&c, "@"), "the bootstrap's @, got [%s]", c.seen);
	type(&c, "rkunix\r");
	ck_assert_msg(wait_for(&c, "login: "), "login, got [%s]", c.seen);
	type(&c, "\005");
	ck_assert(wait_for(&c, "pdp11> "));
	wait_editing(&c);
	type(&c, "symbols rk0:/rkunix\r");
	ck_assert_msg(wait_for(&c, "289 symbols"), "symbols, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "ps\r");
	ck_assert_msg(wait_for(&c, "/etc/init"), "ps shows init, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "q\r");
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert(cooked(c.fd));
	finish(&c);
	snprintf(cmd, sizeof cmd, "rm -rf %s", disk);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Ctrl-C at the prompt cancels the line being typed, as in a shell; the
 * program goes on, and Ctrl-D still leaves. */
START_TEST(ctrl_c_at_prompt_cancels_the_line)
{
	struct child c;
	start_script(&c, "");
	ck_assert(wait_for(&c, "pdp11> "));
	wait_editing(&c);
	type(&c, "bogus");
	ck_assert(wait_for(&c, "bogus"));
	type(&c, "\003");
	ck_assert_msg(wait_for(&c, "^C"), "^C shown, got [%s]", c.seen);
	wait_editing(&c);
	type(&c, "e r0\r");
	ck_assert_msg(wait_for(&c, "R0:\t000000"), "a fresh line, got [%s]", c.seen);
	ck_assert_msg(!strstr(c.seen, "unknown"), "the cancelled text was kept: [%s]", c.seen);
	wait_editing(&c);
	type(&c, "\003");	/* on an empty line too */
	ck_assert(wait_for(&c, "^C\r\npdp11> "));
	ck_assert_int_eq(waitpid(c.pid, NULL, WNOHANG), 0);
	wait_editing(&c);
	type(&c, "\004");
	int status = wait_exit(&c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert(cooked(c.fd));
	finish(&c);
}
END_TEST

/* Fresh working disks made from the stock images in dir; false (and a
 * note) when the stock images are not there. */
static bool fresh_disks(const char *dir)
{
	const char *stock = getenv("V6_DISKS");
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "V6_DISKS='%s' %s --make-disks %s >/dev/null",
		 stock && *stock ? stock : STOCK_DIR, V6FS_BIN, dir);
	if (system(cmd) == 0)
		return true;
	fprintf(stderr, "note: no stock V6 images: the console keys are not tried on V6\n");
	return false;
}

/* Log in on fresh disks with `set console keys=KEYS` (NULL: the default). */
static bool login_with_keys(struct child *c, char *disk, const char *keys)
{
	char script[1024];
	strcpy(disk, "/tmp/pdp1140-keys-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(disk));
	if (!fresh_disks(disk))
		return false;
	snprintf(script, sizeof script, "%s%s%sattach rk0 %s/rk0\nboot rk0\n", keys ? "set console keys=" : "",
		 keys ? keys : "", keys ? "\n" : "", disk);
	start_script(c, script);
	ck_assert_msg(wait_for(c, "@"), "the bootstrap's @, got [%s]", c->seen);
	type(c, "rkunix\r");
	ck_assert_msg(wait_for(c, "login: "), "login, got [%s]", c->seen);
	type(c, "root\r");
	ck_assert_msg(wait_for(c, "# "), "shell, got [%s]", c->seen);
	return true;
}

static void logout(struct child *c, char *disk)
{
	type(c, "\005");
	ck_assert(wait_for(c, "pdp11> "));
	wait_editing(c);
	type(c, "q\r");
	int status = wait_exit(c);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	finish(c);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", disk);
	ck_assert_int_eq(system(cmd), 0);
}

/* At a terminal by default, Backspace erases and Ctrl-C interrupts. */
START_TEST(modern_console_keys_by_default)
{
	struct child c;
	char disk[64];
	if (!login_with_keys(&c, disk, NULL))
		return;
	type(&c, "echo tiny\177\177\177wo\r");	/* Backspace as most hosts send it */
	ck_assert_msg(wait_for(&c, "\r\ntwo\r\n"), "Backspace erased, got [%s]", c.seen);
	type(&c, "echo tree\b\b\bhree\r");		/* and as ^H */
	ck_assert_msg(wait_for(&c, "\r\nthree\r\n"), "^H erased, got [%s]", c.seen);
	type(&c, "cat\r");
	usleep(300000);
	c.nseen = 0;
	type(&c, "\003");
	ck_assert_msg(wait_for(&c, "# "), "Ctrl-C interrupted cat, got [%s]", c.seen);
	logout(&c, disk);
}
END_TEST

/* keys=v6: every byte as typed, so Backspace (DEL) is V6's interrupt. */
START_TEST(v6_console_keys)
{
	struct child c;
	char disk[64];
	if (!login_with_keys(&c, disk, "v6"))
		return;
	/* The interactive shell ignores the interrupt: the line just goes. */
	type(&c, "echo one\177");
	usleep(300000);
	type(&c, "echo tx#wo\r");
	ck_assert_msg(wait_for(&c, "\r\ntwo\r\n"), "DEL dropped the line and # erased, got [%s]", c.seen);
	logout(&c, disk);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pty");
	TCase *tc = tcase_create("pty");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, ctrl_e_prompt_quit);
	tcase_add_test(tc, sigterm_while_running_restores);
	tcase_add_test(tc, end_of_input_at_prompt_quits);
	tcase_add_test(tc, completion_and_history);
	tcase_add_test(tc, simh_boot_ini_and_debugger);
	tcase_add_test(tc, ctrl_c_at_prompt_cancels_the_line);
	tcase_add_test(tc, modern_console_keys_by_default);
	tcase_add_test(tc, v6_console_keys);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0;
}
