/*
 * Where a table ends by its layout: the lines under its last row that
 * are no rows of it (a note, a source line, prose before the next
 * heading).
 *
 * A row's words keep to its columns: every cell's text lies between two
 * gutters, and, set flush left as office software sets it, begins where
 * the text of that column begins in every other row.  A note's words run
 * on across the columns with single spaces, so that one of them crosses
 * a gutter, or a word of it begins somewhere in a column where no cell
 * begins; or it is set in another size of type.  A line that goes on a
 * note (same left edge, same size) belongs to it, however short.
 *
 * What the rows above show is measured from them alone: with the note
 * among them, a boundary would slip into a space between its words.  And
 * a line that holds a value of a typed column (a state, a date, a number)
 * is a row whatever its layout, so that no row is ever taken for a note.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

/* Text edges closer than this are one edge: well above the rounding of
 * positions by the producers (a twentieth of a point), and below the
 * smallest cell padding a table is set with (a point), which is what
 * tells a cell's text from a note that begins at the table's edge. */
#define EDGE_TOLERANCE 0.6

static int by_value(const void *a, const void *b)
{
    return geometry_by_value(a, b);
}

/* The left edge most of XS[0..n) share within EDGE_TOLERANCE, and
 * whether four in five do. */
static int common_edge(double *xs, size_t n, double *edge)
{
    if (n < 2)
        return 0;
    qsort(xs, n, sizeof *xs, by_value);
    size_t best = 0, at = 0;
    for (size_t i = 0, j = 0; i < n; i++) {
        while (xs[i] - xs[j] > EDGE_TOLERANCE)
            j++;
        if (i - j + 1 > best) {
            best = i - j + 1;
            at = j;
        }
    }
    *edge = xs[at];
    return 5 * best >= 4 * n;
}

void table_shape_measure(const table_header *h, pline *const *body, size_t n,
                         table_shape *s)
{
    memset(s, 0, sizeof *s);
    columns_bounds(h, body, n, s->bound);
    s->known = n > 0;
    size_t count = 0, cap = 0;
    double *sizes = NULL;
    for (size_t l = 0; l < n; l++)
        for (size_t i = 0; i < body[l]->n; i++) {
            sizes = grow(sizes, &cap, count + 1, sizeof *sizes);
            sizes[count++] = body[l]->w[i].size;
        }
    if (count) {
        qsort(sizes, count, sizeof *sizes, by_value);
        s->em = sizes[count / 2];
    }
    free(sizes);

    /* Where each cell's line begins, column by column. */
    int *col = malloc((count ? count : 1) * sizeof *col);
    double *x0 = malloc((count ? count : 1) * sizeof *x0);
    double *xs = malloc((count ? count : 1) * sizeof *xs);
    if (!col || !x0 || !xs)
        abort();
    size_t nf = fragments_starts(h, s->bound, body, n, col, x0);
    for (int c = 0; c < h->ncols; c++) {
        size_t k = 0;
        for (size_t i = 0; i < nf; i++)
            if (col[i] == c)
                xs[k++] = x0[i];
        s->flush[c] = common_edge(xs, k, &s->edge[c]);
    }
    free(col);
    free(x0);
    free(xs);
    table_shape_cuts(h, s);
}

void table_shape_cuts(const table_header *h, table_shape *s)
{
    /* A line under the rows is cut into cells just before where the next
     * column's cells begin: a row's text reaches no further, whatever
     * the rows above happened to leave empty. */
    for (int c = 0; c + 1 < h->ncols; c++)
        s->cut[c] = s->flush[c + 1] ? s->edge[c + 1] - EDGE_TOLERANCE : s->bound[c];
}

/* Whether TEXT is two letters, one of them in lower case ("as", "Tx"). */
static int lower_pair(const char *text)
{
    return strlen(text) == 2 && ((text[0] >= 'a' && text[0] <= 'z') ||
                                 (text[1] >= 'a' && text[1] <= 'z'));
}

/* Whether some cell of LINE holds a value of its typed column. */
static int holds_value(const table_header *h, const double *bound, const pline *line)
{
    size_t nf;
    pline *one = (pline *)line;
    fragment *f = fragments_cut(h, bound, &one, 1, 0, &nf);
    int value = 0;
    for (size_t i = 0; i < nf && !value; i++) {
        char iso[11];
        long v;
        switch (h->role[f[i].col]) {
        case COL_STATE:
            /* A code is printed in capitals: a note's "as" is no state. */
            value = (cells_state_code(f[i].text) && !lower_pair(f[i].text)) ||
                    cells_state_prefix(f[i].text);
            break;
        case COL_ISSUED:
        case COL_DECLINED:
            value = cells_date(f[i].text, iso) || cells_date_prefix(f[i].text);
            break;
        case COL_RANK:
        case COL_COUNT:
            value = cells_integer(f[i].text, &v);
            break;
        default:
            break;
        }
    }
    fragments_free(f, nf);
    return value;
}

int line_foreign(const table_header *h, const table_shape *s, const pline *line)
{
    int odd = 0;
    for (size_t i = 0; i < line->n && !odd; i++) {
        const pword *w = &line->w[i];
        if (s->em > 0 && (w->size > s->em * 1.125 || w->size < s->em / 1.125))
            odd = 1;
        /* Where the next column's cells begin flush at one edge, a row's
         * words stop short of it by the cells' padding; elsewhere the
         * middle of the gutter is the line. */
        for (int c = 0; s->known && c + 1 < h->ncols; c++)
            if (w->x0 < s->cut[c] - 0.5 && w->x1 > s->cut[c] + 0.5)
                odd = 1;
    }
    if (!odd && s->known) {
        /* A cell begins at its column's edge; a word of a note that the
         * boundaries put into a column of its own begins anywhere. */
        size_t nf;
        pline *one = (pline *)line;
        fragment *f = fragments_cut(h, s->cut, &one, 1, 0, &nf);
        for (size_t i = 0; i < nf && !odd; i++)
            if (s->flush[f[i].col] && (f[i].x0 < s->edge[f[i].col] - EDGE_TOLERANCE ||
                                       f[i].x0 > s->edge[f[i].col] + EDGE_TOLERANCE))
                odd = 1;
        fragments_free(f, nf);
    }
    return odd && !holds_value(h, s->cut, line);
}

int line_goes_on(const table_header *h, const table_shape *s, const pline *note,
                 const pline *line)
{
    if (note->n == 0 || line->n == 0)
        return 0;
    double dx = line->w[0].x0 - note->w[0].x0, ds = line->w[0].size - note->w[0].size;
    return dx > -EDGE_TOLERANCE && dx < EDGE_TOLERANCE && ds > -0.1 && ds < 0.1 &&
           !holds_value(h, s->cut, line);
}
