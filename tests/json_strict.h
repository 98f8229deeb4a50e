/*
 * JSON for the tests, read with json-glib: a reader independent of the
 * program's writer, so that a test reading our output proves it is JSON
 * that others read as we meant it.
 *
 * json-glib 1.6 (Debian 12) is lenient where RFC 8259 is not, and a test
 * must not pass on output that a conforming reader would refuse.  So the
 * text is also held to the RFC where json-glib lets things through: the
 * bytes outside the tree (numbers, escapes, literals, what lies between
 * tokens) are checked before json-glib parses, and keys repeated in an
 * object are counted while it parses.  Refused, as by a strict reader:
 * trailing commas, bare control characters in strings, malformed escapes
 * or UTF-8, lone surrogates, leading zeros, duplicate keys in an object,
 * anything after the value, comments, single quotes, a byte-order mark.
 * Refused too, since json-glib would read them other than as written:
 * \u0000 (it cuts the string there), -0 (it reads 0) and integers beyond
 * 64 bits (it wraps them).
 */
#ifndef DDOR_TEST_JSON_STRICT_H
#define DDOR_TEST_JSON_STRICT_H

#include <stddef.h>
#include <json-glib/json-glib.h>

/* Parses LEN bytes at TEXT as one JSON value.  Returns it (free it with
 * json_node_unref; the nodes under it live as long as it does), or NULL
 * with a reason in WHY (SIZE bytes). */
JsonNode *js_parse(const char *text, size_t len, char *why, size_t size);

/* The member KEY of NODE when NODE is an object, or NULL. */
JsonNode *js_get(JsonNode *node, const char *key);

/* The string NODE holds, or NULL when it is no string (or NULL). */
const char *js_text(JsonNode *node);

/* The string of member KEY of object NODE, or NULL when absent or no
 * string. */
const char *js_string(JsonNode *node, const char *key);

/* The array NODE holds, or NULL when it is no array (or NULL). */
JsonArray *js_array(JsonNode *node);

/* Whether NODE is the literal true. */
int js_is_true(JsonNode *node);

/* Whether NODE is a JSON integer (json-glib keeps a number with a
 * fraction or an exponent as a double, an integer as a gint64). */
int js_is_integer(JsonNode *node);

#endif
