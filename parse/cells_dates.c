/*
 * Date cell -> "YYYY-MM-DD".
 *
 * The editions print dates as "2/1/2017", "02/01/17", "Feb. 1, 2017",
 * "February 1, 2017", "Sept. 5, 2017", "1-Feb-2017" or "2017-02-01".
 * Numeric dates are month first (U.S. usage) and a two-digit year is in
 * the 2000s: the reports cover 2017 onwards.  A wrapped cell is joined
 * with one space, so the space after the comma of "Feb. 1, 2017" may be
 * missing or doubled; both are accepted.  Digits are spelled [0-9]: the
 * patterns are compiled with Unicode properties, where \d would also take
 * other scripts' digits.
 */
#include <string.h>
#include "cells.h"
#include "regex.h"

/* Month names, long alternatives first so that "June" is not read as
 * "Jun" followed by junk.  "May" has no abbreviation. */
#define MONTH "(January|February|March|April|May|June|July|August|September" \
              "|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep" \
              "|Oct|Nov|Dec)"

/* 2/1/2017, 02/01/2017, 02/01/17 */
#define NUMERIC "^\\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\\s*$"
/* Feb. 1, 2017   Feb 1, 2017   February 1,2017   Sept. 5 , 2017 */
#define MONTH_DAY_YEAR "^\\s*" MONTH "(?:\\.\\s*|\\s+)([0-9]{1,2})\\s*,\\s*([0-9]{4})\\s*$"
/* 1-Feb-2017, 01-Feb-17 (the default date format of spreadsheets) */
#define DAY_MONTH_YEAR "^\\s*([0-9]{1,2})-" MONTH "-([0-9]{4}|[0-9]{2})\\s*$"
/* 2017-02-01 */
#define ISO_DATE "^\\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\\s*$"

static regex *numeric, *month_day_year, *day_month_year, *iso_date;

/* The number in group G (ASCII digits only, at most four); a two-digit
 * year is 20YY when TWO_DIGIT_YEAR. */
static int group_number(const char *text, const int *cap, int g, int two_digit_year)
{
    int v = 0;

    if (cap[2 * g] < 0)
        return -1;
    for (int i = cap[2 * g]; i < cap[2 * g + 1]; i++)
        v = v * 10 + (text[i] - '0');
    if (two_digit_year && cap[2 * g + 1] - cap[2 * g] == 2)
        v += 2000;
    return v;
}

/* 1..12 for the month name in group G, from its first three letters. */
static int group_month(const char *text, const int *cap, int g)
{
    static const char abbr[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char m[3];

    if (cap[2 * g] < 0 || cap[2 * g + 1] - cap[2 * g] < 3)
        return -1;
    for (int i = 0; i < 3; i++) {
        char c = text[cap[2 * g] + i];
        m[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    for (int i = 0; i < 12; i++)
        if (memcmp(abbr + 3 * i, m, 3) == 0)
            return i + 1;
    return -1;      /* a caseless look-alike of a month name */
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid(int y, int m, int d)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && is_leap(y));
}

static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

/* The start of "Feb. 1, 2017" wrapped by a narrow column: the month, or
 * the month and the day, with or without their period and comma. */
#define MONTH_DAY_START "^\\s*" MONTH "(?:\\.|\\.?\\s+[0-9]{1,2}\\s*,?|\\.\\s*[0-9]{1,2}\\s*,?)?\\s*$"
static regex *month_day_start;

int cells_date_prefix(const char *text)
{
    int cap[2];
    return text && regex_match(regex_get(&month_day_start, MONTH_DAY_START, 0),
                               text, strlen(text), cap, 1);
}

int cells_date(const char *text, char out[11])
{
    int cap[8], y, m, d;
    size_t len;

    if (text == NULL)
        return 0;
    len = strlen(text);
    if (regex_match(regex_get(&numeric, NUMERIC, 0), text, len, cap, 4)) {
        m = group_number(text, cap, 1, 0);
        d = group_number(text, cap, 2, 0);
        y = group_number(text, cap, 3, 1);
    } else if (regex_match(regex_get(&month_day_year, MONTH_DAY_YEAR, 0), text, len, cap, 4)) {
        m = group_month(text, cap, 1);
        d = group_number(text, cap, 2, 0);
        y = group_number(text, cap, 3, 0);
    } else if (regex_match(regex_get(&day_month_year, DAY_MONTH_YEAR, 0), text, len, cap, 4)) {
        d = group_number(text, cap, 1, 0);
        m = group_month(text, cap, 2);
        y = group_number(text, cap, 3, 1);
    } else if (regex_match(regex_get(&iso_date, ISO_DATE, 0), text, len, cap, 4)) {
        y = group_number(text, cap, 1, 0);
        m = group_number(text, cap, 2, 0);
        d = group_number(text, cap, 3, 0);
    } else {
        return 0;
    }
    if (!valid(y, m, d))
        return 0;
    /* valid() bounds every field, so the digits always fit. */
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
    return 1;
}
