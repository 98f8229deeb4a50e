/*
 * A strict JSON reader (RFC 8259) for the tests: it accepts only what the
 * grammar allows, so that a test reading our output with it also proves
 * the output is JSON.  Refused: trailing commas, bare control characters
 * in strings, malformed escapes or UTF-8, lone surrogates, leading zeros,
 * duplicate keys in an object, anything after the value.
 */
#ifndef DDOR_TEST_JSON_READER_H
#define DDOR_TEST_JSON_READER_H

#include <stddef.h>

typedef enum { JV_NULL, JV_FALSE, JV_TRUE, JV_NUMBER, JV_STRING, JV_ARRAY,
               JV_OBJECT } jv_type;

typedef struct jv {
    jv_type type;
    char *text;               /* NUMBER: as written; STRING: decoded UTF-8 */
    size_t len;               /* of text (a string may hold U+0000) */
    struct jv *items;         /* ARRAY elements, OBJECT values */
    char **keys;              /* OBJECT keys, in order */
    size_t n;
} jv;

/* Parses LEN bytes at TEXT as one JSON value into *OUT.  Returns 0, or -1
 * with a reason and byte offset in WHY (SIZE bytes); *OUT is then empty. */
int jv_parse(const char *text, size_t len, jv *out, char *why, size_t size);

void jv_free(jv *v);

/* The member KEY of object V, or NULL. */
const jv *jv_get(const jv *v, const char *key);

/* The string of member KEY of object V, or NULL when absent or no string. */
const char *jv_string(const jv *v, const char *key);

#endif
