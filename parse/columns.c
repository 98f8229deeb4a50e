/*
 * Column boundaries of a table on one page.
 *
 * The true boundary between two columns lies somewhere in the gap between
 * their header cells (cell text never leaves its cell, and header text is
 * inside the cell too).  Within that gap we put it where the fewest body
 * words are, in the middle of the longest such stretch: a gutter between
 * columns holds no word of any row, while a line of prose that wandered
 * into the table covers it only once.  Where the header is set flush left
 * like its cells, the next column's text begins where its header does, and
 * an empty stretch up to there is the gutter, however narrow: the spaces
 * between the words of a column of look-alike cells ("Clark County Jail"
 * on every row of a page) can be wider.  No ruling lines or fixed
 * positions are needed, so other column widths and page sizes read the
 * same.
 */
#include <stdlib.h>
#include "internal.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* How far short of the next header cell's left edge the next column's
 * text may begin and still be flush with it: a point, the rounding of
 * positions and the side bearing of a glyph. */
#define HEADER_EDGE 1.0

static double gutter(double lo, double hi, pline *const *body, size_t n)
{
    size_t nx = 2, cap = 0;
    double *xs = NULL;
    xs = grow(xs, &cap, 2, sizeof *xs);
    xs[0] = lo;
    xs[1] = hi;
    for (size_t l = 0; l < n; l++)
        for (size_t i = 0; i < body[l]->n; i++) {
            const pword *w = &body[l]->w[i];
            if (w->x1 <= lo || w->x0 >= hi)
                continue;
            xs = grow(xs, &cap, nx + 2, sizeof *xs);
            xs[nx++] = w->x0 < lo ? lo : w->x0;
            xs[nx++] = w->x1 > hi ? hi : w->x1;
        }
    qsort(xs, nx, sizeof *xs, by_value);

    /* Depth of each elementary stretch; keep the longest of least depth,
     * merging neighbours of equal depth. */
    double best_mid = (lo + hi) / 2, best_len = -1, run_start = lo;
    size_t best_depth = (size_t)-1, run_depth = (size_t)-1;
    double edge_mid = 0;
    int at_edge = 0;
    for (size_t k = 0; k + 1 < nx; k++) {
        double a = xs[k], b = xs[k + 1];
        if (b <= a)
            continue;
        double mid = (a + b) / 2;
        size_t depth = 0;
        for (size_t l = 0; l < n; l++)
            for (size_t i = 0; i < body[l]->n; i++) {
                const pword *w = &body[l]->w[i];
                depth += (w->x0 < mid && w->x1 > mid);
            }
        if (depth != run_depth) {
            run_start = a;
            run_depth = depth;
        }
        double len = b - run_start;
        if (depth < best_depth || (depth == best_depth && len > best_len)) {
            best_depth = depth;
            best_len = len;
            best_mid = (run_start + b) / 2;
        }
        /* An empty stretch that reaches the next header cell: with the
         * header set flush left like the cells below it, the next
         * column's text begins right there, and the gutter is this. */
        if (depth == 0 && b >= hi - HEADER_EDGE) {
            edge_mid = (run_start + b) / 2;
            at_edge = 1;
        }
    }
    free(xs);
    return at_edge ? edge_mid : best_mid;
}

void columns_bounds(const table_header *h, pline *const *body, size_t n,
                    double *bound)
{
    for (int c = 0; c + 1 < h->ncols; c++) {
        double lo = h->x1[c], hi = h->x0[c + 1];
        bound[c] = hi > lo ? gutter(lo, hi, body, n) : (lo + hi) / 2;
    }
}
