/* The dispatch entries of the instructions (instructions.def), for the
 * opcode table and the dispatch table. Private to cpu/. */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "opcodes.h"

/* Each instruction's entry for any word (t_<name>), and its instances by
 * operand (<name>_modes, indexed by the operands' variants: opnd_variant,
 * dispatch.c): the eight modes and the four PC modes; by register first
 * for R and RDD. */
enum { OPND_VARIANTS = 12 };
#define DECLARE_ONE(name) handler_fn t_##name;
#define DECLARE_BR(name) DECLARE_ONE(name)
#define DECLARE_DD(name) DECLARE_ONE(name) extern handler_fn *const name##_modes[OPND_VARIANTS];
#define DECLARE_SSDD(name) DECLARE_ONE(name) extern handler_fn *const name##_modes[OPND_VARIANTS * OPND_VARIANTS];
#define DECLARE_R(name) DECLARE_ONE(name) extern handler_fn *const name##_modes[8];
#define DECLARE_RDD(name) DECLARE_ONE(name) extern handler_fn *const name##_modes[8 * OPND_VARIANTS];
#define INSN(name, mnemonic, match, mask, format, modes, body, byte, file, dst) DECLARE_##modes(name)
#define ROW(name, mnemonic, match, mask, format, modes)
#include "instructions.def"
#undef INSN
#undef ROW
#undef DECLARE_ONE
#undef DECLARE_BR
#undef DECLARE_DD
#undef DECLARE_SSDD
#undef DECLARE_R
#undef DECLARE_RDD

/* What every word no row matches runs: a trap to 10 (insn_control.c). */
handler_fn t_reserved;

#endif
