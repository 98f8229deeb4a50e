/*
 * parse: positioned lines of a Declined Detainer Outcome Report -> records.
 *
 * The parser is fed the pages of one report in order (extract_page values,
 * which it copies what it needs from, so the caller frees each page right
 * after feeding it) and, at the end, returns the report: its metadata, the
 * rows of its three tables, and every line inside a table that it could not
 * place.  It does no I/O.
 */
#ifndef DDOR_PARSE_H
#define DDOR_PARSE_H

#include <stddef.h>
#include "../extract/extract.h"

/* Section II: one declined detainer. Every string is malloc'd, "" = unknown. */
typedef struct {
    int page;                 /* page of the row's first line */
    char *state;              /* USPS code; "" when not recognised */
    char *state_raw;          /* the state cell as printed */
    char *county;
    char *facility;
    char *citizenship;        /* as printed, white space normalised */
    char *country_code;       /* ISO 3166-1 alpha-2 or "" */
    char *issued;             /* YYYY-MM-DD or "" */
    char *declined;           /* YYYY-MM-DD or "" */
    char *issued_raw, *declined_raw;
    char *crime;              /* offense without the status words */
    char *crime_status;       /* "convicted", "charged" or "" */
} ddor_declined;

/* Section I: one of the jurisdictions that received the most detainers. */
typedef struct {
    int page;
    long rank;                /* -1 when not printed */
    char *state, *state_raw;
    char *county;
    long detainers;           /* -1 when not a number */
} ddor_top;

/* Section III: one jurisdiction with a policy limiting cooperation. */
typedef struct {
    int page;
    char *state, *state_raw;
    char *jurisdiction;
    char *policy;
} ddor_policy;

/* A line inside a table region that became no record. */
typedef struct {
    int page;
    char *text;
    char *why;
} ddor_unparsed;

/* A section heading as read, for the checks to point at. */
typedef struct {
    int page;                 /* 0 when the heading was not found */
    char *text;               /* the heading line; NULL when not found */
    long lines;               /* lines under it, up to the next heading */
} ddor_heading;

enum {
    DDOR_SECTION_I   = 1 << 0,
    DDOR_SECTION_II  = 1 << 1,
    DDOR_SECTION_III = 1 << 2,
    DDOR_SECTION_IV  = 1 << 3
};
#define DDOR_NSECTIONS 4

/* What the parser recognised where on the pages (ddor_parser_trace), for
 * drawing it over them.  Boxes are in the coordinates of the pages as
 * extract gave them: points, top-left origin, text upright. */
typedef enum {
    DDOR_BOX_CELL,            /* a cell of a table row that became a record */
    DDOR_BOX_HEADER,          /* a cell of a table's header row */
    DDOR_BOX_FURNITURE,       /* running header or footer, page number */
    DDOR_BOX_UNPARSED,        /* a table row that became no record */
    DDOR_BOX_ROW,             /* a row that became a record, on one page */
    DDOR_BOX_COLUMN,          /* a boundary between two columns (x0 == x1) */
    DDOR_BOX_TABLE_END        /* where a table ends (y0 == y1) */
} ddor_box_kind;

typedef struct {
    ddor_box_kind kind;
    int page;                 /* 1-based */
    int table;                /* 1-based, in the order found; 0: furniture */
    unsigned section;         /* DDOR_SECTION_* of the table; 0: furniture */
    int column;               /* 0-based, left to right; -1: not a cell */
    const char *role;         /* the column ("state", "county", ...); "" */
    size_t unparsed;          /* DDOR_BOX_UNPARSED: index in r->unparsed */
    long row;                 /* DDOR_BOX_ROW: its number in its dataset (1-based) */
    double x0, y0, x1, y1;
} ddor_box;

/* How a table was read: what its geometry measured and decided. */
typedef struct {
    unsigned section;         /* DDOR_SECTION_* */
    int first_page, last_page;
    long rows;                /* records made from it */
    double pitch;             /* line pitch inside a cell, points; 0: none seen */
    double row_gap;           /* distinct rows: distance between the nearest
                                 lines of two rows, centre to centre */
    int distinct;             /* rows told apart by spacing alone */
    const char *alignment;    /* how short cells sit: "top", "middle", "bottom" */
    const char *ended_by;     /* "heading", "table", "layout", "end of report" */
} ddor_table;

typedef struct {
    int pages;
    int words;                      /* words seen on all pages */
    int is_ddor;                    /* the text names the report */
    unsigned sections;              /* DDOR_SECTION_* headings found */
    unsigned tables;                /* DDOR_SECTION_* tables found */
    char period_start[11];          /* YYYY-MM-DD or "" */
    char period_end[11];
    long detainers_issued;          /* -1 when not stated */
    long declined_stated;           /* -1 when not stated */

    ddor_declined *declined;  size_t ndeclined;
    ddor_top      *top;       size_t ntop;
    ddor_policy   *policies;  size_t npolicies;
    ddor_unparsed *unparsed;  size_t nunparsed;

    /* The heading of Sections I to IV ([0] to [3]).  A heading read more
     * than once (a list of the sections on page 1, say) is the one with
     * the most lines under it: the section itself. */
    ddor_heading headings[DDOR_NSECTIONS];
    ddor_box      *boxes;     size_t nboxes;   /* by page; ddor_parser_trace */
    ddor_table    *table_info; size_t ntable_info; /* every table read */
} ddor_report;

typedef struct ddor_parser ddor_parser;

ddor_parser *ddor_parser_new(void);
/* With ON set before the first page, the report also lists the boxes of
 * what was recognised (r->boxes); off by default, as it costs memory. */
void ddor_parser_trace(ddor_parser *p, int on);
/* Copies what it needs of PAGE; the caller keeps ownership of PAGE. */
void ddor_parser_add_page(ddor_parser *p, const extract_page *page);
/* Parses all pages fed so far and returns the report (free with
 * ddor_report_free); frees the parser. */
ddor_report *ddor_parser_finish(ddor_parser *p);
void ddor_report_free(ddor_report *r);

/* The checks of a converted report, for reports.csv: returns "ok" or
 * "warning", and sets *message to a malloc'd explanation ("" when ok). */
const char *ddor_report_check(const ddor_report *r, char **message);

#endif
