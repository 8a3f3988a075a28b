/ hello -- make system call 49 (hello), then exit.
/ The kernel prints "hello" on the console only when
/ the switch register is nonzero.

exit = 1

	sys	49.
	clr	r0
	sys	exit
