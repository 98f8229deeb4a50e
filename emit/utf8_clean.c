/* Well-formed UTF-8, and the repair of what is not; see utf8_clean.h. */
#include <stdlib.h>
#include <string.h>
#include "utf8_clean.h"

size_t utf8_sequence_length(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    if (s[0] < 0x80)
        return 1;
    /* 0xC0 and 0xC1 could only start an overlong two-byte form. */
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    /* The second byte's range rules out the overlong three-byte forms
     * (after 0xE0) and the surrogates (after 0xED). */
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned char lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = s[0] == 0xED ? 0x9F : 0xBF;
        if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    /* Likewise the overlong four-byte forms (after 0xF0) and everything
     * beyond U+10FFFF (after 0xF4; 0xF5 and up start nothing). */
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        unsigned char lo = s[0] == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = s[0] == 0xF4 ? 0x8F : 0xBF;
        if (s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

size_t utf8_control_length(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    if (s[0] < 0x20 || s[0] == 0x7F)
        return 1;
    if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    return 0;
}

int utf8_is_valid(const char *s)
{
    for (s = s ? s : ""; *s; ) {
        size_t len = utf8_sequence_length(s);
        if (len == 0)
            return 0;
        s += len;
    }
    return 1;
}

char *utf8_clean(const char *s)
{
    s = s ? s : "";
    /* At worst every byte grows to the three of U+FFFD. */
    size_t size = strlen(s) * 3 + 1;
    char *out = malloc(size);
    if (!out)
        return NULL;
    char *o = out;
    while (*s) {
        size_t len = utf8_sequence_length(s);
        if (len == 0) {
            memcpy(o, UTF8_REPLACEMENT, 3);
            o += 3;
            s++;
        } else {
            memcpy(o, s, len);
            o += len;
            s += len;
        }
    }
    *o = '\0';
    return out;
}
