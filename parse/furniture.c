/*
 * Page furniture: running headers, running footers and page numbers.
 *
 * They are never data, yet inside a table region they sit right above and
 * below the rows.  A line is furniture when it is among the two outermost
 * lines at the top or bottom of its page, is not a table header row, and
 * either reads as a page number that runs with the pages, or repeats
 * (digits aside: "Page 3 of 35" and "Page 4 of 35" are one text) at one
 * place (as far from the page's top, or from its bottom) on at least half
 * the pages, and on two at least.  Half, because a long table of
 * look-alike rows can end two pages with the same text, but not most of
 * them at the same place, while running headers and footers are on nearly
 * every page.  Where exactly the margins are is not assumed: office
 * software sets running texts in the margin or at the edge of the text
 * area; only the page's outer quarters are looked at.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "regex.h"

#define PER_EDGE 2            /* lines looked at on each edge */
/* Running texts stand in a page's margins or just inside them, and
 * margins are at most an inch and a half: a sixth of a landscape Letter
 * page, whose height is the least.  Lines further in than a quarter of
 * the page are text, however alike. */
#define OUTER 0.25
/* Running texts keep their place to a point or two; rows that happen to
 * end pages alike land wherever their heights take them. */
#define SAME_PLACE 2.0

/* A line that may be furniture, noted when its page arrives (the page is
 * then packed away) and decided once every page has been seen. */
struct furniture_candidate {
    char *masked;
    int page;                 /* 0-based */
    int line;                 /* index on its page */
    int page_number;          /* reads as a page number */
    long number;              /* ... and the number it reads */
    int top;                  /* among the lines at the top of the page */
    double place;             /* distance of its centre from that edge */
};
typedef struct furniture_candidate candidate;

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
    if (c)
        return c;
    if (x->top != y->top)
        return x->top - y->top;
    return x->page - y->page;
}

/* The pages on which candidates C[0..n) (one text, one edge) stand at
 * the place most of them share, and that place. */
static int pages_in_place(const candidate *c, size_t n, double *place)
{
    int best = 0;
    *place = 0;
    for (size_t i = 0; i < n; i++) {
        int pages = 0, last = -1;
        for (size_t k = 0; k < n; k++)
            if (c[k].place > c[i].place - SAME_PLACE && c[k].place < c[i].place + SAME_PLACE &&
                c[k].page != last) {
                pages++;
                last = c[k].page;
            }
        if (pages > best) {
            best = pages;
            *place = c[i].place;
        }
    }
    return best;
}

static void consider(struct ddor_parser *p, const pline *l, int page,
                     int line, int top, double height)
{
    if (top ? l->y1 > OUTER * height : l->y0 < (1 - OUTER) * height)
        return;
    if (header_like(l))
        return;
    p->cand = grow(p->cand, &p->ccap, p->ncand + 1, sizeof *p->cand);
    candidate *c = &p->cand[p->ncand++];
    c->masked = mask(l->text);
    c->page = page;
    c->line = line;
    c->page_number = is_page_number(l->text);
    c->top = top;
    c->place = top ? (l->y0 + l->y1) / 2 : height - (l->y0 + l->y1) / 2;
    c->number = -1;
    for (const char *t = l->text; c->page_number && *t; t++)
        if (isdigit((unsigned char)*t)) {
            c->number = strtol(t, NULL, 10);
            break;
        }
}

void furniture_note(struct ddor_parser *p, int page, const pline *lines,
                    size_t n, double height)
{
    /* On a page of few lines a line is among both the first and the last:
     * which edge it is at, the quarter of the page it is in tells. */
    for (size_t k = 0; k < n && k < PER_EDGE; k++)
        consider(p, &lines[k], page, (int)k, 1, height);
    for (size_t k = n > PER_EDGE ? n - PER_EDGE : 0; k < n; k++)
        consider(p, &lines[k], page, (int)k, 0, height);
}

/* How far the page numbers printed run ahead of the pages' places in the
 * file (a report whose cover is unnumbered prints 1 on its second page):
 * the difference most candidates share, on two pages at least; LONG_MIN
 * when none does. */
static long numbering_offset(const candidate *c, size_t n)
{
    long best = LONG_MIN;
    int best_pages = 1;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].page_number || c[i].number < 0)
            continue;
        long off = c[i].number - (c[i].page + 1);
        int pages = 0, last = -1;
        for (size_t k = 0; k < n; k++)
            if (c[k].page_number && c[k].number - (c[k].page + 1) == off &&
                c[k].page != last) {
                pages++;
                last = c[k].page;
            }
        if (pages > best_pages) {
            best = off;
            best_pages = pages;
        }
    }
    return best;
}

void furniture_decide(struct ddor_parser *p)
{
    candidate *c = p->cand;
    size_t n = p->ncand;
    if (n)
        qsort(c, n, sizeof *c, by_mask);
    /* A page number is furniture when it runs with the pages: a lone
     * number at a page's edge that does not (a year at the top of a
     * table cell broken across pages, "2017") is text.  A report of one
     * page numbers it 1. */
    long offset = p->npages == 1 ? 0 : numbering_offset(c, n);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(c[j].masked, c[i].masked) == 0 && c[j].top == c[i].top)
            j++;
        double place;
        int pages = pages_in_place(c + i, j - i, &place);
        for (size_t k = i; k < j; k++) {
            int numbered = c[k].page_number && offset != LONG_MIN &&
                           c[k].number - (c[k].page + 1) == offset;
            /* Repetition marks running texts; a page number's masked text
             * ("#", "page#of#") repeats whatever number it shows, so a
             * page number is judged by its number alone. */
            int repeated = !c[k].page_number && pages >= 2 &&
                           2 * (size_t)pages >= p->npages &&
                           c[k].place > place - SAME_PLACE && c[k].place < place + SAME_PLACE;
            if (numbered || repeated)
                p->pages[c[k].page].flags[c[k].line] |= PL_FURNITURE;
        }
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        free(c[i].masked);
    free(c);
    p->cand = NULL;
    p->ncand = p->ccap = 0;
}
