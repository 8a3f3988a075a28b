/* Set-ups several CPU tests share (setup.h). */
#include "setup.h"

#include <stdlib.h>

void fx_kernel_map(struct machine *m)
{
	for (int i = 0; i < 8; i++) {
		wrw(m, ADDR_KPDR + 2u * i, PDR_RW);
		wrw(m, ADDR_KPAR + 2u * i, i == 7 ? 07600 : (uint16_t)(i * 0200));
	}
}

struct machine *fx_user_machine(uint16_t updr1)
{
	struct machine *m = fx_new();
	fx_kernel_map(m);
	for (int i = 0; i < 8; i++) {
		wrw(m, ADDR_UPDR + 2u * i, 0);
		wrw(m, ADDR_UPAR + 2u * i, (uint16_t)(i * 01000));
	}
	wrw(m, ADDR_UPDR + 0, PDR_RW);
	wrw(m, ADDR_UPDR + 2, updr1);
	wrw(m, ADDR_UPDR + 4, PDR_RW);
	wrw(m, ADDR_SR0, SR0_ENABLE);
	return m;
}

void fx_run_user(struct machine *m, const char *prog, uint16_t usp)
{
	fx_prog(m, prog);
	cpu_set_psw(&m->cpu, 0170000);
	m->cpu.r[SP] = usp;
	ck_assert_int_eq(fx_run(m, 10), STOP_HALT);
}

int fx_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
