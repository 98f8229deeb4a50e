/*
 * The page images of one report: each page drawn by Poppler (upright, as
 * extract reads it), what the parser read drawn over it, written as PNG.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../extract/render.h"
#include "explain_private.h"
#include "folder.h"

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

int page_file_number(const char *name)
{
    if (strncmp(name, "page-", 5) != 0 || !isdigit((unsigned char)name[5]))
        return 0;
    long number = strtol(name + 5, NULL, 10);
    if (number <= 0 || number > INT_MAX)
        return 0;
    /* Exactly the name page_file_name gives it: no "page-01.png", no
     * "page-001.png.bak". */
    char again[PAGE_NAME_SIZE];
    page_file_name(again, (int)number);
    return strcmp(again, name) == 0 ? (int)number : 0;
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

/* cairo's PNG writer hands the image over in pieces. */
static cairo_status_t write_piece(void *closure, const unsigned char *data,
                                  unsigned int length)
{
    return at_file_write(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

/* SURFACE as NAME in the folder AT (FOLDER, for messages), written under
 * a hidden name first. */
static int write_png(cairo_surface_t *surface, int at, const char *folder,
                     const char *name, char **err)
{
    at_file f;
    if (at_file_open(&f, at, name) != 0) {
        *err = explain_format("%s/%s: %s", folder, name, strerror(errno));
        return -1;
    }
    errno = 0;
    cairo_status_t status = cairo_surface_write_to_png_stream(surface,
                                                              write_piece, &f);
    if (status != CAIRO_STATUS_SUCCESS || at_file_commit(&f, 0) != 0) {
        *err = explain_format("%s/%s: %s", folder, name,
                              status == CAIRO_STATUS_WRITE_ERROR ||
                              status == CAIRO_STATUS_SUCCESS
                                  ? strerror(errno ? errno : EIO)
                                  : cairo_status_to_string(status));
        at_file_discard(&f);
        return -1;
    }
    return 0;
}

int explain_draw_pages(extract_doc *doc, const ddor_report *report,
                       const char *folder, char **err)
{
    *err = NULL;
    int at = staging_open(folder, 1);
    if (at < 0) {
        *err = explain_format("%s: %s", folder, folder_error(errno));
        return -1;
    }
    int pages = extract_page_count(doc), result = 0;
    for (int i = 0; i < pages && result == 0; i++) {
        cairo_surface_t *surface = draw_page(doc, report, i, err);
        if (!surface) {
            result = -1;
            continue;
        }
        char name[PAGE_NAME_SIZE];
        page_file_name(name, i + 1);
        result = write_png(surface, at, folder, name, err);
        cairo_surface_destroy(surface);
    }
    close(at);
    return result;
}
