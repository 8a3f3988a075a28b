/* The reference model: each instruction's result and N, Z, V, C as the
 * PDP-11/40 Processor Handbook defines them, in the handbook's own terms
 * (signs of the operands and the result, carries out of the most
 * significant bit, "(dst) was 077777"), computed with wide integers. */
#include "handbook.h"

/* An operand of one size: its mask and sign bit. */
struct size {
	uint32_t mask, sign;
};

static struct size size_of(bool byte)
{
	return byte ? (struct size){ 0377, 0200 } : (struct size){ 0177777, 0100000 };
}

static bool neg(struct size s, uint32_t x) { return (x & s.sign) != 0; }

/* N and Z from a result; V and C as given; "not affected" bits from cc_in. */
static uint8_t codes(struct size s, uint32_t r, bool v, bool c)
{
	return (uint8_t)((neg(s, r) ? HB_N : 0) | ((r & s.mask) == 0 ? HB_Z : 0) |
			 (v ? HB_V : 0) | (c ? HB_C : 0));
}

static uint8_t keep_c(uint8_t cc, uint8_t cc_in) { return (uint8_t)((cc & ~HB_C) | (cc_in & HB_C)); }

struct hb hb_double(enum hb_double op, bool byte, uint16_t src, uint16_t dst, uint8_t cc_in)
{
	struct size s = size_of(byte);
	uint32_t a = src & s.mask, b = dst & s.mask, r, sum;
	struct hb h = { 0 };
	switch (op) {
	case HB_MOV:	/* N, Z of the source; V cleared; C not affected */
		h.r = (uint16_t)a, h.store = true;
		h.cc = keep_c(codes(s, a, false, false), cc_in);
		break;
	case HB_CMP:	/* (src) - (dst), by adding the complement plus one */
		sum = a + (~b & s.mask) + 1;
		r = sum & s.mask;
		h.r = (uint16_t)b;
		/* V: operands of opposite signs and the sign of the
		 * destination the same as that of the result; C: cleared if
		 * there was a carry from the most significant bit */
		h.cc = codes(s, r, neg(s, a) != neg(s, b) && neg(s, b) == neg(s, r), !(sum > s.mask));
		break;
	case HB_BIT:
		h.r = (uint16_t)b;
		h.cc = keep_c(codes(s, a & b, false, false), cc_in);
		break;
	case HB_BIC:
		r = ~a & b & s.mask;
		h.r = (uint16_t)r, h.store = true;
		h.cc = keep_c(codes(s, r, false, false), cc_in);
		break;
	case HB_BIS:
		r = a | b;
		h.r = (uint16_t)r, h.store = true;
		h.cc = keep_c(codes(s, r, false, false), cc_in);
		break;
	case HB_ADD:	/* word only */
		sum = a + b;
		r = sum & s.mask;
		h.r = (uint16_t)r, h.store = true;
		/* V: both operands of the same sign and the result of the
		 * opposite sign; C: a carry from the most significant bit */
		h.cc = codes(s, r, neg(s, a) == neg(s, b) && neg(s, r) != neg(s, a), sum > s.mask);
		break;
	case HB_SUB:	/* (dst) - (src), by adding the complement plus one */
		sum = b + (~a & s.mask) + 1;
		r = sum & s.mask;
		h.r = (uint16_t)r, h.store = true;
		/* V: operands of opposite signs and the sign of the source
		 * the same as that of the result; C: cleared if there was a
		 * carry from the most significant bit */
		h.cc = codes(s, r, neg(s, a) != neg(s, b) && neg(s, a) == neg(s, r), !(sum > s.mask));
		break;
	}
	return h;
}

struct hb hb_single(enum hb_single op, bool byte, uint16_t dst, uint8_t cc_in)
{
	struct size s = size_of(byte);
	uint32_t d = dst & s.mask, r, top = s.mask ^ (s.mask >> 1);
	bool c_in = cc_in & HB_C, n, c;
	struct hb h = { .store = true };
	switch (op) {
	case HB_CLR:
		r = 0;
		h.cc = HB_Z;
		break;
	case HB_COM:	/* V cleared, C set */
		r = ~d & s.mask;
		h.cc = codes(s, r, false, true);
		break;
	case HB_INC:	/* V: (dst) held 077777 (177); C not affected */
		r = (d + 1) & s.mask;
		h.cc = keep_c(codes(s, r, d == (s.mask >> 1), false), cc_in);
		break;
	case HB_DEC:	/* V: (dst) was 100000 (200); C not affected */
		r = (d + s.mask) & s.mask;
		h.cc = keep_c(codes(s, r, d == s.sign, false), cc_in);
		break;
	case HB_NEG:	/* V: the result is 100000 (200); C cleared if the result is 0 */
		r = (0 - d) & s.mask;
		h.cc = codes(s, r, r == s.sign, r != 0);
		break;
	case HB_ADC:	/* V: (dst) was 077777 and C was 1; C: (dst) was 177777 and C was 1 */
		r = (d + c_in) & s.mask;
		h.cc = codes(s, r, d == (s.mask >> 1) && c_in, d == s.mask && c_in);
		break;
	case HB_SBC:
		/* The handbook's text for SBC ("V: set if (dst) was 100000",
		 * "C: cleared if (dst) was 0 and C was 1") describes the
		 * subtraction of a borrow; what the 11/40 does (and DEC's
		 * unary-operation diagnostics ZKACA0 and ZKADA0 pass with) is
		 * V: (dst) was 100000 and C was 1 (the
		 * signed result left the range), C: (dst) was 0 and C was 1 (a
		 * borrow out of the most significant bit). */
		r = (d - c_in) & s.mask;
		h.cc = codes(s, r, d == s.sign && c_in, d == 0 && c_in);
		break;
	case HB_TST:	/* V and C cleared */
		r = d;
		h.store = false;
		h.cc = codes(s, r, false, false);
		break;
	case HB_ROR:	/* C: the low bit of dst; V: N xor C after the rotate */
		r = (d >> 1) | (c_in ? top : 0);
		c = d & 1, n = neg(s, r);
		h.cc = codes(s, r, n != c, c);
		break;
	case HB_ROL:	/* C: the high bit of dst */
		r = ((d << 1) | c_in) & s.mask;
		c = neg(s, d), n = neg(s, r);
		h.cc = codes(s, r, n != c, c);
		break;
	case HB_ASR:	/* the sign bit is replicated */
		r = (d >> 1) | (d & s.sign);
		c = d & 1, n = neg(s, r);
		h.cc = codes(s, r, n != c, c);
		break;
	case HB_ASL:
		r = (d << 1) & s.mask;
		c = neg(s, d), n = neg(s, r);
		h.cc = codes(s, r, n != c, c);
		break;
	case HB_SWAB:	/* N, Z from the low byte of the result; V, C cleared */
		r = ((d & 0377) << 8) | (d >> 8);
		h.cc = codes(size_of(true), r & 0377, false, false);
		break;
	case HB_SXT:	/* 177777 if N; Z set if N is clear; N, C not affected */
		n = cc_in & HB_N;
		r = n ? 0177777 : 0;
		h.cc = (uint8_t)((n ? HB_N : HB_Z) | (cc_in & HB_C));
		break;
	default:
		r = 0;
	}
	h.r = (uint16_t)r;
	return h;
}

struct hb hb_xor(uint16_t reg, uint16_t dst, uint8_t cc_in)
{
	uint32_t r = (uint32_t)(reg ^ dst);
	struct hb h = { .r = (uint16_t)r, .store = true };
	h.cc = keep_c(codes(size_of(false), r, false, false), cc_in);
	return h;
}

static int32_t sext16(uint16_t x) { return x & 0100000 ? (int32_t)x - 0200000 : (int32_t)x; }

/* MUL: the 32-bit product in R, R+1 (R odd: only the low half, in R).
 * N: product < 0; Z: product = 0; V cleared; C: the product does not fit
 * a word (less than -2^15, or 2^15 or more). */
struct hb_eis hb_mul(uint16_t r, uint16_t src, bool r_odd)
{
	int64_t p = (int64_t)sext16(r) * sext16(src);
	uint32_t u = (uint32_t)p;
	struct hb_eis h = { .hi = (uint16_t)(u >> 16), .lo = (uint16_t)u };
	if (r_odd)
		h.hi = h.lo;
	h.cc = (uint8_t)((p < 0 ? HB_N : 0) | (p == 0 ? HB_Z : 0) |
			 (p < -32768 || p > 32767 ? HB_C : 0));
	return h;
}

/* DIV: the 32-bit R, R+1 by src; quotient to R, remainder (the sign of
 * the dividend) to R+1. V: src = 0, or the quotient does not fit 15 bits
 * and a sign (-2^15 .. 2^15-1): "the instruction is aborted", the
 * registers keep their contents, N and Z are unspecified. C: src = 0. */
struct hb_eis hb_div(uint16_t hi, uint16_t lo, uint16_t src)
{
	int64_t dividend = (int64_t)(int32_t)((uint32_t)hi << 16 | lo), divisor = sext16(src);
	struct hb_eis h = { .hi = hi, .lo = lo };
	if (divisor == 0) {
		h.cc = HB_V | HB_C;
		h.unspecified = HB_N | HB_Z;
		return h;
	}
	int64_t q = dividend / divisor, rem = dividend - q * divisor;	/* C99: truncates */
	if (q < -32768 || q > 32767) {
		h.cc = HB_V;
		h.unspecified = HB_N | HB_Z;
		return h;
	}
	h.hi = (uint16_t)q;
	h.lo = (uint16_t)rem;
	h.cc = (uint8_t)((q < 0 ? HB_N : 0) | (q == 0 ? HB_Z : 0));
	return h;
}

/* The shift count: the low 6 bits of src, -32..31; positive shifts left. */
static int count_of(uint16_t src)
{
	int n = src & 077;
	return n >= 040 ? n - 0100 : n;
}

/* ASH, ASHC: shifted one place at a time. V: the sign changed during
 * the shift; C: the last bit shifted out (cleared for a count of 0). */
static struct hb_eis shift(uint64_t x, int bits, uint16_t src)
{
	uint64_t mask = (1ull << bits) - 1, sign = 1ull << (bits - 1);
	int n = count_of(src);
	bool v = false, c = false;
	for (int i = 0; i < n; i++) {
		uint64_t y = (x << 1) & mask;
		c = (x & sign) != 0;
		if ((y ^ x) & sign)
			v = true;
		x = y;
	}
	for (int i = 0; i > n; i--) {
		c = x & 1;
		x = (x >> 1) | (x & sign);
	}
	struct hb_eis h = { .hi = (uint16_t)(x >> 16), .lo = (uint16_t)x };
	h.cc = (uint8_t)((x & sign ? HB_N : 0) | (x == 0 ? HB_Z : 0) | (v ? HB_V : 0) | (c ? HB_C : 0));
	return h;
}

struct hb_eis hb_ash(uint16_t r, uint16_t src)
{
	struct hb_eis h = shift(r, 16, src);
	h.hi = h.lo;
	return h;
}

struct hb_eis hb_ashc(uint16_t hi, uint16_t lo, uint16_t src)
{
	return shift((uint64_t)hi << 16 | lo, 32, src);
}
