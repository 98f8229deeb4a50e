/*
 * State cell -> USPS code.
 *
 * The reports print the state as a name ("Texas") or as a USPS code
 * ("TX").  Names and codes come from the US part of ISO 3166-2 (the
 * generated iso3166_us table: the 50 states, DC and the outlying areas,
 * whose ISO codes are the USPS ones); only the usual ways of writing the
 * District of Columbia and the U.S. Virgin Islands are added here.
 */
#include <string.h>
#include <strings.h>
#include "cells.h"
#include "cells_internal.h"
#include "iso3166.h"
#include "regex.h"

static const struct { const char *name, *code; } state_aliases[] = {
    { "Washington D.C.", "DC" },      /* also "Washington, DC" */
    { "D.C.", "DC" },
    /* Among US places "Virgin Islands" can only mean the U.S. ones. */
    { "Virgin Islands", "VI" },
    { "U.S. Virgin Islands", "VI" },
};

/* A code is two letters, in any case, perhaps with a period ("Tx.").
 * (?-i) keeps caseless matching from admitting look-alikes such as the
 * Kelvin sign; case is ignored by the comparison below instead. */
#define USPS_CODE "^\\s*(?-i:([A-Za-z]{2}))\\.?\\s*$"
static regex *usps_code;

static cells_name_index states;

static void build(void)
{
    for (size_t i = 0; i < iso3166_nus; i++)
        cells_name_index_add(&states, iso3166_us[i].name, iso3166_us[i].code, 0);
    for (size_t i = 0; i < sizeof state_aliases / sizeof state_aliases[0]; i++)
        cells_name_index_add(&states, state_aliases[i].name, state_aliases[i].code, 1);
    cells_name_index_seal(&states);
}

const char *cells_state_code(const char *text)
{
    int cap[4];

    if (text == NULL)
        return NULL;
    if (regex_match(regex_get(&usps_code, USPS_CODE, 0), text, strlen(text), cap, 2)) {
        for (size_t i = 0; i < iso3166_nus; i++)
            if (strncasecmp(iso3166_us[i].code, text + cap[2], 2) == 0)
                return iso3166_us[i].code;
        return NULL;
    }
    /* Names go through the spelling-insensitive key, so case, white space
     * and punctuation do not matter ("NEW  YORK", "Virgin Islands, U.S."). */
    if (!states.sealed)
        build();
    return cells_name_index_find(&states, text);
}

/* Whether WORDS (lower case, single spaces) followed by a space begins NAME,
 * compared without regard to case. */
static int begins_name(const char *words, size_t n, const char *name)
{
    return strlen(name) > n && strncasecmp(name, words, n) == 0 && name[n] == ' ';
}

int cells_state_prefix(const char *text)
{
    char words[64];
    size_t n = 0;
    int space = 0;
    for (const char *s = text; *s; s++) {
        if (*s == ' ' || *s == '\t') {
            space = n > 0;
            continue;
        }
        if (n + 2 >= sizeof words)
            return 0;
        if (space)
            words[n++] = ' ';
        space = 0;
        words[n++] = *s;
    }
    words[n] = '\0';
    if (n == 0)
        return 0;
    for (size_t i = 0; i < iso3166_nus; i++)
        if (begins_name(words, n, iso3166_us[i].name))
            return 1;
    for (size_t i = 0; i < sizeof state_aliases / sizeof state_aliases[0]; i++)
        if (begins_name(words, n, state_aliases[i].name))
            return 1;
    return 0;
}

void cells_states_cleanup(void)
{
    cells_name_index_free(&states);
}
