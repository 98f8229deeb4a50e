/*
 * Table body lines -> rows of cells, without ruling lines.
 *
 * 1. Each line's words are cut into fragments, one per column, by the
 *    column boundaries.
 * 2. In each column, fragments that follow each other at line spacing are
 *    one block: the lines of one wrapped cell.  A larger gap (the cell
 *    padding between two rows) starts a new block.  Where the page shows
 *    both kinds of gap, the threshold lies between them, so tight cell
 *    padding still parts the rows; otherwise a fixed share of the em.
 * 3. Blocks of all columns whose vertical extents overlap form a row.  A
 *    short cell centred vertically against a wrapped one lies within the
 *    wrapped cell's extent, so it lands in the right row whichever line it
 *    was printed on.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define BLOCK_GAP 0.35        /* em: more than this between lines = new cell */
#define GAP_STEP 0.12         /* em: gaps further apart are of two kinds */
#define ROW_OVERLAP 0.15      /* em: blocks must overlap this much to share a row */

typedef struct {
    int col;
    double x0, y0, x1, y1, em;
    char *text;
} fragment;

typedef struct {
    int col;
    double x0, y0, x1, y1, em;
    size_t first, count;      /* its fragments in the column-sorted array */
} block;

static int column_of(const table_header *h, const double *bound, const pword *w)
{
    double mid = (w->x0 + w->x1) / 2;
    int c = 0;
    while (c + 1 < h->ncols && mid >= bound[c])
        c++;
    return c;
}

void row_join(char **cell, const char *text)
{
    size_t a = strlen(*cell), b = strlen(text);
    if (b == 0)
        return;
    /* Office software breaks "Wilkes-Barre" after its hyphen; a hyphen
     * standing alone ("Obscene Material -") is a word and keeps its space.
     * A soft hyphen (U+00AD) marks a word the software hyphenated itself:
     * it goes, and the halves join. */
    int glue = a >= 2 && (*cell)[a - 1] == '-' && (*cell)[a - 2] != ' ';
    if (a >= 2 && (unsigned char)(*cell)[a - 2] == 0xC2 &&
        (unsigned char)(*cell)[a - 1] == 0xAD) {
        a -= 2;
        (*cell)[a] = '\0';
        glue = 1;
    }
    char *s = realloc(*cell, a + b + 2);
    if (!s)
        abort();
    if (a && !glue)
        s[a++] = ' ';
    memcpy(s + a, text, b + 1);
    *cell = s;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The gap, in em, above which two lines of a column belong to different
 * cells.  Gaps inside a wrapped cell are all alike (the line spacing), and
 * so are the gaps between rows (the cell padding); the first clear step up
 * from the smallest gaps, if it comes below BLOCK_GAP, separates them.
 * With no such step every small gap is of one kind: when the state column
 * (short, present in every row of every table) has several lines at such
 * gaps, they are rows packed tight, not the lines of one cell. */
static double block_gap(const fragment *f, size_t nf, int state_col)
{
    double *g = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 1; i < nf; i++)
        if (f[i].col == f[i - 1].col) {
            g = grow(g, &cap, n + 1, sizeof *g);
            g[n++] = (f[i].y0 - f[i - 1].y1) / (f[i].em > 0 ? f[i].em : 10);
        }
    double gap = BLOCK_GAP;
    int stepped = 0;
    if (n > 1) {
        qsort(g, n, sizeof *g, by_value);
        for (size_t i = 0; i + 1 < n && g[i] < BLOCK_GAP; i++)
            if (g[i + 1] - g[i] > GAP_STEP) {
                double mid = (g[i] + g[i + 1]) / 2;
                gap = mid < BLOCK_GAP ? mid : BLOCK_GAP;
                stepped = 1;
                break;
            }
    }
    if (!stepped && n > 0 && g[0] < BLOCK_GAP) {
        size_t tight = 0;
        for (size_t i = 1; i < nf; i++)
            if (f[i].col == state_col && f[i - 1].col == state_col &&
                f[i].y0 - f[i - 1].y1 < BLOCK_GAP * (f[i].em > 0 ? f[i].em : 10))
                tight++;
        if (tight > 0)
            gap = g[0] - GAP_STEP / 2;
    }
    free(g);
    return gap;
}

static int by_col_then_y(const void *a, const void *b)
{
    const fragment *x = a, *y = b;
    if (x->col != y->col)
        return x->col - y->col;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

static int by_top(const void *a, const void *b)
{
    const block *x = a, *y = b;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

void row_free(table_row *r)
{
    for (int c = 0; c < MAX_COLS; c++)
        free(r->cell[c]);
    free(r->box);
}

/* Where the cells of a row lie: one box per column, around the blocks
 * B[0..n) of the row. */
static void row_boxes(table_row *r, const block *b, size_t n)
{
    r->box = calloc(n ? n : 1, sizeof *r->box);
    if (!r->box)
        abort();
    for (size_t k = 0; k < n; k++) {
        cell_box *c = NULL;
        for (size_t i = 0; i < r->nbox; i++)
            if (r->box[i].col == b[k].col)
                c = &r->box[i];
        if (!c) {
            c = &r->box[r->nbox++];
            *c = (cell_box){ r->page, b[k].col, b[k].x0, b[k].y0, b[k].x1, b[k].y1 };
            continue;
        }
        if (b[k].x0 < c->x0) c->x0 = b[k].x0;
        if (b[k].y0 < c->y0) c->y0 = b[k].y0;
        if (b[k].x1 > c->x1) c->x1 = b[k].x1;
        if (b[k].y1 > c->y1) c->y1 = b[k].y1;
    }
}

table_row *rows_assemble(const table_header *h, const double *bound,
                         pline *const *body, size_t n, int traced,
                         size_t *nrows)
{
    *nrows = 0;
    if (n == 0)
        return NULL;

    /* 1. fragments */
    fragment *f = NULL;
    size_t nf = 0, fcap = 0;
    for (size_t l = 0; l < n; l++) {
        const pline *line = body[l];
        for (size_t i = 0; i < line->n;) {
            const pword *w = &line->w[i];
            int col = column_of(h, bound, w);
            f = grow(f, &fcap, nf + 1, sizeof *f);
            fragment *fr = &f[nf++];
            fr->col = col;
            fr->x0 = w->x0; fr->x1 = w->x1;
            fr->y0 = w->y0; fr->y1 = w->y1; fr->em = w->size;
            fr->text = xstrdup("");
            while (i < line->n && column_of(h, bound, &line->w[i]) == col) {
                const pword *x = &line->w[i];
                if (x->y0 < fr->y0) fr->y0 = x->y0;
                if (x->y1 > fr->y1) fr->y1 = x->y1;
                if (x->x1 > fr->x1) fr->x1 = x->x1;
                char *t = fr->text;
                size_t a = strlen(t), b = strlen(x->text);
                t = realloc(t, a + b + 2);
                if (!t)
                    abort();
                if (a)
                    t[a++] = ' ';
                memcpy(t + a, x->text, b + 1);
                fr->text = t;
                i++;
            }
        }
    }
    qsort(f, nf, sizeof *f, by_col_then_y);

    /* 2. blocks */
    int state_col = 0;
    for (int c = 0; c < h->ncols; c++)
        if (h->role[c] == COL_STATE)
            state_col = c;
    double gap = block_gap(f, nf, state_col);
    block *b = NULL;
    size_t nb = 0, bcap = 0;
    for (size_t i = 0; i < nf; i++) {
        block *last = nb ? &b[nb - 1] : NULL;
        if (last && last->col == f[i].col &&
            f[i].y0 - last->y1 < gap * (f[i].em > 0 ? f[i].em : 10)) {
            if (f[i].y1 > last->y1) last->y1 = f[i].y1;
            if (f[i].x0 < last->x0) last->x0 = f[i].x0;
            if (f[i].x1 > last->x1) last->x1 = f[i].x1;
            last->count++;
            continue;
        }
        b = grow(b, &bcap, nb + 1, sizeof *b);
        b[nb].col = f[i].col;
        b[nb].x0 = f[i].x0; b[nb].x1 = f[i].x1;
        b[nb].y0 = f[i].y0; b[nb].y1 = f[i].y1; b[nb].em = f[i].em;
        b[nb].first = i;
        b[nb].count = 1;
        nb++;
    }
    qsort(b, nb, sizeof *b, by_top);

    /* 3. rows: runs of blocks that overlap the run's extent */
    table_row *rows = NULL;
    size_t nr = 0, rcap = 0;
    for (size_t i = 0; i < nb;) {
        double bottom = b[i].y1;
        size_t j = i + 1;
        while (j < nb && b[j].y0 < bottom - ROW_OVERLAP * (b[j].em > 0 ? b[j].em : 10)) {
            if (b[j].y1 > bottom) bottom = b[j].y1;
            j++;
        }
        rows = grow(rows, &rcap, nr + 1, sizeof *rows);
        table_row *r = &rows[nr++];
        memset(r, 0, sizeof *r);
        r->page = body[0]->page;
        for (int c = 0; c < MAX_COLS; c++)
            r->cell[c] = xstrdup("");
        /* Blocks of one column inside a row are joined top to bottom;
         * they are already in top order. */
        for (size_t k = i; k < j; k++)
            for (size_t q = 0; q < b[k].count; q++)
                row_join(&r->cell[b[k].col], f[b[k].first + q].text);
        if (traced)
            row_boxes(r, b + i, j - i);
        i = j;
    }

    for (size_t i = 0; i < nf; i++)
        free(f[i].text);
    free(f);
    free(b);
    *nrows = nr;
    return rows;
}
