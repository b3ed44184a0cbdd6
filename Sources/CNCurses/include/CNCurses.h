#ifndef CNCURSES_H
#define CNCURSES_H
// ncursesw with wide-character functions (add_wch, get_wch, wcwidth).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals such as stdscr, LINES and COLS are mutable C globals: Swift 6's strict concurrency
// refuses to read them directly, so they are handed out through these functions.
WINDOW *cadesk_stdscr(void);
int cadesk_lines(void);
int cadesk_cols(void);

#endif
