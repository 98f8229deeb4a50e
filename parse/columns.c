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

/* How far short of the next header cell's left edge the next column's
 * text may begin and still be flush with it: a point, the rounding of
 * positions and the side bearing of a glyph. */
#define HEADER_EDGE 1.0

/* The words of the body that reach into [LO, HI): their ends, clipped,
 * as events of a sweep from left to right (+1 where a word begins, -1
 * where one ends). */
typedef struct {
    double x;
    int step;
} edge;

static int by_x(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    return x->step - y->step;         /* ends before starts at one x */
}

static double gutter(double lo, double hi, pline *const *body, size_t n)
{
    size_t ne = 0, cap = 0;
    edge *e = NULL;
    for (size_t l = 0; l < n; l++)
        for (size_t i = 0; i < body[l]->n; i++) {
            const pword *w = &body[l]->w[i];
            if (w->x1 <= lo || w->x0 >= hi || w->x1 <= w->x0)
                continue;
            e = grow(e, &cap, ne + 2, sizeof *e);
            e[ne++] = (edge){ w->x0 < lo ? lo : w->x0, +1 };
            e[ne++] = (edge){ w->x1 > hi ? hi : w->x1, -1 };
        }
    if (ne)
        qsort(e, ne, sizeof *e, by_x);

    /* Depth of each stretch between consecutive events; keep the longest
     * of least depth, merging neighbours of equal depth. */
    double best_mid = (lo + hi) / 2, best_len = -1, run_start = lo, at = lo;
    size_t best_depth = (size_t)-1, run_depth = (size_t)-1;
    long depth = 0;
    double edge_mid = 0;
    int at_edge = 0;
    for (size_t k = 0; k <= ne; k++) {
        double b = k < ne ? e[k].x : hi;
        if (b > at) {
            if ((size_t)depth != run_depth) {
                run_start = at;
                run_depth = (size_t)depth;
            }
            double len = b - run_start;
            if ((size_t)depth < best_depth || ((size_t)depth == best_depth && len > best_len)) {
                best_depth = (size_t)depth;
                best_len = len;
                best_mid = (run_start + b) / 2;
            }
            /* An empty stretch that reaches the next header cell: with
             * the header set flush left like the cells below it, the next
             * column's text begins right there, and the gutter is this. */
            if (depth == 0 && b >= hi - HEADER_EDGE) {
                edge_mid = (run_start + b) / 2;
                at_edge = 1;
            }
            at = b;
        }
        if (k < ne)
            depth += e[k].step;
    }
    free(e);
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
