#include "CNCurses.h"

WINDOW *cadesk_stdscr(void) { return stdscr; }
int cadesk_lines(void) { return LINES; }
int cadesk_cols(void) { return COLS; }
