/* Internal to extract/: the pieces document.c stitches together. */
#ifndef DDOR_EXTRACT_PRIVATE_H
#define DDOR_EXTRACT_PRIVATE_H

#include <poppler.h>
#include "extract.h"

/* The words of a Poppler page, in Poppler's text order; malloc'd array of
 * *n words (NULL when the page has no text).  The boxes are upright: when
 * the page's text reads sideways or upside down they are turned, and
 * *width and *height (the page size, in and out) turned with them. */
extract_word *extract_page_words(PopplerPage *page, size_t *n,
                                 double *width, double *height);

/* Turns the N glyph boxes of TEXT so that it reads left to right. */
void extract_upright(const char *text, PopplerRectangle *rects, guint n,
                     double *width, double *height);

#endif
