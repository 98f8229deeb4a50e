/*
 * The checks of a converted report, as reports.csv states them: whatever
 * a careful reader would want to know before trusting the rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
    char *s;
    size_t len, cap;
} text;

static void say(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t k = strlen(buf);
    t->s = grow(t->s, &t->cap, t->len + k + 3, 1);
    if (t->len) {
        memcpy(t->s + t->len, "; ", 2);
        t->len += 2;
    }
    memcpy(t->s + t->len, buf, k + 1);
    t->len += k;
}

/* How many bytes of S, at most MAX, to quote in a message: a UTF-8
 * character is not cut in two, since the message goes into reports.csv,
 * which is UTF-8 (printf's "%.60s" counts bytes). */
static int clip(const char *s, int max)
{
    int n = (int)strnlen(s, (size_t)max + 1);
    if (n <= max)
        return n;
    for (n = max; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
        ;                     /* back to the first byte of the cut character */
    return n;
}

/* Counts the rows whose RAW text is set but whose code stayed empty, and
 * names the first. */
static void unrecognised(text *t, const char *what, size_t n, size_t stride,
                         const void *rows, size_t page_off, size_t raw_off,
                         size_t code_off)
{
    size_t count = 0;
    const char *first = NULL;
    int page = 0;
    for (size_t i = 0; i < n; i++) {
        const char *row = (const char *)rows + i * stride;
        const char *raw = *(char *const *)(row + raw_off);
        const char *code = *(char *const *)(row + code_off);
        if (raw[0] && !code[0]) {
            if (!count++) {
                first = raw;
                page = *(const int *)(row + page_off);
            }
        }
    }
    if (count)
        say(t, "%zu %s not recognised (first: '%.*s', page %d)", count, what,
            clip(first, 60), first, page);
}

#define UNRECOGNISED(t, what, arr, n, type, raw, code) \
    unrecognised(t, what, n, sizeof(type), arr, offsetof(type, page), \
                 offsetof(type, raw), offsetof(type, code))

const char *ddor_report_check(const ddor_report *r, char **message)
{
    text t = { 0 };
    if (!(r->tables & DDOR_SECTION_II))
        say(&t, "no Section II table of declined detainers found");
    if (r->declined_stated >= 0 && (size_t)r->declined_stated != r->ndeclined)
        say(&t, "report states %ld declined detainers, %zu rows extracted",
            r->declined_stated, r->ndeclined);
    if (r->nunparsed)
        say(&t, "%zu unparsed lines in tables (first: page %d: '%.*s')",
            r->nunparsed, r->unparsed[0].page, clip(r->unparsed[0].text, 60),
            r->unparsed[0].text);
    UNRECOGNISED(&t, "states", r->declined, r->ndeclined, ddor_declined, state_raw, state);
    UNRECOGNISED(&t, "countries", r->declined, r->ndeclined, ddor_declined, citizenship, country_code);
    UNRECOGNISED(&t, "issued dates", r->declined, r->ndeclined, ddor_declined, issued_raw, issued);
    UNRECOGNISED(&t, "declined dates", r->declined, r->ndeclined, ddor_declined, declined_raw, declined);
    UNRECOGNISED(&t, "Section I states", r->top, r->ntop, ddor_top, state_raw, state);
    UNRECOGNISED(&t, "Section III states", r->policies, r->npolicies, ddor_policy, state_raw, state);
    *message = t.s ? t.s : xstrdup("");
    return t.s ? "warning" : "ok";
}
