/*
 * The one schema (emit/schema.h) and the tables that hold the dataset
 * writers to it (emit/table.h); the output files of each set of formats.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "../emit/output_files.h"
#include "../emit/schema.h"
#include "../emit/table.h"
#include "suites.h"

/* The datasets of the schema are the datasets written, in their order. */
static void test_schema_lists_every_dataset(void)
{
    size_t n = 0;
    while (emit_dataset_names[n])
        n++;
    CU_ASSERT_EQUAL(schema_ndatasets, n);
    for (size_t i = 0; i < n && i < schema_ndatasets; i++) {
        CU_ASSERT_STRING_EQUAL(schema_datasets[i].name, emit_dataset_names[i]);
        CU_ASSERT_PTR_EQUAL(schema_dataset_named(emit_dataset_names[i]), &schema_datasets[i]);
    }
    CU_ASSERT_PTR_NULL(schema_dataset_named("nope"));
    CU_ASSERT_PTR_NULL(schema_dataset_named(NULL));
}

/* Keys name columns that exist and are never empty; every dataset that
 * refers to reports starts with report_id, as the contract orders it. */
static void test_schema_keys_are_columns(void)
{
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        CU_ASSERT(d->ncolumns > 0 && d->description && d->description[0]);
        for (size_t k = 0; d->primary_key && d->primary_key[k]; k++) {
            const schema_column *c = schema_column_named(d, d->primary_key[k]);
            CU_ASSERT_PTR_NOT_NULL(c);
            if (c)
                CU_ASSERT(c->required);
        }
        if (d->refers_to_reports) {
            CU_ASSERT_STRING_EQUAL(d->columns[0].name, "report_id");
            CU_ASSERT_EQUAL(d->columns[0].type, SCHEMA_CODE);
        }
        for (size_t c = 0; c < d->ncolumns; c++) {
            const schema_column *col = &d->columns[c];
            CU_ASSERT(col->description && col->description[0]);
            /* A minimum bounds integers only; vocabularies are codes. */
            if (col->minimum >= 0)
                CU_ASSERT_EQUAL(col->type, SCHEMA_INTEGER);
            if (col->vocabulary != SCHEMA_ANY)
                CU_ASSERT_EQUAL(col->type, SCHEMA_CODE);
            for (size_t o = 0; o < c; o++)
                CU_ASSERT(strcmp(d->columns[o].name, col->name) != 0);
        }
    }
    const schema_dataset *reports = schema_dataset_named("reports");
    CU_ASSERT(reports && !reports->refers_to_reports && reports->primary_key &&
              strcmp(reports->primary_key[0], "report_id") == 0 && !reports->primary_key[1]);
}

/* The CSV header of every dataset is its columns' names. */
static void test_headers_are_the_schema(void)
{
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        CU_ASSERT_FATAL(out != NULL);
        CU_ASSERT_EQUAL(emit_dataset(out, d->name, EMIT_CSV, NULL, 0, NULL), 0);
        fclose(out);
        char want[1024] = "";
        for (size_t c = 0; c < d->ncolumns; c++) {
            strcat(want, c ? "," : "");
            strcat(want, d->columns[c].name);
        }
        strcat(want, "\n");
        CU_ASSERT_STRING_EQUAL(buf, want);
        free(buf);
    }
    /* Only streams are written one dataset at a time. */
    FILE *out = fopen("/dev/null", "w");
    CU_ASSERT_FATAL(out != NULL);
    errno = 0;
    CU_ASSERT_EQUAL(emit_dataset(out, "reports", EMIT_XLSX, NULL, 0, NULL), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    CU_ASSERT_EQUAL(emit_datapackage(out, EMIT_SQLITE, NULL), -1);
    fclose(out);
}

/* The manual's SCHEMA section lists every dataset's columns and types
 * as the schema has them: written here from the schema, it must be in
 * the page word for word (the failure prints what it should be). */
static void test_manual_lists_the_schema(void)
{
    char *page = NULL, *want = NULL;
    size_t plen = 0, wlen = 0;
    FILE *f = fopen("doc/ddor2csv.1", "r");
    CU_ASSERT_FATAL(f != NULL);
    FILE *mem = open_memstream(&page, &plen);
    CU_ASSERT_FATAL(mem != NULL);
    int ch;
    while ((ch = getc(f)) != EOF)
        putc(ch, mem);
    fclose(f);
    fclose(mem);
    FILE *out = open_memstream(&want, &wlen);
    CU_ASSERT_FATAL(out != NULL);
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        fprintf(out, ".TP\n.B %s\n", d->name);
        if (d->primary_key) {
            fputs("Key:", out);
            for (size_t k = 0; d->primary_key[k]; k++)
                fprintf(out, "%s %s", k ? "," : "", d->primary_key[k]);
            fputs(".", out);
        } else {
            fputs("No key.", out);
        }
        fputs(d->refers_to_reports ? " Its report_id refers to reports.\n" : "\n", out);
        fputs(".RS\n.nf\n", out);
        for (size_t c = 0; c < d->ncolumns; c++)
            fprintf(out, "%-19s%s%s\n", d->columns[c].name,
                    schema_type_name(d->columns[c].type),
                    d->columns[c].required ? ", never empty" : "");
        fputs(".fi\n.RE\n", out);
    }
    fclose(out);
    const char *section = strstr(page, "\n.SH SCHEMA\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(section);
    const char *end = strstr(section + 1, "\n.SH ");
    const char *found = strstr(section, want);
    CU_ASSERT(found != NULL && (!end || found < end));
    if (!found)
        fprintf(stderr, "\ndoc/ddor2csv.1 should list, under .SH SCHEMA:\n%s", want);
    free(page);
    free(want);
}

/* ---- a table held to its schema ---------------------------------------- */

/* A format that writes each cell as a letter: t(ext), n(ull), i(nteger),
 * u(nknown integer), and | at a row's end. */
typedef struct {
    table t;
    char seen[64];
} recording;

static void record(table *t, char what)
{
    recording *r = (recording *)t;
    size_t len = strlen(r->seen);
    if (len + 1 < sizeof r->seen) {
        r->seen[len] = what;
        r->seen[len + 1] = '\0';
    }
}

static void rec_text(table *t, const schema_column *c, const char *s)
{
    CU_ASSERT(c->type != SCHEMA_INTEGER);
    record(t, s ? 't' : 'n');
}

static void rec_integer(table *t, const schema_column *c, long v)
{
    CU_ASSERT_EQUAL(c->type, SCHEMA_INTEGER);
    record(t, v >= 0 ? 'i' : 'u');
}

static void rec_row_end(table *t)
{
    record(t, '|');
}

static const table_format recording_format = { rec_text, rec_integer, rec_row_end };

static recording *begin(const char *dataset)
{
    static recording r;
    memset(&r, 0, sizeof r);
    table_begin(&r.t, &recording_format, schema_dataset_named(dataset));
    return &r;
}

static void test_table_checks_cells(void)
{
    /* top_jurisdictions: report_id, rank, state, county, detainers_issued */
    recording *r = begin("top_jurisdictions");
    table_text(&r->t, "2017-01-28");
    table_integer(&r->t, 1);
    table_text(&r->t, "");            /* empty text is unknown */
    table_text(&r->t, NULL);
    table_integer(&r->t, -1);
    table_row_end(&r->t);
    CU_ASSERT_EQUAL(r->t.err, 0);
    CU_ASSERT_STRING_EQUAL(r->seen, "tinnu|");

    /* An integer where the schema has text: the table fails, and writes
     * nothing more. */
    r = begin("top_jurisdictions");
    table_integer(&r->t, 7);
    table_integer(&r->t, 1);
    table_row_end(&r->t);
    CU_ASSERT_EQUAL(r->t.err, EINVAL);
    CU_ASSERT_STRING_EQUAL(r->seen, "");

    /* Text where the schema has an integer. */
    r = begin("top_jurisdictions");
    table_text(&r->t, "x");
    table_text(&r->t, "1");
    CU_ASSERT_EQUAL(r->t.err, EINVAL);
    CU_ASSERT_STRING_EQUAL(r->seen, "t");

    /* A row ended short. */
    r = begin("policy_jurisdictions");
    table_text(&r->t, "x");
    table_text(&r->t, "CA");
    table_row_end(&r->t);
    CU_ASSERT_EQUAL(r->t.err, EINVAL);

    /* A cell beyond the last column. */
    r = begin("policy_jurisdictions");
    for (int i = 0; i < 5; i++)
        table_text(&r->t, "x");
    CU_ASSERT_EQUAL(r->t.err, EINVAL);
    CU_ASSERT_STRING_EQUAL(r->seen, "tttt");

    /* A failure from outside is kept, and the first one wins. */
    r = begin("policy_jurisdictions");
    table_fail(&r->t, ENOMEM);
    table_fail(&r->t, EIO);
    table_text(&r->t, "x");
    CU_ASSERT_EQUAL(r->t.err, ENOMEM);
    CU_ASSERT_STRING_EQUAL(r->seen, "");
}

/* ---- the files of each set of formats ---------------------------------- */

static size_t count_with_suffix(const output_file *files, size_t n, const char *suffix)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(files[i].name), slen = strlen(suffix);
        count += len >= slen && strcmp(files[i].name + len - slen, suffix) == 0;
    }
    return count;
}

static const output_file *named(const output_file *files, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}

static void test_output_files_of_formats(void)
{
    static const struct {
        unsigned formats;
        size_t csv, jsonl, workbook, database, total;
        int described;        /* the format datapackage.json describes; -1: none */
    } cases[] = {
        { 0, 6, 0, 0, 0, 7, EMIT_CSV },
        { EMIT_FORMAT_BIT(EMIT_CSV), 6, 0, 0, 0, 7, EMIT_CSV },
        { EMIT_FORMAT_BIT(EMIT_JSONL), 0, 6, 0, 0, 7, EMIT_JSONL },
        { EMIT_FORMAT_BIT(EMIT_CSV) | EMIT_FORMAT_BIT(EMIT_JSONL), 6, 6, 0, 0, 13, EMIT_CSV },
        { EMIT_FORMAT_BIT(EMIT_XLSX), 0, 0, 1, 0, 1, -1 },
        { EMIT_FORMAT_BIT(EMIT_SQLITE), 0, 0, 0, 1, 1, -1 },
        { EMIT_FORMAT_BIT(EMIT_XLSX) | EMIT_FORMAT_BIT(EMIT_SQLITE), 0, 0, 1, 1, 2, -1 },
        { EMIT_FORMAT_BIT(EMIT_JSONL) | EMIT_FORMAT_BIT(EMIT_SQLITE), 0, 6, 0, 1, 8, EMIT_JSONL },
        { 0xFu, 6, 6, 1, 1, 15, EMIT_CSV },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        emit_options opt = { .formats = cases[i].formats };
        size_t n = 0;
        output_file *files = output_files_list(&opt, &n);
        CU_ASSERT_FATAL(files != NULL);
        CU_ASSERT_EQUAL(n, cases[i].total);
        CU_ASSERT_EQUAL(count_with_suffix(files, n, ".csv"), cases[i].csv);
        CU_ASSERT_EQUAL(count_with_suffix(files, n, ".jsonl"), cases[i].jsonl);
        CU_ASSERT_EQUAL(named(files, n, OUTPUT_WORKBOOK) != NULL, cases[i].workbook);
        CU_ASSERT_EQUAL(named(files, n, OUTPUT_DATABASE) != NULL, cases[i].database);
        const output_file *dp = named(files, n, "datapackage.json");
        CU_ASSERT_EQUAL(dp != NULL, cases[i].described >= 0);
        if (dp) {
            CU_ASSERT_EQUAL((int)dp->format, cases[i].described);
            /* It describes files that are written, and comes last. */
            CU_ASSERT_PTR_EQUAL(dp, &files[n - 1]);
        }
        for (size_t k = 0; k < n; k++)
            CU_ASSERT(output_files_is_ours(files[k].name));
        free(files);
    }
    const char *not_ours[] = { "ddor.xlsx.tmp", "ddor", "ddor.sqlite-journal", "report.csv",
                               "reports.xlsx", "reports.sqlite", ".ddor2csv", "", NULL };
    for (size_t i = 0; not_ours[i]; i++)
        CU_ASSERT(!output_files_is_ours(not_ours[i]));
}

static void test_format_names(void)
{
    for (int f = 0; f < EMIT_NFORMATS; f++) {
        const char *name = emit_format_name((emit_format)f);
        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        CU_ASSERT_EQUAL(emit_format_named(name), f);
        CU_ASSERT_EQUAL(emit_format_is_stream((emit_format)f), f == EMIT_CSV || f == EMIT_JSONL);
    }
    CU_ASSERT_PTR_NULL(emit_format_name(EMIT_NFORMATS));
    CU_ASSERT_EQUAL(emit_format_named("CSV"), -1);
    CU_ASSERT_EQUAL(emit_format_named(""), -1);
    CU_ASSERT_EQUAL(emit_format_named(NULL), -1);
    CU_ASSERT_EQUAL(emit_formats(NULL), EMIT_FORMAT_BIT(EMIT_CSV));
}

void suite_schema(void)
{
    CU_pSuite s = CU_add_suite("schema, tables and formats", NULL, NULL);
    CU_add_test(s, "the schema lists every dataset", test_schema_lists_every_dataset);
    CU_add_test(s, "keys are columns", test_schema_keys_are_columns);
    CU_add_test(s, "headers are the schema's", test_headers_are_the_schema);
    CU_add_test(s, "the manual lists the schema", test_manual_lists_the_schema);
    CU_add_test(s, "a table checks its cells", test_table_checks_cells);
    CU_add_test(s, "the output files of each set of formats", test_output_files_of_formats);
    CU_add_test(s, "format names", test_format_names);
}
