/*
 * The database (--format sqlite), read back through SQLite itself: every
 * value of every table against the CSV of the same dataset, the tables'
 * shape and SQLite's own checks, the views against figures computed from
 * the CSVs (tests/database_check.h); values that are awkward in SQL or in
 * CSV, written in-process; and the writer's refusals and failures.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../emit/database.h"
#include "database_check.h"
#include "output_folder.h"
#include "report_builder.h"
#include "suites.h"
#include "testkit.h"

static const char *const FIXTURES[] = {
    "fixtures/reports/weekly-1.pdf",
    "fixtures/reports/weekly-1-legal-nostate.pdf",
    "fixtures/reports/weekly-2-landscape.pdf",
    "fixtures/reports/weekly-2-tight.pdf",
    "fixtures/reports/weekly-3-a4.pdf",
    "fixtures/reports/office-libreoffice.pdf",
    NULL
};

/* Runs ddor2csv -q --format FORMATS -o DIR INPUTS...; the exit status. */
static int convert(const char *formats, const char *dir, const char *const *inputs)
{
    const char *argv[32] = { "-q", "--format", formats, "-o", dir };
    int n = 5;
    for (size_t i = 0; inputs[i] && n < 31; i++)
        argv[n++] = inputs[i];
    argv[n] = NULL;
    return tk_run(argv, NULL, NULL);
}

/* The database in DIR against the CSVs in CSV_DIR, and its structure;
 * the table rows compared are added to *ROWS, the view rows to
 * *FIGURES. */
static void check_folder(const char *csv_dir, const char *dir, long *rows, long *figures)
{
    char *path = tk_path(dir, "ddor.sqlite");
    long r = 0, f = 0;
    CU_ASSERT_EQUAL(dbc_compare_folder(csv_dir, path, &r, &f), 0);
    *rows += r;
    *figures += f;
    sqlite3 *db = dbc_open(path);
    CU_ASSERT_PTR_NOT_NULL(db);
    if (db)
        CU_ASSERT_EQUAL(dbc_check_structure(db), 0);
    sqlite3_close(db);
    /* The file is a database SQLite would recognise anywhere, and says
     * whose it is in its header (application id, at byte 68). */
    size_t len = 0;
    char *bytes = tk_slurp(path, &len);
    CU_ASSERT(bytes && len > 100 && memcmp(bytes, "SQLite format 3", 16) == 0 &&
              memcmp(bytes + 68, "DDOR", 4) == 0);
    free(bytes);
    free(path);
}

/* ---- through the command --------------------------------------------- */

static void test_each_fixture(void)
{
    long rows = 0, figures = 0;
    for (size_t i = 0; FIXTURES[i]; i++) {
        char *dir = tk_tempdir();
        CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
        const char *inputs[] = { FIXTURES[i], NULL };
        CU_ASSERT_EQUAL(convert("csv,sqlite", dir, inputs), 0);
        check_folder(dir, dir, &rows, &figures);
        tk_rmtree(dir);
        free(dir);
    }
    CU_ASSERT(rows > 700);        /* 823 rows in the six reports */
    CU_ASSERT(figures > 50);
}

/* An archive of every fixture, a re-issue of one (other bytes, the same
 * period), and one under a name that is not UTF-8; then the same with
 * the database alone. */
static void test_archive(void)
{
    char *scratch = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    const char *names[] = { "w1.pdf", "w1-legal.pdf", "w2-landscape.pdf", "w2-tight.pdf",
                            "w3.pdf", "office.pdf" };
    char *inputs[10];
    size_t n = 0;
    for (size_t i = 0; FIXTURES[i]; i++) {
        CU_ASSERT_EQUAL(folder_put_file(FIXTURES[i], scratch, names[i]), 0);
        inputs[n++] = tk_path(scratch, names[i]);
    }
    /* Copies with bytes of their own (the archive keeps one of identical
     * files): a fourth edition of 2017-02-04, under a name that is not
     * UTF-8, and a second of 2017-02-11. */
    const char *copies[][2] = { { "fixtures/reports/weekly-2-tight.pdf", "caf\xE9 w2.pdf" },
                                { "fixtures/reports/weekly-3-a4.pdf", "w3-reissue.pdf" } };
    for (size_t i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(folder_put_file(copies[i][0], scratch, copies[i][1]), 0);
        inputs[n] = tk_path(scratch, copies[i][1]);
        FILE *f = fopen(inputs[n++], "a");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fputs("% re-issued\n", f);
        fclose(f);
    }
    inputs[n] = NULL;

    char *both = tk_path(scratch, "both");
    char *alone = tk_path(scratch, "alone");
    CU_ASSERT_EQUAL(convert("csv,sqlite", both, (const char *const *)inputs), 0);
    CU_ASSERT_EQUAL(convert("sqlite", alone, (const char *const *)inputs), 0);
    long rows = 0, figures = 0;
    check_folder(both, both, &rows, &figures);
    CU_ASSERT(rows > 900);
    /* The database alone holds the same values as the CSVs written with
     * it, and the folder no CSV. */
    long rows_alone = 0;
    check_folder(both, alone, &rows_alone, &figures);
    CU_ASSERT_EQUAL(rows_alone, rows);
    char *stray = tk_path(alone, "reports.csv");
    CU_ASSERT_EQUAL(access(stray, F_OK), -1);
    free(stray);

    /* Eight reports of three periods: five editions are superseded, and
     * left out of the figures. */
    char *path = tk_path(both, "ddor.sqlite");
    sqlite3 *db = dbc_open(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    char *v = dbc_one(db, "SELECT count(*) FROM reports WHERE superseded_by IS NOT NULL");
    CU_ASSERT_STRING_EQUAL(v, "5");
    free(v);
    v = dbc_one(db, "SELECT count(*) FROM weekly_totals");
    CU_ASSERT_STRING_EQUAL(v, "3");
    free(v);
    v = dbc_one(db, "SELECT count(*) FROM reports WHERE source_file LIKE '%caf\xEF\xBF\xBD w2.pdf'");
    CU_ASSERT_STRING_EQUAL(v, "1");
    free(v);
    sqlite3_close(db);
    free(path);

    for (size_t i = 0; i < n; i++)
        free(inputs[i]);
    free(both);
    free(alone);
    tk_rmtree(scratch);
    free(scratch);
}

/* ---- in-process ----------------------------------------------------------- */

/* Writes the database of S into a new file in a new folder; returns its
 * path (malloc'd), or NULL when emit_database failed (its errno and
 * *WHY kept). */
static char *write_database(const emit_source *s, size_t n, char **why)
{
    char *dir = tk_tempdir();
    if (!dir)
        abort();
    char *path = tk_path(dir, "ddor.sqlite");
    free(dir);
    FILE *out = fopen(path, "wb");
    if (!out)
        abort();
    int rc = emit_database(out, s, n, NULL, why);
    int e = errno;
    long size = ftell(out);
    fclose(out);
    /* A failed database leaves nothing behind, not even a start. */
    if (rc != 0)
        CU_ASSERT_EQUAL(size, 0);
    errno = e;
    if (rc == 0)
        return path;
    free(path);
    return NULL;
}

/* Removes the database at PATH and its folder. */
static void remove_database(char *path)
{
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}

/* The sources a database was written from, to render their CSVs. */
typedef struct {
    const emit_source *s;
    size_t n;
} rendering;

/* Dataset D of the sources ARG (a rendering) as the CSV writer writes
 * it, parsed. */
static int render_csv(const schema_dataset *d, tk_csv *csv, void *arg)
{
    const rendering *r = arg;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return -1;
    int rc = emit_dataset(out, d->name, EMIT_CSV, r->s, r->n, NULL);
    fclose(out);
    rc = rc == 0 ? tk_csv_parse(text, csv) : -1;
    free(text);
    return rc;
}

/* What SQL returns in DB is WANT. */
static void check_one(sqlite3 *db, const char *sql, const char *want, unsigned line)
{
    char *got = dbc_one(db, sql);
    int same = strcmp(got, want) == 0;
    if (!same)
        fprintf(stderr, "\ntest_database.c:%u: %s\n  expected [%s]\n  got      [%s]\n", line,
                sql, want, got);
    CU_assertImplementation(same, line, "query result", __FILE__, "", CU_FALSE);
    free(got);
}
#define CHECK_ONE(db, sql, want) check_one((db), (sql), (want), __LINE__)

/* Two editions of a period (the first superseded), a failed input and a
 * report without a period, with names in several scripts, text that a
 * spreadsheet would take for a formula or a number, unknown cells, and
 * a file name that is not UTF-8. */
static size_t awkward_sources(emit_source *s)
{
    ddor_report *r1 = rb_new_report("2017-02-04");
    snprintf(r1->period_end, sizeof r1->period_end, "2017-02-10");
    r1->detainers_issued = 3083;
    r1->declined_stated = 3;
    rb_add_declined(r1, 2, (rb_declined_row){ "TX", "Peña Blanca", "00123", "México", "MX",
                    "2017-02-01", "2017-02-03", "=1+2", "convicted" });
    rb_add_declined(r1, 3, (rb_declined_row){ "", "", "", "", "", "", "", "", "" });
    rb_add_declined(r1, 3, (rb_declined_row){ "NY", "Kings County", "+SUM(A1)", "Guatemala",
                    "GT", "2016-02-29", "2016-03-01", "Assault", "charged" });
    rb_add_top(r1, 1, "TX", "Harris County", 51);
    rb_add_top(r1, -1, "NV", "Clark County", -1);
    rb_add_policy(r1, "CA", "Santa Clara County", "-2");
    rb_add_policy(r1, "", "@home", "Ошибка; DROP TABLE reports; --");

    ddor_report *r2 = rb_new_report("2017-02-04");
    rb_add_declined(r2, 2, (rb_declined_row){ "TX", "Peña Blanca", "Jail", "México", "MX",
                    "2017-02-01", "2017-02-03", "Assault", "convicted" });
    rb_add_declined(r2, 2, (rb_declined_row){ "TX", "Travis County", "Jail", "Honduras", "HN",
                    "2017-02-02", "2017-02-03", "Assault", "charged" });
    rb_add_declined(r2, 4, (rb_declined_row){ "TX", "Travis County", "Jail", "Honduras", "",
                    "2017-02-02", "2017-02-04", "Burglary", "" });
    rb_add_declined(r2, 4, (rb_declined_row){ "TX", "Travis County", "Jail", "", "",
                    "2017-02-02", "2017-02-04", "Assault", "charged" });

    ddor_report *r3 = rb_new_report("");
    rb_add_declined(r3, 1, (rb_declined_row){ "CA", "Los Angeles County", "Men's Central",
                    "Kosovo", "XK", "2017-01-01", "2017-01-02", "Assault", "convicted" });

    s[0] = rb_converted("weekly.pdf", r1);
    s[1] = rb_converted("dir/caf\xE9 re-issue.pdf", r2);
    s[2] = rb_failed("scan.pdf", "no text layer");
    s[3] = rb_converted("0042.pdf", r3);
    for (size_t i = 0; i < 4; i++)
        s[i].added = i + 1;
    emit_order_sources(s, 4);
    emit_assign_ids(s, 4);
    emit_supersede(s, 4);
    return 4;
}

static void test_awkward_values(void)
{
    emit_source s[4];
    size_t n = awkward_sources(s);
    char *why = NULL;
    char *path = write_database(s, n, &why);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    CU_ASSERT_PTR_NULL(why);
    sqlite3 *db = dbc_open(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    rendering sources = { s, n };
    long rows, figures;
    CU_ASSERT_EQUAL(dbc_compare_all(db, render_csv, &sources, &rows, &figures), 0);
    CU_ASSERT_EQUAL(rows, 4 + 8 + 2 + 2 + 5 + 5);    /* every row of every table */
    CU_ASSERT_EQUAL(figures, 2 + 3 + 2);
    CU_ASSERT_EQUAL(dbc_check_structure(db), 0);

    /* The values themselves: no formula guard, text stays text. */
    CHECK_ONE(db, "SELECT crime || '|' || typeof(crime) FROM declined_detainers "
                  "WHERE report_id = '2017-02-04' AND \"row\" = 1", "=1+2|text");
    CHECK_ONE(db, "SELECT facility || '|' || typeof(facility) || '|' || county "
                  "FROM declined_detainers WHERE report_id = '2017-02-04' AND \"row\" = 1",
              "00123|text|Peña Blanca");
    CHECK_ONE(db, "SELECT report_id || '|' || typeof(report_id) FROM reports "
                  "WHERE source_file = '0042.pdf'", "0042|text");
    CHECK_ONE(db, "SELECT group_concat(policy, '|') FROM policy_jurisdictions",
              "-2|Ошибка; DROP TABLE reports; --");
    /* A stray byte of a file name reads U+FFFD, as in the CSV. */
    CHECK_ONE(db, "SELECT source_file FROM reports WHERE report_id = '2017-02-04-2'",
              "dir/caf\xEF\xBF\xBD re-issue.pdf");
    /* Unknown cells are NULL; integers are integers. */
    CHECK_ONE(db, "SELECT count(*) FROM declined_detainers WHERE report_id = '2017-02-04' "
                  "AND \"row\" = 2 AND page = 3 AND coalesce(state, county, facility, "
                  "citizenship, country_code, detainer_issued, detainer_declined, crime, "
                  "crime_status) IS NULL", "1");
    CHECK_ONE(db, "SELECT quote(rank) || ',' || quote(detainers_issued) "
                  "FROM top_jurisdictions WHERE county = 'Clark County'", "NULL,NULL");
    CHECK_ONE(db, "SELECT typeof(pages) || typeof(detainers_issued) || typeof(declined_stated) "
                  "|| typeof(added) || ' ' || detainers_issued FROM reports "
                  "WHERE report_id = '2017-02-04'", "integerintegerintegerinteger 3083");
    CHECK_ONE(db, "SELECT detainer_issued FROM declined_detainers "
                  "WHERE report_id = '2017-02-04' AND \"row\" = 3", "2016-02-29");
    CHECK_ONE(db, "SELECT status || '|' || message || '|' || quote(pages) || '|' || "
                  "quote(period_start) FROM reports WHERE report_id = 'scan'",
              "error|no text layer|NULL|NULL");
    /* The first edition is superseded by the re-issue. */
    CHECK_ONE(db, "SELECT superseded_by FROM reports WHERE report_id = '2017-02-04'",
              "2017-02-04-2");
    CHECK_ONE(db, "SELECT quote(superseded_by) FROM reports WHERE report_id = '2017-02-04-2'",
              "NULL");

    /* The figures count the current edition and the report without a
     * period, not the superseded edition nor the failed input; a share
     * is of all the report's rows, with a citizenship or not. */
    CHECK_ONE(db, "SELECT group_concat(report_id, '|') FROM current_reports",
              "0042|2017-02-04-2");
    CHECK_ONE(db, "SELECT group_concat(report_id || ':' || convicted || '/' || charged, '|') "
                  "FROM weekly_totals", "2017-02-04-2:1/2|0042:1/0");
    CHECK_ONE(db, "SELECT group_concat(crime || ':' || convicted || '/' || charged || '/' "
                  "|| total, '|') FROM crime_totals", "Assault:2/2/4|Burglary:0/0/1");
    CHECK_ONE(db, "SELECT group_concat(citizenship || ':' || quote(country_code) || ':' || "
                  "declined || ':' || share, '|') FROM country_shares "
                  "WHERE report_id = '2017-02-04-2'", "Honduras:'HN':2:50.0|México:'MX':1:25.0");
    CHECK_ONE(db, "SELECT typeof(share) FROM country_shares LIMIT 1", "real");

    sqlite3_close(db);
    remove_database(path);
    rb_clear_all(s, n);
}

/* A source with one declined row, issued on ISSUED, of crime status STATUS. */
static emit_source one_row(const char *issued, const char *status)
{
    ddor_report *r = rb_new_report("2017-02-04");
    rb_add_declined(r, 2, (rb_declined_row){ "TX", "Travis County", "Jail", "Mexico", "MX",
                    issued, "2017-02-03", "Assault", status });
    return rb_converted("w.pdf", r);
}

/* Writing S fails with EXPECTED_ERRNO and a reason that holds each of
 * the NULL-terminated WANT. */
static void expect_refusal(emit_source *s, size_t n, int expected_errno,
                           const char *const *want, unsigned line)
{
    char *why = NULL;
    errno = 0;
    char *path = write_database(s, n, &why);
    int e = errno;
    int ok = path == NULL && e == expected_errno && why != NULL;
    for (size_t i = 0; ok && want[i]; i++)
        ok = strstr(why, want[i]) != NULL;
    if (!ok)
        fprintf(stderr, "\ntest_database.c:%u: errno %d (%s), reason [%s]\n", line, e,
                strerror(e), why ? why : "(none)");
    CU_assertImplementation(ok, line, "refused", __FILE__, "", CU_FALSE);
    free(why);
    if (path)
        remove_database(path);
}
#define EXPECT_REFUSAL(s, n, e, ...) \
    expect_refusal((s), (n), (e), (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)

static void test_refused_values(void)
{
    /* A day the month does not have: a date SQLite's date() would pass. */
    emit_source s[2] = { one_row("2017-02-30", "convicted") };
    emit_assign_ids(s, 1);
    EXPECT_REFUSAL(s, 1, EINVAL, "declined_detainers, row 1", "CHECK constraint failed",
                   "detainer_issued");
    rb_clear_all(s, 1);

    s[0] = one_row("2017-02-01", "maybe");
    emit_assign_ids(s, 1);
    EXPECT_REFUSAL(s, 1, EINVAL, "declined_detainers, row 1", "crime_status IN");
    rb_clear_all(s, 1);

    s[0] = one_row("2017-02-01", "convicted");
    s[0].sha256[0] = 'A';                 /* uppercase hex */
    emit_assign_ids(s, 1);
    EXPECT_REFUSAL(s, 1, EINVAL, "reports, row 1", "sha256");
    rb_clear_all(s, 1);

    /* Two reports under one id: the key refuses the second. */
    s[0] = one_row("2017-02-01", "convicted");
    s[1] = one_row("2017-02-01", "charged");
    s[0].report_id = rb_text_copy("same");
    s[1].report_id = rb_text_copy("same");
    EXPECT_REFUSAL(s, 2, EINVAL, "reports, row 2", "UNIQUE constraint failed: reports.report_id");
    /* Without a place for the reason, only errno says it. */
    FILE *out = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    errno = 0;
    CU_ASSERT_EQUAL(emit_database(out, s, 2, NULL, NULL), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    CU_ASSERT_EQUAL(ftell(out), 0);
    errno = 0;
    CU_ASSERT_EQUAL(emit_database(NULL, s, 2, NULL, NULL), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    fclose(out);
    rb_clear_all(s, 2);
}

static void test_write_error(void)
{
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        return;                   /* no /dev/full: nothing to check against */
    emit_source s[4];
    size_t n = awkward_sources(s);
    char *why = (char *)"untouched";
    errno = 0;
    CU_ASSERT_EQUAL(emit_database(full, s, n, NULL, &why), -1);
    CU_ASSERT_EQUAL(errno, ENOSPC);
    CU_ASSERT_PTR_NULL(why);      /* errno says it all */
    fclose(full);
    rb_clear_all(s, n);
}

/* ---- the SQL made from the schema ---------------------------------------- */

/* Descriptions with line breaks, SQL, comment marks and a byte that is
 * not UTF-8; names that are keywords or need quotes. */
static const schema_column odd_columns[] = {
    { "report_id", SCHEMA_CODE, "line one\nDROP TABLE t; --\r\nline three", SCHEMA_ANY,
      1, -1, 1 },
    { "order", SCHEMA_INTEGER, "*/ a keyword /* \xFF", SCHEMA_ANY, 0, 0, 1 },
    { "we\"ird name", SCHEMA_DATE, "'quoted' \"text\"\x7f", SCHEMA_ANY, 0, -1, 0 },
};
static const char *const odd_key[] = { "report_id", "order", NULL };
static const schema_dataset odd_dataset = {
    "odd table", "a table\nwith a line break", odd_columns,
    sizeof odd_columns / sizeof odd_columns[0], odd_key, 0
};

/* Inserts the values into the odd table; SQLite's result code. */
static int insert_odd(sqlite3 *db, const char *id, long order, const char *date)
{
    char *sql = database_insert_sql(&odd_dataset);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, order);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

static void test_schema_sql(void)
{
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &db), SQLITE_OK);
    char *create = database_create_table_sql(&odd_dataset);
    char *indexes = database_create_indexes_sql(&odd_dataset);
    CU_ASSERT_PTR_NOT_NULL_FATAL(create);
    CU_ASSERT_PTR_NOT_NULL_FATAL(indexes);
    CU_ASSERT_EQUAL(sqlite3_exec(db, create, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(db, indexes, NULL, NULL, NULL), SQLITE_OK);
    /* Every description stayed a comment of one line, in UTF-8. */
    CU_ASSERT_PTR_NOT_NULL(strstr(create, "-- line one DROP TABLE t; --  line three\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(create, "-- */ a keyword /* \xEF\xBF\xBD\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(create, "( -- a table with a line break\n"));
    CHECK_ONE(db, "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || pk, "
                  "'|') FROM pragma_table_info('odd table')",
              "report_id TEXT 1 1|order INTEGER 1 2|we\"ird name TEXT 0 0");
    CHECK_ONE(db, "SELECT strict FROM pragma_table_list WHERE name = 'odd table'", "1");
    /* report_id leads the key: only "order" gets an index of its own. */
    CHECK_ONE(db, "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'index' "
                  "AND name NOT LIKE 'sqlite_autoindex%'", "odd table_order");
    /* The constraints hold; a STRICT table's key is never NULL. */
    CU_ASSERT_EQUAL(insert_odd(db, "a", 0, "2016-02-29"), SQLITE_DONE);
    CU_ASSERT_EQUAL(insert_odd(db, "b", -1, "2016-02-29"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(insert_odd(db, "c", 1, "2017-02-29"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(insert_odd(db, "d", 1, "2017-2-1"), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(insert_odd(db, "a", 0, NULL), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(insert_odd(db, NULL, 5, NULL), SQLITE_CONSTRAINT);
    CU_ASSERT_EQUAL(insert_odd(db, "e", 5, NULL), SQLITE_DONE);
    CHECK_ONE(db, "SELECT count(*) FROM \"odd table\"", "2");
    sqlite3_free(create);
    sqlite3_free(indexes);
    sqlite3_close(db);
}

void suite_database(void)
{
    CU_pSuite s = CU_add_suite("database (--format sqlite)", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "the SQL made from the schema", test_schema_sql);
    CU_add_test(s, "awkward values, editions, views", test_awkward_values);
    CU_add_test(s, "values the schema refuses", test_refused_values);
    CU_add_test(s, "a write error", test_write_error);
    CU_add_test(s, "every fixture: the CSV's values", test_each_fixture);
    CU_add_test(s, "an archive, and the database alone", test_archive);
}
