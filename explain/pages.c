/*
 * The page images of one report: each page drawn by Poppler (upright, as
 * extract reads it), what the parser read drawn over it, written as PNG.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../extract/render.h"
#include "explain_private.h"

double explain_page_pixels(double width, double height, int *wpx, int *hpx)
{
    double scale = EXPLAIN_DPI / 72.0;
    double longest = width > height ? width : height;
    if (longest * scale > EXPLAIN_MAX_PIXELS)
        scale = EXPLAIN_MAX_PIXELS / longest;
    *wpx = (int)lround(width * scale);
    *hpx = (int)lround(height * scale);
    if (*wpx < 1) *wpx = 1;
    if (*hpx < 1) *hpx = 1;
    return scale;
}

void page_file_name(char name[PAGE_NAME_SIZE], int number)
{
    snprintf(name, PAGE_NAME_SIZE, "page-%03d.png", number);
}

char *explain_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = len < 0 ? NULL : malloc((size_t)len + 1);
    if (!s)
        abort();
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Page INDEX of DOC, drawn into a new image surface. */
static cairo_surface_t *draw_page(extract_doc *doc, const ddor_report *report,
                                  int index, char **err)
{
    double width, height;
    if (extract_page_size(doc, index, &width, &height) != EXTRACT_OK ||
        !(width > 0) || !(height > 0)) {
        *err = explain_format("page %d cannot be read", index + 1);
        return NULL;
    }
    int wpx, hpx;
    double scale = explain_page_pixels(width, height, &wpx, &hpx);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                          wpx, hpx);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    extract_status status = extract_render_page(doc, index, cr);
    explain_draw_overlay(cr, report, index + 1, width, height);
    cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    if (status != EXTRACT_OK || drawn != CAIRO_STATUS_SUCCESS) {
        *err = explain_format("page %d cannot be drawn: %s", index + 1,
                      drawn != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(drawn)
                                                    : extract_status_reason(status));
        cairo_surface_destroy(surface);
        return NULL;
    }
    return surface;
}

/* SURFACE as FOLDER/NAME, written under a hidden name first. */
static int write_png(cairo_surface_t *surface, const char *folder,
                     const char *name, char **err)
{
    char *path = explain_format("%s/%s", folder, name);
    char *tmp = explain_format("%s/.%s.tmp", folder, name);
    cairo_status_t status = cairo_surface_write_to_png(surface, tmp);
    int ok = status == CAIRO_STATUS_SUCCESS && rename(tmp, path) == 0;
    if (!ok) {
        *err = explain_format("%s: %s", path, status != CAIRO_STATUS_SUCCESS
                                          ? cairo_status_to_string(status)
                                          : strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(path);
    return ok ? 0 : -1;
}

int explain_draw_pages(extract_doc *doc, const ddor_report *report,
                       const char *folder, char **err)
{
    *err = NULL;
    if (mkdir(folder, 0777) != 0 && errno != EEXIST) {
        *err = explain_format("%s: %s", folder, strerror(errno));
        return -1;
    }
    int pages = extract_page_count(doc);
    for (int i = 0; i < pages; i++) {
        cairo_surface_t *surface = draw_page(doc, report, i, err);
        if (!surface)
            return -1;
        char name[PAGE_NAME_SIZE];
        page_file_name(name, i + 1);
        int written = write_png(surface, folder, name, err);
        cairo_surface_destroy(surface);
        if (written != 0)
            return -1;
    }
    return 0;
}
