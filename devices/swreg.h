/* The console switch register (read) and display register (write) at 777570. */
#ifndef SWREG_H
#define SWREG_H

#include <stdint.h>

#include "bus/unibus.h"

enum { SWR_ADDR = 0777570 };

struct swreg {
	struct device dev;
	uint32_t sr;            /* 18 switches; the bus reads the low 16 */
	uint16_t display;       /* last value the program wrote */
	uint64_t display_writes;
};

void swreg_init(struct swreg *sw, struct unibus *bus);
struct state;
void swreg_save(const struct swreg *sw, struct state *st);
void swreg_load(struct swreg *sw, struct state *st);

#endif
