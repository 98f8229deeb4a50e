/*
 * Table regions across pages, and rows -> typed records.
 *
 * Lines are walked in order, page furniture skipped.  A recognised header
 * row opens a table; a section heading (or another table's header) closes
 * it; a page break does not: the table goes on, its header repeated or
 * not.  Rows are assembled a page at a time, and the last row of a page is
 * held back until the next page shows whether its first row is the rest of
 * it (a tall row broken across the page: no state there, only the rest of
 * its wrapped cells).  Lines outside tables are the report's prose.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

typedef struct {
    ddor_report *r;
    int active;
    table_header h;
    table_row pending;
    int has_pending;
    size_t table_rows;        /* records taken from the open table */
    size_t rows_cap[TABLE_NKINDS];
    size_t unparsed_cap;
    /* The section heading last read and the lines read under it since. */
    int heading_index;        /* 0..3 for Sections I..IV; -1 before any */
    int heading_page;
    char *heading_text;       /* malloc'd: its page is gone when it closes */
    long heading_lines;
    int trace;                /* boxes of what is recognised are kept */
    int table_no;             /* tables opened so far */
    size_t boxes_cap;
} walk;

static int col_index(const table_header *h, col_role role)
{
    for (int c = 0; c < h->ncols; c++)
        if (h->role[c] == role)
            return c;
    return -1;
}

static const char *cell(const table_header *h, const table_row *row, col_role role)
{
    int c = col_index(h, role);
    return c < 0 ? "" : row->cell[c];
}

static void add_unparsed(walk *wk, int page, const char *text, const char *why)
{
    ddor_report *r = wk->r;
    r->unparsed = grow(r->unparsed, &wk->unparsed_cap, r->nunparsed + 1,
                       sizeof *r->unparsed);
    ddor_unparsed *u = &r->unparsed[r->nunparsed++];
    u->page = page;
    u->text = xstrdup(text);
    u->why = xstrdup(why);
}

static char *state_code(const char *raw)
{
    const char *code = cells_state_code(raw);
    return xstrdup(code ? code : "");
}

static char *iso_date(const char *raw)
{
    char out[11];
    return xstrdup(cells_date(raw, out) ? out : "");
}

static long number(const char *raw)
{
    long v;
    return cells_integer(raw, &v) ? v : -1;
}

static void add_declined(walk *wk, const table_header *h, const table_row *row)
{
    ddor_report *r = wk->r;
    r->declined = grow(r->declined, &wk->rows_cap[TABLE_DECLINED],
                       r->ndeclined + 1, sizeof *r->declined);
    ddor_declined *d = &r->declined[r->ndeclined++];
    const char *country;
    const char *status;
    d->page = row->page;
    d->state_raw = xstrdup(cell(h, row, COL_STATE));
    d->state = state_code(d->state_raw);
    d->county = xstrdup(cell(h, row, COL_COUNTY));
    d->facility = xstrdup(cell(h, row, COL_FACILITY));
    d->citizenship = xstrdup(cell(h, row, COL_CITIZENSHIP));
    country = d->citizenship[0] ? cells_country_code(d->citizenship) : NULL;
    d->country_code = xstrdup(country ? country : "");
    d->issued_raw = xstrdup(cell(h, row, COL_ISSUED));
    d->issued = iso_date(d->issued_raw);
    d->declined_raw = xstrdup(cell(h, row, COL_DECLINED));
    d->declined = iso_date(d->declined_raw);
    cells_crime(cell(h, row, COL_CRIME), cell(h, row, COL_STATUS), &d->crime, &status);
    d->crime_status = xstrdup(status ? status : "");
}

static void add_top(walk *wk, const table_header *h, const table_row *row)
{
    ddor_report *r = wk->r;
    r->top = grow(r->top, &wk->rows_cap[TABLE_TOP], r->ntop + 1, sizeof *r->top);
    ddor_top *t = &r->top[r->ntop++];
    t->page = row->page;
    /* Without a rank column the table's order is the ranking. */
    t->rank = col_index(h, COL_RANK) >= 0 ? number(cell(h, row, COL_RANK))
                                          : (long)wk->table_rows + 1;
    t->state_raw = xstrdup(cell(h, row, COL_STATE));
    t->state = state_code(t->state_raw);
    t->county = xstrdup(cell(h, row, COL_COUNTY));
    t->detainers = number(cell(h, row, COL_COUNT));
}

static void add_policy(walk *wk, const table_header *h, const table_row *row)
{
    ddor_report *r = wk->r;
    r->policies = grow(r->policies, &wk->rows_cap[TABLE_POLICY],
                       r->npolicies + 1, sizeof *r->policies);
    ddor_policy *q = &r->policies[r->npolicies++];
    q->page = row->page;
    q->state_raw = xstrdup(cell(h, row, COL_STATE));
    q->state = state_code(q->state_raw);
    q->jurisdiction = xstrdup(cell(h, row, COL_COUNTY));
    q->policy = xstrdup(cell(h, row, COL_POLICY));
}

static unsigned section_of(table_kind kind)
{
    return kind == TABLE_TOP ? DDOR_SECTION_I
         : kind == TABLE_DECLINED ? DDOR_SECTION_II
         : DDOR_SECTION_III;
}

static ddor_box *trace_table_box(walk *wk, ddor_box_kind kind, int page,
                                 double x0, double y0, double x1, double y1)
{
    ddor_box *b = trace_add(wk->r, &wk->boxes_cap, kind, page, x0, y0, x1, y1);
    b->table = wk->table_no;
    b->section = section_of(wk->h.kind);
    return b;
}

static void trace_cells(walk *wk, const table_row *row)
{
    for (size_t i = 0; i < row->nbox; i++) {
        const cell_box *c = &row->box[i];
        ddor_box *b = trace_table_box(wk, DDOR_BOX_CELL, c->page,
                                      c->x0, c->y0, c->x1, c->y1);
        b->column = c->col;
        b->role = col_role_name(wk->h.role[c->col]);
    }
}

/* An unparsed row is boxed whole, once on each page it spans. */
static void trace_unparsed(walk *wk, const table_row *row, size_t index)
{
    for (size_t i = 0; i < row->nbox; i++) {
        const cell_box *c = &row->box[i];
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= row->box[k].page == c->page;
        if (seen)
            continue;
        double x0 = c->x0, y0 = c->y0, x1 = c->x1, y1 = c->y1;
        for (size_t k = i + 1; k < row->nbox; k++) {
            const cell_box *o = &row->box[k];
            if (o->page != c->page)
                continue;
            if (o->x0 < x0) x0 = o->x0;
            if (o->y0 < y0) y0 = o->y0;
            if (o->x1 > x1) x1 = o->x1;
            if (o->y1 > y1) y1 = o->y1;
        }
        trace_table_box(wk, DDOR_BOX_UNPARSED, c->page, x0, y0, x1, y1)->unparsed = index;
    }
}

/* The header row of the open table: one box per column, over all the
 * lines it takes. */
static void trace_header(walk *wk, pline *const *lines)
{
    const table_header *h = &wk->h;
    double y0 = lines[0]->y0, y1 = lines[0]->y1;
    for (size_t k = 1; k < h->nlines; k++) {
        if (lines[k]->y0 < y0) y0 = lines[k]->y0;
        if (lines[k]->y1 > y1) y1 = lines[k]->y1;
    }
    for (int c = 0; c < h->ncols; c++) {
        ddor_box *b = trace_table_box(wk, DDOR_BOX_HEADER, lines[0]->page,
                                      h->x0[c], y0, h->x1[c], y1);
        b->column = c;
        b->role = col_role_name(h->role[c]);
    }
}

/* Continues the held-back row with the first row of the next page. */
static void continue_pending(walk *wk, table_row *rest)
{
    for (int c = 0; c < wk->h.ncols; c++)
        row_join(&wk->pending.cell[c], rest->cell[c]);
    if (rest->nbox) {
        table_row *p = &wk->pending;
        cell_box *all = realloc(p->box, (p->nbox + rest->nbox) * sizeof *all);
        if (!all)
            abort();
        p->box = all;
        memcpy(p->box + p->nbox, rest->box, rest->nbox * sizeof *p->box);
        p->nbox += rest->nbox;
    }
    row_free(rest);
}

/* The held-back row becomes a record, or an unparsed line when it lacks
 * the cells every row of these tables has. */
static void flush_pending(walk *wk)
{
    if (!wk->has_pending)
        return;
    table_row *row = &wk->pending;
    const table_header *h = &wk->h;
    if (cell(h, row, COL_STATE)[0] && cell(h, row, COL_COUNTY)[0]) {
        switch (h->kind) {
        case TABLE_DECLINED: add_declined(wk, h, row); break;
        case TABLE_TOP:      add_top(wk, h, row);      break;
        case TABLE_POLICY:   add_policy(wk, h, row);   break;
        default: break;
        }
        wk->table_rows++;
        if (wk->trace)
            trace_cells(wk, row);
    } else {
        char *text = xstrdup("");
        for (int c = 0; c < h->ncols; c++)
            row_join(&text, row->cell[c]);
        add_unparsed(wk, row->page, text, "no state or county cell");
        free(text);
        if (wk->trace)
            trace_unparsed(wk, row, wk->r->nunparsed - 1);
    }
    row_free(row);
    wk->has_pending = 0;
}

/* Rows of one page's part of the table.  CONTINUED: the table was already
 * open when the page began, so its first row may finish the last one. */
static void take_rows(walk *wk, pline **body, size_t n, int continued)
{
    if (n == 0)
        return;
    double bound[MAX_COLS];
    columns_bounds(&wk->h, body, n, bound);
    size_t nrows;
    table_row *rows = rows_assemble(&wk->h, bound, body, n, wk->trace, &nrows);
    for (size_t i = 0; i < nrows; i++) {
        if (i == 0 && continued && wk->has_pending &&
            cell(&wk->h, &rows[0], COL_STATE)[0] == '\0') {
            continue_pending(wk, &rows[0]);
            continue;
        }
        flush_pending(wk);
        wk->pending = rows[i];
        wk->has_pending = 1;
    }
    free(rows);
}

static void close_table(walk *wk)
{
    flush_pending(wk);
    wk->active = 0;
}

/* The heading last read becomes the report's heading of its section when
 * it has more lines under it than one read before (the sections listed on
 * page 1 are headings too, with nothing under them). */
static void heading_close(walk *wk)
{
    if (wk->heading_index < 0)
        return;
    ddor_heading *h = &wk->r->headings[wk->heading_index];
    if (!h->text || wk->heading_lines > h->lines) {
        free(h->text);
        h->text = wk->heading_text;
        h->page = wk->heading_page;
        h->lines = wk->heading_lines;
    } else {
        free(wk->heading_text);
    }
    wk->heading_text = NULL;
    wk->heading_index = -1;
}

static void heading_open(walk *wk, unsigned section, const pline *l)
{
    int index = 0;
    while (index < DDOR_NSECTIONS - 1 && !(section & (1u << index)))
        index++;
    wk->heading_index = index;
    wk->heading_page = l->page;
    wk->heading_text = xstrdup(l->text);
    wk->heading_lines = 0;
}

static void prose_add(char **prose, size_t *len, size_t *cap, const char *text)
{
    size_t k = strlen(text);
    *prose = grow(*prose, cap, *len + k + 2, 1);
    if (*len)
        (*prose)[(*len)++] = ' ';
    memcpy(*prose + *len, text, k + 1);
    *len += k;
}

void tables_read(struct ddor_parser *p, ddor_report *r, char **prose)
{
    walk wk = { .r = r, .heading_index = -1, .trace = p->trace };
    size_t plen = 0, pcap = 0;
    pline **lines = NULL, **body = NULL;
    size_t lcap = 0, bcap = 0;
    *prose = NULL;
    prose_add(prose, &plen, &pcap, "");

    for (size_t pi = 0; pi < p->npages; pi++) {
        ppage *pg = &p->pages[pi];
        pline *page = page_unpack(pg, (int)pi + 1);
        size_t n = 0, nbody = 0;
        lines = grow(lines, &lcap, pg->nlines + 1, sizeof *lines);
        for (size_t k = 0; k < pg->nlines; k++)
            if (!(page[k].flags & PL_FURNITURE))
                lines[n++] = &page[k];
            else if (wk.trace)
                trace_add(r, &wk.boxes_cap, DDOR_BOX_FURNITURE, (int)pi + 1,
                          page[k].x0, page[k].y0, page[k].x1, page[k].y1);
        int continued = wk.active;

        for (size_t i = 0; i < n;) {
            pline *l = lines[i];
            unsigned sec;
            table_header h;
            if (is_section_heading(l->text, &sec)) {
                r->sections |= sec;
                heading_close(&wk);
                heading_open(&wk, sec, l);
                if (wk.active) {
                    take_rows(&wk, body, nbody, continued);
                    nbody = 0;
                    close_table(&wk);
                }
                prose_add(prose, &plen, &pcap, l->text);
                i++;
            } else if (header_match(lines + i, n - i, &h)) {
                int repeat = wk.active && h.kind == wk.h.kind && nbody == 0;
                if (wk.active && !repeat) {
                    take_rows(&wk, body, nbody, continued);
                    nbody = 0;
                    close_table(&wk);
                }
                if (!wk.active) {
                    r->tables |= section_of(h.kind);
                    continued = 0;
                    wk.table_rows = 0;
                    wk.table_no++;
                }
                wk.active = 1;
                wk.h = h;
                if (wk.trace)
                    trace_header(&wk, lines + i);
                for (size_t k = 0; k < h.nlines; k++)
                    lines[i + k]->flags |= PL_HEADER;
                i += h.nlines;
                wk.heading_lines += (long)h.nlines;
            } else if (wk.active) {
                l->flags |= PL_TABLE;
                body = grow(body, &bcap, nbody + 1, sizeof *body);
                body[nbody++] = l;
                i++;
                wk.heading_lines++;
            } else {
                prose_add(prose, &plen, &pcap, l->text);
                i++;
                wk.heading_lines++;
            }
        }
        if (wk.active)
            take_rows(&wk, body, nbody, continued);
        /* Nothing of the page is needed further on: a row continued on
         * the next page is carried by the walk as text.  The packed page
         * goes too, so memory peaks with one page unpacked. */
        page_lines_free(page, pg->nlines);
        page_release(pg);
    }
    close_table(&wk);
    heading_close(&wk);
    free(lines);
    free(body);
    trace_sort(r);
}
