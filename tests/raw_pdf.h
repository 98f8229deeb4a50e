/* PDFs written object by object, for inputs too large to commit or too
 * odd for cairo to draw: text in the standard Helvetica font, which a PDF
 * need not embed, optionally with a ToUnicode map of its own. */
#ifndef DDOR_TEST_RAW_PDF_H
#define DDOR_TEST_RAW_PDF_H

#include <stdio.h>

typedef struct {
    double width, height;     /* every page's size, in points */
    int pages;
    /* Writes the content stream of page INDEX (0-based) to OUT, text
     * operators using font /F1. */
    void (*content)(FILE *out, int index, void *ctx);
    void *ctx;
    /* The font's ToUnicode CMap, or NULL for the standard encoding. */
    const char *to_unicode;
} raw_pdf;

/* Writes the PDF to PATH, cross-reference table and all.  Returns 0, or
 * -1 when PATH cannot be written. */
int raw_pdf_write(const char *path, const raw_pdf *spec);

#endif
