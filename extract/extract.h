/*
 * extract: PDF pages -> positioned words -> lines, in reading order.
 *
 * This stage knows nothing of Declined Detainer reports.  It turns each page
 * of a PDF into words (text plus bounding box, in PDF points, origin at the
 * top-left corner of the page) and groups the words into lines: words whose
 * vertical extents mostly overlap, sorted left to right, lines sorted top to
 * bottom.  Pages are loaded one at a time and freed by the caller, so memory
 * does not grow with the page count.
 */
#ifndef DDOR_EXTRACT_H
#define DDOR_EXTRACT_H

#include <stddef.h>

/* Why a document could not be opened or a page not read. */
typedef enum {
    EXTRACT_OK = 0,
    EXTRACT_ERR_IO,          /* the file cannot be opened or read (errno) */
    EXTRACT_ERR_EMPTY,       /* the file holds zero bytes */
    EXTRACT_ERR_NOT_PDF,     /* no "%PDF-" signature */
    EXTRACT_ERR_ENCRYPTED,   /* a password is needed to read it */
    EXTRACT_ERR_DAMAGED,     /* truncated, or Poppler cannot parse it */
    EXTRACT_ERR_PAGE,        /* a page cannot be loaded */
    EXTRACT_ERR_TOO_MANY_WORDS /* a page holds more words than the limit */
} extract_status;

typedef struct {
    char  *text;              /* UTF-8, never empty, no white space */
    double x0, y0, x1, y1;    /* bounding box in points, top-left origin */
    double size;              /* font size in points; 0 when unknown */
} extract_word;

typedef struct {
    double x0, y0, x1, y1;    /* union of the words' boxes */
    size_t first;             /* the line's words are page->words[first..] */
    size_t count;             /* ... count of them, left to right */
} extract_line;

typedef struct {
    int number;               /* 1-based page number */
    double width, height;     /* page size in points */
    extract_word *words;      /* grouped by line, in reading order */
    size_t nwords;
    extract_line *lines;      /* top to bottom */
    size_t nlines;
    size_t words_found;       /* with EXTRACT_ERR_TOO_MANY_WORDS: the words
                                 the page holds (none kept); else nwords */
} extract_page;

typedef struct extract_doc extract_doc;

/* Sets up the PDF library's global state now and keeps it until
 * extract_release; a program that forks a process per document calls it
 * first, so that each process inherits the state instead of building it.
 * Optional: extract_open works without it. */
void extract_prepare(void);
void extract_release(void);

/* Opens PATH (mapped, not copied).  On failure returns NULL, sets *status
 * and, when errno-style detail is available (EXTRACT_ERR_IO), *detail to a
 * malloc'd string. */
extract_doc *extract_open(const char *path, extract_status *status, char **detail);

/* Opens the PDF held in the LEN bytes at DATA, as extract_open opens a
 * file: the same checks, the same statuses (EXTRACT_ERR_IO only when
 * memory runs out).  Poppler reads DATA as pages are loaded, so it must
 * stay unchanged until extract_close; it is not copied.  For a caller
 * that has read the file itself, so that the bytes it hashed are the
 * bytes parsed. */
extract_doc *extract_open_data(const void *data, size_t len,
                               extract_status *status, char **detail);

int extract_page_count(const extract_doc *doc);

/* The date the PDF says it was last changed, else made (its information
 * dictionary's ModDate, else CreationDate), as ISO 8601 in UTC
 * ("2017-02-06T14:03:00Z") into OUT; "" when it gives neither. */
void extract_pdf_date(const extract_doc *doc, char out[32]);

/* Pages of more than MAX words (0, the default: no limit) are refused by
 * extract_load_page with EXTRACT_ERR_TOO_MANY_WORDS, before their words
 * are kept or grouped: what a page can cost stays bounded whatever a
 * PDF draws on it. */
void extract_limit_words(extract_doc *doc, size_t max);

/* Loads page INDEX (0-based) into *page; free it with extract_page_free. */
extract_status extract_load_page(extract_doc *doc, int index, extract_page *page);

void extract_page_free(extract_page *page);
void extract_close(extract_doc *doc);

/* Groups a page's words into lines (used by extract_load_page; public so that
 * tests and fuzzers can build pages from synthetic words).  Takes ownership
 * of WORDS (an array of N words), reorders them, and fills page->words,
 * page->lines. */
void extract_build_lines(extract_page *page, extract_word *words, size_t n);

/* A short reason for STATUS: "not a PDF", "encrypted", ... */
const char *extract_status_reason(extract_status status);

#endif
