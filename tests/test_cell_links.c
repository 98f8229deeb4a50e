/*
 * cell links and header vocabulary: what the words of a table say, apart
 * from where they stand.
 *
 * Two lines of a column, one above the other, are one cell or two; the
 * parser knows it surely from values (states, dates, countries, numbers)
 * and words broken at a hyphen, and likely from the way office software
 * breaks lines and writes names.  And a header cell is one phrase of the
 * vocabulary of column meanings, synonyms included.
 */
#include <CUnit/CUnit.h>
#include <string.h>
#include "../parse/internal.h"
#include "suites.h"

/* A line of a column: TEXT from x = 100, WIDTH points wide, its first word
 * FIRST points wide, in 10 pt type. */
static fragment line(const char *text, double width, double first)
{
    fragment f;
    memset(&f, 0, sizeof f);
    f.text = (char *)text;
    f.x0 = 100;
    f.x1 = 100 + width;
    f.em = 10;
    f.first_word = first;
    f.part = -1;
    return f;
}

static link_kind link_of(col_role role, const char *above, const char *below)
{
    fragment a = line(above, 40, 20), b = line(below, 40, 20);
    return cell_link(role, &a, &b, NULL);
}

static void test_states(void)
{
    CU_ASSERT_EQUAL(link_of(COL_STATE, "North", "Carolina"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_STATE, "District of", "Columbia"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_STATE, "West", "Virginia"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_STATE, "Texas", "Iowa"), LINK_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_STATE, "Virginia", "West"), LINK_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_STATE, "TX", "IA"), LINK_BREAK);
    /* "Washington" and "D.C." are each a state and together one. */
    CU_ASSERT_NOT_EQUAL(link_of(COL_STATE, "Washington", "D.C."), LINK_BREAK);
    CU_ASSERT_NOT_EQUAL(link_of(COL_STATE, "Washington", "D.C."), LINK_JOIN);
}

static void test_dates(void)
{
    CU_ASSERT_EQUAL(link_of(COL_DECLINED, "Feb. 11,", "2017"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_ISSUED, "Feb.", "11, 2017"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_DECLINED, "2/1/2017", "2/3/2017"), LINK_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_DECLINED, "Feb. 1, 2017", "Feb. 3,"), LINK_BREAK);
    /* Three lines make one date that no two of them make. */
    CU_ASSERT_TRUE(cell_completes(COL_ISSUED, "Jan. 29,", "2017"));
    CU_ASSERT_FALSE(cell_completes(COL_ISSUED, "Jan. 29, 2017", "2017"));
    CU_ASSERT_TRUE(cell_completes(COL_CITIZENSHIP, "Micronesia, Federated", "States Of"));
}

static void test_countries(void)
{
    CU_ASSERT_EQUAL(link_of(COL_CITIZENSHIP, "Dominican", "Republic"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_CITIZENSHIP, "Korea,", "South"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_CITIZENSHIP, "Mexico", "Mexico"), LINK_BREAK);
    /* "Republic Of Honduras" names Honduras, but "Honduras" is a country
     * itself: the line under "Republic Of" may begin the next cell. */
    CU_ASSERT_NOT_EQUAL(link_of(COL_CITIZENSHIP, "Republic Of", "Honduras"), LINK_JOIN);
}

static void test_words(void)
{
    /* A word broken at its hyphen goes on, whatever the column. */
    CU_ASSERT_EQUAL(link_of(COL_COUNTY, "City of Wilkes-", "Barre"), LINK_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_POLICY, "Will not honor", "detainers without"), LINK_LIKELY_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_COUNTY, "Maricopa", "County"), LINK_LIKELY_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_FACILITY, "Hudson County", "Correctional Facility"),
                    LINK_LIKELY_JOIN);
    CU_ASSERT_EQUAL(link_of(COL_COUNTY, "Travis County", "Williamson"), LINK_LIKELY_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_CRIME, "Assault (Charged)", "Driving Under"), LINK_LIKELY_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_CRIME, "Domestic Violence", "Convicted: Assault"),
                    LINK_LIKELY_BREAK);
    CU_ASSERT_EQUAL(link_of(COL_CRIME, "Driving Under", "Influence"), LINK_UNKNOWN);
}

static void test_fill(void)
{
    column_fit fit = { 2.5, 100 };
    /* 50 + 2.5 + 20 fits in a column 100 wide: the word had room above. */
    fragment a = line("Will not honor", 50, 20), b = line("Does not honor", 60, 20);
    CU_ASSERT_EQUAL(cell_link(COL_POLICY, &a, &b, &fit), LINK_LIKELY_BREAK);
    /* 90 + 2.5 + 20 does not, and a word is short beside the column. */
    a = line("Will not honor detainers", 90, 20);
    CU_ASSERT_EQUAL(cell_link(COL_POLICY, &a, &b, &fit), LINK_FULL_LINE);
    /* A word as wide as a third of the column tells nothing. */
    b = line("Accompanied by", 60, 40);
    CU_ASSERT_EQUAL(cell_link(COL_POLICY, &a, &b, &fit), LINK_UNKNOWN);
    /* A word of punctuation goes with the next: "- Possession" needs
     * room for both. */
    a = line("Obscene Material", 70, 30);
    b = line("- Possession", 60, 35);
    CU_ASSERT_NOT_EQUAL(cell_link(COL_CRIME, &a, &b, &fit), LINK_LIKELY_BREAK);
}

/* A line's value part worked out when the page is cut (fragments_cut
 * with parts) gives the verdicts that working it out on demand gives,
 * for every pair of these lines in every column of values. */
static void test_parts_known_ahead(void)
{
    static const char *const LINES[] = {
        "Texas", "North", "Carolina", "District of", "Columbia", "Washington", "D.C.",
        "TX", "Feb. 11,", "2017", "Feb.", "11, 2017", "2/1/2017", "Feb. 1, 2017",
        "Dominican", "Republic", "Korea,", "South", "Mexico", "Republic Of", "Honduras",
        "12", "1,204", "Convicted", "(Charged)", "Pending", "Wilkes-", "Barre", "", NULL
    };
    static const col_role ROLES[] = { COL_STATE, COL_ISSUED, COL_DECLINED, COL_RANK,
                                      COL_COUNT, COL_STATUS, COL_CITIZENSHIP };
    for (size_t r = 0; r < sizeof ROLES / sizeof *ROLES; r++)
        for (int i = 0; LINES[i]; i++)
            for (int j = 0; LINES[j]; j++) {
                fragment a = line(LINES[i], 40, 20), b = line(LINES[j], 40, 20);
                /* begins_value is asked of columns of dates or numbers. */
                int numbers = ROLES[r] != COL_STATE && ROLES[r] != COL_STATUS &&
                              ROLES[r] != COL_CITIZENSHIP;
                link_kind lazy = cell_link(ROLES[r], &a, &b, NULL);
                int lazy_begins = numbers && begins_value(&b, ROLES[r]);
                a.part = cell_value_part(ROLES[r], a.text);
                b.part = cell_value_part(ROLES[r], b.text);
                CU_ASSERT_TRUE(a.part >= 0 && b.part >= 0);
                CU_ASSERT_EQUAL(cell_link(ROLES[r], &a, &b, NULL), lazy);
                CU_ASSERT_EQUAL(numbers && begins_value(&b, ROLES[r]), lazy_begins);
            }
}

static void test_vocabulary(void)
{
    CU_ASSERT_TRUE(header_phrase_roles("Locality") & 1u << COL_COUNTY);
    CU_ASSERT_TRUE(header_phrase_roles("County / City") & 1u << COL_COUNTY);
    CU_ASSERT_TRUE(header_phrase_roles("Institution") & 1u << COL_FACILITY);
    CU_ASSERT_TRUE(header_phrase_roles("Nationality") & 1u << COL_CITIZENSHIP);
    CU_ASSERT_TRUE(header_phrase_roles("Offense") & 1u << COL_CRIME);
    CU_ASSERT_TRUE(header_phrase_roles("Disposition") & 1u << COL_STATUS);
    CU_ASSERT_TRUE(header_phrase_roles("Conviction /") & 1u << COL_STATUS);
    CU_ASSERT_TRUE(header_phrase_roles("Issue Date") & 1u << COL_ISSUED);
    CU_ASSERT_TRUE(header_phrase_roles("Decline Date") & 1u << COL_DECLINED);
    CU_ASSERT_TRUE(header_phrase_roles("Detainer Policy") & 1u << COL_POLICY);
    CU_ASSERT_EQUAL(header_phrase_roles("Date"), 1u << COL_ISSUED | 1u << COL_DECLINED);
    CU_ASSERT_EQUAL(header_phrase_roles("Travis County"), 0);
    CU_ASSERT_TRUE(header_start_roles("Notable Criminal") & 1u << COL_CRIME);
    CU_ASSERT_EQUAL(header_start_roles("Notable Criminal Activity"), 0);
    /* Every word of every phrase is a header word, and no other. */
    CU_ASSERT_TRUE(header_vocabulary_word("Locality"));
    CU_ASSERT_TRUE(header_vocabulary_word("Institution"));
    CU_ASSERT_TRUE(header_vocabulary_word("County/City"));
    CU_ASSERT_TRUE(header_vocabulary_word("/"));
    CU_ASSERT_FALSE(header_vocabulary_word("Travis"));
    CU_ASSERT_FALSE(header_vocabulary_word("Area"));
}

void suite_cell_links(void)
{
    CU_pSuite s = CU_add_suite("cell links and header words", NULL, NULL);
    CU_add_test(s, "states cut short or whole", test_states);
    CU_add_test(s, "dates cut short or whole", test_dates);
    CU_add_test(s, "countries of several words", test_countries);
    CU_add_test(s, "words: hyphens, names, statuses", test_words);
    CU_add_test(s, "the first word had room above", test_fill);
    CU_add_test(s, "value parts known ahead or found on demand", test_parts_known_ahead);
    CU_add_test(s, "one vocabulary of header phrases", test_vocabulary);
}
