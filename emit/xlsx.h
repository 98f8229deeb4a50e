/*
 * The pieces of the workbook (emit_workbook, emit/workbook.c), private to
 * emit/: the book and its first failure, a sheet written row by row
 * (xlsx_sheet.c), the text of a cell (xlsx_text.c), a dataset's sheet
 * (xlsx_dataset.c) and the sheet that describes the others
 * (xlsx_about.c).
 *
 * libxlsxwriter writes the workbook in its constant_memory mode: each row
 * goes to a temporary file once the next one starts, so a sheet of a
 * million rows takes no more memory than one of ten.  Rows must then come
 * in order, which they do: every sheet is written top to bottom, once.
 *
 * What the sheets hold is what the CSV holds, typed: integers are
 * numbers, dates are dates, every other value is a string cell, never
 * read as a number, a date or a formula, and without the CSV's formula
 * guard (a leading '), which is a convention of CSV files opened in a
 * spreadsheet and not part of the value.  A value that does not fit (a
 * text longer than a cell holds, more rows than a sheet holds) fails the
 * workbook with a reason: no value is cut short and no row left out.
 */
#ifndef DDOR_EMIT_XLSX_H
#define DDOR_EMIT_XLSX_H

#include <stddef.h>
#include <xlsxwriter.h>
#include "emit.h"
#include "schema.h"

/* The workbook's title, in its properties and atop its first sheet. */
#define XLSX_TITLE "Declined Detainer Outcome Reports"

/* The longest text a cell holds: 32,767 characters, which Excel counts
 * in UTF-16 code units (a character beyond U+FFFF is two). */
#define XLSX_CELL_MAX 32767

/* The rows a sheet holds, its header included (1,048,576). */
#define XLSX_ROWS_MAX ((unsigned long)LXW_ROW_MAX)

/* The widest a column is made, in characters; see xlsx_sheet_finish. */
#define XLSX_WIDTH_MAX 60

/* The most columns a sheet of the workbook has (reports has 13). */
#define XLSX_COLUMNS_MAX 16

/* The workbook being written, and the first failure: the writers go on
 * calling after one, and every later call does nothing. */
typedef struct {
    lxw_workbook *wb;
    lxw_format *bold;         /* headers and titles */
    lxw_format *date;         /* yyyy-mm-dd */
    int err;                  /* errno of the first failure; 0: none */
    char *why;                /* its reason (malloc'd), or NULL when errno
                                 says it all */
} xlsx_book;

/* Records a failure, unless one is recorded already: ERR is an errno
 * value; FMT, when not NULL, a printf format of the reason. */
void xlsx_fail(xlsx_book *b, int err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Records the libxlsxwriter error E, met while doing WHAT. */
void xlsx_fail_lxw(xlsx_book *b, lxw_error e, const char *what);

/* A sheet being written, row by row. */
typedef struct {
    xlsx_book *book;
    lxw_worksheet *ws;
    const char *name;
    unsigned long row;        /* the row being written, from 0; it goes on
                                 counting past the last row a sheet holds,
                                 so that the failure can say how many */
    const char *const *labels;/* the columns' names, for reasons; NULL
                                 until a header names them */
    size_t nlabels;
    size_t ncols;             /* columns written to, for the widths and
                                 the autofilter */
    size_t width[XLSX_COLUMNS_MAX]; /* characters of each column's widest
                                       cell */
    int fit;                  /* cells count towards the widths */
} xlsx_sheet;

/* Adds the sheet NAME (which must stay valid) to the book. */
void xlsx_sheet_add(xlsx_sheet *s, xlsx_book *b, const char *name);

/* A row of bold names, which name the columns in reasons from then on;
 * with FILTER, each counts two characters more for the button of the
 * autofilter.  NAMES must stay valid until the sheet is finished. */
void xlsx_header(xlsx_sheet *s, const char *const *names, size_t n, int filter);

/* A string cell; NULL or "" leaves the cell empty. */
void xlsx_text(xlsx_sheet *s, size_t col, const char *text);

/* A number cell of V; a negative V (-1: unknown) leaves the cell empty. */
void xlsx_integer(xlsx_sheet *s, size_t col, long v);

/* A date cell from YYYY-MM-DD; a value that is not one is written as
 * text, with a comment that says so.  NULL or "" leaves the cell empty. */
void xlsx_date(xlsx_sheet *s, size_t col, const char *ymd);

/* The text value of column C, as its type says: a date, else a string. */
void xlsx_value(xlsx_sheet *s, size_t col, const schema_column *c, const char *text);

void xlsx_row_end(xlsx_sheet *s);

/* A row of one text in the first column, bold with BOLD, that does not
 * widen the column: it runs on over the empty cells to its right. */
void xlsx_line(xlsx_sheet *s, const char *text, int bold);

/* Fails the book when the sheet has more rows than it holds; then sets
 * the column widths, and with TABLE freezes the first row and puts an
 * autofilter over the header and all rows. */
void xlsx_sheet_finish(xlsx_sheet *s, int table);

/* TEXT as a cell holds it: the same characters as the CSV (bytes that
 * are not UTF-8 as U+FFFD, as emit/utf8_clean.h says), with what the
 * format would read as an escape made literal (xlsx_text.c).  Returns
 * TEXT itself, or a malloc'd copy in *COPY when it had to change; NULL
 * when out of memory.  *CHARS gets its length in characters (code
 * points), *UNITS in UTF-16 code units, both of the value, not of any
 * escape. */
const char *xlsx_cell_text(const char *text, char **copy, size_t *chars, size_t *units);

/* The sheet of dataset D. */
void xlsx_dataset(xlsx_book *b, const schema_dataset *d,
                  const emit_source *sources, size_t n);

/* The first sheet, "about": what the workbook is, its reports, and every
 * column of every dataset. */
void xlsx_about(xlsx_book *b, const emit_source *sources, size_t n);

#endif
