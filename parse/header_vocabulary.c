/*
 * The meanings of table header words: one vocabulary, from which both the
 * column a header cell names and the words a header row may hold are
 * derived, so that the two can never drift apart.
 *
 * Each column role lists the phrases a report could print for it, the
 * synonyms included ("Locality", "Institution", "Issue Date").  A phrase is
 * written with two shorthands, expanded once on first use:
 *
 *     [word]        the word may be left out
 *     {a|b|c}       one of the alternatives; [a|b] one of them or none
 *
 * so "[detainer] {issued|issue} [date]" stands for "issued", "issue date",
 * "detainer issued date" and the rest.  A header text is compared with the
 * phrases after folding: lower case, runs of white space as one space, no
 * space around a slash ("County / City" reads "county/city"), a trailing
 * colon, asterisk or slash dropped.  A phrase may name two roles: the
 * table kind decides ("Issued" is the count of Section I and a date of
 * Section II), or the cells below do (of two columns headed "Date", the
 * later dates are the declines: tables.c).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const struct {
    col_role role;
    const char *phrases;              /* separated by ';' */
} VOCABULARY[] = {
    { COL_STATE, "state; st; st.; state name; state/territory; state or territory" },
    { COL_COUNTY,
      "county; locality; jurisdiction; [county|city|jurisdiction] name;"
      "county/city; city/county; county or city; city or county;"
      "county/jurisdiction; jurisdiction/county; county or jurisdiction;"
      "[law enforcement] agency; {county|local} agency" },
    { COL_FACILITY,
      "[detention] facility [name]; jail [name]; facility/jail; jail/facility;"
      "detention {center|location}; location; institution; {holding|correctional} facility" },
    { COL_CITIZENSHIP,
      "[country of] citizenship; citizenship country; country; nationality;"
      "country of {birth|origin|nationality}" },
    { COL_CRIME,
      "[notable] criminal activity; [notable] {crime|crimes|offense|offenses|offence|offences};"
      "[most serious] criminal {charge|charges|conviction|convictions|history|offense|offenses};"
      "crime {category|description|type}; offense {category|description|type};"
      "charge; charges" },
    { COL_STATUS,
      "[crime|conviction|criminal|charge] status; disposition; conviction; convicted;"
      "{conviction|convictions}/{charge|charges}; {charge|charges}/{conviction|convictions};"
      "{conviction|convictions} or {charge|charges}; {charge|charges} or {conviction|convictions};"
      "convicted/charged; charged/convicted; convicted or charged; charged or convicted" },
    { COL_ISSUED,
      "[detainer] {issued|issue|lodged} [date]; {date|day} [detainer] {issued|lodged}; date;"
      "date of issue; issuance date; [detainer] issuance" },
    { COL_DECLINED,
      "[detainer] {declined|decline} [date]; date [detainer] declined; date;"
      "{release|released} [date]; date released; date of release" },
    { COL_RANK, "rank; ranking; #; no.; no" },
    { COL_COUNT,
      "[number of|total|# of|no. of] detainers [issued]; issued detainers;"
      "{detainer|detainers} count; count; total; issued" },
    { COL_POLICY,
      "[detainer] {policy|policies} [description|summary|details|detail];"
      "ordinance; description; {limit|limits} on cooperation; type of {policy|limitation}" },
};

/* The expanded vocabulary: every phrase with its roles, and every word. */
typedef struct {
    char *text;
    unsigned roles;
} entry;

static entry *phrases, *words, *starts;
static size_t nphrases, nwords, nstarts, phrases_cap, words_cap, starts_cap;

/* Folds TEXT into OUT (CAP bytes) as the phrases are compared; returns
 * its length, or 0 when it is empty or does not fit. */
static size_t fold(const char *text, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (const char *s = text; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (c == '/' && n > 0 && out[n - 1] == ' ')
            n--;                              /* "county /" */
        if (space && c != '/' && !(n > 0 && out[n - 1] == '/')) {
            if (n + 1 >= cap)
                return 0;
            out[n++] = ' ';
        }
        space = 0;
        if (n + 1 >= cap)
            return 0;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    /* A trailing colon or asterisk is no part of a name; nor a trailing
     * slash, where a header cell broken by a page ("Conviction /" over
     * "Charge") left its second word on the next page. */
    while (n > 0 && (out[n - 1] == ':' || out[n - 1] == '*' || out[n - 1] == '/' ||
                     out[n - 1] == ' '))
        n--;
    out[n] = '\0';
    return n;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->text, ((const entry *)b)->text);
}

static void add(entry **v, size_t *n, size_t *cap, const char *text, unsigned roles)
{
    *v = grow(*v, cap, *n + 1, sizeof **v);
    (*v)[*n].text = xstrdup(text);
    (*v)[*n].roles = roles;
    (*n)++;
}

/* Sorts V and merges the roles of equal texts. */
static void seal(entry *v, size_t *n)
{
    qsort(v, *n, sizeof *v, by_text);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (k > 0 && strcmp(v[k - 1].text, v[i].text) == 0) {
            v[k - 1].roles |= v[i].roles;
            free(v[i].text);
        } else {
            v[k++] = v[i];
        }
    }
    *n = k;
}

/* Adds every first word or words of PHRASE, short of the whole, to the
 * starts: what a header cell cut by the end of a page shows. */
static void add_starts(const char *phrase, unsigned roles)
{
    char start[256];
    for (size_t i = 0; phrase[i]; i++)
        if (phrase[i] == ' ' || phrase[i] == '/') {
            memcpy(start, phrase, i + (phrase[i] == '/'));
            start[i + (phrase[i] == '/')] = '\0';
            char folded[256];
            if (fold(start, folded, sizeof folded))
                add(&starts, &nstarts, &starts_cap, folded, roles);
        }
}

/* Adds the words of PHRASE (split at spaces and slashes) to the words. */
static void add_words(const char *phrase, unsigned roles)
{
    char w[64];
    size_t k = 0;
    for (const char *s = phrase;; s++) {
        if (*s == ' ' || *s == '/' || *s == '\0') {
            if (k > 0) {
                w[k] = '\0';
                add(&words, &nwords, &words_cap, w, roles);
            }
            k = 0;
            if (*s == '\0')
                break;
        } else if (k + 1 < sizeof w) {
            w[k++] = *s;
        }
    }
}

/* Expands the shorthand of SPEC (one phrase) after the prefix OUT[0..len)
 * and adds every phrase it stands for. */
static void expand(const char *spec, char *out, size_t len, size_t cap, unsigned roles)
{
    while (*spec == ' ')
        spec++;
    if (*spec == '\0') {
        char folded[256];
        out[len] = '\0';
        if (fold(out, folded, sizeof folded)) {
            add(&phrases, &nphrases, &phrases_cap, folded, roles);
            add_words(folded, roles);
            add_starts(folded, roles);
        }
        return;
    }
    if (*spec == '[' || *spec == '{') {
        char close = *spec == '[' ? ']' : '}';
        const char *end = strchr(spec, close);
        if (!end)
            abort();                          /* a typo in VOCABULARY */
        if (close == ']')
            expand(end + 1, out, len, cap, roles);
        for (const char *alt = spec + 1; alt < end;) {
            const char *bar = alt;
            while (bar < end && *bar != '|')
                bar++;
            size_t k = (size_t)(bar - alt);
            if (len + k + 2 < cap) {
                memcpy(out + len, alt, k);
                out[len + k] = ' ';
                expand(end + 1, out, len + k + 1, cap, roles);
            }
            alt = bar + 1;
        }
        return;
    }
    const char *end = spec;
    while (*end && *end != ' ' && *end != '[' && *end != '{')
        end++;
    size_t k = (size_t)(end - spec);
    if (len + k + 2 < cap) {
        memcpy(out + len, spec, k);
        out[len + k] = ' ';
        expand(end, out, len + k + 1, cap, roles);
    }
}

static void build(void)
{
    char spec[256], out[256];
    for (size_t i = 0; i < sizeof VOCABULARY / sizeof VOCABULARY[0]; i++) {
        const char *s = VOCABULARY[i].phrases;
        while (*s) {
            const char *semi = strchr(s, ';');
            size_t k = semi ? (size_t)(semi - s) : strlen(s);
            if (k >= sizeof spec)
                abort();
            memcpy(spec, s, k);
            spec[k] = '\0';
            expand(spec, out, 0, sizeof out, 1u << VOCABULARY[i].role);
            s += k + (semi != NULL);
        }
    }
    seal(phrases, &nphrases);
    seal(words, &nwords);
    seal(starts, &nstarts);
}

static unsigned lookup(const entry *v, size_t n, const char *folded)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v[mid].text, folded);
        if (c == 0)
            return v[mid].roles;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

unsigned header_phrase_roles(const char *text)
{
    char folded[256];
    if (!phrases)
        build();
    return fold(text, folded, sizeof folded) ? lookup(phrases, nphrases, folded) : 0;
}

unsigned header_start_roles(const char *text)
{
    char folded[256];
    if (!phrases)
        build();
    return fold(text, folded, sizeof folded) ? lookup(starts, nstarts, folded) : 0;
}

int header_vocabulary_word(const char *word)
{
    char folded[128];
    if (!phrases)
        build();
    if (strcmp(word, "/") == 0)
        return 1;                             /* "Conviction / Charge" */
    if (!fold(word, folded, sizeof folded))
        return 0;
    /* Words set close around a slash are one word: "County/City". */
    int parts = 0;
    for (char *s = folded, *slash; ; s = slash + 1) {
        slash = strchr(s, '/');
        if (slash)
            *slash = '\0';
        if (*s) {
            if (!lookup(words, nwords, s))
                return 0;
            parts++;
        }
        if (!slash)
            break;
    }
    return parts > 0;
}

void header_vocabulary_cleanup(void)
{
    for (size_t i = 0; i < nphrases; i++)
        free(phrases[i].text);
    for (size_t i = 0; i < nwords; i++)
        free(words[i].text);
    for (size_t i = 0; i < nstarts; i++)
        free(starts[i].text);
    free(phrases);
    free(words);
    free(starts);
    phrases = words = starts = NULL;
    nphrases = nwords = nstarts = phrases_cap = words_cap = starts_cap = 0;
}
