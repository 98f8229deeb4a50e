/*
 * Reading CSV back with libcsv's parser, as an RFC 4180 reader would:
 * strict (a stray quote is an error) and keeping spaces and tabs, which
 * libcsv by default trims from the ends of fields.
 */
#ifndef DDOR_FUZZ_CSV_READ_H
#define DDOR_FUZZ_CSV_READ_H

#include <stddef.h>

typedef struct {
    char *text;               /* malloc'd, NUL-terminated for messages */
    size_t len;               /* bytes, which may include NUL */
} fuzz_field;

typedef struct {
    fuzz_field *field;        /* every field, row after row */
    size_t nfields;
    size_t *row_start;        /* index of each row's first field */
    size_t nrows;
    size_t fcap, rcap;        /* room in field[] and row_start[] */
} fuzz_csv;

/* Parses LEN bytes of TEXT into *CSV.  Returns 0, or -1 when libcsv finds
 * the text malformed (*CSV then holds what was read, to be freed). */
int fuzz_csv_parse(const char *text, size_t len, fuzz_csv *csv);

/* Parses what csv_writer wrote to a stream, after checking the layout
 * csv_writer.h promises: with EXCEL the UTF-8 byte-order mark first and
 * CRLF row ends, otherwise LF.  Returns 0, or -1 after saying on stderr
 * what is wrong (*CSV is to be freed either way). */
int fuzz_csv_read_output(const char *out, size_t len, int excel, fuzz_csv *csv);

/* Fields of row R. */
size_t fuzz_csv_row_width(const fuzz_csv *csv, size_t r);

void fuzz_csv_free(fuzz_csv *csv);

#endif
