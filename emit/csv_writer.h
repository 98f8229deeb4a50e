/*
 * csv_writer: one CSV cell at a time, the way the contract wants it; or,
 * begun with csvw_begin_jsonl, the same cells as JSON Lines (one object a
 * row, keyed by the header's names; emit/jsonl_cells.c), so that every
 * dataset writer serves both formats unchanged.
 *
 * libcsv is the quoting engine, but its writers quote every field; the
 * contract quotes a field only when it holds a comma, a quote, CR or LF, so
 * plain fields are written as they are and only the others go through
 * libcsv.  Text cells get the formula guard, numeric cells never do.
 *
 * A write error does not stop the caller mid-row: the writer remembers the
 * first failure (its errno) and ignores every later cell, and the caller
 * asks once, at the end, with csvw_finish.
 */
#ifndef DDOR_EMIT_CSV_WRITER_H
#define DDOR_EMIT_CSV_WRITER_H

#include <stdio.h>

/* Cells are gathered in the writer's own buffer and handed to OUT in
 * large pieces: a dataset is hundreds of thousands of small cells, and a
 * stdio call for each took a third of a re-run's time. */
#define CSVW_BUFFER 16384

typedef struct {
    FILE *out;
    const char *eol;      /* "\n", or "\r\n" for spreadsheet programs */
    int fields;           /* cells written on the current row */
    int jsonl;            /* JSON Lines instead of CSV */
    const char *const *keys; /* JSON Lines: the header's names ... */
    int nkeys;            /* ... and how many */
    int err;              /* errno of the first failure; 0 while all is well */
    size_t used;          /* bytes waiting in buf */
    char buf[CSVW_BUFFER];
} csv_writer;

/* Starts a dataset on OUT; with EXCEL, writes the UTF-8 byte-order mark
 * and ends rows with CRLF. */
void csvw_begin(csv_writer *w, FILE *out, int excel);

/* Starts a dataset on OUT as JSON Lines: no byte-order mark, LF. */
void csvw_begin_jsonl(csv_writer *w, FILE *out);

/* A text cell; NULL is written as an empty cell.  Bytes of S that are
 * not well-formed UTF-8 are written as U+FFFD, in both formats. */
void csvw_text(csv_writer *w, const char *s);

/* A numeric cell; a negative value (-1 = unknown) is an empty cell. */
void csvw_long(csv_writer *w, long v);

void csvw_row_end(csv_writer *w);

/* Records a failure that happened outside the writer (out of memory while
 * preparing rows), so that csvw_finish reports it. */
void csvw_fail(csv_writer *w, int err);

/* A whole row of text cells, from a NULL-terminated list (the header).
 * In JSON Lines the header is no row: it names the keys of the objects
 * that follow, and CELLS must stay valid until csvw_finish. */
void csvw_row(csv_writer *w, const char *const *cells);

/* Writes what is buffered and flushes OUT.  Returns 0, or -1 with errno
 * set to the first failure. */
int csvw_finish(csv_writer *w);

/* For emit/jsonl_cells.c: LEN bytes into the writer's buffer. */
void csvw_put(csv_writer *w, const char *s, size_t len);

/* emit/jsonl_cells.c: the JSON Lines forms of the calls above. */
void jsonl_text(csv_writer *w, const char *s);
void jsonl_long(csv_writer *w, long v);
void jsonl_row_end(csv_writer *w);
void jsonl_header(csv_writer *w, const char *const *names);

#endif
