/* Internal to extract/: the pieces document.c stitches together. */
#ifndef DDOR_EXTRACT_PRIVATE_H
#define DDOR_EXTRACT_PRIVATE_H

#include <poppler.h>
#include "extract.h"

/* The words of a Poppler page, in Poppler's text order; malloc'd array of
 * *n words (NULL when the page has no text). */
extract_word *extract_page_words(PopplerPage *page, size_t *n);

#endif
