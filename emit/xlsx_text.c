/*
 * The text of a string cell (xlsx.h): the value of the CSV, in the form
 * the workbook's XML needs, and its length.
 *
 * A cell's text is an ST_Xstring (ECMA-376 Part 1, 22.9.2.19), in which
 * "_xHHHH_" (four hex digits) stands for the character U+HHHH: that is how
 * characters XML cannot hold, such as U+0001, are written, and
 * libxlsxwriter writes the control characters so.  It leaves alone a
 * value that already holds such a sequence, and Excel would then show
 * "A" for a file named "_x0041_.pdf"; so the underscore that starts one
 * is itself escaped here, as _x005F_, and the value reads as it is.
 *
 * Text that is not UTF-8 is cleaned first, as the CSV cleans it, so that
 * every format holds the same value; libxlsxwriter 1.1.4 takes UTF-8 for
 * granted, and given a stray byte it never returns.
 *
 * U+FFFE and U+FFFF are well-formed UTF-8 that XML does not allow at all:
 * written as they are, they would make the whole sheet unreadable.  They
 * are escaped too (_xFFFE_, _xFFFF_).
 */
#include <stdlib.h>
#include <string.h>
#include "utf8_clean.h"
#include "xlsx.h"

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Does S start with "_xHHHH_", which a reader takes for an escape? */
static int looks_escaped(const char *s)
{
    return s[0] == '_' && s[1] == 'x' && is_hex(s[2]) && is_hex(s[3]) &&
           is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

/* U+FFFE or U+FFFF, which XML does not allow, at S (3 bytes)? */
static int not_xml(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[0] == 0xEF && u[1] == 0xBF && (u[2] == 0xBE || u[2] == 0xBF);
}

/* S (well-formed UTF-8) with each escape-like sequence and each U+FFFE,
 * U+FFFF escaped; NULL when out of memory. */
static char *escape(const char *s)
{
    /* The worst growth: three bytes of U+FFFF become the seven of
     * "_xFFFF_"; "_x0000_" grows by six bytes, less than its seven. */
    char *out = malloc(strlen(s) * 7 / 3 + 8);
    if (!out)
        return NULL;
    char *o = out;
    while (*s) {
        if (looks_escaped(s)) {
            memcpy(o, "_x005F_", 7);
            o += 7;
            s++;              /* the rest, "xHHHH_", is plain text now */
        } else if (not_xml(s)) {
            memcpy(o, s[2] == '\xBE' ? "_xFFFE_" : "_xFFFF_", 7);
            o += 7;
            s += 3;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

const char *xlsx_cell_text(const char *text, char **copy, size_t *chars, size_t *units)
{
    *copy = NULL;
    const char *s = text;
    size_t nchars, nunits;
    int escapes;
    /* One pass measures the text and finds what needs escaping; a stray
     * byte stops it, and the text cleaned is measured again (once: what
     * utf8_clean gives is UTF-8). */
    for (;;) {
        const char *p = s;
        size_t len;
        nchars = nunits = 0;
        escapes = 0;
        while (*p && (len = utf8_sequence_length(p)) > 0) {
            if (*p == '_')
                escapes |= looks_escaped(p);
            else if (len == 3)
                escapes |= not_xml(p);
            nchars++;
            nunits += len == 4 ? 2 : 1;   /* beyond U+FFFF: a surrogate pair */
            p += len;
        }
        if (!*p)
            break;
        /* The same U+FFFD for each stray byte as in the CSV. */
        if (*copy || !(*copy = utf8_clean(s)))
            return NULL;
        s = *copy;
    }
    *chars = nchars;
    *units = nunits;
    if (!escapes)
        return s;
    char *escaped = escape(s);
    free(*copy);
    *copy = escaped;
    return escaped;
}
