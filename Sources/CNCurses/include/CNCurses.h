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

// Function-like macros (COLOR_PAIR, A_BOLD, KEY_F) do not import into Swift.
attr_t cadesk_attributes(int bold, int reverse, int underline, int dim);
int cadesk_key_f(int n);
// wcwidth under the locale curses runs in (what ncurses measures with).
int cadesk_wcwidth(unsigned int c);

// Starts curses on the controlling terminal (newterm, so a missing terminal is an error to
// report rather than an exit): locale from the environment, raw, noecho, keypad, short ESCDELAY,
// colours with the terminal's default background when available. Returns 0 or -1.
int cadesk_start(int want_color, int *has_color);
// Leaves curses (endwin) if it is active. Safe to call more than once and at exit.
void cadesk_stop(void);
// Ctrl-Z: leaves curses, stops the process group as the shell expects, and comes back
// (raw mode turns Ctrl-Z into a key, so this is done on purpose rather than by the tty).
void cadesk_suspend(void);
// The mouse (as htop and mutt offer it): the first button and the wheel, reported as
// KEY_MOUSE. `on` 0 turns it off (the terminal keeps its own selection). Returns 0 or -1.
int cadesk_mouse(int on);
// After KEY_MOUSE: 1 a press of the first button, 2 wheel up, 3 wheel down, 0 anything else;
// the cell in *y, *x.
int cadesk_mouse_event(int *y, int *x);
// Defines colour pair `pair` (1…); -1 means the terminal's default colour.
void cadesk_define_pair(short pair, short fg, short bg);
// Writes `n` wide characters (one grapheme) at (y, x) with attributes and colour pair.
int cadesk_put(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair);
// Reads one key: returns OK, KEY_CODE_YES or ERR; waits at most `ms` (negative: forever).
// A hung-up terminal is reported as a pending SIGHUP (see cadesk_pending_signal).
int cadesk_read(int ms, unsigned int *out);

// SIGTERM, SIGINT, SIGHUP (and SIGQUIT) only record the signal; the run loop restores the
// terminal and then re-raises it with the default action.
void cadesk_install_signal_handlers(void);
int cadesk_pending_signal(void);
void cadesk_reraise(int sig);

#endif
