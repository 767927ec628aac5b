/* A text field editor as pure functions: no terminal, no curses. The interface turns keys into
 * editor operations (fe_op) and draws what fe_visible_slice() and fe_view() describe.
 *
 * The text is UTF-8, NFC, without control characters. A "character" is what a person sees as one
 * (a grapheme cluster: "ễ", "👍🏽", "🇻🇳", a base letter with a mark that has no precomposed form);
 * the cursor always sits between two characters, so no operation ever removes half of one. Every
 * character has an index entry {byte offset, display column, width}; widths come from utf8proc
 * (Vietnamese letters 1, CJK and most emoji 2, combining marks 0).
 *
 * Single-line fields scroll horizontally; multi-line (memo) fields wrap at word boundaries and
 * scroll vertically. The view size is set with fe_set_view(); every operation keeps the cursor in
 * view. */
#ifndef XASO_FIELD_EDITOR_H
#define XASO_FIELD_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct field_editor field_editor;

/* What a key asks the editor to do. Suggested keys in comments; the key map lives in src/tui/. */
typedef enum {
    FE_INSERT,           /* insert the text argument at the cursor (typing, pasting)         */
    FE_BACKSPACE,        /* delete the character before the cursor            Backspace      */
    FE_DELETE,           /* delete the character under the cursor             Delete, Ctrl-D */
    FE_LEFT,             /* one character left                                ←, Ctrl-B      */
    FE_RIGHT,            /* one character right                               →, Ctrl-F      */
    FE_WORD_LEFT,        /* to the start of this or the previous word         Ctrl-←         */
    FE_WORD_RIGHT,       /* to the start of the next word                     Ctrl-→         */
    FE_HOME,             /* to the start of the line (up to the previous '\n') Home, Ctrl-A  */
    FE_END,              /* to the end of the line (up to the next '\n')      End, Ctrl-E    */
    FE_TEXT_START,       /* to the start of the text                          Ctrl-Home      */
    FE_TEXT_END,         /* to the end of the text                            Ctrl-End       */
    FE_KILL_TO_END,      /* delete to the end of the line (at its end: join the next) Ctrl-K */
    FE_KILL_TO_START,    /* delete to the start of the line (at its start: join) Ctrl-U      */
    FE_DELETE_WORD_BACK, /* delete back to the start of the word              Ctrl-W         */
    FE_NEWLINE,          /* break the line (multi-line only)                  Enter in a memo */
    FE_UP,               /* one display row up (multi-line only)              ↑              */
    FE_DOWN              /* one display row down (multi-line only)            ↓              */
} fe_op;

/* What an operation did. */
typedef enum {
    FE_CHANGED,   /* the text changed (the cursor may have moved too)                          */
    FE_MOVED,     /* only the cursor moved                                                     */
    FE_UNCHANGED, /* nothing to do here: at a boundary, or the operation does not apply (FE_UP
                     on the first row, FE_NEWLINE in a single-line field). The interface may
                     beep, or move to another field.                                            */
    FE_FULL,      /* the maximum length was reached: the text was inserted only in part, or not
                     at all                                                                      */
    FE_INVALID    /* the inserted text was not valid UTF-8: nothing was inserted               */
} fe_outcome;

/* One character of the index. */
typedef struct {
    size_t byte;  /* offset of its first byte in fe_text()                                   */
    size_t col;   /* display column where it starts, counted from the start of its line      */
    size_t width; /* display columns (0 for a newline)                                       */
} fe_char;

/* A new, empty editor. max_chars limits the length in characters (0 = no limit). In a
 * single-line field line breaks and tabs become spaces; in a multi-line field tabs become
 * spaces and "\r\n" or "\r" become "\n". */
field_editor *fe_new(bool multiline, size_t max_chars);
void fe_free(field_editor *ed);

/* Load text (a stored value): cleaned like typed input (NFC, control characters dropped) but
 * never cut to the maximum length, so nothing stored is lost; form validation reports it as
 * too long. The loaded text is the baseline of fe_changed(); the cursor goes to the end.
 * NULL loads "". Returns FE_INVALID (and loads "") when text is not valid UTF-8, else
 * FE_CHANGED. */
fe_outcome fe_set_text(field_editor *ed, const char *text);
/* The text (NFC UTF-8, NUL-terminated); valid until the next change. */
const char *fe_text(const field_editor *ed);
/* True when the text differs from what was last loaded (or marked saved). */
bool fe_changed(const field_editor *ed);
/* The current text becomes the baseline (call after saving it). */
void fe_mark_saved(field_editor *ed);
/* Back to the baseline text (Esc). */
fe_outcome fe_revert(field_editor *ed);

/* Apply one operation. text is used by FE_INSERT only (NULL elsewhere). */
fe_outcome fe_apply(field_editor *ed, fe_op op, const char *text);

bool fe_multiline(const field_editor *ed);
size_t fe_max_chars(const field_editor *ed);
/* Length in characters, and the character index of the cursor (0 … length). */
size_t fe_length(const field_editor *ed);
size_t fe_cursor(const field_editor *ed);
/* Move the cursor to character index (clamped to 0 … length). */
void fe_set_cursor(field_editor *ed, size_t index);
/* Index entry i (0 … length; entry [length] is the end: byte = strlen, width 0). */
fe_char fe_char_at(const field_editor *ed, size_t i);

/* ---------- display ---------- */

/* The size of the field on screen. width 0 = unknown (no scrolling, no wrapping); height is
 * used by multi-line fields only (0 = as many rows as there are). The scroll offsets are
 * adjusted so that the cursor stays visible. */
void fe_set_view(field_editor *ed, size_t width, size_t height);

/* Where the view is, and where to put the terminal cursor. */
typedef struct {
    size_t scroll_col;            /* single-line: first visible column of the text       */
    size_t top_row;               /* multi-line: first visible display row               */
    size_t rows;                  /* multi-line: display rows of the wrapped text (≥ 1)   */
    bool more_above, more_below;  /* multi-line: rows hidden above / below the view       */
    bool more_left, more_right;   /* single-line: text hidden beyond the left / right edge */
    size_t cursor_row, cursor_col; /* cursor position inside the view (0-based)          */
} fe_view_info;
void fe_view(const field_editor *ed, fe_view_info *out);

/* What to draw on one screen row of the view (row 0 … height-1). Draw pad_left blanks, then
 * fe_text()[byte_start, byte_end) (cols columns; never part of a character), then blanks to the
 * width. Returns false (and an empty slice) for a row below the text. The scroll markers are
 * the caller's to draw (for instance on the field's brackets); the slice uses the whole width. */
typedef struct {
    size_t byte_start, byte_end;
    size_t pad_left; /* blank columns where a wide character is cut by the left edge */
    size_t cols;
    bool more_left, more_right; /* single-line: text hidden to the left / right of this row */
} fe_slice;
bool fe_visible_slice(const field_editor *ed, size_t screen_row, fe_slice *out);

/* ---------- helpers for other text on screen ---------- */

/* Characters (grapheme clusters) in valid UTF-8 text; what max_chars counts. */
size_t fe_count_chars(const char *text);

/* Word-wrap text for display at width columns, as a memo field shows it: rows break after a
 * space where possible, inside a word only when it is longer than a row, and at every '\n'.
 * Returns the number of rows (at least 1 for valid text, 0 for invalid UTF-8) and, when rows
 * is not NULL, a malloc'd array of byte ranges (end excludes the newline). */
typedef struct {
    size_t byte_start, byte_end, cols;
} fe_row;
size_t fe_wrap(const char *text, size_t width, fe_row **rows);

#endif
