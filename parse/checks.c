/*
 * The checks of a converted report, as reports.csv states them: whatever
 * a careful reader would want to know before trusting the rows.
 *
 * Each failed check adds one part to the message, "; " between parts.  A
 * part starts with the check's name and a colon, and where the check is
 * about something printed, it names the page and quotes the text:
 * "unrecognised countries: 1 row (first: page 3: 'Atlantis')".  The names
 * and wordings are documented (doc/ddor2csv.1, CHECKS) and kept stable,
 * since users match them.
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
        say(t, "unrecognised %s: %zu %s (first: page %d: '%.*s')", what, count,
            count == 1 ? "row" : "rows", page, clip(first, 60), first);
}

#define UNRECOGNISED(t, what, arr, n, type, raw, code) \
    unrecognised(t, what, n, sizeof(type), arr, offsetof(type, page), \
                 offsetof(type, raw), offsetof(type, code))

static const char *const ROMAN[DDOR_NSECTIONS] = { "I", "II", "III", "IV" };

/* Sections of which neither the heading nor the table was found: a
 * partial report, or an edition worded otherwise.  What was found is
 * still written. */
static void check_sections(text *t, const ddor_report *r)
{
    char missing[32] = "";
    for (int i = 0; i < DDOR_NSECTIONS; i++)
        if (!((r->sections | r->tables) & (1u << i))) {
            if (missing[0])
                strcat(missing, ", ");
            strcat(missing, ROMAN[i]);
        }
    if (missing[0])
        say(t, "sections not found: %s", missing);
}

/* A section heading of Sections I to III with no table of that section
 * anywhere in the report: the lines under it hold no header row the
 * parser knows, so they were read as prose. */
static void check_headerless(text *t, const ddor_report *r)
{
    for (int i = 0; i < DDOR_NSECTIONS - 1; i++) {
        const ddor_heading *h = &r->headings[i];
        if (h->text && !(r->tables & (1u << i)))
            say(t, "no table header recognised: Section %s (page %d: '%.*s')",
                ROMAN[i], h->page, clip(h->text, 60), h->text);
    }
}

/* ---- Section I: the ranking ---- */

/* Ranks run 1..N in the order printed; a tie (the same count as the row
 * before) may repeat the rank before it, as in "1, 2, 2, 4". */
static void check_ranks(text *t, const ddor_report *r)
{
    for (size_t i = 0; i < r->ntop; i++) {
        const ddor_top *x = &r->top[i];
        long want = (long)i + 1;
        int tie = i > 0 && x->rank == r->top[i - 1].rank && x->detainers >= 0 &&
                  x->detainers == r->top[i - 1].detainers;
        if (x->rank == want || tie)
            continue;
        if (x->rank < 0)
            say(t, "Section I ranks: rank not a number where %ld expected "
                "(page %d: '%.*s')", want, x->page, clip(x->county, 60), x->county);
        else
            say(t, "Section I ranks: rank %ld where %ld expected (page %d: '%.*s')",
                x->rank, want, x->page, clip(x->county, 60), x->county);
        return;
    }
}

/* The jurisdictions that received the most detainers come in descending
 * order of their counts. */
static void check_counts(text *t, const ddor_report *r)
{
    for (size_t i = 0; i < r->ntop; i++) {
        const ddor_top *x = &r->top[i];
        if (x->detainers < 0) {
            say(t, "Section I counts: count not a number (page %d: '%.*s')",
                x->page, clip(x->county, 60), x->county);
            return;
        }
        if (i > 0 && r->top[i - 1].detainers >= 0 &&
            x->detainers > r->top[i - 1].detainers) {
            say(t, "Section I counts: not descending, %ld after %ld (page %d: '%.*s')",
                x->detainers, r->top[i - 1].detainers, x->page,
                clip(x->county, 60), x->county);
            return;
        }
    }
}

/* ---- Section II: the dates ---- */

/* The window around the report's period within which its dates are
 * plausible (doc/ddor2csv.1, CHECKS): nothing after the period's end but
 * a week of late recording; a detainer declined up to a month before the
 * period (recorded late); one issued up to two years before it. */
enum {
    DAYS_AFTER_END = 7,
    DECLINED_DAYS_BEFORE = 30,
    ISSUED_DAYS_BEFORE = 730
};

/* Days since 1970-01-01 of an ISO date (H. Hinnant's days_from_civil);
 * 0 with *ok cleared when ISO is not YYYY-MM-DD. */
static long day_number(const char *iso, int *ok)
{
    int y, m, d;
    if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
        *ok = 0;
        return 0;
    }
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void check_declined_before_issued(text *t, const ddor_report *r)
{
    size_t count = 0;
    const ddor_declined *first = NULL;
    for (size_t i = 0; i < r->ndeclined; i++) {
        const ddor_declined *d = &r->declined[i];
        if (d->issued[0] && d->declined[0] && strcmp(d->declined, d->issued) < 0 &&
            !count++)
            first = d;
    }
    if (count)
        say(t, "declined before issued: %zu %s (first: page %d: issued '%.*s', "
            "declined '%.*s')", count, count == 1 ? "row" : "rows", first->page,
            clip(first->issued_raw, 30), first->issued_raw,
            clip(first->declined_raw, 30), first->declined_raw);
}

/* Whether ISO lies in [start - BEFORE days, end + DAYS_AFTER_END]; an
 * empty date is not judged here. */
static int in_window(const char *iso, long start, long end, long before)
{
    int ok = 1;
    long day = iso[0] ? day_number(iso, &ok) : start;
    return !ok || (day >= start - before && day <= end + DAYS_AFTER_END);
}

static void check_date_window(text *t, const ddor_report *r)
{
    int ok = 1;
    long start = day_number(r->period_start, &ok);
    long end = day_number(r->period_end, &ok);
    if (!ok)
        return;                   /* "period not found" says why */
    size_t count = 0;
    const char *what = NULL, *raw = NULL;
    int page = 0;
    for (size_t i = 0; i < r->ndeclined; i++) {
        const ddor_declined *d = &r->declined[i];
        int issued_ok = in_window(d->issued, start, end, ISSUED_DAYS_BEFORE);
        int declined_ok = in_window(d->declined, start, end, DECLINED_DAYS_BEFORE);
        if (issued_ok && declined_ok)
            continue;
        if (!count++) {
            what = issued_ok ? "declined" : "issued";
            raw = issued_ok ? d->declined_raw : d->issued_raw;
            page = d->page;
        }
    }
    if (count)
        say(t, "dates outside period: %zu %s (first: page %d: %s '%.*s', period %s to %s)",
            count, count == 1 ? "row" : "rows", page, what, clip(raw, 30), raw,
            r->period_start, r->period_end);
}

const char *ddor_report_check(const ddor_report *r, char **message)
{
    text t = { 0 };
    check_sections(&t, r);
    check_headerless(&t, r);
    if (!r->period_start[0])
        say(&t, "period not found: the dates the report covers are not stated");
    if (r->detainers_issued < 0)
        say(&t, "national total missing: no number of detainers issued stated");
    if (r->declined_stated >= 0 && (size_t)r->declined_stated != r->ndeclined)
        say(&t, "declined count: report states %ld, %zu %s extracted",
            r->declined_stated, r->ndeclined, r->ndeclined == 1 ? "row" : "rows");
    check_ranks(&t, r);
    check_counts(&t, r);
    if (r->nunparsed)
        say(&t, "unparsed lines: %zu in tables (first: page %d: '%.*s')",
            r->nunparsed, r->unparsed[0].page, clip(r->unparsed[0].text, 60),
            r->unparsed[0].text);
    UNRECOGNISED(&t, "states", r->declined, r->ndeclined, ddor_declined, state_raw, state);
    UNRECOGNISED(&t, "countries", r->declined, r->ndeclined, ddor_declined, citizenship, country_code);
    UNRECOGNISED(&t, "issued dates", r->declined, r->ndeclined, ddor_declined, issued_raw, issued);
    UNRECOGNISED(&t, "declined dates", r->declined, r->ndeclined, ddor_declined, declined_raw, declined);
    UNRECOGNISED(&t, "Section I states", r->top, r->ntop, ddor_top, state_raw, state);
    UNRECOGNISED(&t, "Section III states", r->policies, r->npolicies, ddor_policy, state_raw, state);
    check_declined_before_issued(&t, r);
    check_date_window(&t, r);
    *message = t.s ? t.s : xstrdup("");
    return t.s ? "warning" : "ok";
}
