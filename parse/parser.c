/*
 * The parser's entry points.  Pages are copied as they come (just their
 * words and lines: a few kilobytes a page, where Poppler's page objects
 * are freed by the caller), because two things need the whole document:
 * running headers and footers are known by their repetition on many
 * pages, and a table row may continue on the next page.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

ddor_parser *ddor_parser_new(void)
{
    ddor_parser *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    return p;
}

static char *join_words(const pword *w, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(w[i].text) + 1;
    char *s = malloc(len), *o = s;
    if (!s)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (i)
            *o++ = ' ';
        size_t k = strlen(w[i].text);
        memcpy(o, w[i].text, k);
        o += k;
    }
    *o = '\0';
    return s;
}

void ddor_parser_add_page(ddor_parser *p, const extract_page *page)
{
    p->pages = grow(p->pages, &p->pcap, p->npages + 1, sizeof *p->pages);
    ppage *pg = &p->pages[p->npages++];
    pg->width = page->width;
    pg->height = page->height;
    pg->first = p->nlines;
    pg->count = page->nlines;
    p->words += page->nwords;

    p->lines = grow(p->lines, &p->cap, p->nlines + page->nlines, sizeof *p->lines);
    for (size_t i = 0; i < page->nlines; i++) {
        const extract_line *el = &page->lines[i];
        pline *l = &p->lines[p->nlines++];
        l->page = (int)p->npages;
        l->x0 = el->x0; l->y0 = el->y0; l->x1 = el->x1; l->y1 = el->y1;
        l->n = el->count;
        l->flags = 0;
        l->w = malloc((el->count ? el->count : 1) * sizeof *l->w);
        if (!l->w)
            abort();
        for (size_t k = 0; k < el->count; k++) {
            const extract_word *ew = &page->words[el->first + k];
            pword *w = &l->w[k];
            w->text = xstrdup(ew->text);
            w->x0 = ew->x0; w->y0 = ew->y0; w->x1 = ew->x1; w->y1 = ew->y1;
            /* Poppler's boxes are about 1.15 em tall for common fonts. */
            w->size = ew->size > 0 ? ew->size : (ew->y1 - ew->y0) / 1.15;
        }
        l->text = join_words(l->w, l->n);
    }
}

static void parser_free(ddor_parser *p)
{
    for (size_t i = 0; i < p->nlines; i++) {
        for (size_t k = 0; k < p->lines[i].n; k++)
            free(p->lines[i].w[k].text);
        free(p->lines[i].w);
        free(p->lines[i].text);
    }
    free(p->lines);
    free(p->pages);
    free(p);
}

ddor_report *ddor_parser_finish(ddor_parser *p)
{
    ddor_report *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->pages = (int)p->npages;
    r->words = (int)(p->words > 2147483647 ? 2147483647 : p->words);
    r->detainers_issued = -1;
    r->declined_stated = -1;

    char *prose = NULL;
    furniture_mark(p);
    tables_read(p, r, &prose);
    metadata_read(prose ? prose : "", p, r);
    free(prose);
    parser_free(p);
    return r;
}
