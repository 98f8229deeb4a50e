/*
 * Characters -> words.
 *
 * Poppler gives the page's text (poppler_page_get_text) and one rectangle
 * per character of it (poppler_page_get_text_layout).  A word is a run of
 * characters without white space; Poppler already inserts a space where the
 * gap between glyphs is wide, and we also cut a run where the next glyph
 * jumps to another line, so that no word spans two lines.  Font sizes come
 * from poppler_page_get_text_attributes, whose ranges index the same text.
 */
#include <stdlib.h>
#include <string.h>
#include "extract_private.h"

typedef struct {
    extract_word *v;
    size_t n, cap;
} word_vec;

static void push_word(word_vec *w, const char *start, size_t bytes,
                      const PopplerRectangle *box, double size)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 256;
        extract_word *nv = realloc(w->v, w->cap * sizeof *nv);
        if (!nv)
            abort();
        w->v = nv;
    }
    extract_word *o = &w->v[w->n++];
    o->text = malloc(bytes + 1);
    if (!o->text)
        abort();
    memcpy(o->text, start, bytes);
    o->text[bytes] = '\0';
    /* Fonts of office suites set "fi", "ffi" and the like as one glyph,
     * which some PDFs map to a ligature character: compatibility
     * normalisation spells the letters out, as any reader of the text
     * would ("Traffic", not "Tra\uFB03c"). */
    for (size_t i = 0; i < bytes; i++)
        if ((unsigned char)o->text[i] >= 0x80) {
            char *norm = g_utf8_normalize(o->text, -1, G_NORMALIZE_NFKC);
            if (norm) {
                free(o->text);
                o->text = strdup(norm);
                g_free(norm);
                if (!o->text)
                    abort();
            }
            break;
        }
    o->x0 = box->x1; o->y0 = box->y1;
    o->x1 = box->x2; o->y1 = box->y2;
    o->size = size;
}

static int is_space(gunichar c)
{
    return g_unichar_isspace(c) || c == 0x00A0 || c == 0x2007 || c == 0x202F;
}

/* Poppler's text joins neighbouring blocks (two table cells, say) without
 * any separator, so a word also ends where the next glyph is not where the
 * next glyph of the same word would be: its vertical centre leaves the
 * word's band, it steps back, or it stands apart by more than a sliver of
 * its height (glyphs of one word abut; Poppler spaces real word gaps). */
static int breaks_word(const PopplerRectangle *word, const PopplerRectangle *prev,
                       const PopplerRectangle *c)
{
    double mid = (c->y1 + c->y2) / 2;
    double h = c->y2 - c->y1;
    if (mid < word->y1 || mid > word->y2)
        return 1;
    return c->x1 < prev->x2 - 0.5 * h || c->x1 > prev->x2 + 0.2 * h;
}

/* Font size of character I, walking the sorted attribute ranges once. */
static double size_at(GList **attr, int i)
{
    while (*attr && ((PopplerTextAttributes *)(*attr)->data)->end_index < i)
        *attr = (*attr)->next;
    if (*attr) {
        PopplerTextAttributes *a = (*attr)->data;
        if (a->start_index <= i)
            return a->font_size;
    }
    return 0;
}

extract_word *extract_page_words(PopplerPage *page, size_t *n,
                                 double *width, double *height, reading *dir)
{
    word_vec w = {0};
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    *n = 0;
    if (dir)
        *dir = READ_RIGHT;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
        g_free(text);
        g_free(rects);
        return NULL;
    }
    reading turned = extract_upright(text, rects, nrects, width, height);
    if (dir)
        *dir = turned;
    GList *attrs = poppler_page_get_text_attributes(page);
    GList *cursor = attrs;

    const char *start = NULL;     /* first byte of the word being built */
    PopplerRectangle box = {0}, prev = {0};
    double size = 0;
    const char *p = text;
    for (guint i = 0; *p && i < nrects; i++) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        const char *next = g_utf8_next_char(p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            /* Invalid UTF-8 from a broken font map: skip the byte. */
            next = p + 1;
            c = ' ';
        }
        const PopplerRectangle *r = &rects[i];
        if (is_space(c) || c < 0x20) {
            if (start)
                push_word(&w, start, (size_t)(p - start), &box, size);
            start = NULL;
        } else if (start && breaks_word(&box, &prev, r)) {
            push_word(&w, start, (size_t)(p - start), &box, size);
            start = NULL;
        }
        if (!is_space(c) && c >= 0x20) {
            if (!start) {
                start = p;
                box = *r;
                size = size_at(&cursor, (int)i);
            } else {
                if (r->x1 < box.x1) box.x1 = r->x1;
                if (r->y1 < box.y1) box.y1 = r->y1;
                if (r->x2 > box.x2) box.x2 = r->x2;
                if (r->y2 > box.y2) box.y2 = r->y2;
            }
            prev = *r;
        }
        p = next;
    }
    if (start)
        push_word(&w, start, (size_t)(p - start), &box, size);

    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    *n = w.n;
    return w.v;
}
