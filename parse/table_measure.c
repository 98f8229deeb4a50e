/*
 * A table's own geometry, measured over all its pages before its rows are
 * read.
 *
 * Two distances tell a table's rows apart.  Inside a wrapped cell, lines
 * follow each other at the line pitch, centre to centre.  Between two rows
 * the lines nearest each other stand one pitch apart plus the cell
 * padding below the one and above the other (and a rule's width, where
 * the producer adds it).  A row's tallest cell fills every line of the
 * row, and shorter cells (top, centre or bottom aligned) only add text
 * levels between those lines, never gaps; so inside a row, consecutive
 * text levels are never more than a pitch apart, and between rows they
 * are a pitch plus the padding apart.
 *
 * The pitch is what the lines of one column are apart when they are
 * surely one cell (a state, date or country cut short, a word broken at
 * its hyphen), else the smallest distance between neighbouring lines of
 * one column.  Where some neighbouring text levels stand clearly further
 * apart than the pitch, the table's rows are "distinct": every such gap
 * parts two rows, and only such gaps do.  Where none do (no padding, or
 * no cell wraps anywhere), rows are found by what the cells say and how
 * short cells align (rows.c).
 *
 * Distances are gathered in histograms of fixed size, so that measuring a
 * table of thousands of rows costs no memory beyond them.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

static void hist_add(unsigned *h, double v)
{
    if (v < 0)
        return;
    long bin = (long)(v / GEOMETRY_BIN + 0.5);
    h[bin < GEOMETRY_BINS ? bin : GEOMETRY_BINS - 1]++;
}

static unsigned long hist_count(const unsigned *h, long from)
{
    unsigned long n = 0;
    for (long i = from < 0 ? 0 : from; i < GEOMETRY_BINS; i++)
        n += h[i];
    return n;
}

/* The median of the values in bins FROM and above; -1 when there are none. */
static double hist_median(const unsigned *h, long from)
{
    unsigned long n = hist_count(h, from), seen = 0;
    if (n == 0)
        return -1;
    for (long i = from < 0 ? 0 : from; i < GEOMETRY_BINS; i++) {
        seen += h[i];
        if (2 * seen >= n)
            return (double)i * GEOMETRY_BIN;
    }
    return -1;
}

/* The smallest value in bins FROM and above, and the mean of the values
 * within SPREAD of it; -1 when there are none. */
static double hist_low_cluster(const unsigned *h, long from, double spread)
{
    long i = from < 0 ? 0 : from;
    while (i < GEOMETRY_BINS && h[i] == 0)
        i++;
    if (i == GEOMETRY_BINS)
        return -1;
    long last = i + (long)(spread / GEOMETRY_BIN);
    double sum = 0;
    unsigned long n = 0;
    for (long k = i; k <= last && k < GEOMETRY_BINS; k++) {
        sum += (double)h[k] * (double)k * GEOMETRY_BIN;
        n += h[k];
    }
    return sum / (double)n;
}

/* The widest line spacing a cell's lines are set at, in ems: double
 * spacing (2.0) and the rounding of "exactly" spacings above it. */
#define MAX_LEADING 2.2

/* Days from 0000-03-01 to the date ISO (YYYY-MM-DD): only differences
 * matter. */
static double iso_days(const char *iso)
{
    int y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    int m = (iso[5] - '0') * 10 + (iso[6] - '0'), d = (iso[8] - '0') * 10 + (iso[9] - '0');
    if (m < 3) {
        y--;
        m += 12;
    }
    return 365.0 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

void geometry_init(table_geometry *g)
{
    memset(g, 0, sizeof *g);
    g->alignment = ROW_ALIGN_TOP;
}

/* Text levels of a page: fragment centres closer than a fifth of the type
 * size are one level.  Returns the levels' count; fills Y (capacity N). */
static size_t levels_of(const fragment *f, size_t nf, double em, double *y)
{
    double *c = malloc((nf ? nf : 1) * sizeof *c);
    if (!c)
        abort();
    for (size_t i = 0; i < nf; i++)
        c[i] = f[i].yc;
    qsort(c, nf, sizeof *c, geometry_by_value);
    size_t n = 0;
    for (size_t i = 0; i < nf; i++)
        if (n == 0 || c[i] - y[n - 1] > em / 5)
            y[n++] = c[i];
    free(c);
    return n;
}

void geometry_add_page(table_geometry *g, const table_header *h,
                       const fragment *f, size_t nf)
{
    /* The rows of Sections I and II are counted by the column every row
     * fills with a number or a date, their states by the state column:
     * fewer states than rows, a state printed once for a run of rows. */
    int anchor = table_anchor_column(h);
    for (size_t i = 0; i < nf && anchor >= 0; i++) {
        col_role role = h->role[f[i].col];
        if (f[i].col == anchor && begins_value(&f[i], role))
            g->anchors++;
        else if (role == COL_STATE &&
                 (cells_state_code(f[i].text) || cells_state_prefix(f[i].text)))
            g->states++;
    }
    for (size_t i = 0; i < nf; i++) {
        const fragment *a = &f[i];
        char iso[11];
        col_role role = h->role[a->col];
        if ((role == COL_ISSUED || role == COL_DECLINED) && cells_date(a->text, iso)) {
            g->date_sum[a->col] += iso_days(iso);
            g->date_n[a->col]++;
        }
        g->em_sum += a->em;
        g->em_n++;
        if (a->ngaps) {
            g->space_sum += a->gaps;
            g->space_n += (unsigned long)a->ngaps;
        }
        if (a->x1 - a->x0 > g->fit[a->col].width)
            g->fit[a->col].width = a->x1 - a->x0;
    }
    double em = g->em_n ? g->em_sum / (double)g->em_n : 10;
    /* Neighbouring lines of one column. */
    for (size_t i = 0; i + 1 < nf; i++) {
        const fragment *a = &f[i], *b = &f[i + 1];
        double d = b->yc - a->yc;
        if (a->col != b->col || a->page != b->page || d < em / 2)
            continue;
        link_kind k = cell_link_sure(h->role[a->col], a, b);
        hist_add(k == LINK_JOIN ? g->joined : g->neighbours, d);
        if (k == LINK_BREAK)
            hist_add(g->typed_breaks, d);
    }
    /* Gaps between the page's text levels. */
    double *y = malloc((nf ? nf : 1) * sizeof *y);
    if (!y)
        abort();
    size_t n = levels_of(f, nf, em, y);
    for (size_t i = 0; i + 1 < n; i++)
        hist_add(g->level_gaps, y[i + 1] - y[i]);
    g->levels += n;
    free(y);
}

void geometry_finish(table_geometry *g)
{
    /* Every row begins one value in that column, and, unless the state
     * is printed once for a run of rows, one state: a state cut by a page
     * ("District of" / "Columbia") begins once. */
    g->grouped = g->states < g->anchors;
    g->em = g->em_n ? g->em_sum / (double)g->em_n : 10;
    g->space = g->space_n ? g->space_sum / (double)g->space_n : 0;
    for (int c = 0; c < MAX_COLS; c++)
        g->fit[c].space = g->space;
    long half_em = (long)(g->em / 2 / GEOMETRY_BIN);
    double pitch = hist_median(g->joined, half_em);
    if (pitch < 0)
        pitch = hist_low_cluster(g->neighbours, half_em, g->em / 20);
    g->pitch = pitch > 0 ? pitch : 0;
    /* Lines of a cell are set at most double spaced, and a little more:
     * neighbouring lines further apart than that are rows of one line
     * each, and no cell of the table wraps. */
    if (g->pitch > MAX_LEADING * g->em) {
        g->row_gap = g->pitch;
        g->pitch = 0;
        g->tolerance = 0.25;
        g->distinct = 1;
        return;
    }
    /* Positions are exact in a PDF drawn by software, but producers round
     * them (to a twentieth of a point, say): differences below a quarter
     * point or 3% of the pitch are no difference. */
    g->tolerance = g->pitch * 0.03 > 0.25 ? g->pitch * 0.03 : 0.25;

    /* Distinct rows: gaps clearly beyond the pitch (two tolerances), none
     * in the doubtful band just above it, and no two whole values of a
     * typed column (two dates, two states) as close as a pitch, which
     * would be two rows packed without padding.  Rows then part at every
     * gap beyond the pitch and a tolerance. */
    g->distinct = 0;
    g->row_gap = 0;
    if (g->pitch > 0) {
        long near = (long)((g->pitch + g->tolerance / 2) / GEOMETRY_BIN) + 1;
        long beyond = (long)((g->pitch + 2 * g->tolerance) / GEOMETRY_BIN) + 1;
        unsigned long wide = hist_count(g->level_gaps, beyond);
        unsigned long doubtful = hist_count(g->level_gaps, near) - wide;
        unsigned long close_breaks = hist_count(g->typed_breaks, half_em)
                                   - hist_count(g->typed_breaks, beyond);
        if (wide > 0 && doubtful == 0 && close_breaks == 0) {
            g->distinct = 1;
            g->row_gap = hist_median(g->level_gaps, beyond);
        }
    }
}

int geometry_by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
