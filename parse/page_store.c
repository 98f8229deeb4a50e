/*
 * Pages packed away until the end of the report.
 *
 * The parser must see every page before it can tell running headers from
 * data (they are known by their repetition), so it keeps all pages until
 * the end; a 400-page report would otherwise keep a few hundred thousand
 * small allocations.  A page is packed into one buffer instead:
 *
 *     per line:  u32 word count, float x0 y0 x1 y1
 *     per word:  float x0 y0 x1 y1 size, the text and its NUL
 *
 * Single precision keeps positions to a hundredth of a millimetre on any
 * page size, far finer than any distance the parser compares.  The flags
 * of the lines live beside the buffer, so that furniture decided over the
 * whole document marks the packed lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct {
    unsigned char *data;
    size_t len, cap;
} packer;

static void put(packer *k, const void *p, size_t n)
{
    k->data = grow(k->data, &k->cap, k->len + n, 1);
    memcpy(k->data + k->len, p, n);
    k->len += n;
}

static void put_box(packer *k, double x0, double y0, double x1, double y1)
{
    float f[4] = { (float)x0, (float)y0, (float)x1, (float)y1 };
    put(k, f, sizeof f);
}

void page_pack(ppage *pg, const pline *lines, size_t n)
{
    packer k = { 0 };
    for (size_t i = 0; i < n; i++) {
        const pline *l = &lines[i];
        uint32_t count = (uint32_t)l->n;
        put(&k, &count, sizeof count);
        put_box(&k, l->x0, l->y0, l->x1, l->y1);
        for (size_t w = 0; w < l->n; w++) {
            const pword *pw = &l->w[w];
            put_box(&k, pw->x0, pw->y0, pw->x1, pw->y1);
            float size = (float)pw->size;
            put(&k, &size, sizeof size);
            put(&k, pw->text, strlen(pw->text) + 1);
        }
    }
    /* The buffer grew by doubling; it is kept at its size. */
    pg->packed = k.len ? realloc(k.data, k.len) : k.data;
    if (k.len && !pg->packed)
        pg->packed = k.data;
    pg->len = k.len;
    pg->nlines = n;
    pg->flags = calloc(n ? n : 1, 1);
    if (!pg->flags)
        abort();
    for (size_t i = 0; i < n; i++)
        pg->flags[i] = (unsigned char)lines[i].flags;
}

static const unsigned char *get_box(const unsigned char *p, double *x0,
                                    double *y0, double *x1, double *y1)
{
    float f[4];
    memcpy(f, p, sizeof f);
    *x0 = f[0]; *y0 = f[1]; *x1 = f[2]; *y1 = f[3];
    return p + sizeof f;
}

char *words_join(const pword *w, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(w[i].text) + 1;
    char *s = malloc(len), *o = s;
    if (!s)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (i)
            *o++ = ' ';
        size_t k = strlen(w[i].text);
        memcpy(o, w[i].text, k);
        o += k;
    }
    *o = '\0';
    return s;
}

pline *page_unpack(const ppage *pg, int number)
{
    pline *lines = calloc(pg->nlines ? pg->nlines : 1, sizeof *lines);
    if (!lines)
        abort();
    const unsigned char *p = pg->packed;
    for (size_t i = 0; i < pg->nlines; i++) {
        pline *l = &lines[i];
        uint32_t count;
        memcpy(&count, p, sizeof count);
        p += sizeof count;
        p = get_box(p, &l->x0, &l->y0, &l->x1, &l->y1);
        l->page = number;
        l->n = count;
        l->flags = pg->flags[i];
        l->w = malloc((count ? count : 1) * sizeof *l->w);
        if (!l->w)
            abort();
        for (size_t w = 0; w < count; w++) {
            pword *pw = &l->w[w];
            p = get_box(p, &pw->x0, &pw->y0, &pw->x1, &pw->y1);
            float size;
            memcpy(&size, p, sizeof size);
            pw->size = size;
            p += sizeof size;
            /* The texts stay in the packed buffer, which outlives the
             * unpacked page. */
            pw->text = (char *)p;
            p += strlen((const char *)p) + 1;
        }
        l->text = words_join(l->w, l->n);
    }
    return lines;
}

void page_lines_free(pline *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(lines[i].w);
        free(lines[i].text);
    }
    free(lines);
}

void page_release(ppage *pg)
{
    free(pg->packed);
    free(pg->flags);
    pg->packed = pg->flags = NULL;
    pg->len = pg->nlines = 0;
}
