/*
 * cells: every cell recognizer against tables of inputs and their exact
 * expected outputs, the forms the reports use and the near misses that must
 * be refused.  A failure names the input, so a table row is easy to find.
 */
#include <CUnit/CUnit.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../parse/cells.h"
#include "../parse/iso3166.h"
#include "suites.h"

#define N(a) (sizeof (a) / sizeof (a)[0])

/* A CUnit assertion whose message is formatted (CUnit copies it). */
static void check(int ok, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg,
                            __FILE__, "", CU_FALSE);
}

static const char *show(const char *s)
{
    return s ? s : "(null)";
}

/* GOT equals WANT, both possibly NULL. */
static void check_str(int line, const char *what, const char *input,
                      const char *got, const char *want)
{
    int ok = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
    check(ok, line, "%s(\"%s\") = \"%s\", want \"%s\"", what, show(input),
          show(got), show(want));
}

/* ---- cells_squeeze ----------------------------------------------------- */

static void test_squeeze(void)
{
    static const struct { const char *in, *want; } cases[] = {
        { "Travis County", "Travis County" },
        { "  Travis   County  ", "Travis County" },
        { "Santa\tRita\nJail", "Santa Rita Jail" },
        { "Santa\r\nRita \r\n Jail\r\n", "Santa Rita Jail" },
        { "\xC2\xA0" "Feb.\xC2\xA0" "1,\xC2\xA0\xC2\xA0" "2017\xC2\xA0", "Feb. 1, 2017" },
        { "a \xC2\xA0\t b", "a b" },
        { "", "" },
        { " \t\r\n\xC2\xA0 ", "" },
        { "x", "x" },
        { " x", "x" },
        { "x ", "x" },
        /* Other UTF-8 stays as it is, including the lead byte of U+00A0's
         * neighbours (© is C2 A9) and a lone lead byte at the end. */
        { "C\xC3\xB4te d\xE2\x80\x99Ivoire", "C\xC3\xB4te d\xE2\x80\x99Ivoire" },
        { "\xC2\xA9 2017", "\xC2\xA9 2017" },
        { "a \xC2", "a \xC2" },
    };

    for (size_t i = 0; i < N(cases); i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        cells_squeeze(buf);
        check_str(__LINE__, "cells_squeeze", cases[i].in, buf, cases[i].want);
    }
    cells_squeeze(NULL);        /* tolerated, nothing to do */
}

/* ---- cells_integer ----------------------------------------------------- */

static void test_integer(void)
{
    static const struct { const char *in; long want; } good[] = {
        { "3,083", 3083 },
        { "51", 51 },
        { "206", 206 },
        { "0", 0 },
        { " 140 ", 140 },
        { "1,234,567", 1234567 },
        { "007", 7 },
        { "999", 999 },
        { "1,000", 1000 },
    };
    static const char *const bad[] = {
        "3,08", "", " ", "abc", "-5", "+5", "- 5", "1,2345", ",123", "123,",
        "12 34", "3.5", "3,083.0", "1,000,00", "12,34,567", "5a", "a5",
        "99999999999999999999999", "\xD9\xA3" /* ARABIC-INDIC DIGIT THREE */,
        "\xEF\xBC\x91" /* FULLWIDTH DIGIT ONE */,
    };

    for (size_t i = 0; i < N(good); i++) {
        long v = -1;
        int ok = cells_integer(good[i].in, &v);
        check(ok && v == good[i].want, __LINE__, "cells_integer(\"%s\") = %d, %ld; want %ld",
              good[i].in, ok, v, good[i].want);
    }
    for (size_t i = 0; i < N(bad); i++) {
        long v = -7;
        int ok = cells_integer(bad[i], &v);
        check(!ok && v == -7, __LINE__, "cells_integer(\"%s\") accepted (%ld)", bad[i], v);
    }

    /* The largest long is accepted, one more overflows. */
    char max[32], over[32];
    long v = 0;
    snprintf(max, sizeof max, "%ld", LONG_MAX);
    snprintf(over, sizeof over, "%lu", (unsigned long)LONG_MAX + 1);
    CU_ASSERT(cells_integer(max, &v) == 1 && v == LONG_MAX);
    CU_ASSERT(cells_integer(over, &v) == 0);
    CU_ASSERT(cells_integer(NULL, &v) == 0);
}

/* ---- cells_state_code -------------------------------------------------- */

static void test_state_forms(void)
{
    static const struct { const char *in, *want; } cases[] = {
        { "TX", "TX" }, { "tx", "TX" }, { "Tx", "TX" }, { "TX.", "TX" },
        { "Tx.", "TX" }, { " TX ", "TX" },
        { "Texas", "TX" }, { "TEXAS", "TX" }, { "texas", "TX" },
        { "New York", "NY" }, { "NEW YORK", "NY" }, { "  New   York  ", "NY" },
        { "New\tYork", "NY" },
        { "North Carolina", "NC" }, { "West Virginia", "WV" },
        { "Virginia", "VA" }, { "Washington", "WA" }, { "WA", "WA" },
        { "Iowa", "IA" }, { "IA", "IA" }, { "Pennsylvania", "PA" },
        { "Nevada", "NV" }, { "Illinois", "IL" }, { "Oregon", "OR" },
        { "Florida", "FL" }, { "California", "CA" }, { "CA.", "CA" },
        { "District of Columbia", "DC" }, { "DISTRICT OF COLUMBIA", "DC" },
        { "DC", "DC" }, { "D.C.", "DC" }, { "Washington D.C.", "DC" },
        { "Washington, DC", "DC" }, { "Washington, D.C.", "DC" },
        { "Puerto Rico", "PR" }, { "PR", "PR" }, { "Guam", "GU" },
        { "American Samoa", "AS" }, { "Northern Mariana Islands", "MP" },
        { "Virgin Islands, U.S.", "VI" }, { "U.S. Virgin Islands", "VI" },
        { "Virgin Islands", "VI" }, { "VI", "VI" },
        { "United States Minor Outlying Islands", "UM" },
    };
    static const char *const bad[] = {
        "", " ", "ZZ", "XX.", "T", "TXX", "T X", "Tex", "Texas County",
        "Travis County", "Mexico", "New", "Carolina", "British Virgin Islands",
        "US", "U.S.", "12", "T\xE2\x84\xAA" /* Kelvin sign, a caseless K */,
    };

    for (size_t i = 0; i < N(cases); i++)
        check_str(__LINE__, "cells_state_code", cases[i].in,
                  cells_state_code(cases[i].in), cases[i].want);
    for (size_t i = 0; i < N(bad); i++)
        check_str(__LINE__, "cells_state_code", bad[i], cells_state_code(bad[i]), NULL);
    CU_ASSERT_PTR_NULL(cells_state_code(NULL));

    /* The result is static storage: the same pointer every time. */
    CU_ASSERT_PTR_EQUAL(cells_state_code("Texas"), cells_state_code("tx"));
}

/* Every US subdivision of the generated ISO 3166-2 table is found by its
 * name and its code: 50 states, the District and the outlying areas. */
static void test_state_table(void)
{
    int states = 0;

    CU_ASSERT(iso3166_nus >= 57);
    for (size_t i = 0; i < iso3166_nus; i++) {
        const iso3166_us_subdivision *s = &iso3166_us[i];
        check(strlen(s->code) == 2, __LINE__, "code \"%s\" is not two letters", s->code);
        check_str(__LINE__, "cells_state_code", s->name, cells_state_code(s->name), s->code);
        check_str(__LINE__, "cells_state_code", s->code, cells_state_code(s->code), s->code);
        if (s->type && strcmp(s->type, "State") == 0)
            states++;
    }
    CU_ASSERT_EQUAL(states, 50);
}

/* ---- cells_date -------------------------------------------------------- */

static void test_date(void)
{
    static const struct { const char *in, *want; } good[] = {
        { "2/1/2017", "2017-02-01" },
        { "02/01/2017", "2017-02-01" },
        { "02/01/17", "2017-02-01" },
        { "2/1/17", "2017-02-01" },
        { "12/31/2017", "2017-12-31" },
        { " 2/1/2017 ", "2017-02-01" },
        { "2/29/2016", "2016-02-29" },
        { "2/29/2000", "2000-02-29" },
        { "2/28/2017", "2017-02-28" },
        { "Feb. 1, 2017", "2017-02-01" },
        { "Feb 1, 2017", "2017-02-01" },
        { "February 1, 2017", "2017-02-01" },
        { "FEB. 1, 2017", "2017-02-01" },
        { "feb 1, 2017", "2017-02-01" },
        { "Feb. 1,2017", "2017-02-01" },
        { "Feb. 1,  2017", "2017-02-01" },
        { "Feb.1, 2017", "2017-02-01" },
        { "Feb.\xC2\xA0" "1, 2017", "2017-02-01" },
        { "Jan. 28, 2017", "2017-01-28" },
        { "January 28, 2017", "2017-01-28" },
        { "Sept. 5, 2017", "2017-09-05" },
        { "Sep. 5, 2017", "2017-09-05" },
        { "Sep 5, 2017", "2017-09-05" },
        { "September 5, 2017", "2017-09-05" },
        { "May 5, 2017", "2017-05-05" },
        { "June 30, 2017", "2017-06-30" },
        { "Jun. 30, 2017", "2017-06-30" },
        { "July 4, 2017", "2017-07-04" },
        { "Aug. 31, 2017", "2017-08-31" },
        { "Oct. 1, 2017", "2017-10-01" },
        { "Nov. 30, 2017", "2017-11-30" },
        { "Dec. 31, 2017", "2017-12-31" },
        { "March 1, 2017", "2017-03-01" },
        { "Apr. 13, 2017", "2017-04-13" },
        { "1-Feb-2017", "2017-02-01" },
        { "01-FEB-2017", "2017-02-01" },
        { "1-Feb-17", "2017-02-01" },
        { "28-Jan-2017", "2017-01-28" },
        { "2017-02-01", "2017-02-01" },
        { "2016-02-29", "2016-02-29" },
    };
    static const char *const bad[] = {
        "", " ", "abc", "2/30/2017", "2/29/2017", "2/29/1900", "4/31/2017",
        "13/1/2017", "0/1/2017", "1/0/2017", "1/32/2017", "00/00/0000",
        "02/01/017", "2/1/20171", "2/1", "2/1/", "02-01-2017", "2.1.2017",
        "2017-2-1", "2017-13-01", "2017-02-30", "2017-00-10", "2017/02/01",
        "Feb. 30, 2017", "Feb. 29, 2017", "Feb. 0, 2017", "Febr. 1, 2017",
        "Mayo 1, 2017", "Feb. 1 2017", "Feb. 1, 17", "Feb 1", "1 Feb 2017",
        "1-Feb", "31-Apr-2017", "Jan. 28 \xE2\x80\x93 Feb. 3, 2017",
        "Feb. 1, 2017 and", "on 2/1/2017", "2/1/2017x", "Fe 1, 2017",
        "\xD9\xA2/1/2017" /* ARABIC-INDIC DIGIT TWO */,
    };

    for (size_t i = 0; i < N(good); i++) {
        char out[11] = "";
        int ok = cells_date(good[i].in, out);
        check(ok && strcmp(out, good[i].want) == 0, __LINE__,
              "cells_date(\"%s\") = %d \"%s\", want \"%s\"", good[i].in, ok, out,
              good[i].want);
    }
    for (size_t i = 0; i < N(bad); i++) {
        char out[11] = "";
        check(cells_date(bad[i], out) == 0, __LINE__, "cells_date(\"%s\") accepted: %s",
              bad[i], out);
    }
    char out[11];
    CU_ASSERT(cells_date(NULL, out) == 0);
}

/* ---- cells_country_code ------------------------------------------------ */

static void test_country_forms(void)
{
    static const struct { const char *in, *want; } cases[] = {
        /* ISO names, any case, spacing and punctuation */
        { "Mexico", "MX" }, { "MEXICO", "MX" }, { "mexico", "MX" },
        { " Mexico ", "MX" }, { "Mexico\xC2\xA0", "MX" },
        { "El Salvador", "SV" }, { "EL SALVADOR", "SV" }, { "Guatemala", "GT" },
        { "Honduras", "HN" }, { "Cambodia", "KH" }, { "India", "IN" },
        { "Jamaica", "JM" }, { "Haiti", "HT" }, { "Brazil", "BR" },
        { "Ecuador", "EC" }, { "Peru", "PE" }, { "Colombia", "CO" },
        { "Dominican Republic", "DO" }, { "Dominica", "DM" },
        { "Niger", "NE" }, { "Nigeria", "NG" }, { "Guinea", "GN" },
        { "Guinea-Bissau", "GW" }, { "Guinea Bissau", "GW" },
        { "Equatorial Guinea", "GQ" }, { "Georgia", "GE" },
        { "United States", "US" }, { "China", "CN" },
        { "Korea, Republic of", "KR" },
        { "Korea, Democratic People's Republic of", "KP" },
        { "People's Republic of China", "CN" },
        { "Viet Nam", "VN" }, { "Russian Federation", "RU" },
        { "Lao People's Democratic Republic", "LA" },
        { "Syrian Arab Republic", "SY" }, { "North Macedonia", "MK" },
        { "Czechia", "CZ" }, { "Cabo Verde", "CV" }, { "Eswatini", "SZ" },
        { "Bosnia and Herzegovina", "BA" }, { "Bosnia & Herzegovina", "BA" },
        { "Trinidad & Tobago", "TT" }, { "Bahamas", "BS" }, { "Gambia", "GM" },
        { "Myanmar", "MM" }, { "Macao", "MO" }, { "Hong Kong", "HK" },
        { "Congo", "CG" }, { "Congo, The Democratic Republic of the", "CD" },
        { "Republic of the Congo", "CG" },
        /* UTF-8 names and their unaccented spellings */
        { "T\xC3\xBCrkiye", "TR" }, { "Turkiye", "TR" }, { "T\xC3\x9CRKIYE", "TR" },
        { "C\xC3\xB4te d'Ivoire", "CI" }, { "Cote d'Ivoire", "CI" },
        { "COTE D'IVOIRE", "CI" }, { "Cote D\xE2\x80\x99Ivoire", "CI" },
        { "Cote dIvoire", "CI" },
        { "\xC3\x85land Islands", "AX" }, { "Aland Islands", "AX" },
        { "Cura\xC3\xA7" "ao", "CW" }, { "Curacao", "CW" }, { "R\xC3\xA9union", "RE" },
        { "Saint Barth\xC3\xA9lemy", "BL" },
        /* ISO common names and short forms of inverted names */
        { "Bolivia", "BO" }, { "Iran", "IR" }, { "Iran, Islamic Republic of", "IR" },
        { "Venezuela", "VE" }, { "Tanzania", "TZ" }, { "Moldova", "MD" },
        { "Taiwan", "TW" }, { "Palestine", "PS" }, { "Micronesia", "FM" },
        { "Holy See", "VA" }, { "Falkland Islands", "FK" },
        /* ICE's own spellings */
        { "Korea, South", "KR" }, { "KOREA, SOUTH", "KR" }, { "South Korea", "KR" },
        { "Korea, North", "KP" }, { "North Korea", "KP" },
        { "China, Peoples Republic Of", "CN" }, { "CHINA, PEOPLES REPUBLIC OF", "CN" },
        { "China, People's Republic of", "CN" },
        { "China, People\xE2\x80\x99s Republic of", "CN" },
        { "Burma", "MM" }, { "Vietnam", "VN" }, { "Russia", "RU" }, { "Laos", "LA" },
        { "Syria", "SY" }, { "Macedonia", "MK" }, { "Czech Republic", "CZ" },
        { "Cape Verde", "CV" }, { "Ivory Coast", "CI" }, { "Swaziland", "SZ" },
        { "Turkey", "TR" }, { "Great Britain", "GB" }, { "United Kingdom", "GB" },
        { "England", "GB" }, { "Congo, Democratic Republic Of", "CD" },
        { "Zaire", "CD" }, { "Congo, Republic Of", "CG" },
        { "Congo (Kinshasa)", "CD" }, { "Congo (Brazzaville)", "CG" },
        { "Micronesia, Federated States Of", "FM" },
        { "St. Lucia", "LC" }, { "Saint Lucia", "LC" }, { "St Lucia", "LC" },
        { "ST. LUCIA", "LC" }, { "St. Kitts-Nevis", "KN" },
        { "Saint Kitts and Nevis", "KN" }, { "St. Vincent-Grenadines", "VC" },
        { "St. Vincent and the Grenadines", "VC" },
        { "Bosnia-Herzegovina", "BA" }, { "Trinidad And Tobago", "TT" },
        { "Bahamas, The", "BS" }, { "Gambia, The", "GM" }, { "Kosovo", "XK" },
        { "Macau", "MO" }, { "Brunei", "BN" },
    };
    static const char *const bad[] = {
        "", " ", ".", "Unknown", "Mexic", "Mexico City", "Texas", "Atlantis",
        /* withdrawn entities have no current code */
        "Netherlands Antilles", "Yugoslavia", "Soviet Union", "Czechoslovakia",
        /* short forms that would name two countries */
        "Korea", "Virgin Islands",
    };

    for (size_t i = 0; i < N(cases); i++)
        check_str(__LINE__, "cells_country_code", cases[i].in,
                  cells_country_code(cases[i].in), cases[i].want);
    for (size_t i = 0; i < N(bad); i++)
        check_str(__LINE__, "cells_country_code", bad[i], cells_country_code(bad[i]), NULL);
    CU_ASSERT_PTR_NULL(cells_country_code(NULL));

    /* A name too long to be a country is refused, not truncated. */
    char longname[600];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    memcpy(longname, "Mexico", 6);
    CU_ASSERT_PTR_NULL(cells_country_code(longname));
}

/* Every name of the generated ISO 3166-1 table leads back to its own
 * code, and the table holds decoded UTF-8. */
static void test_country_table(void)
{
    int found_ci = 0, found_ax = 0;

    CU_ASSERT(iso3166_ncountries >= 249);
    for (size_t i = 0; i < iso3166_ncountries; i++) {
        const iso3166_country *c = &iso3166_countries[i];
        const char *names[3] = { c->name, c->official_name, c->common_name };
        check(c->name != NULL && strlen(c->alpha_2) == 2, __LINE__, "bad entry %zu", i);
        for (int k = 0; k < 3; k++)
            if (names[k])
                check_str(__LINE__, "cells_country_code", names[k],
                          cells_country_code(names[k]), c->alpha_2);
        if (strcmp(c->alpha_2, "CI") == 0)
            found_ci = strcmp(c->name, "C\xC3\xB4te d'Ivoire") == 0;
        if (strcmp(c->alpha_2, "AX") == 0)
            found_ax = strcmp(c->name, "\xC3\x85land Islands") == 0;
    }
    CU_ASSERT(found_ci);
    CU_ASSERT(found_ax);
}

/* ---- cells_status and cells_crime ------------------------------------- */

static void test_status(void)
{
    static const struct { const char *in, *want; } cases[] = {
        { "Convicted", "convicted" }, { "Conviction", "convicted" },
        { "CONVICTION", "convicted" }, { "conviction", "convicted" },
        { "Convictions", "convicted" }, { " Convicted ", "convicted" },
        { "Charged", "charged" }, { "Charge", "charged" }, { "Charges", "charged" },
        { "CHARGED", "charged" }, { "Pending Charge", "charged" },
        { "Pending Charges", "charged" }, { "PENDING  CHARGES", "charged" },
        { "", NULL }, { " ", NULL }, { "Assault", NULL }, { "Convict", NULL },
        { "Chargeable", NULL }, { "Pending", NULL }, { "Charged Assault", NULL },
        { "Not Convicted", NULL }, { "Convicted?", NULL }, { "N/A", NULL },
    };

    for (size_t i = 0; i < N(cases); i++)
        check_str(__LINE__, "cells_status", cases[i].in, cells_status(cases[i].in),
                  cases[i].want);
    CU_ASSERT_PTR_NULL(cells_status(NULL));
}

static void test_crime(void)
{
    static const struct {
        const char *cell, *column;
        const char *crime, *status;
    } cases[] = {
        /* status inside the cell, every form */
        { "Assault (Charged)", NULL, "Assault", "charged" },
        { "Assault (Conviction)", NULL, "Assault", "convicted" },
        { "Assault (charged)", NULL, "Assault", "charged" },
        { "Assault ( Convicted )", NULL, "Assault", "convicted" },
        { "Assault [Convicted]", NULL, "Assault", "convicted" },
        { "Convicted: Assault", NULL, "Assault", "convicted" },
        { "Charged - Assault", NULL, "Assault", "charged" },
        { "Charged-Assault", NULL, "Assault", "charged" },
        { "Assault - Convicted", NULL, "Assault", "convicted" },
        { "Assault - Conviction", NULL, "Assault", "convicted" },
        { "Assault \xE2\x80\x93 Charged", NULL, "Assault", "charged" },
        { "Assault \xE2\x80\x94 Charge", NULL, "Assault", "charged" },
        { "Assault: Charged", NULL, "Assault", "charged" },
        { "CONVICTED: DRIVING UNDER INFLUENCE", NULL, "DRIVING UNDER INFLUENCE", "convicted" },
        { "Driving Under Influence Liquor (Pending Charges)", NULL,
          "Driving Under Influence Liquor", "charged" },
        { "Domestic  Violence   (Convicted)", NULL, "Domestic Violence", "convicted" },
        { "Cruelty Toward Wife - Conviction", NULL, "Cruelty Toward Wife", "convicted" },
        { "Charged", NULL, "", "charged" },
        { "Conviction", NULL, "", "convicted" },
        { "Convicted:", NULL, "", "convicted" },
        { "(Charged)", NULL, "", "charged" },
        /* hyphens and parentheses that belong to the offense */
        { "Obscene Material - Possession", NULL, "Obscene Material - Possession", "" },
        { "Sex Assault (Statutory)", NULL, "Sex Assault (Statutory)", "" },
        { "Sex Assault (Statutory) (Convicted)", NULL, "Sex Assault (Statutory)", "convicted" },
        { "Obscene Material - Possession - Charged", NULL,
          "Obscene Material - Possession", "charged" },
        { "Charged: Obscene Material - Possession", NULL,
          "Obscene Material - Possession", "charged" },
        { "Hit and Run", NULL, "Hit and Run", "" },
        { "Flight to Avoid", NULL, "Flight to Avoid", "" },
        { "Charged With Assault", NULL, "Charged With Assault", "" },
        { "Assault (Chargeable)", NULL, "Assault (Chargeable)", "" },
        { "Assault Charged", NULL, "Assault Charged", "" },
        { "  Domestic \t Violence  ", NULL, "Domestic Violence", "" },
        /* empty cell */
        { "", NULL, "", "" },
        { NULL, NULL, "", "" },
        { "", "", "", "" },
        { NULL, "Conviction", "", "convicted" },
        { "", "Charge", "", "charged" },
        /* status in its own column */
        { "Assault", "Charge", "Assault", "charged" },
        { "Assault", "Charged", "Assault", "charged" },
        { "Driving Under Influence Liquor", "Convicted", "Driving Under Influence Liquor",
          "convicted" },
        { "Assault", "Conviction", "Assault", "convicted" },
        { "Assault", "Pending Charges", "Assault", "charged" },
        { "Assault", "", "Assault", "" },
        { "Assault", "Unknown", "Assault", "" },
        /* both: the column wins, the cell loses its status words */
        { "Assault (Charged)", "Conviction", "Assault", "convicted" },
        { "Convicted: Assault", "Charge", "Assault", "charged" },
        { "Assault (Charged)", "Charged", "Assault", "charged" },
        { "Assault (Charged)", "", "Assault", "charged" },
        { "Assault (Charged)", "n/a", "Assault", "charged" },
    };

    for (size_t i = 0; i < N(cases); i++) {
        char *crime = NULL;
        const char *status = NULL;
        cells_crime(cases[i].cell, cases[i].column, &crime, &status);
        check(crime != NULL && status != NULL && strcmp(crime, cases[i].crime) == 0
              && strcmp(status, cases[i].status) == 0, __LINE__,
              "cells_crime(\"%s\", \"%s\") = \"%s\" \"%s\", want \"%s\" \"%s\"",
              show(cases[i].cell), show(cases[i].column), show(crime), show(status),
              cases[i].crime, cases[i].status);
        free(crime);
    }
}

/* ---- cleanup ----------------------------------------------------------- */

/* After cells_cleanup every recognizer builds its patterns and indexes
 * again, and a second cleanup in a row is harmless. */
static void test_cleanup_and_reuse(void)
{
    char out[11];
    long v;
    char *crime;
    const char *status;

    cells_cleanup();
    cells_cleanup();
    check_str(__LINE__, "cells_country_code", "Korea, South",
              cells_country_code("Korea, South"), "KR");
    check_str(__LINE__, "cells_state_code", "Texas", cells_state_code("Texas"), "TX");
    CU_ASSERT(cells_date("Feb. 1, 2017", out) == 1 && strcmp(out, "2017-02-01") == 0);
    CU_ASSERT(cells_integer("3,083", &v) == 1 && v == 3083);
    cells_crime("Assault (Charged)", NULL, &crime, &status);
    CU_ASSERT_STRING_EQUAL(crime, "Assault");
    CU_ASSERT_STRING_EQUAL(status, "charged");
    free(crime);
    cells_cleanup();
}

static int suite_done(void)
{
    cells_cleanup();
    return 0;
}

void suite_cells(void)
{
    CU_pSuite s = CU_add_suite("cells", NULL, suite_done);
    if (s == NULL)
        return;
    CU_add_test(s, "squeeze", test_squeeze);
    CU_add_test(s, "integer", test_integer);
    CU_add_test(s, "state forms", test_state_forms);
    CU_add_test(s, "state table", test_state_table);
    CU_add_test(s, "date", test_date);
    CU_add_test(s, "country forms", test_country_forms);
    CU_add_test(s, "country table", test_country_table);
    CU_add_test(s, "status", test_status);
    CU_add_test(s, "crime", test_crime);
    CU_add_test(s, "cleanup and reuse", test_cleanup_and_reuse);
}
