/* The writer of raw_pdf.h.  Objects: 1 the catalog, 2 the page tree,
 * 3 the font, 4 its ToUnicode map (when given), then each page and its
 * content stream; the cross-reference table gives every object's byte
 * offset, so that Poppler reads the file as written, with no repair. */
#include <stdlib.h>
#include <string.h>
#include "raw_pdf.h"

typedef struct {
    FILE *f;
    long *offsets;            /* of objects 1..n, [0] unused */
    int n;
} writer;

static void begin_object(writer *w, int number)
{
    w->offsets[number] = ftell(w->f);
    if (number > w->n)
        w->n = number;
    fprintf(w->f, "%d 0 obj\n", number);
}

static void stream_object(writer *w, int number, const char *data, size_t len)
{
    begin_object(w, number);
    fprintf(w->f, "<< /Length %zu >>\nstream\n", len);
    fwrite(data, 1, len, w->f);
    fputs("\nendstream\nendobj\n", w->f);
}

int raw_pdf_write(const char *path, const raw_pdf *spec)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int first_page = spec->to_unicode ? 5 : 4;
    int last = first_page + 2 * spec->pages - 1;
    writer w = { f, calloc((size_t)last + 1, sizeof(long)), 0 };
    if (!w.offsets) {
        fclose(f);
        return -1;
    }
    fputs("%PDF-1.4\n", f);
    begin_object(&w, 1);
    fputs("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
    begin_object(&w, 2);
    fputs("<< /Type /Pages /Kids [", f);
    for (int i = 0; i < spec->pages; i++)
        fprintf(f, "%s%d 0 R", i % 16 ? " " : "\n", first_page + 2 * i);
    fprintf(f, "] /Count %d >>\nendobj\n", spec->pages);
    begin_object(&w, 3);
    fputs("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica", f);
    fputs(spec->to_unicode ? " /ToUnicode 4 0 R" : " /Encoding /WinAnsiEncoding", f);
    fputs(" >>\nendobj\n", f);
    if (spec->to_unicode)
        stream_object(&w, 4, spec->to_unicode, strlen(spec->to_unicode));

    for (int i = 0; i < spec->pages; i++) {
        int page = first_page + 2 * i;
        begin_object(&w, page);
        fprintf(f, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] "
                   "/Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>\n"
                   "endobj\n", spec->width, spec->height, page + 1);
        char *content = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&content, &len);
        if (!mem)
            abort();
        spec->content(mem, i, spec->ctx);
        fclose(mem);
        stream_object(&w, page + 1, content, len);
        free(content);
    }

    long xref = ftell(f);
    fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", w.n + 1);
    for (int i = 1; i <= w.n; i++)
        fprintf(f, "%010ld 00000 n \n", w.offsets[i]);
    fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n",
            w.n + 1, xref);
    free(w.offsets);
    return fclose(f) == 0 ? 0 : -1;
}
