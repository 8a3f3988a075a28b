/* The test assembler (asm.c): one line of PDP-11 assembler from the
 * opcode table. For tests only; not part of the machine. */
#ifndef TESTS_CPU_ASM_H
#define TESTS_CPU_ASM_H

#include <stdint.h>

/* Assemble one line of PDP-11 assembler in DEC/V6 syntax (octal numbers,
 * "." suffix for decimal) at address pc: for tests. Returns words written
 * (1-3) or -1 with a message in err. */
int assemble(uint16_t pc, const char *line, uint16_t words[3], char *err, int errsize);

#endif
