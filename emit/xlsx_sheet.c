/*
 * A sheet written row by row (xlsx.h): its cells, their limits, and the
 * widths of its columns; and the book's first failure.
 *
 * Rows and columns are counted from 0, as libxlsxwriter counts them;
 * reasons name them as a spreadsheet shows them, the header in row 1.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xlsx.h"

void xlsx_fail(xlsx_book *b, int err, const char *fmt, ...)
{
    if (b->err)
        return;
    b->err = err ? err : EIO;
    if (!fmt)
        return;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    /* Out of memory for the reason: errno alone says something. */
    if (len < 0 || !(b->why = malloc((size_t)len + 1)))
        return;
    va_start(ap, fmt);
    vsnprintf(b->why, (size_t)len + 1, fmt, ap);
    va_end(ap);
}

void xlsx_fail_lxw(xlsx_book *b, lxw_error e, const char *what)
{
    /* libxlsxwriter says what went wrong in its own words; when a file
     * operation failed (the errors from CREATING_XLSX_FILE to ZIP_CLOSE,
     * which only closing the book gives, errno cleared before it), errno
     * says why as the system set it. */
    int err = errno;
    int file = e >= LXW_ERROR_CREATING_XLSX_FILE && e <= LXW_ERROR_ZIP_CLOSE;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        xlsx_fail(b, ENOMEM, NULL);
    else if (file && err)
        xlsx_fail(b, err, "%s: %s (%s)", what, lxw_strerror(e), strerror(err));
    else
        xlsx_fail(b, file ? EIO : EINVAL, "%s: %s", what, lxw_strerror(e));
}

void xlsx_sheet_add(xlsx_sheet *s, xlsx_book *b, const char *name)
{
    memset(s, 0, sizeof *s);
    s->book = b;
    s->name = name;
    s->fit = 1;
    if (b->err)
        return;
    /* In constant_memory mode a sheet starts with a temporary file, which
     * is what fails when anything does. */
    errno = 0;
    if ((s->ws = workbook_add_worksheet(b->wb, name)))
        return;
    int e = errno;
    if (e)
        xlsx_fail(b, e, "cannot add the sheet %s: %s", name, strerror(e));
    else
        xlsx_fail(b, ENOMEM, NULL);
}

/* Whether cell COL of the current row may be written: the book has not
 * failed and the sheet holds the row (past its last row, nothing is
 * written, and xlsx_sheet_finish fails the book). */
static int writable(xlsx_sheet *s, size_t col)
{
    if (s->book->err || !s->ws || s->row >= XLSX_ROWS_MAX)
        return 0;
    if (col >= XLSX_COLUMNS_MAX) {
        xlsx_fail(s->book, EINVAL, "sheet %s: more than %d columns", s->name,
                  XLSX_COLUMNS_MAX);
        return 0;
    }
    if (col >= s->ncols)
        s->ncols = col + 1;
    return 1;
}

/* Where a cell is, for reasons: "sheet reports, row 3, column message". */
static void place(const xlsx_sheet *s, size_t col, char *buf, size_t size)
{
    if (s->labels && col < s->nlabels && s->labels[col])
        snprintf(buf, size, "sheet %s, row %lu, column %s", s->name, s->row + 1,
                 s->labels[col]);
    else
        snprintf(buf, size, "sheet %s, row %lu, column %zu", s->name, s->row + 1,
                 col + 1);
}

/* Records the outcome E of writing cell COL. */
static void written(xlsx_sheet *s, size_t col, lxw_error e)
{
    if (e == LXW_NO_ERROR)
        return;
    char where[160];
    place(s, col, where, sizeof where);
    xlsx_fail_lxw(s->book, e, where);
}

/* A cell of CHARS characters in column COL: the column's width grows to
 * it. */
static void measure(xlsx_sheet *s, size_t col, size_t chars)
{
    if (s->fit && chars > s->width[col])
        s->width[col] = chars;
}

/* Writes the string cell TEXT with format F. */
static void string_cell(xlsx_sheet *s, size_t col, const char *text, lxw_format *f)
{
    if (!text || !text[0] || !writable(s, col))
        return;
    char *copy;
    size_t chars, units;
    const char *cell = xlsx_cell_text(text, &copy, &chars, &units);
    if (!cell) {
        free(copy);
        xlsx_fail(s->book, ENOMEM, NULL);
        return;
    }
    if (units > XLSX_CELL_MAX) {
        char where[160];
        place(s, col, where, sizeof where);
        xlsx_fail(s->book, EOVERFLOW, "%s: a text of %zu characters, longer than "
                  "the %d a cell holds", where, units, XLSX_CELL_MAX);
    } else {
        written(s, col, worksheet_write_string(s->ws, (lxw_row_t)s->row,
                                               (lxw_col_t)col, cell, f));
        measure(s, col, chars);
    }
    free(copy);
}

void xlsx_text(xlsx_sheet *s, size_t col, const char *text)
{
    string_cell(s, col, text, NULL);
}

void xlsx_integer(xlsx_sheet *s, size_t col, long v)
{
    if (v < 0 || !writable(s, col))
        return;
    /* A double holds every integer up to 2^53 exactly, far beyond any
     * count of these reports. */
    written(s, col, worksheet_write_number(s->ws, (lxw_row_t)s->row, (lxw_col_t)col,
                                           (double)v, NULL));
    size_t digits = 1;
    for (long rest = v / 10; rest > 0; rest /= 10)
        digits++;
    measure(s, col, digits);
}

/* The day of YMD, when it is a real day written YYYY-MM-DD that Excel
 * can hold (from 1900, when its dates begin). */
static int parse_day(const char *ymd, lxw_datetime *out)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int v[3] = { 0, 0, 0 };
    const int width[3] = { 4, 2, 2 };
    const char *p = ymd;
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k < width[i]; k++, p++) {
            if (*p < '0' || *p > '9')
                return 0;
            v[i] = v[i] * 10 + (*p - '0');
        }
        if (*p != (i < 2 ? '-' : '\0'))
            return 0;
        p++;
    }
    int y = v[0], m = v[1], d = v[2];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap))
        return 0;
    *out = (lxw_datetime){ .year = y, .month = m, .day = d };
    return 1;
}

void xlsx_date(xlsx_sheet *s, size_t col, const char *ymd)
{
    if (!ymd || !ymd[0] || !writable(s, col))
        return;
    lxw_datetime day;
    if (parse_day(ymd, &day)) {
        written(s, col, worksheet_write_datetime(s->ws, (lxw_row_t)s->row,
                                                 (lxw_col_t)col, &day,
                                                 s->book->date));
        measure(s, col, strlen("yyyy-mm-dd"));
        return;
    }
    /* Not a date the parser would give: kept as it is, as text, and said
     * so where it is seen. */
    string_cell(s, col, ymd, NULL);
    if (!s->book->err)
        written(s, col, worksheet_write_comment(s->ws, (lxw_row_t)s->row,
                                                (lxw_col_t)col,
                                                "Not a date written YYYY-MM-DD "
                                                "from 1900 on: kept as text."));
}

void xlsx_value(xlsx_sheet *s, size_t col, const schema_column *c, const char *text)
{
    if (c->type == SCHEMA_DATE)
        xlsx_date(s, col, text);
    else
        xlsx_text(s, col, text);
}

void xlsx_header(xlsx_sheet *s, const char *const *names, size_t n, int filter)
{
    s->labels = names;
    s->nlabels = n;
    for (size_t i = 0; i < n; i++) {
        string_cell(s, i, names[i], s->book->bold);
        if (filter && s->fit && i < s->ncols)
            s->width[i] += 2;
    }
    xlsx_row_end(s);
}

void xlsx_row_end(xlsx_sheet *s)
{
    s->row++;
}

void xlsx_line(xlsx_sheet *s, const char *text, int bold)
{
    s->fit = 0;
    string_cell(s, 0, text, bold ? s->book->bold : NULL);
    s->fit = 1;
    xlsx_row_end(s);
}

void xlsx_sheet_finish(xlsx_sheet *s, int table)
{
    xlsx_book *b = s->book;
    if (b->err || !s->ws)
        return;
    if (s->row > XLSX_ROWS_MAX) {
        xlsx_fail(b, EOVERFLOW, "sheet %s: %lu rows, the header included, more than "
                  "the %lu a sheet holds", s->name, s->row, XLSX_ROWS_MAX);
        return;
    }
    /* Each column as wide as its widest cell, up to XLSX_WIDTH_MAX
     * characters: a column of long texts (policies, messages) as wide as
     * its longest would push every other column off the screen, and a
     * text in a narrower column is still whole in its cell.  One more
     * character keeps the text off the cell's border.  libxlsxwriter
     * assembles a sheet's column list when the workbook is closed, so the
     * widths can be set once the rows are written, constant_memory or
     * not. */
    char where[64];
    snprintf(where, sizeof where, "sheet %s: column widths", s->name);
    for (size_t i = 0; i < s->ncols && !b->err; i++) {
        size_t w = s->width[i] < XLSX_WIDTH_MAX ? s->width[i] : XLSX_WIDTH_MAX;
        lxw_error e = worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i,
                                           (double)(w + 1), NULL);
        if (e != LXW_NO_ERROR)
            xlsx_fail_lxw(b, e, where);
    }
    if (!table || b->err)
        return;
    /* The header stays in view, and every column can be filtered and
     * sorted; the filter covers the rows written, at least the header. */
    worksheet_freeze_panes(s->ws, 1, 0);
    lxw_row_t last = s->row > 0 ? (lxw_row_t)(s->row - 1) : 0;
    lxw_col_t right = s->ncols > 0 ? (lxw_col_t)(s->ncols - 1) : 0;
    lxw_error e = worksheet_autofilter(s->ws, 0, 0, last, right);
    if (e != LXW_NO_ERROR) {
        snprintf(where, sizeof where, "sheet %s: autofilter", s->name);
        xlsx_fail_lxw(b, e, where);
    }
}
