/*
 * Characters -> words.
 *
 * Poppler gives the page's text (poppler_page_get_text) and one rectangle
 * per character of it (poppler_page_get_text_layout).  A word is a run of
 * characters without white space; Poppler already inserts a space where the
 * gap between glyphs is wide, and we also cut a run where the next glyph
 * jumps to another line, so that no word spans two lines.  Font sizes come
 * from poppler_page_get_text_attributes, whose ranges index the same text.
 *
 * A word's text is valid UTF-8 without control characters whatever the PDF
 * maps its glyphs to: datasets and messages are UTF-8, and a control
 * character in a cell (a bell, a DEL, an escape of the C1 set) would reach
 * a spreadsheet or a terminal.  A control character separates words like a
 * space; a byte sequence that is not UTF-8 becomes U+FFFD, the replacement
 * character, inside its word, so that the reader sees that something was
 * there.
 */
#include <stdlib.h>
#include <string.h>
#include "extract_private.h"

typedef struct {
    extract_word *v;
    size_t n, cap;
    size_t max;               /* words kept at most; 0: no limit */
    size_t seen;              /* words found, kept or not */
    char *text;               /* the word being built, UTF-8 */
    size_t len, textcap;
} word_vec;

static void append_text(word_vec *w, const char *bytes, size_t n)
{
    if (w->textcap - w->len < n + 1) {
        size_t cap = w->textcap ? w->textcap : 64;
        while (cap - w->len < n + 1)
            cap *= 2;
        char *t = realloc(w->text, cap);
        if (!t)
            abort();
        w->text = t;
        w->textcap = cap;
    }
    memcpy(w->text + w->len, bytes, n);
    w->len += n;
    w->text[w->len] = '\0';
}

/* Ends the word being built.  Past the limit, words are only counted:
 * a page that holds too many is refused whole, and how many it held is
 * what the message tells. */
static void push_word(word_vec *w, const PopplerRectangle *box, double size)
{
    size_t bytes = w->len;
    const char *start = w->text;
    w->len = 0;
    if (w->max && ++w->seen > w->max)
        return;
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

/* White space, and control characters (C0, DEL and C1), which no cell
 * may hold and which stand between words where a PDF has them. */
static int is_space(gunichar c)
{
    return g_unichar_isspace(c) || c == 0x00A0 || c == 0x2007 ||
           c == 0x202F || g_unichar_iscntrl(c);
}

const char *extract_next_char(const char *p, gunichar *c)
{
    gunichar u = g_utf8_get_char_validated(p, -1);
    if (u != (gunichar)-1 && u != (gunichar)-2) {
        *c = u;
        return g_utf8_next_char(p);
    }
    /* Poppler writes any code point it was given in the UTF-8 pattern
     * (a lone surrogate, say, as three bytes), and each is one character
     * with one glyph box: the whole pattern is skipped when its bytes are
     * there, else the one byte. */
    *c = 0xFFFD;
    unsigned char lead = (unsigned char)*p;
    int more = lead >= 0xF8 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 :
               lead >= 0xC0 ? 1 : 0;
    int i = 1;
    while (i <= more && ((unsigned char)p[i] & 0xC0) == 0x80)
        i++;
    return i == more + 1 ? p + i : p + 1;
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

extract_word *extract_page_words(PopplerPage *page, size_t max_words,
                                 size_t *n, double *width, double *height,
                                 reading *dir)
{
    word_vec w = { .max = max_words };
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

    int in_word = 0;
    PopplerRectangle box = {0}, prev = {0};
    double size = 0;
    const char *p = text;
    for (guint i = 0; *p && i < nrects; i++) {
        gunichar c;
        const char *next = extract_next_char(p, &c);
        const PopplerRectangle *r = &rects[i];
        if (is_space(c)) {
            if (in_word)
                push_word(&w, &box, size);
            in_word = 0;
        } else if (in_word && breaks_word(&box, &prev, r)) {
            push_word(&w, &box, size);
            in_word = 0;
        }
        if (!is_space(c)) {
            if (!in_word) {
                in_word = 1;
                box = *r;
                size = size_at(&cursor, (int)i);
            } else {
                if (r->x1 < box.x1) box.x1 = r->x1;
                if (r->y1 < box.y1) box.y1 = r->y1;
                if (r->x2 > box.x2) box.x2 = r->x2;
                if (r->y2 > box.y2) box.y2 = r->y2;
            }
            if (c == 0xFFFD)
                append_text(&w, "\xEF\xBF\xBD", 3);
            else
                append_text(&w, p, (size_t)(next - p));
            prev = *r;
        }
        p = next;
    }
    if (in_word)
        push_word(&w, &box, size);

    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    free(w.text);
    if (w.max && w.seen > w.max) {
        for (size_t k = 0; k < w.n; k++)
            free(w.v[k].text);
        free(w.v);
        *n = w.seen;
        return NULL;
    }
    *n = w.n;
    return w.v;
}
