/* The KE11-E extended instruction set: MUL, DIV, ASH, ASHC, and XOR.
 * Rules cited are from the PDP-11/40 Processor Handbook (1972). */
#include <stdint.h>

#include "exec.h"

static void do_xor(struct cpu *cpu, unsigned ir)
{
	struct opnd o = dst_w(cpu, ir, true);
	uint16_t s = cpu->r[(ir >> 6) & 7];
	uint16_t r = load_w(cpu, o) ^ s;
	store_w(cpu, o, r);
	set_nz(cpu, r, false);
	cpu->v = 0;
}

static void do_mul(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int32_t a = (int16_t)cpu->r[r], b = (int16_t)load_w(cpu, dst_w(cpu, ir, false));
	int32_t p = a * b;
	cpu->r[r] = (uint16_t)((uint32_t)p >> 16);
	cpu->r[r | 1] = (uint16_t)p;
	cc(cpu, p < 0, p == 0, false, p < -0100000 || p > 077777);
}

static void do_div(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int32_t divisor = (int16_t)load_w(cpu, dst_w(cpu, ir, false));
	int32_t dividend = (int32_t)(((uint32_t)cpu->r[r] << 16) | cpu->r[r | 1]);
	if (divisor == 0) {
		cc(cpu, false, true, true, true);
		return;
	}
	/* 0x80000000 / -1 overflows in C: the hardware just says V. */
	if (dividend == INT32_MIN && divisor == -1) {
		cc(cpu, false, false, true, false);
		return;
	}
	int32_t q = dividend / divisor, rem = dividend % divisor;
	if (q < -0100000 || q > 077777) {
		cc(cpu, false, false, true, false);
		return;
	}
	cpu->r[r] = (uint16_t)q;
	cpu->r[r | 1] = (uint16_t)rem;
	cc(cpu, q < 0, q == 0, false, false);
}

/* Shift counts are the low six bits of the source, signed: -32..+31. */
static int shift_count(uint16_t s)
{
	int n = s & 077;
	return n & 040 ? n - 0100 : n;
}

static void do_ash(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int n = shift_count(load_w(cpu, dst_w(cpu, ir, false)));
	int16_t d = (int16_t)cpu->r[r];
	int32_t v = d;
	bool c = false;
	if (n > 0) {
		for (int i = 0; i < n; i++) {
			c = (v >> 15) & 1;
			v = (int16_t)((uint32_t)v << 1);
		}
	} else if (n < 0) {
		for (int i = 0; i < -n; i++) {
			c = v & 1;
			v >>= 1;
		}
	}
	uint16_t res = (uint16_t)v;
	/* V: the sign changed at any step of a left shift. */
	bool ovf = false;
	if (n > 0) {
		int32_t t = d;
		for (int i = 0; i < n; i++) {
			int32_t u = (int16_t)((uint32_t)t << 1);
			if ((u ^ t) & 0100000)
				ovf = true;
			t = u;
		}
	}
	cpu->r[r] = res;
	set_nz(cpu, res, false);
	cpu->v = ovf;
	cpu->c = c;
}

static void do_ashc(struct cpu *cpu, unsigned ir)
{
	int r = (ir >> 6) & 7;
	int n = shift_count(load_w(cpu, dst_w(cpu, ir, false)));
	uint32_t v = ((uint32_t)cpu->r[r] << 16) | cpu->r[r | 1];
	bool c = false, ovf = false;
	if (n > 0) {
		for (int i = 0; i < n; i++) {
			c = v >> 31;
			uint32_t u = v << 1;
			if ((u ^ v) & 0x80000000u)
				ovf = true;
			v = u;
		}
	} else if (n < 0) {
		for (int i = 0; i < -n; i++) {
			c = v & 1;
			v = (uint32_t)((int32_t)v >> 1);
		}
	}
	/* With an odd register only the low word is stored, as the handbook
	 * describes for ASHC with R odd. */
	cpu->r[r] = (uint16_t)(v >> 16);
	cpu->r[r | 1] = (uint16_t)v;
	cc(cpu, v & 0x80000000u, v == 0, ovf, c);
}

/* The dispatch entries of this file's instructions (instructions.def). */
#define INSN_FILE_eis(x) x
#include "instances.h"
