/*
 * Crime cell (+ status column) -> offense and "convicted" / "charged".
 *
 * Editions print the status in a column of its own ("Conviction",
 * "Charge", "Convicted", "Charged", "Pending Charges") or inside the crime
 * cell, before or after the offense:
 *
 *     Assault (Charged)      Assault (Conviction)      Assault - Convicted
 *     Convicted: Assault     Charged - Assault
 *
 * Offense categories themselves contain hyphens and parentheses
 * ("Obscene Material - Possession", "Sex Assault (Statutory)"), so only a
 * status word right at the start or the end of the cell, set off by a
 * colon, a dash or brackets, is taken as status; everything else is kept
 * as printed.
 */
#include <string.h>
#include "cells.h"
#include "cells_internal.h"
#include "regex.h"

#define STATUS "(Convicted|Convictions?|Charged|Charges?|Pending\\s+Charges?)"
/* Hyphen, en dash, em dash or colon between offense and status. */
#define SEP "\\s*[-\\x{2013}\\x{2014}:]\\s*"

#define STATUS_ONLY "^\\s*" STATUS "\\s*$"
/* Convicted: Assault   Charged - Assault */
#define STATUS_FIRST "^\\s*" STATUS SEP "(.*?)\\s*$"
/* Assault (Charged)   Assault [Conviction] */
#define STATUS_IN_BRACKETS \
    "^\\s*(.*?)\\s*(?:\\(\\s*" STATUS "\\s*\\)|\\[\\s*" STATUS "\\s*\\])\\s*$"
/* Assault - Convicted   Assault: Charged */
#define STATUS_LAST "^\\s*(.*?)" SEP STATUS "\\s*$"

static regex *status_only, *status_first, *status_in_brackets, *status_last;
static regex *status_opens, *status_closes;

/* A crime cell with its status inside begins with it ("Convicted:
 * Assault") or ends with it in brackets ("Assault (Charged)"). */
#define STATUS_OPENS "^\\s*" STATUS "\\s*:"
#define STATUS_CLOSES "(?:\\(\\s*" STATUS "\\s*\\)|\\[\\s*" STATUS "\\s*\\])\\s*$"


/* The status that the status word in group G stands for, NULL when the
 * group did not take part.  The words are told apart by their ASCII
 * letters: "Conv..." is a conviction, "Charg..." and "Pending..." are
 * charges. */
static const char *group_status(const char *text, const int *cap, int g)
{
    if (cap[2 * g] < 0)
        return NULL;
    const char *w = text + cap[2 * g];
    return (w[0] == 'C' || w[0] == 'c') && (w[3] == 'V' || w[3] == 'v')
        ? "convicted" : "charged";
}

static int match(regex **slot, const char *pattern, const char *text, int *cap, int ncap)
{
    return regex_match(regex_get(slot, pattern, 0), text, strlen(text), cap, ncap);
}

int cells_crime_opens(const char *line)
{
    int cap[2];
    return match(&status_opens, STATUS_OPENS, line, cap, 1);
}

int cells_crime_closes(const char *line)
{
    int cap[2];
    return match(&status_closes, STATUS_CLOSES, line, cap, 1);
}

const char *cells_status(const char *text)
{
    int cap[4];

    if (text == NULL || !match(&status_only, STATUS_ONLY, text, cap, 2))
        return NULL;
    return group_status(text, cap, 1);
}

static char *dup_or_die(const char *s)
{
    char *d = strdup(s);
    if (d == NULL)
        cells_oom();
    return d;
}

/* When both the cell and the status column give a status and they
 * disagree, the column wins: it is the field meant to hold the status,
 * while words in the cell may belong to the offense's own wording.  The
 * crime is still returned without the cell's status words.  A status
 * column that holds no status word (empty, or something else) is ignored. */
void cells_crime(const char *crime_cell, const char *status_cell,
                 char **crime, const char **status)
{
    const char *in_cell = NULL;
    const char *column = (status_cell && *status_cell) ? cells_status(status_cell) : NULL;
    const char *cell = crime_cell ? crime_cell : "";
    int cap[8];

    if (match(&status_only, STATUS_ONLY, cell, cap, 2)) {
        in_cell = group_status(cell, cap, 1);
        *crime = dup_or_die("");
    } else if (match(&status_first, STATUS_FIRST, cell, cap, 3)) {
        in_cell = group_status(cell, cap, 1);
        *crime = regex_group(cell, cap, 2);
    } else if (match(&status_in_brackets, STATUS_IN_BRACKETS, cell, cap, 4)) {
        in_cell = group_status(cell, cap, 2);
        if (in_cell == NULL)
            in_cell = group_status(cell, cap, 3);
        *crime = regex_group(cell, cap, 1);
    } else if (match(&status_last, STATUS_LAST, cell, cap, 3)) {
        in_cell = group_status(cell, cap, 2);
        *crime = regex_group(cell, cap, 1);
    } else {
        *crime = dup_or_die(cell);
    }
    cells_squeeze(*crime);
    *status = column ? column : in_cell ? in_cell : "";
}
