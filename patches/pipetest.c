#
/*
 * pipetest: select on two pipes.
 * Child a writes "a 1", "a 2", ... on one pipe, one line a second;
 * child b writes "b 1", "b 2", ... on another, one every two seconds.
 * The parent waits for either with select (select.s) and copies
 * each line to its output as it comes, until interrupted (DEL).
 */
#include "fdset.h"

main()
{
	int pa[2], pb[2], rfds, n;

	if(pipe(pa) < 0 || pipe(pb) < 0) {
		printf("pipetest: no pipe\n");
		exit(1);
	}
	if(fork() == 0) {
		close(pa[0]);
		close(pb[0]);
		close(pb[1]);
		writer(pa[1], 'a', 1);
	}
	if(fork() == 0) {
		close(pa[0]);
		close(pa[1]);
		close(pb[0]);
		writer(pb[1], 'b', 2);
	}
	close(pa[1]);
	close(pb[1]);
	for(;;) {
		FD_ZERO(rfds);
		FD_SET(pa[0], rfds);
		FD_SET(pb[0], rfds);
		n = select(pb[0]+1, &rfds, 0, 0, 0);
		if(n <= 0) {
			printf("pipetest: select returned %d\n", n);
			exit(1);
		}
		if(FD_ISSET(pa[0], rfds))
			copy(pa[0]);
		if(FD_ISSET(pb[0], rfds))
			copy(pb[0]);
	}
}

/* Write "c i" on fd every secs seconds, for ever. */
writer(fd, c, secs)
{
	char line[10];
	int i;

	for(i = 1; ; i++) {
		sleep(secs);
		line[0] = c;
		line[1] = ' ';
		write(fd, line, 3+itoa(i, line+2));
	}
}

/* Put the decimal digits of i and a newline at s; return the digit count. */
itoa(i, s)
char *s;
{
	int n;

	n = 0;
	if(i >= 10)
		n = itoa(i/10, s);
	s[n++] = '0' + i%10;
	s[n] = '\n';
	return(n);
}

/* Copy what is waiting in a pipe to the standard output. */
copy(fd)
{
	char buf[64];
	int n;

	n = read(fd, buf, 64);
	if(n <= 0) {
		printf("pipetest: end of pipe %d\n", fd);
		exit(1);
	}
	write(1, buf, n);
}
