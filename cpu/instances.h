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
#define ENTRY_R(name, body, byte) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir, -1); next(cpu); }
#define ENTRY_RDD(name, body, byte) ENTRY_SSDD(name, body, byte)
/* SOB and the branches: one entry, which goes on in sequence when the
 * branch is not taken (exec.h, next_seq). From outside the window
 * (execute_slow) too: the window then holds the branch's page or is
 * empty (fetch_slow). */
#define ENTRY_BR(name, body, byte) \
	__attribute__((flatten)) void t_##name(struct cpu *cpu, unsigned ir) \
	{ if (do_##body(cpu, ir)) next(cpu); else next_seq(cpu); }

/* Instances specialised for their operands (the specs are constants, so
 * ea_m's switch and its tests of the register fold away): name_<dv> or
 * name_<sv><dv>, a variant being a mode 0-7 (on a register other than PC
 * in modes 2, 3, 6 and 7) or one of the PC modes i, a, r, d (immediate,
 * absolute, relative, relative deferred), and the table of them that the
 * opcode row names, in the order of opnd_variant (dispatch.c). Each ends
 * in the instance_next of its file: next_seq (exec.h) where the
 * instruction leaves the flow alone, as dispatch.c sends a word whose
 * operand changes PC (PC in modes 0, 4 and 5) to the generic entry; next
 * where it changes the flow. */
#define SPEC_0 0
#define SPEC_1 1
#define SPEC_2 2
#define SPEC_3 3
#define SPEC_4 4
#define SPEC_5 5
#define SPEC_6 6
#define SPEC_7 7
#define SPEC_i (SPEC_PC | 2)
#define SPEC_a (SPEC_PC | 3)
#define SPEC_r (SPEC_PC | 6)
#define SPEC_d (SPEC_PC | 7)

#define INSTANCE_DD(name, body, byte, dv) \
	static void name##_##dv(struct cpu *cpu, unsigned ir) { do_##body(cpu, ir, byte, SPEC_##dv); instance_next(cpu); }
#define INSTANCES_ONE(name, body, byte) ENTRY_ONE(name, body, byte)
#define INSTANCES_BR(name, body, byte) ENTRY_BR(name, body, byte)
#define INSTANCES_DD(name, body, byte) ENTRY_DD(name, body, byte) \
	INSTANCE_DD(name, body, byte, 0) INSTANCE_DD(name, body, byte, 1) \
	INSTANCE_DD(name, body, byte, 2) INSTANCE_DD(name, body, byte, 3) \
	INSTANCE_DD(name, body, byte, 4) INSTANCE_DD(name, body, byte, 5) \
	INSTANCE_DD(name, body, byte, 6) INSTANCE_DD(name, body, byte, 7) \
	INSTANCE_DD(name, body, byte, i) INSTANCE_DD(name, body, byte, a) \
	INSTANCE_DD(name, body, byte, r) INSTANCE_DD(name, body, byte, d) \
	handler_fn *const name##_modes[OPND_VARIANTS] = { name##_0, name##_1, name##_2, name##_3, \
		name##_4, name##_5, name##_6, name##_7, name##_i, name##_a, name##_r, name##_d };

#define INSTANCE_SSDD(name, body, byte, sv, dv) \
	static void name##_##sv##dv(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir, byte, SPEC_##sv, SPEC_##dv); instance_next(cpu); }
#define INSTANCES_SV(name, body, byte, sv) \
	INSTANCE_SSDD(name, body, byte, sv, 0) INSTANCE_SSDD(name, body, byte, sv, 1) \
	INSTANCE_SSDD(name, body, byte, sv, 2) INSTANCE_SSDD(name, body, byte, sv, 3) \
	INSTANCE_SSDD(name, body, byte, sv, 4) INSTANCE_SSDD(name, body, byte, sv, 5) \
	INSTANCE_SSDD(name, body, byte, sv, 6) INSTANCE_SSDD(name, body, byte, sv, 7) \
	INSTANCE_SSDD(name, body, byte, sv, i) INSTANCE_SSDD(name, body, byte, sv, a) \
	INSTANCE_SSDD(name, body, byte, sv, r) INSTANCE_SSDD(name, body, byte, sv, d)
#define INSTANCES_ROW(name, sv) \
	name##_##sv##0, name##_##sv##1, name##_##sv##2, name##_##sv##3, \
	name##_##sv##4, name##_##sv##5, name##_##sv##6, name##_##sv##7, \
	name##_##sv##i, name##_##sv##a, name##_##sv##r, name##_##sv##d
#define INSTANCES_SSDD(name, body, byte) ENTRY_SSDD(name, body, byte) \
	INSTANCES_SV(name, body, byte, 0) INSTANCES_SV(name, body, byte, 1) \
	INSTANCES_SV(name, body, byte, 2) INSTANCES_SV(name, body, byte, 3) \
	INSTANCES_SV(name, body, byte, 4) INSTANCES_SV(name, body, byte, 5) \
	INSTANCES_SV(name, body, byte, 6) INSTANCES_SV(name, body, byte, 7) \
	INSTANCES_SV(name, body, byte, i) INSTANCES_SV(name, body, byte, a) \
	INSTANCES_SV(name, body, byte, r) INSTANCES_SV(name, body, byte, d) \
	handler_fn *const name##_modes[OPND_VARIANTS * OPND_VARIANTS] = { \
		INSTANCES_ROW(name, 0), INSTANCES_ROW(name, 1), INSTANCES_ROW(name, 2), \
		INSTANCES_ROW(name, 3), INSTANCES_ROW(name, 4), INSTANCES_ROW(name, 5), \
		INSTANCES_ROW(name, 6), INSTANCES_ROW(name, 7), INSTANCES_ROW(name, i), \
		INSTANCES_ROW(name, a), INSTANCES_ROW(name, r), INSTANCES_ROW(name, d) };

/* Instances by register (the register a constant): name_<r>, and by
 * register and destination variant: name_<r><dv> (jsr_7a is JSR PC,@#A). */
#define INSTANCE_R(name, body, rn) \
	static void name##_##rn(struct cpu *cpu, unsigned ir) { do_##body(cpu, ir, rn); next(cpu); }
#define INSTANCES_R(name, body, byte) ENTRY_R(name, body, byte) \
	INSTANCE_R(name, body, 0) INSTANCE_R(name, body, 1) INSTANCE_R(name, body, 2) \
	INSTANCE_R(name, body, 3) INSTANCE_R(name, body, 4) INSTANCE_R(name, body, 5) \
	INSTANCE_R(name, body, 6) INSTANCE_R(name, body, 7) \
	handler_fn *const name##_modes[8] = { name##_0, name##_1, name##_2, name##_3, \
		name##_4, name##_5, name##_6, name##_7 };

#define INSTANCE_RDD(name, body, byte, rn, dv) \
	static void name##_##rn##dv(struct cpu *cpu, unsigned ir) \
	{ do_##body(cpu, ir, byte, rn, SPEC_##dv); next(cpu); }
#define INSTANCES_RV(name, body, byte, rn) \
	INSTANCE_RDD(name, body, byte, rn, 0) INSTANCE_RDD(name, body, byte, rn, 1) \
	INSTANCE_RDD(name, body, byte, rn, 2) INSTANCE_RDD(name, body, byte, rn, 3) \
	INSTANCE_RDD(name, body, byte, rn, 4) INSTANCE_RDD(name, body, byte, rn, 5) \
	INSTANCE_RDD(name, body, byte, rn, 6) INSTANCE_RDD(name, body, byte, rn, 7) \
	INSTANCE_RDD(name, body, byte, rn, i) INSTANCE_RDD(name, body, byte, rn, a) \
	INSTANCE_RDD(name, body, byte, rn, r) INSTANCE_RDD(name, body, byte, rn, d)
#define INSTANCES_RDD(name, body, byte) ENTRY_RDD(name, body, byte) \
	INSTANCES_RV(name, body, byte, 0) INSTANCES_RV(name, body, byte, 1) \
	INSTANCES_RV(name, body, byte, 2) INSTANCES_RV(name, body, byte, 3) \
	INSTANCES_RV(name, body, byte, 4) INSTANCES_RV(name, body, byte, 5) \
	INSTANCES_RV(name, body, byte, 6) INSTANCES_RV(name, body, byte, 7) \
	handler_fn *const name##_modes[8 * OPND_VARIANTS] = { \
		INSTANCES_ROW(name, 0), INSTANCES_ROW(name, 1), INSTANCES_ROW(name, 2), \
		INSTANCES_ROW(name, 3), INSTANCES_ROW(name, 4), INSTANCES_ROW(name, 5), \
		INSTANCES_ROW(name, 6), INSTANCES_ROW(name, 7) };

#define INSN(name, mnemonic, match, mask, format, modes, body, byte, file, dst) \
	INSN_FILE_##file(INSTANCES_##modes(name, body, byte))
#define ROW(name, mnemonic, match, mask, format, modes)
#include "instructions.def"
#undef INSN
#undef ROW
