/*
 * The database's views checked against figures computed here, from the
 * reports and declined_detainers datasets as CSV, without SQL: which
 * reports are current (superseded_by empty, status not error), and the
 * counts of their declined rows by crime, by citizenship and by report.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "database_check.h"

/* The value of column NAME in row R of CSV, unguarded; "" when none. */
static const char *cell(const tk_csv *csv, size_t r, const char *name)
{
    int c = tk_csv_col(csv, name);
    if (c < 0 || (size_t)c >= csv->nfields[r])
        return "";
    return dbc_unguarded(csv->rows[r][c]);
}

/* Row of REPORTS whose report_id is ID when that report is current;
 * else 0 (the header is never a report). */
static size_t current_row(const tk_csv *reports, const char *id)
{
    for (size_t r = 1; r < reports->nrows; r++)
        if (strcmp(cell(reports, r, "report_id"), id) == 0)
            return !cell(reports, r, "superseded_by")[0] &&
                   strcmp(cell(reports, r, "status"), "error") != 0 ? r : 0;
    return 0;
}

/* ---- groups of declined rows ----------------------------------------- */

typedef struct {
    const char *key;          /* crime or citizenship */
    const char *code;         /* the first country code of the group's rows */
    long convicted, charged, total;
} group;

typedef struct {
    group *g;
    size_t n;
} groups;

/* Counts row R of DECLINED in the group of KEY. */
static void count_row(groups *gs, const char *key, const tk_csv *declined, size_t r)
{
    size_t i = 0;
    while (i < gs->n && strcmp(gs->g[i].key, key) != 0)
        i++;
    if (i == gs->n) {
        gs->g = realloc(gs->g, (gs->n + 1) * sizeof *gs->g);
        if (!gs->g)
            abort();
        gs->g[gs->n++] = (group){ key, "", 0, 0, 0 };
    }
    group *g = &gs->g[i];
    const char *status = cell(declined, r, "crime_status");
    g->convicted += strcmp(status, "convicted") == 0;
    g->charged += strcmp(status, "charged") == 0;
    g->total++;
    if (!g->code[0])
        g->code = cell(declined, r, "country_code");
}

/* The largest total first, then by key. */
static int by_total_then_key(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* ---- the expected rows of a view ----------------------------------------- */

typedef struct {
    char **cells;             /* row after row */
    size_t n;
} grid;

static void put(grid *g, const char *format, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    g->cells = realloc(g->cells, (g->n + 1) * sizeof *g->cells);
    if (!g->cells || !(g->cells[g->n++] = strdup(text)))
        abort();
}

static void grid_free(grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->cells[i]);
    free(g->cells);
}

/* The rows SQL returns against WANT, NCOLS a row, in order; NULL reads
 * "".  Column APPROX (-1: none) is a number that may differ by 0.05 from
 * the one in WANT, rounded as it is to one decimal. */
static int compare_view(sqlite3 *db, const char *view, const char *sql, const grid *want,
                        int ncols, int approx, long *rows)
{
    int bad = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "\n  %s: %s", view, sqlite3_errmsg(db));
        return 1;
    }
    size_t r = 0, nwant = want->n / (size_t)ncols;
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < ncols && r < nwant; c++) {
            const unsigned char *v = sqlite3_column_text(st, c);
            const char *got = v ? (const char *)v : "";
            const char *expected = want->cells[r * (size_t)ncols + (size_t)c];
            int same = c == approx
                     ? fabs(strtod(got, NULL) - strtod(expected, NULL)) <= 0.05 + 1e-9 &&
                       sqlite3_column_type(st, c) == SQLITE_FLOAT
                     : strcmp(got, expected) == 0;
            if (!same && bad++ < 5)
                fprintf(stderr, "\n  %s, row %zu, column %d: expected [%s], got [%s]",
                        view, r + 1, c, expected, got);
        }
        r++;
    }
    sqlite3_finalize(st);
    if (r != nwant) {
        fprintf(stderr, "\n  %s: %zu rows, expected %zu", view, r, nwant);
        bad++;
    }
    *rows += (long)r;
    return bad;
}

/* ---- the views ----------------------------------------------------------- */

static int check_crime_totals(sqlite3 *db, const tk_csv *reports, const tk_csv *declined,
                              long *rows)
{
    groups gs = { NULL, 0 };
    for (size_t r = 1; r < declined->nrows; r++)
        if (current_row(reports, cell(declined, r, "report_id")) &&
            cell(declined, r, "crime")[0])
            count_row(&gs, cell(declined, r, "crime"), declined, r);
    if (gs.n)
        qsort(gs.g, gs.n, sizeof *gs.g, by_total_then_key);
    grid want = { NULL, 0 };
    for (size_t i = 0; i < gs.n; i++) {
        put(&want, "%s", gs.g[i].key);
        put(&want, "%ld", gs.g[i].convicted);
        put(&want, "%ld", gs.g[i].charged);
        put(&want, "%ld", gs.g[i].total);
    }
    int bad = compare_view(db, "crime_totals",
                           "SELECT crime, convicted, charged, total FROM crime_totals",
                           &want, 4, -1, rows);
    grid_free(&want);
    free(gs.g);
    return bad;
}

static int check_country_shares(sqlite3 *db, const tk_csv *reports, const tk_csv *declined,
                                long *rows)
{
    grid want = { NULL, 0 };
    /* Reports in the order of reports, then the largest count first. */
    for (size_t rep = 1; rep < reports->nrows; rep++) {
        const char *id = cell(reports, rep, "report_id");
        if (current_row(reports, id) != rep)
            continue;
        groups gs = { NULL, 0 };
        for (size_t r = 1; r < declined->nrows; r++)
            if (strcmp(cell(declined, r, "report_id"), id) == 0 &&
                cell(declined, r, "citizenship")[0])
                count_row(&gs, cell(declined, r, "citizenship"), declined, r);
        if (gs.n)
            qsort(gs.g, gs.n, sizeof *gs.g, by_total_then_key);
        double whole = strtod(cell(reports, rep, "declined_rows"), NULL);
        for (size_t i = 0; i < gs.n; i++) {
            put(&want, "%s", id);
            put(&want, "%s", gs.g[i].key);
            put(&want, "%s", gs.g[i].code);
            put(&want, "%ld", gs.g[i].total);
            put(&want, "%.17g", 100.0 * (double)gs.g[i].total / whole);
        }
        free(gs.g);
    }
    int bad = compare_view(db, "country_shares",
                           "SELECT report_id, citizenship, country_code, declined, share "
                           "FROM country_shares", &want, 5, 4, rows);
    grid_free(&want);
    return bad;
}

/* Current reports by period start, those without one last, then by id. */
static const tk_csv *sorting;
static int by_period(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const char *px = cell(sorting, x, "period_start"), *py = cell(sorting, y, "period_start");
    if (!px[0] != !py[0])
        return !px[0] ? 1 : -1;
    int c = strcmp(px, py);
    return c ? c : strcmp(cell(sorting, x, "report_id"), cell(sorting, y, "report_id"));
}

static int check_weekly_totals(sqlite3 *db, const tk_csv *reports, const tk_csv *declined,
                               long *rows)
{
    size_t *order = malloc((reports->nrows + 1) * sizeof *order);
    size_t n = 0;
    if (!order)
        abort();
    for (size_t r = 1; r < reports->nrows; r++)
        if (current_row(reports, cell(reports, r, "report_id")) == r)
            order[n++] = r;
    sorting = reports;
    qsort(order, n, sizeof *order, by_period);
    static const char *const stated[] = { "report_id", "period_start", "period_end",
        "detainers_issued", "declined_stated", "declined_rows", NULL };
    grid want = { NULL, 0 };
    for (size_t i = 0; i < n; i++) {
        const char *id = cell(reports, order[i], "report_id");
        long convicted = 0, charged = 0;
        for (size_t r = 1; r < declined->nrows; r++) {
            if (strcmp(cell(declined, r, "report_id"), id) != 0)
                continue;
            convicted += strcmp(cell(declined, r, "crime_status"), "convicted") == 0;
            charged += strcmp(cell(declined, r, "crime_status"), "charged") == 0;
        }
        for (size_t k = 0; stated[k]; k++)
            put(&want, "%s", cell(reports, order[i], stated[k]));
        put(&want, "%ld", convicted);
        put(&want, "%ld", charged);
    }
    int bad = compare_view(db, "weekly_totals",
                           "SELECT report_id, period_start, period_end, detainers_issued, "
                           "declined_stated, declined_rows, convicted, charged "
                           "FROM weekly_totals", &want, 8, -1, rows);
    grid_free(&want);
    free(order);
    return bad;
}

int dbc_check_views(sqlite3 *db, const tk_csv *reports, const tk_csv *declined, long *rows)
{
    *rows = 0;
    if (reports->nrows == 0 || declined->nrows == 0) {
        fprintf(stderr, "\n  views: no reports or declined_detainers to check them against");
        return 1;
    }
    return check_crime_totals(db, reports, declined, rows) +
           check_country_shares(db, reports, declined, rows) +
           check_weekly_totals(db, reports, declined, rows);
}
