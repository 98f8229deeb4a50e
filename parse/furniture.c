/*
 * Page furniture: running headers, running footers and page numbers.
 *
 * They are never data, yet inside a table region they sit right above and
 * below the rows.  A line is furniture when it is among the two outermost
 * lines at the top or bottom of its page, lies in the page's outer band,
 * is not a table header row, and either reads as a page number or repeats
 * (digits aside: "Page 3 of 35" and "Page 4 of 35" are one text) on at
 * least half the pages, and on two at least.  Half, because a long table of
 * look-alike rows can end two pages with the same text, but not most of
 * them, while running headers and footers are on nearly every page.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "regex.h"

#define BAND 0.12             /* outer share of the page height */
#define PER_EDGE 2            /* lines looked at on each edge */

typedef struct {
    char *masked;
    int page;
    pline *line;
} candidate;

/* Lower case, each run of digits as one '#', spaces dropped, so that a
 * running footer with the page number in it reads the same on every page,
 * whether "Report 12" or "Report3" (a one-digit number set close). */
static char *mask(const char *text)
{
    char *m = malloc(strlen(text) + 1), *o = m;
    if (!m)
        abort();
    for (const char *s = text; *s; s++) {
        if (*s == ' ')
            continue;
        if (isdigit((unsigned char)*s)) {
            if (o == m || o[-1] != '#')
                *o++ = '#';
        } else {
            *o++ = (char)tolower((unsigned char)*s);
        }
    }
    *o = '\0';
    return m;
}

static int is_page_number(const char *text)
{
    static regex *re;
    regex_get(&re, "^(?:page\\s*)?[0-9]{1,5}(?:\\s*(?:of|/)\\s*[0-9]{1,5})?$"
                   "|^[-\\x{2013}\\x{2014}]\\s*[0-9]{1,5}\\s*[-\\x{2013}\\x{2014}]$", 0);
    int cap[2];
    return regex_match(re, text, strlen(text), cap, 1);
}

static int by_mask(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    int c = strcmp(x->masked, y->masked);
    return c ? c : x->page - y->page;
}

static candidate *consider(candidate *c, size_t *n, size_t *cap,
                           pline *l, int page, int top, double height)
{
    if (top ? l->y1 > BAND * height : l->y0 < (1 - BAND) * height)
        return c;
    if (header_like(l))
        return c;
    c = grow(c, cap, *n + 1, sizeof *c);
    c[*n].masked = mask(l->text);
    c[*n].page = page;
    c[*n].line = l;
    (*n)++;
    return c;
}

void furniture_mark(struct ddor_parser *p)
{
    candidate *c = NULL;
    size_t n = 0, cap = 0;
    for (size_t pi = 0; pi < p->npages; pi++) {
        ppage *pg = &p->pages[pi];
        /* A page without text has no lines; when no page has any,
         * p->lines is NULL, and even NULL + 0 is undefined. */
        if (pg->count == 0)
            continue;
        pline *lines = p->lines + pg->first;
        size_t top = pg->count < PER_EDGE ? pg->count : PER_EDGE;
        for (size_t k = 0; k < top; k++)
            c = consider(c, &n, &cap, &lines[k], (int)pi, 1, pg->height);
        for (size_t k = pg->count; k > top && k > pg->count - PER_EDGE; k--)
            c = consider(c, &n, &cap, &lines[k - 1], (int)pi, 0, pg->height);
    }
    if (n)
        qsort(c, n, sizeof *c, by_mask);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int pages = 0, last = -1;
        while (j < n && strcmp(c[j].masked, c[i].masked) == 0) {
            if (c[j].page != last)
                pages++;
            last = c[j].page;
            j++;
        }
        for (size_t k = i; k < j; k++)
            if ((pages >= 2 && 2 * (size_t)pages >= p->npages) ||
                is_page_number(c[k].line->text))
                c[k].line->flags |= PL_FURNITURE;
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        free(c[i].masked);
    free(c);
}
