/*
 * Cell recognizers: the text of one table cell -> a typed value.
 *
 * Each recognizer is built on PCRE2 patterns compiled once, on first use,
 * and kept for the life of the process (cells_cleanup frees them, for leak
 * checkers).  Input text is UTF-8 with white space already normalised.
 */
#ifndef DDOR_CELLS_H
#define DDOR_CELLS_H

#include <stddef.h>

/* USPS code for a state printed as a name ("Texas", "TEXAS", "Tex."?) or a
 * code ("TX", "Tx"); NULL when not recognised.  Covers the 50 states, DC
 * and the territories. */
const char *cells_state_code(const char *text);

/* Whether TEXT is the first word or words of a state's name and not a
 * whole name ("North", "District of", "New"): a state cell wrapped by a
 * narrow column. */
int cells_state_prefix(const char *text);

/* Whether TEXT is the start of a date cut by a narrow column ("Feb.",
 * "Feb. 11,"): the rest follows on the next line. */
int cells_date_prefix(const char *text);

/* Parses a date in any format of the reports ("2/1/2017", "02/01/2017",
 * "02/01/17", "Feb. 1, 2017", "February 1, 2017", "2017-02-01") into
 * OUT as "YYYY-MM-DD" (11 bytes).  Returns 1 on success, 0 otherwise
 * (impossible dates such as 2/30/2017 are rejected). */
int cells_date(const char *text, char out[11]);

/* ISO 3166-1 alpha-2 for a country printed in ICE's spelling or any ISO
 * 3166 name ("Mexico", "Korea, South", "China, Peoples Republic Of",
 * "Burma", "Viet Nam"); NULL when not recognised. */
const char *cells_country_code(const char *text);

/* Splits a crime cell into the offense and its status.  Status words may
 * be inside the cell ("Assault (Charged)", "Convicted: Assault",
 * "Assault - Conviction") or come from a separate status column
 * (STATUS_CELL, may be NULL or "").  *crime is a malloc'd copy of the
 * offense without status words; *status is "convicted", "charged" or "". */
void cells_crime(const char *crime_cell, const char *status_cell,
                 char **crime, const char **status);

/* Whether LINE, a line of a crime cell, begins the cell with its status
 * ("Convicted: Assault"), or ends it with its status in brackets
 * ("Assault (Charged)"): where the reports print the status inside the
 * cell, a cell's first and last lines. */
int cells_crime_opens(const char *line);
int cells_crime_closes(const char *line);

/* "convicted" / "charged" for a status cell ("Conviction", "Charged", ...),
 * NULL when the text is no status. */
const char *cells_status(const char *text);

/* An integer printed with optional thousands separators ("3,083"); returns
 * 1 and sets *out on success. */
int cells_integer(const char *text, long *out);

/* Normalises white space in place: runs of spaces/tabs/newlines (and
 * U+00A0) become one space, leading and trailing space is removed. */
void cells_squeeze(char *text);

void cells_cleanup(void);

#endif
