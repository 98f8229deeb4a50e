/*
 * Interrupted runs: a run killed with SIGKILL at any moment leaves the
 * output folder with either the previous complete datasets or the new
 * complete ones, never a mix, never a half file, and the user's own files
 * in it untouched.
 *
 * The killed runs use build/ddor2csv-faults (named by $DDOR2CSV_FAULTS)
 * with DDOR2CSV_FAULT=slow:commit, which makes each step of putting the
 * datasets in place 30 ms longer: the moments a mix could happen are then
 * a good part of the run, and kills spread over the whole run land in
 * them, before them and after them.
 */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../emit/output_files.h"
#include "output_folder.h"
#include "suites.h"
#include "testkit.h"

#define KILLS 24
#define USER_FILE "notes.txt"
#define USER_TEXT "my notes on these reports\n"

static const char *const old_inputs[] = { "fixtures/reports/weekly-1.pdf", NULL };
static const char *const new_inputs[] = {
    "fixtures/reports/weekly-2-landscape.pdf",
    "fixtures/reports/weekly-3-a4.pdf", NULL
};

/* KILLS runs in FORMAT killed at moments spread over a whole run: each
 * leaves the previous files or the new ones, never a mix nor half a
 * file (the workbook and the database compared byte for byte too). */
static void killed(const char *format, int kills)
{
    char *scratch = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    char *old_ref = tk_path(scratch, "old"), *new_ref = tk_path(scratch, "new");
    char *out = tk_path(scratch, "out"), *timed = tk_path(scratch, "timed");
    char *user = tk_path(out, USER_FILE);

    CU_ASSERT_EQUAL_FATAL(folder_run(old_ref, format, old_inputs), 0);
    CU_ASSERT_EQUAL_FATAL(folder_run(new_ref, format, new_inputs), 0);
    CU_ASSERT_FATAL(!folder_same_datasets(old_ref, new_ref));

    /* How long a whole slowed-down run takes here: the kills are spread
     * over that time. */
    double whole = folder_time_run(timed, format, old_inputs, format, new_inputs);
    CU_ASSERT_FATAL(whole > 0);

    CU_ASSERT_EQUAL_FATAL(folder_run(out, format, old_inputs), 0);
    FILE *f = fopen(user, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(USER_TEXT, f);
    fclose(f);

    unsigned seed = 20171;
    int kept_old = 0, got_new = 0, mixed = 0;
    for (int i = 0; i < kills; i++) {
        /* Each round starts from the previous datasets, complete. */
        CU_ASSERT_EQUAL(folder_run(out, format, old_inputs), 0);
        CU_ASSERT(folder_same_datasets(out, old_ref));

        double u = (double)rand_r(&seed) / ((double)RAND_MAX + 1.0);
        double delay = whole * ((double)i + u) / kills;
        folder_kill_after(out, format, new_inputs, delay);

        if (folder_same_datasets(out, old_ref)) {
            kept_old++;
        } else if (folder_same_datasets(out, new_ref)) {
            got_new++;
        } else {
            mixed++;
            fprintf(stderr, "\n  killed after %.3f s: datasets mixed\n", delay);
        }
        const char *also[] = { USER_FILE, OUTPUT_WORKBOOK, OUTPUT_DATABASE, NULL };
        CU_ASSERT(folder_holds_only(out, also, 0));
        size_t len = 0;
        char *mine = tk_slurp(user, &len);
        CU_ASSERT(mine && strcmp(mine, USER_TEXT) == 0);
        free(mine);
    }
    CU_ASSERT_EQUAL(mixed, 0);
    /* The kills fell both before the datasets were replaced and after:
     * otherwise this test proved nothing about the moment between. */
    CU_ASSERT(kept_old > 0);
    CU_ASSERT(got_new > 0);

    /* Whatever the killed runs left beside the folder, a complete run
     * removes. */
    CU_ASSERT_EQUAL(folder_run(out, format, new_inputs), 0);
    CU_ASSERT(folder_same_datasets(out, new_ref));
    CU_ASSERT_EQUAL(folder_count_prefixed(scratch, ".out.ddor2csv-"), 0);
    CU_ASSERT_EQUAL(folder_count_prefixed(out, ".ddor2csv-staging-"), 0);

    free(user);
    free(timed);
    free(out);
    free(new_ref);
    free(old_ref);
    tk_rmtree(scratch);
    free(scratch);
}

static void test_killed_at_random_moments(void)
{
    killed("csv", KILLS);
}

static void test_killed_with_workbook_and_database(void)
{
    killed("csv,xlsx,sqlite", KILLS);
}

void suite_interrupted(void)
{
    CU_pSuite s = CU_add_suite("interrupted runs", NULL, NULL);
    CU_add_test(s, "killed at random moments: old or new datasets, never a mix",
                test_killed_at_random_moments);
    CU_add_test(s, "killed at random moments: the workbook and the database too",
                test_killed_with_workbook_and_database);
}
