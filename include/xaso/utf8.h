/* UTF-8 text: validation, NFC, display width, folding for search and matching. */
#ifndef XASO_UTF8_H
#define XASO_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). On failure *bad_offset
 * (if not NULL) gets the byte offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* A new NFC-normalised copy of s (malloc'd), or NULL when s is not valid UTF-8. */
char *utf8_nfc(const char *s);

/* A new folded copy for matching (malloc'd): NFC, lower case, every tone and vowel mark removed and
 * đ/Đ → d, runs of white space collapsed to one space, trimmed. "Chuyển ĐỔI  số" → "chuyen doi so".
 * NULL when s is not valid UTF-8. */
char *utf8_fold(const char *s);

/* Display width in terminal columns of valid UTF-8 s (control characters count 0). */
size_t utf8_width(const char *s);

/* Length of the UTF-8 sequence starting at s (1..4), 1 for an invalid lead byte. */
size_t utf8_seq_len(const char *s);

/* A new copy of s (malloc'd) in which every control character (C0, DEL, C1) other than '\n' and
 * '\t' is removed; NULL on allocation failure. Text that came from files is data. */
char *utf8_strip_controls(const char *s);

#endif
