/*
 * Descriptor masks for select (select.s): one bit a descriptor,
 * in an int, as a V6 process has at most 15 (NOFILE) open.
 */
#define	FD_ZERO(s)	s = 0
#define	FD_SET(fd, s)	s =| 1<<(fd)
#define	FD_CLR(fd, s)	s =& ~(1<<(fd))
#define	FD_ISSET(fd, s)	(s & 1<<(fd))
