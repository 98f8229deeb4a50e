/*
 * json_text: strings as JSON string literals (RFC 8259), for the JSON Lines
 * datasets and datapackage.json.
 *
 * The writer does no I/O of its own: it hands runs of bytes to a sink, so
 * that the cell writer can keep them in its buffer and the descriptor
 * writer can send them to a FILE.
 */
#ifndef DDOR_EMIT_JSON_TEXT_H
#define DDOR_EMIT_JSON_TEXT_H

#include <stdio.h>

/* Takes LEN bytes of JSON text; CTX is the sink's own state. */
typedef void (*json_put)(void *ctx, const char *bytes, size_t len);

/* Writes S (NUL-terminated UTF-8; NULL as "") between double quotes,
 * escaping the quote, the backslash and every control character.  JSON
 * text must be UTF-8, so a byte that does not begin a well-formed UTF-8
 * sequence (a file name in Latin-1, say) is written as U+FFFD instead of
 * making the whole document unreadable. */
void json_string(json_put put, void *ctx, const char *s);

/* A json_put that writes to the FILE CTX; failures show in ferror(). */
void json_put_file(void *ctx, const char *bytes, size_t len);

#endif
