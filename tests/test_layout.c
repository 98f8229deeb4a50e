/*
 * layout: the parser's reading of page geometry, on synthetic pages.
 *
 * Pages are built from hand-placed words (text and box in points, origin
 * at the top-left corner of a 612 x 792 Letter page), with the metrics of a
 * typical proportional font: glyphs average half an em, a word space is a
 * quarter of an em, a word box is 1.15 em tall and lines are 1.2 em apart.
 * Table cells are laid out like office software does: padded, wrapped at
 * the given line breaks, top-aligned or centred vertically in their row.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../extract/extract.h"
#include "../parse/parse.h"
#include "../parse/internal.h"
#include "../parse/cells.h"
#include "suites.h"

#define PAGE_W 612.0
#define PAGE_H 792.0
#define GLYPH  0.5            /* average glyph width, em */
#define SPACE  0.25           /* word space, em */
#define HEIGHT 1.15           /* word box height, em */
#define PITCH  1.2            /* line spacing, em */
#define EPS    1e-6

/* ---- assertions that say what they got --------------------------------- */

static char where[160];       /* context of the checks that follow */

static void report(int ok, const char *expr, const char *want, const char *got, int line)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "%.159s%s%.120s == %.300s (got %.300s)", where, where[0] ? ": " : "",
             expr, want, got);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, __FILE__, "",
                            CU_FALSE);
}

static void check_str(const char *got, const char *want, const char *expr, int line)
{
    char w[300], g[300];
    snprintf(w, sizeof w, "\"%.290s\"", want);
    if (got)
        snprintf(g, sizeof g, "\"%.290s\"", got);
    else
        snprintf(g, sizeof g, "NULL");
    report(got && strcmp(got, want) == 0, expr, w, g, line);
}

static void check_long(long got, long want, const char *expr, int line)
{
    char w[32], g[32];
    snprintf(w, sizeof w, "%ld", want);
    snprintf(g, sizeof g, "%ld", got);
    report(got == want, expr, w, g, line);
}

static void check_dbl(double got, double want, const char *expr, int line)
{
    char w[32], g[32];
    snprintf(w, sizeof w, "%.4f", want);
    snprintf(g, sizeof g, "%.4f", got);
    report(got > want - EPS && got < want + EPS, expr, w, g, line);
}

#define EXPECT_STR(got, want) check_str((got), (want), #got, __LINE__)
#define EXPECT_INT(got, want) check_long((long)(got), (long)(want), #got, __LINE__)
#define EXPECT_DBL(got, want) check_dbl((got), (want), #got, __LINE__)

/* ---- synthetic pages ---------------------------------------------------- */

typedef struct {
    extract_word *w;
    size_t n, cap;
} builder;

/* Characters (not bytes) of the first LEN bytes of S. */
static size_t glyphs(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static double word_width(const char *s, size_t len, double size)
{
    return GLYPH * size * (double)glyphs(s, len);
}

static void add_word_n(builder *b, const char *text, size_t len, double x0,
                       double y_top, double size)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 32;
        b->w = realloc(b->w, b->cap * sizeof *b->w);
        if (!b->w)
            abort();
    }
    extract_word *w = &b->w[b->n++];
    w->text = strndup(text, len);
    if (!w->text)
        abort();
    w->x0 = x0;
    w->x1 = x0 + word_width(text, len, size);
    w->y0 = y_top;
    w->y1 = y_top + HEIGHT * size;
    w->size = size;
}

static void add_word(builder *b, const char *text, double x0, double y_top, double size)
{
    add_word_n(b, text, strlen(text), x0, y_top, size);
}

/* Width of TEXT set in one line: its words and the spaces between them. */
static double text_width(const char *text, double size)
{
    double x = 0, end = 0;
    for (const char *s = text; *s;) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        size_t len = strcspn(s, " ");
        end = x + word_width(s, len, size);
        x = end + SPACE * size;
        s += len;
    }
    return end;
}

/* Sets TEXT as one line from X0; returns the right edge of its last word. */
static double add_text(builder *b, const char *text, double x0, double y_top, double size)
{
    double x = x0, end = x0;
    for (const char *s = text; *s;) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        size_t len = strcspn(s, " ");
        add_word_n(b, s, len, x, y_top, size);
        end = x + word_width(s, len, size);
        x = end + SPACE * size;
        s += len;
    }
    return end;
}

/* Turns the words placed so far into page NUMBER and empties B. */
static void finish_page(builder *b, extract_page *page, int number)
{
    memset(page, 0, sizeof *page);
    page->number = number;
    page->width = PAGE_W;
    page->height = PAGE_H;
    extract_build_lines(page, b->w, b->n);
    b->w = NULL;
    b->n = b->cap = 0;
}

/* The words of line I joined by single spaces (static buffer). */
static const char *line_text(const extract_page *page, size_t i)
{
    static char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    const extract_line *l = &page->lines[i];
    for (size_t k = 0; k < l->count; k++) {
        const char *t = page->words[l->first + k].text;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? " " : "", t);
        if (len >= sizeof buf)
            break;
    }
    return buf;
}

/* ---- tables laid out like office software ------------------------------- */

typedef struct {
    int ncols;
    double x[MAX_COLS + 1];   /* column c spans x[c] .. x[c+1] */
    double size, pad;
} table_spec;

enum { ALIGN_TOP, ALIGN_MIDDLE, ALIGN_BOTTOM };

static int count_lines(const char *cell)
{
    if (!cell[0])
        return 0;
    int n = 1;
    for (const char *s = cell; *s; s++)
        n += *s == '\n';
    return n;
}

/* Lays out one row of CELLS ('\n' = line break, "" = empty) whose top edge
 * is TOP; returns its bottom edge. */
static double add_row(builder *b, const table_spec *t, const char *const *cells,
                      double top, int align)
{
    double pitch = PITCH * t->size;
    int most = 0;
    for (int c = 0; c < t->ncols; c++)
        if (count_lines(cells[c]) > most)
            most = count_lines(cells[c]);
    for (int c = 0; c < t->ncols; c++) {
        int n = count_lines(cells[c]);
        double y = top + t->pad + (align == ALIGN_MIDDLE ? (most - n) * pitch / 2 : 0);
        double x = t->x[c] + t->pad, room = t->x[c + 1] - t->x[c] - 2 * t->pad;
        for (const char *s = cells[c]; *s;) {
            size_t len = strcspn(s, "\n");
            char line[256];
            snprintf(line, sizeof line, "%.*s", (int)len, s);
            if (text_width(line, t->size) > room + EPS) {
                fprintf(stderr, "\ntest layout: '%s' is wider than column %d\n", line, c);
                CU_FAIL("test layout: cell text wider than its column");
            }
            add_text(b, line, x, y, t->size);
            y += pitch;
            s += len;
            if (*s == '\n')
                s++;
        }
    }
    return most ? top + 2 * t->pad + (most - 1) * pitch + HEIGHT * t->size : top;
}

/* The box a header cell's words take: from the padding to its widest line. */
static void cell_extent(const table_spec *t, int c, const char *cell, double *x0, double *x1)
{
    double widest = 0;
    for (const char *s = cell; *s;) {
        size_t len = strcspn(s, "\n");
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)len, s);
        double w = text_width(line, t->size);
        if (w > widest)
            widest = w;
        s += len;
        if (*s == '\n')
            s++;
    }
    *x0 = t->x[c] + t->pad;
    *x1 = *x0 + widest;
}

/* Header then rows (ROWS holds nrows * ncols cells); returns the bottom. */
static double add_table(builder *b, const table_spec *t, const char *const *header,
                        int header_align, const char *const *rows, size_t nrows,
                        double top)
{
    double y = header ? add_row(b, t, header, top, header_align) : top;
    for (size_t i = 0; i < nrows; i++)
        y = add_row(b, t, rows + i * (size_t)t->ncols, y, ALIGN_MIDDLE);
    return y;
}

/* ---- the tables of the report ------------------------------------------- */

/* Section II as weekly #1 prints it: eight columns, 9 pt. */
static const table_spec WEEKLY = {
    8, { 36, 100, 170, 265, 325, 420, 475, 525, 576 }, 9, 3.5
};
static const char *const HEADER_A[8] = {
    "State", "County", "Facility", "Citizenship", "Notable Criminal\nActivity",
    "Conviction\n/ Charge", "Detainer\nIssued\nDate", "Detainer\nDeclined\nDate"
};
static const col_role ROLES_A[8] = {
    COL_STATE, COL_COUNTY, COL_FACILITY, COL_CITIZENSHIP, COL_CRIME, COL_STATUS,
    COL_ISSUED, COL_DECLINED
};

/* Section II as a later edition might print it: county first, seven columns. */
static const table_spec LATER = {
    7, { 36, 106, 146, 236, 306, 366, 426, 576 }, 9, 3.5
};
static const char *const HEADER_B[7] = {
    "County", "State", "Facility", "Country of\nCitizenship", "Detainer\nIssued",
    "Detainer\nDeclined", "Notable Criminal Activity"
};
static const col_role ROLES_B[7] = {
    COL_COUNTY, COL_STATE, COL_FACILITY, COL_CITIZENSHIP, COL_ISSUED, COL_DECLINED,
    COL_CRIME
};

/* Section II with "Date Issued" / "Date Declined", seven columns. */
static const table_spec DATES = {
    7, { 36, 100, 170, 265, 325, 440, 508, 576 }, 9, 3.5
};
static const char *const HEADER_C[7] = {
    "State", "County", "Facility", "Citizenship", "Notable Criminal\nActivity",
    "Date\nIssued", "Date\nDeclined"
};
static const col_role ROLES_C[7] = {
    COL_STATE, COL_COUNTY, COL_FACILITY, COL_CITIZENSHIP, COL_CRIME, COL_ISSUED,
    COL_DECLINED
};

/* Section I: the ten jurisdictions that received the most detainers. */
static const table_spec TOP10 = { 4, { 36, 76, 186, 366, 496 }, 9, 3.5 };
static const char *const HEADER_TOP[4] = { "Rank", "State", "County", "Detainers Issued" };
static const col_role ROLES_TOP[4] = { COL_RANK, COL_STATE, COL_COUNTY, COL_COUNT };

/* Section III: jurisdictions with policies limiting cooperation. */
static const table_spec POLICY = { 3, { 36, 150, 290, 409 }, 9, 3.5 };
static const char *const HEADER_POLICY[3] = { "State", "Jurisdiction", "Policy" };
static const col_role ROLES_POLICY[3] = { COL_STATE, COL_COUNTY, COL_POLICY };

/* ---- feeding the parser --------------------------------------------------- */

static ddor_report *parse_pages(builder *pages, int npages)
{
    ddor_parser *p = ddor_parser_new();
    for (int i = 0; i < npages; i++) {
        extract_page pg;
        finish_page(&pages[i], &pg, i + 1);
        ddor_parser_add_page(p, &pg);
        extract_page_free(&pg);
    }
    return ddor_parser_finish(p);
}

/* The parser's lines of some pages, unpacked, for calling its steps one
 * by one. */
typedef struct {
    ddor_parser *p;
    pline **pages;            /* each page's unpacked lines */
    pline **l;                /* all lines, in order */
    size_t n;
} view;

static void view_open(view *v, builder *pages, int npages)
{
    v->p = ddor_parser_new();
    for (int i = 0; i < npages; i++) {
        extract_page pg;
        finish_page(&pages[i], &pg, i + 1);
        ddor_parser_add_page(v->p, &pg);
        extract_page_free(&pg);
    }
    v->n = 0;
    for (size_t i = 0; i < v->p->npages; i++)
        v->n += v->p->pages[i].nlines;
    v->pages = calloc(v->p->npages + 1, sizeof *v->pages);
    v->l = malloc((v->n ? v->n : 1) * sizeof *v->l);
    if (!v->l || !v->pages)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < v->p->npages; i++) {
        v->pages[i] = page_unpack(&v->p->pages[i], (int)i + 1);
        for (size_t j = 0; j < v->p->pages[i].nlines; j++)
            v->l[k++] = &v->pages[i][j];
    }
}

/* Decides the furniture of the whole document and shows it in the view. */
static void view_furniture(view *v)
{
    furniture_decide(v->p);
    for (size_t i = 0; i < v->p->npages; i++)
        for (size_t j = 0; j < v->p->pages[i].nlines; j++)
            v->pages[i][j].flags = v->p->pages[i].flags[j];
}

static void view_close(view *v)
{
    for (size_t i = 0; i < v->p->npages; i++)
        page_lines_free(v->pages[i], v->p->pages[i].nlines);
    free(v->pages);
    free(v->l);
    ddor_report_free(ddor_parser_finish(v->p));
}

/* A one-line prose paragraph (10 pt) at the left margin. */
static void prose(builder *b, const char *text, double y)
{
    add_text(b, text, 36, y, 10);
}

/* Title block, Section II heading and the sentence stating the count;
 * returns where the table may begin. */
static double front_matter(builder *b, const char *period_line, const char *sentence)
{
    add_text(b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    add_text(b, period_line, 160, 84, 11);
    prose(b, "Section II: Jurisdictions with Recorded Declined Detainers", 120);
    if (sentence)
        prose(b, sentence, 140);
    return 170;
}

/* ---- expected records ----------------------------------------------------- */

typedef struct {
    int page;
    const char *state, *state_raw, *county, *facility, *citizenship, *country_code;
    const char *issued, *issued_raw, *declined, *declined_raw, *crime, *crime_status;
} want_declined;

static void expect_declined(const ddor_report *r, const want_declined *want, size_t n)
{
    EXPECT_INT(r->ndeclined, n);
    for (size_t i = 0; i < n && i < r->ndeclined; i++) {
        const ddor_declined *d = &r->declined[i];
        const want_declined *e = &want[i];
        snprintf(where, sizeof where, "declined row %zu", i + 1);
        EXPECT_INT(d->page, e->page);
        EXPECT_STR(d->state, e->state);
        EXPECT_STR(d->state_raw, e->state_raw);
        EXPECT_STR(d->county, e->county);
        EXPECT_STR(d->facility, e->facility);
        EXPECT_STR(d->citizenship, e->citizenship);
        EXPECT_STR(d->country_code, e->country_code);
        EXPECT_STR(d->issued, e->issued);
        EXPECT_STR(d->issued_raw, e->issued_raw);
        EXPECT_STR(d->declined, e->declined);
        EXPECT_STR(d->declined_raw, e->declined_raw);
        EXPECT_STR(d->crime, e->crime);
        EXPECT_STR(d->crime_status, e->crime_status);
    }
    where[0] = '\0';
}

static void expect_header(const table_header *h, table_kind kind, size_t nlines,
                          const table_spec *t, const char *const *cells,
                          const col_role *roles)
{
    EXPECT_INT(h->kind, kind);
    EXPECT_INT(h->nlines, nlines);
    EXPECT_INT(h->ncols, t->ncols);
    for (int c = 0; c < t->ncols && c < h->ncols; c++) {
        double x0, x1;
        cell_extent(t, c, cells[c], &x0, &x1);
        snprintf(where, sizeof where, "header column %d", c);
        EXPECT_STR(col_role_name(h->role[c]), col_role_name(roles[c]));
        EXPECT_DBL(h->x0[c], x0);
        EXPECT_DBL(h->x1[c], x1);
    }
    where[0] = '\0';
}

/* ======================================================================== */
/* 1. words -> lines                                                         */
/* ======================================================================== */

static void test_lines_one_baseline(void)
{
    builder b = { 0 };
    /* Second line first, words out of order, baselines a little uneven. */
    add_word(&b, "Harris", 100, 112, 10);
    add_word(&b, "County", 200, 100, 10);
    add_word(&b, "TX", 50, 112, 10);
    add_word(&b, "Texas", 50, 100.4, 10);
    add_word(&b, "Travis", 100, 99.8, 10);
    extract_page pg;
    finish_page(&b, &pg, 1);

    EXPECT_INT(pg.nwords, 5);
    EXPECT_INT(pg.nlines, 2);
    if (pg.nlines == 2) {
        EXPECT_INT(pg.lines[0].count, 3);
        EXPECT_STR(line_text(&pg, 0), "Texas Travis County");
        EXPECT_DBL(pg.lines[0].x0, 50);
        EXPECT_DBL(pg.lines[0].x1, 230);
        EXPECT_DBL(pg.lines[0].y0, 99.8);
        EXPECT_DBL(pg.lines[0].y1, 111.9);
        EXPECT_INT(pg.lines[1].count, 2);
        EXPECT_STR(line_text(&pg, 1), "TX Harris");
        EXPECT_DBL(pg.lines[1].x0, 50);
        EXPECT_DBL(pg.lines[1].x1, 130);
        EXPECT_DBL(pg.lines[1].y0, 112);
        EXPECT_DBL(pg.lines[1].y1, 123.5);
    }
    extract_page_free(&pg);
}

static void test_lines_centred_word(void)
{
    builder b = { 0 };
    /* A facility wrapped over two lines (12 pt apart) and two short cells
     * centred between them. */
    add_word(&b, "Jail", 300, 212, 10);
    add_word(&b, "Mexico", 400, 206, 10);
    add_word(&b, "Rita", 330, 200, 10);
    add_word(&b, "Texas", 50, 206, 10);
    add_word(&b, "Santa", 300, 200, 10);
    extract_page pg;
    finish_page(&b, &pg, 1);

    EXPECT_INT(pg.nlines, 3);
    if (pg.nlines == 3) {
        EXPECT_STR(line_text(&pg, 0), "Santa Rita");
        EXPECT_STR(line_text(&pg, 1), "Texas Mexico");
        EXPECT_STR(line_text(&pg, 2), "Jail");
        EXPECT_DBL(pg.lines[0].y0, 200);
        EXPECT_DBL(pg.lines[1].y0, 206);
        EXPECT_DBL(pg.lines[2].y0, 212);
        EXPECT_DBL(pg.lines[1].x0, 50);
        EXPECT_DBL(pg.lines[1].x1, 430);
    }
    extract_page_free(&pg);
}

static void test_lines_empty_page(void)
{
    builder b = { 0 };
    extract_page pg;
    finish_page(&b, &pg, 3);
    EXPECT_INT(pg.nwords, 0);
    EXPECT_INT(pg.nlines, 0);
    CU_ASSERT_PTR_NULL(pg.lines);
    extract_page_free(&pg);
}

/* ======================================================================== */
/* 2. header rows                                                            */
/* ======================================================================== */

/* Lays out HEADER on a page (with an optional first row below it) and
 * matches it at the page's first line. */
static int match_header(const table_spec *t, const char *const *header, int align,
                        const char *const *row, table_header *h)
{
    builder b = { 0 };
    double y = add_row(&b, t, header, 200, align);
    if (row)
        add_row(&b, t, row, y, ALIGN_MIDDLE);
    view v;
    view_open(&v, &b, 1);
    memset(h, 0, sizeof *h);
    int ok = header_match(v.l, v.n, h);
    view_close(&v);
    return ok;
}

static void test_header_weekly(void)
{
    /* Top-aligned: "Detainer / Issued / Date" takes three lines. */
    table_header h;
    EXPECT_INT(match_header(&WEEKLY, HEADER_A, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_DECLINED, 3, &WEEKLY, HEADER_A, ROLES_A);
}

static void test_header_issued_date_two_lines(void)
{
    /* "Detainer" over "Issued Date": the date column's words stack. */
    static const table_spec t = {
        8, { 36, 94, 158, 248, 306, 396, 448, 512, 576 }, 9, 3.5
    };
    static const char *const header[8] = {
        "State", "County", "Facility", "Citizenship", "Notable Criminal\nActivity",
        "Conviction\n/ Charge", "Detainer\nIssued Date", "Detainer\nDeclined Date"
    };
    table_header h;
    EXPECT_INT(match_header(&t, header, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_DECLINED, 2, &t, header, ROLES_A);
    EXPECT_DBL(h.x0[6], 451.5);
    EXPECT_DBL(h.x1[6], 498.75);
}

static void test_header_county_first(void)
{
    table_header h;
    EXPECT_INT(match_header(&LATER, HEADER_B, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_DECLINED, 2, &LATER, HEADER_B, ROLES_B);
}

static void test_header_centred_two_lines(void)
{
    /* One-line cells centred against "Notable Criminal / Activity": the
     * header prints as three lines, the short cells on the middle one. */
    table_header h;
    EXPECT_INT(match_header(&DATES, HEADER_C, ALIGN_MIDDLE, NULL, &h), 1);
    expect_header(&h, TABLE_DECLINED, 3, &DATES, HEADER_C, ROLES_C);
}

static void test_header_reordered(void)
{
    /* The same cells in another order: roles follow the words, not the
     * positions. */
    static const table_spec t = {
        7, { 36, 101, 166, 226, 294, 364, 434, 576 }, 9, 3.5
    };
    static const char *const header[7] = {
        "Date\nDeclined", "Date\nIssued", "Citizenship", "County", "State",
        "Facility", "Notable Criminal Activity"
    };
    static const col_role roles[7] = {
        COL_DECLINED, COL_ISSUED, COL_CITIZENSHIP, COL_COUNTY, COL_STATE,
        COL_FACILITY, COL_CRIME
    };
    table_header h;
    EXPECT_INT(match_header(&t, header, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_DECLINED, 2, &t, header, roles);
}

static void test_header_row_below_not_taken(void)
{
    /* The first row stands 7 pt below the header's last line, closer than
     * the 0.8 em that ends a header band: it must not be taken in. */
    static const char *const row[8] = {
        "TX", "Travis County", "Travis County Jail", "Mexico", "Assault", "Charge",
        "2/1/2017", "2/1/2017"
    };
    static const table_spec t = {
        8, { 36, 76, 146, 246, 306, 400, 460, 518, 576 }, 9, 3.5
    };
    static const char *const header[8] = {
        "State", "County", "Facility", "Citizenship", "Notable Criminal\nActivity",
        "Conviction\n/ Charge", "Detainer\nIssued", "Detainer\nDeclined"
    };
    table_header h;
    EXPECT_INT(match_header(&t, header, ALIGN_TOP, row, &h), 1);
    expect_header(&h, TABLE_DECLINED, 2, &t, header, ROLES_A);
}

static void test_header_cells_touching(void)
{
    /* "Citizenship" ends 1 pt before "Notable", less than a word space
     * (2.25 pt), on a one-line header. */
    builder b = { 0 };
    static const char *const cells[7] = {
        "State", "County", "Facility", "Citizenship", "Notable Criminal Activity",
        "Date Issued", "Date Declined"
    };
    const double x[7] = { 39.5, 90, 150, 230, 280.5, 400, 460 };
    double x1[7];
    for (int c = 0; c < 7; c++)
        x1[c] = add_text(&b, cells[c], x[c], 200, 9);
    EXPECT_DBL(x1[3] + 1, x[4]);
    view v;
    view_open(&v, &b, 1);
    EXPECT_INT(v.n, 1);
    table_header h;
    memset(&h, 0, sizeof h);
    EXPECT_INT(header_match(v.l, v.n, &h), 1);
    view_close(&v);
    EXPECT_INT(h.kind, TABLE_DECLINED);
    EXPECT_INT(h.nlines, 1);
    EXPECT_INT(h.ncols, 7);
    for (int c = 0; c < 7 && c < h.ncols; c++) {
        snprintf(where, sizeof where, "header column %d", c);
        EXPECT_STR(col_role_name(h.role[c]), col_role_name(ROLES_C[c]));
        EXPECT_DBL(h.x0[c], x[c]);
        EXPECT_DBL(h.x1[c], x1[c]);
    }
    where[0] = '\0';
}

static void test_header_top_jurisdictions(void)
{
    /* "Detainers" and "Issued" could each name the count column; together
     * they are one cell. */
    table_header h;
    EXPECT_INT(match_header(&TOP10, HEADER_TOP, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_TOP, 1, &TOP10, HEADER_TOP, ROLES_TOP);
    EXPECT_DBL(h.x0[3], 369.5);
    EXPECT_DBL(h.x1[3], 439.25);

    /* "# | State | Jurisdiction | Number of Detainers", the count wrapped. */
    static const char *const numbered[4] = {
        "#", "State", "Jurisdiction", "Number of\nDetainers"
    };
    EXPECT_INT(match_header(&TOP10, numbered, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_TOP, 2, &TOP10, numbered, ROLES_TOP);

    static const char *const issued[4] = { "Rank", "ST", "County Name", "Issued Detainers" };
    EXPECT_INT(match_header(&TOP10, issued, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_TOP, 1, &TOP10, issued, ROLES_TOP);
}

static void test_header_policy(void)
{
    table_header h;
    EXPECT_INT(match_header(&POLICY, HEADER_POLICY, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_POLICY, 1, &POLICY, HEADER_POLICY, ROLES_POLICY);

    static const char *const other[3] = { "State", "County/City", "Detainer Policy" };
    EXPECT_INT(match_header(&POLICY, other, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_POLICY, 1, &POLICY, other, ROLES_POLICY);

    static const char *const third[3] = { "ST", "County/Jurisdiction", "Policy Description" };
    EXPECT_INT(match_header(&POLICY, third, ALIGN_TOP, NULL, &h), 1);
    expect_header(&h, TABLE_POLICY, 1, &POLICY, third, ROLES_POLICY);
}

static void test_header_not_prose_or_data(void)
{
    table_header h;
    static const char *const texts[] = {
        "ICE recorded 3 declined detainers between January 28, 2017, and February 3, 2017.",
        /* mostly header words, yet not a header */
        "Detainers issued by state and county",
        "Detainers Declined by State",
        "Weekly Declined Detainer Outcome Report",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        builder b = { 0 };
        add_text(&b, texts[i], 36, 200, 10);
        view v;
        view_open(&v, &b, 1);
        snprintf(where, sizeof where, "prose '%s'", texts[i]);
        EXPECT_INT(header_match(v.l, v.n, &h), 0);
        view_close(&v);
    }
    where[0] = '\0';

    /* A data row of Section II, and one of Section III. */
    static const char *const row[8] = {
        "Texas", "Travis County", "Travis County Jail", "Mexico", "Assault", "Charge",
        "2/1/2017", "2/1/2017"
    };
    builder b = { 0 };
    add_row(&b, &WEEKLY, row, 200, ALIGN_MIDDLE);
    view v;
    view_open(&v, &b, 1);
    EXPECT_INT(v.n, 1);
    EXPECT_INT(header_match(v.l, v.n, &h), 0);
    view_close(&v);

    static const char *const policy_row[3] = {
        "Oregon", "Washington County", "Detainer policy"
    };
    add_row(&b, &POLICY, policy_row, 200, ALIGN_MIDDLE);
    view_open(&v, &b, 1);
    EXPECT_INT(header_match(v.l, v.n, &h), 0);
    view_close(&v);
}

/* ======================================================================== */
/* columns and joins                                                         */
/* ======================================================================== */

/* The rows of one page of a table, read as the table reader reads them:
 * fragments, the table's geometry (here: of this page alone), rows. */
static table_row *page_rows(const table_header *h, const double *bound,
                            pline *const *body, size_t n, size_t *nrows)
{
    size_t nf, nspans;
    fragment *f = fragments_cut(h, bound, body, n, 1, &nf);
    table_geometry *g = malloc(sizeof *g);
    CU_ASSERT_FATAL(g != NULL);
    geometry_init(g);
    geometry_add_page(g, h, f, nf);
    geometry_finish(g);
    row_align used;
    double so_far[3] = { 0, 0, 0 };
    page_context ctx = { 0, 0, { 0 }, 0, -1, ROW_ALIGN_TOP, so_far, 0 };
    level_span *sp = rows_find(h, g, f, nf, &ctx, &used, &nspans);
    table_row *rows = calloc(nspans ? nspans : 1, sizeof *rows);
    CU_ASSERT_FATAL(rows != NULL);
    for (size_t r = 0; r < nspans; r++) {
        rows[r].page = body[0]->page;
        for (int c = 0; c < MAX_COLS; c++)
            rows[r].cell[c] = xstrdup("");
        for (size_t i = 0; i < nf; i++)
            if (f[i].level >= sp[r].first && f[i].level <= sp[r].last)
                row_join(&rows[r].cell[f[i].col], f[i].text);
    }
    *nrows = nspans;
    free(sp);
    free(g);
    fragments_free(f, nf);
    return rows;
}

static void test_columns_gutter(void)
{
    /* Headers centred in their columns, the data left-aligned:
     * "Pennsylvania" reaches past the State header, "City of Philadelphia"
     * past the Jurisdiction header.  Each boundary goes in the middle of
     * the empty stretch that is left, not midway between header cells. */
    builder b = { 0 };
    add_text(&b, "State", 70, 200, 9);           /* 70 .. 92.5 */
    add_text(&b, "Jurisdiction", 180, 200, 9);   /* 180 .. 234 */
    add_text(&b, "Policy", 340, 200, 9);         /* 340 .. 367 */
    static const char *const rows[2][3] = {
        { "Washington", "King County", "Will not honor detainers\nwithout a judicial warrant" },
        { "Pennsylvania", "City of Philadelphia", "Will not honor detainers\nwithout a judicial order\nor warrant" },
    };
    double y = 214;
    for (int i = 0; i < 2; i++)
        y = add_row(&b, &POLICY, rows[i], y, ALIGN_MIDDLE);
    view v;
    view_open(&v, &b, 1);
    table_header h;
    EXPECT_INT(header_match(v.l, v.n, &h), 1);
    EXPECT_INT(h.ncols, 3);
    EXPECT_INT(h.nlines, 1);
    double bound[MAX_COLS] = { 0 };
    columns_bounds(&h, v.l + 1, v.n - 1, bound);
    /* "Pennsylvania" ends at 93.5, "King" and "City" start at 153.5 */
    EXPECT_DBL(bound[0], 123.5);
    /* "Philadelphia" ends at 239, the policy text starts at 293.5 */
    EXPECT_DBL(bound[1], 266.25);

    /* Where the fragments begin, found alone, is where the fragments cut
     * in full begin: the same column and x, fragment for fragment. */
    size_t nf, ns;
    fragment *f = fragments_cut(&h, bound, v.l + 1, v.n - 1, 0, &nf);
    int scol[64];
    double sx[64];
    ns = fragments_starts(&h, bound, v.l + 1, v.n - 1, scol, sx);
    EXPECT_INT(ns, nf);
    EXPECT_INT(nf, 9);      /* state, county, 2 policy lines; state, county, 3 */
    for (size_t i = 0; i < nf && i < ns; i++) {
        size_t k = 0;        /* F is sorted by column; the starts by line */
        while (k < ns && !(scol[k] == f[i].col && sx[k] == f[i].x0))
            k++;
        EXPECT_INT(k < ns, 1);
    }
    fragments_free(f, nf);

    size_t nrows = 0;
    table_row *tr = page_rows(&h, bound, v.l + 1, v.n - 1, &nrows);
    EXPECT_INT(nrows, 2);
    if (nrows == 2) {
        EXPECT_STR(tr[0].cell[0], "Washington");
        EXPECT_STR(tr[0].cell[1], "King County");
        EXPECT_STR(tr[0].cell[2], "Will not honor detainers without a judicial warrant");
        EXPECT_STR(tr[1].cell[0], "Pennsylvania");
        EXPECT_STR(tr[1].cell[1], "City of Philadelphia");
        EXPECT_STR(tr[1].cell[2], "Will not honor detainers without a judicial order or warrant");
        EXPECT_INT(tr[0].page, 1);
        EXPECT_INT(tr[1].page, 1);
    }
    for (size_t i = 0; i < nrows; i++)
        row_free(&tr[i]);
    free(tr);
    view_close(&v);
}

static void test_columns_prose_crossing(void)
{
    /* A line of prose running across the table covers the gutters once;
     * the boundaries still fall in the true gutters, and the rows keep
     * their cells. */
    builder b = { 0 };
    double y = add_row(&b, &POLICY, HEADER_POLICY, 200, ALIGN_TOP);
    static const char *const rows[2][3] = {
        { "Washington", "King County", "Will not honor detainers\nwithout a judicial warrant" },
        { "California", "Alameda County", "Will not honor detainers" },
    };
    y = add_row(&b, &POLICY, rows[0], y, ALIGN_MIDDLE);
    add_text(&b, "Source: county ordinances and sheriff policies as published", 36, y + 3.5, 9);
    y = add_row(&b, &POLICY, rows[1], y + 3.5 + 10.35, ALIGN_MIDDLE);
    view v;
    view_open(&v, &b, 1);
    table_header h;
    EXPECT_INT(header_match(v.l, v.n, &h), 1);
    EXPECT_INT(h.ncols, 3);
    double bound[MAX_COLS] = { 0 };
    columns_bounds(&h, v.l + 1, v.n - 1, bound);
    /* true gutters: 84.5 .. 153.5 and 214.25 .. 293.5 */
    CU_ASSERT(bound[0] > 84.5 && bound[0] < 153.5);
    CU_ASSERT(bound[1] > 214.25 && bound[1] < 293.5);
    size_t nrows = 0;
    table_row *tr = page_rows(&h, bound, v.l + 1, v.n - 1, &nrows);
    EXPECT_INT(nrows, 3);
    if (nrows == 3) {
        EXPECT_STR(tr[0].cell[0], "Washington");
        EXPECT_STR(tr[0].cell[1], "King County");
        EXPECT_STR(tr[0].cell[2], "Will not honor detainers without a judicial warrant");
        EXPECT_STR(tr[2].cell[0], "California");
        EXPECT_STR(tr[2].cell[1], "Alameda County");
        EXPECT_STR(tr[2].cell[2], "Will not honor detainers");
    }
    for (size_t i = 0; i < nrows; i++)
        row_free(&tr[i]);
    free(tr);
    view_close(&v);
}

static void test_row_join(void)
{
    static const struct { const char *a, *b, *joined; } cases[] = {
        { "", "Travis", "Travis" },
        { "Travis", "County", "Travis County" },
        { "City of Wilkes-", "Barre", "City of Wilkes-Barre" },
        { "Miranda-", "Olivares", "Miranda-Olivares" },
        { "Obscene Material -", "Possession", "Obscene Material - Possession" },
        { "-", "Possession", "- Possession" },
        { "Santa Rita", "", "Santa Rita" },
        { "Driving Under", "Influence Liquor", "Driving Under Influence Liquor" },
        { "Correc\xC2\xAD", "tional Facility", "Correctional Facility" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *cell = strdup(cases[i].a);
        if (!cell)
            abort();
        row_join(&cell, cases[i].b);
        snprintf(where, sizeof where, "'%s' + '%s'", cases[i].a, cases[i].b);
        EXPECT_STR(cell, cases[i].joined);
        free(cell);
    }
    where[0] = '\0';
}

/* ======================================================================== */
/* furniture                                                                 */
/* ======================================================================== */

static int flagged(const view *v, int page, const char *text, unsigned flag)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->l[i]->page == page && strcmp(v->l[i]->text, text) == 0)
            return (v->l[i]->flags & flag) != 0;
    return -1;                /* no such line */
}

static void test_furniture(void)
{
    builder pages[3] = { { 0 } };
    for (int k = 0; k < 3; k++) {
        builder *b = &pages[k];
        char number[32];
        add_text(b, "U.S. Immigration and Customs Enforcement", 220, 30, 8);
        if (k == 0)
            add_text(b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
        else
            add_row(b, &WEEKLY, HEADER_A, 56, ALIGN_TOP);
        add_text(b, "Continued on next page", 36, 400, 9);
        add_text(b, "Law Enforcement Sensitive", 250, 736, 8);
        if (k < 2)
            snprintf(number, sizeof number, "Page %d of 3", k + 1);
        else
            snprintf(number, sizeof number, "3");
        add_text(b, number, 290, 750, 8);
    }
    view v;
    view_open(&v, pages, 3);
    view_furniture(&v);
    for (int pg = 1; pg <= 3; pg++) {
        snprintf(where, sizeof where, "page %d", pg);
        EXPECT_INT(flagged(&v, pg, "U.S. Immigration and Customs Enforcement", PL_FURNITURE), 1);
        EXPECT_INT(flagged(&v, pg, "Continued on next page", PL_FURNITURE), 0);
        EXPECT_INT(flagged(&v, pg, "Law Enforcement Sensitive", PL_FURNITURE), 1);
    }
    where[0] = '\0';
    EXPECT_INT(flagged(&v, 1, "Weekly Declined Detainer Outcome Report", PL_FURNITURE), 0);
    EXPECT_INT(flagged(&v, 1, "Page 1 of 3", PL_FURNITURE), 1);
    EXPECT_INT(flagged(&v, 2, "Page 2 of 3", PL_FURNITURE), 1);
    EXPECT_INT(flagged(&v, 3, "3", PL_FURNITURE), 1);
    /* The header row repeated at the top of pages 2 and 3 is not furniture. */
    EXPECT_INT(flagged(&v, 2, "State County Facility Citizenship Notable Criminal "
                              "Conviction Detainer Detainer", PL_FURNITURE), 0);
    EXPECT_INT(flagged(&v, 3, "State County Facility Citizenship Notable Criminal "
                              "Conviction Detainer Detainer", PL_FURNITURE), 0);
    view_close(&v);
}

/* A page number set inside the running header: "Report1" on pages 1-9 (the
 * digit close enough to join the word), "Report 12" after; one header. */
static void test_furniture_number_in_header(void)
{
    builder pages[12] = { { 0 } };
    for (int k = 0; k < 12; k++) {
        char header[64];
        snprintf(header, sizeof header, k < 9 ? "Outcome Report%d" : "Outcome Report %d",
                 k + 1);
        add_text(&pages[k], header, 400, 30, 8);
        add_text(&pages[k], "Texas Travis County 2/1/2017", 36, 300, 9);
    }
    view v;
    view_open(&v, pages, 12);
    view_furniture(&v);
    EXPECT_INT(flagged(&v, 3, "Outcome Report3", PL_FURNITURE), 1);
    EXPECT_INT(flagged(&v, 12, "Outcome Report 12", PL_FURNITURE), 1);
    EXPECT_INT(flagged(&v, 12, "Texas Travis County 2/1/2017", PL_FURNITURE), 0);
    view_close(&v);
}

/* ======================================================================== */
/* 3. rows through the whole parser                                          */
/* ======================================================================== */

/* Page 1 of the two-page report; the table breaks inside its last row. */
static const char *const P1_ROWS[4][8] = {
    { "Texas", "Travis County", "Travis County\nCorrectional Complex", "Mexico",
      "Driving Under\nInfluence Liquor", "Conviction", "2/1/2017", "2/1/2017" },
    { "Pennsylvania", "City of Wilkes-\nBarre", "Luzerne County\nCorrectional\nFacility",
      "El Salvador", "Assault (Charged)", "", "1/30/2017", "2/2/2017" },
    { "California", "Alameda County", "Santa Rita Jail", "Cambodia",
      "Domestic Violence", "Convicted", "1/28/2017", "1/31/2017" },
    { "TX", "Williamson\nCounty", "Williamson County\nJail", "Korea, South",
      "", "", "2/3/2017", "2/3/2017" },
};
/* The row broken by the page: the first two lines of its facility ... */
static const char *const P1_BROKEN[8] = {
    "NY", "Nassau County", "Nassau County\nCorrectional", "Honduras",
    "Obscene Material -\nPossession", "Charge", "2/2/2017", "2/3/2017"
};
/* ... and the last one, at the top of page 2 after the repeated header. */
static const char *const P2_REST[8] = { "", "", "Center", "", "", "", "", "" };
static const char *const P2_ROWS[2][8] = {
    { "Illinois", "Cook County", "Cook County Jail", "Mexico",
      "Convicted: Sex\nAssault", "", "2/1/2017", "2/2/2017" },
    { "Oregon", "Washington\nCounty", "Washington County\nJail", "Guatemala",
      "Traffic Offense", "Charged", "2/1/2017", "2/1/2017" },
};

static const want_declined REPORT_ROWS[7] = {
    { 1, "TX", "Texas", "Travis County", "Travis County Correctional Complex",
      "Mexico", "MX", "2017-02-01", "2/1/2017", "2017-02-01", "2/1/2017",
      "Driving Under Influence Liquor", "convicted" },
    { 1, "PA", "Pennsylvania", "City of Wilkes-Barre", "Luzerne County Correctional Facility",
      "El Salvador", "SV", "2017-01-30", "1/30/2017", "2017-02-02", "2/2/2017",
      "Assault", "charged" },
    { 1, "CA", "California", "Alameda County", "Santa Rita Jail",
      "Cambodia", "KH", "2017-01-28", "1/28/2017", "2017-01-31", "1/31/2017",
      "Domestic Violence", "convicted" },
    { 1, "TX", "TX", "Williamson County", "Williamson County Jail",
      "Korea, South", "KR", "2017-02-03", "2/3/2017", "2017-02-03", "2/3/2017",
      "", "" },
    { 1, "NY", "NY", "Nassau County", "Nassau County Correctional Center",
      "Honduras", "HN", "2017-02-02", "2/2/2017", "2017-02-03", "2/3/2017",
      "Obscene Material - Possession", "charged" },
    { 2, "IL", "Illinois", "Cook County", "Cook County Jail",
      "Mexico", "MX", "2017-02-01", "2/1/2017", "2017-02-02", "2/2/2017",
      "Sex Assault", "convicted" },
    { 2, "OR", "Oregon", "Washington County", "Washington County Jail",
      "Guatemala", "GT", "2017-02-01", "2/1/2017", "2017-02-01", "2/1/2017",
      "Traffic Offense", "charged" },
};

static void running_header_footer(builder *b, int page, int pages)
{
    char footer[32];
    add_text(b, "U.S. Immigration and Customs Enforcement", 220, 30, 8);
    snprintf(footer, sizeof footer, "Page %d of %d", page, pages);
    add_text(b, footer, 283, 750, 8);
}

/* The two-page report; HEADER_ALIGN sets how the header cells sit. */
static void build_report(builder pages[2], int header_align)
{
    builder *b = &pages[0];
    running_header_footer(b, 1, 2);
    add_text(b, "ENFORCEMENT AND REMOVAL OPERATIONS", 190, 44, 10);
    add_text(b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    add_text(b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017", 160, 84, 11);
    add_text(b, "Summary", 36, 116, 11);
    prose(b, "Executive Order 13768, Enhancing Public Safety in the Interior of the United States,", 134);
    prose(b, "section 9(b), directs the Secretary to make public a weekly list of criminal actions", 146);
    prose(b, "committed by aliens and of any jurisdiction that ignored or otherwise failed to honor", 158);
    prose(b, "any detainers with respect to such aliens.", 170);
    prose(b, "Section II: Jurisdictions with Recorded Declined Detainers between January 28, 2017,", 200);
    prose(b, "and February 3, 2017", 212);
    prose(b, "ICE recorded 7 declined detainers between January 28, 2017, and February 3, 2017.", 232);
    double y = add_table(b, &WEEKLY, HEADER_A, header_align, &P1_ROWS[0][0], 4, 260);
    add_row(b, &WEEKLY, P1_BROKEN, y, ALIGN_MIDDLE);

    b = &pages[1];
    running_header_footer(b, 2, 2);
    y = add_row(b, &WEEKLY, HEADER_A, 56, header_align);
    y = add_row(b, &WEEKLY, P2_REST, y, ALIGN_MIDDLE);
    y = add_table(b, &WEEKLY, NULL, ALIGN_TOP, &P2_ROWS[0][0], 2, y);
    prose(b, "Section IV: Report Scope and Data Fidelity", y + 24);
    prose(b, "1. Declined detainers are recorded by ICE officers as they learn of them.", y + 40);
}

static void test_report_rows(void)
{
    builder pages[2] = { { 0 } };
    build_report(pages, ALIGN_TOP);
    ddor_report *r = parse_pages(pages, 2);

    EXPECT_INT(r->pages, 2);
    EXPECT_INT(r->is_ddor, 1);
    EXPECT_INT(r->sections, DDOR_SECTION_II | DDOR_SECTION_IV);
    EXPECT_INT(r->tables, DDOR_SECTION_II);
    EXPECT_STR(r->period_start, "2017-01-28");
    EXPECT_STR(r->period_end, "2017-02-03");
    EXPECT_INT(r->declined_stated, 7);
    EXPECT_INT(r->detainers_issued, -1);
    expect_declined(r, REPORT_ROWS, 7);
    EXPECT_INT(r->ntop, 0);
    EXPECT_INT(r->npolicies, 0);
    EXPECT_INT(r->nunparsed, 0);
    for (size_t i = 0; i < r->nunparsed; i++)
        fprintf(stderr, "\n  unparsed: page %d: '%s' (%s)", r->unparsed[i].page,
                r->unparsed[i].text, r->unparsed[i].why);

    /* Every row reads; only what the two pages lack is said. */
    char *message = NULL;
    EXPECT_STR(ddor_report_check(r, &message), "warning");
    EXPECT_STR(message, "sections not found: I, III; "
                        "national total missing: no number of detainers issued stated");
    free(message);
    ddor_report_free(r);
}

static void test_report_centred_header(void)
{
    /* The same report with its header cells centred vertically: the cells
     * of one, two and three lines print on five distinct lines. */
    builder pages[2] = { { 0 } };
    build_report(pages, ALIGN_MIDDLE);
    ddor_report *r = parse_pages(pages, 2);
    EXPECT_INT(r->tables, DDOR_SECTION_II);
    expect_declined(r, REPORT_ROWS, 7);
    EXPECT_INT(r->nunparsed, 0);
    ddor_report_free(r);
}

static void test_report_county_first(void)
{
    /* Another edition's header: columns found by their words. */
    static const char *const rows[3][7] = {
        { "Clark County", "NV", "Clark County\nDetention Center", "Mexico",
          "02/01/17", "02/02/17", "Convicted: Driving Under\nInfluence Liquor" },
        { "Snohomish\nCounty", "WA", "Snohomish County\nJail", "China, Peoples\nRepublic Of",
          "02/01/2017", "02/03/2017", "Cruelty Toward Wife (Charged)" },
        { "Nassau County", "NY", "Nassau County\nCorrectional\nCenter", "Burma",
          "1/29/2017", "2/3/2017", "Assault - Conviction" },
    };
    static const want_declined want[3] = {
        { 1, "NV", "NV", "Clark County", "Clark County Detention Center",
          "Mexico", "MX", "2017-02-01", "02/01/17", "2017-02-02", "02/02/17",
          "Driving Under Influence Liquor", "convicted" },
        { 1, "WA", "WA", "Snohomish County", "Snohomish County Jail",
          "China, Peoples Republic Of", "CN", "2017-02-01", "02/01/2017",
          "2017-02-03", "02/03/2017", "Cruelty Toward Wife", "charged" },
        { 1, "NY", "NY", "Nassau County", "Nassau County Correctional Center",
          "Burma", "MM", "2017-01-29", "1/29/2017", "2017-02-03", "2/3/2017",
          "Assault", "convicted" },
    };
    builder b = { 0 };
    double y = front_matter(&b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
                            "ICE recorded 3 declined detainers between January 28, 2017, and February 3, 2017.");
    add_table(&b, &LATER, HEADER_B, ALIGN_TOP, &rows[0][0], 3, y);
    ddor_report *r = parse_pages(&b, 1);
    EXPECT_INT(r->tables, DDOR_SECTION_II);
    EXPECT_INT(r->declined_stated, 3);
    expect_declined(r, want, 3);
    EXPECT_INT(r->nunparsed, 0);
    ddor_report_free(r);
}

/* What the checks say of a report that has Section II alone. */
#define PARTIAL "sections not found: I, III, IV; " \
                "national total missing: no number of detainers issued stated"

static void test_report_unparsed(void)
{
    /* A footnote in the county column only (page 1), and a line of text
     * starting in the facility column (page 2): neither has a state. */
    builder pages[2] = { { 0 } };
    builder *b = &pages[0];
    running_header_footer(b, 1, 2);
    double y = front_matter(b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
                            "ICE recorded 4 declined detainers between January 28, 2017, and February 3, 2017.");
    y = add_table(b, &WEEKLY, HEADER_A, ALIGN_TOP, &P1_ROWS[0][0], 1, y);
    static const char *const footnote[8] = { "", "* see note", "", "", "", "", "", "" };
    y = add_row(b, &WEEKLY, footnote, y, ALIGN_MIDDLE);
    add_table(b, &WEEKLY, NULL, ALIGN_TOP, &P1_ROWS[2][0], 1, y);

    b = &pages[1];
    running_header_footer(b, 2, 2);
    y = add_row(b, &WEEKLY, HEADER_A, 56, ALIGN_TOP);
    y = add_table(b, &WEEKLY, NULL, ALIGN_TOP, &P1_ROWS[3][0], 1, y);
    add_text(b, "Released on bond before the detainer was lodged", 173.5, y + 3.5, 9);
    y += 3.5 + 10.35 + 3.5;
    add_table(b, &WEEKLY, NULL, ALIGN_TOP, &P2_ROWS[0][0], 1, y);

    ddor_report *r = parse_pages(pages, 2);
    EXPECT_INT(r->ndeclined, 4);
    if (r->ndeclined == 4) {
        EXPECT_STR(r->declined[0].county, "Travis County");
        EXPECT_STR(r->declined[1].county, "Alameda County");
        EXPECT_STR(r->declined[2].county, "Williamson County");
        EXPECT_STR(r->declined[3].county, "Cook County");
        EXPECT_STR(r->declined[2].facility, "Williamson County Jail");
        EXPECT_INT(r->declined[0].page, 1);
        EXPECT_INT(r->declined[1].page, 1);
        EXPECT_INT(r->declined[2].page, 2);
        EXPECT_INT(r->declined[3].page, 2);
    }
    EXPECT_INT(r->nunparsed, 2);
    if (r->nunparsed == 2) {
        EXPECT_INT(r->unparsed[0].page, 1);
        EXPECT_STR(r->unparsed[0].text, "* see note");
        EXPECT_STR(r->unparsed[0].why, "no state or county cell");
        EXPECT_INT(r->unparsed[1].page, 2);
        EXPECT_STR(r->unparsed[1].text, "Released on bond before the detainer was lodged");
        EXPECT_STR(r->unparsed[1].why, "no state or county cell");
    }
    char *message = NULL;
    EXPECT_STR(ddor_report_check(r, &message), "warning");
    EXPECT_STR(message, PARTIAL "; unparsed lines: 2 in tables (first: page 1: '* see note')");
    free(message);
    ddor_report_free(r);
}

/* A list of the sections on page 1 is read as headings too: the heading
 * a section keeps is the one with the most lines under it. */
static void test_report_headings(void)
{
    builder pages[2] = { { 0 } };
    builder *b = &pages[0];
    add_text(b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    add_text(b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017", 160, 84, 11);
    prose(b, "Section II: Jurisdictions with Recorded Declined Detainers", 120);
    prose(b, "Section III: Jurisdictions that have Enacted Policies", 136);
    prose(b, "Section IV: Report Scope and Data Fidelity", 152);
    b = &pages[1];
    prose(b, "Section III: Table of Jurisdictions that have Enacted Policies", 60);
    prose(b, "Place Rule", 80);
    prose(b, "Oregon Washington County Will not honor detainers", 96);
    ddor_report *r = parse_pages(pages, 2);
    EXPECT_INT(r->sections, DDOR_SECTION_II | DDOR_SECTION_III | DDOR_SECTION_IV);
    EXPECT_INT(r->headings[0].page, 0);
    EXPECT_INT(r->headings[0].text == NULL, 1);
    EXPECT_INT(r->headings[1].page, 1);
    EXPECT_INT(r->headings[1].lines, 0);
    EXPECT_INT(r->headings[2].page, 2);
    EXPECT_STR(r->headings[2].text ? r->headings[2].text : "",
               "Section III: Table of Jurisdictions that have Enacted Policies");
    EXPECT_INT(r->headings[2].lines, 2);
    EXPECT_INT(r->headings[3].page, 1);
    char *message = NULL;
    ddor_report_check(r, &message);
    EXPECT_INT(strstr(message, "no table header recognised: Section III (page 2: "
                               "'Section III: Table of Jurisdictions") != NULL, 1);
    free(message);
    ddor_report_free(r);
}

/* Section I printed without a rank column: the order is the ranking. */
static void test_report_top_without_rank(void)
{
    static const table_spec t = { 3, { 36, 156, 336, 496 }, 9, 3.5 };
    static const char *const header[3] = { "State", "County", "Detainers Issued" };
    static const char *const top[2][3] = {
        { "Nevada", "Clark County", "51" }, { "New York", "Nassau County", "47" },
    };
    builder b = { 0 };
    add_text(&b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    prose(&b, "Section I: Highest Volume of Detainers Issued", 120);
    add_table(&b, &t, header, ALIGN_TOP, &top[0][0], 2, 150);
    ddor_report *r = parse_pages(&b, 1);
    EXPECT_INT(r->ntop, 2);
    if (r->ntop == 2) {
        EXPECT_INT(r->top[0].rank, 1);
        EXPECT_INT(r->top[1].rank, 2);
        EXPECT_STR(r->top[1].county, "Nassau County");
        EXPECT_INT(r->top[1].detainers, 47);
    }
    ddor_report_free(r);
}

static void test_report_top_and_policy(void)
{
    static const char *const top[3][4] = {
        { "1", "Nevada", "Clark County", "51" },
        { "2", "New York", "Nassau County", "47" },
        { "3", "Illinois", "Cook County", "41" },
    };
    static const char *const policies[3][3] = {
        { "California", "Alameda County", "Will not honor detainers\nwithout a judicial warrant" },
        { "Oregon", "Washington County", "Will not honor detainers\nwithout a judicial order\nor warrant" },
        { "Pennsylvania", "City of Philadelphia",
          "Will not honor detainers\nunless convicted of a\nfirst- or second-degree\nfelony" },
    };
    builder b = { 0 };
    add_text(&b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    add_text(&b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017", 160, 84, 11);
    prose(&b, "Section I: Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions", 120);
    prose(&b, "During the week of January 28, 2017, through February 3, 2017, ICE issued 3,083 detainers", 140);
    prose(&b, "throughout the United States.", 152);
    double y = add_table(&b, &TOP10, HEADER_TOP, ALIGN_TOP, &top[0][0], 3, 176);
    prose(&b, "Section III: Table of Jurisdictions that have Enacted Policies which Limit Cooperation", y + 24);
    prose(&b, "with ICE", y + 36);
    add_table(&b, &POLICY, HEADER_POLICY, ALIGN_TOP, &policies[0][0], 3, y + 60);
    ddor_report *r = parse_pages(&b, 1);

    EXPECT_INT(r->sections, DDOR_SECTION_I | DDOR_SECTION_III);
    EXPECT_INT(r->tables, DDOR_SECTION_I | DDOR_SECTION_III);
    EXPECT_INT(r->detainers_issued, 3083);
    EXPECT_INT(r->declined_stated, -1);
    EXPECT_INT(r->is_ddor, 1);
    EXPECT_INT(r->ndeclined, 0);
    EXPECT_INT(r->nunparsed, 0);
    EXPECT_INT(r->ntop, 3);
    static const struct { long rank; const char *state, *raw, *county; long n; } want_top[3] = {
        { 1, "NV", "Nevada", "Clark County", 51 },
        { 2, "NY", "New York", "Nassau County", 47 },
        { 3, "IL", "Illinois", "Cook County", 41 },
    };
    for (size_t i = 0; i < 3 && i < r->ntop; i++) {
        snprintf(where, sizeof where, "top row %zu", i + 1);
        EXPECT_INT(r->top[i].page, 1);
        EXPECT_INT(r->top[i].rank, want_top[i].rank);
        EXPECT_STR(r->top[i].state, want_top[i].state);
        EXPECT_STR(r->top[i].state_raw, want_top[i].raw);
        EXPECT_STR(r->top[i].county, want_top[i].county);
        EXPECT_INT(r->top[i].detainers, want_top[i].n);
    }
    EXPECT_INT(r->npolicies, 3);
    static const struct { const char *state, *raw, *jurisdiction, *policy; } want_policy[3] = {
        { "CA", "California", "Alameda County",
          "Will not honor detainers without a judicial warrant" },
        { "OR", "Oregon", "Washington County",
          "Will not honor detainers without a judicial order or warrant" },
        { "PA", "Pennsylvania", "City of Philadelphia",
          "Will not honor detainers unless convicted of a first- or second-degree felony" },
    };
    for (size_t i = 0; i < 3 && i < r->npolicies; i++) {
        snprintf(where, sizeof where, "policy row %zu", i + 1);
        EXPECT_INT(r->policies[i].page, 1);
        EXPECT_STR(r->policies[i].state, want_policy[i].state);
        EXPECT_STR(r->policies[i].state_raw, want_policy[i].raw);
        EXPECT_STR(r->policies[i].jurisdiction, want_policy[i].jurisdiction);
        EXPECT_STR(r->policies[i].policy, want_policy[i].policy);
    }
    where[0] = '\0';
    ddor_report_free(r);
}

/* Section III on pages of its own, its header row "State | County/City |
 * Policy" at the top of each: a header that repeats on most pages and
 * sits in the top band is still a header, not a running header, even when
 * a cell's words are joined by a slash into one word.  Taken for a running
 * header, it would leave the table without a header and lose its rows. */
static void test_policy_header_repeated_on_every_page(void)
{
    static const char *const header[3] = { "State", "County/City", "Policy" };
    static const char *const counties[4][3] = {
        { "Alameda County", "Marin County", "Napa County" },
        { "Clark County", "Lane County", "Polk County" },
        { "Berks County", "Bucks County", "Erie County" },
        { "King County", "Pierce County", "Yakima County" },
    };
    static const char *const states[3] = { "California", "Oregon", "Pennsylvania" };
    /* The section's heading ends page 1; its table starts page 2. */
    builder pages[5] = { { 0 } };
    double y = front_matter(&pages[0], "January 28 - February 3, 2017", NULL);
    prose(&pages[0], "Section III: Jurisdictions with Policies Limiting Cooperation", y);
    for (int k = 0; k < 4; k++) {
        const char *rows[3][3];
        for (int i = 0; i < 3; i++) {
            rows[i][0] = states[i];
            rows[i][1] = counties[k][i];
            rows[i][2] = "Judicial warrant only";
        }
        add_table(&pages[k + 1], &POLICY, header, ALIGN_TOP, &rows[0][0], 3, 40);
    }
    ddor_report *r = parse_pages(pages, 5);
    EXPECT_INT(r->npolicies, 12);
    EXPECT_INT(r->nunparsed, 0);
    for (size_t i = 0; i < r->npolicies && i < 12; i++) {
        snprintf(where, sizeof where, "policy row %zu", i + 1);
        EXPECT_INT(r->policies[i].page, (int)(i / 3) + 2);
        EXPECT_STR(r->policies[i].state_raw, states[i % 3]);
        EXPECT_STR(r->policies[i].jurisdiction, counties[i / 3][i % 3]);
    }
    where[0] = '\0';
    ddor_report_free(r);
}

/* ======================================================================== */
/* 4. metadata                                                               */
/* ======================================================================== */

/* A one-page document of prose lines, 12 pt apart. */
static ddor_report *prose_report(const char *const *lines, size_t n)
{
    builder b = { 0 };
    for (size_t i = 0; i < n; i++)
        prose(&b, lines[i], 100 + 12.0 * (double)i);
    return parse_pages(&b, 1);
}

#define PROSE(...) prose_report((const char *const[]){ __VA_ARGS__ }, \
    sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static void expect_period(ddor_report *r, const char *start, const char *end)
{
    EXPECT_STR(r->period_start, start);
    EXPECT_STR(r->period_end, end);
    ddor_report_free(r);
}

static void test_metadata_period(void)
{
    snprintf(where, sizeof where, "abbreviated months, en dash");
    expect_period(PROSE("Weekly Declined Detainer Outcome Report",
                        "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017"),
                  "2017-01-28", "2017-02-03");
    snprintf(where, sizeof where, "full months, between ... and, over two lines");
    expect_period(PROSE("Section I: Highest Volume of Detainers Issued between February 11, 2017",
                        "and February 17, 2017 to Jurisdictions which Restrict Cooperation with ICE"),
                  "2017-02-11", "2017-02-17");
    snprintf(where, sizeof where, "across a year end");
    expect_period(PROSE("For Recorded Declined Detainers Dec. 30, 2017 \xE2\x80\x93 Jan. 5, 2018"),
                  "2017-12-30", "2018-01-05");
    snprintf(where, sizeof where, "across a year end, first year omitted");
    expect_period(PROSE("For Recorded Declined Detainers Dec. 30 \xE2\x80\x93 Jan. 5, 2018"),
                  "2017-12-30", "2018-01-05");
    snprintf(where, sizeof where, "numeric");
    expect_period(PROSE("For Recorded Declined Detainers 1/28/2017 - 2/3/2017"),
                  "2017-01-28", "2017-02-03");
    snprintf(where, sizeof where, "no period");
    expect_period(PROSE("Weekly Declined Detainer Outcome Report", "Summary"), "", "");
    where[0] = '\0';
}

static void test_metadata_counts(void)
{
    ddor_report *r = PROSE("During the week of January 28, 2017, through February 3, 2017, ICE issued",
                           "3,083 detainers throughout the United States.");
    EXPECT_INT(r->detainers_issued, 3083);
    EXPECT_INT(r->declined_stated, -1);
    EXPECT_STR(r->period_start, "2017-01-28");
    EXPECT_STR(r->period_end, "2017-02-03");
    ddor_report_free(r);

    r = PROSE("ICE recorded 206 declined detainers between January 28, 2017, and February 3, 2017.");
    EXPECT_INT(r->declined_stated, 206);
    EXPECT_INT(r->detainers_issued, -1);
    ddor_report_free(r);

    r = PROSE("Law enforcement agencies declined 174 detainers during this period.");
    EXPECT_INT(r->declined_stated, 174);
    ddor_report_free(r);

    r = PROSE("A total of 161 detainers were declined during this period.");
    EXPECT_INT(r->declined_stated, 161);
    ddor_report_free(r);

    r = PROSE("Jurisdictions declined a total of 58 detainers in the period.");
    EXPECT_INT(r->declined_stated, 58);
    ddor_report_free(r);

    r = PROSE("Weekly Declined Detainer Outcome Report",
              "Section II: Jurisdictions with Recorded Declined Detainers");
    EXPECT_INT(r->declined_stated, -1);
    EXPECT_INT(r->detainers_issued, -1);
    ddor_report_free(r);
}

static void test_metadata_is_ddor(void)
{
    ddor_report *r = PROSE("Weekly Declined Detainer Outcome Report",
                           "Section I: Highest Volume of Detainers Issued");
    EXPECT_INT(r->is_ddor, 1);
    ddor_report_free(r);

    /* sections, but not the report's name */
    r = PROSE("Quarterly Enforcement Statistics",
              "Section I: Highest Volume of Detainers Issued");
    EXPECT_INT(r->sections, DDOR_SECTION_I);
    EXPECT_INT(r->is_ddor, 0);
    ddor_report_free(r);

    /* the name, but no sections and no tables */
    r = PROSE("Weekly Declined Detainer Outcome Report",
              "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017");
    EXPECT_INT(r->sections, 0);
    EXPECT_INT(r->tables, 0);
    EXPECT_INT(r->is_ddor, 0);
    ddor_report_free(r);

    /* the name and a table, without section headings */
    builder b = { 0 };
    add_text(&b, "Weekly Declined Detainer Outcome Report", 170, 60, 14);
    static const char *const row[8] = {
        "Texas", "Travis County", "Travis County Jail", "Mexico", "Assault", "Charge",
        "2/1/2017", "2/1/2017"
    };
    add_table(&b, &WEEKLY, HEADER_A, ALIGN_TOP, row, 1, 120);
    r = parse_pages(&b, 1);
    EXPECT_INT(r->sections, 0);
    EXPECT_INT(r->tables, DDOR_SECTION_II);
    EXPECT_INT(r->is_ddor, 1);
    EXPECT_INT(r->ndeclined, 1);
    ddor_report_free(r);
}

static void test_metadata_sections(void)
{
    ddor_report *r = PROSE(
        "Weekly Declined Detainer Outcome Report",
        "Section I: Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions",
        "Section II: Jurisdictions with Recorded Declined Detainers",
        "Section III: Table of Jurisdictions that have Enacted Policies which Limit Cooperation",
        "Section IV: Report Scope and Data Fidelity");
    EXPECT_INT(r->sections, DDOR_SECTION_I | DDOR_SECTION_II | DDOR_SECTION_III | DDOR_SECTION_IV);
    ddor_report_free(r);

    r = PROSE("Weekly Declined Detainer Outcome Report",
              "Executive Order 13768, section 9(b), directs the Secretary to publish a list",
              "Section 9(b) of the order also covers jurisdictions",
              "Section I lists the ten jurisdictions that received the most detainers");
    EXPECT_INT(r->sections, 0);
    EXPECT_INT(r->is_ddor, 0);
    ddor_report_free(r);

    static const struct { const char *text; int is; unsigned section; } cases[] = {
        { "Section I: Highest Volume of Detainers Issued", 1, DDOR_SECTION_I },
        { "Section II: Jurisdictions with Recorded Declined Detainers", 1, DDOR_SECTION_II },
        { "Section III: Table of Jurisdictions", 1, DDOR_SECTION_III },
        { "Section IV: Report Scope and Data Fidelity", 1, DDOR_SECTION_IV },
        { "Section II \xE2\x80\x93 Jurisdictions with Recorded Declined Detainers", 1, DDOR_SECTION_II },
        { "Section IV. Report Scope", 1, DDOR_SECTION_IV },
        { "SECTION III: TABLE OF JURISDICTIONS", 1, DDOR_SECTION_III },
        { "Section 2: Jurisdictions with Recorded Declined Detainers", 1, DDOR_SECTION_II },
        { "Section 2 of the order", 0, 0 },
        { "section 9(b) of Executive Order 13768", 0, 0 },
        { "Section 9(b) of Executive Order 13768", 0, 0 },
        { "Section I lists the ten jurisdictions", 0, 0 },
        { "Sections I and II", 0, 0 },
        { "see Section II: below", 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned section = 0;
        snprintf(where, sizeof where, "'%s'", cases[i].text);
        EXPECT_INT(is_section_heading(cases[i].text, &section), cases[i].is);
        if (cases[i].is)
            EXPECT_INT(section, cases[i].section);
    }
    where[0] = '\0';
}

/* ======================================================================== */
/* 5. checks (tests/test_checks.c has the rest)                                                                 */
/* ======================================================================== */

static ddor_report *declined_report(const char *sentence, const char *const (*rows)[8],
                                    size_t nrows)
{
    builder b = { 0 };
    double y = front_matter(&b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
                            sentence);
    add_table(&b, &WEEKLY, HEADER_A, ALIGN_TOP, &rows[0][0], nrows, y);
    return parse_pages(&b, 1);
}

static void test_check(void)
{
    char *message = NULL;
    ddor_report *r = declined_report(
        "ICE recorded 3 declined detainers between January 28, 2017, and February 3, 2017.",
        P1_ROWS, 3);
    EXPECT_INT(r->ndeclined, 3);
    EXPECT_INT(r->declined_stated, 3);
    EXPECT_STR(ddor_report_check(r, &message), "warning");
    EXPECT_STR(message, PARTIAL);
    free(message);
    ddor_report_free(r);

    r = declined_report(
        "ICE recorded 4 declined detainers between January 28, 2017, and February 3, 2017.",
        P1_ROWS, 3);
    EXPECT_INT(r->ndeclined, 3);
    EXPECT_INT(r->declined_stated, 4);
    EXPECT_STR(ddor_report_check(r, &message), "warning");
    EXPECT_STR(message, PARTIAL "; declined count: report states 4, 3 rows extracted");
    free(message);
    ddor_report_free(r);

    static const char *const atlantis[2][8] = {
        { "Texas", "Travis County", "Travis County Jail", "Mexico", "Assault", "Charge",
          "2/1/2017", "2/1/2017" },
        { "Texas", "Bastrop County", "Bastrop County Jail", "Atlantis", "Assault", "Charge",
          "2/1/2017", "2/2/2017" },
    };
    r = declined_report(
        "ICE recorded 2 declined detainers between January 28, 2017, and February 3, 2017.",
        atlantis, 2);
    EXPECT_INT(r->ndeclined, 2);
    if (r->ndeclined == 2) {
        EXPECT_STR(r->declined[1].citizenship, "Atlantis");
        EXPECT_STR(r->declined[1].country_code, "");
    }
    EXPECT_STR(ddor_report_check(r, &message), "warning");
    EXPECT_STR(message, PARTIAL "; unrecognised countries: 1 row (first: page 1: 'Atlantis')");
    free(message);
    ddor_report_free(r);
}

/* ======================================================================== */

/* ======================================================================== */
/* 4. rows packed as close as the lines of a cell                            */
/* ======================================================================== */

/* Lays out one row of CELLS as office software does with no cell padding
 * above or below: each line in a box one pitch tall, the row as tall as
 * its tallest cell, short cells aligned ALIGN.  Returns the next row's
 * top.  ONLY: draw only the lines [from, to) of the row (a row broken
 * across pages), -1 for all. */
static double add_packed_row(builder *b, const table_spec *t, const char *const *cells,
                             double top, int align, int from, int to)
{
    double pitch = PITCH * t->size;
    int most = 0;
    for (int c = 0; c < t->ncols; c++)
        if (count_lines(cells[c]) > most)
            most = count_lines(cells[c]);
    if (to < 0)
        to = most;
    for (int c = 0; c < t->ncols; c++) {
        int n = count_lines(cells[c]);
        double lead = align == ALIGN_MIDDLE ? (most - n) / 2.0 : align == ALIGN_BOTTOM ? most - n : 0;
        double x = t->x[c] + t->pad;
        int k = 0;
        for (const char *s = cells[c]; *s; k++) {
            size_t len = strcspn(s, "\n");
            char text[256];
            snprintf(text, sizeof text, "%.*s", (int)len, s);
            double slot = lead + k;       /* in lines from the row's top */
            if (slot >= from && slot < to)
                add_text(b, text, x, top + (slot - from) * pitch + (PITCH - HEIGHT) * t->size / 2,
                         t->size);
            s += len;
            if (*s == '\n')
                s++;
        }
    }
    return top + (double)(to - from) * pitch;
}

/* Section II rows of one, two and three lines, states cut short, dates
 * of two lines, and a crime of three, in a table without cell padding:
 * rows stand as close as the lines of a cell. */
static const char *const PACKED[5][8] = {
    { "Texas", "Travis County", "Travis County\nCorrectional Complex", "Mexico",
      "Driving Under\nInfluence Liquor", "Conviction", "2/1/2017", "2/1/2017" },
    { "North\nCarolina", "Mecklenburg\nCounty", "Mecklenburg\nCounty Jail", "Honduras",
      "Assault", "Charge", "1/30/2017", "2/2/2017" },
    { "Texas", "Travis County", "Travis County Jail", "Mexico",
      "", "", "Feb. 1,\n2017", "Feb. 1,\n2017" },
    { "California", "Alameda County", "Santa Rita Jail", "Cambodia",
      "Domestic\nViolence\nBattery", "Conviction", "1/28/2017", "1/31/2017" },
    { "Oregon", "Washington\nCounty", "Washington County\nJail", "Guatemala",
      "Traffic Offense", "Charge", "2/1/2017", "2/1/2017" },
};

/* The report of the packed rows aligned ALIGN, the table broken across
 * two pages inside row BREAK_ROW after BREAK_LINE of its lines (-1: the
 * table fits one page); parsed. */
static ddor_report *packed_report(int align, int break_row, int break_line)
{
    builder pages[2] = { { 0 } };
    builder *b = &pages[0];
    running_header_footer(b, 1, 2);
    double y = front_matter(b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
                            "ICE recorded 5 declined detainers between January 28, 2017, and "
                            "February 3, 2017.");
    y = add_row(b, &WEEKLY, HEADER_A, y, ALIGN_TOP);
    for (int i = 0; i < 5; i++) {
        if (i != break_row) {
            y = add_packed_row(b, &WEEKLY, PACKED[i], y, align, 0, -1);
            continue;
        }
        add_packed_row(b, &WEEKLY, PACKED[i], y, align, 0, break_line);
        b = &pages[1];
        running_header_footer(b, 2, 2);
        y = add_row(b, &WEEKLY, HEADER_A, 56, ALIGN_TOP);
        y = add_packed_row(b, &WEEKLY, PACKED[i], y, align, break_line, -1);
    }
    if (break_row < 0)
        running_header_footer(&pages[1], 2, 2);
    prose(b, "Section IV: Report Scope and Data Fidelity", y + 24);
    return parse_pages(pages, 2);
}

/* The records of PACKED, read from a report broken after row BREAK_ROW
 * (-1: not broken); CONTEXT names the case in failures. */
static void expect_packed(const ddor_report *r, int break_row, const char *context)
{
    static const struct {
        const char *state, *county, *facility, *crime, *status, *issued, *declined;
    } want[5] = {
        { "TX", "Travis County", "Travis County Correctional Complex",
          "Driving Under Influence Liquor", "convicted", "2017-02-01", "2017-02-01" },
        { "NC", "Mecklenburg County", "Mecklenburg County Jail", "Assault", "charged",
          "2017-01-30", "2017-02-02" },
        { "TX", "Travis County", "Travis County Jail", "", "", "2017-02-01", "2017-02-01" },
        { "CA", "Alameda County", "Santa Rita Jail", "Domestic Violence Battery",
          "convicted", "2017-01-28", "2017-01-31" },
        { "OR", "Washington County", "Washington County Jail", "Traffic Offense", "charged",
          "2017-02-01", "2017-02-01" },
    };
    snprintf(where, sizeof where, "%s", context);
    EXPECT_INT(r->ndeclined, 5);
    EXPECT_INT(r->nunparsed, 0);
    for (size_t i = 0; i < 5 && i < r->ndeclined; i++) {
        const ddor_declined *d = &r->declined[i];
        snprintf(where, sizeof where, "%s, row %zu", context, i + 1);
        EXPECT_INT(d->page, break_row >= 0 && (int)i > break_row ? 2 : 1);
        EXPECT_STR(d->state, want[i].state);
        EXPECT_STR(d->county, want[i].county);
        EXPECT_STR(d->facility, want[i].facility);
        EXPECT_STR(d->crime, want[i].crime);
        EXPECT_STR(d->crime_status, want[i].status);
        EXPECT_STR(d->issued, want[i].issued);
        EXPECT_STR(d->declined, want[i].declined);
    }
    where[0] = '\0';
}

static void test_packed_rows(void)
{
    static const char *const names[3] = { "top", "middle", "bottom" };
    for (int align = ALIGN_TOP; align <= ALIGN_BOTTOM; align++) {
        ddor_report *r = packed_report(align, -1, 0);
        expect_packed(r, -1, names[align]);
        snprintf(where, sizeof where, "%s", names[align]);
        EXPECT_INT(r->ntable_info, 1);
        if (r->ntable_info == 1) {
            EXPECT_INT(r->table_info[0].distinct, 0);
            EXPECT_DBL(r->table_info[0].pitch, PITCH * WEEKLY.size);
            EXPECT_STR(r->table_info[0].alignment, names[align]);
        }
        ddor_report_free(r);
    }
    where[0] = '\0';
}

/* A packed row broken by the page: inside its wrapped cells, its state
 * and dates on either side of the break (above when they sit at the top
 * of the row, below when they sit at its bottom). */
static void test_packed_row_broken(void)
{
    static const char *const names[3] = { "top", "middle", "bottom" };
    for (int align = ALIGN_TOP; align <= ALIGN_BOTTOM; align++)
        for (int row = 0; row < 5; row += 3) {
            char context[64];
            snprintf(context, sizeof context, "%s, row %d broken", names[align], row + 1);
            ddor_report *r = packed_report(align, row, 1);
            expect_packed(r, row, context);
            ddor_report_free(r);
        }
    where[0] = '\0';
}

/* A note under a table, the table's own type and no rule between: not a
 * row.  The table ends there, by its layout. */
static void test_note_under_table(void)
{
    builder b = { 0 };
    double y = front_matter(&b, "For Recorded Declined Detainers Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
                            NULL);
    y = add_table(&b, &WEEKLY, HEADER_A, ALIGN_TOP, &P1_ROWS[0][0], 4, y);
    add_text(&b, "Note: Data are preliminary and subject to change. Counts reflect the records",
             36, y + 4, 9);
    add_text(&b, "of ICE at the time of the report.", 36, y + 4 + PITCH * 9, 9);
    ddor_report *r = parse_pages(&b, 1);
    EXPECT_INT(r->ndeclined, 4);
    EXPECT_INT(r->nunparsed, 0);
    EXPECT_INT(r->ntable_info, 1);
    if (r->ntable_info == 1)
        EXPECT_STR(r->table_info[0].ended_by, "layout");
    if (r->ndeclined == 4)
        EXPECT_STR(r->declined[3].county, "Williamson County");
    ddor_report_free(r);
}

/* A year alone at the top of a page (the rest of a date broken across
 * pages) is no page number: it does not run with the pages. */
static void test_lone_year_not_page_number(void)
{
    builder pages[3] = { { 0 } };
    for (int k = 0; k < 3; k++) {
        char number[16];
        snprintf(number, sizeof number, "%d", k + 1);
        add_text(&pages[k], "Declined Detainer Outcome Report", 220, 30, 8);
        add_text(&pages[k], number, 300, 760, 8);
    }
    add_text(&pages[1], "2017", 520, 56, 9);
    add_text(&pages[1], "Texas Travis County 2/1/2017", 36, 300, 9);
    view v;
    view_open(&v, pages, 3);
    view_furniture(&v);
    EXPECT_INT(flagged(&v, 2, "2017", PL_FURNITURE), 0);
    EXPECT_INT(flagged(&v, 2, "2", PL_FURNITURE), 1);
    EXPECT_INT(flagged(&v, 3, "3", PL_FURNITURE), 1);
    view_close(&v);
}

static int layout_cleanup(void)
{
    cells_cleanup();
    return 0;
}

void suite_layout(void)
{
    CU_pSuite s = CU_add_suite("layout", NULL, layout_cleanup);
    if (!s)
        return;
    CU_add_test(s, "lines: one baseline, left to right, top to bottom", test_lines_one_baseline);
    CU_add_test(s, "lines: a word centred between two lines", test_lines_centred_word);
    CU_add_test(s, "lines: empty page", test_lines_empty_page);
    CU_add_test(s, "header: weekly #1, three lines", test_header_weekly);
    CU_add_test(s, "header: Detainer / Issued Date over two lines", test_header_issued_date_two_lines);
    CU_add_test(s, "header: county first, country of citizenship", test_header_county_first);
    CU_add_test(s, "header: centred cells against a two-line cell", test_header_centred_two_lines);
    CU_add_test(s, "header: columns in another order", test_header_reordered);
    CU_add_test(s, "header: the first row below is not taken in", test_header_row_below_not_taken);
    CU_add_test(s, "header: cells closer than a word space", test_header_cells_touching);
    CU_add_test(s, "header: Section I wordings", test_header_top_jurisdictions);
    CU_add_test(s, "header: Section III wordings", test_header_policy);
    CU_add_test(s, "header: prose and data rows are not headers", test_header_not_prose_or_data);
    CU_add_test(s, "columns: boundary in the empty stretch", test_columns_gutter);
    CU_add_test(s, "columns: prose crossing the table", test_columns_prose_crossing);
    CU_add_test(s, "rows: joining wrapped lines", test_row_join);
    CU_add_test(s, "Section I without a rank column", test_report_top_without_rank);
    CU_add_test(s, "furniture: running header, footer, page numbers", test_furniture);
    CU_add_test(s, "furniture: page number inside the running header", test_furniture_number_in_header);
    CU_add_test(s, "report: every field of a two-page table", test_report_rows);
    CU_add_test(s, "report: header cells centred vertically", test_report_centred_header);
    CU_add_test(s, "report: county-first edition", test_report_county_first);
    CU_add_test(s, "report: stray lines are unparsed", test_report_unparsed);
    CU_add_test(s, "report: section headings, listed and read", test_report_headings);
    CU_add_test(s, "report: Section I and Section III tables", test_report_top_and_policy);
    CU_add_test(s, "rows: a policy header repeated on every page",
                test_policy_header_repeated_on_every_page);
    CU_add_test(s, "rows packed close, short cells top, middle, bottom", test_packed_rows);
    CU_add_test(s, "rows packed close, broken across pages", test_packed_row_broken);
    CU_add_test(s, "a note under a table ends it", test_note_under_table);
    CU_add_test(s, "a year alone at a page's top is no page number",
                test_lone_year_not_page_number);
    CU_add_test(s, "metadata: period", test_metadata_period);
    CU_add_test(s, "metadata: stated counts", test_metadata_counts);
    CU_add_test(s, "metadata: is a DDOR", test_metadata_is_ddor);
    CU_add_test(s, "metadata: sections", test_metadata_sections);
    CU_add_test(s, "check: counts and countries", test_check);
}
