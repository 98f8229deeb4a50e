/*
 * convert: one input file -> one emit_source, in one call.
 *
 * The file is read once, whole, into memory (ddor_input_read); its digest
 * is taken of those bytes, and those same bytes are what Poppler parses
 * (ddor_convert), so that the digest a result is filed under is the
 * digest of what was parsed, even when the file is rewritten meanwhile.
 * A file that changed while it was read, or that is no regular file (a
 * FIFO would block, a device like /dev/zero would never end), is refused
 * before anything is parsed.  Nothing is printed: conversion runs in a
 * worker process, whose parent tells the user.
 */
#ifndef DDOR_CONVERT_H
#define DDOR_CONVERT_H

#include <stddef.h>
#include <sys/stat.h>
#include "../emit/emit.h"

/* The resource bounds of one conversion; 0 in any field: no limit.  An
 * input beyond one is refused (status "error", over_limit set) before it
 * costs what the bound is there to prevent: the size is checked before
 * the file is read, and no more than one byte past it is ever read; the
 * page count right after the PDF is opened, the words of a page before
 * they are kept. */
typedef struct {
    long max_size_mb;         /* --max-size: file size in megabytes */
    long max_pages;           /* --max-pages */
    long max_words;           /* --max-words: on any one page */
} convert_limits;

/* An input file's bytes, as read once. */
typedef struct {
    const char *path;         /* as given; not copied, must outlive this */
    unsigned char *data;      /* the file's LEN bytes (malloc'd) */
    size_t len;
    char sha256[65];          /* lowercase hex SHA-256 of DATA[0..LEN) */
    emit_file_state file;     /* fstat of the file as it was opened, and
                                 still was when all of it had been read */
} ddor_input;

/* What ddor_input_read returns. */
enum {
    DDOR_INPUT_OK = 0,
    DDOR_INPUT_FAILED = -1,      /* cannot be converted; *reason says why */
    DDOR_INPUT_TOO_LARGE = -2,   /* over --max-size: a refusal by a bound
                                    (over_limit), *reason says by how much */
    DDOR_INPUT_NO_MEMORY = -3    /* no memory for its bytes; *reason NULL */
};

/* Reads the file at PATH into *IN, at most MAX_SIZE_MB megabytes of it
 * (0: no limit).  On failure *IN is empty and *REASON a malloc'd reason:
 * "cannot read file: <system error>", "not a regular file", "file too
 * large (12.3 MB > --max-size 10)", "changed while being read".  The file
 * is opened without blocking (a FIFO with no writer fails at once) and
 * without becoming the process's terminal. */
int ddor_input_read(const char *path, long max_size_mb, ddor_input *in,
                    char **reason);

/* Frees what *IN holds and empties it (an empty one is left as is). */
void ddor_input_free(ddor_input *in);

/* Converts IN's bytes into *OUT, which it fills from scratch: source_file
 * is IN->path, sha256 and file are IN's.  Within LIMITS (max_size_mb was
 * ddor_input_read's to apply).  A failure leaves status "error" with the
 * reason as message and no report.  With PAGES_FOLDER (else NULL), also
 * draws the pages there with what was read on them (explain.h), or leaves
 * the reason they could not be drawn.  OUT shares no memory with IN,
 * which may be freed right after.  Returns OUT->status. */
const char *ddor_convert(const ddor_input *in, const convert_limits *limits,
                         emit_source *out, const char *pages_folder);


/* ddor_input_read, ddor_convert, ddor_input_free: the report at PATH into
 * *SRC (source_file points at PATH, which must outlive SRC).  A file that
 * cannot be read fails SRC with the reason (over_limit set when it is
 * too large).  Returns SRC->status, or NULL, with SRC failed as "out of
 * memory", when there was no memory for the file's bytes: the machine's
 * verdict, not the file's, which a caller may report otherwise. */
const char *convert_report(const char *path, const convert_limits *limits,
                           emit_source *src, const char *pages_folder);

#endif
