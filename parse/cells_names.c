/*
 * Spelling-insensitive name lookup for countries and states.
 *
 * The reports spell the same place in many ways ("CHINA, PEOPLES REPUBLIC
 * OF", "China, People's Republic of", "Cote d'Ivoire", "Côte d’Ivoire"), so
 * names are compared through a key that keeps only letters and digits,
 * lower-cased and stripped of Latin-1 accents.  The index is a sorted array
 * searched with bsearch: it is built once and consulted for every row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cells_internal.h"

/* The base letters of U+00C0..U+00FF, indexed by the second UTF-8 byte
 * minus 0x80.  The multiplication and division signs fold to nothing. */
static const char *const latin1_fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",     /* À Á Â Ã Ä Å Æ Ç */
    "e", "e", "e", "e", "i", "i", "i", "i",      /* È É Ê Ë Ì Í Î Ï */
    "d", "n", "o", "o", "o", "o", "o", "",       /* Ð Ñ Ò Ó Ô Õ Ö × */
    "o", "u", "u", "u", "u", "y", "th", "ss",    /* Ø Ù Ú Û Ü Ý Þ ß */
    "a", "a", "a", "a", "a", "a", "ae", "c",     /* à á â ã ä å æ ç */
    "e", "e", "e", "e", "i", "i", "i", "i",      /* è é ê ë ì í î ï */
    "d", "n", "o", "o", "o", "o", "o", "",       /* ð ñ ò ó ô õ ö ÷ */
    "o", "u", "u", "u", "u", "y", "th", "y",     /* ø ù ú û ü ý þ ÿ */
};

void cells_oom(void)
{
    fputs("ddor2csv: out of memory\n", stderr);
    abort();
}

typedef struct {
    char *out;
    size_t size, n;
    int overflow;
} key_buf;

static void put(key_buf *k, const char *s)
{
    for (; *s; s++) {
        if (k->n + 1 >= k->size) {
            k->overflow = 1;
            return;
        }
        k->out[k->n++] = *s;
    }
}

static void put_char(key_buf *k, char c)
{
    char s[2] = { c, '\0' };
    put(k, s);
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z');
}

size_t cells_name_key(const char *name, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)name;
    key_buf k = { out, size, 0, 0 };

    if (size == 0)
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    /* "St. Lucia", "St Helena": ISO writes "Saint" in full. */
    if ((s[0] == 'S' || s[0] == 's') && (s[1] == 'T' || s[1] == 't')
        && (s[2] == '.' || s[2] == ' ')) {
        put(&k, "saint");
        s += 2;
    }
    while (*s && !k.overflow) {
        if (is_ascii_alnum(*s)) {
            put_char(&k, (char)(*s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s));
            s++;
        } else if (*s == '&') {
            put(&k, "and");
            s++;
        } else if (*s < 0x80) {
            s++;                                  /* ASCII punctuation, space */
        } else if (*s == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
            put(&k, latin1_fold[s[1] - 0x80]);    /* accented Latin-1 letter */
            s += 2;
        } else if (*s == 0xC2 && s[1] >= 0x80 && s[1] <= 0xBF) {
            s += 2;                      /* no-break space, «, », ·, ... */
        } else if (*s == 0xE2 && (s[1] == 0x80 || s[1] == 0x81)
                   && s[2] >= 0x80 && s[2] <= 0xBF) {
            s += 3;                      /* curly quotes, dashes, ... */
        } else {
            put_char(&k, (char)*s);      /* other scripts: kept as they are */
            s++;
        }
    }
    if (k.overflow || k.n == 0) {
        out[0] = '\0';
        return 0;
    }
    out[k.n] = '\0';
    return k.n;
}

void cells_name_index_add(cells_name_index *ix, const char *name,
                          const char *code, int rank)
{
    char key[CELLS_KEY_MAX];

    if (name == NULL || cells_name_key(name, key, sizeof key) == 0)
        return;
    if (ix->n == ix->cap) {
        size_t cap = ix->cap ? 2 * ix->cap : 256;
        cells_name_entry *v = realloc(ix->v, cap * sizeof *v);
        if (v == NULL)
            cells_oom();
        ix->v = v;
        ix->cap = cap;
    }
    char *copy = strdup(key);
    if (copy == NULL)
        cells_oom();
    ix->v[ix->n++] = (cells_name_entry){ copy, code, rank };
    ix->sealed = 0;
}

static int by_key_then_rank(const void *a, const void *b)
{
    const cells_name_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c != 0)
        return c;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Sorts the entries and leaves one per key: the best-ranked one, or none
 * when the best rank names two different codes ("Korea" would be both
 * Koreas, "Virgin Islands" both sets of islands). */
void cells_name_index_seal(cells_name_index *ix)
{
    size_t kept = 0, i = 0;

    if (ix->n > 1)
        qsort(ix->v, ix->n, sizeof *ix->v, by_key_then_rank);
    while (i < ix->n) {
        size_t j = i + 1;
        int ambiguous = 0;
        while (j < ix->n && strcmp(ix->v[j].key, ix->v[i].key) == 0) {
            if (ix->v[j].rank == ix->v[i].rank
                && strcmp(ix->v[j].code, ix->v[i].code) != 0)
                ambiguous = 1;
            j++;
        }
        for (size_t d = i + 1; d < j; d++)
            free(ix->v[d].key);
        if (ambiguous)
            free(ix->v[i].key);
        else
            ix->v[kept++] = ix->v[i];
        i = j;
    }
    ix->n = kept;
    ix->sealed = 1;
}

static int key_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const cells_name_entry *)entry)->key);
}

const char *cells_name_index_find(const cells_name_index *ix, const char *text)
{
    char key[CELLS_KEY_MAX];

    if (!ix->sealed || text == NULL || cells_name_key(text, key, sizeof key) == 0)
        return NULL;
    const cells_name_entry *e = bsearch(key, ix->v, ix->n, sizeof *ix->v, key_cmp);
    return e ? e->code : NULL;
}

void cells_name_index_free(cells_name_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].key);
    free(ix->v);
    *ix = (cells_name_index){ NULL, 0, 0, 0 };
}
