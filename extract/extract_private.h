/* Internal to extract/: the pieces document.c stitches together. */
#ifndef DDOR_EXTRACT_PRIVATE_H
#define DDOR_EXTRACT_PRIVATE_H

#include <cairo.h>
#include <poppler.h>
#include "extract.h"

/* Which way a page's text reads, as Poppler places it. */
typedef enum { READ_RIGHT, READ_DOWN, READ_LEFT, READ_UP } reading;

#define READING_UNKNOWN 0xFF  /* a page not loaded yet */

struct extract_doc {
    GMappedFile *map;         /* the file's bytes, shared with Poppler;
                                 NULL when the caller holds them */
    PopplerDocument *pdf;
    int pages;
    size_t max_words;         /* per page; 0: no limit */
    unsigned char *reading;   /* each page's reading, once loaded */
};

/* The words of a Poppler page, in Poppler's text order; malloc'd array of
 * *n words (NULL when the page has no text).  The boxes are upright: when
 * the page's text reads sideways or upside down they are turned, and
 * *width and *height (the page size, in and out) turned with them; *dir
 * (may be NULL) says which way it read.  A page of more than MAX_WORDS
 * words (0: no limit) gives NULL, with *n the number of words it holds. */
extract_word *extract_page_words(PopplerPage *page, size_t max_words,
                                 size_t *n, double *width, double *height,
                                 reading *dir);

/* The character of Poppler's text at P into *C, and where the next one
 * starts.  Bytes that are not UTF-8 make one U+FFFD: the bytes of one
 * code point in UTF-8's pattern (Poppler's encoding of a code point that
 * has no UTF-8 form, such as a lone surrogate), else a single byte. */
const char *extract_next_char(const char *p, gunichar *c);

/* Turns the N glyph boxes of TEXT so that it reads left to right; returns
 * which way it read before. */
reading extract_upright(const char *text, PopplerRectangle *rects, guint n,
                        double *width, double *height);

/* The matrix that takes a point of a page of WIDTH x HEIGHT (as Poppler
 * gives them) whose text reads DIR to the upright page. */
void extract_upright_matrix(reading dir, double width, double height,
                            cairo_matrix_t *m);

#endif
