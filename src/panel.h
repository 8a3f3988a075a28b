/* The PDP-11/40 programmer's console (KY11-D) in an SDL2 window: lights,
 * switch register and keys. The machine knows nothing of it: the run loop
 * calls panel_slice between slices, and the panel samples what it shows
 * (the PC's bus address, the display register) instead of tracing. */
#ifndef PANEL_H
#define PANEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"

struct sim;

/* Lights, as numbered for panel_lamp_pos. */
enum {
	LAMP_ADDR = 0,          /* + bit, 0..17 */
	LAMP_DATA = 18,         /* + bit, 0..15 */
	LAMP_RUN = 34, LAMP_BUS, LAMP_USER, LAMP_PROCESSOR, LAMP_CONSOLE, LAMP_VIRTUAL,
	NLAMPS
};

/* The control keys, left to right as on the console. */
enum panel_key { KEY_LOAD, KEY_EXAM, KEY_CONT, KEY_HALT, KEY_START, KEY_DEP, NKEYS };

#ifdef PDP1140_PANEL

/* Open the window into s->panel. -1 with a one-line reason in err (no
 * display, no SDL video driver); the machine does not need the panel. */
int panel_open(struct sim *s, char *err, int errsize);
void panel_close(struct sim *s);

/* Between slices of the run loop; r is what the slice ended with. Samples
 * the machine, and at most 60 times a second draws and reads the mouse and
 * keys (which may close the panel: s->panel becomes NULL). */
void panel_slice(struct sim *s, enum stop r);
/* The console holds the machine halted (ENABLE/HALT was set to HALT):
 * the run loop runs no instructions but goes on polling. */
bool panel_holds(const struct sim *s);
/* sim_run is returning to the monitor: show the halted machine, and give
 * the monitor the machine (a HALT hold is released). */
void panel_stop(struct sim *s);

/* Save the panel as drawn last to a PNG file: 0, or -1 (errno set). */
int panel_save_png(struct sim *s, const char *path);

/* Layout, for tests and for anyone driving the panel with SDL events:
 * the centre of a light, switch (bit 0..17) or key. */
void panel_lamp_pos(int lamp, int *x, int *y);
void panel_switch_pos(int bit, int *x, int *y);
void panel_key_pos(enum panel_key k, int *x, int *y);
/* A pixel of the panel as drawn last, 0xRRGGBB. */
uint32_t panel_pixel(const struct sim *s, int x, int y);
/* Draw now as if `dt` seconds had passed since the last frame (tests: a
 * long dt lets the lamps settle). Handles pending input first. */
void panel_frame(struct sim *s, double dt);

#else /* built with -DPANEL=OFF */

static inline int panel_open(struct sim *s, char *err, int errsize)
{
	(void)s;
	snprintf(err, (size_t)errsize, "this pdp1140 was built without the front panel (PANEL=OFF)");
	return -1;
}
static inline void panel_close(struct sim *s) { (void)s; }
static inline void panel_slice(struct sim *s, enum stop r) { (void)s, (void)r; }
static inline bool panel_holds(const struct sim *s) { (void)s; return false; }
static inline void panel_stop(struct sim *s) { (void)s; }

#endif
#endif
