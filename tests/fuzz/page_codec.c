/* Decoding (and encoding) the parser fuzzer's pages; the format is in
 * page_codec.h. */
#include <stdlib.h>
#include <string.h>
#include "page_codec.h"
#include "fuzz_alloc.h"

#define LETTER_W 612.0
#define LETTER_H 792.0
#define MAX_COORD 100000.0        /* points; beyond any real page */
#define MAX_SIZE 1000.0           /* font size, points */

typedef struct {
    const uint8_t *p, *end;       /* the rest of the current line */
} cursor;

static void skip_blanks(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

static int is_digit(const cursor *c)
{
    return c->p < c->end && *c->p >= '0' && *c->p <= '9';
}

/* The next number of the line, clamped to [LO, HI]; DFLT when there is
 * none (nothing is consumed then). */
static double number(cursor *c, double dflt, double lo, double hi)
{
    skip_blanks(c);
    const uint8_t *start = c->p;
    int neg = c->p < c->end && *c->p == '-';
    if (neg)
        c->p++;
    double v = 0;
    int digits = 0;
    for (; is_digit(c); c->p++, digits++)
        if (v < 1e12)             /* more digits only make it larger */
            v = v * 10 + (*c->p - '0');
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        for (double f = 0.1; is_digit(c); c->p++, digits++, f /= 10)
            v += (*c->p - '0') * f;
    }
    if (digits == 0) {
        c->p = start;
        return dflt;
    }
    v = neg ? -v : v;
    return v < lo ? lo : v > hi ? hi : v;
}

typedef struct {
    extract_page *pages;
    size_t npages;
    extract_word *words;          /* the open page's words */
    size_t nwords, cap;
    size_t total;                 /* words on all pages */
    int open;                     /* a page is being filled */
    double y0, y1, size;          /* from the last Y record */
} decoder;

/* Closes the open page: its words become lines. */
static void close_page(decoder *d)
{
    if (!d->open)
        return;
    extract_page *pg = &d->pages[d->npages - 1];
    extract_build_lines(pg, d->words, d->nwords);
    d->words = NULL;
    d->nwords = d->cap = 0;
    d->open = 0;
}

/* Opens a page of W x H points; returns 0 when no more pages fit. */
static int open_page(decoder *d, double w, double h)
{
    close_page(d);
    if (d->npages == FUZZ_MAX_PAGES)
        return 0;
    d->pages = fuzz_realloc(d->pages, (d->npages + 1) * sizeof *d->pages);
    extract_page *pg = &d->pages[d->npages++];
    memset(pg, 0, sizeof *pg);
    pg->number = (int)d->npages;
    pg->width = w;
    pg->height = h;
    d->open = 1;
    return 1;
}

static void swap_if_reversed(double *a, double *b)
{
    if (*a > *b) {
        double t = *a;
        *a = *b;
        *b = t;
    }
}

static void add_word(decoder *d, cursor *c)
{
    if (d->total == FUZZ_MAX_WORDS)
        return;
    double x0 = number(c, 0, -MAX_COORD, MAX_COORD);
    double x1 = number(c, 0, -MAX_COORD, MAX_COORD);
    swap_if_reversed(&x0, &x1);
    char text[FUZZ_MAX_TEXT + 1];
    size_t len = 0;
    for (; c->p < c->end && len < FUZZ_MAX_TEXT; c->p++)
        if (*c->p > ' ')          /* no white space, control bytes or NUL */
            text[len++] = (char)*c->p;
    /* Cut at the cap, a word ends with a whole character: valid UTF-8
     * stays valid, which the parser target relies on. */
    if (c->p < c->end && (*c->p & 0xC0) == 0x80) {
        while (len > 0 && ((unsigned char)text[len - 1] & 0xC0) == 0x80)
            len--;
        if (len > 0 && (unsigned char)text[len - 1] >= 0xC0)
            len--;
    }
    if (len == 0)
        return;
    text[len] = '\0';
    if (!d->open && !open_page(d, LETTER_W, LETTER_H))
        return;
    if (d->nwords == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->words = fuzz_realloc(d->words, d->cap * sizeof *d->words);
    }
    extract_word *w = &d->words[d->nwords++];
    w->text = strdup(text);
    if (!w->text)
        abort();
    w->x0 = x0;
    w->x1 = x1;
    w->y0 = d->y0;
    w->y1 = d->y1;
    w->size = d->size;
    d->total++;
}

extract_page *fuzz_pages_decode(const uint8_t *data, size_t size, size_t *npages)
{
    decoder d = { 0 };
    const uint8_t *end = data + size;
    for (const uint8_t *line = data; line < end;) {
        const uint8_t *nl = memchr(line, '\n', (size_t)(end - line));
        cursor c = { line, nl ? nl : end };
        line = nl ? nl + 1 : end;
        if (c.p < c.end && *c.p == 'P') {
            c.p++;
            double w = number(&c, LETTER_W, 1, MAX_COORD);
            double h = number(&c, LETTER_H, 1, MAX_COORD);
            if (!open_page(&d, w, h))
                break;
        } else if (c.p < c.end && *c.p == 'Y') {
            c.p++;
            d.y0 = number(&c, 0, -MAX_COORD, MAX_COORD);
            d.y1 = number(&c, 0, -MAX_COORD, MAX_COORD);
            d.size = number(&c, 0, 0, MAX_SIZE);
            swap_if_reversed(&d.y0, &d.y1);
        } else {
            add_word(&d, &c);
        }
    }
    close_page(&d);
    free(d.words);              /* words of a page that did not fit */
    *npages = d.npages;
    return d.pages;
}

/* As extract_page_free does, which lives with Poppler's part of extract
 * and is not linked here. */
void fuzz_pages_free(extract_page *pages, size_t npages)
{
    for (size_t i = 0; i < npages; i++) {
        for (size_t k = 0; k < pages[i].nwords; k++)
            free(pages[i].words[k].text);
        free(pages[i].words);
        free(pages[i].lines);
    }
    free(pages);
}

/* A number to 1/1000, without trailing zeros: seeds stay small. */
static void put_number(FILE *out, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", v);
    char *e = buf + strlen(buf);
    while (e[-1] == '0')
        *--e = '\0';
    if (e[-1] == '.')
        e[-1] = '\0';
    fputs(strcmp(buf, "-0") == 0 ? "0" : buf, out);
}

/* A record: its tag (none for a word), then N numbers. */
static void put_record(FILE *out, const char *tag, const double *v, int n)
{
    fputs(tag, out);
    for (int i = 0; i < n; i++) {
        if (i || tag[0])
            fputc(' ', out);
        put_number(out, v[i]);
    }
}

void fuzz_page_encode(FILE *out, const extract_page *page)
{
    put_record(out, "P", (const double[]){ page->width, page->height }, 2);
    fputc('\n', out);
    int have_y = 0;
    double y0 = 0, y1 = 0, size = 0;
    for (size_t i = 0; i < page->nwords; i++) {
        const extract_word *w = &page->words[i];
        if (!have_y || w->y0 != y0 || w->y1 != y1 || w->size != size) {
            y0 = w->y0, y1 = w->y1, size = w->size;
            have_y = 1;
            put_record(out, "Y", (const double[]){ y0, y1, size }, 3);
            fputc('\n', out);
        }
        put_record(out, "", (const double[]){ w->x0, w->x1 }, 2);
        fputc(' ', out);
        for (const char *s = w->text; *s; s++)
            if ((unsigned char)*s > ' ')
                fputc(*s, out);
        fputc('\n', out);
    }
}
