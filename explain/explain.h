/*
 * explain: the pages of each report drawn as PNG images, with what the
 * parser read on them marked (--explain DIR), and an index page.
 *
 *   DIR/index.html              every input: its checks, links to its pages
 *   DIR/<report_id>/page-001.png  ... one image per page, EXPLAIN_DPI
 *
 * On each page the cells of every table are outlined and tinted by column
 * (the colour says which column the text went to, the tag above the first
 * cell of a column names it), header cells are tinted darker, the
 * boundaries between columns are dashed lines, every row that became a
 * record is outlined with its number in its dataset (the `row` of
 * declined_detainers.csv), the table's end is a thick line saying what
 * ended it (a heading, another table, a note under it, the end of the
 * report), the tag under the table says what was measured of it (how far
 * apart the lines of a cell and the rows are, how short cells sit),
 * running headers and footers are shaded grey, and every row the parser
 * could not place is boxed in red with the reason.  Pages are drawn by the process
 * that converted the input, into a hidden staging folder of the run; the
 * parent moves them to their report's folder once report ids are known.
 *
 * DIR may be shared with others: DIR itself is opened as named, but every
 * folder and file in it is reached from DIR's descriptor without
 * following a link, and only regular files of this user's that bear a
 * name the program writes (page-NNN.png, the failure note, their hidden
 * temporaries) are ever removed, with a staging folder once that empties
 * it.  A link planted under such a name is refused or replaced, never
 * written or deleted through.
 */
#ifndef DDOR_EXPLAIN_H
#define DDOR_EXPLAIN_H

#include <stddef.h>
#include <cairo.h>
#include "../emit/emit.h"
#include "../extract/extract.h"
#include "../parse/parse.h"

/* Resolution of the page images: a US Letter page is 850 x 1100 pixels. */
#define EXPLAIN_DPI 100
/* Pages so large that an image would be wider or taller than this many
 * pixels are drawn at a lower resolution. */
#define EXPLAIN_MAX_PIXELS 5000

/* The size in pixels of the image of a page of WIDTH x HEIGHT points,
 * and the scale (pixels per point) it is drawn at. */
double explain_page_pixels(double width, double height, int *wpx, int *hpx);

/* Draws the boxes REPORT's trace holds for page PAGE (1-based) onto CR,
 * whose user units are the page's points (extract's coordinates), on a
 * page of WIDTH x HEIGHT points, and the legend along its bottom edge. */
void explain_draw_overlay(cairo_t *cr, const ddor_report *report, int page,
                          double width, double height);

/* Draws every page of DOC, with REPORT's trace over it (REPORT may be
 * NULL: bare pages), as FOLDER/page-001.png, ... creating FOLDER, a
 * staging folder named by explain_staging_folder: it is made anew (the
 * call fails if anything has its name) and written through its
 * descriptor.  Each image appears under its name only once complete.
 * Returns 0, or -1 and sets *err to a malloc'd reason. */
int explain_draw_pages(extract_doc *doc, const ddor_report *report,
                       const char *folder, char **err);

/* Where the worker converting input INDEX of run RUN (the parent's
 * process id) draws its pages: DIR/.pages-RUN-INDEX (malloc'd). */
char *explain_staging_folder(const char *dir, long run, size_t index);

/* Removes the staging folders in DIR of runs that were killed before
 * they could publish their pages: the files the program writes in them,
 * and each folder if that empties it.  Call it before any worker of this
 * run draws: a staging folder named after this process is then one left
 * by an earlier process that had the same id. */
void explain_clean_stale(const char *dir);

/* What the worker leaves beside its pages when it could not draw them
 * all: the reason, in FOLDER/EXPLAIN_FAILED (FOLDER as for
 * explain_draw_pages; made if missing, never through a link). */
#define EXPLAIN_FAILED "failed.txt"
void explain_note_failure(const char *folder, const char *reason);

/* Called by explain_publish for each input whose pages are missing. */
typedef void (*explain_problem)(const char *source_file, const char *reason);

/* Once every input of run RUN is converted and has its report id: moves
 * each input's staged pages to DIR/<report_id>/ (replacing the pages of
 * an earlier run there, and no other file), tells PROBLEM about inputs
 * whose pages could not all be drawn, and writes DIR/index.html (by
 * renaming a new file over it).  A report id that is not one plain file
 * name (a '/', a leading '.', "index.html", a control character) gets no
 * folder: its pages are dropped and PROBLEM told.  A DIR/<report_id>
 * that is a link or not this user's folder is refused, also through
 * PROBLEM.  Returns 0 when every page is in place and the index written,
 * else -1 (with *err set when DIR cannot be opened or the index could
 * not be written). */
int explain_publish(const char *dir, long run, const emit_source *sources,
                    size_t n, explain_problem problem, char **err);

/* The colour of the cells of column ROLE ("state", "county", ...). */
void explain_role_colour(const char *role, double rgb[3]);
/* The I-th column role known to the palette (0-based), NULL past the
 * last. */
const char *explain_role_at(size_t i);

#endif
