/*
 * One page of a table body -> rows of cells.
 *
 * The fragments of the page (fragments.c) are grouped into text levels:
 * fragments whose centres lie within a quarter pitch of each other.  A
 * row is a run of consecutive levels; the question is only where one row
 * ends and the next begins.
 *
 * Where the table's rows are distinct (table_measure.c), a row ends
 * exactly where the next level lies further than the pitch and a
 * tolerance below: inside a row no two levels are so far apart, between
 * two rows they always are.
 *
 * Where they are not (rows packed without padding, or no cell wrapping
 * anywhere), every way of cutting the levels into rows is weighed by
 * dynamic programming, under what is certain and what is likely:
 *
 * - certain (cell_links.c): two lines of a column that are surely one
 *   cell ("North" over "Carolina") are never parted, two that are surely
 *   two cells ("2/1/2017" over "2/3/2017") always are, and lines of one
 *   column further apart than the pitch belong to different rows;
 * - likely: every cell of a row sits as the row's short cells sit, at its
 *   top, centred or at its bottom (each of the three is tried, and the
 *   one that fits the page best is taken), and a row has the cells every
 *   row of its table has.  The first and last rows of a page are spared
 *   both tests, as they may be the parts of a row broken across pages.
 *   Between two cuttings that fit alike, the one with more whole rows
 *   wins: with nothing wrapped, each level is a row.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void row_join(char **cell, const char *text)
{
    size_t a = strlen(*cell), b = strlen(text);
    if (b == 0)
        return;
    /* Office software breaks "Wilkes-Barre" after its hyphen; a hyphen
     * standing alone ("Obscene Material -") is a word and keeps its space.
     * A soft hyphen (U+00AD) marks a word the software hyphenated itself:
     * it goes, and the halves join. */
    int glue = a >= 2 && (*cell)[a - 1] == '-' && (*cell)[a - 2] != ' ';
    if (a >= 2 && (unsigned char)(*cell)[a - 2] == 0xC2 &&
        (unsigned char)(*cell)[a - 1] == 0xAD) {
        a -= 2;
        (*cell)[a] = '\0';
        glue = 1;
    }
    char *s = realloc(*cell, a + b + 2);
    if (!s)
        abort();
    if (a && !glue)
        s[a++] = ' ';
    memcpy(s + a, text, b + 1);
    *cell = s;
}

void row_free(table_row *r)
{
    for (int c = 0; c < MAX_COLS; c++)
        free(r->cell[c]);
    free(r->box);
}

/* ---- levels ---------------------------------------------------------- */

typedef struct {
    double y;
    size_t first;             /* its fragments in BY_Y */
} level;

static const fragment *sort_base;

static int by_centre(const void *a, const void *b)
{
    const fragment *x = &sort_base[*(const size_t *)a], *y = &sort_base[*(const size_t *)b];
    return (x->yc > y->yc) - (x->yc < y->yc);
}

/* Sets every fragment's level; returns the levels, top to bottom. */
static level *levels_set(fragment *f, size_t nf, double within, int *nlevels)
{
    size_t *order = malloc((nf ? nf : 1) * sizeof *order);
    level *lv = malloc((nf ? nf : 1) * sizeof *lv);
    if (!order || !lv)
        abort();
    for (size_t i = 0; i < nf; i++)
        order[i] = i;
    sort_base = f;
    qsort(order, nf, sizeof *order, by_centre);
    int n = 0;
    double sum = 0;
    size_t members = 0;
    for (size_t k = 0; k < nf; k++) {
        fragment *x = &f[order[k]];
        if (n == 0 || x->yc - lv[n - 1].y > within) {
            if (n > 0)
                lv[n - 1].y = sum / (double)members;
            lv[n].y = x->yc;
            lv[n].first = k;
            n++;
            sum = 0;
            members = 0;
        }
        sum += x->yc;
        members++;
        x->level = n - 1;
    }
    if (n > 0)
        lv[n - 1].y = sum / (double)members;
    free(order);
    *nlevels = n;
    return lv;
}

/* ---- constraints between levels -------------------------------------- */

typedef struct {
    int lo, hi;               /* levels of the two lines */
    int sure;                 /* surely two cells, else likely */
} span;

/* The cost of going against a certainty about two lines: more than any
 * page's worth of doubtful alignments. */
#define BREACH 1000.0

/* The cost of going against a likelihood: keeping in one cell a line
 * whose first word had room on the line above, or parting a line from
 * the one above that it goes on in lower case.  More than a cell out of
 * line or missing. */
#define ROOM_ABOVE 2.0

/* The cost of parting a line from the one above it when the line above
 * was full: less than any other doubt, as the last line of a cell is now
 * and then full too. */
#define FULL_LINE 0.5

/* What taking the first or last lines of a page for a part of a row
 * broken across pages costs: a little more than a whole row is worth. */
#define PART 0.05

/* The cost of a row without the value every row begins (its date
 * declined, its count), or with two: beyond any doubt of alignment. */
#define ANCHOR 50.0

/* The weight of a row above the page that was cut short by the break. */
#define HELD_CUT 1.0

/* How much better one alignment must fit a page than the others for the
 * page to be set so whatever the pages before: cells out of line on
 * two rows of three. */
#define PAGE_CLEAR 6.0

/* What one more whole row is worth: it only settles a tie. */
#define ROW_BONUS 0.01

/* The most text levels one row may take: a cell of 30 lines, centred
 * against one of 29. */
#define MAX_ROW_LEVELS 64

typedef struct {
    const table_header *h;
    const table_geometry *g;
    const fragment *f;
    size_t nf;
    const level *lv;
    int n;                    /* levels */
    double *no_cut;           /* [n]: what parting rows below level i costs:
                                 the cells it would surely cut ... */
    double *doubt_cut;        /* [n]: ... and those it likely would */
    unsigned char *must_cut;  /* [n]: gap below level i parts rows */
    span *breaks;             /* pairs of levels that a cut must part, by lo */
    size_t nbreaks;
    size_t *break_from;       /* [n + 1]: breaks[break_from[l]..] have lo == l */
    /* Per column: its fragments' indices in F (top to bottom) and, for
     * each level, where its fragments at that level or below begin. */
    size_t colstart[MAX_COLS + 1];
    int *first_at;            /* [ncols][n + 1] */
    unsigned mandatory;       /* columns every row fills (bits) */
    int *anchors_to;          /* [n + 1]: values begun in the column every
                                 row fills with one (a date, a number),
                                 at levels before l; NULL: no such column */
    double state_weight;      /* missing state: 0 when states are grouped */
    int open_top, open_bottom;/* the first / last row may be part of one */
    const double *goes_on;    /* [ncols]: each column's first line goes on
                                 the row above the page (> 0) or not */
    int held_cut;             /* the row above the page was cut short */
    int half_lines;           /* some levels are half a pitch apart */
    int held_anchor;          /* ... and has begun its value (1), not (0) */
} page_rows;

/* Lines of a typed column that only together make a value ("Micronesia,"
 * over "Federated" over "States Of") are one cell: the gaps between them
 * are not cut.  Looked for over up to three lines above each line. */
static void values_across_lines(page_rows *pr)
{
    for (size_t i = 1; i < pr->nf; i++) {
        const fragment *b = &pr->f[i];
        char before[512] = "";
        for (size_t w = 1; w <= 3 && w <= i; w++) {
            const fragment *a = &pr->f[i - w];
            if (a->col != b->col || a->level == pr->f[i - w + 1].level)
                break;
            size_t la = strlen(a->text), lb = strlen(before);
            if (la + lb + 2 > sizeof before)
                break;
            memmove(before + la + (lb ? 1 : 0), before, lb + 1);
            memcpy(before, a->text, la);
            if (lb)
                before[la] = ' ';
            if (w > 1 && cell_completes(pr->h->role[b->col], before, b->text)) {
                for (int l = a->level; l < b->level; l++)
                    pr->no_cut[l] += BREACH;
                break;
            }
        }
    }
}

/* Levels further apart than the pitch are in different rows. */
static void cut_wide_gaps(page_rows *pr)
{
    const table_geometry *g = pr->g;
    double limit = g->pitch > 0 ? g->pitch + g->tolerance : 0;
    /* Distinct rows of no known pitch: no cell wraps, each level a row. */
    int each = g->distinct && g->pitch <= 0;
    for (int i = 0; i + 1 < pr->n; i++)
        if (each || (limit > 0 && pr->lv[i + 1].y - pr->lv[i].y > limit))
            pr->must_cut[i] = 1;
}

/* What the lines of each column say of the gaps between levels. */
static void constrain(page_rows *pr, size_t *cap)
{
    const table_geometry *g = pr->g;
    double limit = g->pitch > 0 ? g->pitch + g->tolerance : 0;
    for (size_t i = 0; i + 1 < pr->nf; i++) {
        const fragment *a = &pr->f[i], *b = &pr->f[i + 1];
        if (a->col != b->col || a->level == b->level)
            continue;
        link_kind k = cell_link(pr->h->role[a->col], a, b, &g->fit[a->col]);
        if (limit > 0 && b->yc - a->yc > limit && k != LINK_JOIN)
            k = LINK_BREAK;
        if (k == LINK_JOIN || k == LINK_LIKELY_JOIN || k == LINK_FULL_LINE) {
            /* Costs of parting the gaps: summed over the columns. */
            double w = k == LINK_JOIN ? BREACH : k == LINK_LIKELY_JOIN ? ROOM_ABOVE : FULL_LINE;
            for (int l = a->level; l < b->level; l++)
                if (k == LINK_JOIN)
                    pr->no_cut[l] += w;
                else
                    pr->doubt_cut[l] += w;
        } else if (k == LINK_BREAK || k == LINK_LIKELY_BREAK) {
            pr->breaks = grow(pr->breaks, cap, pr->nbreaks + 1, sizeof *pr->breaks);
            pr->breaks[pr->nbreaks++] = (span){ a->level, b->level, k == LINK_BREAK };
        }
    }
}

static int by_lo(const void *a, const void *b)
{
    return ((const span *)a)->lo - ((const span *)b)->lo;
}

/* The fragments of column C at levels S..E: [*from, *to) in F. */
static void column_range(const page_rows *pr, int c, int s, int e, size_t *from, size_t *to)
{
    const int *fa = pr->first_at + (size_t)c * (size_t)(pr->n + 1);
    *from = pr->colstart[c] + (size_t)fa[s];
    *to = pr->colstart[c] + (size_t)fa[e + 1];
}

/* The chain of column C in levels S..E: the centres of its first and
 * last lines and the levels they are on; 0 when the column is empty. */
static int chain(const page_rows *pr, int c, int s, int e, double *ct, double *cb,
                 int *lt, int *lb)
{
    size_t from, to;
    column_range(pr, c, s, e, &from, &to);
    if (from == to)
        return 0;
    *ct = pr->f[from].yc;
    *cb = pr->f[to - 1].yc;
    *lt = pr->f[from].level;
    *lb = pr->f[to - 1].level;
    return 1;
}

/* Cells of levels S..E out of the line ALIGN sets them on.  A centred
 * cell sits at the middle of its row, or, where the producer keeps to the
 * row's grid of lines (LibreOffice, on pages where no text is half a line
 * off it), that many whole lines down, rounded down: a cell of one line in
 * a row of two stays on the first. */
static int misaligned(const page_rows *pr, int s, int e, row_align align, double within)
{
    double top = pr->lv[s].y, bottom = pr->lv[e].y;
    double pitch = pr->g->pitch > 0 ? pr->g->pitch : 0;
    int n = 0;
    for (int c = 0; c < pr->h->ncols; c++) {
        double ct, cb;
        int lt, lb;
        if (!chain(pr, c, s, e, &ct, &cb, &lt, &lb))
            continue;
        double off = align == ROW_ALIGN_TOP ? ct - top
                   : align == ROW_ALIGN_BOTTOM ? cb - bottom
                   : (ct + cb) / 2 - (top + bottom) / 2;
        if (align == ROW_ALIGN_MIDDLE && pitch > 0 && !pr->half_lines &&
            (off > within || off < -within)) {
            double lines = (bottom - top) / pitch + 1, cell = (cb - ct) / pitch + 1;
            double down = (double)(long)((lines - cell) / 2 + 0.25);
            off = ct - (top + down * pitch);
        }
        n += off > within || off < -within;
    }
    return n;
}

/* Cells of a part of a centred row broken across pages that do not fit
 * it (BELOW: the part at the bottom of the page, above the break; else
 * the part at the top of the next): the cells the break did not cut share
 * the row's centre, which lies beyond the part's middle, towards the
 * break. */
static int off_centre_part(const page_rows *pr, int s, int e, int below, double within)
{
    double centres[MAX_COLS];
    int n = 0;
    /* A cell may go on past the break when its next line would not have
     * fitted before it: within a pitch of the part's edge (centred cells
     * of rows of odd and even heights are half a pitch apart). */
    double pitch = pr->g->pitch > 0 ? pr->g->pitch : pr->g->em;
    for (int c = 0; c < pr->h->ncols; c++) {
        double ct, cb;
        int lt, lb;
        if (!chain(pr, c, s, e, &ct, &cb, &lt, &lb))
            continue;
        int cut = below ? cb + pitch > pr->lv[e].y + within : ct - pitch < pr->lv[s].y - within;
        if (cut)
            continue;
        centres[n++] = (ct + cb) / 2;
    }
    if (n == 0)
        return 0;
    /* The centre most cells share. */
    double centre = centres[0];
    int best = 0;
    for (int i = 0; i < n; i++) {
        int k = 0;
        for (int j = 0; j < n; j++)
            k += centres[j] - centres[i] <= within && centres[i] - centres[j] <= within;
        if (k > best) {
            best = k;
            centre = centres[i];
        }
    }
    double middle = (pr->lv[s].y + pr->lv[e].y) / 2;
    int beyond = below ? centre >= middle - within : centre <= middle + within;
    return (n - best) + (beyond ? 0 : best);
}

/* Values begun in the column every row fills with one, in levels S..E:
 * -1 where the table has no such column. */
static int anchors_in(const page_rows *pr, int s, int e)
{
    return pr->anchors_to ? pr->anchors_to[e + 1] - pr->anchors_to[s] : -1;
}

/* How badly levels S..E fit as a whole row aligned ALIGN: each cell out
 * of line, each cell every row has that it lacks. */
static double whole_row(const page_rows *pr, int s, int e, row_align align, double within)
{
    double cost = misaligned(pr, s, e, align, within);
    for (int c = 0; c < pr->h->ncols; c++) {
        size_t from, to;
        column_range(pr, c, s, e, &from, &to);
        if (from == to && (pr->mandatory & (1u << c)))
            cost += pr->h->role[c] == COL_STATE ? pr->state_weight : 1;
    }
    /* Every row begins one value in the column every row fills with a
     * date or a number. */
    int begun = anchors_in(pr, s, e);
    if (begun >= 0 && begun != 1)
        cost += ANCHOR;
    return cost;
}

/* How badly levels S..E fit as the part of a row aligned ALIGN that a page
 * break cut: the part below the break when BELOW, else the part above.
 *
 * A part may lack cells every row has: the part below always (office
 * software sets the first lines of every cell above the break, the rest
 * of the tall ones below), the part above when short cells sit centred
 * or at the bottom and so may fall below the break.  Few rows break
 * across pages, so a part that lacks one is a little less likely than a
 * whole row.  Its cells keep their alignment where the page did not cut
 * them: office software sets both parts at the top; a row laid out whole
 * and cut keeps its tops above the break, its bottoms below (so that
 * every cell of the part above reaches the break), and its centred cells
 * around a centre beyond the break.  The part below takes the first lines
 * that go on the row above the page, and leaves those that do not. */
static double row_part(const page_rows *pr, int s, int e, row_align align, int below,
                       double within)
{
    double cost = 0;
    int lacks = 0;
    for (int c = 0; c < pr->h->ncols; c++) {
        size_t from, to;
        column_range(pr, c, s, e, &from, &to);
        if (from == to) {
            if ((pr->mandatory & (1u << c)) && pr->h->role[c] != COL_STATE)
                lacks = 1;
            if ((pr->mandatory & (1u << c)) && !below && align == ROW_ALIGN_TOP)
                cost += pr->h->role[c] == COL_STATE ? pr->state_weight : 1;
        } else if (below && from == pr->colstart[c]) {
            cost -= pr->goes_on[c];
        }
    }
    if (lacks)
        cost += PART;
    /* The row above the page was cut short by the break: its rest is
     * here, as surely as a cell that goes on. */
    if (below && pr->held_cut)
        cost -= HELD_CUT;
    if (align == ROW_ALIGN_TOP) {
        cost += misaligned(pr, s, e, ROW_ALIGN_TOP, within);
    } else {
        int at_top = misaligned(pr, s, e, ROW_ALIGN_TOP, within);
        int kept = align == ROW_ALIGN_BOTTOM ? misaligned(pr, s, e, ROW_ALIGN_BOTTOM, within)
                                             : off_centre_part(pr, s, e, !below, within);
        cost += at_top < kept ? at_top : kept;
    }
    /* One value begun in a row: the rest of a row that began its value
     * above the page begins none. */
    int begun = anchors_in(pr, s, e);
    if (begun > 1 || (below && begun == 1 && pr->held_anchor == 1))
        cost += ANCHOR;
    return cost;
}

/* How badly levels S..E fit as one row aligned ALIGN: a whole row, or,
 * at the top or bottom of a page that a table runs across, perhaps a part
 * of one broken by the page, whichever fits better. */
static double row_cost(const page_rows *pr, int s, int e, row_align align)
{
    /* Centred cells of rows of an odd and an even number of lines are a
     * quarter pitch off centre when a row takes half a level too much or
     * too little: an eighth of a pitch tells them apart. */
    double within = pr->g->pitch > 0 ? pr->g->pitch / 8 : pr->g->em / 8;
    int top_edge = s == 0 && pr->open_top, bottom_edge = e == pr->n - 1 && pr->open_bottom;
    /* More rows win a tie, but not by cutting a part of a row broken
     * across pages into more parts. */
    if (!top_edge && !bottom_edge)
        return whole_row(pr, s, e, align, within) - ROW_BONUS;
    if (top_edge && bottom_edge)
        return anchors_in(pr, s, e) > 1 ? ANCHOR : 0;
    double whole = whole_row(pr, s, e, align, within);
    double part = row_part(pr, s, e, align, top_edge, within);
    return whole < part ? whole : part;
}

/* The best cutting for ALIGN: fills CUT_AFTER (1 = a row ends at that
 * level) and returns its cost. */
static double cut_rows(const page_rows *pr, row_align align, unsigned char *cut_after)
{
    if (pr->n <= 0)
        return 0;
    size_t n = (size_t)pr->n;
    double *best = malloc((n + 1) * sizeof *best);
    int *from = malloc((n + 1) * sizeof *from);
    if (!best || !from)
        abort();
    best[0] = 0;
    for (int e = 0; e < (int)n; e++) {
        best[e + 1] = 1e30;
        from[e + 1] = -1;
        /* Pairs of lines surely in two cells that levels s..e hold, counted
         * as s moves up.  Certainties may contradict each other (a cell
         * that is no value at all can seem to complete another), so a
         * breach is only dear, never impossible: the cutting that breaks
         * the fewest wins. */
        double held = 0;
        for (int s = e; s >= 0 && e - s < MAX_ROW_LEVELS; s--) {
            if (s < e && pr->must_cut[s])
                break;                        /* no row reaches across */
            for (size_t k = pr->break_from[s]; k < pr->break_from[s + 1]; k++)
                if (pr->breaks[k].hi <= e)
                    held += pr->breaks[k].sure ? BREACH : ROOM_ABOVE;
            if (best[s] >= 1e30)
                continue;
            double c = best[s] + row_cost(pr, s, e, align) + held;
            if (s > 0)
                c += pr->no_cut[s - 1] + pr->doubt_cut[s - 1];
            if (c < best[e + 1]) {
                best[e + 1] = c;
                from[e + 1] = s;
            }
        }
    }
    double total = best[n];
    memset(cut_after, 0, n);
    for (int e = (int)n; e > 0; e = from[e]) {
        cut_after[e - 1] = 1;
        /* The cost without the bonus of whole rows: how badly the page
         * fits ALIGN, to weigh against the other alignments. */
        int s = from[e];
        if (!((s == 0 && pr->open_top) || (e == (int)n && pr->open_bottom)))
            total += ROW_BONUS;
    }
    free(best);
    free(from);
    return total;
}

level_span *rows_find(const table_header *h, const table_geometry *g,
                      fragment *f, size_t nf, page_context *ctx,
                      row_align *used, size_t *nrows)
{
    int open_top = ctx->open_top, open_bottom = ctx->open_bottom;
    row_align prefer = ctx->prefer;
    double *so_far = ctx->so_far;
    *nrows = 0;
    *used = prefer;
    if (nf == 0)
        return NULL;
    page_rows pr = { .h = h, .g = g, .f = f, .nf = nf,
                     .open_top = open_top, .open_bottom = open_bottom,
                     .goes_on = ctx->goes_on, .held_cut = ctx->held_cut,
                     .held_anchor = ctx->held_anchor };
    level *lv = levels_set(f, nf, g->pitch > 0 ? g->pitch / 4 : g->em / 5, &pr.n);
    pr.lv = lv;
    int n = pr.n;
    for (int l = 0; l + 1 < n && g->pitch > 0; l++) {
        double gap = lv[l + 1].y - lv[l].y;
        pr.half_lines |= gap > g->pitch / 2 - g->tolerance && gap < g->pitch / 2 + g->tolerance;
    }
    pr.no_cut = calloc((size_t)n + 1, sizeof *pr.no_cut);
    pr.doubt_cut = calloc((size_t)n + 1, sizeof *pr.doubt_cut);
    pr.must_cut = calloc((size_t)n, 1);
    unsigned char *cut = malloc((size_t)n), *trial = malloc((size_t)n);
    pr.first_at = malloc((size_t)h->ncols * (size_t)(n + 1) * sizeof *pr.first_at);
    if (!pr.no_cut || !pr.doubt_cut || !pr.must_cut || !cut || !trial || !pr.first_at)
        abort();

    /* F is sorted by column, then centre: each column's run, and where in
     * it each level begins. */
    size_t i = 0;
    for (int c = 0; c < h->ncols; c++) {
        pr.colstart[c] = i;
        int *fa = pr.first_at + (size_t)c * (size_t)(n + 1);
        size_t k = i;
        for (int l = 0; l <= n; l++) {
            while (k < nf && f[k].col == c && f[k].level < l)
                k++;
            fa[l] = (int)(k - i);
        }
        while (i < nf && f[i].col == c)
            i++;
    }
    pr.colstart[h->ncols] = i;
    for (int c = 0; c < h->ncols; c++)
        if (table_column_mandatory(h, c))
            pr.mandatory |= 1u << c;
    pr.state_weight = g->grouped ? 0 : 0.5;
    cut_wide_gaps(&pr);
    /* Distinct rows part at the wide gaps alone: what the lines say is
     * weighed only where rows are packed close. */
    int anchor = g->distinct ? -1 : table_anchor_column(h);
    if (anchor >= 0) {
        pr.anchors_to = calloc((size_t)n + 1, sizeof *pr.anchors_to);
        if (!pr.anchors_to)
            abort();
        for (size_t k = pr.colstart[anchor]; k < pr.colstart[anchor + 1]; k++)
            if (begins_value(&f[k], h->role[anchor]))
                pr.anchors_to[f[k].level + 1]++;
        for (int l = 0; l < n; l++)
            pr.anchors_to[l + 1] += pr.anchors_to[l];
    }
    size_t bcap = 0;
    if (!g->distinct) {
        constrain(&pr, &bcap);
        values_across_lines(&pr);
    }
    if (pr.nbreaks)
        qsort(pr.breaks, pr.nbreaks, sizeof *pr.breaks, by_lo);
    pr.break_from = calloc((size_t)n + 1, sizeof *pr.break_from);
    if (!pr.break_from)
        abort();
    for (size_t k = 0, l = 0; l <= (size_t)n; l++) {
        while (k < pr.nbreaks && pr.breaks[k].lo < (int)l)
            k++;
        pr.break_from[l] = k;
    }
    if (g->distinct) {
        for (int l = 0; l < n; l++)
            cut[l] = l == n - 1 || pr.must_cut[l];
    } else {
        /* The alignment that fits this page and the pages before it
         * best (SO_FAR holds their costs), the table's so far winning a
         * tie: a page may fit two alignments alike.  A page that fits one
         * far better than the others is set so, whatever the pages before
         * (office software does not set every page of a table alike). */
        row_align order[3] = { prefer, ROW_ALIGN_TOP, ROW_ALIGN_MIDDLE };
        if (prefer == ROW_ALIGN_TOP)
            order[1] = ROW_ALIGN_MIDDLE;
        order[2] = (row_align)(3 - order[0] - order[1]);
        double page_cost[3], best = 1e31;
        for (int a = 0; a < 3; a++)
            page_cost[order[a]] = cut_rows(&pr, order[a], a == 0 ? cut : trial);
        for (int a = 0; a < 3; a++) {
            double c = so_far[order[a]] + page_cost[order[a]];
            if (c < best - 1e-9) {
                best = c;
                *used = order[a];
            }
        }
        for (int a = 0; a < 3; a++) {
            int clear = 1;
            for (int b = 0; b < 3; b++)
                clear &= a == b || page_cost[a] + PAGE_CLEAR <= page_cost[b];
            if (clear)
                *used = (row_align)a;
        }
        if (*used != order[0])
            cut_rows(&pr, *used, cut);
        for (int a = 0; a < 3; a++)
            so_far[a] += page_cost[a];
    }
    /* Whether the last row, where a table goes on over the page, is the
     * part of a row cut short by the break rather than a whole one (its
     * short cells at its top, in a table that sets them lower). */
    ctx->last_cut = 0;
    if (open_bottom && n > 0) {
        int s = n - 1;
        while (s > 0 && !cut[s - 1])
            s--;
        double within = g->pitch > 0 ? g->pitch / 8 : g->em / 8;
        ctx->last_cut = *used != ROW_ALIGN_TOP &&
                        whole_row(&pr, s, n - 1, *used, within) >= 1 &&
                        misaligned(&pr, s, n - 1, ROW_ALIGN_TOP, within) == 0;
    }
    level_span *rows = NULL;
    size_t cap = 0;
    int start = 0;
    for (int l = 0; l < n; l++)
        if (cut[l]) {
            rows = grow(rows, &cap, *nrows + 1, sizeof *rows);
            rows[(*nrows)++] = (level_span){ start, l, lv[start].y, lv[l].y };
            start = l + 1;
        }
    free(pr.anchors_to);
    free(pr.no_cut);
    free(pr.doubt_cut);
    free(pr.must_cut);
    free(pr.breaks);
    free(pr.break_from);
    free(pr.first_at);
    free(cut);
    free(trial);
    free(lv);
    return rows;
}
