/*
 * utf8_clean: text that must be UTF-8 (the datasets, report ids) made so.
 *
 * File names are bytes: a name in Latin-1, or one cut in the middle of a
 * character, is not UTF-8, and one such byte would make a whole CSV or
 * JSON file unreadable to a strict reader.  Well-formed is as RFC 3629
 * says: no overlong form, no surrogate (U+D800 to U+DFFF), nothing beyond
 * U+10FFFF, no sequence cut short.
 */
#ifndef DDOR_EMIT_UTF8_CLEAN_H
#define DDOR_EMIT_UTF8_CLEAN_H

#include <stddef.h>

/* U+FFFD REPLACEMENT CHARACTER, in UTF-8. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* The length (1 to 4) of the well-formed UTF-8 character that S starts
 * with, or 0 when the bytes there are not one.  S points into a
 * NUL-terminated string: a NUL fails every continuation test, so nothing
 * past its end is read (S itself at the NUL gives 1). */
size_t utf8_sequence_length(const char *s);

/* When S starts with a control character, its length: 1 for C0 (U+0000
 * to U+001F) and DEL, 2 for C1 (U+0080 to U+009F, which some terminals
 * obey as well); else 0.  S must not be at the end of its string. */
size_t utf8_control_length(const char *s);

/* Whether S (NUL-terminated; NULL as "") is well-formed UTF-8. */
int utf8_is_valid(const char *s);

/* A malloc'd copy of S (NULL as "") in which every byte that does not
 * begin a well-formed character is replaced by U+FFFD, one U+FFFD a byte;
 * well-formed text comes back unchanged.  NULL when out of memory. */
char *utf8_clean(const char *s);

#endif
