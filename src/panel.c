/* The PDP-11/40 programmer's console (KY11-D), drawn with SDL2.
 *
 * Lights: while the machine runs, ADDRESS shows the bus address of the
 * instruction the PC points at (relocated, 18 bits) and DATA the word
 * there, or the display register (777570) for a second after the program
 * writes it. Both are sampled between slices of the run loop, never
 * traced; each lamp glows with the fraction of samples that lit it and
 * fades like a bulb, so a busy machine glows instead of flickering. When
 * the console has the machine (halted), they show the console address
 * register and the data last examined or deposited.
 *
 * Keys act as in the 11/40 handbook's console chapter: LOAD ADRS copies
 * the switches to the console address; EXAM and DEP after themselves step
 * the address by 2 (by 1 in the general registers, 777700-777717); CONT
 * resumes, or with HALT down runs one instruction; START with ENABLE is a
 * bus INIT and a start at the console address, with HALT only the INIT.
 * A running machine ignores all keys but ENABLE/HALT. */
#include "panel.h"

#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <zlib.h>

#include "sim.h"

enum {
	WIDTH = 1000, HEIGHT = 344,
	LAMP_RADIUS = 9,
	ROW_ADDR = 104, ROW_DATA = 176,     /* lamp centres */
	ROW_SWITCH = 280,                   /* switch and key centres */
	PADDLE_W = 24, PADDLE_H = 58,
	REG_LO = 0777700, REG_HI = 0777717, /* the general registers, to the console */
};

static const double FRAME = 1.0 / 60;
static const double GLOW_TAU = 0.045;   /* a console bulb lights and fades in ~50 ms */
static const double KEY_SHOWN = 0.15;   /* a momentary key is drawn down this long */
static const double DISPLAY_HOLD = 1.0; /* DATA shows the display register this long after a write */

/* The 11/40's colours: a magenta and purple face, white lettering, lamps
 * behind red filters, paddle switches alternating purple and magenta by
 * octal digit. */
static const uint32_t BAND = 0x5c1f55, FACE = 0x241a26, FACE_ALT = 0x31223a,
	SWITCH_FACE = 0x1b141d, INK = 0xf2ece4,
	LAMP_OFF = 0x3c1812, LAMP_ON = 0xff8a3a,
	PURPLE = 0x4e2a7c, MAGENTA = 0xc2508e;

/* SDL2 is loaded when a panel first opens, not linked: linked, it and the
 * libraries it needs (X11, Wayland, PulseAudio, ALSA, D-Bus, ...) cost
 * every start of the program about 9M host instructions of dynamic
 * linking, panel or not. The functions the panel calls (SDL_UpperBlit is
 * what SDL_BlitSurface names): */
#define SDL_CALLS(X) \
	X(SDL_CreateRGBSurfaceWithFormat) X(SDL_CreateWindow) X(SDL_DestroyWindow) \
	X(SDL_FillRect) X(SDL_FreeSurface) X(SDL_GetCurrentVideoDriver) X(SDL_GetError) \
	X(SDL_GetWindowSurface) X(SDL_InitSubSystem) X(SDL_MapRGB) X(SDL_PollEvent) \
	X(SDL_QuitSubSystem) X(SDL_SetHint) X(SDL_UpdateWindowSurface) \
	X(SDL_UpdateWindowSurfaceRects) X(SDL_UpperBlit)

/* Filled once, by sdl_load, and constant afterwards: not machine state. */
static struct {
#define SDL_POINTER(f) __typeof__(f) *f;
	SDL_CALLS(SDL_POINTER)
#undef SDL_POINTER
} sdl;

struct panel {
	SDL_Window *win;
	SDL_Surface *face;      /* what the window shows; tests read its pixels */

	/* sampling: lamp lit counts since the last frame */
	uint32_t on[NLAMPS];
	uint32_t nsamples;
	float glow[NLAMPS];
	double last_frame;
	uint64_t display_writes;
	double display_time;

	/* the console */
	bool running;           /* inside sim_run, the processor has the bus */
	bool hold;              /* halted by ENABLE/HALT: the run loop runs nothing */
	bool halt_sw;           /* ENABLE/HALT is down */
	uint32_t caddr;         /* console address register */
	uint16_t cdata;         /* DATA when halted */
	int last_key;           /* EXAM after EXAM steps the address (DEP likewise) */
	double key_until[NKEYS];

	/* what the window shows, to send it only what changed */
	bool redraw;            /* everything: first frame, window exposed */
	uint32_t lamp_drawn[NLAMPS];
	bool paddle_up[18 + NKEYS];
	SDL_Rect dirty[NLAMPS + 18 + NKEYS];
	int ndirty;
};

/* ---- layout ---- */

/* The 18 columns, bit 17 at the left, a gap between octal digits. */
static int column_x(int bit)
{
	int i = 17 - bit;
	return 44 + i * 34 + (i / 3) * 14;
}

static const int status_lamp[6] = {
	LAMP_RUN, LAMP_BUS, LAMP_USER, LAMP_PROCESSOR, LAMP_CONSOLE, LAMP_VIRTUAL,
};
static const char *const status_name[6] = {
	"RUN", "BUS", "USER", "PROCESSOR", "CONSOLE", "VIRTUAL",
};

void panel_lamp_pos(int lamp, int *x, int *y)
{
	if (lamp >= LAMP_ADDR && lamp < LAMP_ADDR + 18) {
		*x = column_x(lamp - LAMP_ADDR), *y = ROW_ADDR;
	} else if (lamp >= LAMP_DATA && lamp < LAMP_DATA + 16) {
		*x = column_x(lamp - LAMP_DATA), *y = ROW_DATA;
	} else {
		int i = lamp - LAMP_RUN;
		*x = 786 + (i % 3) * 78, *y = i < 3 ? ROW_ADDR : ROW_DATA;
	}
}

void panel_switch_pos(int bit, int *x, int *y)
{
	*x = column_x(bit), *y = ROW_SWITCH;
}

void panel_key_pos(enum panel_key k, int *x, int *y)
{
	*x = 760 + (int)k * 44, *y = ROW_SWITCH;
}

/* ---- drawing ---- */

static void fill(SDL_Surface *f, int x, int y, int w, int h, uint32_t rgb)
{
	SDL_Rect r = { x, y, w, h };
	sdl.SDL_FillRect(f, &r, sdl.SDL_MapRGB(f->format, rgb >> 16, (rgb >> 8) & 255, rgb & 255));
}

static uint32_t mix(uint32_t a, uint32_t b, double t)
{
	uint32_t out = 0;
	for (int sh = 0; sh <= 16; sh += 8) {
		double ca = (a >> sh) & 255, cb = (b >> sh) & 255;
		out |= (uint32_t)lround(ca + (cb - ca) * t) << sh;
	}
	return out;
}

static void disc(SDL_Surface *f, int cx, int cy, int r, uint32_t rgb)
{
	for (int dy = -r; dy <= r; dy++) {
		int w = (int)sqrt((double)(r * r - dy * dy));
		fill(f, cx - w, cy + dy, 2 * w + 1, 1, rgb);
	}
}

/* A 5x7 font for the lettering, one string of 35 cells per glyph. */
static const struct glyph {
	char c;
	const char *rows;
} font[] = {
	{ 'A', ".###.#...##...#######...##...##...#" },
	{ 'B', "####.#...##...#####.#...##...#####." },
	{ 'C', ".###.#...##....#....#....#...#.###." },
	{ 'D', "####.#...##...##...##...##...#####." },
	{ 'E', "######....#....####.#....#....#####" },
	{ 'H', "#...##...##...#######...##...##...#" },
	{ 'I', ".###...#....#....#....#....#...###." },
	{ 'L', "#....#....#....#....#....#....#####" },
	{ 'M', "#...###.###.#.##.#.##...##...##...#" },
	{ 'N', "#...##...###..##.#.##..###...##...#" },
	{ 'O', ".###.#...##...##...##...##...#.###." },
	{ 'P', "####.#...##...#####.#....#....#...." },
	{ 'R', "####.#...##...#####.#.#..#..#.#...#" },
	{ 'S', ".#####....#.....###.....#....#####." },
	{ 'T', "#####..#....#....#....#....#....#.." },
	{ 'U', "#...##...##...##...##...##...#.###." },
	{ 'V', "#...##...##...##...##...#.#.#...#.." },
	{ 'X', "#...##...#.#.#...#...#.#.#...##...#" },
	{ '0', ".###.#...##..###.#.###..##...#.###." },
	{ '1', "..#...##....#....#....#....#...###." },
	{ '2', ".###.#...#....#...#...#...#...#####" },
	{ '3', "#####...#...#.....#.....##...#.###." },
	{ '4', "...#...##..#.#.#..#.#####...#....#." },
	{ '5', "######....####.....#....##...#.###." },
	{ '6', "..##..#...#....####.#...##...#.###." },
	{ '7', "#####....#...#...#...#....#....#..." },
	{ '8', ".###.#...##...#.###.#...##...#.###." },
	{ '9', ".###.#...##...#.####....#...#..##.." },
	{ '/', "....#....#...#...#...#...#....#...." },
	{ 'd', "....#....#.##.##..###...##..##.##.#" },
	{ 'i', "..#........##....#....#....#...###." },
	{ 'g', "......#####...##...#.####....#.###." },
	{ 't', ".#....#...###...#....#....#..#..##." },
	{ 'a', "...........###.....#.#####...#.####" },
	{ 'l', ".##....#....#....#....#....#...###." },
	{ 'p', ".....####.#...##...#####.#....#...." },
};

static void text(SDL_Surface *f, int x, int y, int scale, uint32_t rgb, const char *s)
{
	for (; *s; s++, x += 6 * scale) {
		const struct glyph *g = NULL;
		for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
			if (font[i].c == *s)
				g = &font[i];
		if (!g)
			continue;	/* a space, or a letter the panel does not use */
		for (int cell = 0; cell < 35 && g->rows[cell]; cell++)
			if (g->rows[cell] == '#')
				fill(f, x + cell % 5 * scale, y + cell / 5 * scale, scale, scale, rgb);
	}
}

static void text_centred(SDL_Surface *f, int cx, int y, int scale, uint32_t rgb, const char *s)
{
	text(f, cx - ((int)strlen(s) * 6 - 1) * scale / 2, y, scale, rgb, s);
}

/* Everything that does not change: the face, lettering and digit bands. */
static void draw_face(SDL_Surface *f)
{
	fill(f, 0, 0, WIDTH, HEIGHT, FACE);
	fill(f, 0, 0, WIDTH, 54, BAND);
	/* DEC's logo: each letter of "digital" in its own white box */
	for (int i = 0; i < 7; i++) {
		fill(f, 40 + i * 26, 12, 23, 30, INK);
		text(f, 44 + i * 26, 16, 3, BAND, (const char[]){ "digital"[i], 0 });
	}
	text(f, 240, 16, 3, INK, "pdp11/40");

	for (int g = 0; g < 6; g++) {
		int x = column_x(17 - 3 * g) - 17;
		fill(f, x, 66, 3 * 34, 136, g & 1 ? FACE_ALT : FACE);
	}
	text(f, column_x(17) - 10, 70, 2, INK, "ADDRESS");
	text(f, column_x(15) - 10, 142, 2, INK, "DATA");
	for (int i = 0; i < 6; i++) {
		int x, y;
		panel_lamp_pos(status_lamp[i], &x, &y);
		text_centred(f, x, y - 26, 1, INK, status_name[i]);
	}

	fill(f, 0, 214, WIDTH, HEIGHT - 214, SWITCH_FACE);
	fill(f, 0, 214, WIDTH, 3, BAND);
	for (int bit = 0; bit < 18; bit++) {
		char num[4];
		snprintf(num, sizeof num, "%d", bit);
		text_centred(f, column_x(bit), 228, 1, INK, num);
	}
	static const char *const top[NKEYS] = { "LOAD", "EXAM", "CONT", "ENABLE", "START", "DEP" };
	static const char *const bottom[NKEYS] = { "ADRS", "", "", "HALT", "", "" };
	for (int k = 0; k < NKEYS; k++) {
		int x, y;
		panel_key_pos((enum panel_key)k, &x, &y);
		text_centred(f, x, 228, 1, INK, top[k]);
		text_centred(f, x, y + PADDLE_H / 2 + 8, 1, INK, bottom[k]);
	}
}

/* A paddle switch seen from the front: the raised end is lit. */
static void paddle(SDL_Surface *f, int cx, int cy, bool up, uint32_t colour)
{
	int x = cx - PADDLE_W / 2, y = cy - PADDLE_H / 2;
	uint32_t shade = mix(colour, 0x000000, 0.55), lit = mix(colour, 0xffffff, 0.18);
	fill(f, x - 2, y - 2, PADDLE_W + 4, PADDLE_H + 4, 0x0a080a);
	fill(f, x, y, PADDLE_W, PADDLE_H, shade);
	if (up)
		fill(f, x, y, PADDLE_W, PADDLE_H * 3 / 5, lit);
	else
		fill(f, x, y + PADDLE_H * 2 / 5, PADDLE_W, PADDLE_H * 3 / 5, colour);
}

/* Only what changed is drawn and sent to the window: a frame of a busy
 * machine is a few dozen small rectangles, not the whole face. */
static void draw(struct panel *p, uint32_t sr, double now)
{
	SDL_Surface *f = p->face;
	p->ndirty = 0;
	for (int i = 0; i < NLAMPS; i++) {
		uint32_t colour = mix(LAMP_OFF, LAMP_ON, p->glow[i]);
		if (!p->redraw && colour == p->lamp_drawn[i])
			continue;
		p->lamp_drawn[i] = colour;
		int x, y, r = LAMP_RADIUS + 2;
		panel_lamp_pos(i, &x, &y);
		disc(f, x, y, r, 0x0a080a);
		disc(f, x, y, LAMP_RADIUS, colour);
		p->dirty[p->ndirty++] = (SDL_Rect){ x - r, y - r, 2 * r + 1, 2 * r + 1 };
	}
	for (int n = 0; n < 18 + NKEYS; n++) {
		int x, y;
		bool up;
		uint32_t colour;
		if (n < 18) {
			panel_switch_pos(n, &x, &y);
			up = sr >> n & 1;
			colour = (n / 3) & 1 ? MAGENTA : PURPLE;
		} else {
			int k = n - 18;
			panel_key_pos((enum panel_key)k, &x, &y);
			bool pressed = now < p->key_until[k];
			/* LOAD ADRS, EXAM, CONT, START are pressed down; DEP is lifted */
			up = k == KEY_HALT ? !p->halt_sw : k == KEY_DEP ? pressed : !pressed;
			colour = k == KEY_LOAD || k == KEY_EXAM || k == KEY_DEP ? MAGENTA : PURPLE;
		}
		if (!p->redraw && up == p->paddle_up[n])
			continue;
		p->paddle_up[n] = up;
		paddle(f, x, y, up, colour);
		p->dirty[p->ndirty++] = (SDL_Rect){ x - PADDLE_W / 2 - 2, y - PADDLE_H / 2 - 2,
						    PADDLE_W + 4, PADDLE_H + 4 };
	}
}

static void present(struct panel *p)
{
	SDL_Surface *w = sdl.SDL_GetWindowSurface(p->win);
	if (!w)
		return;
	if (p->redraw) {
		if (sdl.SDL_UpperBlit(p->face, NULL, w, NULL) == 0)
			sdl.SDL_UpdateWindowSurface(p->win);
		p->redraw = false;
		return;
	}
	for (int i = 0; i < p->ndirty; i++) {
		SDL_Rect r = p->dirty[i];
		sdl.SDL_UpperBlit(p->face, &r, w, &r);
	}
	if (p->ndirty)
		sdl.SDL_UpdateWindowSurfaceRects(p->win, p->dirty, p->ndirty);
}

/* ---- the console ---- */

static uint32_t pc_address(struct cpu *cpu)
{
	uint32_t pa;
	if (cpu_translate(cpu, cpu->r[PC], cpu_mode(cpu), false, &pa) != BUS_OK)
		pa = cpu->r[PC];
	return pa;
}

/* The console takes the machine: ADDRESS the PC, DATA R0, as after a HALT. */
static void enter_console(struct panel *p, struct sim *s)
{
	p->running = false;
	p->caddr = pc_address(&s->m.cpu);
	p->cdata = s->m.cpu.r[0];
	p->last_key = -1;
}

/* The general registers as the console addresses them: 777700-777705
 * R0-R5, 777706 kernel SP, 777716 user SP, 777707 PC. */
static uint16_t *console_reg(struct cpu *cpu, uint32_t a)
{
	int mode = cpu_mode(cpu);
	switch (a) {
	case 0777706: return mode == MODE_KERNEL ? &cpu->r[SP] : &cpu->sp[MODE_KERNEL];
	case 0777716: return mode == MODE_USER ? &cpu->r[SP] : &cpu->sp[MODE_USER];
	case 0777707: return &cpu->r[PC];
	default: return a >= REG_LO && a <= 0777705 ? &cpu->r[a & 7] : NULL;
	}
}

static void examine(struct panel *p, struct sim *s)
{
	uint16_t *r = console_reg(&s->m.cpu, p->caddr), v = 0;
	if (r)
		p->cdata = *r;
	else if (bus_read(&s->m.bus, p->caddr & ~1u, &v) == BUS_OK)
		p->cdata = v;
	else
		p->cdata = 0;	/* nothing answered: the console shows no data */
}

static void deposit(struct panel *p, struct sim *s)
{
	uint16_t v = (uint16_t)s->m.sw.sr, *r = console_reg(&s->m.cpu, p->caddr);
	if (r)
		*r = v;
	else
		bus_write(&s->m.bus, p->caddr & ~1u, v);
	p->cdata = v;
}

static void step_address(struct panel *p)
{
	int by = p->caddr >= REG_LO && p->caddr <= REG_HI ? 1 : 2;
	p->caddr = (p->caddr + (uint32_t)by) & 0777777;
}

static void press(struct sim *s, enum panel_key k, double now)
{
	struct panel *p = s->panel;
	struct machine *m = &s->m;
	p->key_until[k] = now + KEY_SHOWN;
	if (k == KEY_HALT) {
		p->halt_sw = !p->halt_sw;
		if (p->halt_sw && p->running) {
			p->hold = true;
			enter_console(p, s);
		}
		return;
	}
	if (p->running)
		return;	/* a running machine ignores the console */
	switch (k) {
	case KEY_LOAD:
		p->caddr = m->sw.sr & 0777777;
		break;
	case KEY_EXAM:
		if (p->last_key == KEY_EXAM)
			step_address(p);
		examine(p, s);
		break;
	case KEY_DEP:
		if (p->last_key == KEY_DEP)
			step_address(p);
		deposit(p, s);
		break;
	case KEY_CONT:
		m->cpu.halted = false;
		if (p->halt_sw) {
			machine_run(m, 1);	/* single instruction */
			enter_console(p, s);
		} else {
			p->hold = false;
		}
		break;
	case KEY_START:
		machine_reset(m);
		if (!p->halt_sw) {
			m->cpu.r[PC] = (uint16_t)(p->caddr & 0177776);
			m->cpu.halted = false;
			p->hold = false;
		}
		break;
	default:
		break;
	}
	p->last_key = k;
}

static bool inside(int x, int y, int cx, int cy)
{
	return x >= cx - PADDLE_W / 2 - 4 && x <= cx + PADDLE_W / 2 + 4 &&
	       y >= cy - PADDLE_H / 2 && y <= cy + PADDLE_H / 2;
}

static void click(struct sim *s, int x, int y, double now)
{
	for (int bit = 0; bit < 18; bit++) {
		int cx, cy;
		panel_switch_pos(bit, &cx, &cy);
		if (inside(x, y, cx, cy))
			s->m.sw.sr ^= 1u << bit;	/* the program reads it at once */
	}
	for (int k = 0; k < NKEYS; k++) {
		int cx, cy;
		panel_key_pos((enum panel_key)k, &cx, &cy);
		if (inside(x, y, cx, cy))
			press(s, (enum panel_key)k, now);
	}
}

/* Keys: octal digits shift into the switches, Backspace shifts one out,
 * Delete clears them; L E D C S H are the console keys. */
static void keydown(struct sim *s, SDL_Keycode key, double now)
{
	uint32_t *sr = &s->m.sw.sr;
	if (key >= SDLK_0 && key <= SDLK_7)
		*sr = ((*sr << 3) | (uint32_t)(key - SDLK_0)) & 0777777;
	else if (key >= SDLK_KP_1 && key <= SDLK_KP_7)
		*sr = ((*sr << 3) | (uint32_t)(key - SDLK_KP_1 + 1)) & 0777777;
	else if (key == SDLK_KP_0)
		*sr = (*sr << 3) & 0777777;
	else if (key == SDLK_BACKSPACE)
		*sr >>= 3;
	else if (key == SDLK_DELETE)
		*sr = 0;
	else if (key == SDLK_l)
		press(s, KEY_LOAD, now);
	else if (key == SDLK_e)
		press(s, KEY_EXAM, now);
	else if (key == SDLK_d)
		press(s, KEY_DEP, now);
	else if (key == SDLK_c)
		press(s, KEY_CONT, now);
	else if (key == SDLK_s)
		press(s, KEY_START, now);
	else if (key == SDLK_h)
		press(s, KEY_HALT, now);
}

/* Returns false when the window was closed (s->panel is gone). */
static bool handle_events(struct sim *s, double now)
{
	SDL_Event e;
	while (sdl.SDL_PollEvent(&e)) {
		if (e.type == SDL_QUIT ||
		    (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE)) {
			panel_close(s);	/* the machine runs on */
			return false;
		}
		if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_EXPOSED)
			s->panel->redraw = true;
		else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT)
			click(s, e.button.x, e.button.y, now);
		else if (e.type == SDL_KEYDOWN && !e.key.repeat)
			keydown(s, e.key.keysym.sym, now);
	}
	return true;
}

/* ---- sampling ---- */

static void sample(struct panel *p, struct sim *s, double now)
{
	struct cpu *cpu = &s->m.cpu;
	uint32_t addr;
	uint16_t data;
	if (s->m.sw.display_writes != p->display_writes) {
		p->display_writes = s->m.sw.display_writes;
		p->display_time = now;
	}
	if (p->running) {
		addr = pc_address(cpu);
		if (now - p->display_time < DISPLAY_HOLD)
			data = s->m.sw.display;
		else if (cpu_peek(cpu, cpu->r[PC], cpu_mode(cpu), &data) != BUS_OK)
			data = 0;
	} else {
		addr = p->caddr, data = p->cdata;
	}
	for (int b = 0; b < 18; b++)
		p->on[LAMP_ADDR + b] += addr >> b & 1;
	for (int b = 0; b < 16; b++)
		p->on[LAMP_DATA + b] += data >> b & 1;
	/* PROCESSOR: the processor is bus master (running, not in WAIT);
	 * BUS: a device has the bus (the RK11's DMA); CONSOLE: halted. */
	p->on[LAMP_RUN] += p->running;
	p->on[LAMP_PROCESSOR] += p->running && !cpu->waiting;
	p->on[LAMP_CONSOLE] += !p->running;
	p->on[LAMP_BUS] += s->m.rk.xfer_unit >= 0;
	p->on[LAMP_USER] += cpu_mode(cpu) == MODE_USER;
	p->on[LAMP_VIRTUAL] += p->running && (cpu->sr0 & SR0_ENABLE);
	p->nsamples++;
}

/* Lamps move toward the share of samples that lit them, as a filament
 * heats and cools; then draw and show. */
static void frame(struct sim *s, double now, double dt)
{
	if (!handle_events(s, now))
		return;
	struct panel *p = s->panel;
	if (p->nsamples == 0)
		sample(p, s, now);
	double k = 1 - exp(-dt / GLOW_TAU);
	for (int i = 0; i < NLAMPS; i++) {
		double target = (double)p->on[i] / p->nsamples;
		p->glow[i] += (float)((target - p->glow[i]) * k);
		p->on[i] = 0;
	}
	p->nsamples = 0;
	p->last_frame = now;
	draw(p, s->m.sw.sr, now);
	present(p);
}

void panel_slice(struct sim *s, enum stop r)
{
	struct panel *p = s->panel;
	if (!p)
		return;
	bool halted = p->hold || s->m.cpu.halted || r == STOP_HALT || r == STOP_DOUBLE_BUS;
	if (halted && p->running)
		enter_console(p, s);
	p->running = !halted;
	double now = sim_wall();
	sample(p, s, now);
	if (now - p->last_frame >= FRAME)
		frame(s, now, now - p->last_frame);
}

bool panel_holds(const struct sim *s)
{
	return s->panel && s->panel->hold;
}

void panel_stop(struct sim *s)
{
	struct panel *p = s->panel;
	if (!p || s->sc.matched)
		return;	/* an expect rule stopped it: the script runs it on at once */
	if (p->running)
		enter_console(p, s);
	if (p->hold) {
		p->hold = false;	/* the monitor's `continue` must run it */
		p->halt_sw = false;
	}
	panel_frame(s, 1.0);
}

void panel_frame(struct sim *s, double dt)
{
	if (s->panel)
		frame(s, sim_wall(), dt);
}

/* ---- opening, closing, pictures ---- */

/* 0, or -1 with a one-line reason in err. The library stays loaded. */
static int sdl_load(char *err, int errsize)
{
	if (sdl.SDL_UpperBlit)
		return 0;
	void *lib = dlopen("libSDL2-2.0.so.0", RTLD_NOW);
	if (!lib) {
		snprintf(err, (size_t)errsize, "no front panel: %s", dlerror());
		return -1;
	}
	const char *missing = NULL;
#define SDL_LOOKUP(f) { \
		void *sym = dlsym(lib, #f); \
		if (!sym) \
			missing = #f; \
		memcpy(&sdl.f, &sym, sizeof sym); \
	}
	SDL_CALLS(SDL_LOOKUP)
#undef SDL_LOOKUP
	if (missing) {
		snprintf(err, (size_t)errsize, "no front panel: libSDL2-2.0.so.0 has no %s", missing);
		memset(&sdl, 0, sizeof sdl);
		dlclose(lib);
		return -1;
	}
	return 0;
}

int panel_open(struct sim *s, char *err, int errsize)
{
	if (s->panel)
		return 0;
	/* SDL would fall back to its invisible offscreen driver: only the
	 * tests (SDL_VIDEODRIVER=offscreen) want that. */
	const char *driver = getenv("SDL_VIDEODRIVER");
	if (!driver && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
		snprintf(err, (size_t)errsize, "no front panel: no display (DISPLAY is not set)");
		return -1;
	}
	if (sdl_load(err, errsize) != 0)
		return -1;
	/* the run loop's own handlers must see ^C and SIGTERM */
	sdl.SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	/* a GL texture per frame costs the machine more than a plain copy */
	sdl.SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (sdl.SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
		snprintf(err, (size_t)errsize, "no front panel: %s", sdl.SDL_GetError());
		return -1;
	}
	const char *got = sdl.SDL_GetCurrentVideoDriver();
	if (!driver && got && (strcmp(got, "offscreen") == 0 || strcmp(got, "dummy") == 0)) {
		snprintf(err, (size_t)errsize, "no front panel: no display SDL can open");
		sdl.SDL_QuitSubSystem(SDL_INIT_VIDEO);
		return -1;
	}
	struct panel *p = calloc(1, sizeof *p);
	if (p) {
		p->win = sdl.SDL_CreateWindow("PDP-11/40", SDL_WINDOWPOS_UNDEFINED,
					      SDL_WINDOWPOS_UNDEFINED, WIDTH, HEIGHT, 0);
		p->face = sdl.SDL_CreateRGBSurfaceWithFormat(0, WIDTH, HEIGHT, 32,
							     SDL_PIXELFORMAT_XRGB8888);
	}
	if (!p || !p->win || !p->face) {
		snprintf(err, (size_t)errsize, "no front panel: %s", p ? sdl.SDL_GetError() : "out of memory");
		if (p && p->win)
			sdl.SDL_DestroyWindow(p->win);
		if (p && p->face)
			sdl.SDL_FreeSurface(p->face);
		free(p);
		sdl.SDL_QuitSubSystem(SDL_INIT_VIDEO);
		return -1;
	}
	s->panel = p;
	p->last_key = -1;
	p->display_writes = s->m.sw.display_writes;
	p->display_time = -DISPLAY_HOLD;
	enter_console(p, s);
	draw_face(p->face);
	p->redraw = true;
	panel_frame(s, 1.0);
	return 0;
}

void panel_close(struct sim *s)
{
	struct panel *p = s->panel;
	if (!p)
		return;
	sdl.SDL_FreeSurface(p->face);
	sdl.SDL_DestroyWindow(p->win);
	sdl.SDL_QuitSubSystem(SDL_INIT_VIDEO);
	free(p);
	s->panel = NULL;
}

uint32_t panel_pixel(const struct sim *s, int x, int y)
{
	const SDL_Surface *f = s->panel->face;
	if (x < 0 || y < 0 || x >= f->w || y >= f->h)
		return 0;
	uint32_t px = ((const uint32_t *)((const uint8_t *)f->pixels + y * f->pitch))[x];
	return px & 0xffffff;	/* XRGB8888 */
}

static int chunk(FILE *fp, const char *type, const uint8_t *data, uint32_t len)
{
	uint8_t head[8] = { len >> 24, len >> 16 & 255, len >> 8 & 255, len & 255 };
	memcpy(head + 4, type, 4);
	uLong crc = crc32(crc32(0, NULL, 0), head + 4, 4);
	crc = crc32(crc, data, len);
	uint8_t tail[4] = { crc >> 24 & 255, crc >> 16 & 255, crc >> 8 & 255, crc & 255 };
	return fwrite(head, 8, 1, fp) == 1 && (len == 0 || fwrite(data, len, 1, fp) == 1) &&
	       fwrite(tail, 4, 1, fp) == 1 ? 0 : -1;
}

/* PNG: 8-bit RGB, filter 0 on every row, one zlib stream. */
int panel_save_png(struct sim *s, const char *path)
{
	draw(s->panel, s->m.sw.sr, sim_wall());	/* the switches may have moved at the prompt */
	const int w = WIDTH, h = HEIGHT, rowlen = 1 + 3 * WIDTH;
	uLong rawlen = (uLong)rowlen * h, zlen = compressBound(rawlen);
	uint8_t *raw = malloc(rawlen), *z = malloc(zlen);
	int rc = -1;
	if (!raw || !z) {
		errno = ENOMEM;
		goto out;
	}
	for (int y = 0; y < h; y++) {
		uint8_t *row = raw + (size_t)y * rowlen;
		row[0] = 0;
		for (int x = 0; x < w; x++) {
			uint32_t px = panel_pixel(s, x, y);
			row[1 + 3 * x] = px >> 16, row[2 + 3 * x] = px >> 8 & 255, row[3 + 3 * x] = px & 255;
		}
	}
	if (compress2(z, &zlen, raw, rawlen, 9) != Z_OK) {
		errno = EIO;
		goto out;
	}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		goto out;
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	uint8_t ihdr[13] = { 0, 0, w >> 8, w & 255, 0, 0, h >> 8, h & 255, 8, 2, 0, 0, 0 };
	rc = fwrite(sig, 8, 1, fp) == 1 && chunk(fp, "IHDR", ihdr, 13) == 0 &&
	     chunk(fp, "IDAT", z, (uint32_t)zlen) == 0 && chunk(fp, "IEND", NULL, 0) == 0 ? 0 : -1;
	if (fclose(fp) != 0)
		rc = -1;
out:
	free(raw);
	free(z);
	return rc;
}
