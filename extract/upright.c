/*
 * Turning a page's text upright.
 *
 * A landscape page is often a portrait page with a /Rotate entry, or its
 * text is set sideways on a portrait sheet; Poppler then reports glyph
 * boxes whose reading direction runs down or up the page.  Everything
 * after extract reads left to right, top to bottom, so the boxes are
 * turned back: the direction is voted on by consecutive glyphs of the
 * same run, and the page's width and height swap for a quarter turn.
 */
#include "extract_private.h"

static reading vote(const char *text, const PopplerRectangle *r, guint n)
{
    unsigned count[4] = { 0 };
    const char *p = text;
    gunichar prev = ' ';
    for (guint i = 0; *p && i < n; i++, p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (i > 0 && !g_unichar_isspace(c) && !g_unichar_isspace(prev)) {
            double dx = (r[i].x1 + r[i].x2 - r[i - 1].x1 - r[i - 1].x2) / 2;
            double dy = (r[i].y1 + r[i].y2 - r[i - 1].y1 - r[i - 1].y2) / 2;
            if (dx * dx > dy * dy)
                count[dx > 0 ? READ_RIGHT : READ_LEFT]++;
            else if (dy != 0)
                count[dy > 0 ? READ_DOWN : READ_UP]++;
        }
        prev = c;
    }
    reading best = READ_RIGHT;
    for (int k = 1; k < 4; k++)
        if (count[k] > count[best])
            best = (reading)k;
    return best;
}

static void turn(PopplerRectangle *r, reading dir, double w, double h)
{
    double x1 = r->x1, y1 = r->y1, x2 = r->x2, y2 = r->y2;
    switch (dir) {
    case READ_RIGHT:
        return;
    case READ_DOWN:   /* upright x runs down the page, upright y leftwards */
        r->x1 = y1; r->x2 = y2; r->y1 = w - x2; r->y2 = w - x1;
        break;
    case READ_UP:
        r->x1 = h - y2; r->x2 = h - y1; r->y1 = x1; r->y2 = x2;
        break;
    case READ_LEFT:
        r->x1 = w - x2; r->x2 = w - x1; r->y1 = h - y2; r->y2 = h - y1;
        break;
    }
}

reading extract_upright(const char *text, PopplerRectangle *rects, guint n,
                        double *width, double *height)
{
    reading dir = vote(text, rects, n);
    if (dir == READ_RIGHT)
        return dir;
    for (guint i = 0; i < n; i++)
        turn(&rects[i], dir, *width, *height);
    if (dir == READ_DOWN || dir == READ_UP) {
        double t = *width;
        *width = *height;
        *height = t;
    }
    return dir;
}

void extract_upright_matrix(reading dir, double width, double height,
                            cairo_matrix_t *m)
{
    /* The inverse of turn(): upright = M x page, for a page of WIDTH x
     * HEIGHT as Poppler gives it. */
    switch (dir) {
    case READ_RIGHT: cairo_matrix_init(m, 1, 0, 0, 1, 0, 0); break;
    case READ_DOWN:  cairo_matrix_init(m, 0, -1, 1, 0, 0, width); break;
    case READ_UP:    cairo_matrix_init(m, 0, 1, -1, 0, height, 0); break;
    case READ_LEFT:  cairo_matrix_init(m, -1, 0, 0, -1, width, height); break;
    }
}
