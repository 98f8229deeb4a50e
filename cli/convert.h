/* One input file -> one emit_source: open, extract page by page, parse,
 * check. */
#ifndef DDOR_CLI_CONVERT_H
#define DDOR_CLI_CONVERT_H

#include "../emit/emit.h"

/* The resource bounds of one conversion; 0 in any field: no limit.  An
 * input beyond one is refused (status "error", over_limit set) before it
 * costs what the bound is there to prevent: the size is checked before
 * the file is mapped, the page count right after the PDF is opened, the
 * words of a page before they are kept. */
typedef struct {
    long max_size_mb;         /* --max-size: file size in megabytes */
    long max_pages;           /* --max-pages */
    long max_words;           /* --max-words: on any one page */
} convert_limits;

/* Converts the report at PATH into *SRC, which it fills from scratch
 * (source_file points at PATH, which must outlive SRC), within LIMITS.  A
 * failure leaves status "error" with the reason as message and no report.
 * With PAGES_FOLDER (else NULL), also draws the pages there with what was
 * read on them (explain.h), or leaves the reason they could not be drawn.
 * Prints nothing.  Returns SRC->status. */
const char *convert_report(const char *path, const convert_limits *limits,
                           emit_source *src, const char *pages_folder);

#endif
