/* The strict JSON reader of the tests; see json_reader.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_reader.h"

#define MAX_DEPTH 64

typedef struct {
    const unsigned char *s, *end, *p;
    char *why;
    size_t size;
    int failed;
} reader;

static int fail(reader *r, const char *what)
{
    if (!r->failed)
        snprintf(r->why, r->size, "%s at byte %zu", what, (size_t)(r->p - r->s));
    r->failed = 1;
    return -1;
}

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' ||
                             *r->p == '\r'))
        r->p++;
}

static int literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "unexpected character");
    r->p += n;
    return 0;
}

/* A growing byte buffer. */
typedef struct { char *b; size_t n, cap; } buffer;

static void add(buffer *b, const void *bytes, size_t len)
{
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->b = realloc(b->b, b->cap);
        if (!b->b)
            abort();
    }
    memcpy(b->b + b->n, bytes, len);
    b->n += len;
    b->b[b->n] = '\0';
}

static void add_utf8(buffer *b, unsigned long cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (unsigned char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = 0xC0 | cp >> 6; u[1] = 0x80 | (cp & 0x3F); n = 2; }
    else if (cp < 0x10000) {
        u[0] = 0xE0 | cp >> 12; u[1] = 0x80 | (cp >> 6 & 0x3F);
        u[2] = 0x80 | (cp & 0x3F); n = 3;
    } else {
        u[0] = 0xF0 | cp >> 18; u[1] = 0x80 | (cp >> 12 & 0x3F);
        u[2] = 0x80 | (cp >> 6 & 0x3F); u[3] = 0x80 | (cp & 0x3F); n = 4;
    }
    add(b, u, n);
}

static int hex4(reader *r, unsigned long *cp)
{
    *cp = 0;
    for (int i = 0; i < 4; i++, r->p++) {
        if (r->p >= r->end)
            return fail(r, "short \\u escape");
        int c = *r->p, v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else return fail(r, "bad \\u escape");
        *cp = *cp << 4 | (unsigned long)v;
    }
    return 0;
}

/* Length of a well-formed UTF-8 sequence at P (before END), else 0. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
    size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 :
               p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (n == 0 || (size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

static int string(reader *r, char **out, size_t *outlen)
{
    buffer b = { 0 };
    add(&b, "", 0);
    r->p++;                                   /* the opening quote */
    for (;;) {
        if (r->p >= r->end) {
            free(b.b);
            return fail(r, "unterminated string");
        }
        unsigned char c = *r->p;
        if (c == '"') {
            r->p++;
            break;
        }
        if (c < 0x20) {
            free(b.b);
            return fail(r, "control character in string");
        }
        if (c == '\\') {
            r->p++;
            if (r->p >= r->end) {
                free(b.b);
                return fail(r, "unterminated escape");
            }
            char e = (char)*r->p++;
            const char *plain = strchr("\"\\/bfnrt", e);
            if (e && plain) {
                static const char decoded[] = "\"\\/\b\f\n\r\t";
                add(&b, &decoded[plain - "\"\\/bfnrt"], 1);
                continue;
            }
            unsigned long cp, lo;
            if (e != 'u' || hex4(r, &cp) != 0) {
                free(b.b);
                return fail(r, "bad escape");
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u') {
                    free(b.b);
                    return fail(r, "lone surrogate");
                }
                r->p += 2;
                if (hex4(r, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                    free(b.b);
                    return fail(r, "lone surrogate");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(b.b);
                return fail(r, "lone surrogate");
            }
            add_utf8(&b, cp);
            continue;
        }
        size_t n = utf8_length(r->p, r->end);
        if (n == 0) {
            free(b.b);
            return fail(r, "malformed UTF-8");
        }
        add(&b, r->p, n);
        r->p += n;
    }
    *out = b.b;
    *outlen = b.n;
    return 0;
}

static int digits(reader *r)
{
    const unsigned char *start = r->p;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        r->p++;
    return r->p > start ? 0 : fail(r, "digit expected");
}

static int number(reader *r, jv *v)
{
    const unsigned char *start = r->p;
    if (*r->p == '-')
        r->p++;
    if (r->p < r->end && *r->p == '0')
        r->p++;
    else if (digits(r) != 0)
        return -1;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (digits(r) != 0)
            return -1;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (digits(r) != 0)
            return -1;
    }
    v->type = JV_NUMBER;
    v->len = (size_t)(r->p - start);
    v->text = strndup((const char *)start, v->len);
    if (!v->text)
        abort();
    return 0;
}

static int value(reader *r, jv *v, int depth);

static void append(jv *v, const jv *item, char *key)
{
    v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
    if (!v->items)
        abort();
    v->items[v->n] = *item;
    if (v->type == JV_OBJECT) {
        v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
        if (!v->keys)
            abort();
        v->keys[v->n] = key;
    }
    v->n++;
}

static int container(reader *r, jv *v, int depth)
{
    int object = *r->p == '{';
    char close = object ? '}' : ']';
    v->type = object ? JV_OBJECT : JV_ARRAY;
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        size_t keylen;
        skip_space(r);
        if (object) {
            if (r->p >= r->end || *r->p != '"')
                return fail(r, "key expected");
            if (string(r, &key, &keylen) != 0)
                return -1;
            if (strlen(key) != keylen || jv_get(v, key)) {
                free(key);
                return fail(r, "duplicate or unusable key");
            }
            skip_space(r);
            if (r->p >= r->end || *r->p != ':') {
                free(key);
                return fail(r, "':' expected");
            }
            r->p++;
        }
        jv item = { 0 };
        if (value(r, &item, depth + 1) != 0) {
            free(key);
            jv_free(&item);
            return -1;
        }
        append(v, &item, key);
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            return 0;
        }
        return fail(r, object ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int value(reader *r, jv *v, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(r, "nested too deeply");
    skip_space(r);
    if (r->p >= r->end)
        return fail(r, "value expected");
    switch (*r->p) {
    case '{':
    case '[':
        return container(r, v, depth);
    case '"':
        v->type = JV_STRING;
        return string(r, &v->text, &v->len);
    case 't':
        v->type = JV_TRUE;
        return literal(r, "true");
    case 'f':
        v->type = JV_FALSE;
        return literal(r, "false");
    case 'n':
        v->type = JV_NULL;
        return literal(r, "null");
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
            return number(r, v);
        return fail(r, "unexpected character");
    }
}

int jv_parse(const char *text, size_t len, jv *out, char *why, size_t size)
{
    reader r = { (const unsigned char *)text, (const unsigned char *)text + len,
                 (const unsigned char *)text, why, size, 0 };
    memset(out, 0, sizeof *out);
    if (size)
        why[0] = '\0';
    if (value(&r, out, 0) == 0) {
        skip_space(&r);
        if (r.p == r.end)
            return 0;
        fail(&r, "text after the value");
    }
    jv_free(out);
    return -1;
}

void jv_free(jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        jv_free(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
    memset(v, 0, sizeof *v);
}

const jv *jv_get(const jv *v, const char *key)
{
    if (!v || v->type != JV_OBJECT)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->keys[i], key) == 0)
            return &v->items[i];
    return NULL;
}

const char *jv_string(const jv *v, const char *key)
{
    const jv *m = jv_get(v, key);
    return m && m->type == JV_STRING ? m->text : NULL;
}
