/*
 * The simplest cell recognizers (white space, integers) and the cleanup of
 * everything the recognizers keep (compiled patterns, name indexes).
 * Not thread-safe: see cells_internal.h.
 */
#include <limits.h>
#include <string.h>
#include "cells.h"
#include "cells_internal.h"
#include "internal.h"
#include "regex.h"

/* ASCII white space, or the two bytes of U+00A0 (no-break space, which
 * office software puts between "Feb." and "1"): returns its length. */
static size_t space_at(const char *s)
{
    switch (*s) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
        return 1;
    case '\xC2':
        return s[1] == '\xA0' ? 2 : 0;
    default:
        return 0;
    }
}

void cells_squeeze(char *text)
{
    char *w = text;
    const char *r = text;
    int pending = 0;

    if (text == NULL)
        return;
    while (*r) {
        size_t n = space_at(r);
        if (n) {
            pending = w != text;      /* no space before the first word */
            r += n;
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = 0;
        *w++ = *r++;
    }
    *w = '\0';
}

/* "3083" or "3,083": groups of three digits after the first separator.
 * [0-9], not \d, which takes any script's digits under Unicode rules. */
#define INTEGER "^\\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\\s*$"
static regex *integer;

int cells_integer(const char *text, long *out)
{
    long v = 0;

    if (text == NULL
        || !regex_match(regex_get(&integer, INTEGER, 0), text, strlen(text), NULL, 0))
        return 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        int d = *p - '0';
        if (v > (LONG_MAX - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

/* Frees every compiled pattern of the process (the regex.h list is shared
 * with the rest of the parser, whose patterns simply compile again on next
 * use), the name indexes and the header texts remembered. */
void cells_cleanup(void)
{
    regex_cleanup();
    cells_countries_cleanup();
    cells_states_cleanup();
    headers_cleanup();
}
