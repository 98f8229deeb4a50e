/*
 * Table regions across pages, read into records.
 *
 * Lines are walked in order, page furniture skipped.  A recognised header
 * row opens a table; a section heading or another table's header closes
 * it; a page break does not: the table goes on, its header repeated or
 * not.  While a table is open its body lines are only noted.  When it
 * closes, it is read as a whole:
 *
 * 1. Its end by layout.  Lines at its tail that do not fit it (a note
 *    under the table: words across the gutters between its columns, or
 *    type of another size) are prose, not rows.
 * 2. Its geometry, measured over all its pages (table_measure.c).
 * 3. Its rows, page by page (rows.c).  The last row of a page is held
 *    back until the first row of the next shows whether it is the rest of
 *    it: a tall row broken across the page may leave its first lines, or
 *    only the first lines of its wrapped cells, below, and carry the rest
 *    (the state and dates perhaps) after the repeated header.
 * 4. Records, with a state printed once for a run of rows given to each.
 *
 * Lines outside tables are the report's prose.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

/* The body lines of an open table on one page. */
typedef struct {
    int page;                 /* 1-based */
    table_header h;           /* the header in force there */
    size_t *line;             /* indices among the page's lines, in order */
    size_t nline, cap;
    /* The page cut into fragments for one pass over the table (page_cut),
     * by column boundaries found once, in the first pass.  The fragments
     * are not kept from one pass to the next: a table's fragments take
     * several times the memory of its packed lines. */
    fragment *f;
    size_t nf;
    double bound[MAX_COLS];
    int bounded;              /* whether BOUND is found yet */
} table_page;

/* A row whose rest may follow on the next page. */
typedef struct {
    int held;
    table_row row;
    int has[MAX_COLS];        /* columns with text */
    fragment last[MAX_COLS];  /* each column's last line (text owned) */
} held_row;

typedef struct {
    struct ddor_parser *p;
    ddor_report *r;
    int trace;
    /* The open table. */
    int active;
    table_header h;
    table_page *pages;
    size_t npages, pages_cap;
    int table_no;             /* tables opened so far */
    /* While a table is read. */
    table_geometry *g;
    held_row hold;
    held_row before;          /* the row before a held part (see read_page) */
    int held_cut;             /* the held row was cut short by the break */
    long rows;                /* records made from the table */
    char *last_state;         /* the table's last state printed */
    /* Output capacities. */
    size_t caps[TABLE_NKINDS], unparsed_cap, boxes_cap, info_cap;
    /* The prose. */
    char *prose;
    size_t plen, pcap;
    /* The section heading last read and the lines read under it since. */
    int heading_index;        /* 0..3 for Sections I..IV; -1 before any */
    int heading_page;
    char *heading_text;       /* malloc'd: its page is gone when it closes */
    long heading_lines;
    size_t released;          /* pages before this one are let go */
} walk;

static unsigned section_of(table_kind kind)
{
    return kind == TABLE_TOP ? DDOR_SECTION_I
         : kind == TABLE_DECLINED ? DDOR_SECTION_II
         : DDOR_SECTION_III;
}

static void prose_add(walk *wk, const char *text)
{
    size_t k = strlen(text);
    wk->prose = grow(wk->prose, &wk->pcap, wk->plen + k + 2, 1);
    if (wk->plen)
        wk->prose[wk->plen++] = ' ';
    memcpy(wk->prose + wk->plen, text, k + 1);
    wk->plen += k;
}

/* ---- the trace --------------------------------------------------------- */

static ddor_box *trace_table_box(walk *wk, ddor_box_kind kind, int page,
                                 double x0, double y0, double x1, double y1)
{
    ddor_box *b = trace_add(wk->r, &wk->boxes_cap, kind, page, x0, y0, x1, y1);
    b->table = wk->table_no;
    b->section = section_of(wk->h.kind);
    return b;
}

static void trace_cells(walk *wk, const table_row *row, long number)
{
    for (size_t i = 0; i < row->nbox; i++) {
        const cell_box *c = &row->box[i];
        ddor_box *b = trace_table_box(wk, DDOR_BOX_CELL, c->page,
                                      c->x0, c->y0, c->x1, c->y1);
        b->column = c->col;
        /* A cell cut by a page's own header may lie beyond the columns of
         * the table's: it has no role there. */
        b->role = c->col < wk->h.ncols ? col_role_name(wk->h.role[c->col]) : "";
        b->row = number;
    }
}

/* A row is outlined once on each page it spans, around all its cells
 * there: as an unparsed row, or as the row NUMBER of its dataset. */
static void trace_row(walk *wk, const table_row *row, ddor_box_kind kind,
                      long number, size_t unparsed)
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
        ddor_box *b = trace_table_box(wk, kind, c->page, x0, y0, x1, y1);
        b->row = number;
        b->unparsed = unparsed;
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

/* The column boundaries of a page of the table, from its top to the
 * bottom of its rows. */
static void trace_bounds(walk *wk, const table_page *tp, const double *bound,
                         pline *const *body, size_t n)
{
    if (n == 0)
        return;
    double y0 = body[0]->y0, y1 = body[n - 1]->y1;
    for (int c = 0; c + 1 < tp->h.ncols; c++)
        trace_table_box(wk, DDOR_BOX_COLUMN, tp->page, bound[c], y0, bound[c], y1)->column = c;
}

/* ---- rows into records ------------------------------------------------- */

/* A complete row becomes a record, or an unparsed line when it lacks the
 * cells every row of these tables has.  A row without a state, in a table
 * that prints a state once for a run of rows, has the state above it. */
static void finish_row(walk *wk, table_row *row)
{
    const table_header *h = &wk->h;
    int sc = table_col_index(h, COL_STATE);
    if (sc >= 0) {
        if (row->cell[sc][0]) {
            free(wk->last_state);
            wk->last_state = xstrdup(row->cell[sc]);
        } else if (wk->g->grouped && wk->last_state) {
            free(row->cell[sc]);
            row->cell[sc] = xstrdup(wk->last_state);
        }
    }
    if (table_cell(h, row, COL_STATE)[0] && table_cell(h, row, COL_COUNTY)[0]) {
        long number = records_add(wk->r, wk->caps, h, row, wk->rows + 1);
        wk->rows++;
        if (wk->trace) {
            trace_cells(wk, row, number);
            trace_row(wk, row, DDOR_BOX_ROW, number, 0);
        }
    } else {
        char *text = xstrdup("");
        for (int c = 0; c < h->ncols; c++)
            row_join(&text, row->cell[c]);
        size_t u = records_unparsed(wk->r, &wk->unparsed_cap, row->page, text,
                                    "no state or county cell");
        free(text);
        if (wk->trace)
            trace_row(wk, row, DDOR_BOX_UNPARSED, 0, u);
    }
    row_free(row);
}

static void hold_clear(held_row *hr)
{
    for (int c = 0; c < MAX_COLS; c++) {
        free(hr->last[c].text);
        hr->last[c].text = NULL;
        hr->has[c] = 0;
    }
    hr->held = 0;
}

/* The held row, complete, becomes a record. */
static void finish_held(walk *wk, held_row *hr)
{
    if (!hr->held)
        return;
    finish_row(wk, &hr->row);
    hold_clear(hr);
}

/* Every row still held, in order. */
static void flush_held(walk *wk)
{
    finish_held(wk, &wk->before);
    finish_held(wk, &wk->hold);
}

/* Notes the last line of each column of the row at SPAN, for telling
 * whether the next page's first row goes on with it. */
static void hold_edges(held_row *hr, const fragment *f, size_t nf, const level_span *sp)
{
    for (size_t i = 0; i < nf; i++) {
        if (f[i].level < sp->first || f[i].level > sp->last)
            continue;
        fragment *last = &hr->last[f[i].col];
        free(last->text);
        *last = f[i];
        last->text = xstrdup(f[i].text);
        hr->has[f[i].col] = 1;
    }
}

static void hold_continue(held_row *hr, table_row *rest, int ncols);

/* Whether BELOW, a first line of column C on a page, goes on the cell of
 * the held row: its last line's shape, and for a column of values (a
 * state, a date) the whole cell's text, so that "Aug." over "8," over a
 * page break over "2018" reads as one date. */
static link_kind held_link(const walk *wk, int c, const fragment *below)
{
    fragment above = wk->hold.last[c];
    switch (wk->h.role[c]) {
    case COL_STATE: case COL_ISSUED: case COL_DECLINED: case COL_CITIZENSHIP:
        above.text = wk->hold.row.cell[c];
        above.part = -1;
        break;
    default:
        break;
    }
    return cell_link(wk->h.role[c], &above, below, &wk->g->fit[c]);
}

/* Whether the held row has begun the value every row begins once (its
 * date declined, its count); -1 when no row is held or the table has no
 * such column. */
static int held_anchor(const walk *wk)
{
    int a = table_anchor_column(&wk->h);
    if (!wk->hold.held || a < 0)
        return -1;
    fragment whole = wk->hold.last[a];
    whole.text = wk->hold.row.cell[a];
    whole.part = -1;
    return wk->hold.has[a] && begins_value(&whole, wk->h.role[a]);
}

/* Whether the row at SPAN over F has column C. */
static int span_has(const fragment *f, size_t nf, const level_span *sp, int c)
{
    for (size_t i = 0; i < nf; i++)
        if (f[i].col == c && f[i].level >= sp->first && f[i].level <= sp->last)
            return 1;
    return 0;
}

/* Whether a column every row fills, other than the state, is empty in the
 * row at SPAN.  (A row without a state may be one of a run of rows that
 * print it once; the other cells are in every row.) */
static int span_partial(const walk *wk, const fragment *f, size_t nf, const level_span *sp)
{
    for (int c = 0; c < wk->h.ncols; c++)
        if (table_column_mandatory(&wk->h, c) && wk->h.role[c] != COL_STATE &&
            !span_has(f, nf, sp, c))
            return 1;
    return 0;
}

/* Whether the row at SPAN fills every column every row fills that the
 * held row lacks, and no column of the held row ends a cell that the row
 * at SPAN would go on with (the first word of the row had room). */
static int fills_held(const walk *wk, const fragment *f, size_t nf, const level_span *sp)
{
    for (int c = 0; c < wk->h.ncols; c++) {
        if (table_column_mandatory(&wk->h, c) && !wk->hold.has[c] &&
            !(wk->h.role[c] == COL_STATE && wk->g->grouped) && !span_has(f, nf, sp, c))
            return 0;
        if (!wk->hold.has[c])
            continue;
        for (size_t i = 0; i < nf; i++)
            if (f[i].col == c && f[i].level >= sp->first && f[i].level <= sp->last) {
                if (held_link(wk, c, &f[i]) == LINK_LIKELY_BREAK)
                    return 0;
                break;
            }
    }
    return 1;
}

/* Appends the held row to the row before it, which is held instead. */
static void hold_merge_before(walk *wk)
{
    held_row *b = &wk->before, *h = &wk->hold;
    for (int c = 0; c < MAX_COLS; c++)
        if (h->has[c]) {
            free(b->last[c].text);
            b->last[c] = h->last[c];
            h->last[c].text = NULL;
            b->has[c] = 1;
        }
    hold_continue(b, &h->row, wk->h.ncols);
    hold_clear(h);
    *h = *b;
    memset(b, 0, sizeof *b);
}

/* Whether the first row of a page (SPAN over F) is the rest of the held
 * row: no column says they are surely two cells, and either a column
 * says they are surely one ("District of" over "Columbia"), or one of the
 * two lacks a cell that every row has (the rest of a row has no state or
 * dates; a first part may have only the first lines of its wrapped
 * cells), or more columns say they are likely one ("Santa Barbara" over
 * "County", a sentence going on in lower case) than likely two. */
static int continues_held(const walk *wk, const fragment *f, size_t nf, const level_span *sp)
{
    const table_header *h = &wk->h;
    int evidence = 0, likely = 0;
    for (int c = 0; c < h->ncols; c++) {
        const fragment *first = NULL;
        for (size_t i = 0; i < nf && !first; i++)
            if (f[i].col == c && f[i].level >= sp->first && f[i].level <= sp->last)
                first = &f[i];
        int above = wk->hold.has[c], below = first != NULL;
        if (above && below) {
            link_kind k = held_link(wk, c, first);
            if (k == LINK_BREAK)
                return 0;
            evidence |= k == LINK_JOIN;
            likely += (k == LINK_LIKELY_JOIN) - (k == LINK_LIKELY_BREAK);
        }
        if (table_column_mandatory(h, c) && !(above && below) &&
            !(h->role[c] == COL_STATE && wk->g->grouped))
            evidence = 1;
    }
    return evidence || likely > 0;
}

/* Of each column, how likely the page's first line in it (F) goes on the
 * held row's cell: surely (2) or likely (1) so, or likely (-1) or surely
 * (-2) not ("a serious or violent" over "felony, or with a" goes on,
 * "California" over "California" does not). */
static void goes_on(const walk *wk, const fragment *f, size_t nf, double *w)
{
    for (int c = 0; c < MAX_COLS; c++)
        w[c] = 0;
    if (!wk->hold.held)
        return;
    for (size_t i = 0; i < nf; i++) {
        if (!wk->hold.has[f[i].col] || (i > 0 && f[i - 1].col == f[i].col))
            continue;                         /* the column's first line only */
        link_kind k = held_link(wk, f[i].col, &f[i]);
        w[f[i].col] = k == LINK_JOIN ? 2 : k == LINK_LIKELY_JOIN ? 1
                    : k == LINK_BREAK ? -2 : k == LINK_LIKELY_BREAK ? -1 : 0;
    }
}

static void row_from_span(table_row *row, const fragment *f, size_t nf,
                          const level_span *sp, int page, int traced)
{
    memset(row, 0, sizeof *row);
    row->page = page;
    for (int c = 0; c < MAX_COLS; c++)
        row->cell[c] = xstrdup("");
    size_t cap = 0;
    for (size_t i = 0; i < nf; i++) {
        const fragment *x = &f[i];
        if (x->level < sp->first || x->level > sp->last)
            continue;
        row_join(&row->cell[x->col], x->text);
        if (!traced)
            continue;
        cell_box *b = NULL;
        for (size_t k = 0; k < row->nbox; k++)
            if (row->box[k].col == x->col)
                b = &row->box[k];
        if (!b) {
            row->box = grow(row->box, &cap, row->nbox + 1, sizeof *row->box);
            b = &row->box[row->nbox++];
            *b = (cell_box){ page, x->col, x->x0, x->y0, x->x1, x->y1 };
            continue;
        }
        if (x->x0 < b->x0) b->x0 = x->x0;
        if (x->y0 < b->y0) b->y0 = x->y0;
        if (x->x1 > b->x1) b->x1 = x->x1;
        if (x->y1 > b->y1) b->y1 = x->y1;
    }
}

/* Appends the rest of a broken row to the held row. */
static void hold_continue(held_row *hr, table_row *rest, int ncols)
{
    for (int c = 0; c < ncols; c++)
        row_join(&hr->row.cell[c], rest->cell[c]);
    if (rest->nbox) {
        table_row *p = &hr->row;
        cell_box *all = realloc(p->box, (p->nbox + rest->nbox) * sizeof *all);
        if (!all)
            abort();
        p->box = all;
        memcpy(p->box + p->nbox, rest->box, rest->nbox * sizeof *p->box);
        p->nbox += rest->nbox;
    }
    row_free(rest);
}

/* ---- reading a closed table ------------------------------------------- */

/* The body lines of TP, from its page unpacked in PAGE. */
static pline **body_of(const table_page *tp, pline *page)
{
    pline **body = malloc((tp->nline ? tp->nline : 1) * sizeof *body);
    if (!body)
        abort();
    for (size_t i = 0; i < tp->nline; i++)
        body[i] = &page[tp->line[i]];
    return body;
}

static void page_done(walk *wk, const table_page *tp, pline *page, pline **body)
{
    page_lines_free(page, wk->p->pages[tp->page - 1].nlines);
    free(body);
}

/* Cuts table page TP into fragments, TP->f[0..nf) until page_uncut.
 * PARTS: work out every fragment's value part now, for a pass that will
 * ask for it of nearly every one (fragments_cut).  With TRACE, the page's
 * column boundaries are traced. */
static void page_cut(walk *wk, table_page *tp, int parts, int trace)
{
    pline *page = page_unpack(&wk->p->pages[tp->page - 1], tp->page);
    pline **body = body_of(tp, page);
    if (!tp->bounded)
        columns_bounds(&tp->h, body, tp->nline, tp->bound);
    tp->bounded = 1;
    if (trace)
        trace_bounds(wk, tp, tp->bound, body, tp->nline);
    tp->f = fragments_cut(&tp->h, tp->bound, body, tp->nline, parts, &tp->nf);
    page_done(wk, tp, page, body);
}

static void page_uncut(table_page *tp)
{
    fragments_free(tp->f, tp->nf);
    tp->f = NULL;
    tp->nf = 0;
}

/* Two date columns whose headers could name either ("Date" and "Date"):
 * the one with the later dates holds the declines (a detainer is declined
 * after it is issued).  A header that names them is taken at its word. */
static void dates_by_cells(walk *wk)
{
    int is = table_col_index(&wk->h, COL_ISSUED), de = table_col_index(&wk->h, COL_DECLINED);
    const table_geometry *g = wk->g;
    if (is < 0 || de < 0 || !wk->h.either[is] || !wk->h.either[de] ||
        g->date_n[is] == 0 || g->date_n[de] == 0)
        return;
    if (g->date_sum[is] / (double)g->date_n[is] <= g->date_sum[de] / (double)g->date_n[de])
        return;
    wk->h.role[is] = COL_DECLINED;
    wk->h.role[de] = COL_ISSUED;
    for (size_t k = 0; k < wk->npages; k++) {
        wk->pages[k].h.role[is] = COL_DECLINED;
        wk->pages[k].h.role[de] = COL_ISSUED;
    }
    for (size_t i = 0; i < wk->r->nboxes; i++) {
        ddor_box *b = &wk->r->boxes[i];
        if (b->table == wk->table_no && b->kind == DDOR_BOX_HEADER && (b->column == is || b->column == de))
            b->role = col_role_name(wk->h.role[b->column]);
    }
}

/* A row in the middle of a page without a state, all else there (SP[0..n)
 * over F): the table prints a state once for a run of rows. */
static void learn_grouping(walk *wk, const fragment *f, size_t nf, const level_span *sp,
                           size_t n, int open_top, int open_bottom)
{
    table_geometry *g = wk->g;
    int sc = table_col_index(&wk->h, COL_STATE);
    for (size_t i = (size_t)open_top; sc >= 0 && i + (size_t)open_bottom < n && !g->grouped; i++) {
        int state = span_has(f, nf, &sp[i], sc), others = 1;
        for (int c = 0; c < wk->h.ncols; c++)
            if (c != sc && table_column_mandatory(&wk->h, c))
                others &= span_has(f, nf, &sp[i], c);
        if (!state && others)
            g->grouped = 1;
    }
}

/* Where no column counts the rows (Section III), whether states are
 * printed once for a run of rows is learnt from the rows of all pages
 * before any is read: the first page may show none such. */
static void learn_grouping_first(walk *wk)
{
    if (table_anchor_column(&wk->h) >= 0 || table_col_index(&wk->h, COL_STATE) < 0)
        return;
    double so_far[3] = { 0, 0, 0 };
    row_align prefer = wk->g->alignment;
    for (size_t k = 0; k < wk->npages && !wk->g->grouped; k++) {
        page_cut(wk, &wk->pages[k], !wk->g->distinct, 0);
        size_t nf = wk->pages[k].nf, nrows;
        fragment *f = wk->pages[k].f;
        page_context ctx = { k > 0, k + 1 < wk->npages, { 0 }, 0, -1, prefer, so_far, 0 };
        row_align used;
        level_span *sp = rows_find(&wk->pages[k].h, wk->g, f, nf, &ctx, &used, &nrows);
        prefer = used;
        learn_grouping(wk, f, nf, sp, nrows, ctx.open_top, ctx.open_bottom);
        free(sp);
        page_uncut(&wk->pages[k]);
    }
}

/* The rows of one page of the table. */
static void read_page(walk *wk, size_t k)
{
    table_page *tp = &wk->pages[k];
    page_cut(wk, tp, !wk->g->distinct, wk->trace);
    size_t nf = tp->nf, nrows;
    fragment *f = tp->f;
    table_geometry *g = wk->g;
    int open_top = k > 0, open_bottom = k + 1 < wk->npages;
    page_context ctx = { open_top, open_bottom, { 0 }, wk->hold.held && wk->held_cut,
                         held_anchor(wk), g->alignment, g->align_cost, 0 };
    goes_on(wk, f, nf, ctx.goes_on);
    row_align used;
    level_span *sp = rows_find(&tp->h, g, f, nf, &ctx, &used, &nrows);
    wk->held_cut = ctx.last_cut;
    if (!g->distinct)
        g->alignment = used;

    learn_grouping(wk, f, nf, sp, nrows, open_top, open_bottom);

    for (size_t i = 0; i < nrows; i++) {
        table_row row;
        row_from_span(&row, f, nf, &sp[i], tp->page, wk->trace);
        /* Rows packed as close as lines cannot show whether the last lines
         * of a page were the first part of a row whose state and dates
         * follow on this page, or the rest of the row above them.  This
         * page tells: if its first row has what the part lacks, the part
         * goes with it; else with the row above. */
        if (i == 0 && wk->before.held) {
            if (fills_held(wk, f, nf, &sp[0]) && continues_held(wk, f, nf, &sp[0]))
                finish_held(wk, &wk->before);
            else
                hold_merge_before(wk);
        }
        if (i == 0 && wk->hold.held && continues_held(wk, f, nf, &sp[0])) {
            hold_continue(&wk->hold, &row, wk->h.ncols);
            hold_edges(&wk->hold, f, nf, &sp[0]);
            continue;
        }
        if (i + 1 == nrows && i > 0 && open_bottom && !g->distinct &&
            span_partial(wk, f, nf, &sp[i])) {
            wk->before = wk->hold;            /* the row above the part */
            memset(&wk->hold, 0, sizeof wk->hold);
        }
        finish_held(wk, &wk->hold);
        wk->hold.row = row;
        wk->hold.held = 1;
        hold_edges(&wk->hold, f, nf, &sp[i]);
    }
    free(sp);
    page_uncut(tp);
}

static void measure(walk *wk)
{
    geometry_init(wk->g);
    for (size_t k = 0; k < wk->npages; k++) {
        page_cut(wk, &wk->pages[k], 1, 0);
        geometry_add_page(wk->g, &wk->pages[k].h, wk->pages[k].f, wk->pages[k].nf);
        page_uncut(&wk->pages[k]);
    }
    geometry_finish(wk->g);
}

/* ---- where a table ends ------------------------------------------------ */

/* The shape of the rows of the table's page K; 0 when it has none. */
static int page_shape(walk *wk, size_t k, table_shape *shape)
{
    const table_page *tp = &wk->pages[k];
    if (tp->nline == 0)
        return 0;
    pline *page = page_unpack(&wk->p->pages[tp->page - 1], tp->page);
    pline **body = body_of(tp, page);
    table_shape_measure(&tp->h, body, tp->nline, shape);
    page_done(wk, tp, page, body);
    return 1;
}

/* The most lines a note under a table is looked for in. */
#define MAX_TAIL 8

/* Cuts the lines at the table's tail that do not fit it; they become
 * prose, in order.  Returns whether any was cut. */
static int cut_tail(walk *wk)
{
    int cut = 0;
    char **texts = NULL;
    size_t ntexts = 0, tcap = 0;
    while (wk->npages > 0) {
        table_page *tp = &wk->pages[wk->npages - 1];
        pline *page = page_unpack(&wk->p->pages[tp->page - 1], tp->page);
        pline **body = body_of(tp, page);
        /* The longest tail of a few lines, judged by the rows above it,
         * that opens with a foreign line and goes on with foreign lines or
         * the lines of that same note (table_end.c), is cut. */
        size_t keep = tp->nline;
        table_shape before;
        int have_before = wk->npages > 1 && page_shape(wk, wk->npages - 2, &before);
        for (size_t k = tp->nline; k > 0 && tp->nline - k < MAX_TAIL; k--) {
            size_t above = k - 1, i = above;
            table_shape shape;
            table_shape_measure(&tp->h, body, above, &shape);
            /* Too few rows above on this page to show where a column's
             * text begins (a state printed once): the rows of the page
             * before tell.  None at all: the page before, or the
             * header's cells and the page's own type size. */
            if (above == 0 && have_before) {
                shape = before;
            } else if (above == 0) {
                table_shape_measure(&tp->h, body, tp->nline, &shape);
                shape.known = 0;
            } else if (have_before) {
                for (int c = 0; c < tp->h.ncols; c++)
                    if (!shape.flush[c] && before.flush[c]) {
                        shape.flush[c] = 1;
                        shape.edge[c] = before.edge[c];
                    }
                table_shape_cuts(&tp->h, &shape);
            }
            if (!line_foreign(&tp->h, &shape, body[i]))
                continue;
            for (i++; i < tp->nline; i++)
                if (!line_foreign(&tp->h, &shape, body[i]) &&
                    !line_goes_on(&tp->h, &shape, body[above], body[i]))
                    break;
            if (i == tp->nline)
                keep = above;
        }
        for (size_t i = tp->nline; i > keep; i--) {
            texts = grow(texts, &tcap, ntexts + 1, sizeof *texts);
            texts[ntexts++] = xstrdup(body[i - 1]->text);
        }
        cut |= keep < tp->nline;
        tp->nline = keep;
        page_done(wk, tp, page, body);
        if (keep > 0)
            break;
        free(tp->line);
        wk->npages--;
    }
    for (size_t i = ntexts; i > 0; i--) {
        prose_add(wk, texts[i - 1]);
        free(texts[i - 1]);
    }
    free(texts);
    return cut;
}

/* ---- the walk ------------------------------------------------------- */

static const char *const ALIGN_NAME[] = { "top", "middle", "bottom" };

static void close_table(walk *wk, const char *reason)
{
    if (!wk->active)
        return;
    wk->active = 0;
    if (cut_tail(wk))
        reason = "layout";
    wk->g = malloc(sizeof *wk->g);
    if (!wk->g)
        abort();
    wk->rows = 0;
    measure(wk);
    dates_by_cells(wk);
    learn_grouping_first(wk);
    for (size_t k = 0; k < wk->npages; k++)
        read_page(wk, k);
    flush_held(wk);

    ddor_report *r = wk->r;
    r->table_info = grow(r->table_info, &wk->info_cap, r->ntable_info + 1,
                         sizeof *r->table_info);
    ddor_table *t = &r->table_info[r->ntable_info++];
    *t = (ddor_table){
        .section = section_of(wk->h.kind),
        .first_page = wk->npages ? wk->pages[0].page : 0,
        .last_page = wk->npages ? wk->pages[wk->npages - 1].page : 0,
        .rows = wk->rows, .pitch = wk->g->pitch, .row_gap = wk->g->row_gap,
        .distinct = wk->g->distinct, .alignment = ALIGN_NAME[wk->g->alignment],
        .ended_by = reason,
    };
    if (wk->trace && wk->npages) {
        /* The end: under the last row, across the table's header. */
        const table_page *tp = &wk->pages[wk->npages - 1];
        double y = 0;
        for (size_t i = 0; i < r->nboxes; i++)
            if (r->boxes[i].page == tp->page && r->boxes[i].table == wk->table_no &&
                (r->boxes[i].kind == DDOR_BOX_ROW || r->boxes[i].kind == DDOR_BOX_UNPARSED) &&
                r->boxes[i].y1 > y)
                y = r->boxes[i].y1;
        if (y > 0)
            trace_table_box(wk, DDOR_BOX_TABLE_END, tp->page, tp->h.x0[0], y,
                            tp->h.x1[tp->h.ncols - 1], y);
    }
    for (size_t k = 0; k < wk->npages; k++)
    {
        free(wk->pages[k].line);
        page_uncut(&wk->pages[k]);
    }
    free(wk->pages);
    wk->pages = NULL;
    wk->npages = wk->pages_cap = 0;
    free(wk->last_state);
    wk->last_state = NULL;
    free(wk->g);
    wk->g = NULL;
}

/* The body lines the open table has so far. */
static size_t table_lines(const walk *wk)
{
    size_t n = 0;
    for (size_t k = 0; k < wk->npages; k++)
        n += wk->pages[k].nline;
    return n;
}

/* The open table's record of page PAGE, made when the page has none. */
static table_page *table_page_for(walk *wk, int page)
{
    if (wk->npages && wk->pages[wk->npages - 1].page == page)
        return &wk->pages[wk->npages - 1];
    wk->pages = grow(wk->pages, &wk->pages_cap, wk->npages + 1, sizeof *wk->pages);
    table_page *tp = &wk->pages[wk->npages++];
    memset(tp, 0, sizeof *tp);
    tp->page = page;
    tp->h = wk->h;
    return tp;
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

/* Packed pages before UPTO (0-based) that no open table needs go. */
static void release_before(walk *wk, size_t upto)
{
    if (wk->active && wk->npages && (size_t)(wk->pages[0].page - 1) < upto)
        upto = (size_t)(wk->pages[0].page - 1);
    for (; wk->released < upto; wk->released++)
        page_release(&wk->p->pages[wk->released]);
}

/* One page's lines LINES[0..n) (pointers into PAGE, the unpacked page,
 * furniture left out): headings, header rows, body lines, prose. */
static void walk_page(walk *wk, pline **lines, size_t n, const pline *page)
{
    ddor_report *r = wk->r;
    for (size_t i = 0; i < n;) {
        pline *l = lines[i];
        unsigned sec;
        table_header h;
        if (is_section_heading(l->text, &sec)) {
            r->sections |= sec;
            close_table(wk, "heading");
            heading_close(wk);
            heading_open(wk, sec, l);
            prose_add(wk, l->text);
            i++;
        } else if (header_match(lines + i, n - i, &h)) {
            /* The same table's header repeated at the top of a page, or
             * a new table. */
            int repeat = wk->active && h.kind == wk->h.kind &&
                         !(wk->npages && wk->pages[wk->npages - 1].page == l->page &&
                           wk->pages[wk->npages - 1].nline > 0);
            if (wk->active && !repeat)
                close_table(wk, "table");
            if (!wk->active) {
                r->tables |= section_of(h.kind);
                wk->table_no++;
                wk->active = 1;
            }
            wk->h = h;
            table_page_for(wk, l->page)->h = h;
            if (wk->trace)
                trace_header(wk, lines + i);
            i += h.nlines;
            wk->heading_lines += (long)h.nlines;
        } else if (wk->active && table_lines(wk) == 0 && header_rest(&wk->h, l)) {
            /* The rest of a header row broken by the page. */
            i++;
            wk->heading_lines++;
        } else if (wk->active) {
            table_page *tp = table_page_for(wk, l->page);
            tp->line = grow(tp->line, &tp->cap, tp->nline + 1, sizeof *tp->line);
            tp->line[tp->nline++] = (size_t)(l - page);
            i++;
            wk->heading_lines++;
        } else {
            prose_add(wk, l->text);
            i++;
            wk->heading_lines++;
        }
    }
}

void tables_read(struct ddor_parser *p, ddor_report *r, char **prose)
{
    walk wk = { .p = p, .r = r, .heading_index = -1, .trace = p->trace };
    pline **lines = NULL;
    size_t lcap = 0;
    prose_add(&wk, "");

    for (size_t pi = 0; pi < p->npages; pi++) {
        ppage *pg = &p->pages[pi];
        pline *page = page_unpack(pg, (int)pi + 1);
        size_t n = 0;
        lines = grow(lines, &lcap, pg->nlines + 1, sizeof *lines);
        for (size_t k = 0; k < pg->nlines; k++)
            if (!(page[k].flags & PL_FURNITURE))
                lines[n++] = &page[k];
            else if (wk.trace)
                trace_add(r, &wk.boxes_cap, DDOR_BOX_FURNITURE, (int)pi + 1,
                          page[k].x0, page[k].y0, page[k].x1, page[k].y1);
        walk_page(&wk, lines, n, page);
        page_lines_free(page, pg->nlines);
        release_before(&wk, pi + 1);
    }
    close_table(&wk, "end of report");
    heading_close(&wk);
    release_before(&wk, p->npages);
    free(lines);
    trace_sort(r);
    *prose = wk.prose;
}
