/*
 * A table's body lines cut into the lines of its cells.
 *
 * Each line of the body is cut at the column boundaries: the words of one
 * column on one line are one fragment, the text a cell prints on that
 * line.  A fragment keeps what the row finder measures: where it lies, its
 * vertical centre (the lines of a wrapped cell are one line pitch apart,
 * centre to centre, whatever the font's box height), its font size, the
 * width of its first word and the gaps between its words (for telling
 * whether that word would have fitted on the line above).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int column_of(const table_header *h, const double *bound, const pword *w)
{
    double mid = (w->x0 + w->x1) / 2;
    int c = 0;
    while (c + 1 < h->ncols && mid >= bound[c])
        c++;
    return c;
}

static int has_alnum(const char *s)
{
    for (; *s; s++)
        if ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
            (*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

static int by_col_then_y(const void *a, const void *b)
{
    const fragment *x = a, *y = b;
    if (x->col != y->col)
        return x->col - y->col;
    if (x->yc != y->yc)
        return x->yc < y->yc ? -1 : 1;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

fragment *fragments_cut(const table_header *h, const double *bound,
                        pline *const *body, size_t n, int parts, size_t *nf)
{
    fragment *f = NULL;
    size_t cap = 0;
    *nf = 0;
    for (size_t l = 0; l < n; l++) {
        const pline *line = body[l];
        for (size_t i = 0; i < line->n;) {
            const pword *w = &line->w[i];
            int col = column_of(h, bound, w);
            f = grow(f, &cap, *nf + 1, sizeof *f);
            fragment *fr = &f[(*nf)++];
            memset(fr, 0, sizeof *fr);
            fr->page = line->page;
            fr->col = col;
            fr->x0 = w->x0; fr->x1 = w->x1;
            fr->y0 = w->y0; fr->y1 = w->y1;
            fr->em = w->size;
            size_t first = i;
            /* The first piece a line breaker could have moved up: a word
             * that is only punctuation ("- Possession") goes with the next. */
            size_t piece = i;
            while (piece + 1 < line->n && !has_alnum(line->w[piece].text) &&
                   column_of(h, bound, &line->w[piece + 1]) == col)
                piece++;
            fr->first_word = line->w[piece].x1 - w->x0;
            while (i < line->n && column_of(h, bound, &line->w[i]) == col) {
                const pword *x = &line->w[i];
                if (x->y0 < fr->y0) fr->y0 = x->y0;
                if (x->y1 > fr->y1) fr->y1 = x->y1;
                if (x->x1 > fr->x1) fr->x1 = x->x1;
                if (i > first) {
                    fr->gaps += x->x0 - line->w[i - 1].x1;
                    fr->ngaps++;
                }
                i++;
            }
            fr->text = words_join(line->w + first, i - first);
            fr->part = parts ? cell_value_part(h->role[col], fr->text) : -1;
            fr->yc = (fr->y0 + fr->y1) / 2;
        }
    }
    if (*nf)
        qsort(f, *nf, sizeof *f, by_col_then_y);
    return f;
}

size_t fragments_starts(const table_header *h, const double *bound,
                        pline *const *body, size_t n, int *col, double *x0)
{
    size_t k = 0;
    for (size_t l = 0; l < n; l++) {
        const pline *line = body[l];
        for (size_t i = 0; i < line->n; i++) {
            int c = column_of(h, bound, &line->w[i]);
            if (i == 0 || c != col[k - 1]) {
                col[k] = c;
                x0[k++] = line->w[i].x0;
            }
        }
    }
    return k;
}

void fragments_free(fragment *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(f[i].text);
    free(f);
}
