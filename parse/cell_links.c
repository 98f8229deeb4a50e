/*
 * Two lines of one column, one above the other: the same cell, or two?
 *
 * Where the page's geometry cannot tell (rows packed as close as the
 * lines of a wrapped cell), what the lines say often can:
 *
 * - a line that ends in a word broken at its hyphen ("Wilkes-") goes on;
 * - in a column of states, dates or numbers, a value that is not whole
 *   ("North", "District of", "Feb. 11,") goes on when the next line
 *   completes it, and a whole value followed by the start of another
 *   ("Texas" over "Iowa", "2/1/2017" over "2/3/2017") is two cells;
 * - in a column of countries, "Dominican" over "Republic" is one cell
 *   when together they name a country and apart the first does not;
 * - office software breaks lines greedily: a line is cut only when the
 *   next word does not fit.  So when the first word of the lower line
 *   would have fitted on the upper one, in a column at least as wide as
 *   its widest line, the lower line likely starts a new cell.  Likely,
 *   not surely: other typesetters (TeX) break lines for an even right
 *   edge, and cut a line before it is full.
 *
 * - a line that begins in lower case likely goes on the sentence above,
 *   and one of the words that end a name ("County", "Detention Center")
 *   the name above; the name of a facility that does not yet end with
 *   the kind of institution ("Hudson County") goes on;
 *   and a line with no room left for the next line's first word was
 *   perhaps wrapped (the last line of a cell is full only by chance).
 *
 * Anything else is unknown, and left to the geometry of the row.
 */
#include <string.h>
#include <strings.h>
#include "internal.h"
#include "cells.h"

/* Whether TEXT ends in a word broken after its hyphen ("Miami-"), or a
 * soft hyphen (U+00AD), rather than a hyphen standing alone. */
static int ends_broken_word(const char *text)
{
    size_t n = strlen(text);
    if (n >= 2 && (unsigned char)text[n - 2] == 0xC2 && (unsigned char)text[n - 1] == 0xAD)
        return 1;
    return n >= 2 && text[n - 1] == '-' && text[n - 2] != ' ';
}

typedef enum { PART_NONE, PART_WHOLE, PART_START } part;

static part state_part(const char *t)
{
    if (cells_state_code(t))
        return PART_WHOLE;
    return cells_state_prefix(t) ? PART_START : PART_NONE;
}

static part date_part(const char *t)
{
    char iso[11];
    if (cells_date(t, iso))
        return PART_WHOLE;
    return cells_date_prefix(t) ? PART_START : PART_NONE;
}

static part number_part(const char *t)
{
    long v;
    return cells_integer(t, &v) ? PART_WHOLE : PART_NONE;
}

static part status_part(const char *t)
{
    return cells_status(t) ? PART_WHOLE : PART_NONE;
}

static part country_part(const char *t)
{
    return cells_country_code(t) ? PART_WHOLE : PART_NONE;
}

/* The kind of value a column of ROLE holds; NULL for text. */
static part (*kind_of(col_role role))(const char *)
{
    switch (role) {
    case COL_STATE:       return state_part;
    case COL_ISSUED:
    case COL_DECLINED:    return date_part;
    case COL_RANK:
    case COL_COUNT:       return number_part;
    case COL_STATUS:      return status_part;
    case COL_CITIZENSHIP: return country_part;
    default:              return NULL;
    }
}

int cell_value_part(col_role role, const char *text)
{
    part (*kind)(const char *) = kind_of(role);
    return kind ? (int)kind(text) : -1;
}

/* The verdict of a column of typed values, from what the upper line,
 * the lower one (PA and PB: what each is, -1 when not yet known) and the
 * two joined are.  The joined text, the dearest to test, only when it
 * matters: two whole dates, numbers or statuses never make one. */
static link_kind typed(part (*kind)(const char *), const char *above, const char *below,
                       int pa, int pb)
{
    part a = pa >= 0 ? (part)pa : kind(above), b = pb >= 0 ? (part)pb : kind(below);
    if (a == PART_NONE && b == PART_WHOLE)
        return LINK_UNKNOWN;
    if (a == PART_WHOLE && b == PART_NONE)
        return LINK_UNKNOWN;
    if (a == PART_WHOLE && b == PART_WHOLE && kind != state_part && kind != country_part)
        return LINK_BREAK;
    char joined[512];
    size_t la = strlen(above), lb = strlen(below);
    if (la + lb + 2 > sizeof joined)
        return LINK_UNKNOWN;
    memcpy(joined, above, la);
    joined[la] = ' ';
    memcpy(joined + la + 1, below, lb + 1);
    part j = kind(joined);
    /* A start is never a whole cell ("West" must go on); text that is
     * nothing alone goes on when the two together are a value and the
     * lower line is not one itself ("Dominican" over "Republic", but not
     * "Republic Of" over "Honduras"). */
    if (a == PART_START && j != PART_NONE)
        return LINK_JOIN;
    if (a == PART_NONE && b != PART_WHOLE && j == PART_WHOLE)
        return LINK_JOIN;
    if (a == PART_WHOLE && b != PART_NONE && j == PART_NONE)
        return LINK_BREAK;
    return LINK_UNKNOWN;
}

int cell_completes(col_role role, const char *before, const char *text)
{
    part (*kind)(const char *) = role == COL_STATE || role == COL_ISSUED ||
                                 role == COL_DECLINED || role == COL_CITIZENSHIP
                               ? kind_of(role) : NULL;
    if (!kind)
        return 0;
    char joined[512];
    size_t la = strlen(before), lb = strlen(text);
    if (la + lb + 2 > sizeof joined)
        return 0;
    memcpy(joined, before, la);
    joined[la] = ' ';
    memcpy(joined + la + 1, text, lb + 1);
    return kind(joined) == PART_WHOLE && kind(before) != PART_WHOLE &&
           kind(text) != PART_WHOLE;
}

/* Whether TEXT is only the generic words that end the name of a place or
 * an institution ("County", "Census Area", "Detention Center"): no name
 * begins with them, so a line of them ends the name above it. */
static int name_ending(const char *text)
{
    static const char *const WORDS[] = {
        "county", "parish", "borough", "city", "census", "area", "municipality",
        "township", "jail", "center", "centre", "facility", "detention",
        "correctional", "corrections", "complex", "prison", "institution",
        "department", "of", "unit", "annex", "justice", "regional", NULL
    };
    int words = 0;
    size_t n;
    for (const char *w; (w = word_next(&text, &n)); words++) {
        int known = 0;
        for (int i = 0; WORDS[i] && !known; i++)
            known = n == strlen(WORDS[i]) && strncasecmp(w, WORDS[i], n) == 0;
        if (!known)
            return 0;
    }
    return words > 0;
}

/* Whether TEXT ends with a word that ends the name of an institution
 * ("Jail", "Center", "Corrections"): a facility's name that ends with
 * another ("Hudson County", "Maricopa County Fourth") goes on. */
static int ends_institution(const char *text)
{
    static const char *const ENDS[] = {
        "jail", "center", "centre", "facility", "complex", "prison", "corrections",
        "correction", "unit", "annex", "institution", "department", "office",
        "detention", "building", "station", "farm", "camp", "penitentiary",
        "workhouse", "justice", "courthouse", "program", "services", NULL
    };
    const char *last = NULL, *w;
    size_t n = 0, k;
    while ((w = word_next(&text, &k))) {
        last = w;
        n = k;
    }
    if (!last)
        return 0;
    while (n > 0 && (last[n - 1] == '.' || last[n - 1] == ',' || last[n - 1] == ')'))
        n--;
    for (int i = 0; ENDS[i]; i++)
        if (n == strlen(ENDS[i]) && strncasecmp(last, ENDS[i], n) == 0)
            return 1;
    return 0;
}

/* Whether TEXT ends with the kind of a jurisdiction: "County", "Parish",
 * "Borough", "Census Area". */
static int ends_jurisdiction(const char *text)
{
    static const char *const KINDS[] = { " county", " parish", " borough", " census area", NULL };
    char buf[64];
    size_t n = strlen(text);
    if (n + 2 > sizeof buf)
        return 0;
    buf[0] = ' ';
    memcpy(buf + 1, text, n + 1);
    for (int i = 0; KINDS[i]; i++) {
        size_t k = strlen(KINDS[i]);
        if (n + 1 >= k && strcasecmp(buf + n + 1 - k, KINDS[i]) == 0)
            return 1;
    }
    return 0;
}

link_kind cell_link_sure(col_role role, const fragment *above, const fragment *below)
{
    if (ends_broken_word(above->text))
        return LINK_JOIN;
    part (*kind)(const char *) = kind_of(role);
    return kind ? typed(kind, above->text, below->text, above->part, below->part)
                : LINK_UNKNOWN;
}

link_kind cell_link(col_role role, const fragment *above, const fragment *below,
                    const column_fit *fit)
{
    link_kind k = cell_link_sure(role, above, below);
    if (k != LINK_UNKNOWN)
        return k;
    /* A cell begins with a capital or a digit: names, places, sentences.
     * A line of text that begins in lower case goes on a sentence; one of
     * the words that end a name ends the name above. */
    unsigned char first = (unsigned char)below->text[0];
    if (first >= 'a' && first <= 'z')
        return LINK_LIKELY_JOIN;
    if ((role == COL_COUNTY || role == COL_FACILITY) && name_ending(below->text))
        return LINK_LIKELY_JOIN;
    if (role == COL_FACILITY && !ends_institution(above->text))
        return LINK_LIKELY_JOIN;
    /* A crime cell with its status inside opens or closes with it. */
    if (role == COL_CRIME && (cells_crime_closes(above->text) || cells_crime_opens(below->text)))
        return LINK_LIKELY_BREAK;
    /* A jurisdiction's name ends with its kind ("County", "Parish"); what
     * follows that, not in lower case, is the next name. */
    if (role == COL_COUNTY && ends_jurisdiction(above->text))
        return LINK_LIKELY_BREAK;
    /* The fill test.  The column holds a line as wide as FIT->width, so
     * the upper line had room for that much; a margin of a sixth of the
     * type size absorbs the rounding of positions and widths. */
    if (fit && fit->space > 0 && fit->width > 0) {
        double need = (above->x1 - above->x0) + fit->space + below->first_word;
        if (need <= fit->width - above->em / 6)
            return LINK_LIKELY_BREAK;
        /* A line with no room for the next word is what a line that
         * wrapped looks like; the last line of a cell seldom is, when
         * words are short beside the column: it is full by chance about
         * as often as a word and a space are to the column's width. */
        if (need > fit->width && 3 * (fit->space + below->first_word) < fit->width)
            return LINK_FULL_LINE;
    }
    return LINK_UNKNOWN;
}
