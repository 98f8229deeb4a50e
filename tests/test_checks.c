/*
 * The checks of a converted report (parse/checks.c): every flawed fixture
 * (fixtures/flawed/) converts with status warning and the message its
 * truth states, its rows still written, and --strict turns the warning
 * into exit status 1; then each check on reports built in memory, at the
 * edges of what it allows.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "../parse/parse.h"
#include "suites.h"
#include "testkit.h"

/* Every flawed fixture and the check it exists to trip: its message must
 * be that check's alone. */
static const struct {
    const char *name;
    const char *check;        /* how the message begins */
} FLAWED[] = {
    { "stated-count", "declined count: " },
    { "unknown-country", "unrecognised countries: " },
    { "declined-before-issued", "declined before issued: " },
    { "unparsed-line", "unparsed lines: " },
    { "no-section-iii", "sections not found: III" },
    { "rank-order", "Section I ranks: " },
    { "count-order", "Section I counts: " },
    { "no-national-total", "national total missing: " },
    { "date-window", "dates outside period: " },
    { "headerless-section-iii", "no table header recognised: Section III " },
};
enum { NFLAWED = sizeof FLAWED / sizeof FLAWED[0] };

/* Field COLUMN of the one data row of reports.csv in DIR (malloc'd; NULL
 * when unreadable). */
static char *report_field(const char *dir, const char *column)
{
    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    tk_csv csv;
    if (tk_csv_read(path, &csv) != 0)
        return NULL;
    char *value = NULL;
    int col = tk_csv_col(&csv, column);
    if (csv.nrows == 2 && col >= 0 && (size_t)col < csv.nfields[1])
        value = strdup(csv.rows[1][col]);
    tk_csv_free(&csv);
    return value;
}

/* Data rows of a CSV file, -1 when unreadable. */
static long data_rows(const char *path)
{
    tk_csv csv;
    if (tk_csv_read(path, &csv) != 0)
        return -1;
    long n = csv.nrows ? (long)csv.nrows - 1 : 0;
    tk_csv_free(&csv);
    return n;
}

static void convert_flawed(const char *name, const char *check)
{
    char pdf[256], expdir[256], expected[512], actual[512];
    snprintf(pdf, sizeof pdf, "fixtures/flawed/reports/%s.pdf", name);
    snprintf(expdir, sizeof expdir, "fixtures/flawed/expected/%s", name);

    /* The truth says warning, with a message of this fixture's check. */
    char *want_status = report_field(expdir, "status");
    char *want_message = report_field(expdir, "message");
    CU_ASSERT_PTR_NOT_NULL_FATAL(want_status);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want_message);
    CU_ASSERT_STRING_EQUAL(want_status, "warning");
    CU_ASSERT(strncmp(want_message, check, strlen(check)) == 0);
    CU_ASSERT(strstr(want_message, "; ") == NULL);

    /* Without --strict: exit 0, the warning on standard error, and every
     * dataset as expected, rows included. */
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *argv[] = { "-o", dir, pdf, NULL };
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "\n  %s: exit %d: %s", name, rc, err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    char line[1024];
    snprintf(line, sizeof line, "ddor2csv: %s: warning: %s\n", pdf, want_message);
    CU_ASSERT_PTR_NOT_NULL(err ? strstr(err, line) : NULL);
    CU_ASSERT_EQUAL(tk_differing_datasets(expdir, dir, name), 0);
    char *status = report_field(dir, "status");
    char *message = report_field(dir, "message");
    char *rows = report_field(dir, "declined_rows");
    CU_ASSERT_STRING_EQUAL(status ? status : "?", "warning");
    CU_ASSERT_STRING_EQUAL(message ? message : "?", want_message);
    snprintf(actual, sizeof actual, "%s/declined_detainers.csv", dir);
    long written = data_rows(actual);
    CU_ASSERT(written > 0);
    CU_ASSERT_EQUAL(rows ? atol(rows) : -1, written);
    free(status);
    free(message);
    free(rows);
    free(err);
    tk_rmtree(dir);
    free(dir);

    /* With --strict: exit 1, and the datasets still written. */
    dir = tk_tempdir();
    const char *strict[] = { "-q", "--strict", "-o", dir, pdf, NULL };
    CU_ASSERT_EQUAL(tk_run(strict, NULL, NULL), 1);
    status = report_field(dir, "status");
    CU_ASSERT_STRING_EQUAL(status ? status : "?", "warning");
    snprintf(expected, sizeof expected, "%s/declined_detainers.csv", expdir);
    snprintf(actual, sizeof actual, "%s/declined_detainers.csv", dir);
    CU_ASSERT(tk_same_file(expected, actual));
    free(status);
    tk_rmtree(dir);
    free(dir);
    free(want_status);
    free(want_message);
}

static void test_flawed_fixtures(void)
{
    for (size_t i = 0; i < NFLAWED; i++)
        convert_flawed(FLAWED[i].name, FLAWED[i].check);
}

/* A sound report beside a flawed one: --strict fails the run, and the
 * sound one still reads ok. */
static void test_strict_with_a_sound_report(void)
{
    char *dir = tk_tempdir();
    const char *argv[] = { "-q", "--strict", "-o", dir, "fixtures/reports/weekly-3-a4.pdf",
                           "fixtures/flawed/reports/stated-count.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 1);
    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    tk_csv csv;
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    int status = tk_csv_col(&csv, "status");
    CU_ASSERT_EQUAL(csv.nrows, 3);
    if (csv.nrows == 3 && status >= 0) {
        CU_ASSERT_STRING_EQUAL(csv.rows[1][status], "ok");
        CU_ASSERT_STRING_EQUAL(csv.rows[2][status], "warning");
    }
    tk_csv_free(&csv);
    const char *sound[] = { "-q", "--strict", "-o", dir, "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(sound, NULL, NULL), 0);
    tk_rmtree(dir);
    free(dir);
}

static void test_all_flawed_listed(void)
{
    DIR *d = opendir("fixtures/flawed/expected");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    size_t found = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int listed = 0;
        for (size_t i = 0; i < NFLAWED; i++)
            listed |= strcmp(FLAWED[i].name, e->d_name) == 0;
        if (!listed)
            fprintf(stderr, "\n  flawed fixture %s has no test\n", e->d_name);
        CU_ASSERT(listed);
        found++;
    }
    closedir(d);
    CU_ASSERT_EQUAL(found, NFLAWED);
}

/* ---- The checks on reports built in memory ---------------------------- */

static char *dup(const char *s)
{
    char *d = strdup(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    return d;
}

static void set(char **field, const char *value)
{
    free(*field);
    *field = dup(value);
}

/* A report that passes every check: all four sections, three ranked
 * jurisdictions, two declined detainers, the week of 2017-02-11. */
static ddor_report *sound_report(void)
{
    static const char *const headings[DDOR_NSECTIONS] = {
        "Section I: Highest Volume of Detainers Issued",
        "Section II: Jurisdictions with Recorded Declined Detainers",
        "Section III: Table of Jurisdictions that have Enacted Policies",
        "Section IV: Report Scope and Data Fidelity",
    };
    static const char *const counties[3] = { "Travis County", "Clark County", "Cook County" };
    ddor_report *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    r->pages = 3;
    r->words = 900;
    r->is_ddor = 1;
    r->sections = DDOR_SECTION_I | DDOR_SECTION_II | DDOR_SECTION_III | DDOR_SECTION_IV;
    r->tables = DDOR_SECTION_I | DDOR_SECTION_II | DDOR_SECTION_III;
    strcpy(r->period_start, "2017-02-11");
    strcpy(r->period_end, "2017-02-17");
    r->detainers_issued = 2795;
    r->declined_stated = 2;
    for (int i = 0; i < DDOR_NSECTIONS; i++) {
        r->headings[i].page = i < 2 ? 1 : 3;
        r->headings[i].text = dup(headings[i]);
        r->headings[i].lines = 10;
    }
    r->ntop = 3;
    r->top = calloc(3, sizeof *r->top);
    for (int i = 0; i < 3; i++) {
        ddor_top *t = &r->top[i];
        t->page = 1;
        t->rank = i + 1;
        t->state = dup(i == 0 ? "TX" : i == 1 ? "NV" : "IL");
        t->state_raw = dup(t->state);
        t->county = dup(counties[i]);
        t->detainers = 50 - 10 * i;
    }
    r->ndeclined = 2;
    r->declined = calloc(2, sizeof *r->declined);
    for (int i = 0; i < 2; i++) {
        ddor_declined *d = &r->declined[i];
        d->page = 2;
        d->state = dup("TX");
        d->state_raw = dup("Texas");
        d->county = dup("Travis County");
        d->facility = dup("Travis County Jail");
        d->citizenship = dup("Mexico");
        d->country_code = dup("MX");
        d->issued = dup("2017-02-12");
        d->issued_raw = dup("2/12/2017");
        d->declined = dup("2017-02-13");
        d->declined_raw = dup("2/13/2017");
        d->crime = dup("Assault");
        d->crime_status = dup("charged");
    }
    return r;
}

/* Checks R, compares status and message, and frees R. */
static void expect_check(ddor_report *r, const char *status, const char *message, int line)
{
    char *got = NULL;
    const char *st = ddor_report_check(r, &got);
    if (strcmp(st, status) != 0 || strcmp(got, message) != 0)
        fprintf(stderr, "\n  line %d: got %s '%s'\n  want %s '%s'", line, st, got, status,
                message);
    CU_ASSERT_STRING_EQUAL(st, status);
    CU_ASSERT_STRING_EQUAL(got, message);
    free(got);
    ddor_report_free(r);
}
#define EXPECT_CHECK(r, status, message) expect_check((r), (status), (message), __LINE__)

static void test_sound_report(void)
{
    EXPECT_CHECK(sound_report(), "ok", "");
}

static void test_sections_and_headers(void)
{
    ddor_report *r = sound_report();
    r->sections &= ~(unsigned)(DDOR_SECTION_I | DDOR_SECTION_IV);
    r->tables &= ~(unsigned)DDOR_SECTION_I;
    free(r->headings[0].text);
    r->headings[0].text = NULL;
    free(r->headings[3].text);
    r->headings[3].text = NULL;
    EXPECT_CHECK(r, "warning", "sections not found: I, IV");

    /* A table without its heading is the section found. */
    r = sound_report();
    r->sections &= ~(unsigned)DDOR_SECTION_III;
    EXPECT_CHECK(r, "ok", "");

    /* A heading without its table: the header row was not recognised. */
    r = sound_report();
    r->tables &= ~(unsigned)DDOR_SECTION_II;
    EXPECT_CHECK(r, "warning", "no table header recognised: Section II (page 1: "
                 "'Section II: Jurisdictions with Recorded Declined Detainers')");
}

static void test_stated_figures(void)
{
    ddor_report *r = sound_report();
    r->detainers_issued = -1;
    EXPECT_CHECK(r, "warning", "national total missing: no number of detainers issued stated");

    r = sound_report();
    r->declined_stated = 3;
    EXPECT_CHECK(r, "warning", "declined count: report states 3, 2 rows extracted");

    /* Not stated: nothing to compare. */
    r = sound_report();
    r->declined_stated = -1;
    EXPECT_CHECK(r, "ok", "");

    r = sound_report();
    r->period_start[0] = r->period_end[0] = '\0';
    set(&r->declined[0].issued, "1999-01-01");
    EXPECT_CHECK(r, "warning", "period not found: the dates the report covers are not stated");
}

static void test_ranks_and_counts(void)
{
    /* A tie shares its rank: 1, 2, 2 is a ranking. */
    ddor_report *r = sound_report();
    r->top[2].rank = 2;
    r->top[2].detainers = r->top[1].detainers;
    EXPECT_CHECK(r, "ok", "");

    r = sound_report();
    r->top[2].rank = 2;
    EXPECT_CHECK(r, "warning", "Section I ranks: rank 2 where 3 expected (page 1: 'Cook County')");

    r = sound_report();
    r->top[1].rank = -1;
    EXPECT_CHECK(r, "warning",
                 "Section I ranks: rank not a number where 2 expected (page 1: 'Clark County')");

    /* Equal counts are in order; a larger one after a smaller is not. */
    r = sound_report();
    r->top[1].detainers = r->top[0].detainers;
    r->top[1].rank = 1;
    r->top[2].rank = 3;
    EXPECT_CHECK(r, "ok", "");

    r = sound_report();
    r->top[2].detainers = 45;
    EXPECT_CHECK(r, "warning",
                 "Section I counts: not descending, 45 after 40 (page 1: 'Cook County')");

    r = sound_report();
    r->top[0].detainers = -1;
    EXPECT_CHECK(r, "warning",
                 "Section I counts: count not a number (page 1: 'Travis County')");
}

static void test_declined_before_issued(void)
{
    ddor_report *r = sound_report();
    set(&r->declined[0].declined, "2017-02-12");
    EXPECT_CHECK(r, "ok", "");                      /* the same day */

    r = sound_report();
    for (int i = 0; i < 2; i++) {
        set(&r->declined[i].issued, "2017-02-14");
        set(&r->declined[i].issued_raw, "Feb. 14, 2017");
        set(&r->declined[i].declined_raw, "Feb. 13, 2017");
    }
    r->declined[0].page = 5;
    EXPECT_CHECK(r, "warning", "declined before issued: 2 rows (first: page 5: "
                 "issued 'Feb. 14, 2017', declined 'Feb. 13, 2017')");
}

/* The window: issued from 730 days before the period's start, declined
 * from 30 days before it, both until 7 days after its end. */
static void test_date_window(void)
{
    static const struct {
        const char *issued, *declined;
        const char *message;      /* NULL: ok */
    } cases[] = {
        { "2015-02-12", "2017-02-13", NULL },      /* 730 days before 2017-02-11 */
        { "2015-02-11", "2017-02-13", "dates outside period: 1 row (first: page 2: "
          "issued 'raw', period 2017-02-11 to 2017-02-17)" },
        { "2017-01-12", "2017-01-12", NULL },      /* declined 30 days before */
        { "2017-01-11", "2017-01-11", "dates outside period: 1 row (first: page 2: "
          "declined 'raw', period 2017-02-11 to 2017-02-17)" },
        { "2017-02-20", "2017-02-24", NULL },      /* 7 days after 2017-02-17 */
        { "2017-02-12", "2017-02-25", "dates outside period: 1 row (first: page 2: "
          "declined 'raw', period 2017-02-11 to 2017-02-17)" },
        { "2017-02-25", "2017-02-25", "dates outside period: 1 row (first: page 2: "
          "issued 'raw', period 2017-02-11 to 2017-02-17)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ddor_report *r = sound_report();
        set(&r->declined[1].issued, cases[i].issued);
        set(&r->declined[1].declined, cases[i].declined);
        set(&r->declined[1].issued_raw, "raw");
        set(&r->declined[1].declined_raw, "raw");
        if (cases[i].message)
            EXPECT_CHECK(r, "warning", cases[i].message);
        else
            EXPECT_CHECK(r, "ok", "");
    }

    /* A period across a year's end. */
    ddor_report *r = sound_report();
    strcpy(r->period_start, "2017-12-28");
    strcpy(r->period_end, "2018-01-03");
    for (int i = 0; i < 2; i++) {
        set(&r->declined[i].issued, "2017-12-20");
        set(&r->declined[i].declined, "2018-01-10");
    }
    EXPECT_CHECK(r, "ok", "");
}

/* Several failed checks: one part each, in a fixed order. */
static void test_several_checks(void)
{
    ddor_report *r = sound_report();
    r->detainers_issued = -1;
    r->declined_stated = 7;
    set(&r->declined[1].country_code, "");
    set(&r->declined[1].citizenship, "Atlantis");
    EXPECT_CHECK(r, "warning",
                 "national total missing: no number of detainers issued stated; "
                 "declined count: report states 7, 2 rows extracted; "
                 "unrecognised countries: 1 row (first: page 2: 'Atlantis')");
}

/* A quote is cut at 60 bytes, never inside a UTF-8 character. */
static void test_quote_clipped(void)
{
    ddor_report *r = sound_report();
    r->tables &= ~(unsigned)DDOR_SECTION_III;
    /* 58 ASCII bytes, then a 3-byte en dash that would end at byte 61 */
    set(&r->headings[2].text, "Section III: Table of Jurisdictions that have Enacted Poli"
                              "\xE2\x80\x93 cies");
    EXPECT_CHECK(r, "warning", "no table header recognised: Section III (page 3: "
                 "'Section III: Table of Jurisdictions that have Enacted Poli')");
}

void suite_checks(void)
{
    CU_pSuite s = CU_add_suite("checks", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "flawed fixtures: warning, message, rows, --strict", test_flawed_fixtures);
    CU_add_test(s, "--strict with a sound report beside", test_strict_with_a_sound_report);
    CU_add_test(s, "every flawed fixture is tested", test_all_flawed_listed);
    CU_add_test(s, "a sound report is ok", test_sound_report);
    CU_add_test(s, "sections and table headers", test_sections_and_headers);
    CU_add_test(s, "stated figures and period", test_stated_figures);
    CU_add_test(s, "Section I ranks and counts", test_ranks_and_counts);
    CU_add_test(s, "declined before issued", test_declined_before_issued);
    CU_add_test(s, "dates around the period", test_date_window);
    CU_add_test(s, "several checks in one message", test_several_checks);
    CU_add_test(s, "quotes cut at a character", test_quote_clipped);
}
