/* The one opcode table, made from instructions.def: execution, the
 * disassembler and the test assembler all read these rows. */
#ifndef OPCODES_H
#define OPCODES_H

#include <stdint.h>

struct cpu;

/* Operand shapes, for the disassembler and the assembler. */
enum opfmt {
	FMT_NONE,     /* HALT */
	FMT_DD,       /* CLR dd */
	FMT_SSDD,     /* MOV ss,dd */
	FMT_RDD,      /* JSR r,dd ; XOR r,dd */
	FMT_DDR,      /* MUL ss,r ; DIV ; ASH ; ASHC (source then register) */
	FMT_R,        /* RTS r */
	FMT_BR,       /* branches: 8-bit signed word offset */
	FMT_SOB,      /* SOB r,back: 6-bit backward offset */
	FMT_N6,       /* MARK n */
	FMT_N8,       /* EMT n ; TRAP n */
	FMT_CC,       /* condition code operators: SEC, CLR..., CCC */
};

/* A handler (a dispatch entry) gets the instruction word in a register,
 * runs the instruction and goes on to the next (exec.h). */
typedef void handler_fn(struct cpu *cpu, unsigned ir);

/* How an instruction is specialised (instructions.def's modes column). */
enum opmodes {
	BY_ONE, BY_DD, BY_SSDD, BY_R, BY_RDD,
	BY_BR = BY_ONE,	/* SOB and the branches: one handler too */
};

/* Which of an instruction's memory references are its destination's
 * (instructions.def's dst column; the KT11-D maintenance mode, mmu.c). */
enum dstref {
	DST_NONE,     /* none: JMP, JSR, EIS, all without a destination */
	DST_DD,       /* the dd operand's: CLR dd ; XOR r,dd */
	DST_SSDD,     /* the dd operand's, after the ss operand's: MOV ss,dd */
	DST_PUSH,     /* MFPI: the push, after the dd operand */
	DST_POP,      /* MTPI: the dd operand's, after the pop */
};

struct opcode {
	uint16_t match, mask;     /* (ir & mask) == match */
	const char *name;
	enum opfmt fmt;
	handler_fn *handler;      /* for any word: modes from the word */
	/* The same instruction specialised by operand, for dispatch (`by`
	 * says how; dispatch.c): NULL if the handler serves every word. */
	handler_fn *const *modes;
	enum opmodes by;
	enum dstref dst;
};

extern const struct opcode opcode_table[];
extern const int opcode_count;

/* The row for an instruction word, from the 64K index (built on first use). */
const struct opcode *opcode_decode(uint16_t ir);
/* The index of its row in opcode_table, or opcode_count for a reserved
 * instruction, which has none (below 256: the table has fewer rows). */
int opcode_index(uint16_t ir);

/* Disassemble the instruction at words[0] (with up to two following words).
 * Returns the number of words used. `pc` is the address of words[0];
 * `symbolize` may turn an address into a name (NULL: octal). */
typedef int symbolize_fn(void *ctx, uint16_t addr, char *buf, int size);
/* "R0".."R5", "SP", "PC", as the disassembler writes them. */
extern const char *const regname[8];

int disassemble(uint16_t pc, const uint16_t words[3], char *out, int size,
		symbolize_fn *symbolize, void *ctx);

#endif
