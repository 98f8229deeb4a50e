/*
 * What the suites of the archive folder share (tests/test_archive_folder.c,
 * tests/test_archive_writers.c): the fixtures they add, a short way to run
 * the program, and checks of what a folder holds.
 */
#ifndef DDOR_TESTS_ARCHIVE_FOLDER_H
#define DDOR_TESTS_ARCHIVE_FOLDER_H

/* The reports added, with the period each covers. */
#define W1 "fixtures/reports/weekly-1.pdf"              /* 2017-01-28 */
#define W2T "fixtures/reports/weekly-2-tight.pdf"       /* 2017-02-04 */
#define W2L "fixtures/reports/weekly-2-landscape.pdf"   /* 2017-02-04 too */
#define W3 "fixtures/reports/weekly-3-a4.pdf"           /* 2017-02-11 */

/* Runs the program with the arguments that follow, up to NULL; its
 * standard error into *ERR unless ERR is NULL.  Returns its exit status. */
int af_run(char **err, ...);

/* The same with standard input INPUT. */
int af_run_input(const char *input, char **err, ...);

/* Column COL of DIR/reports.csv is WANT (rows joined by "|"). */
void af_assert_column(const char *dir, const char *col, const char *want);

/* Every dataset and datapackage.json of DIR are those of REF, byte for
 * byte. */
int af_same_output(const char *dir, const char *ref);

/* TEXT is exactly one line. */
int af_one_line(const char *text);

/* A folder BASE/victim of files a run could take for its own: datasets,
 * a list of reports, a PDF copy, a lock, a dot-file; its path (malloc'd). */
char *af_make_victim(const char *base);

#endif
