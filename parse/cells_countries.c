/*
 * Citizenship cell -> ISO 3166-1 alpha-2.
 *
 * Names come from Debian's iso-codes (the generated iso3166_countries
 * table); this file adds only what ISO does not print: ICE's own spellings,
 * short forms derived from ISO's inverted names, and Kosovo.  Countries that
 * no longer exist (Netherlands Antilles, Yugoslavia, Soviet Union) have no
 * current code and are deliberately left unrecognised.
 */
#include <string.h>
#include "cells.h"
#include "cells_internal.h"
#include "iso3166.h"

/* Ranks of the index: ISO's own names beat ICE's spellings, which beat the
 * derived short forms (so the alias "Congo" of "Congo, The Democratic
 * Republic of the" yields to the country whose name is "Congo"). */
enum { RANK_ISO = 0, RANK_ICE = 1, RANK_DERIVED = 2 };

/* Spellings found in ICE's reports and other U.S. government lists that
 * ISO 3166 lacks, mostly older or shorter names. */
static const struct { const char *name, *code; } ice_spellings[] = {
    { "Korea, South", "KR" },
    { "South Korea", "KR" },
    { "Korea, North", "KP" },
    { "North Korea", "KP" },
    { "China, Peoples Republic Of", "CN" },
    { "Burma", "MM" },
    { "Vietnam", "VN" },
    { "Russia", "RU" },
    { "Laos", "LA" },
    { "Syria", "SY" },
    { "Macedonia", "MK" },
    { "Czech Republic", "CZ" },
    { "Cape Verde", "CV" },
    { "Ivory Coast", "CI" },
    { "Swaziland", "SZ" },
    { "Turkey", "TR" },
    { "Great Britain", "GB" },
    { "United Kingdom", "GB" },
    { "England", "GB" },
    { "Congo, Democratic Republic Of", "CD" },
    { "Democratic Republic of the Congo", "CD" },
    { "Zaire", "CD" },
    { "Congo (Kinshasa)", "CD" },     /* the State Department's names */
    { "Congo (Brazzaville)", "CG" },
    { "Congo, Republic Of", "CG" },
    { "Micronesia, Federated States Of", "FM" },
    { "Saint Lucia", "LC" },
    { "St. Kitts-Nevis", "KN" },
    { "St. Vincent-Grenadines", "VC" },
    { "Bosnia-Herzegovina", "BA" },
    { "Trinidad And Tobago", "TT" },
    { "Bahamas, The", "BS" },
    { "Gambia, The", "GM" },
    { "Brunei", "BN" },
    { "East Timor", "TL" },
    /* XK is not an ISO code but a user-assigned one; the European Union,
     * the IMF and most international data sets use it for Kosovo. */
    { "Kosovo", "XK" },
    { "Hong Kong", "HK" },
    { "Macau", "MO" },
};

static cells_name_index countries;

/* Indexes the short forms of an inverted or annotated ISO name: the part
 * before ", " ("Bolivia, Plurinational State of" -> "Bolivia") and the
 * part before " (" ("Holy See (Vatican City State)" -> "Holy See"). */
static void add_short_forms(const char *name, const char *code)
{
    static const char *const cuts[] = { ", ", " (" };
    char prefix[CELLS_KEY_MAX];

    if (name == NULL)
        return;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        const char *cut = strstr(name, cuts[i]);
        size_t len = cut ? (size_t)(cut - name) : 0;
        if (len == 0 || len >= sizeof prefix)
            continue;
        memcpy(prefix, name, len);
        prefix[len] = '\0';
        cells_name_index_add(&countries, prefix, code, RANK_DERIVED);
    }
}

static void build(void)
{
    for (size_t i = 0; i < iso3166_ncountries; i++) {
        const iso3166_country *c = &iso3166_countries[i];
        cells_name_index_add(&countries, c->name, c->alpha_2, RANK_ISO);
        cells_name_index_add(&countries, c->official_name, c->alpha_2, RANK_ISO);
        cells_name_index_add(&countries, c->common_name, c->alpha_2, RANK_ISO);
        add_short_forms(c->name, c->alpha_2);
        add_short_forms(c->official_name, c->alpha_2);
        add_short_forms(c->common_name, c->alpha_2);
    }
    for (size_t i = 0; i < sizeof ice_spellings / sizeof ice_spellings[0]; i++)
        cells_name_index_add(&countries, ice_spellings[i].name,
                             ice_spellings[i].code, RANK_ICE);
    cells_name_index_seal(&countries);
}

const char *cells_country_code(const char *text)
{
    if (!countries.sealed)
        build();
    return cells_name_index_find(&countries, text);
}

void cells_countries_cleanup(void)
{
    cells_name_index_free(&countries);
}
