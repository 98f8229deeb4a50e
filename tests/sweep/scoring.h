/*
 * Scoring one layout of the layout sweep: the datasets ddor2csv wrote for
 * a report against the datasets it should have written, row by row.  The
 * command around it is tests/sweep/score.c, whose opening comment gives
 * the output format; the test suite calls these functions directly.
 */
#ifndef DDOR_SWEEP_SCORING_H
#define DDOR_SWEEP_SCORING_H

#include <stdio.h>

/* Data rows of one dataset (the header row is not counted). */
typedef struct {
    long expected;            /* rows in the expected file */
    long extracted;           /* rows in the file ddor2csv wrote */
    long matched;             /* rows in both, as a multiset */
} sweep_counts;

/* Compares the CSV files EXPECTED and GOT as multisets of rows, a row
 * equal to another when every field is the same string: a row printed
 * twice and extracted once matches once.  A GOT that does not exist
 * counts as no rows; headers that differ match no row at all (the columns
 * would not mean the same).  Returns 0, or -1 when a file cannot be read
 * or is not valid CSV, after saying so on stderr. */
int sweep_match_file(const char *expected, const char *got, sweep_counts *counts);

/* Writes the score of the datasets in GOT_DIR against those in
 * EXPECTED_DIR to OUT, in the format of score.c.  Returns 0 when every
 * dataset matches exactly, 1 when any differs, -1 when a file could not
 * be read (said on stderr; OUT then holds the lines written before). */
int sweep_score_dirs(FILE *out, const char *expected_dir, const char *got_dir);

#endif
