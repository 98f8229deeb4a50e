/*
 * The parser's entry points.  Pages are packed away as they come (just
 * their words and lines, page_store.c; Poppler's page objects are freed by
 * the caller), because running headers and footers are known only by
 * their repetition over the whole document; the tables are then read one
 * page at a time, a row continuing from one page to the next.
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

void ddor_parser_trace(ddor_parser *p, int on)
{
    p->trace = on;
}

/* The lines of PAGE in the parser's form.  Their word texts point into
 * PAGE, which the caller still holds; only the joined texts are ours. */
static pline *lines_of(const extract_page *page, int number)
{
    pline *lines = calloc(page->nlines ? page->nlines : 1, sizeof *lines);
    if (!lines)
        abort();
    for (size_t i = 0; i < page->nlines; i++) {
        const extract_line *el = &page->lines[i];
        pline *l = &lines[i];
        l->page = number;
        l->x0 = el->x0; l->y0 = el->y0; l->x1 = el->x1; l->y1 = el->y1;
        l->n = el->count;
        l->w = malloc((el->count ? el->count : 1) * sizeof *l->w);
        if (!l->w)
            abort();
        for (size_t k = 0; k < el->count; k++) {
            const extract_word *ew = &page->words[el->first + k];
            pword *w = &l->w[k];
            w->text = ew->text;
            w->x0 = ew->x0; w->y0 = ew->y0; w->x1 = ew->x1; w->y1 = ew->y1;
            /* Poppler's boxes are about 1.15 em tall for common fonts. */
            w->size = ew->size > 0 ? ew->size : (ew->y1 - ew->y0) / 1.15;
        }
        l->text = words_join(l->w, l->n);
    }
    return lines;
}

/* What must be known of a page before the next arrives is noted now
 * (its furniture candidates, whether it names the report); then the page
 * is packed away. */
void ddor_parser_add_page(ddor_parser *p, const extract_page *page)
{
    p->pages = grow(p->pages, &p->pcap, p->npages + 1, sizeof *p->pages);
    ppage *pg = &p->pages[p->npages++];
    memset(pg, 0, sizeof *pg);
    pg->width = page->width;
    pg->height = page->height;
    p->words += page->nwords;

    pline *lines = lines_of(page, (int)p->npages);
    furniture_note(p, (int)p->npages - 1, lines, page->nlines, page->height);
    for (size_t i = 0; i < page->nlines && !p->names_report; i++)
        p->names_report = metadata_names_report(lines[i].text);
    page_pack(pg, lines, page->nlines);
    page_lines_free(lines, page->nlines);
}

static void parser_free(ddor_parser *p)
{
    for (size_t i = 0; i < p->npages; i++)
        page_release(&p->pages[i]);
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
    furniture_decide(p);
    tables_read(p, r, &prose);
    metadata_read(prose ? prose : "", p, r);
    free(prose);
    parser_free(p);
    return r;
}
