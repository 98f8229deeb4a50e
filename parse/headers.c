/*
 * Table header rows, recognised by what they say.
 *
 * Header wording, column order and widths changed between editions, so a
 * header is found by meaning: the words of one to three adjacent lines are
 * stacked into header cells (words on different lines that overlap
 * horizontally belong to one cell: "Notable Criminal" over "Activity"),
 * then the left-to-right sequence of stacks is split into cells whose text
 * each is one phrase of the header vocabulary (header_vocabulary.c) in
 * full.  The split is found by dynamic
 * programming, because header cells of one line can stand closer together
 * than the words of one cell ("Citizenship Notable Criminal Activity").
 * A header is accepted when every stack is used and the columns a table
 * kind needs are all there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "internal.h"

static const char *const ROLE_NAME[COL_NROLES] = {
    "state", "county", "facility", "citizenship", "crime", "status",
    "issued", "declined", "rank", "count", "policy"
};

const char *col_role_name(col_role r)
{
    return (unsigned)r < COL_NROLES ? ROLE_NAME[r] : "";
}

/* The columns each table kind may have, and those it must have. */
static const struct {
    col_role may[8];
    int nmay;
    col_role must[3];
} KIND[TABLE_NKINDS] = {
    [TABLE_TOP] = { { COL_RANK, COL_STATE, COL_COUNTY, COL_COUNT }, 4,
                    { COL_STATE, COL_COUNTY, COL_COUNT } },
    [TABLE_DECLINED] = { { COL_STATE, COL_COUNTY, COL_FACILITY, COL_CITIZENSHIP,
                           COL_CRIME, COL_STATUS, COL_ISSUED, COL_DECLINED }, 8,
                         { COL_STATE, COL_COUNTY, COL_DECLINED } },
    [TABLE_POLICY] = { { COL_STATE, COL_COUNTY, COL_POLICY }, 3,
                       { COL_STATE, COL_COUNTY, COL_POLICY } },
};

/* The roles whose phrases TEXT is (header_vocabulary.c), as a bit set. */
static unsigned roles_of(const char *text)
{
    return header_phrase_roles(text);
}

void headers_cleanup(void)
{
    header_vocabulary_cleanup();
}

static int vocab_word(const char *w)
{
    return header_vocabulary_word(w);
}

/* A cheap test before the full match, which runs for every line of every
 * table: a header's first line holds no digit (data rows have dates,
 * ranks and counts) and is mostly header vocabulary (prose is not). */
static int mostly_header_words(const pline *line)
{
    for (size_t i = 0; i < line->n; i++)
        if (strpbrk(line->w[i].text, "0123456789"))
            return 0;
    size_t hits = 0;
    for (size_t i = 0; i < line->n; i++) {
        hits += (size_t)vocab_word(line->w[i].text);
        if (2 * (hits + (line->n - i - 1)) < line->n)
            return 0;             /* half can no longer be reached */
    }
    return hits >= 1 && 2 * hits >= line->n;
}

int header_like(const pline *line)
{
    if (line->n == 0)
        return 0;
    for (size_t i = 0; i < line->n; i++)
        if (!vocab_word(line->w[i].text))
            return 0;
    return 1;
}

/* ---- stacks: header words grouped across the lines of the band ---- */

#define MAX_WORDS 64
#define MAX_GROUP 6           /* stacks one header cell may span */
#define MAX_BAND 6            /* lines one header row may span */

typedef struct {
    const pword *w;
    int line;                 /* index within the band */
    int stack;
} band_word;

static int find(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static int by_line_then_x(const void *a, const void *b)
{
    const band_word *x = a, *y = b;
    if (x->line != y->line)
        return x->line - y->line;
    return (x->w->x0 > y->w->x0) - (x->w->x0 < y->w->x0);
}

typedef struct {
    double x0, x1;
    double em;                /* type size of its first word */
    int first, count;         /* its words in the sorted band array */
} stack;

/* The widest gap between two stacks of one header cell, in ems: a space
 * is a third of an em or less, and justified or spread headers are not
 * set with more than a few. */
#define CELL_GAP 1.5

static int by_x0(const void *a, const void *b)
{
    const stack *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Text of stacks S[from..to), words by line then left to right. */
static void group_text(const band_word *bw, const stack *s, int from, int to,
                       char *out, size_t cap)
{
    const band_word *pick[MAX_WORDS];
    int n = 0;
    for (int k = from; k < to; k++)
        for (int i = 0; i < s[k].count; i++)
            pick[n++] = &bw[s[k].first + i];
    /* order by line, then x (insertion sort: a handful of words) */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && by_line_then_x(pick[j - 1], pick[j]) > 0; j--) {
            const band_word *t = pick[j]; pick[j] = pick[j - 1]; pick[j - 1] = t;
        }
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t k = strlen(pick[i]->w->text);
        if (len + k + 2 >= cap)
            break;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, pick[i]->w->text, k);
        len += k;
        out[len] = '\0';
    }
}

/* Tries kind K on the stacks, given MASK[i][g] = the roles whose phrases
 * the text of stacks i-g .. i is; fills H on success.  Every stack is used,
 * no column is named twice ("Detainers" and "Issued" each could name the
 * count column, together they name it once), and of the ways to cut the
 * stacks into cells the one with the most cells wins. */
static int segment(table_kind k, unsigned mask[][MAX_GROUP], const stack *s,
                   int m, table_header *h, int span[][2])
{
    /* reach[i][set]: stacks 0..i-1 make cells of exactly the roles SET
     * (bit q: KIND[k].may[q]); from_j / from_q: the last cell's first
     * stack and role. */
    enum { SETS = 1 << 8 };
    static unsigned char reach[MAX_WORDS + 1][SETS], from_j[MAX_WORDS + 1][SETS];
    static unsigned char from_q[MAX_WORDS + 1][SETS];
    int nmay = KIND[k].nmay;
    unsigned sets = 1u << nmay;
    for (int i = 0; i <= m; i++)
        memset(reach[i], 0, sets);
    reach[0][0] = 1;
    for (int i = 1; i <= m; i++)
        for (int j = i - 1; j >= 0 && i - j <= MAX_GROUP; j--) {
            unsigned roles = mask[i - 1][i - j - 1];
            for (int q = 0; q < nmay; q++) {
                if (!(roles & (1u << KIND[k].may[q])))
                    continue;
                for (unsigned set = 0; set < sets; set++) {
                    unsigned to = set | 1u << q;
                    if (!reach[j][set] || (set & 1u << q) || reach[i][to])
                        continue;
                    reach[i][to] = 1;
                    from_j[i][to] = (unsigned char)j;
                    from_q[i][to] = (unsigned char)q;
                }
            }
        }
    unsigned must = 0;
    for (int i = 0; i < 3; i++)
        for (int q = 0; q < nmay; q++)
            if (KIND[k].may[q] == KIND[k].must[i])
                must |= 1u << q;
    int best = -1, cells = 0;
    for (unsigned set = 0; set < sets; set++) {
        if (!reach[m][set] || (set & must) != must)
            continue;
        int n = __builtin_popcount(set);
        if (n > cells) {
            best = (int)set;
            cells = n;
        }
    }
    if (best < 0 || cells < 2 || cells > MAX_COLS)
        return 0;
    h->kind = k;
    h->ncols = cells;
    unsigned set = (unsigned)best;
    for (int i = m, c = cells - 1; i > 0; c--) {
        int j = from_j[i][set], q = from_q[i][set];
        h->role[c] = KIND[k].may[q];
        span[c][0] = j;
        span[c][1] = i;
        unsigned others = 0;
        for (int r = 0; r < nmay; r++)
            others |= r != q && (mask[i - 1][i - j - 1] & (1u << KIND[k].may[r]));
        h->either[c] = (unsigned char)(others != 0);
        h->x0[c] = s[j].x0;
        h->x1[c] = s[j].x1;
        for (int t = j; t < i; t++)
            if (s[t].x1 > h->x1[c])
                h->x1[c] = s[t].x1;
        set &= ~(1u << q);
        i = j;
    }
    return 1;
}

/* CUT: the band is the last lines of its page, where a header row broken
 * by the page may show only the first words of some of its cells. */
static int try_band(pline *const *lines, size_t nl, int cut, table_header *h)
{
    band_word bw[MAX_WORDS];
    int parent[MAX_WORDS];
    int n = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t i = 0; i < lines[l]->n; i++) {
            if (n == MAX_WORDS)
                return 0;
            bw[n].w = &lines[l]->w[i];
            bw[n].line = (int)l;
            n++;
        }
    if (n < 2)
        return 0;
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (bw[i].line != bw[j].line &&
                bw[i].w->x0 < bw[j].w->x1 && bw[j].w->x0 < bw[i].w->x1)
                parent[find(parent, i)] = find(parent, j);

    /* Sort words so that each stack's words are contiguous. */
    for (int i = 0; i < n; i++)
        bw[i].stack = find(parent, i);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && bw[j - 1].stack > bw[j].stack; j--) {
            band_word t = bw[j]; bw[j] = bw[j - 1]; bw[j - 1] = t;
        }
    stack s[MAX_WORDS];
    int m = 0;
    for (int i = 0; i < n;) {
        int j = i;
        s[m].x0 = bw[i].w->x0;
        s[m].x1 = bw[i].w->x1;
        while (j < n && bw[j].stack == bw[i].stack) {
            if (bw[j].w->x0 < s[m].x0) s[m].x0 = bw[j].w->x0;
            if (bw[j].w->x1 > s[m].x1) s[m].x1 = bw[j].w->x1;
            j++;
        }
        s[m].first = i;
        s[m].count = j - i;
        s[m].em = bw[i].w->size > 0 ? bw[i].w->size : 10;
        m++;
        i = j;
    }
    qsort(s, (size_t)m, sizeof *s, by_x0);

    /* Which roles each run of up to MAX_GROUP stacks could be. */
    unsigned mask[MAX_WORDS][MAX_GROUP];
    char text[512];
    for (int i = 0; i < m; i++) {
        int apart = 0;
        for (int g = 0; g < MAX_GROUP; g++) {
            mask[i][g] = 0;
            if (i - g < 0)
                continue;
            /* The words of one cell on one line are a space apart; stacks
             * further apart than a few spaces are two cells ("Detainer
             * Issued" and "Date Declined", not "Detainer Issued Date"). */
            if (g > 0 && s[i - g + 1].x0 - s[i - g].x1 > CELL_GAP * s[i - g].em)
                apart = 1;
            if (apart)
                continue;
            group_text(bw, s, i - g, i + 1, text, sizeof text);
            mask[i][g] = roles_of(text) | (cut ? header_start_roles(text) : 0);
        }
    }

    /* Zeroed: a header is copied whole, its columns past ncols too. */
    table_header best = {0}, cand = {0};
    int found = 0, span[MAX_COLS][2], best_span[MAX_COLS][2];
    for (int k = 0; k < TABLE_NKINDS; k++)
        if (segment((table_kind)k, mask, s, m, &cand, span) &&
            (!found || cand.ncols > best.ncols)) {
            best = cand;
            memcpy(best_span, span, sizeof span);
            found = 1;
        }
    if (found) {
        best.nlines = nl;
        for (int c = 0; c < best.ncols; c++)
            group_text(bw, s, best_span[c][0], best_span[c][1], best.text[c],
                       sizeof best.text[c]);
        *h = best;
    }
    return found;
}

/* Whether WORD is a word of TEXT, without regard to case. */
static int has_word(const char *text, const char *word)
{
    size_t n = strlen(word), k;
    for (const char *w; (w = word_next(&text, &k));)
        if (k == n && strncasecmp(w, word, n) == 0)
            return 1;
    return 0;
}

int header_rest(const table_header *h, const pline *line)
{
    if (line->n == 0)
        return 0;
    for (size_t i = 0; i < line->n; i++) {
        const pword *w = &line->w[i];
        int c = 0;
        while (c < h->ncols && !(w->x0 < h->x1[c] + 1 && w->x1 > h->x0[c] - 1))
            c++;
        if (c == h->ncols)
            return 0;
        char joined[160];
        snprintf(joined, sizeof joined, "%s %s", h->text[c], w->text);
        if (!has_word(h->text[c], w->text) &&
            !(header_phrase_roles(joined) & (1u << h->role[c])))
            return 0;
    }
    return 1;
}

int header_match(pline *const *lines, size_t n, table_header *h)
{
    if (n == 0 || lines[0]->n == 0 || !mostly_header_words(lines[0]))
        return 0;
    /* The band: up to MAX_BAND lines, each close below the one before
     * (cells of one, two and three lines centred vertically against each
     * other print on up to five distinct lines). */
    size_t band = 1;
    while (band < MAX_BAND && band < n) {
        const pline *a = lines[band - 1], *b = lines[band];
        double em = a->n ? a->w[0].size : 10;
        if (b->page != a->page || b->y0 - a->y1 > 0.8 * em ||
            !mostly_header_words(b))
            break;
        band++;
    }
    /* The widest band that is wholly a header: a data line below a header
     * does not match column patterns, so it cannot be taken in (one made
     * of header words only, "County" under "Travis", can be tried). */
    for (size_t k = band; k >= 1; k--)
        if (try_band(lines, k, k == n, h))
            return 1;
    return 0;
}
