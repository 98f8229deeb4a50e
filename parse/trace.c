/*
 * The trace of a parse: a box for every piece of a page the parser gave
 * a meaning to (a cell of a row, a header cell, page furniture) and for
 * every row it could not place, so that a reader can see on the page
 * itself which text went where.  Only kept when asked for.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

ddor_box *trace_add(ddor_report *r, size_t *cap, ddor_box_kind kind,
                    int page, double x0, double y0, double x1, double y1)
{
    r->boxes = grow(r->boxes, cap, r->nboxes + 1, sizeof *r->boxes);
    ddor_box *b = &r->boxes[r->nboxes++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->page = page;
    b->column = -1;
    b->role = "";
    b->x0 = x0; b->y0 = y0; b->x1 = x1; b->y1 = y1;
    return b;
}

/* A row held back at a page break is traced once complete, after the
 * boxes of the next page; a counting sort by page (stable, and pages are
 * small integers) puts it back. */
void trace_sort(ddor_report *r)
{
    size_t n = r->nboxes;
    if (n < 2)
        return;
    int last = 0;
    for (size_t i = 0; i < n; i++)
        if (r->boxes[i].page > last)
            last = r->boxes[i].page;
    ddor_box *sorted = malloc(n * sizeof *sorted);
    size_t *start = calloc((size_t)last + 2, sizeof *start);
    if (!sorted || !start)
        abort();
    for (size_t i = 0; i < n; i++)
        start[r->boxes[i].page + 1]++;
    for (int p = 1; p <= last + 1; p++)
        start[p] += start[p - 1];
    for (size_t i = 0; i < n; i++)
        sorted[start[r->boxes[i].page]++] = r->boxes[i];
    free(start);
    free(r->boxes);
    r->boxes = sorted;
}
