/*
 * Pages drawn with Poppler onto cairo, turned upright the way their words
 * were (upright.c), so that boxes in extract's coordinates fit the drawing.
 */
#include <stdlib.h>
#include "extract_private.h"
#include "render.h"

/* Which way page PP (page INDEX of DOC) reads, and its size as Poppler
 * gives it.  Known once the page was loaded; otherwise its text is read
 * now, as extract_load_page would. */
static reading page_reading(extract_doc *doc, int index, PopplerPage *pp,
                            double *width, double *height)
{
    poppler_page_get_size(pp, width, height);
    if (doc->reading[index] != READING_UNKNOWN)
        return (reading)doc->reading[index];
    double w = *width, h = *height;
    size_t n = 0;
    reading dir;
    extract_word *words = extract_page_words(pp, 0, &n, &w, &h, &dir);
    for (size_t i = 0; i < n; i++)
        free(words[i].text);
    free(words);
    doc->reading[index] = (unsigned char)dir;
    return dir;
}

static PopplerPage *get_page(extract_doc *doc, int index)
{
    if (index < 0 || index >= doc->pages)
        return NULL;
    return poppler_document_get_page(doc->pdf, index);
}

extract_status extract_page_size(extract_doc *doc, int index,
                                 double *width, double *height)
{
    PopplerPage *pp = get_page(doc, index);
    if (!pp)
        return EXTRACT_ERR_PAGE;
    reading dir = page_reading(doc, index, pp, width, height);
    g_object_unref(pp);
    if (dir == READ_DOWN || dir == READ_UP) {
        double t = *width;
        *width = *height;
        *height = t;
    }
    return EXTRACT_OK;
}

extract_status extract_render_page(extract_doc *doc, int index, cairo_t *cr)
{
    PopplerPage *pp = get_page(doc, index);
    if (!pp)
        return EXTRACT_ERR_PAGE;
    double width, height;
    reading dir = page_reading(doc, index, pp, &width, &height);
    cairo_matrix_t upright;
    extract_upright_matrix(dir, width, height, &upright);
    cairo_save(cr);
    cairo_transform(cr, &upright);
    poppler_page_render(pp, cr);
    cairo_restore(cr);
    g_object_unref(pp);
    return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? EXTRACT_OK
                                                     : EXTRACT_ERR_PAGE;
}
