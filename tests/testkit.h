/* Shared helpers of the end-to-end suites: run the command, read files and
 * CSV, make scratch folders. */
#ifndef DDOR_TESTKIT_H
#define DDOR_TESTKIT_H

#include <stddef.h>

/* Runs the ddor2csv binary (from $DDOR2CSV, else build/ddor2csv) with ARGV
 * (NULL-terminated, without the program name); stdout and stderr go to
 * malloc'd strings (*out / *err may be NULL to discard).  Returns the exit
 * status, or -1 when it did not exit normally. */
int tk_run(const char *const *argv, char **out, char **err);

/* How tk_run_with runs the command; zeroed fields mean as tk_run. */
typedef struct {
    const char *binary;       /* the program to run instead */
    const char *env_name;     /* one environment variable to set ... */
    const char *env_value;    /* ... to this value */
    const char *input;        /* standard input (else /dev/null) */
    int terminal;             /* stderr is a pseudo-terminal; *err gets
                                 what was written to it */
    const char *dir;          /* the folder to run it in (a relative
                                 program path is still taken from here) */
} tk_spec;

/* As tk_run; returns TK_NO_TERMINAL, running nothing, when a terminal was
 * asked for and the system has no pseudo-terminal to give. */
int tk_run_with(const tk_spec *spec, const char *const *argv, char **out,
                char **err);
#define TK_NO_TERMINAL (-2)

/* Monotonic time in seconds, and a pause of SECONDS, however many
 * signals interrupt it. */
double tk_now(void);
void tk_sleep(double seconds);

/* Whole file as a malloc'd NUL-terminated string (NULL when unreadable);
 * *len gets its size. */
char *tk_slurp(const char *path, size_t *len);

/* DIR/NAME, malloc'd. */
char *tk_path(const char *dir, const char *name);

/* A fresh empty folder under /tmp (malloc'd path); tk_rmtree removes it. */
char *tk_tempdir(void);
void tk_rmtree(const char *path);

/* A CSV file parsed with libcsv: rows of fields. */
typedef struct {
    char ***rows;             /* rows[r][f] */
    size_t *nfields;
    size_t nrows;
} tk_csv;

int tk_csv_read(const char *path, tk_csv *csv);
/* The same, of the CSV text TEXT. */
int tk_csv_parse(const char *text, tk_csv *csv);
void tk_csv_free(tk_csv *csv);
/* Index of column NAME in the header row, or -1. */
int tk_csv_col(const tk_csv *csv, const char *name);

/* A line of text placed on a page: its baseline starts at X, Y (points
 * from the top-left corner). */
typedef struct {
    const char *text;
    double x, y;
} tk_placed;

/* A one-page 612 x 792 PDF holding TEXTS[0..n) in DejaVu Sans 10 pt,
 * drawn with cairo; returns its path under /tmp (malloc'd). */
char *tk_draw_pdf(const tk_placed *texts, size_t n);

/* Compares two files byte for byte; on a difference prints the first
 * differing line of each to stderr and returns 0. */
int tk_same_file(const char *expected, const char *actual);

/* Compares every dataset, ACTUAL_DIR/<name>.csv for each name of
 * emit_dataset_names, with the one in EXPECTED_DIR by tk_same_file, and
 * returns how many differ, each named on stderr after LABEL. */
int tk_differing_datasets(const char *expected_dir, const char *actual_dir,
                          const char *label);

#endif
