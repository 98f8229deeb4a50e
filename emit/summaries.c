/*
 * crime_summary and country_summary: counts over each report's declined
 * detainers.  Each report's rows are grouped by sorting pointers to them
 * by the grouping key, then the groups are sorted for output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "datasets.h"

typedef struct {
    const char *key;          /* the crime or the citizenship */
    const char *country_code; /* country_summary only */
    long convicted, charged, total;
} tally;

/* Pointers into one report's declined[] array: equal keys are ordered by
 * address, which is row order, so a group's first row comes first. */
static int by_crime(const void *a, const void *b)
{
    const ddor_declined *x = *(const ddor_declined *const *)a;
    const ddor_declined *y = *(const ddor_declined *const *)b;
    int c = strcmp(x->crime, y->crime);
    return c ? c : (x > y) - (x < y);
}

static int by_citizenship(const void *a, const void *b)
{
    const ddor_declined *x = *(const ddor_declined *const *)a;
    const ddor_declined *y = *(const ddor_declined *const *)b;
    int c = strcmp(x->citizenship, y->citizenship);
    return c ? c : (x > y) - (x < y);
}

/* Output order: the largest total first, ties by key (strcmp). */
static int by_total_then_key(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->key, y->key);
}

static int has_crime(const ddor_declined *d)
{
    return d->crime && d->crime[0];
}

static int has_citizenship(const ddor_declined *d)
{
    return d->citizenship && d->citizenship[0];
}

/* Groups the rows of R that KEEP accepts by the key CMP sorts on, filling
 * *OUT with one tally per group (counts by crime status, and the first
 * non-empty country code).  Returns the number of groups, or -1 when out
 * of memory. */
static long tally_rows(const ddor_report *r, int (*keep)(const ddor_declined *),
                       int (*cmp)(const void *, const void *),
                       const char *(*key)(const ddor_declined *), tally **out)
{
    *out = NULL;
    if (r->ndeclined == 0)
        return 0;
    const ddor_declined **rows = malloc(r->ndeclined * sizeof *rows);
    tally *t = malloc(r->ndeclined * sizeof *t);
    if (!rows || !t) {
        free(rows);
        free(t);
        return -1;
    }
    size_t nrows = 0;
    for (size_t i = 0; i < r->ndeclined; i++)
        if (keep(&r->declined[i]))
            rows[nrows++] = &r->declined[i];
    qsort(rows, nrows, sizeof *rows, cmp);

    long ngroups = 0;
    for (size_t i = 0; i < nrows; i++) {
        const ddor_declined *d = rows[i];
        if (ngroups == 0 || strcmp(t[ngroups - 1].key, key(d)) != 0) {
            tally *fresh = &t[ngroups++];
            fresh->key = key(d);
            fresh->country_code = "";
            fresh->convicted = fresh->charged = fresh->total = 0;
        }
        tally *g = &t[ngroups - 1];
        const char *status = d->crime_status ? d->crime_status : "";
        if (strcmp(status, "convicted") == 0)
            g->convicted++;
        else if (strcmp(status, "charged") == 0)
            g->charged++;
        g->total++;
        if (!g->country_code[0] && d->country_code)
            g->country_code = d->country_code;
    }
    free(rows);
    qsort(t, (size_t)ngroups, sizeof *t, by_total_then_key);
    *out = t;
    return ngroups;
}

static const char *crime_of(const ddor_declined *d)
{
    return d->crime;
}

static const char *citizenship_of(const ddor_declined *d)
{
    return d->citizenship;
}

void write_crime_summary(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        tally *g;
        long ng = tally_rows(sources[i].report, has_crime, by_crime, crime_of, &g);
        if (ng < 0) {
            table_fail(t, ENOMEM);
            return;
        }
        for (long k = 0; k < ng; k++) {
            table_text(t, sources[i].report_id);
            table_text(t, g[k].key);
            table_integer(t, g[k].convicted);
            table_integer(t, g[k].charged);
            table_integer(t, g[k].total);
            table_row_end(t);
        }
        free(g);
    }
}

void write_country_summary(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        tally *g;
        long ng = tally_rows(sources[i].report, has_citizenship, by_citizenship,
                             citizenship_of, &g);
        if (ng < 0) {
            table_fail(t, ENOMEM);
            return;
        }
        for (long k = 0; k < ng; k++) {
            table_text(t, sources[i].report_id);
            table_text(t, g[k].key);
            table_text(t, g[k].country_code);
            table_integer(t, g[k].total);
            table_row_end(t);
        }
        free(g);
    }
}
