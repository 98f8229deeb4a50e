/* Text escaped to one line; see line_escape.h. */
#include <stdio.h>
#include <string.h>
#include "../emit/utf8_clean.h"
#include "line_escape.h"

/* The escape of the control or stray byte C (at most 4 bytes and NUL). */
static void byte_escape(unsigned char c, char buf[5])
{
    switch (c) {
    case '\n': strcpy(buf, "\\n"); break;
    case '\t': strcpy(buf, "\\t"); break;
    case '\r': strcpy(buf, "\\r"); break;
    default:   snprintf(buf, 5, "\\x%02x", c);
    }
}

size_t line_escape(char *out, size_t size, const char *text)
{
    size_t need = 0;          /* the length of the whole escaped text */
    size_t written = 0;       /* what went into OUT, whole pieces only */
    for (const char *s = text ? text : ""; *s; ) {
        char buf[9];          /* room for a C1 control's two escapes */
        const char *piece = s;
        size_t len = utf8_sequence_length(s);
        size_t control = utf8_control_length(s);
        size_t plen = len;
        if (len == 0 || control) {
            len = control ? control : 1;
            byte_escape((unsigned char)s[0], buf);
            if (len == 2)
                byte_escape((unsigned char)s[1], buf + strlen(buf));
            piece = buf;
            plen = strlen(buf);
        }
        /* Once a piece does not fit, nothing after it goes in either. */
        if (written == need && need + plen < size) {
            memcpy(out + written, piece, plen);
            written += plen;
        }
        need += plen;
        s += len;
    }
    if (size > 0)
        out[written] = '\0';
    return need;
}
