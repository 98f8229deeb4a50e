/*
 * line_escape: text shown on one line of standard error, whatever bytes it
 * holds.  File names are bytes chosen by whoever named the file: a newline
 * in one would split a diagnostic in two (and forge the second), an escape
 * sequence would drive the terminal, and a byte that is not UTF-8 shows as
 * garbage or not at all.  So every such byte is written as a C escape:
 *
 *   newline, tab, carriage return    \n  \t  \r
 *   any other C0 control, DEL        \xHH  (\x1b for escape, \x7f)
 *   a C1 control (U+0080 to U+009F)  its two bytes, \xc2\x80 to \xc2\x9f
 *   a byte that does not begin a     \xHH  (\xff)
 *   well-formed UTF-8 character
 *
 * HH is two lowercase hex digits; everything else, well-formed UTF-8
 * included, is written as it is.  A backslash is not doubled: the line is
 * for people, who read "C:\reports" better as it is than as "C:\\reports",
 * and that keeps escaping idempotent (escaped text is never escaped
 * twice over).  The cost: a name that holds a backslash followed by "n"
 * reads like one that holds a newline.
 */
#ifndef DDOR_CLI_LINE_ESCAPE_H
#define DDOR_CLI_LINE_ESCAPE_H

#include <stddef.h>

/* Writes TEXT (NULL as "") escaped to OUT, at most SIZE bytes with the
 * terminating NUL, never splitting an escape or a character; returns the
 * length the whole escaped text has (as snprintf does, so that a result
 * >= SIZE means it was cut).  OUT may be NULL when SIZE is 0. */
size_t line_escape(char *out, size_t size, const char *text);

#endif
