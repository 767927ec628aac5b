/* libFuzzer target: the field editor fed key sequences. Byte 0 chooses single or multi-line and
 * the length limit; then each byte is one operation (FE_INSERT takes the next few bytes as text,
 * valid UTF-8 or not), with the view size changed now and then. After every step the editor's
 * invariants hold: the text is valid UTF-8, within its limit, the cursor on a character
 * boundary, a single-line text has no line break, and every visible slice lies inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/field_editor.h"
#include "xaso/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const field_editor *ed, size_t height)
{
    const char *t = fe_text(ed);
    size_t len = strlen(t);
    if (!utf8_valid(t, len, NULL))
        abort();
    size_t n = fe_length(ed);
    if (fe_max_chars(ed) && n > fe_max_chars(ed))
        abort();
    if (fe_cursor(ed) > n)
        abort();
    if (!fe_multiline(ed) && strchr(t, '\n'))
        abort();
    if (fe_cursor(ed) < n && fe_char_at(ed, fe_cursor(ed)).byte >= len)
        abort();
    fe_view_info v;
    fe_view(ed, &v);
    for (size_t row = 0; row < (height ? height : 1); row++) {
        fe_slice sl;
        if (fe_visible_slice(ed, row, &sl) && (sl.byte_start > sl.byte_end || sl.byte_end > len))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool multiline = data[0] & 1;
    size_t max = (data[0] >> 1) & 0x3f;
    field_editor *ed = fe_new(multiline, max);
    size_t width = 0, height = 0;
    for (size_t i = 1; i < size; i++) {
        uint8_t b = data[i];
        if (b >= 0xf0 && i + 2 < size) { /* resize */
            width = data[++i] % 40;
            height = data[++i] % 8;
            fe_set_view(ed, width, height);
        } else if (b >= 0xe0) {
            fe_set_cursor(ed, (size_t)(b & 0x0f));
        } else if (b >= 0xd0) {
            if (b & 1)
                fe_mark_saved(ed);
            else
                fe_revert(ed);
        } else {
            fe_op op = (fe_op)(b % (FE_DOWN + 1));
            char text[9] = {0};
            if (op == FE_INSERT) {
                size_t k = 0;
                while (k < 8 && i + 1 < size && data[i + 1] != 0xff)
                    text[k++] = (char)data[++i];
                if (i + 1 < size && data[i + 1] == 0xff)
                    i++;
            }
            fe_apply(ed, op, op == FE_INSERT ? text : NULL);
        }
        check(ed, height);
    }
    fe_free(ed);
    return 0;
}
