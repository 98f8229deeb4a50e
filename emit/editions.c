/*
 * The order of an archive's reports in the datasets, and which edition of
 * a period is the current one.
 *
 * Reports are ordered by the period they cover, then by the order they
 * were added, so that a folder reads as a time series whichever order the
 * reports came in.  Two reports of the same period are editions of one
 * report (a corrected re-issue, say): the current one is the edition
 * whose PDF is dated later, when every edition has a date, else the one
 * added later; every other edition names it in superseded_by, so that one
 * filter (superseded_by empty) gives the current editions.
 */
#include <stdlib.h>
#include <string.h>
#include "datasets.h"

/* A report's period start, or "" when it has none (sorted first: a
 * report without a period is a report of its own). */
static const char *period(const emit_source *s)
{
    return emit_source_converted(s) && s->report->period_start[0]
               ? s->report->period_start : "";
}

static int by_period_then_added(const void *a, const void *b)
{
    const emit_source *x = a, *y = b;
    int c = strcmp(period(x), period(y));
    if (c != 0)
        return c;
    return x->added < y->added ? -1 : x->added > y->added;
}

void emit_order_sources(emit_source *sources, size_t n)
{
    if (n > 1)
        qsort(sources, n, sizeof *sources, by_period_then_added);
}

/* Is X a later edition than Y?  By the PDF's own date where both have
 * one, else by the order added. */
static int later_edition(const emit_source *x, const emit_source *y)
{
    if (x->pdf_date[0] && y->pdf_date[0]) {
        int c = strcmp(x->pdf_date, y->pdf_date);
        if (c != 0)
            return c > 0;
    }
    return x->added > y->added;
}

void emit_supersede(emit_source *sources, size_t n)
{
    /* Sources are in period order: each run of one period is one report's
     * editions. */
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        const char *p = period(&sources[i]);
        while (end < n && p[0] && strcmp(period(&sources[end]), p) == 0)
            end++;
        size_t current = i;
        int all_dated = 1;
        for (size_t k = i; k < end; k++)
            all_dated &= sources[k].pdf_date[0] != '\0';
        for (size_t k = i + 1; k < end; k++)
            if (all_dated ? later_edition(&sources[k], &sources[current])
                          : sources[k].added > sources[current].added)
                current = k;
        for (size_t k = i; k < end; k++)
            sources[k].superseded_by = k == current ? NULL : sources[current].report_id;
        i = end;
    }
}
