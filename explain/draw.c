/*
 * What the parser read, drawn over a page: see explain.h for what each
 * mark means.  Everything is drawn in the page's points, the coordinates
 * the parser's boxes are in.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "explain.h"

#define TAG_SIZE 6.0          /* points: tags naming columns and tables */
#define LEGEND_SIZE 6.5       /* points: the legend's text */
#define LEGEND_HEIGHT 11.0    /* points: the strip along the bottom edge */

static const double NAVY[3] = { 0.10, 0.15, 0.45 };
static const double GREY[3] = { 0.45, 0.45, 0.45 };
static const double RED[3] = { 0.90, 0.00, 0.00 };
static const double WHITE[3] = { 1, 1, 1 };

static void colour(cairo_t *cr, const double rgb[3], double alpha)
{
    cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], alpha);
}

static void box_path(cairo_t *cr, const ddor_box *b, double pad)
{
    cairo_rectangle(cr, b->x0 - pad, b->y0 - pad, b->x1 - b->x0 + 2 * pad,
                    b->y1 - b->y0 + 2 * pad);
}

/* TEXT in FG on a BG label whose bottom-left corner is at (X, BOTTOM),
 * moved into the page when it would leave it.  Returns its width. */
static double tag(cairo_t *cr, double x, double bottom, const char *text,
                  const double bg[3], const double fg[3], double size,
                  double width)
{
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    double pad = size * 0.25, w = ext.x_advance + 2 * pad, h = size * 1.25;
    if (x + w > width)
        x = width - w;
    if (x < 0)
        x = 0;
    if (bottom - h < 0)
        bottom = h;
    colour(cr, bg, 0.9);
    cairo_rectangle(cr, x, bottom - h, w, h);
    cairo_fill(cr);
    colour(cr, fg, 1);
    cairo_move_to(cr, x + pad, bottom - h * 0.25);
    cairo_show_text(cr, text);
    return w;
}

static void union_box(ddor_box *u, const ddor_box *b, int first)
{
    if (first) {
        *u = *b;
        return;
    }
    if (b->x0 < u->x0) u->x0 = b->x0;
    if (b->y0 < u->y0) u->y0 = b->y0;
    if (b->x1 > u->x1) u->x1 = b->x1;
    if (b->y1 > u->y1) u->y1 = b->y1;
}

static const char *section_name(unsigned section)
{
    switch (section) {
    case DDOR_SECTION_I:   return "Section I table";
    case DDOR_SECTION_II:  return "Section II table";
    case DDOR_SECTION_III: return "Section III table";
    default:               return "table";
    }
}

static void draw_furniture(cairo_t *cr, const ddor_box *b, double width)
{
    colour(cr, GREY, 0.2);
    box_path(cr, b, 1);
    cairo_fill_preserve(cr);
    colour(cr, GREY, 0.9);
    cairo_set_line_width(cr, 0.6);
    double dash[] = { 2, 1.5 };
    cairo_set_dash(cr, dash, 2, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    /* Below the line, at its right end: furniture spans the width of the
     * page, and its right end is where the page's margin is widest. */
    const char *text = "running header/footer";
    cairo_set_font_size(cr, TAG_SIZE);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    tag(cr, b->x1 - ext.x_advance, b->y1 + 1 + TAG_SIZE * 1.25, text, GREY,
        WHITE, TAG_SIZE, width);
}

static void draw_cell(cairo_t *cr, const ddor_box *b)
{
    double rgb[3];
    explain_role_colour(b->role, rgb);
    colour(cr, rgb, b->kind == DDOR_BOX_HEADER ? 0.45 : 0.22);
    box_path(cr, b, 0.5);
    cairo_fill_preserve(cr);
    colour(cr, rgb, 0.9);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

static void draw_unparsed(cairo_t *cr, const ddor_report *r, const ddor_box *b,
                          double width)
{
    colour(cr, RED, 0.15);
    box_path(cr, b, 1.5);
    cairo_fill_preserve(cr);
    colour(cr, RED, 1);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    char text[160];
    const char *why = b->unparsed < r->nunparsed ? r->unparsed[b->unparsed].why
                                                 : "";
    snprintf(text, sizeof text, "unparsed: %s", why);
    tag(cr, b->x0 - 1.5, b->y0 - 1.5, text, RED, WHITE, TAG_SIZE + 0.5, width);
}

/* What was measured of table T and how its rows were told apart, for its
 * tag: "Section II table: lines 11.0 pt apart, rows 17.0; short cells at
 * the top". */
static void table_label(const ddor_report *r, int t, unsigned section, char *out, size_t size)
{
    const ddor_table *ti = t >= 1 && (size_t)t <= r->ntable_info ? &r->table_info[t - 1] : NULL;
    if (!ti) {
        snprintf(out, size, "%s", section_name(section));
    } else if (ti->pitch <= 0) {
        snprintf(out, size, "%s: no cell wraps, rows %.1f pt apart", section_name(section),
                 ti->row_gap);
    } else if (ti->distinct) {
        snprintf(out, size, "%s: lines of a cell %.1f pt apart, rows %.1f pt", section_name(section),
                 ti->pitch, ti->row_gap);
    } else {
        snprintf(out, size, "%s: lines and rows %.1f pt apart; short cells at the %s",
                 section_name(section), ti->pitch,
                 strcmp(ti->alignment, "middle") == 0 ? "middle" : ti->alignment);
    }
}

/* The outline of table T on the page, its header row, a tag below it
 * naming it and what was measured of it, and a tag above the topmost
 * cell of each column naming the column. */
static void draw_table(cairo_t *cr, const ddor_report *r, const ddor_box *box, size_t n,
                       int t, double width)
{
    ddor_box all = { 0 }, header = { 0 };
    int nall = 0, nheader = 0;
    unsigned section = 0;
    for (size_t i = 0; i < n; i++) {
        if (box[i].table != t || box[i].kind == DDOR_BOX_FURNITURE)
            continue;
        union_box(&all, &box[i], nall++ == 0);
        section = box[i].section;
        if (box[i].kind == DDOR_BOX_HEADER)
            union_box(&header, &box[i], nheader++ == 0);
    }
    if (nall == 0)
        return;
    colour(cr, NAVY, 0.9);
    cairo_set_line_width(cr, 1.2);
    box_path(cr, &all, 3);
    cairo_stroke(cr);
    char label[160];
    table_label(r, t, section, label, sizeof label);
    tag(cr, all.x0 - 3, all.y1 + 3 + TAG_SIZE * 1.25, label, NAVY, WHITE, TAG_SIZE, width);
    if (nheader) {
        double dash[] = { 3, 2 };
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 0.8);
        box_path(cr, &header, 1.5);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    for (int col = 0;; col++) {
        const ddor_box *top = NULL;
        for (size_t i = 0; i < n; i++)
            if (box[i].table == t && box[i].column == col &&
                (box[i].kind == DDOR_BOX_CELL || box[i].kind == DDOR_BOX_HEADER) &&
                (!top || box[i].y0 < top->y0))
                top = &box[i];
        if (!top)
            break;
        double rgb[3];
        explain_role_colour(top->role, rgb);
        tag(cr, top->x0 - 0.5, top->y0 - 0.5, top->role, rgb, WHITE,
            TAG_SIZE, width);
    }
}

/* A boundary between two columns: a dashed line down the gutter. */
static void draw_boundary(cairo_t *cr, const ddor_box *b)
{
    colour(cr, NAVY, 0.7);
    cairo_set_line_width(cr, 0.7);
    double dash[] = { 4, 2 };
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, b->x0, b->y0 - 2);
    cairo_line_to(cr, b->x0, b->y1 + 2);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* A row that became a record: outlined, its number in its dataset (the
 * `row` of declined_detainers.csv) tagged at its left. */
static void draw_row(cairo_t *cr, const ddor_box *b, double width)
{
    colour(cr, NAVY, 0.8);
    cairo_set_line_width(cr, 0.5);
    box_path(cr, b, 1.5);
    cairo_stroke(cr);
    char text[24];
    snprintf(text, sizeof text, "%ld", b->row);
    cairo_set_font_size(cr, TAG_SIZE);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    double w = ext.x_advance + TAG_SIZE * 0.5;
    tag(cr, b->x0 - 1.5 - w, b->y0 - 1.5 + TAG_SIZE * 1.25, text, NAVY, WHITE, TAG_SIZE, width);
}

/* Where a table ends, and what ended it. */
static void draw_end(cairo_t *cr, const ddor_report *r, const ddor_box *b, double width)
{
    colour(cr, NAVY, 1);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, b->x0 - 3, b->y0 + 3);
    cairo_line_to(cr, b->x1 + 3, b->y0 + 3);
    cairo_stroke(cr);
    const ddor_table *ti = b->table >= 1 && (size_t)b->table <= r->ntable_info
                         ? &r->table_info[b->table - 1] : NULL;
    char text[96];
    snprintf(text, sizeof text, "table ends (%s)", ti ? ti->ended_by : "?");
    cairo_set_font_size(cr, TAG_SIZE);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    tag(cr, b->x1 + 3 - ext.x_advance - TAG_SIZE * 0.5, b->y0 + 4 + TAG_SIZE * 1.25, text,
        NAVY, WHITE, TAG_SIZE, width);
}

static void legend_item(cairo_t *cr, double *x, double y, const char *text,
                        const double rgb[3], double fill, int dashed)
{
    double s = LEGEND_SIZE;
    cairo_rectangle(cr, *x, y - s * 0.8, s * 1.6, s * 0.9);
    if (fill > 0) {
        colour(cr, rgb, fill);
        cairo_fill_preserve(cr);
    }
    colour(cr, rgb, 1);
    cairo_set_line_width(cr, 0.8);
    if (dashed) {
        double dash[] = { 1.5, 1 };
        cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    *x += s * 2;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, *x, y);
    cairo_show_text(cr, text);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text, &ext);
    *x += ext.x_advance + s * 1.5;
}

static void draw_legend(cairo_t *cr, double width, double height)
{
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, 0, height - LEGEND_HEIGHT, width, LEGEND_HEIGHT);
    cairo_fill(cr);
    cairo_set_font_size(cr, LEGEND_SIZE);
    double x = 6, y = height - (LEGEND_HEIGHT - LEGEND_SIZE) / 2 - 1;
    double state[3];
    explain_role_colour("state", state);
    legend_item(cr, &x, y, "table", NAVY, 0, 0);
    legend_item(cr, &x, y, "row (its number)", NAVY, 0, 0);
    legend_item(cr, &x, y, "cell (colour: its column, named above)", state, 0.3, 0);
    legend_item(cr, &x, y, "header row, column bounds", NAVY, 0, 1);
    legend_item(cr, &x, y, "running header/footer", GREY, 0.25, 1);
    legend_item(cr, &x, y, "unparsed line in a table", RED, 0.15, 0);
}

void explain_draw_overlay(cairo_t *cr, const ddor_report *report, int page,
                          double width, double height)
{
    if (!report)
        return;
    /* The boxes are sorted by page. */
    size_t first = 0, n = 0;
    while (first < report->nboxes && report->boxes[first].page < page)
        first++;
    while (first + n < report->nboxes && report->boxes[first + n].page == page)
        n++;
    const ddor_box *box = report->boxes + first;

    cairo_save(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_CELL || box[i].kind == DDOR_BOX_HEADER)
            draw_cell(cr, &box[i]);
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_FURNITURE)
            draw_furniture(cr, &box[i], width);
    int last = 0;
    for (size_t i = 0; i < n; i++)
        if (box[i].table > last)
            last = box[i].table;
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_COLUMN)
            draw_boundary(cr, &box[i]);
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_ROW)
            draw_row(cr, &box[i], width);
    for (int t = 1; t <= last; t++)
        draw_table(cr, report, box, n, t, width);
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_TABLE_END)
            draw_end(cr, report, &box[i], width);
    for (size_t i = 0; i < n; i++)
        if (box[i].kind == DDOR_BOX_UNPARSED)
            draw_unparsed(cr, report, &box[i], width);
    draw_legend(cr, width, height);
    cairo_restore(cr);
}
