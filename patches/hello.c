#
/*
 * hello: system call 49, no arguments.
 * Prints on the console with the kernel printf,
 * which writes only while the switch register
 * is nonzero (see putchar in prf.c).
 */
#include "../param.h"

hello()
{
	printf("hello\n");
}
