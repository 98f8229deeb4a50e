/* JSON read with json-glib and held to RFC 8259; see json_strict.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_strict.h"

/* ---- the tokens, which json-glib 1.6 reads leniently ------------------- */

/* json-glib's scanner takes 01, 1., .5, 0x10, 'single quotes', comments,
 * bare tabs and newlines in strings, \x and lone low surrogates, and it
 * reads a second value after the first without a word ("{} {}").  So the
 * tokens are checked here first, one by one; how they nest is left to
 * json-glib, which does refuse what is out of place (a missing or trailing
 * comma, an unclosed bracket, a bare word). */

typedef struct {
    const unsigned char *s;
    size_t len, i;
    char *why;
    size_t size;
} lexer;

static int refuse(lexer *x, const char *what)
{
    snprintf(x->why, x->size, "%s at byte %zu", what, x->i);
    return -1;
}

/* Whether the token before byte I may end there: at the end, or before
 * white space or punctuation, so that "01", "1x" or "nulls" are one
 * malformed token rather than two good ones. */
static int token_ends(const lexer *x)
{
    return x->i >= x->len || memchr(" \t\n\r,:]}", x->s[x->i], 8) != NULL;
}

/* Four hex digits after \u, into *CP. */
static int hex4(lexer *x, unsigned long *cp)
{
    if (x->len - x->i < 4)
        return refuse(x, "short \\u escape");
    *cp = 0;
    for (int k = 0; k < 4; k++, x->i++) {
        int v = g_ascii_xdigit_value((gchar)x->s[x->i]);
        if (v < 0)
            return refuse(x, "bad \\u escape");
        *cp = *cp << 4 | (unsigned long)v;
    }
    return 0;
}

/* A string from its opening quote: no bare control character, only the
 * escapes of the RFC, surrogates in pairs.  \u0000 is refused too: the
 * RFC allows it, but json-glib would cut the string there, and a test
 * would compare the rest.  Well-formed UTF-8 is json-glib's to check: it
 * validates the whole text before it reads any of it. */
static int string(lexer *x)
{
    x->i++;
    for (;;) {
        if (x->i >= x->len)
            return refuse(x, "unterminated string");
        unsigned char c = x->s[x->i];
        if (c == '"') {
            x->i++;
            return 0;
        }
        if (c < 0x20)
            return refuse(x, "control character in string");
        x->i++;
        if (c != '\\')
            continue;
        if (x->i >= x->len)
            return refuse(x, "unterminated escape");
        c = x->s[x->i++];
        if (c != 'u') {
            if (!memchr("\"\\/bfnrt", c, 8))
                return refuse(x, "bad escape");
            continue;
        }
        unsigned long cp, lo;
        if (hex4(x, &cp) != 0)
            return -1;
        if (cp == 0)
            return refuse(x, "\\u0000, where json-glib would cut the string");
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return refuse(x, "lone surrogate");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (x->len - x->i < 2 || x->s[x->i] != '\\' || x->s[x->i + 1] != 'u')
                return refuse(x, "lone surrogate");
            x->i += 2;
            if (hex4(x, &lo) != 0)
                return -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return refuse(x, "lone surrogate");
        }
    }
}

static size_t digits(lexer *x)
{
    size_t start = x->i;
    while (x->i < x->len && g_ascii_isdigit(x->s[x->i]))
        x->i++;
    return x->i - start;
}

/* A number as the RFC spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
 * An integer must also be one that json-glib reads as written, since the
 * tests compare integers with the CSV's text: it wraps those beyond 64
 * bits and reads -0 as 0. */
static int number(lexer *x)
{
    size_t start = x->i;
    int integer = 1;
    if (x->s[x->i] == '-')
        x->i++;
    if (x->i < x->len && x->s[x->i] == '0')
        x->i++;
    else if (digits(x) == 0)
        return refuse(x, "digit expected");
    if (x->i < x->len && x->s[x->i] == '.') {
        x->i++;
        integer = 0;
        if (digits(x) == 0)
            return refuse(x, "digit expected");
    }
    if (x->i < x->len && (x->s[x->i] == 'e' || x->s[x->i] == 'E')) {
        x->i++;
        integer = 0;
        if (x->i < x->len && (x->s[x->i] == '+' || x->s[x->i] == '-'))
            x->i++;
        if (digits(x) == 0)
            return refuse(x, "digit expected");
    }
    if (!token_ends(x))
        return refuse(x, "malformed number");
    if (!integer)
        return 0;
    char text[24];
    size_t n = x->i - start;
    if (n >= sizeof text)
        return refuse(x, "integer beyond 64 bits");
    memcpy(text, x->s + start, n);
    text[n] = '\0';
    errno = 0;
    long long v = strtoll(text, NULL, 10);
    if (errno == ERANGE)
        return refuse(x, "integer beyond 64 bits");
    if (v == 0 && text[0] == '-')
        return refuse(x, "-0, which json-glib reads as 0");
    return 0;
}

static int literal(lexer *x)
{
    static const char *const words[] = { "true", "false", "null" };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        if (x->len - x->i >= n && memcmp(x->s + x->i, words[k], n) == 0) {
            x->i += n;
            return token_ends(x) ? 0 : refuse(x, "unexpected character");
        }
    }
    return refuse(x, "unexpected character");
}

/* Every token of the text, and exactly one value at the top level. */
static int tokens(lexer *x)
{
    int depth = 0, values = 0;
    while (x->i < x->len) {
        unsigned char c = x->s[x->i];
        if (memchr(" \t\n\r", c, 4)) {
            x->i++;
            continue;
        }
        int starts_value = c == '{' || c == '[' || c == '"' || c == '-' ||
                           g_ascii_isdigit(c) || c == 't' || c == 'f' || c == 'n';
        if (starts_value && depth == 0 && ++values > 1)
            return refuse(x, "text after the value");
        int rc = 0;
        if (c == '{' || c == '[') {
            depth++;
            x->i++;
        } else if (c == '}' || c == ']') {
            depth--;
            x->i++;
        } else if (c == ',' || c == ':') {
            x->i++;
        } else if (c == '"') {
            rc = string(x);
        } else if (c == '-' || g_ascii_isdigit(c)) {
            rc = number(x);
        } else if (c == 't' || c == 'f' || c == 'n') {
            rc = literal(x);
        } else {
            rc = refuse(x, "unexpected character");
        }
        if (rc != 0)
            return -1;
    }
    return values == 0 ? refuse(x, "value expected") : 0;
}

/* ---- keys given twice, which json-glib 1.6 keeps one of ---------------- */

/* It signals every member it reads, though, so the members read into each
 * object are counted (a stack of counts: objects nest) and compared with
 * the members the object ends with. */
typedef struct {
    GArray *read;             /* guint per object open */
    int repeated;
} member_count;

static void on_object_start(JsonParser *parser, gpointer data)
{
    (void)parser;
    member_count *m = data;
    guint none = 0;
    g_array_append_val(m->read, none);
}

static void on_object_member(JsonParser *parser, JsonObject *object, gchar *name,
                             gpointer data)
{
    (void)parser;
    (void)object;
    (void)name;
    member_count *m = data;
    g_array_index(m->read, guint, m->read->len - 1)++;
}

static void on_object_end(JsonParser *parser, JsonObject *object, gpointer data)
{
    (void)parser;
    member_count *m = data;
    if (g_array_index(m->read, guint, m->read->len - 1) != json_object_get_size(object))
        m->repeated = 1;
    g_array_set_size(m->read, m->read->len - 1);
}

/* ---- parsing ------------------------------------------------------------ */

JsonNode *js_parse(const char *text, size_t len, char *why, size_t size)
{
    if (size)
        why[0] = '\0';
    lexer x = { (const unsigned char *)text, len, 0, why, size };
    if (tokens(&x) != 0)
        return NULL;
    JsonParser *parser = json_parser_new();
    member_count m = { g_array_new(FALSE, FALSE, sizeof(guint)), 0 };
    g_signal_connect(parser, "object-start", G_CALLBACK(on_object_start), &m);
    g_signal_connect(parser, "object-member", G_CALLBACK(on_object_member), &m);
    g_signal_connect(parser, "object-end", G_CALLBACK(on_object_end), &m);
    GError *error = NULL;
    JsonNode *root = NULL;
    if (!json_parser_load_from_data(parser, text, (gssize)len, &error)) {
        snprintf(why, size, "%s", error->message);
        g_error_free(error);
    } else if (m.repeated) {
        snprintf(why, size, "a key given twice in one object");
    } else if (!(root = json_parser_steal_root(parser))) {
        snprintf(why, size, "value expected");
    }
    g_array_free(m.read, TRUE);
    g_object_unref(parser);
    return root;
}

/* ---- looking inside ----------------------------------------------------- */

/* json-glib's own getters warn (g_critical) on a node of another type; a
 * test reading a wrong document should fail its assertion instead, so
 * these look at the type first. */

JsonNode *js_get(JsonNode *node, const char *key)
{
    if (!node || !JSON_NODE_HOLDS_OBJECT(node))
        return NULL;
    return json_object_get_member(json_node_get_object(node), key);
}

const char *js_text(JsonNode *node)
{
    if (!node || !JSON_NODE_HOLDS_VALUE(node) ||
        json_node_get_value_type(node) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(node);
}

const char *js_string(JsonNode *node, const char *key)
{
    return js_text(js_get(node, key));
}

JsonArray *js_array(JsonNode *node)
{
    return node && JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
}

int js_is_true(JsonNode *node)
{
    return node && JSON_NODE_HOLDS_VALUE(node) &&
           json_node_get_value_type(node) == G_TYPE_BOOLEAN &&
           json_node_get_boolean(node);
}

int js_is_integer(JsonNode *node)
{
    return node && JSON_NODE_HOLDS_VALUE(node) &&
           json_node_get_value_type(node) == G_TYPE_INT64;
}
