/*
 * The parser on synthetic pages, and everything after it: the checks of
 * reports.csv and every dataset, written to memory in both line-end modes
 * and read back with libcsv, and as JSON Lines; and the trace of boxes
 * that --explain draws.  Besides the sanitizers' findings, an input
 * fails when a record breaks what parse.h promises of its fields, a
 * dataset is not CSV with one row per record, or valid UTF-8 words gave
 * a dataset that is not (the README promises UTF-8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../emit/emit.h"
#include "csv_read.h"
#include "fuzz_targets.h"
#include "page_codec.h"

static int fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_parser: %s: '%.80s'\n", what, detail ? detail : "(null)");
    return -1;
}

static int is_iso_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
            return 0;
    return 1;
}

/* Well-formed UTF-8: no stray or missing continuation bytes, no
 * overlong forms, surrogates or code points beyond U+10FFFF. */
static int is_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1
                 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
        if (n == 9 || len - i <= n)   /* not a lead byte, or cut short */
            return 0;
        unsigned lo = 0x80, hi = 0xBF;        /* the second byte's range */
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
        if (n > 0 && (s[i + 1] < lo || s[i + 1] > hi))
            return 0;
        for (size_t k = 2; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += n + 1;
    }
    return 1;
}

static int pages_utf8(const extract_page *pages, size_t npages)
{
    for (size_t i = 0; i < npages; i++)
        for (size_t k = 0; k < pages[i].nwords; k++) {
            const char *t = pages[i].words[k].text;
            if (!is_utf8((const unsigned char *)t, strlen(t)))
                return 0;
        }
    return 1;
}

/* "" or two capital letters: USPS and ISO 3166-1 alpha-2 codes. */
static int is_code(const char *s)
{
    return s[0] == '\0' ||
           (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0');
}

static int check_declined(const ddor_declined *d, int pages)
{
    if (d->page < 1 || d->page > pages)
        return fail("declined row on no page", d->county);
    if (!is_code(d->state) || !is_code(d->country_code))
        return fail("declined row: bad state or country code", d->state_raw);
    if ((d->issued[0] && !is_iso_date(d->issued)) || (d->declined[0] && !is_iso_date(d->declined)))
        return fail("declined row: bad date", d->issued_raw);
    if (strcmp(d->crime_status, "") && strcmp(d->crime_status, "convicted") &&
        strcmp(d->crime_status, "charged"))
        return fail("declined row: bad crime status", d->crime_status);
    return 0;
}

static int check_records(const ddor_report *r)
{
    int rc = 0;
    for (size_t i = 0; i < r->ndeclined && rc == 0; i++)
        rc = check_declined(&r->declined[i], r->pages);
    for (size_t i = 0; i < r->ntop && rc == 0; i++)
        if (!is_code(r->top[i].state) || r->top[i].rank < -1 || r->top[i].detainers < -1)
            rc = fail("top row: bad state, rank or count", r->top[i].state_raw);
    for (size_t i = 0; i < r->npolicies && rc == 0; i++)
        if (!is_code(r->policies[i].state))
            rc = fail("policy row: bad state", r->policies[i].state_raw);
    if (rc == 0 && (r->period_start[0] || r->period_end[0]) &&
        !(is_iso_date(r->period_start) && is_iso_date(r->period_end)))
        rc = fail("bad period", r->period_start);
    return rc;
}

/* The boxes of the trace (--explain): on the report's pages, in page
 * order, not inside out, an unparsed box naming an unparsed line. */
static int check_boxes(const ddor_report *r)
{
    for (size_t i = 0; i < r->nboxes; i++) {
        const ddor_box *b = &r->boxes[i];
        if (b->page < 1 || b->page > r->pages || (i && b->page < r->boxes[i - 1].page))
            return fail("box on no page, or out of page order", "");
        if (!(b->x0 <= b->x1 && b->y0 <= b->y1))
            return fail("box inside out", "");
        if (b->kind == DDOR_BOX_UNPARSED && b->unparsed >= r->nunparsed)
            return fail("unparsed box names no unparsed line", "");
    }
    return 0;
}

/* Rows each dataset must have besides its header: one per record (one
 * per source in reports).  The summaries have a row per crime or country,
 * so at most *MAX, one per declined detainer: for them it returns -1. */
static long expected_rows(const char *name, const ddor_report *r, size_t nsources,
                          size_t *max)
{
    *max = r->ndeclined;
    if (strcmp(name, "reports") == 0)
        return (long)nsources;
    if (strcmp(name, "declined_detainers") == 0)
        return (long)r->ndeclined;
    if (strcmp(name, "top_jurisdictions") == 0)
        return (long)r->ntop;
    if (strcmp(name, "policy_jurisdictions") == 0)
        return (long)r->npolicies;
    return -1;
}

/* Dataset NAME as JSON Lines: valid UTF-8 whatever the words were (bytes
 * that are not are written as U+FFFD), one object a line, as many lines
 * as the CSV has rows. */
static int check_jsonl(const char *name, const emit_source *src, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    int rc = emit_dataset(f, name, EMIT_JSONL, src, n, NULL);
    if (fclose(f) != 0)
        abort();
    size_t max, lines = 0;
    long want = expected_rows(name, src[0].report, n, &max);
    for (size_t i = 0; i < len; i++)
        if (out[i] == '\n') {
            lines++;
            if (i + 1 < len && out[i + 1] != '{')
                rc = -1;          /* the next line is no object */
        }
    if (rc != 0)
        rc = fail("JSON Lines: emit_dataset failed or a line is no object", name);
    else if (!is_utf8((const unsigned char *)out, len))
        rc = fail("JSON Lines output is not UTF-8", name);
    else if (len && (out[0] != '{' || out[len - 1] != '\n'))
        rc = fail("JSON Lines output is not lines of objects", name);
    else if ((want >= 0 && lines != (size_t)want) || (want < 0 && lines > max))
        rc = fail("JSON Lines output has the wrong number of lines", name);
    free(out);
    return rc;
}

/* Writes dataset NAME and reads it back: well-formed, every row as wide
 * as the header, the expected number of rows, UTF-8 when UTF8 says the
 * words were. */
static int check_dataset(const char *name, const emit_source *src, size_t n,
                         int excel, int utf8)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    emit_options opt = { .excel = excel };
    int rc = emit_dataset(f, name, EMIT_CSV, src, n, &opt);
    if (fclose(f) != 0)
        abort();
    fuzz_csv csv = { 0 };
    size_t max;
    long want = expected_rows(name, src[0].report, n, &max);
    if (rc != 0)
        rc = fail("emit_dataset failed", name);
    else if (utf8 && !is_utf8((const unsigned char *)out, len))
        rc = fail("dataset is not UTF-8", name);
    else if (fuzz_csv_read_output(out, len, excel, &csv) != 0)
        rc = fail("dataset is not CSV", name);
    else if (csv.nrows == 0 || (want >= 0 && csv.nrows - 1 != (size_t)want) ||
             (want < 0 && csv.nrows - 1 > max))
        rc = fail("dataset has the wrong number of rows", name);
    for (size_t k = 1; rc == 0 && k < csv.nrows; k++)
        if (fuzz_csv_row_width(&csv, k) != fuzz_csv_row_width(&csv, 0))
            rc = fail("a row is not as wide as the header", name);
    fuzz_csv_free(&csv);
    free(out);
    return rc;
}

int fuzz_parser_one(const uint8_t *data, size_t size)
{
    size_t npages;
    extract_page *pages = fuzz_pages_decode(data, size, &npages);
    int utf8 = pages_utf8(pages, npages);
    ddor_parser *p = ddor_parser_new();
    /* The trace drawn by --explain, for half the inputs. */
    ddor_parser_trace(p, size > 0 && (data[size - 1] & 1));
    for (size_t i = 0; i < npages; i++)
        ddor_parser_add_page(p, &pages[i]);
    /* parse.h: the parser copies what it needs; the pages go first, so
     * that the sanitizers catch any use of them after this point. */
    fuzz_pages_free(pages, npages);
    ddor_report *r = ddor_parser_finish(p);
    int rc = check_records(r);
    if (rc == 0)
        rc = check_boxes(r);

    /* The report, and a failed source of the same name (its id gets a
     * suffix, and it has no rows of its own). */
    emit_source src[2] = {
        { .source_file = "reports/fuzz.pdf", .pages = r->pages, .report = r },
        { .source_file = "fuzz.PDF", .status = "error" },
    };
    memset(src[0].sha256, 'f', 64);
    src[0].status = ddor_report_check(r, &src[0].message);
    src[1].message = strdup("not a PDF");
    if (!src[1].message)
        abort();
    emit_assign_ids(src, 2);
    for (int i = 0; rc == 0 && emit_dataset_names[i]; i++)
        for (int excel = 0; rc == 0 && excel <= 1; excel++)
            rc = check_dataset(emit_dataset_names[i], src, 2, excel, utf8);
    for (int i = 0; rc == 0 && emit_dataset_names[i]; i++)
        rc = check_jsonl(emit_dataset_names[i], src, 2);
    emit_source_clear(&src[0]);
    emit_source_clear(&src[1]);
    return rc;
}
