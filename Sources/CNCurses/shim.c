// wcwidth and nl_langinfo are X/Open: ask glibc for them before any header.
#define _GNU_SOURCE
#include "CNCurses.h"
#include <signal.h>
#include <pthread.h>
#include <unistd.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <langinfo.h>

WINDOW *cadesk_stdscr(void) { return stdscr; }
int cadesk_lines(void) { return LINES; }
int cadesk_cols(void) { return COLS; }

attr_t cadesk_attributes(int bold, int reverse, int underline, int dim) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (reverse) a |= A_REVERSE;
    if (underline) a |= A_UNDERLINE;
    if (dim) a |= A_DIM;
    return a;
}

int cadesk_key_f(int n) { return KEY_F(n); }

int cadesk_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

static SCREEN *cadesk_screen = NULL;
static int cadesk_atexit_registered = 0;

static void cadesk_stop_at_exit(void) { cadesk_stop(); }

int cadesk_start(int want_color, int *has_color) {
    if (cadesk_screen != NULL) return 0;
    setlocale(LC_ALL, "");
    // Case text is UTF-8 (names, CJK, accents). With no UTF-8 locale in the environment
    // (LANG unset under cron or a bare ssh), ncursesw would mangle it: use C.UTF-8 for characters.
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
    cadesk_screen = newterm(NULL, stdout, stdin);
    if (cadesk_screen == NULL) return -1;
    set_term(cadesk_screen);
    if (!cadesk_atexit_registered) {
        atexit(cadesk_stop_at_exit);
        cadesk_atexit_registered = 1;
    }
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    leaveok(stdscr, FALSE);
    scrollok(stdscr, FALSE);
    *has_color = 0;
    if (want_color && has_colors()) {
        start_color();
        use_default_colors();
        *has_color = 1;
    }
    curs_set(0);
    return 0;
}

void cadesk_stop(void) {
    if (cadesk_screen == NULL) return;
    if (!isendwin()) {
        curs_set(1);
        endwin();
    }
    delscreen(cadesk_screen);
    cadesk_screen = NULL;
}

void cadesk_define_pair(short pair, short fg, short bg) { init_pair(pair, fg, bg); }

int cadesk_put(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddnwstr(y, x, s, n);
}

static volatile sig_atomic_t cadesk_signal;  // defined with the signal handlers below

int cadesk_read(int ms, unsigned int *out) {
    wint_t ch = 0;
    wtimeout(stdscr, ms);
    int r = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    if (r == ERR && cadesk_signal == 0) {
        // ERR is usually the timeout; but a terminal that went away without a SIGHUP also reads
        // as ERR at once, every time, and the loop would spin. Report it as a hang-up.
        struct pollfd fd = { .fd = 0, .events = POLLIN };
        if (poll(&fd, 1, 0) == 1 && (fd.revents & (POLLHUP | POLLERR | POLLNVAL))) cadesk_signal = SIGHUP;
    }
    return r;
}

int cadesk_mouse(int on) {
    if (cadesk_screen == NULL) return -1;
    if (!on) { mousemask(0, NULL); return 0; }
    mouseinterval(0);  // a press at once: no wait to tell a click from a double click
    mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    return mousemask(want, NULL) == 0 ? -1 : 0;
}

int cadesk_mouse_event(int *y, int *x) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *y = e.y;
    *x = e.x;
    if (e.bstate & BUTTON4_PRESSED) return 2;
    if (e.bstate & BUTTON5_PRESSED) return 3;
    if (e.bstate & BUTTON1_PRESSED) return 1;
    return 0;
}

void cadesk_suspend(void) {
    if (cadesk_screen == NULL) return;
    def_prog_mode();
    endwin();
    signal(SIGTSTP, SIG_DFL);
    kill(0, SIGTSTP);  // stops here until the shell's fg sends SIGCONT
    reset_prog_mode();
    clearok(stdscr, TRUE);
    wrefresh(stdscr);
}

static volatile sig_atomic_t cadesk_signal = 0;

static void cadesk_on_signal(int sig) { cadesk_signal = sig; }

void cadesk_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cadesk_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a pending read returns so the loop sees the flag
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    // If the loop's thread blocks them (a thread pool, a test runner), let them in here too.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int cadesk_pending_signal(void) { return (int)cadesk_signal; }

void cadesk_reraise(int sig) {
    // The loop may run on a thread that blocks the signal (test runners, thread pools):
    // unblock it here and send it to the whole process so the default action really happens.
    sigset_t set;
    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    raise(sig);
    _exit(128 + sig);
}
