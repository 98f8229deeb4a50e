/*
 * The workbook (--format xlsx): read back with an independent reader,
 * openpyxl through tests/xlsx-dump, and compared with the CSV of each
 * dataset value by value, each cell's type with the schema's; the sheet
 * about; awkward values (accents, digits, formulas, escapes, bytes that
 * are not UTF-8); the limits of a cell and of a sheet; write failures.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../emit/schema.h"
#include "json_strict.h"
#include "output_folder.h"
#include "package_check.h"
#include "report_builder.h"
#include "suites.h"
#include "testkit.h"

/* The independent reader: openpyxl, which the system's Python has
 * (python3-openpyxl); the python3 first on PATH may be another. */
#define PYTHON "/usr/bin/python3"
#define DUMP "tests/xlsx-dump"

/* The widest column, as the writer caps it (emit/xlsx.h). */
#define WIDTH_MAX 60

/* ---- reading the workbook back ------------------------------------------ */

/* Every line of tests/xlsx-dump's output, parsed. */
typedef struct {
    JsonNode **lines;
    size_t n;
} book_dump;

static void dump_free(book_dump *b)
{
    for (size_t i = 0; i < b->n; i++)
        json_node_unref(b->lines[i]);
    free(b->lines);
    b->lines = NULL;
    b->n = 0;
}

/* Reads workbook XLSX with the dump.  Returns 0, or -1 with the reason
 * shown: a missing openpyxl fails the test that asked, it skips nothing. */
static int dump_read(const char *xlsx, book_dump *b)
{
    memset(b, 0, sizeof *b);
    tk_spec spec = { .binary = PYTHON };
    const char *argv[] = { DUMP, xlsx, NULL };
    char *out = NULL, *err = NULL;
    int rc = access(PYTHON, X_OK) == 0 ? tk_run_with(&spec, argv, &out, &err) : -1;
    if (rc != 0) {
        fprintf(stderr, "\n  %s %s %s: exit %d: %s", PYTHON, DUMP, xlsx, rc,
                rc == -1 && !err ? PYTHON " is missing (install python3-openpyxl)"
                                 : err ? err : "");
        CU_FAIL("the workbook could not be read back with openpyxl");
        free(out);
        free(err);
        return -1;
    }
    int ok = 1;
    for (char *line = out, *end; ok && line && *line; line = end ? end + 1 : NULL) {
        end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        JsonNode **more = realloc(b->lines, (b->n + 1) * sizeof *more);
        char why[256];
        if (!more) {
            ok = 0;
            break;
        }
        b->lines = more;
        if (!(b->lines[b->n] = js_parse(line, len, why, sizeof why))) {
            fprintf(stderr, "\n  %s: line %zu: %s", DUMP, b->n + 1, why);
            ok = 0;
            break;
        }
        b->n++;
    }
    free(out);
    free(err);
    CU_ASSERT(ok);
    if (!ok)
        dump_free(b);
    return ok ? 0 : -1;
}

/* The index of the facts line of SHEET; its rows follow it, from row 1.
 * (size_t)-1 when there is none. */
static size_t sheet_at(const book_dump *b, const char *sheet)
{
    for (size_t i = 0; i < b->n; i++) {
        const char *name = js_string(b->lines[i], "sheet");
        if (name && strcmp(name, sheet) == 0 && !js_get(b->lines[i], "row"))
            return i;
    }
    return (size_t)-1;
}

static long number_of(JsonNode *v, const char *key)
{
    JsonNode *n = js_get(v, key);
    return js_is_integer(n) ? (long)json_node_get_int(n) : -1;
}

/* Whether NODE is a JSON number, integer or not. */
static int is_number(JsonNode *node)
{
    if (!node || !JSON_NODE_HOLDS_VALUE(node))
        return 0;
    GType type = json_node_get_value_type(node);
    return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* The cells of row ROW (from 1) of the sheet whose facts are line AT;
 * NULL when the dump has no such row. */
static JsonArray *row_cells(const book_dump *b, size_t at, long row)
{
    if (at == (size_t)-1 || at + (size_t)row >= b->n)
        return NULL;
    JsonNode *line = b->lines[at + (size_t)row];
    if (number_of(line, "row") != row)
        return NULL;
    return js_array(js_get(line, "cells"));
}

/* Cell COL (from 0) of CELLS; NULL when it is empty or absent. */
static JsonNode *cell_at(JsonArray *cells, size_t col)
{
    if (!cells || col >= json_array_get_length(cells))
        return NULL;
    JsonNode *cell = json_array_get_element(cells, (guint)col);
    return JSON_NODE_HOLDS_OBJECT(cell) ? cell : NULL;
}

/* The cell's value as text: a string's characters, a number as the JSON
 * wrote it, a date as YYYY-MM-DD. */
static const char *cell_text(JsonNode *cell)
{
    /* Numbers are printed into one of a few buffers, so that a caller
     * may hold two values at once. */
    static char numbers[4][64];
    static unsigned next;
    JsonNode *v = cell ? js_get(cell, "value") : NULL;
    if (js_text(v))
        return js_text(v);
    if (!is_number(v))
        return NULL;
    char *text = numbers[next++ % 4];
    if (js_is_integer(v))
        snprintf(text, sizeof numbers[0], "%" G_GINT64_FORMAT, json_node_get_int(v));
    else
        snprintf(text, sizeof numbers[0], "%.17g", json_node_get_double(v));
    return text;
}

/* A and B are the same text, neither NULL. */
static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const char *cell_type(JsonNode *cell)
{
    return cell ? js_string(cell, "type") : NULL;
}

static int cell_bold(JsonNode *cell)
{
    return cell && js_is_true(js_get(cell, "bold"));
}

/* ---- comparing with the CSV --------------------------------------------- */

/* The value a CSV cell stands for: without the formula guard, the "'"
 * that the CSV puts before a text a spreadsheet would run. */
static const char *unguarded(const char *csv)
{
    if (csv[0] == '\'' && csv[1] && strchr("=+-@\t\r", csv[1]))
        return csv + 1;
    return csv;
}

/* Characters (code points) of UTF-8 text S. */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The mismatches found so far, the first few shown. */
static int mismatches;

static void mismatch(const char *sheet, size_t row, const char *column,
                     const char *what, const char *want, const char *got)
{
    if (mismatches++ < 12)
        fprintf(stderr, "\n  sheet %s row %zu column %s: %s: want [%s], got [%s]",
                sheet, row, column, what, want ? want : "(none)", got ? got : "(none)");
}

/* Compares one data cell with the CSV value CSV of column C. */
static void compare_cell(const char *sheet, size_t row, const schema_column *c,
                         const char *csv, JsonNode *cell)
{
    const char *want = unguarded(csv);
    const char *type = cell_type(cell), *got = cell_text(cell);
    if (!want[0]) {
        if (cell)
            mismatch(sheet, row, c->name, "an unknown value is an empty cell", "", got);
        return;
    }
    const char *want_type = c->type == SCHEMA_INTEGER ? "n"
                          : c->type == SCHEMA_DATE ? "d" : "s";
    if (!same(type, want_type))
        mismatch(sheet, row, c->name, "type", want_type, type);
    if (!same(got, want))
        mismatch(sheet, row, c->name, "value", want, got);
    if (cell_bold(cell))
        mismatch(sheet, row, c->name, "bold", "no", "yes");
    const char *format = cell ? js_string(cell, "format") : NULL;
    const char *want_format = c->type == SCHEMA_DATE ? "yyyy-mm-dd" : "General";
    if (!same(format, want_format))
        mismatch(sheet, row, c->name, "number format", want_format, format);
}

/* The width the writer gives column K of the dataset in CSV: its widest
 * value in characters, the header with two more for the filter's button,
 * at most WIDTH_MAX, and one more. */
static double fitted_width(const pc_table *csv, size_t k)
{
    size_t w = chars_of(csv->names[k]) + 2;
    for (size_t r = 0; r < csv->nrows; r++) {
        size_t n = chars_of(unguarded(csv->rows[r][k].text));
        if (n > w)
            w = n;
    }
    return (double)((w < WIDTH_MAX ? w : WIDTH_MAX) + 1);
}

/* Compares the sheet of dataset D in DUMP with DIR/<name>.csv: the facts
 * of the sheet, the header, every value and its type.  Returns the number
 * of rows compared (the header too), or -1 when the sheet or the CSV is
 * missing; mismatches are counted in MISMATCHES. */
static long compare_sheet(const book_dump *b, const char *dir, const schema_dataset *d)
{
    char file[64], why[512], range[32];
    snprintf(file, sizeof file, "%s.csv", d->name);
    char *path = tk_path(dir, file);
    pc_table csv;
    int read = pc_read_csv(path, &csv, why, sizeof why);
    free(path);
    if (read != 0) {
        fprintf(stderr, "\n  %s", why);
        return -1;
    }
    size_t at = sheet_at(b, d->name);
    if (at == (size_t)-1) {
        fprintf(stderr, "\n  no sheet %s", d->name);
        pc_table_free(&csv);
        return -1;
    }
    JsonNode *facts = b->lines[at];
    size_t rows = csv.nrows + 1;
    char count[32];
    snprintf(count, sizeof count, "%zu", rows);
    if (number_of(facts, "max_row") != (long)rows)
        mismatch(d->name, 0, "-", "rows", count, "another count");
    if (number_of(facts, "max_column") != (long)d->ncolumns)
        mismatch(d->name, 0, "-", "columns", "as the schema", "another count");
    const char *frozen = js_string(facts, "freeze_panes");
    if (!same(frozen, "A2"))
        mismatch(d->name, 0, "-", "frozen panes", "A2", frozen);
    snprintf(range, sizeof range, "A1:%c%zu", 'A' + (int)d->ncolumns - 1, rows);
    const char *filter = js_string(facts, "auto_filter");
    if (!same(filter, range))
        mismatch(d->name, 0, "-", "autofilter", range, filter);

    JsonNode *widths = js_get(facts, "widths");
    JsonArray *header = row_cells(b, at, 1);
    for (size_t k = 0; k < d->ncolumns; k++) {
        const schema_column *c = &d->columns[k];
        JsonNode *cell = cell_at(header, k);
        if (k >= csv.ncols || strcmp(csv.names[k], c->name) != 0)
            mismatch(d->name, 1, c->name, "CSV header", c->name, k < csv.ncols ? csv.names[k] : NULL);
        if (!same(cell_text(cell), c->name) || !same(cell_type(cell), "s") ||
            !cell_bold(cell))
            mismatch(d->name, 1, c->name, "bold string header", c->name, cell_text(cell));
        /* libxlsxwriter stores a width rounded up to whole pixels. */
        char letter[2] = { (char)('A' + k), '\0' };
        JsonNode *w = widths ? js_get(widths, letter) : NULL;
        double want = k < csv.ncols ? fitted_width(&csv, k) : 0;
        double got = is_number(w) ? json_node_get_double(w) : -1;
        if (got < want || got >= want + 1) {
            char a[32], g[32];
            snprintf(a, sizeof a, "%.0f", want);
            snprintf(g, sizeof g, "%g", got);
            mismatch(d->name, 1, c->name, "width", a, g);
        }
    }
    for (size_t r = 0; r < csv.nrows; r++) {
        JsonArray *cells = row_cells(b, at, (long)r + 2);
        if (!cells) {
            mismatch(d->name, r + 2, "-", "row", "in the sheet", NULL);
            continue;
        }
        for (size_t k = 0; k < d->ncolumns && k < csv.nfields[r]; k++)
            compare_cell(d->name, r + 2, &d->columns[k], csv.rows[r][k].text,
                         cell_at(cells, k));
        size_t ncells = json_array_get_length(cells);
        if (ncells > d->ncolumns)
            for (size_t k = d->ncolumns; k < ncells; k++)
                if (cell_at(cells, k))
                    mismatch(d->name, r + 2, "-", "cells past the last column", "", "a cell");
    }
    pc_table_free(&csv);
    return (long)rows;
}

/* The sheets of the workbook: about, then every dataset in the schema's
 * order, named after it. */
static void check_sheet_names(const book_dump *b)
{
    JsonArray *names = b->n > 0 ? js_array(js_get(b->lines[0], "sheets")) : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(names);
    CU_ASSERT_EQUAL_FATAL(json_array_get_length(names), schema_ndatasets + 1);
    CU_ASSERT(same(js_text(json_array_get_element(names, 0)), "about"));
    for (size_t i = 0; i < schema_ndatasets; i++)
        CU_ASSERT(same(js_text(json_array_get_element(names, (guint)i + 1)),
                       schema_datasets[i].name));
}

/* The row of the sheet whose facts are line AT that starts with the bold
 * cells NAMES (a table's header), from 1; -1 when there is none. */
static long header_row(const book_dump *b, size_t at, const char *const *names)
{
    long last = number_of(b->lines[at], "max_row");
    for (long r = 1; r <= last; r++) {
        JsonArray *cells = row_cells(b, at, r);
        int all = cells != NULL;
        for (size_t k = 0; all && names[k]; k++) {
            JsonNode *cell = cell_at(cells, k);
            all = cell_bold(cell) && same(cell_text(cell), names[k]);
        }
        if (all)
            return r;
    }
    return -1;
}

/* The sheet about: its list of reports holds the values of reports.csv
 * in DIR, typed as the reports sheet; its table of columns every column
 * of the schema, with its type. */
static void check_about(const book_dump *b, const char *dir)
{
    size_t at = sheet_at(b, "about");
    CU_ASSERT_FATAL(at != (size_t)-1);
    JsonNode *title = cell_at(row_cells(b, at, 1), 0);
    CU_ASSERT(cell_bold(title) &&
              same(cell_text(title), "Declined Detainer Outcome Reports"));
    JsonNode *intro = cell_at(row_cells(b, at, 2), 0);
    CU_ASSERT(cell_text(intro) && strstr(cell_text(intro), "ddor2csv " DDOR_VERSION));

    static const char *const listed[] = {
        "report_id", "period_start", "period_end", "status", "source_file",
        "superseded_by", NULL
    };
    long first = header_row(b, at, listed);
    CU_ASSERT_FATAL(first > 0);
    char why[512];
    char *path = tk_path(dir, "reports.csv");
    pc_table csv;
    CU_ASSERT_EQUAL_FATAL(pc_read_csv(path, &csv, why, sizeof why), 0);
    free(path);
    const schema_dataset *reports = schema_dataset_named("reports");
    for (size_t r = 0; r < csv.nrows; r++) {
        JsonArray *cells = row_cells(b, at, first + 1 + (long)r);
        for (size_t k = 0; listed[k]; k++) {
            size_t col = 0;
            while (col < csv.ncols && strcmp(csv.names[col], listed[k]) != 0)
                col++;
            CU_ASSERT_FATAL(col < csv.ncols);
            compare_cell("about", (size_t)first + 1 + r,
                         schema_column_named(reports, listed[k]),
                         csv.rows[r][col].text, cell_at(cells, k));
        }
    }
    /* The list ends with the reports. */
    JsonArray *after = row_cells(b, at, first + 1 + (long)csv.nrows);
    CU_ASSERT(after && !cell_at(after, 0));
    pc_table_free(&csv);

    static const char *const described[] = {
        "sheet", "column", "type", "required", "key", "description", NULL
    };
    long row = header_row(b, at, described);
    CU_ASSERT_FATAL(row > 0);
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        for (size_t k = 0; k < d->ncolumns; k++) {
            JsonArray *cells = row_cells(b, at, ++row);
            const char *want[] = {
                d->name, d->columns[k].name, schema_type_name(d->columns[k].type),
                d->columns[k].required ? "yes" : "no", NULL, d->columns[k].description
            };
            for (size_t c = 0; c < 6; c++) {
                const char *got = cell_text(cell_at(cells, c));
                if (want[c] && !same(got, want[c]))
                    mismatch("about", (size_t)row, described[c], "column table", want[c], got);
            }
            /* Every key column says so. */
            const char *key = cell_text(cell_at(cells, 4));
            int in_key = 0;
            for (const char *const *p = d->primary_key; p && *p; p++)
                in_key |= strcmp(*p, d->columns[k].name) == 0;
            if (in_key != (key && strstr(key, "primary key") != NULL))
                mismatch("about", (size_t)row, "key", "primary key", in_key ? "yes" : "no", key);
        }
    }
    CU_ASSERT(!cell_at(row_cells(b, at, row + 1), 0));
}

/* Compares every dataset's sheet of DIR/ddor.xlsx with DIR/<name>.csv and
 * checks the sheet about; returns the rows compared (-1: none could be). */
static long check_folder(const char *dir)
{
    char *xlsx = tk_path(dir, "ddor.xlsx");
    book_dump b;
    int read = dump_read(xlsx, &b);
    free(xlsx);
    if (read != 0)
        return -1;
    mismatches = 0;
    long rows = 0;
    check_sheet_names(&b);
    for (size_t i = 0; i < schema_ndatasets; i++) {
        long n = compare_sheet(&b, dir, &schema_datasets[i]);
        CU_ASSERT(n > 0);
        rows += n > 0 ? n : 0;
    }
    check_about(&b, dir);
    if (mismatches)
        fprintf(stderr, "\n  %s: %d values differ from the CSV\n", dir, mismatches);
    CU_ASSERT_EQUAL(mismatches, 0);
    dump_free(&b);
    return rows;
}

/* ---- the fixtures, end to end --------------------------------------------- */

/* Every fixture report, the hostile one (formula-like cells), and a copy
 * of one under a name that is not UTF-8, converted with --format
 * csv,xlsx: every value of every sheet is its CSV value. */
static void test_fixtures_as_csv(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *out = tk_path(dir, "out");
    char *latin1 = tk_path(dir, "Ma\xf1""ana.pdf");   /* "Mañana" in Latin-1 */
    CU_ASSERT_EQUAL_FATAL(folder_put_file("fixtures/reports/weekly-3-a4.pdf", dir,
                                          "Ma\xf1""ana.pdf"), 0);
    /* Other bytes than the original's: a re-issue, not the same file. */
    FILE *reissue = fopen(latin1, "a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(reissue);
    fputs("% re-issued\n", reissue);
    fclose(reissue);
    glob_t g;
    CU_ASSERT_EQUAL_FATAL(glob("fixtures/reports/*.pdf", 0, NULL, &g), 0);
    const char **argv = calloc(g.gl_pathc + 12, sizeof *argv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(argv);
    size_t n = 0;
    argv[n++] = "-q";
    argv[n++] = "--format";
    argv[n++] = "csv,xlsx";
    argv[n++] = "-o";
    argv[n++] = out;
    for (size_t i = 0; i < g.gl_pathc; i++)
        argv[n++] = g.gl_pathv[i];
    argv[n++] = "fixtures/bad/hostile-cells.pdf";
    argv[n++] = latin1;
    argv[n] = NULL;
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "\n  exit %d: %s", rc, err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    free(err);
    long rows = check_folder(out);
    CU_ASSERT(rows > 900);             /* about 950 rows from these reports */

    /* The name that is not UTF-8 reads U+FFFD, as in the CSV (which
     * check_folder compared); the formula-like cells are text. */
    pc_table csv;
    char why[256];
    char *path = tk_path(out, "reports.csv");
    CU_ASSERT_EQUAL_FATAL(pc_read_csv(path, &csv, why, sizeof why), 0);
    int found = 0;
    for (size_t r = 0; r < csv.nrows; r++)
        found |= strstr(csv.rows[r][1].text, "Ma\xEF\xBF\xBD""ana.pdf") != NULL;
    CU_ASSERT(found);
    pc_table_free(&csv);
    free(path);
    path = tk_path(out, "declined_detainers.csv");
    char *text = tk_slurp(path, NULL);
    CU_ASSERT(text && strstr(text, "'=cmd"));   /* guarded there, not in the sheet */
    free(text);
    free(path);

    globfree(&g);
    free(argv);
    free(latin1);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* --format xlsx alone: the workbook, no CSV; the same sheets. */
static void test_workbook_alone(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *argv[] = { "-q", "--format", "xlsx", "-o", dir,
                           "fixtures/reports/weekly-1.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    char *csv = tk_path(dir, "reports.csv");
    char *xlsx = tk_path(dir, "ddor.xlsx");
    CU_ASSERT_EQUAL(access(csv, F_OK), -1);
    book_dump b;
    if (dump_read(xlsx, &b) == 0) {
        check_sheet_names(&b);
        size_t at = sheet_at(&b, "declined_detainers");
        CU_ASSERT(at != (size_t)-1 && number_of(b.lines[at], "max_row") == 207);
        dump_free(&b);
    }
    free(csv);
    free(xlsx);
    tk_rmtree(dir);
    free(dir);
}

/* ---- awkward values, in process ----------------------------------------- */

/* Writes every dataset of SOURCES as CSV, and the workbook, into DIR.
 * Returns emit_workbook's result; its reason, if any, in *WHY. */
static int write_folder(const char *dir, const emit_source *s, size_t n, char **why)
{
    for (size_t i = 0; i < schema_ndatasets; i++) {
        char file[64];
        snprintf(file, sizeof file, "%s.csv", schema_datasets[i].name);
        char *path = tk_path(dir, file);
        FILE *f = fopen(path, "wb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        CU_ASSERT_EQUAL(emit_dataset(f, schema_datasets[i].name, EMIT_CSV, s, n, NULL), 0);
        fclose(f);
        free(path);
    }
    char *path = tk_path(dir, "ddor.xlsx");
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int rc = emit_workbook(f, s, n, NULL, why);
    fclose(f);
    free(path);
    return rc;
}

/* Checks the cell of SHEET at ROW (from 1), COL (from 0): its type and
 * value. */
static void expect_cell(const book_dump *b, const char *sheet, long row, size_t col,
                        const char *type, const char *value)
{
    JsonNode *cell = cell_at(row_cells(b, sheet_at(b, sheet), row), col);
    int ok = type ? same(cell_type(cell), type) && same(cell_text(cell), value)
                  : cell == NULL;
    if (!ok)
        fprintf(stderr, "\n  %s row %ld col %zu: want %s [%s], got %s [%s]", sheet, row,
                col, type ? type : "empty", value ? value : "", cell_type(cell),
                cell_text(cell));
    CU_ASSERT(ok);
}

static void test_awkward_values(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    r->detainers_issued = 3083;
    rb_add_declined(r, 1, (rb_declined_row){ "NM", "Doña Ana County", "Mañana Jail", "México",
                 "MX", "2017-01-28", "2017-02-01", "=1+2", "convicted" });
    rb_add_declined(r, 2, (rb_declined_row){ "TX", "12345", "+5", "-x", "", "", "", "@y", "" });
    rb_add_declined(r, 2, (rb_declined_row){ "", "0012", "2017-01-28", "1e5", "",
                 "2017-02-28", "2016-02-29", "\tTab", "charged" });
    rb_add_top(r, 1, "TX", "00123", 51);
    rb_add_top(r, -1, "", "", -1);
    /* Characters XML cannot hold, and a literal escape, which a reader
     * would otherwise decode; a text past the widest column. */
    rb_add_policy(r, "CA", "_x0041_ County", "tab\there, cr\rhere, lf\nhere, "
               "\x01one, \x1f, del\x7f, c1\xc2\x9b, U+FFFF \xEF\xBF\xBF, emoji \xF0\x9F\x98\x80, "
               "_x005F_ and _X0041_ and _x12G4_ as they are; and some words to pass "
               "the widest column of all");
    rb_add_policy(r, "", "'quoted", "-");
    emit_source s[3];
    s[0] = rb_converted("Ma\xf1""ana.pdf", r);          /* not UTF-8 */
    s[1] = rb_failed("dir/_x0041_\x01odd.pdf", "cannot read: \x01 control");
    s[2] = rb_converted("b.pdf", rb_new_report(""));
    s[2].added = 7;
    emit_assign_ids(s, 3);
    CU_ASSERT_STRING_EQUAL(s[0].report_id, "2017-01-28");

    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *why = NULL;
    CU_ASSERT_EQUAL(write_folder(dir, s, 3, &why), 0);
    CU_ASSERT_PTR_NULL(why);
    free(why);
    /* Every value as in the CSV, typed by the schema. */
    CU_ASSERT(check_folder(dir) > 0);

    char *xlsx = tk_path(dir, "ddor.xlsx");
    book_dump b;
    if (dump_read(xlsx, &b) == 0) {
        /* Sheet, row (from 1), column (from 0), type (NULL: empty), value. */
        static const struct {
            const char *sheet;
            long row;
            size_t col;
            const char *type, *value;
        } want[] = {
            /* A report id that looks like a date is text; the period a date. */
            { "reports", 2, 0, "s", "2017-01-28" },
            { "reports", 2, 1, "s", "Ma\xEF\xBF\xBD""ana.pdf" },
            { "reports", 2, 3, "n", "3" },
            { "reports", 2, 4, "d", "2017-01-28" },
            { "reports", 2, 6, "n", "3083" },
            { "reports", 2, 7, NULL, NULL },          /* unknown */
            { "reports", 3, 1, "s", "dir/_x0041_\x01odd.pdf" },
            { "reports", 3, 10, "s", "cannot read: \x01 control" },
            { "reports", 4, 11, "n", "7" },
            /* Accents; digits, formulas and dates in text columns are text. */
            { "declined_detainers", 2, 4, "s", "Doña Ana County" },
            { "declined_detainers", 2, 5, "s", "Mañana Jail" },
            { "declined_detainers", 2, 10, "s", "=1+2" },
            { "declined_detainers", 3, 4, "s", "12345" },
            { "declined_detainers", 3, 5, "s", "+5" },
            { "declined_detainers", 3, 6, "s", "-x" },
            { "declined_detainers", 3, 10, "s", "@y" },
            { "declined_detainers", 3, 8, NULL, NULL },
            { "declined_detainers", 4, 4, "s", "0012" },
            { "declined_detainers", 4, 5, "s", "2017-01-28" },
            { "declined_detainers", 4, 6, "s", "1e5" },
            { "declined_detainers", 4, 8, "d", "2017-02-28" },
            { "declined_detainers", 4, 9, "d", "2016-02-29" },
            { "declined_detainers", 4, 10, "s", "\tTab" },
            { "top_jurisdictions", 2, 3, "s", "00123" },
            { "top_jurisdictions", 2, 4, "n", "51" },
            { "top_jurisdictions", 3, 1, NULL, NULL },
            { "policy_jurisdictions", 2, 2, "s", "_x0041_ County" },
            { "policy_jurisdictions", 3, 2, "s", "'quoted" },
            { "policy_jurisdictions", 3, 3, "s", "-" },
            /* The summaries: counts are numbers, crimes text (ties in the
             * order of strcmp: "\tTab", "=1+2", "@y"). */
            { "crime_summary", 3, 1, "s", "=1+2" },
            { "crime_summary", 3, 2, "n", "1" },
        };
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
            expect_cell(&b, want[i].sheet, want[i].row, want[i].col, want[i].type,
                        want[i].value);
        dump_free(&b);
    }
    free(xlsx);
    rb_clear_all(s, 3);
    tk_rmtree(dir);
    free(dir);
}

/* A date the parser would never give is kept, as text, with a comment. */
static void test_bad_date_kept_as_text(void)
{
    ddor_report *r = rb_new_report("2017-13-01");
    rb_add_declined(r, 1, (rb_declined_row){ "TX", "Travis County", "Jail", "Mexico", "MX",
                 "2017-02-30", "1899-12-31", "Assault", "charged" });
    rb_add_declined(r, 1, (rb_declined_row){ "TX", "Travis County", "Jail", "Mexico", "MX",
                 "2/1/2017", "2017-02-01x", "Assault", "charged" });
    rb_add_declined(r, 1, (rb_declined_row){ "TX", "Travis County", "Jail", "Mexico", "MX",
                 "2017-02-01", "2017-02-02", "Assault", "charged" });
    emit_source s[] = { rb_converted("w.pdf", r) };
    emit_assign_ids(s, 1);
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *why = NULL;
    CU_ASSERT_EQUAL(write_folder(dir, s, 1, &why), 0);
    free(why);
    char *xlsx = tk_path(dir, "ddor.xlsx");
    book_dump b;
    if (dump_read(xlsx, &b) == 0) {
        const char *kept[][3] = {
            { "reports", "2", "2017-13-01" },
            { "declined_detainers", "2", "2017-02-30" },
            { "declined_detainers", "2", "1899-12-31" },
            { "declined_detainers", "3", "2/1/2017" },
            { "declined_detainers", "3", "2017-02-01x" },
        };
        size_t cols[] = { 4, 8, 9, 8, 9 };
        for (size_t i = 0; i < 5; i++) {
            long row = atol(kept[i][1]);
            expect_cell(&b, kept[i][0], row, cols[i], "s", kept[i][2]);
            JsonNode *cell = cell_at(row_cells(&b, sheet_at(&b, kept[i][0]), row), cols[i]);
            const char *comment = cell ? js_string(cell, "comment") : NULL;
            CU_ASSERT(comment && strstr(comment, "Not a date"));
        }
        /* And a good date is a date, without a comment. */
        expect_cell(&b, "declined_detainers", 4, 8, "d", "2017-02-01");
        JsonNode *cell = cell_at(row_cells(&b, sheet_at(&b, "declined_detainers"), 4), 8);
        CU_ASSERT(cell && !js_get(cell, "comment"));
        dump_free(&b);
    }
    free(xlsx);
    rb_clear_all(s, 1);
    tk_rmtree(dir);
    free(dir);
}

/* ---- limits and failures ------------------------------------------------ */

/* Writes the workbook of S to a new file of DIR; returns emit_workbook's
 * result, its errno in *ERR, its reason in *WHY, the file's size in
 * *SIZE. */
static int write_workbook(const char *dir, const emit_source *s, size_t n,
                          int *err, char **why, long *size)
{
    char *path = tk_path(dir, "ddor.xlsx");
    unlink(path);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    errno = 0;
    int rc = emit_workbook(f, s, n, NULL, why);
    *err = errno;
    fclose(f);
    struct stat st;
    *size = stat(path, &st) == 0 ? (long)st.st_size : -1;
    free(path);
    return rc;
}

/* A text of NCHARS times the character C (UTF-8), malloc'd. */
static char *repeated(const char *c, size_t nchars)
{
    size_t len = strlen(c);
    char *s = malloc(len * nchars + 1);
    if (!s)
        abort();
    for (size_t i = 0; i < nchars; i++)
        memcpy(s + i * len, c, len);
    s[len * nchars] = '\0';
    return s;
}

/* 32,767 characters fit a cell, whatever their bytes; one more fails the
 * workbook, which names the cell.  Characters beyond U+FFFF count two, as
 * Excel counts them. */
static void test_cell_limit(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    struct {
        const char *c;
        size_t n;
        int fits;
    } cases[] = {
        { "\xC3\xA9", 32767, 1 },         /* é, 65,534 bytes */
        { "x", 32768, 0 },
        { "\xF0\x9F\x98\x80", 16383, 1 }, /* U+1F600: 32,766 units */
        { "\xF0\x9F\x98\x80", 16384, 0 }, /* 32,768 units */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ddor_report *r = rb_new_report("2017-01-28");
        rb_add_policy(r, "CA", "Alameda County", "short");
        char *text = repeated(cases[i].c, cases[i].n);
        rb_add_policy(r, "CA", "Alameda County", text);
        emit_source s[] = { rb_converted("w.pdf", r) };
        emit_assign_ids(s, 1);
        int err;
        char *why = NULL;
        long size;
        int rc = write_workbook(dir, s, 1, &err, &why, &size);
        if (cases[i].fits) {
            CU_ASSERT_EQUAL(rc, 0);
            CU_ASSERT(size > 0);
            char *xlsx = tk_path(dir, "ddor.xlsx");
            book_dump b;
            if (dump_read(xlsx, &b) == 0) {
                expect_cell(&b, "policy_jurisdictions", 3, 3, "s", text);
                dump_free(&b);
            }
            free(xlsx);
        } else {
            CU_ASSERT_EQUAL(rc, -1);
            CU_ASSERT_EQUAL(err, EOVERFLOW);
            CU_ASSERT(why && strstr(why, "sheet policy_jurisdictions, row 3, column policy"));
            CU_ASSERT(why && strstr(why, "32768 characters"));
            CU_ASSERT(why && strstr(why, "32767"));
            CU_ASSERT_EQUAL(size, 0);     /* nothing written */
        }
        free(why);
        free(text);
        rb_clear_all(s, 1);
    }
    tk_rmtree(dir);
    free(dir);
}

/* A dataset of more rows than a sheet holds (1,048,576 with the header)
 * fails the workbook, which says how many there were. */
static void test_row_limit(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    /* Rows of unknown values: each only the report id. */
    r->npolicies = 1048576;
    r->policies = calloc(r->npolicies, sizeof *r->policies);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r->policies);
    emit_source s[] = { rb_converted("w.pdf", r) };
    emit_assign_ids(s, 1);
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    int err;
    char *why = NULL;
    long size;
    CU_ASSERT_EQUAL(write_workbook(dir, s, 1, &err, &why, &size), -1);
    CU_ASSERT_EQUAL(err, EOVERFLOW);
    CU_ASSERT(why && strstr(why, "sheet policy_jurisdictions: 1048577 rows"));
    CU_ASSERT(why && strstr(why, "1048576"));
    CU_ASSERT_EQUAL(size, 0);
    free(why);
    rb_clear_all(s, 1);
    tk_rmtree(dir);
    free(dir);
}

/* A full disk, and a stream that is no file, fail with errno; nothing is
 * said that errno does not. */
static void test_write_failures(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    for (int i = 0; i < 2000; i++)
        rb_add_policy(r, "CA", "Alameda County", "Will not honor detainers");
    emit_source s[] = { rb_converted("w.pdf", r) };
    emit_assign_ids(s, 1);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        char *why = NULL;
        errno = 0;
        CU_ASSERT_EQUAL(emit_workbook(full, s, 1, NULL, &why), -1);
        CU_ASSERT_EQUAL(errno, ENOSPC);
        CU_ASSERT(why && strstr(why, "No space left on device"));
        free(why);
        fclose(full);
    }
    char buf[16];
    FILE *memory = fmemopen(buf, sizeof buf, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(memory);
    char *why = NULL;
    CU_ASSERT_EQUAL(emit_workbook(memory, s, 1, NULL, &why), -1);
    CU_ASSERT_NOT_EQUAL(errno, 0);
    free(why);
    fclose(memory);
    errno = 0;
    CU_ASSERT_EQUAL(emit_workbook(NULL, s, 1, NULL, NULL), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    rb_clear_all(s, 1);
}

/* No reports at all: every sheet still has its header and its filter. */
static void test_no_reports(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    int err;
    char *why = NULL;
    long size;
    CU_ASSERT_EQUAL(write_workbook(dir, NULL, 0, &err, &why, &size), 0);
    CU_ASSERT_PTR_NULL(why);
    char *xlsx = tk_path(dir, "ddor.xlsx");
    book_dump b;
    if (dump_read(xlsx, &b) == 0) {
        check_sheet_names(&b);
        for (size_t i = 0; i < schema_ndatasets; i++) {
            const schema_dataset *d = &schema_datasets[i];
            size_t at = sheet_at(&b, d->name);
            CU_ASSERT_FATAL(at != (size_t)-1);
            char range[16];
            snprintf(range, sizeof range, "A1:%c1", 'A' + (int)d->ncolumns - 1);
            CU_ASSERT_EQUAL(number_of(b.lines[at], "max_row"), 1);
            CU_ASSERT(same(js_string(b.lines[at], "auto_filter"), range));
            expect_cell(&b, d->name, 1, 0, "s", d->columns[0].name);
        }
        dump_free(&b);
    }
    free(xlsx);
    tk_rmtree(dir);
    free(dir);
}

/* The same reports make the same bytes. */
static void test_same_bytes(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    rb_add_top(r, 1, "NV", "Clark County", 51);
    emit_source s[] = { rb_converted("w.pdf", r) };
    emit_assign_ids(s, 1);
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char *first = tk_path(dir, "first.xlsx");
    int err;
    char *why = NULL;
    long size;
    CU_ASSERT_EQUAL(write_workbook(dir, s, 1, &err, &why, &size), 0);
    char *path = tk_path(dir, "ddor.xlsx");
    CU_ASSERT_EQUAL(rename(path, first), 0);
    sleep(1);                 /* another second of the clock */
    CU_ASSERT_EQUAL(write_workbook(dir, s, 1, &err, &why, &size), 0);
    CU_ASSERT(tk_same_file(first, path));
    free(path);
    free(first);
    rb_clear_all(s, 1);
    tk_rmtree(dir);
    free(dir);
}

void suite_workbook(void)
{
    CU_pSuite s = CU_add_suite("workbook", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "fixtures: every sheet as the CSV", test_fixtures_as_csv);
    CU_add_test(s, "--format xlsx alone", test_workbook_alone);
    CU_add_test(s, "awkward values", test_awkward_values);
    CU_add_test(s, "a bad date kept as text", test_bad_date_kept_as_text);
    CU_add_test(s, "the limit of a cell", test_cell_limit);
    CU_add_test(s, "the limit of a sheet", test_row_limit);
    CU_add_test(s, "write failures", test_write_failures);
    CU_add_test(s, "no reports", test_no_reports);
    CU_add_test(s, "the same reports, the same bytes", test_same_bytes);
}
