/* Instruction handlers, one per opcode table row (cpu.c). Private to cpu/. */
#ifndef EXEC_H
#define EXEC_H

struct cpu;

#define HANDLERS(X) \
	X(halt) X(wait) X(rti) X(bpt) X(iot) X(reset) X(rtt) X(reserved) \
	X(jmp) X(rts) X(ccop) X(swab) X(br) X(bne) X(beq) X(bge) X(blt) X(bgt) X(ble) \
	X(jsr) X(clr) X(com) X(inc) X(dec) X(neg) X(adc) X(sbc) X(tst) \
	X(ror) X(rol) X(asr) X(asl) X(mark) X(mfpi) X(mtpi) X(sxt) \
	X(mov) X(cmp) X(bit) X(bic) X(bis) X(add) \
	X(mul) X(div) X(ash) X(ashc) X(xor) X(sob) \
	X(bpl) X(bmi) X(bhi) X(blos) X(bvc) X(bvs) X(bcc) X(bcs) X(emt) X(trap) \
	X(clrb) X(comb) X(incb) X(decb) X(negb) X(adcb) X(sbcb) X(tstb) \
	X(rorb) X(rolb) X(asrb) X(aslb) \
	X(movb) X(cmpb) X(bitb) X(bicb) X(bisb) X(sub)

#define DECLARE_HANDLER(name) void op_##name(struct cpu *cpu, unsigned ir);
HANDLERS(DECLARE_HANDLER)
#undef DECLARE_HANDLER

/* The mode-specialised instances (opcode.modes). */
#define MODED_SSDD(X) X(mov) X(cmp) X(bit) X(bic) X(bis) X(add) X(sub) \
	X(movb) X(cmpb) X(bitb) X(bicb) X(bisb)
#define MODED_DD(X) X(clr) X(com) X(inc) X(dec) X(neg) X(adc) X(sbc) X(tst) \
	X(ror) X(rol) X(asr) X(asl) X(clrb) X(comb) X(incb) X(decb) X(negb) \
	X(adcb) X(sbcb) X(tstb) X(rorb) X(rolb) X(asrb) X(aslb) \
	X(jmp) X(jsr) X(mfpi) X(mtpi)
#define DECLARE_SSDD(name) extern void (*const name##_modes[64])(struct cpu *cpu, unsigned ir);
#define DECLARE_DD(name) extern void (*const name##_modes[8])(struct cpu *cpu, unsigned ir);
MODED_SSDD(DECLARE_SSDD)
MODED_DD(DECLARE_DD)
#undef DECLARE_SSDD
#undef DECLARE_DD

#endif
