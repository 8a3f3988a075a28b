/* The dispatch entries of one instruction file, from instructions.def:
 * a file defines INSN_FILE_<its name>(x) as x and includes this at its
 * end, after the do_ functions. Each entry runs its instruction and goes
 * on to the next (next(), exec.h). Private to cpu/. */
#ifndef INSN_FILE_control
#define INSN_FILE_control(x)
#endif
#ifndef INSN_FILE_double
#define INSN_FILE_double(x)
#endif
#ifndef INSN_FILE_single
#define INSN_FILE_single(x)
#endif
#ifndef INSN_FILE_eis
#define INSN_FILE_eis(x)
#endif

/* The entry for any word: the modes come from the word (-1), the words
 * after it through the MMU. flatten: the body is inlined into it. */
#define ENTRY_ONE(name, body, byte) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir); next(cpu); }
#define ENTRY_DD(name, body, byte) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir, byte, -1); next(cpu); }
#define ENTRY_SSDD(name, body, byte) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir, byte, -1, -1); next(cpu); }

/* Instances specialised for their addressing modes (the modes are
 * constants, so ea_m's switch folds away): name_<dm> or name_<sm><dm>,
 * and the table of them that the opcode row names. */
#define INSTANCE_DD(name, body, byte, dm) \
	static void name##_##dm(struct cpu *cpu, unsigned ir) { do_##body(cpu, ir, byte, dm); next(cpu); }
#define INSTANCES_ONE(name, body, byte) ENTRY_ONE(name, body, byte)
#define INSTANCES_DD(name, body, byte) ENTRY_DD(name, body, byte) \
	INSTANCE_DD(name, body, byte, 0) INSTANCE_DD(name, body, byte, 1) \
	INSTANCE_DD(name, body, byte, 2) INSTANCE_DD(name, body, byte, 3) \
	INSTANCE_DD(name, body, byte, 4) INSTANCE_DD(name, body, byte, 5) \
	INSTANCE_DD(name, body, byte, 6) INSTANCE_DD(name, body, byte, 7) \
	handler_fn *const name##_modes[8] = { name##_0, name##_1, name##_2, name##_3, \
		name##_4, name##_5, name##_6, name##_7 };

#define INSTANCE_SSDD(name, body, byte, sm, dm) \
	static void name##_##sm##dm(struct cpu *cpu, unsigned ir) { do_##body(cpu, ir, byte, sm, dm); next(cpu); }
#define INSTANCES_SM(name, body, byte, sm) \
	INSTANCE_SSDD(name, body, byte, sm, 0) INSTANCE_SSDD(name, body, byte, sm, 1) \
	INSTANCE_SSDD(name, body, byte, sm, 2) INSTANCE_SSDD(name, body, byte, sm, 3) \
	INSTANCE_SSDD(name, body, byte, sm, 4) INSTANCE_SSDD(name, body, byte, sm, 5) \
	INSTANCE_SSDD(name, body, byte, sm, 6) INSTANCE_SSDD(name, body, byte, sm, 7)
#define INSTANCES_ROW(name, sm) \
	name##_##sm##0, name##_##sm##1, name##_##sm##2, name##_##sm##3, \
	name##_##sm##4, name##_##sm##5, name##_##sm##6, name##_##sm##7
#define INSTANCES_SSDD(name, body, byte) ENTRY_SSDD(name, body, byte) \
	INSTANCES_SM(name, body, byte, 0) INSTANCES_SM(name, body, byte, 1) \
	INSTANCES_SM(name, body, byte, 2) INSTANCES_SM(name, body, byte, 3) \
	INSTANCES_SM(name, body, byte, 4) INSTANCES_SM(name, body, byte, 5) \
	INSTANCES_SM(name, body, byte, 6) INSTANCES_SM(name, body, byte, 7) \
	handler_fn *const name##_modes[64] = { \
		INSTANCES_ROW(name, 0), INSTANCES_ROW(name, 1), INSTANCES_ROW(name, 2), \
		INSTANCES_ROW(name, 3), INSTANCES_ROW(name, 4), INSTANCES_ROW(name, 5), \
		INSTANCES_ROW(name, 6), INSTANCES_ROW(name, 7) };

#define INSN(name, mnemonic, match, mask, format, modes, body, byte, file) \
	INSN_FILE_##file(INSTANCES_##modes(name, body, byte))
#define ROW(name, mnemonic, match, mask, format, modes)
#include "instructions.def"
#undef INSN
#undef ROW
