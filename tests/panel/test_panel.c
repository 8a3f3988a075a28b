/* The front panel under SDL's offscreen video driver: lights read back as
 * pixels, switches and keys driven by SDL mouse and keyboard events. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <zlib.h>

#include "panel.h"
#include "sim.h"

enum { SLICE = 2000000 };	/* the run loop's slice with no terminal, virtual time */

static struct sim *s;

static void setup(void)
{
	setenv("SDL_VIDEODRIVER", "offscreen", 1);
	s = calloc(1, sizeof *s);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(machine_init(&s->m, 64 * 1024), 0);
	script_init(&s->sc, &s->m);
	s->m.kl.output = sim_console_output;
	s->m.kl.output_ctx = s;
	s->wru = 005;
	s->col0 = true;
	s->limit_time = UINT64_MAX;
	sim_set_clock(s, false);
	char err[256];
	ck_assert_msg(panel_open(s, err, sizeof err) == 0, "%s", err);
}

static void teardown(void)
{
	panel_close(s);
	script_free(&s->sc);
	machine_free(&s->m);
	free(s);
}

static void poke(uint32_t pa, uint16_t w)
{
	ck_assert_int_eq(bus_write(&s->m.bus, pa, w), BUS_OK);
}

/* Lit and unlit must be unmistakable: the lamp's centre is bright orange
 * or dark red, nothing in between once the glow has settled. */
static int lamp(int n)
{
	int x, y;
	panel_lamp_pos(n, &x, &y);
	uint32_t red = panel_pixel(s, x, y) >> 16;
	ck_assert_msg(red > 0xc0 || red < 0x80, "lamp %d half lit (%02x)", n, red);
	return red > 0xc0;
}

static void assert_lamps(int first, int bits, uint32_t want)
{
	for (int b = 0; b < bits; b++)
		ck_assert_msg(lamp(first + b) == (int)(want >> b & 1), "lamp %d bit %d: want %o",
			      first, b, want);
}

static void push_click(int x, int y)
{
	SDL_Event e;
	memset(&e, 0, sizeof e);
	e.type = SDL_MOUSEBUTTONDOWN;
	e.button.button = SDL_BUTTON_LEFT;
	e.button.state = SDL_PRESSED;
	e.button.x = x, e.button.y = y;
	ck_assert_int_eq(SDL_PushEvent(&e), 1);
	e.type = SDL_MOUSEBUTTONUP;
	e.button.state = SDL_RELEASED;
	ck_assert_int_eq(SDL_PushEvent(&e), 1);
}

static void click_switch(int bit)
{
	int x, y;
	panel_switch_pos(bit, &x, &y);
	push_click(x, y);
}

static void click_key(enum panel_key k)
{
	int x, y;
	panel_key_pos(k, &x, &y);
	push_click(x, y);
}

static void type(const char *keys)
{
	for (; *keys; keys++) {
		SDL_Event e;
		memset(&e, 0, sizeof e);
		e.type = SDL_KEYDOWN;
		e.key.state = SDL_PRESSED;
		e.key.keysym.sym = *keys == '\b' ? SDLK_BACKSPACE : *keys == 0177 ? SDLK_DELETE : *keys;
		ck_assert_int_eq(SDL_PushEvent(&e), 1);
	}
}

START_TEST(deposit_and_examine_show_in_the_lights)
{
	/* 1000 LOAD ADRS, 125252 DEP, 7 DEP (steps to 1002), 1000 LOAD ADRS, EXAM */
	type("1000l\177" "125252d\177" "7d\177" "1000le");
	panel_frame(s, 1.0);
	ck_assert_uint_eq(s->m.bus.mem[01000 / 2], 0125252);
	ck_assert_uint_eq(s->m.bus.mem[01002 / 2], 07);
	assert_lamps(LAMP_ADDR, 18, 01000);
	assert_lamps(LAMP_DATA, 16, 0125252);
	ck_assert(lamp(LAMP_CONSOLE));
	ck_assert(!lamp(LAMP_RUN));
	ck_assert(!lamp(LAMP_PROCESSOR));

	type("e");	/* EXAM after EXAM steps by 2 */
	panel_frame(s, 1.0);
	assert_lamps(LAMP_ADDR, 18, 01002);
	assert_lamps(LAMP_DATA, 16, 07);

	/* the general registers at 777700-777717 step by 1 */
	s->m.cpu.r[5] = 052525;
	s->m.cpu.r[SP] = 0700;
	type("\177" "777705le");
	panel_frame(s, 1.0);
	assert_lamps(LAMP_ADDR, 18, 0777705);
	assert_lamps(LAMP_DATA, 16, 052525);
	type("e");
	panel_frame(s, 1.0);
	assert_lamps(LAMP_ADDR, 18, 0777706);
	assert_lamps(LAMP_DATA, 16, 0700);

	/* an I/O page register through the bus: the PSW */
	cpu_set_psw(&s->m.cpu, 0340);
	type("\177" "777776le");
	panel_frame(s, 1.0);
	assert_lamps(LAMP_DATA, 16, 0340);
}
END_TEST

START_TEST(clicks_on_switches_0_and_15_change_the_switch_register)
{
	click_switch(0);
	panel_frame(s, 0.1);
	ck_assert_uint_eq(s->m.sw.sr, 1);
	click_switch(15);
	panel_frame(s, 0.1);
	ck_assert_uint_eq(s->m.sw.sr, 0100001);
	uint16_t v;
	ck_assert_int_eq(bus_read(&s->m.bus, SWR_ADDR, &v), BUS_OK);
	ck_assert_uint_eq(v, 0100001);
	click_switch(0);
	panel_frame(s, 0.1);
	ck_assert_uint_eq(s->m.sw.sr, 0100000);
	/* between switches is no switch */
	int x0, x1, y;
	panel_switch_pos(1, &x0, &y);
	panel_switch_pos(0, &x1, &y);
	push_click((x0 + x1) / 2, y);
	panel_frame(s, 0.1);
	ck_assert_uint_eq(s->m.sw.sr, 0100000);
}
END_TEST

START_TEST(a_running_program_sees_a_switch_at_once)
{
	poke(01000, 013700);	/* mov @#177570, r0 */
	poke(01002, 0177570);
	poke(01004, 000775);	/* br 1000 */
	s->m.cpu.r[PC] = 01000;
	SDL_Delay(20);		/* the first slice ends in a frame */
	click_switch(0);
	ck_assert_int_eq(sim_run(s, 3 * SLICE), CMD_OK);
	ck_assert_uint_eq(s->m.cpu.r[0], 1);
}
END_TEST

START_TEST(halt_and_cont_keys_stop_and_resume_the_machine)
{
	poke(01000, 005200);	/* inc r0 */
	poke(01002, 000776);	/* br 1000 */
	s->m.cpu.r[PC] = 01000;

	/* HALT: the run loop runs nothing more; only the wall limit ends it */
	SDL_Delay(20);
	click_key(KEY_HALT);
	uint64_t t0 = s->m.bus.now;
	s->limit_wall = sim_wall() + 0.4;
	ck_assert_int_eq(sim_run(s, 5 * SLICE), CMD_ERROR);
	ck_assert(panel_holds(s));
	ck_assert_uint_lt(s->m.bus.now - t0, 5 * SLICE);
	panel_frame(s, 1.0);
	ck_assert(!lamp(LAMP_RUN));
	ck_assert(lamp(LAMP_CONSOLE));
	uint16_t pc = s->m.cpu.r[PC];
	ck_assert(pc == 01000 || pc == 01002);
	assert_lamps(LAMP_ADDR, 18, pc);	/* halted: ADDRESS is the PC, DATA R0 */
	assert_lamps(LAMP_DATA, 16, s->m.cpu.r[0]);

	uint16_t r0 = s->m.cpu.r[0];
	t0 = s->m.bus.now;
	s->limit_wall = sim_wall() + 0.2;
	ck_assert_int_eq(sim_run(s, 5 * SLICE), CMD_ERROR);
	ck_assert_uint_eq(s->m.bus.now, t0);
	ck_assert_uint_eq(s->m.cpu.r[0], r0);

	/* CONT with HALT down: one instruction */
	click_key(KEY_CONT);
	panel_frame(s, 0.1);
	ck_assert_uint_eq(s->m.bus.now, t0 + 1);
	ck_assert(panel_holds(s));

	/* ENABLE and CONT: it runs on to the end of the steps */
	click_key(KEY_HALT);
	click_key(KEY_CONT);
	t0 = s->m.bus.now;
	s->limit_wall = sim_wall() + 60;
	ck_assert_int_eq(sim_run(s, 5 * SLICE), CMD_OK);
	ck_assert(!panel_holds(s));
	ck_assert_uint_eq(s->m.bus.now - t0, 5 * SLICE);
	ck_assert_uint_ne(s->m.cpu.r[0], r0);
}
END_TEST

START_TEST(start_inits_and_starts_at_the_console_address)
{
	poke(02000, 005201);	/* inc r1 */
	poke(02002, 000000);	/* halt */
	cpu_set_psw(&s->m.cpu, 0340);
	type("2000l");
	click_key(KEY_START);
	panel_frame(s, 0.1);	/* the panel only sets up the start ... */
	ck_assert_uint_eq(s->m.cpu.r[PC], 02000);
	ck_assert_uint_eq(cpu_psw(&s->m.cpu), 0);	/* console start: PSW cleared */
	ck_assert_int_eq(sim_run(s, 0), CMD_OK);	/* ... the run loop runs it */
	ck_assert_uint_eq(s->m.cpu.r[1], 1);
	ck_assert_uint_eq(s->m.cpu.r[PC], 02004);
}
END_TEST

START_TEST(running_lights_show_the_pc_and_the_display_register)
{
	poke(01000, 005200);	/* inc r0 */
	poke(01002, 000776);	/* br 1000 */
	s->m.cpu.r[PC] = 01000;
	for (int i = 0; i < 5; i++)
		panel_slice(s, STOP_SLICE);
	panel_frame(s, 1.0);
	ck_assert(lamp(LAMP_RUN));
	ck_assert(lamp(LAMP_PROCESSOR));
	ck_assert(!lamp(LAMP_CONSOLE));
	ck_assert(!lamp(LAMP_USER));
	ck_assert(!lamp(LAMP_VIRTUAL));
	assert_lamps(LAMP_ADDR, 18, 01000);
	assert_lamps(LAMP_DATA, 16, 005200);	/* the word fetched */

	poke(SWR_ADDR, 070707);	/* the program writes the display register */
	for (int i = 0; i < 5; i++)
		panel_slice(s, STOP_SLICE);
	panel_frame(s, 1.0);
	assert_lamps(LAMP_DATA, 16, 070707);

	/* a lamp lit in half the samples glows, neither off nor full */
	s->m.cpu.r[PC] = 01000;
	panel_slice(s, STOP_SLICE);
	s->m.cpu.r[PC] = 01002;
	panel_slice(s, STOP_SLICE);
	panel_frame(s, 1.0);
	int x, y;
	panel_lamp_pos(LAMP_ADDR + 1, &x, &y);
	uint32_t red = panel_pixel(s, x, y) >> 16;
	ck_assert_uint_gt(red, 0x80);
	ck_assert_uint_lt(red, 0xe0);
}
END_TEST

START_TEST(closing_the_window_leaves_the_machine_running)
{
	SDL_Event e;
	memset(&e, 0, sizeof e);
	e.type = SDL_QUIT;
	ck_assert_int_eq(SDL_PushEvent(&e), 1);
	panel_frame(s, 0.1);
	ck_assert_ptr_null(s->panel);
	poke(01000, 005200);
	poke(01002, 000776);
	s->m.cpu.r[PC] = 01000;
	ck_assert_int_eq(sim_run(s, 1000), CMD_OK);
	ck_assert_uint_eq(s->m.cpu.r[0], 500);
}
END_TEST

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

START_TEST(png_holds_the_panel_as_drawn)
{
	type("7l");
	panel_frame(s, 1.0);
	char path[] = "/tmp/panel_test_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(panel_save_png(s, path), 0);
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	static uint8_t file[1 << 20];
	size_t n = fread(file, 1, sizeof file, fp);
	fclose(fp);
	unlink(path);
	ck_assert_mem_eq(file, "\x89PNG\r\n\x1a\n", 8);
	ck_assert_mem_eq(file + 12, "IHDR", 4);
	uint32_t w = be32(file + 16), h = be32(file + 20);
	ck_assert_uint_eq(file[24], 8);	/* 8-bit RGB */
	ck_assert_uint_eq(file[25], 2);
	size_t idat = 8 + 12 + 13;
	ck_assert_mem_eq(file + idat + 4, "IDAT", 4);
	uint32_t zlen = be32(file + idat);
	ck_assert_uint_le(idat + 12 + zlen, n);
	uLongf rawlen = (uLongf)(1 + 3 * w) * h;
	uint8_t *raw = malloc(rawlen);
	ck_assert_int_eq(uncompress(raw, &rawlen, file + idat + 8, zlen), Z_OK);
	ck_assert_uint_eq(rawlen, (1 + 3 * w) * h);
	for (int lampno = LAMP_ADDR; lampno < LAMP_ADDR + 4; lampno++) {
		int x, y;
		panel_lamp_pos(lampno, &x, &y);
		const uint8_t *px = raw + (size_t)y * (1 + 3 * w) + 1 + 3 * x;
		ck_assert_uint_eq((uint32_t)px[0] << 16 | px[1] << 8 | px[2], panel_pixel(s, x, y));
		ck_assert_int_eq(px[0] > 0xc0, lampno < LAMP_ADDR + 3);	/* 7: bits 0-2 */
	}
	free(raw);
}
END_TEST

int main(void)
{
	Suite *su = suite_create("panel");
	TCase *tc = tcase_create("panel");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, deposit_and_examine_show_in_the_lights);
	tcase_add_test(tc, clicks_on_switches_0_and_15_change_the_switch_register);
	tcase_add_test(tc, a_running_program_sees_a_switch_at_once);
	tcase_add_test(tc, halt_and_cont_keys_stop_and_resume_the_machine);
	tcase_add_test(tc, start_inits_and_starts_at_the_console_address);
	tcase_add_test(tc, running_lights_show_the_pc_and_the_display_register);
	tcase_add_test(tc, closing_the_window_leaves_the_machine_running);
	tcase_add_test(tc, png_holds_the_panel_as_drawn);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
