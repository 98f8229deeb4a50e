/*
 * Drawing a page as extract reads it (cairo), so that what later stages
 * found in its words can be shown on the page: a word's box, in extract's
 * coordinates, lies on the word's glyphs in the drawing.
 */
#ifndef DDOR_EXTRACT_RENDER_H
#define DDOR_EXTRACT_RENDER_H

#include <cairo.h>
#include "extract.h"

/* The size of page INDEX (0-based) in points, upright as
 * extract_load_page gives it. */
extract_status extract_page_size(extract_doc *doc, int index,
                                 double *width, double *height);

/* Draws page INDEX onto CR, in CR's user units taken as points: the
 * upright page's top-left corner at the origin, its text turned as its
 * words are (a page set sideways, or with a /Rotate entry, comes out
 * reading left to right).  Paints no background.  CR's state is kept. */
extract_status extract_render_page(extract_doc *doc, int index, cairo_t *cr);

#endif
