/*
 * Walking the words of a cell's or a header's text: runs of characters
 * between spaces, the texts being normalised to single spaces already.
 */
#include "internal.h"

const char *word_next(const char **at, size_t *len)
{
    const char *t = *at;
    while (*t == ' ')
        t++;
    const char *end = t;
    while (*end && *end != ' ')
        end++;
    *at = end;
    *len = (size_t)(end - t);
    return *len ? t : NULL;
}
