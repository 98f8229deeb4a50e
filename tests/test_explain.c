/*
 * --explain: one PNG per page at 100 dpi, sized as the page, with the
 * recognised cells tinted by column and unparsed rows boxed in red, an
 * index.html listing every input and linking its pages; rotated pages
 * drawn upright like their original; the parser's trace on its own.
 */
#include <CUnit/CUnit.h>
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../convert/convert.h"
#include "../extract/extract.h"
#include "../parse/parse.h"
#include "suites.h"
#include "testkit.h"

#define DPI 100.0             /* the resolution the manual promises */

/* Width and height from a PNG's IHDR chunk; 0 when not a PNG. */
static int png_size(const char *path, unsigned *w, unsigned *h)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    unsigned char head[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    if (got != sizeof head || memcmp(head, sig, 8) != 0 ||
        memcmp(head + 12, "IHDR", 4) != 0)
        return 0;
    *w = (unsigned)head[16] << 24 | (unsigned)head[17] << 16 |
         (unsigned)head[18] << 8 | head[19];
    *h = (unsigned)head[20] << 24 | (unsigned)head[21] << 16 |
         (unsigned)head[22] << 8 | head[23];
    return 1;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A page image's pixels, read with cairo. */
typedef struct {
    cairo_surface_t *s;
    unsigned char *data;
    int w, h, stride;
} image;

static int image_load(image *im, const char *path)
{
    im->s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(im->s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(im->s);
        im->s = NULL;
        return 0;
    }
    cairo_surface_flush(im->s);
    im->data = cairo_image_surface_get_data(im->s);
    im->w = cairo_image_surface_get_width(im->s);
    im->h = cairo_image_surface_get_height(im->s);
    im->stride = cairo_image_surface_get_stride(im->s);
    return 1;
}

static void pixel(const image *im, int x, int y, int *r, int *g, int *b)
{
    uint32_t p;
    memcpy(&p, im->data + (size_t)y * (size_t)im->stride + (size_t)x * 4, 4);
    *r = (int)(p >> 16 & 0xFF);
    *g = (int)(p >> 8 & 0xFF);
    *b = (int)(p & 0xFF);
}

static int is_red(int r, int g, int b)
{
    return r > 200 && g < 80 && b < 80;
}

/* Pixels of IM in the box (points) X0..X1 x Y0..Y1 grown by PAD points
 * that pass TEST, and how many were looked at. */
static size_t count_in(const image *im, double x0, double y0, double x1,
                       double y1, double pad, int (*test)(int, int, int),
                       size_t *looked)
{
    double k = DPI / 72.0;
    int a = (int)floor((x0 - pad) * k), b = (int)ceil((x1 + pad) * k);
    int c = (int)floor((y0 - pad) * k), d = (int)ceil((y1 + pad) * k);
    size_t n = 0, all = 0;
    for (int y = c < 0 ? 0 : c; y < d && y < im->h; y++)
        for (int x = a < 0 ? 0 : a; x < b && x < im->w; x++) {
            int r, g, bl;
            pixel(im, x, y, &r, &g, &bl);
            n += test(r, g, bl) != 0;
            all++;
        }
    if (looked)
        *looked = all;
    return n;
}

/* The report at PATH converted in-process, with its trace when TRACED
 * (NULL if it is no report).  The trace is kept when the pages are
 * drawn, so they are, into a scratch folder. */
static ddor_report *parse_file(const char *path, int traced)
{
    convert_limits none = { 0, 0, 0 };
    char *pages = traced ? tk_tempdir() : NULL;
    emit_source src;
    convert_report(path, &none, &src, pages);
    ddor_report *r = src.report;
    src.report = NULL;
    emit_source_clear(&src);
    if (pages)
        tk_rmtree(pages);
    free(pages);
    return r;
}

/* Every href="..." of HTML names a file under DIR; returns how many. */
static int check_links(const char *html, const char *dir)
{
    int n = 0;
    for (const char *s = strstr(html, "href=\""); s; s = strstr(s, "href=\"")) {
        s += 6;
        const char *end = strchr(s, '"');
        CU_ASSERT_PTR_NOT_NULL_FATAL(end);
        char path[1024];
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)(end - s), s);
        if (!exists(path))
            fprintf(stderr, "\n  index links a missing file: %s\n", path);
        CU_ASSERT(exists(path));
        n++;
    }
    return n;
}

/* No staging folder or temporary file left in DIR. */
static void assert_nothing_hidden(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "find '%s' -name '.*' ! -name '.' | grep -q .", dir);
    CU_ASSERT(system(cmd) != 0);
}

static int tinted_blue(int r, int g, int b)
{
    (void)g;
    return b > r + 20;
}

static int red(int r, int g, int b)
{
    return is_red(r, g, b);
}

/* The demo report: one image per page, each the size of its page at
 * 100 dpi; cells tinted by column where the parser found them; nothing
 * red (it has no unparsed line); index.html lists it and links its pages. */
static void test_demo_pages(void)
{
    const char *pdf = "fixtures/reports/weekly-1.pdf";
    char *dir = tk_tempdir(), *out = tk_tempdir();
    const char *argv[] = { "-q", "--explain", dir, "-o", out, pdf, NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);

    extract_status st;
    extract_doc *doc = extract_open(pdf, &st, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    int pages = extract_page_count(doc);
    CU_ASSERT_EQUAL(pages, 35);
    char path[1024];
    for (int i = 0; i < pages; i++) {
        extract_page page;
        CU_ASSERT_EQUAL_FATAL(extract_load_page(doc, i, &page), EXTRACT_OK);
        snprintf(path, sizeof path, "%s/2017-01-28/page-%03d.png", dir, i + 1);
        unsigned w = 0, h = 0;
        CU_ASSERT(png_size(path, &w, &h));
        CU_ASSERT_EQUAL(w, (unsigned)lround(page.width * DPI / 72));
        CU_ASSERT_EQUAL(h, (unsigned)lround(page.height * DPI / 72));
        extract_page_free(&page);
    }
    extract_close(doc);
    snprintf(path, sizeof path, "%s/2017-01-28/page-%03d.png", dir, pages + 1);
    CU_ASSERT(!exists(path));

    /* Page 3 holds rows of Section II: the interior of each state cell is
     * mostly its column's tint (blue), and no pixel above the legend (whose
     * swatch of unparsed lines is red) is red. */
    ddor_report *r = parse_file(pdf, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    image im;
    snprintf(path, sizeof path, "%s/2017-01-28/page-003.png", dir);
    CU_ASSERT_FATAL(image_load(&im, path));
    int cells = 0;
    for (size_t i = 0; i < r->nboxes; i++) {
        const ddor_box *b = &r->boxes[i];
        if (b->page != 3 || b->kind != DDOR_BOX_CELL || strcmp(b->role, "state"))
            continue;
        size_t looked;
        size_t blue = count_in(&im, b->x0, b->y0, b->x1, b->y1, -0.8,
                               tinted_blue, &looked);
        CU_ASSERT(looked > 0 && 2 * blue > looked);
        cells++;
    }
    CU_ASSERT(cells >= 5);
    CU_ASSERT_EQUAL(count_in(&im, 0, 0, 612, 792 - 12, 0, red, NULL), 0);
    CU_ASSERT(count_in(&im, 0, 792 - 12, 612, 792, 0, red, NULL) > 0);
    cairo_surface_destroy(im.s);
    ddor_report_free(r);

    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = tk_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td>2017-01-28</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td>fixtures/reports/weekly-1.pdf</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, ">ok</td>"));
    CU_ASSERT_EQUAL(check_links(html, dir), pages);
    free(html);
    assert_nothing_hidden(dir);
    tk_rmtree(dir);
    tk_rmtree(out);
    free(dir);
    free(out);
}

/* Pages turned by /Rotate are drawn upright: their images match those
 * of the original page for page, nearly pixel for pixel. */
static void test_rotated_pages_upright(void)
{
    char *dir = tk_tempdir(), *out = tk_tempdir();
    const char *argv[] = { "-q", "--explain", dir, "-o", out,
                           "fixtures/reports/weekly-3-a4.pdf",
                           "fixtures/rotated/weekly-3-a4-rotate-90.pdf",
                           "fixtures/rotated/weekly-3-a4-rotate-180.pdf",
                           "fixtures/rotated/weekly-3-a4-rotate-270.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    /* All four share a period: the copies get -2, -3, -4. */
    static const char *const COPY[] = { "2017-02-11-2", "2017-02-11-3", "2017-02-11-4" };
    for (int page = 1; page <= 4; page++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/2017-02-11/page-%03d.png", dir, page);
        image a;
        CU_ASSERT_FATAL(image_load(&a, path));
        for (int c = 0; c < 3; c++) {
            snprintf(path, sizeof path, "%s/%s/page-%03d.png", dir, COPY[c], page);
            image b;
            CU_ASSERT_FATAL(image_load(&b, path));
            CU_ASSERT_EQUAL(a.w, b.w);
            CU_ASSERT_EQUAL(a.h, b.h);
            if (a.w == b.w && a.h == b.h) {
                double diff = 0;
                for (int y = 0; y < a.h; y++)
                    for (int x = 0; x < a.w; x++) {
                        int r1, g1, b1, r2, g2, b2;
                        pixel(&a, x, y, &r1, &g1, &b1);
                        pixel(&b, x, y, &r2, &g2, &b2);
                        diff += abs(r1 - r2) + abs(g1 - g2) + abs(b1 - b2);
                    }
                diff /= 3.0 * a.w * a.h;
                if (diff >= 2)
                    fprintf(stderr, "\n  %s page %d differs by %.2f\n", COPY[c], page, diff);
                CU_ASSERT(diff < 2);
            }
            cairo_surface_destroy(b.s);
        }
        cairo_surface_destroy(a.s);
    }
    tk_rmtree(dir);
    tk_rmtree(out);
    free(dir);
    free(out);
}

/* A one-page report whose Section II table has a stray line ("* see
 * note", in the county column only) between two rows; returns its path. */
static char *report_with_stray_line(void)
{
    static const tk_placed TEXT[] = {
        { "Declined Detainer Outcome Report", 72, 72 },
        { "Section II: Jurisdictions with Recorded Declined Detainers", 72, 110 },
        { "State", 72, 150 }, { "County", 180, 150 }, { "Declined", 340, 150 },
        { "Texas", 72, 180 }, { "Travis County", 180, 180 }, { "1/28/2017", 340, 180 },
        { "* see note", 180, 210 },
        { "Illinois", 72, 240 }, { "Cook County", 180, 240 }, { "1/30/2017", 340, 240 },
    };
    return tk_draw_pdf(TEXT, sizeof TEXT / sizeof TEXT[0]);
}

/* The parser's trace lists the stray line as an unparsed box around its
 * words, and its page image has it boxed in red, while the rows read
 * have no red on them. */
static void test_unparsed_line_boxed_in_red(void)
{
    char *pdf = report_with_stray_line();
    ddor_report *r = parse_file(pdf, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->ndeclined, 2);
    CU_ASSERT_EQUAL_FATAL(r->nunparsed, 1);
    CU_ASSERT_STRING_EQUAL(r->unparsed[0].text, "* see note");
    const ddor_box *stray = NULL;
    size_t cells = 0, headers = 0;
    for (size_t i = 0; i < r->nboxes; i++) {
        const ddor_box *b = &r->boxes[i];
        CU_ASSERT_EQUAL(b->page, 1);
        if (b->kind == DDOR_BOX_UNPARSED) {
            CU_ASSERT_PTR_NULL(stray);
            stray = b;
        }
        cells += b->kind == DDOR_BOX_CELL;
        headers += b->kind == DDOR_BOX_HEADER;
    }
    CU_ASSERT_EQUAL(cells, 6);  /* two rows of three cells */
    CU_ASSERT_EQUAL(headers, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stray);
    CU_ASSERT_EQUAL(stray->unparsed, 0);
    CU_ASSERT_EQUAL(stray->section, DDOR_SECTION_II);
    /* The words sit on the baseline at y 210, 10 pt tall, from x 180. */
    CU_ASSERT(stray->x0 >= 179 && stray->x0 <= 181);
    CU_ASSERT(stray->y0 >= 198 && stray->y1 <= 215 && stray->y1 > 210);
    CU_ASSERT(stray->x1 > 200 && stray->x1 < 250);

    char *dir = tk_tempdir(), *out = tk_tempdir();
    const char *argv[] = { "-q", "--explain", dir, "-o", out, pdf, NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    const char *name = strrchr(pdf, '/') + 1;   /* no period: the file name */
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/page-001.png", dir, name);
    image im;
    CU_ASSERT_FATAL(image_load(&im, path));
    /* The red outline runs round the box, a point or two outside it. */
    size_t ring;
    size_t red_ring = count_in(&im, stray->x0, stray->y0, stray->x1, stray->y1,
                               2.5, red, &ring);
    CU_ASSERT(red_ring > (stray->x1 - stray->x0) * DPI / 72);
    for (size_t i = 0; i < r->nboxes; i++) {
        const ddor_box *b = &r->boxes[i];
        if (b->kind == DDOR_BOX_CELL && b->y0 > stray->y1)
            CU_ASSERT_EQUAL(count_in(&im, b->x0, b->y0, b->x1, b->y1, 0, red, NULL), 0);
    }
    cairo_surface_destroy(im.s);

    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = tk_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, ">warning</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "unparsed lines: 1 in tables"));
    CU_ASSERT_EQUAL(check_links(html, dir), 1);
    free(html);
    ddor_report_free(r);
    tk_rmtree(dir);
    tk_rmtree(out);
    unlink(pdf);
    free(pdf);
    free(dir);
    free(out);
}

/* Without the trace the parser keeps no boxes. */
static void test_trace_off_by_default(void)
{
    ddor_report *r = parse_file("fixtures/reports/weekly-3-a4.pdf", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT(r->ndeclined > 0);
    CU_ASSERT_EQUAL(r->nboxes, 0);
    CU_ASSERT_PTR_NULL(r->boxes);
    ddor_report_free(r);
}

/* File names are escaped in the index; an input that is no PDF is listed
 * with its reason and no pages; a result kept from an earlier run is not
 * reused, since the pages must be drawn. */
/* A process id no process has (that of a child already reaped). */
static long dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return (long)pid;
}

static void test_index_escapes_and_lists_failures(void)
{
    char *dir = tk_tempdir(), *out = tk_tempdir(), *in = tk_tempdir();
    char odd[1024], cmd[2300];
    /* What a killed run left in the folder goes with the next run. */
    long gone = dead_pid();
    snprintf(cmd, sizeof cmd, "mkdir '%s/.pages-%ld-0' && touch '%s/.pages-%ld-0/page-001.png'",
             dir, gone, dir, gone);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    snprintf(odd, sizeof odd, "%s/a<b>&'c\".pdf", in);
    snprintf(cmd, sizeof cmd, "cp fixtures/reports/weekly-3-a4.pdf '%s/a<b>&'\\''c\".pdf'", in);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);

    const char *first[] = { "-q", "-o", out, odd, NULL };
    CU_ASSERT_EQUAL(tk_run(first, NULL, NULL), 0);
    const char *argv[] = { "-q", "--explain", dir, "-o", out, odd,
                           "fixtures/bad/not-a-pdf.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "not-a-pdf.pdf: not a PDF"));
    free(err);

    char path[1024];
    snprintf(path, sizeof path, "%s/2017-02-11/page-004.png", dir);
    CU_ASSERT(exists(path));
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = tk_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "a&lt;b&gt;&amp;&#39;c&quot;.pdf"));
    CU_ASSERT_PTR_NULL(strstr(html, "a<b>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td>fixtures/bad/not-a-pdf.pdf</td>"
                                        "<td class=\"error\">error</td>"
                                        "<td>not a PDF</td><td class=\"pages\"></td>"));
    CU_ASSERT_EQUAL(check_links(html, dir), 4);
    free(html);
    assert_nothing_hidden(dir);
    tk_rmtree(dir);
    tk_rmtree(out);
    tk_rmtree(in);
    free(dir);
    free(out);
    free(in);
}

/* A folder that cannot be made: one line, exit 1, nothing converted. */
static void test_explain_folder_error(void)
{
    char *out = tk_tempdir();
    char file[1024], bad[1100];
    snprintf(file, sizeof file, "%s/plain-file", out);
    FILE *f = fopen(file, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    snprintf(bad, sizeof bad, "%s/sub", file);
    const char *argv[] = { "--explain", bad, "-o", out,
                           "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 1);
    char want[1200];
    snprintf(want, sizeof want, "ddor2csv: %s: cannot create output folder: Not a directory\n", bad);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    free(err);
    char reports[1100];
    snprintf(reports, sizeof reports, "%s/reports.csv", out);
    CU_ASSERT(!exists(reports));
    tk_rmtree(out);
    free(out);
}

/* Into a folder that holds a report already: only this run's input is
 * drawn; the report the folder keeps is not drawn again (nor in the way
 * of the input's pages). */
static void test_explain_into_archive(void)
{
    char *dir = tk_tempdir(), *out = tk_tempdir();
    const char *first[] = { "-q", "-o", out, "fixtures/reports/weekly-2-tight.pdf", NULL };
    CU_ASSERT_EQUAL_FATAL(tk_run(first, NULL, NULL), 0);
    const char *argv[] = { "-q", "--explain", dir, "-o", out,
                           "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);
    char path[1024];
    snprintf(path, sizeof path, "%s/2017-02-11/page-001.png", dir);
    CU_ASSERT(exists(path));
    snprintf(path, sizeof path, "%s/2017-02-04", dir);
    CU_ASSERT(!exists(path));
    tk_rmtree(dir);
    tk_rmtree(out);
    free(dir);
    free(out);
}

void suite_explain(void)
{
    CU_pSuite s = CU_add_suite("explain", NULL, NULL);
    CU_add_test(s, "demo: one image per page, sized, tinted, indexed", test_demo_pages);
    CU_add_test(s, "rotated pages drawn upright", test_rotated_pages_upright);
    CU_add_test(s, "unparsed line traced and boxed in red", test_unparsed_line_boxed_in_red);
    CU_add_test(s, "no trace unless asked for", test_trace_off_by_default);
    CU_add_test(s, "index escapes names, lists failures, no cache", test_index_escapes_and_lists_failures);
    CU_add_test(s, "explain folder that cannot be made", test_explain_folder_error);
    CU_add_test(s, "into a folder that keeps a report", test_explain_into_archive);
}
