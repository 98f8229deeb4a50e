/*
 * What a run left in its output folder: the checks of the tests that
 * stop runs part way (killed, interrupted), which must leave the
 * previous datasets whole, and nothing of their own beside them.
 */
#ifndef DDOR_TESTS_OUTPUT_FOLDER_H
#define DDOR_TESTS_OUTPUT_FOLDER_H

#include <sys/types.h>

/* Starts the program ($DDOR2CSV, else build/ddor2csv) as
 * -q --fresh -j 1 --format FORMAT -o OUT INPUTS..., its output discarded;
 * when SLOW, the same with its fault switch on ($DDOR2CSV_FAULTS, else
 * build/ddor2csv-faults) and DDOR2CSV_FAULT=slow:commit, which makes each
 * step of putting the files in place 30 ms longer, so that kills spread
 * over a run land in those moments too.  --fresh: the folder then holds
 * this run's inputs alone, whatever it held, so that a run's result is
 * one of two known sets.  Returns its pid. */
pid_t folder_start(const char *out, const char *format, const char *const *inputs,
                   int slow);

/* Waits for PID; its wait status. */
int folder_finish(pid_t pid);

/* A whole run (folder_start, not slowed down); its wait status. */
int folder_run(const char *out, const char *format, const char *const *inputs);

/* How long a slowed-down run of INPUTS in FORMAT into DIR takes, DIR
 * first brought back each time by a run of BACK_INPUTS in BACK_FORMAT:
 * the middle of three timings (now and then one is much quicker or
 * slower than the others), and a quarter more, so that kills spread over
 * it fall after the last step too.  -1 when a run fails. */
double folder_time_run(const char *dir, const char *back_format,
                       const char *const *back_inputs, const char *format,
                       const char *const *inputs);

/* A slowed-down run of INPUTS in FORMAT into OUT, killed with SIGKILL
 * after DELAY seconds, and waited for. */
void folder_kill_after(const char *out, const char *format,
                       const char *const *inputs, double delay);

/* Does every dataset of DIR equal that of REF, byte for byte, as CSV and,
 * where REF has them, as the workbook and the database? */
int folder_same_datasets(const char *dir, const char *ref);

/* Only datasets, their description, the archive's own folder and the user's
 * file USER_FILE are in DIR: no temporary file, no staging folder.  Any
 * other entry is named on stderr. */
int folder_only_expected(const char *dir, const char *user_file);

/* The same with the entries ALSO (NULL-terminated; one ending in '*'
 * stands for every name starting with what is before it), and datasets
 * as JSON Lines too when JSONL. */
int folder_holds_only(const char *dir, const char *const *also, int jsonl);

/* Entries of DIR whose name starts with PREFIX. */
int folder_count_prefixed(const char *dir, const char *prefix);

/* Copies file FROM to DIR/NAME, making the folders of NAME.  Returns 0,
 * or -1 when it could not. */
int folder_put_file(const char *from, const char *dir, const char *name);

/* Column COL of every data row of DIR/reports.csv, joined by "|"
 * (malloc'd; "" when the file or the column is missing). */
char *folder_reports_column(const char *dir, const char *col);

/* Everything below DIR, links not followed, as text (malloc'd): a line
 * per entry, in name order, with its path, its type, and a digest of its
 * bytes (a file) or its target (a link).  With IDENTITY, each line also
 * has the entry's inode, and a file's modification time, so that a file
 * written anew with the same bytes shows. */
char *folder_snapshot(const char *dir, int identity);

#endif
