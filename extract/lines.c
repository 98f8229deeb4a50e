/*
 * Words -> lines, in reading order.
 *
 * A line is a set of words whose vertical extents overlap by at least half
 * of the smaller one: words on one baseline across the whole page, so that
 * a table row printed on one line is one line whatever its columns.  Words
 * placed between two lines (a short cell centred vertically against a
 * wrapped one) overlap neither by half and become a line of their own;
 * the table parser places them by position, not by line.
 */
#include <stdlib.h>
#include <string.h>
#include "extract.h"

static int by_top(const void *a, const void *b)
{
    const extract_word *x = a, *y = b;
    double cx = (x->y0 + x->y1) / 2, cy = (y->y0 + y->y1) / 2;
    if (cx != cy)
        return cx < cy ? -1 : 1;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int by_left(const void *a, const void *b)
{
    const extract_word *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int same_line(const extract_line *l, const extract_word *w)
{
    double top = l->y0 > w->y0 ? l->y0 : w->y0;
    double bottom = l->y1 < w->y1 ? l->y1 : w->y1;
    double hl = l->y1 - l->y0, hw = w->y1 - w->y0;
    double least = hl < hw ? hl : hw;
    return bottom - top >= 0.5 * least;
}

void extract_build_lines(extract_page *page, extract_word *words, size_t n)
{
    page->words = words;
    page->nwords = n;
    page->lines = NULL;
    page->nlines = 0;
    if (n == 0)
        return;
    qsort(words, n, sizeof *words, by_top);

    page->lines = malloc(n * sizeof *page->lines);
    if (!page->lines)
        abort();
    /* Words sorted by their vertical centre: each line is a run of them.
     * The line's band is the first word's, so that a tall word (a larger
     * font) does not swallow the lines above and below it. */
    size_t i = 0;
    while (i < n) {
        extract_line *l = &page->lines[page->nlines++];
        l->first = i;
        l->x0 = words[i].x0; l->y0 = words[i].y0;
        l->x1 = words[i].x1; l->y1 = words[i].y1;
        double band0 = l->y0, band1 = l->y1;
        size_t j = i + 1;
        while (j < n) {
            extract_line band = { .y0 = band0, .y1 = band1 };
            if (!same_line(&band, &words[j]))
                break;
            extract_word *w = &words[j];
            if (w->x0 < l->x0) l->x0 = w->x0;
            if (w->y0 < l->y0) l->y0 = w->y0;
            if (w->x1 > l->x1) l->x1 = w->x1;
            if (w->y1 > l->y1) l->y1 = w->y1;
            j++;
        }
        l->count = j - i;
        qsort(words + i, l->count, sizeof *words, by_left);
        i = j;
    }
}
