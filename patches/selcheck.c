#
/*
 * selcheck: the rules of select (select.c), one check a line.
 * Prints "ok N" or "FAIL N ..." for each, then a summary.
 */
#include "fdset.h"

extern int errno;
int fails;

main()
{
	int p[2], q[2], s[2], r, n;
	char c;

	pipe(p);
	pipe(q);

	/* 1: no pipe named: a tty and a closed descriptor, no error */
	FD_ZERO(r);
	FD_SET(0, r);
	FD_SET(12, r);
	n = select(13, &r, 0, 0, 0);
	check(1, n == 0 && r == 0, n, r);

	/* 2: data waiting on one pipe of two; others ignored */
	write(p[1], "x", 1);
	r = 1<<0 | 1<<p[0] | 1<<q[0] | 1<<12;
	n = select(16, &r, 0, 0, 0);
	check(2, n == 1 && r == 1<<p[0], n, r);

	/* 3: descriptors from nfds on are not looked at */
	r = 1<<p[0];
	n = select(p[0], &r, 0, 0, 0);
	check(3, n == 0 && r == 0, n, r);

	/* 4: a write end is not a read end */
	r = 1<<p[1];
	n = select(p[1]+1, &r, 0, 0, 0);
	check(4, n == 0 && r == 0, n, r);

	/*
	 * 5: nothing waiting: sleep until a child writes one pipe.
	 * The child then waits for an answer on pipe s, so that only
	 * its write, not its exit, can wake the select.
	 */
	read(p[0], &c, 1);
	pipe(s);
	if(fork() == 0) {
		sleep(1);
		write(q[1], "y", 1);
		read(s[0], &c, 1);
		exit(0);
	}
	r = 1<<p[0] | 1<<q[0];
	n = select(q[0]+1, &r, 0, 0, 0);
	write(s[1], "z", 1);
	check(5, n == 1 && r == 1<<q[0], n, r);
	wait();
	close(s[0]);
	close(s[1]);
	read(q[0], &c, 1);

	/* 6: both ready */
	write(p[1], "x", 1);
	write(q[1], "y", 1);
	r = 1<<p[0] | 1<<q[0];
	n = select(q[0]+1, &r, 0, 0, 0);
	check(6, n == 2 && r == (1<<p[0] | 1<<q[0]), n, r);
	read(p[0], &c, 1);
	read(q[0], &c, 1);

	/* 7: the writer gone: read would return end of file */
	close(q[1]);
	r = 1<<p[0] | 1<<q[0];
	n = select(q[0]+1, &r, 0, 0, 0);
	check(7, n == 1 && r == 1<<q[0], n, r);

	/* 8: asleep, woken when the last writer closes */
	pipe(s);
	if(fork() == 0) {
		close(s[0]);
		sleep(1);
		exit(0);
	}
	close(s[1]);
	r = 1<<p[0] | 1<<s[0];
	n = select(s[0]+1, &r, 0, 0, 0);
	check(8, n == 1 && r == 1<<s[0], n, r);
	wait();

	if(fails)
		printf("selcheck: %d failed\n", fails);
	else
		printf("selcheck: all passed\n");
}

check(i, ok, n, r)
{
	if(ok)
		printf("ok %d\n", i);
	else {
		printf("FAIL %d: select returned %d, mask %o, errno %d\n",
			i, n, r, errno);
		fails++;
	}
}
