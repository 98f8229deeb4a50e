/*
 * JSON string literals: escapes and UTF-8 checking.
 *
 * Bytes that need no escape are handed to the sink in runs, not one by
 * one: most cells are plain text and go out in a single call.
 */
#include <string.h>
#include "json_text.h"
#include "utf8_clean.h"

/* The escape for the ASCII byte C, or NULL when it goes out as it is. */
static const char *escape_of(unsigned char c, char buf[8])
{
    switch (c) {
    case '"':  return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default:
        if (c >= 0x20 && c != 0x7F)
            return NULL;
        snprintf(buf, 8, "\\u%04x", c);
        return buf;
    }
}

void json_string(json_put put, void *ctx, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *run = p;   /* the bytes not yet handed on */
    put(ctx, "\"", 1);
    while (*p) {
        char buf[8];
        const char *esc = NULL;
        size_t len = utf8_sequence_length((const char *)p);
        if (len == 0)
            esc = "\\ufffd";
        else if (len == 1)
            esc = escape_of(*p, buf);
        if (!esc) {
            p += len;
            continue;
        }
        if (p > run)
            put(ctx, (const char *)run, (size_t)(p - run));
        put(ctx, esc, strlen(esc));
        p += len ? len : 1;
        run = p;
    }
    if (p > run)
        put(ctx, (const char *)run, (size_t)(p - run));
    put(ctx, "\"", 1);
}

void json_put_file(void *ctx, const char *bytes, size_t len)
{
    fwrite(bytes, 1, len, (FILE *)ctx);
}
