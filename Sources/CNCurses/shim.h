// Wide-character curses: the cchar_t API needs the X/Open extended definitions.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

// Macros Swift cannot import, as functions.
static inline WINDOW *kiosk_screen(void) { return stdscr; }
static inline attr_t kiosk_pair(short n) { return COLOR_PAIR(n); }
static inline attr_t kiosk_bold(void) { return A_BOLD; }
static inline attr_t kiosk_reverse(void) { return A_REVERSE; }
static inline int kiosk_key_f(int n) { return KEY_F(n); }

// The terminal's size now, as the kernel knows it (ncurses learns of a resize later).
static inline int kiosk_window_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}
