/*
 * ISO 3166 tables generated at build time from Debian's iso-codes
 * (scripts/iso3166-to-c.awk -> build/parse/iso3166.gen.c).
 *
 * Strings are UTF-8 and live for the whole process; a member that the data
 * does not give is NULL.
 */
#ifndef DDOR_ISO3166_H
#define DDOR_ISO3166_H

#include <stddef.h>

/* One ISO 3166-1 country, in the order of the source data. */
typedef struct {
    const char *alpha_2;        /* "MX" */
    const char *name;           /* "Bolivia, Plurinational State of" */
    const char *official_name;  /* "Plurinational State of Bolivia" or NULL */
    const char *common_name;    /* "Bolivia" or NULL */
} iso3166_country;

/* One US subdivision of ISO 3166-2: the 50 states, the District of
 * Columbia and the outlying areas.  The code is the part after "US-",
 * which is the USPS code. */
typedef struct {
    const char *code;           /* "TX" */
    const char *name;           /* "Texas" */
    const char *type;           /* "State", "District", "Outlying area" or NULL */
} iso3166_us_subdivision;

extern const iso3166_country iso3166_countries[];
extern const size_t iso3166_ncountries;

extern const iso3166_us_subdivision iso3166_us[];
extern const size_t iso3166_nus;

#endif
