/*
 * Internal to parse/: the parser's own copy of the pages, and the steps of
 * reading them (furniture -> headers -> columns -> rows -> records).
 */
#ifndef DDOR_PARSE_INTERNAL_H
#define DDOR_PARSE_INTERNAL_H

#include <stddef.h>
#include "parse.h"

/* A word as the parser keeps it. */
typedef struct {
    char *text;
    double x0, y0, x1, y1;
    double size;              /* font size, or an estimate from the box */
} pword;

enum {
    PL_FURNITURE = 1 << 0,    /* running header/footer or page number */
    PL_HEADER    = 1 << 1,    /* part of a table header row */
    PL_TABLE     = 1 << 2     /* inside a table region */
};

/* A line of a page. */
typedef struct {
    int page;                 /* 1-based */
    double x0, y0, x1, y1;
    pword *w;                 /* left to right */
    size_t n;
    char *text;               /* the words joined by single spaces */
    unsigned flags;
} pline;

/* A page as the parser keeps it from its arrival to the end of the
 * report: its lines packed into one buffer (page_store.c), a few bytes a
 * word, so that a report of hundreds of pages stays small; the tables are
 * read from one unpacked page at a time. */
typedef struct {
    double width, height;
    size_t nlines;
    unsigned char *packed;    /* the lines and their words */
    size_t len;
    unsigned char *flags;     /* PL_* of each line, kept across unpacking */
} ppage;

struct furniture_candidate;

struct ddor_parser {
    ppage *pages;
    size_t npages, pcap;
    size_t words;
    int names_report;         /* a line names the report */
    struct furniture_candidate *cand;   /* furniture.c */
    size_t ncand, ccap;
    int trace;                /* list the boxes of what is recognised */
};

/* ---- page_store.c: pages packed away and unpacked again ---- */
/* Packs LINES[0..n) into PG (width and height are the caller's). */
void page_pack(ppage *pg, const pline *lines, size_t n);
/* The lines of page PG (1-based NUMBER), malloc'd with their words and
 * texts, flags included; free with page_lines_free. */
pline *page_unpack(const ppage *pg, int number);
void page_lines_free(pline *lines, size_t n);
void page_release(ppage *pg);
/* The texts of W[0..n) joined by single spaces (malloc'd). */
char *words_join(const pword *w, size_t n);

/* ---- furniture.c: running headers/footers and page numbers ---- */
/* Notes the lines of page PAGE (0-based) that may be furniture. */
void furniture_note(struct ddor_parser *p, int page, const pline *lines,
                    size_t n, double height);
/* Sets PL_FURNITURE on the lines that are, once all pages are noted. */
void furniture_decide(struct ddor_parser *p);

/* ---- headers.c: table header rows recognised by their words ---- */
typedef enum {
    COL_STATE, COL_COUNTY, COL_FACILITY, COL_CITIZENSHIP, COL_CRIME,
    COL_STATUS, COL_ISSUED, COL_DECLINED, COL_RANK, COL_COUNT, COL_POLICY,
    COL_NROLES
} col_role;

typedef enum { TABLE_TOP, TABLE_DECLINED, TABLE_POLICY, TABLE_NKINDS } table_kind;

#define MAX_COLS 12

typedef struct {
    table_kind kind;
    int ncols;
    col_role role[MAX_COLS];  /* left to right */
    double x0[MAX_COLS], x1[MAX_COLS];   /* extent of each header cell */
    char text[MAX_COLS][64];  /* its words, line by line (cut short if long) */
    unsigned char either[MAX_COLS]; /* its words could name another column
                                 of the table too ("Date") */
    size_t nlines;            /* lines the header row takes */
} table_header;

/* header_vocabulary.c: the phrases a header cell may be, by column role.
 * The roles (bit set of 1 << col_role) whose phrases TEXT is; 0 if none. */
unsigned header_phrase_roles(const char *text);
/* The roles of which TEXT is the first word or words of a phrase and not
 * the whole ("Notable Criminal"): a header cell cut by a page's end. */
unsigned header_start_roles(const char *text);
/* Whether WORD is a word of some phrase ("County/City": of two). */
int header_vocabulary_word(const char *word);
void header_vocabulary_cleanup(void);

/* Recognises a header row starting at *LINES[0] (N lines available, in
 * order).  Fills *h and returns 1 when the first lines (up to six), on
 * one page, are exactly the header of a known table. */
int header_match(pline *const *lines, size_t n, table_header *h);

/* Whether the words of one line all belong to header cells (used to keep
 * a repeated header row from being taken for a running header). */
int header_like(const pline *line);
/* Whether LINE, under header H and before any row, is the rest of a
 * header row broken by a page: each of its words, under a header cell,
 * completes that cell's phrase ("Charge" under "Conviction /") or repeats
 * one of its words (office software sets the repeated header, then the
 * rest of the broken one). */
int header_rest(const table_header *h, const pline *line);
/* Frees what header_match remembers of the texts it saw. */
void headers_cleanup(void);

const char *col_role_name(col_role r);

/* ---- columns.c: column boundaries on one page ---- */
/* Sets BOUND[0..ncols-2]: the x between column c and c+1, placed in the
 * emptiest stretch of the gap between their header cells, judged by the
 * body lines BODY[0..n). */
void columns_bounds(const table_header *h, pline *const *body, size_t n,
                    double *bound);

/* ---- fragments.c: a table's body lines cut into its cells' lines ---- */
typedef struct {
    int page;                 /* 1-based */
    int col;                  /* column, left to right */
    int level;                /* its text level on the page (rows.c) */
    double x0, y0, x1, y1;
    double yc;                /* vertical centre */
    double em;                /* font size */
    double first_word;        /* width of its first word */
    double gaps;              /* the gaps between its words, summed */
    int ngaps;
    int part;                 /* in a column of values (dates, states ...):
                                 what value it is (cell_value_part); -1
                                 not known or not such a column */
    char *text;               /* its words joined by single spaces */
} fragment;

/* The words of BODY[0..n) (one page) cut by the column boundaries BOUND:
 * a fragment per line and column, sorted by column, then top to bottom;
 * with PARTS, each knows what value it is in a column of values (else
 * its part is -1, to be found when needed). */
fragment *fragments_cut(const table_header *h, const double *bound,
                        pline *const *body, size_t n, int parts, size_t *nf);
/* Where fragments_cut's fragments begin, and nothing else: COL[k] and
 * X0[k] of each, in the order of the lines (room for one per word of
 * BODY); returns how many. */
size_t fragments_starts(const table_header *h, const double *bound,
                        pline *const *body, size_t n, int *col, double *x0);
void fragments_free(fragment *f, size_t n);

/* ---- cell_links.c: two lines of a column, one cell or two? ---- */
typedef enum {
    LINK_UNKNOWN,
    LINK_JOIN,                /* surely one cell */
    LINK_BREAK,               /* surely two cells */
    LINK_LIKELY_BREAK,        /* the lower line's first word had room above */
    LINK_LIKELY_JOIN,         /* the lower line begins in lower case */
    LINK_FULL_LINE            /* the upper line had no room for the next word */
} link_kind;

/* What the fill test knows of a column: the width of a space in the
 * table's type and the widest line the column holds (0: no test). */
typedef struct {
    double space, width;
} column_fit;

/* Only what is sure of ABOVE and BELOW: LINK_JOIN, LINK_BREAK or
 * LINK_UNKNOWN (of what their words are, not how they are set). */
link_kind cell_link_sure(col_role role, const fragment *above, const fragment *below);

/* Whether ABOVE and BELOW, neighbouring lines of a column of ROLE, are
 * one cell or two, and how sure that is. */
link_kind cell_link(col_role role, const fragment *above, const fragment *below,
                    const column_fit *fit);

/* What TEXT, a line of a column of values of ROLE (states, dates,
 * countries, numbers, statuses), is: 0 none, 1 a whole value, 2 the start
 * of one; -1 for a column of text. */
int cell_value_part(col_role role, const char *text);

/* Whether BEFORE (lines of a column joined) and TEXT, the line under
 * them, together make one value of the column of ROLE (a state, date or
 * country) that neither is alone: "Jan. 29," over "2017". */
int cell_completes(col_role role, const char *before, const char *text);

/* ---- table_measure.c: a table's geometry, from all its pages ---- */
typedef enum { ROW_ALIGN_TOP, ROW_ALIGN_MIDDLE, ROW_ALIGN_BOTTOM } row_align;

#define GEOMETRY_BIN 0.02     /* points: resolution of the histograms */
#define GEOMETRY_BINS 4000    /* up to 80 points */

typedef struct {
    /* Gathered page by page. */
    unsigned joined[GEOMETRY_BINS];       /* distances of lines surely one cell */
    unsigned neighbours[GEOMETRY_BINS];   /* of other neighbouring lines of a column */
    unsigned typed_breaks[GEOMETRY_BINS]; /* of whole typed values, one above the other */
    unsigned level_gaps[GEOMETRY_BINS];   /* between neighbouring text levels */
    double em_sum, space_sum;
    unsigned long em_n, space_n, levels;
    unsigned long anchors;    /* values begun in the column every row fills */
    double date_sum[MAX_COLS];/* days of the whole dates of each column */
    unsigned long date_n[MAX_COLS];
    unsigned long states;     /* states begun in the state column */
    /* Measured. */
    double em;                /* the body's font size */
    double pitch;             /* line pitch inside a cell; 0: unknown */
    double tolerance;         /* distances closer than this are equal */
    double row_gap;           /* distinct rows: distance of their nearest lines */
    double space;             /* width of a space */
    int distinct;             /* rows stand further apart than the pitch */
    column_fit fit[MAX_COLS];
    /* Learnt while the rows are read. */
    int grouped;              /* states printed once for a run of rows */
    row_align alignment;      /* how short cells sit, where it mattered */
    double align_cost[3];     /* how badly the pages so far fit each */
} table_geometry;

void geometry_init(table_geometry *g);
/* Adds one page's fragments F[0..nf) (fragments_cut order). */
void geometry_add_page(table_geometry *g, const table_header *h,
                       const fragment *f, size_t nf);
/* Derives the measures from what was added. */
void geometry_finish(table_geometry *g);
int geometry_by_value(const void *a, const void *b);

/* ---- rows.c: one page of a table body -> rows ---- */
/* A row as a run of text levels of its page, and their centres. */
typedef struct {
    int first, last;
    double top, bottom;
} level_span;

/* Whether every row of a table of H's kind fills column C. */
int table_column_mandatory(const table_header *h, int c);
/* The column every row of the table fills with one value that is known
 * where it begins (Section II's date declined, Section I's count); -1
 * when the table has none (Section III). */
int table_anchor_column(const table_header *h);
/* Whether A, a line of a column of dates or numbers of ROLE, begins a
 * value: a whole one, or a date's start ("Feb. 11,"). */
int begins_value(const fragment *a, col_role role);

/* What a page of a table knows of the pages around it. */
typedef struct {
    int open_top, open_bottom;/* its first / last row may be part of a row
                                 broken across pages */
    double goes_on[MAX_COLS]; /* of each column, how likely its first line
                                 goes on the row held from the page before:
                                 above 0 likely, below 0 likely not */
    int held_cut;             /* the row held from the page before was cut
                                 short by the break: its rest is here */
    int held_anchor;          /* ... and begins the value every row begins
                                 (1), or does not (0); -1: no row held */
    row_align prefer;         /* the alignment of short cells so far */
    double *so_far;           /* [3]: how badly the pages before fit each
                                 alignment; this page's cost is added */
    int last_cut;             /* out: the page's last row fits as the part
                                 of a row above a break, not as a whole */
} page_context;

/* Groups the fragments F[0..nf) of one page (setting their levels) into
 * rows for a table of geometry G, the page's place in it being CTX.
 * Where rows are packed close, the alignment of short cells is the one
 * that fits this page and those before best (the one so far winning a
 * tie); *USED is the one taken. */
level_span *rows_find(const table_header *h, const table_geometry *g,
                      fragment *f, size_t nf, page_context *ctx,
                      row_align *used, size_t *nrows);

/* Where the text of one cell of a row lies (traced parses only). */
typedef struct {
    int page, col;
    double x0, y0, x1, y1;
} cell_box;

typedef struct {
    int page;                 /* page of its first line */
    char *cell[MAX_COLS];     /* wrapped lines joined; never NULL */
    cell_box *box;            /* traced rows only: where its cells lie */
    size_t nbox;
} table_row;

void row_free(table_row *r);
/* Appends TEXT to *cell, after a space unless *cell ends in a word broken
 * at its hyphen. */
void row_join(char **cell, const char *text);

/* ---- table_end.c: the lines under a table that are no rows of it ---- */
/* What the rows of one table page show: the column boundaries, the size
 * of their type, and where each column's text begins. */
typedef struct {
    double bound[MAX_COLS];
    int known;                /* measured on rows (else: the header alone) */
    double em;
    double edge[MAX_COLS];    /* left edge of the text of the column */
    int flush[MAX_COLS];      /* ... which four cells in five keep */
    double cut[MAX_COLS];     /* where a line under the rows is cut into cells */
} table_shape;

void table_shape_measure(const table_header *h, pline *const *body, size_t n,
                         table_shape *s);
/* Sets S->cut from S's boundaries and edges (after edges are borrowed). */
void table_shape_cuts(const table_header *h, table_shape *s);
/* Whether LINE is no row of a table page of shape S: its words cross a
 * gutter, begin in a column where no cell begins, or are of another size,
 * and it holds no value of a typed column. */
int line_foreign(const table_header *h, const table_shape *s, const pline *line);
/* Whether LINE goes on the foreign line NOTE: the same left edge and
 * size, and no value of a typed column. */
int line_goes_on(const table_header *h, const table_shape *s, const pline *note,
                 const pline *line);

/* ---- records.c: rows -> records ---- */
int table_col_index(const table_header *h, col_role role);
/* The cell of ROW in the column of ROLE; "" when the table has none. */
const char *table_cell(const table_header *h, const table_row *row, col_role role);
/* Makes ROW (of a table with header H) a record of its kind; ORDINAL is
 * its place in its table, its rank where the table has no rank column.
 * Returns the record's number in its dataset (1-based). */
long records_add(ddor_report *r, size_t caps[TABLE_NKINDS], const table_header *h,
                 const table_row *row, long ordinal);
/* Adds an unparsed line; returns its index in R->unparsed. */
size_t records_unparsed(ddor_report *r, size_t *cap, int page, const char *text,
                        const char *why);

/* ---- tables.c: table regions across pages -> records ---- */
void tables_read(struct ddor_parser *p, ddor_report *r, char **prose);

/* ---- trace.c: boxes of what was recognised (ddor_parser_trace) ---- */
/* Appends a box of KIND on PAGE to R->boxes (capacity *CAP) and returns
 * it, its other fields zeroed (column -1, role ""), for the caller to
 * fill in. */
ddor_box *trace_add(ddor_report *r, size_t *cap, ddor_box_kind kind,
                    int page, double x0, double y0, double x1, double y1);
/* Orders R->boxes by page, keeping the order of boxes of one page. */
void trace_sort(ddor_report *r);

/* ---- metadata.c: period, totals, sections ---- */
void metadata_read(const char *prose, const struct ddor_parser *p, ddor_report *r);
/* Whether TEXT names the report ("Declined Detainer ..."). */
int metadata_names_report(const char *text);
int is_section_heading(const char *text, unsigned *section);

/* ---- text_words.c ---- */
/* The next word of a text from *AT on (words are parted by spaces): its
 * start, its length in *LEN, *AT moved past it; NULL at the end. */
const char *word_next(const char **at, size_t *len);

/* ---- report.c ---- */
void *grow(void *array, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);

#endif
