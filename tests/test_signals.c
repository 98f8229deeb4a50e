/*
 * The program and its workers: every worker is waited for before the
 * program ends, and SIGTERM, SIGINT or SIGHUP stops the workers and ends
 * the program by that signal, with the output folder as it was.
 *
 * The program runs under a subreaper (subreaper.h), where a worker it
 * left behind, running or a zombie, would be found.  The interrupted runs
 * use build/ddor2csv-faults (named by $DDOR2CSV_FAULTS), whose worker
 * for weekly-3-a4.pdf hangs (DDOR2CSV_FAULT=hang:weekly-3): the signal
 * comes while it hangs, far from the run's own timeout.
 */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "output_folder.h"
#include "subreaper.h"
#include "suites.h"
#include "testkit.h"

#define RUNS 20
#define USER_FILE "notes.txt"
#define USER_TEXT "my notes on these reports\n"
/* Well under the run's timeout (--timeout 60), and under the time the
 * hanging worker would take to be given up on. */
#define PROMPT_S 5.0

static const char *binary(const char *env, const char *fallback)
{
    const char *b = getenv(env);
    return b && *b ? b : fallback;
}

static void test_no_worker_left(void)
{
    char *scratch = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    char *out = tk_path(scratch, "out");
    const char *argv[] = {
        binary("DDOR2CSV", "build/ddor2csv"), "-q", "--force", "-j", "2",
        "-o", out,
        "fixtures/reports/weekly-1.pdf", "fixtures/reports/weekly-2-landscape.pdf",
        "fixtures/reports/weekly-2-tight.pdf", "fixtures/reports/weekly-3-a4.pdf",
        "fixtures/reports/weekly-1-legal-nostate.pdf", NULL
    };
    sr_spec spec = { .argv = argv };
    int ran = 0, left = 0;
    for (int i = 0; i < RUNS; i++) {
        sr_outcome o;
        if (sr_run(&spec, &o) != 0)
            continue;
        ran += WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0;
        if (o.left)
            fprintf(stderr, "\n  run %d left %d worker(s)\n", i + 1, o.left);
        left += o.left;
    }
    CU_ASSERT_EQUAL(ran, RUNS);
    CU_ASSERT_EQUAL(left, 0);
    free(out);
    tk_rmtree(scratch);
    free(scratch);
}

/* A run into a folder holding the datasets of weekly-1.pdf and a file of
 * the user's gets SIG while a worker hangs. */
static void interrupted_by(int sig)
{
    char *scratch = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    char *ref = tk_path(scratch, "ref"), *out = tk_path(scratch, "out");
    char *user = tk_path(out, USER_FILE);
    const char *first[] = { "-q", "-o", ref, "fixtures/reports/weekly-1.pdf", NULL };
    CU_ASSERT_EQUAL_FATAL(tk_run(first, NULL, NULL), 0);
    first[2] = out;
    CU_ASSERT_EQUAL_FATAL(tk_run(first, NULL, NULL), 0);
    FILE *f = fopen(user, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(USER_TEXT, f);
    fclose(f);

    const char *argv[] = {
        binary("DDOR2CSV_FAULTS", "build/ddor2csv-faults"), "-q", "-j", "2",
        "--timeout", "60", "-o", out,
        "fixtures/reports/weekly-2-landscape.pdf", "fixtures/reports/weekly-3-a4.pdf",
        NULL
    };
    sr_spec spec = { .argv = argv, .env_name = "DDOR2CSV_FAULT",
                     .env_value = "hang:weekly-3", .signal = sig };
    sr_outcome o;
    CU_ASSERT_EQUAL_FATAL(sr_run(&spec, &o), 0);
    CU_ASSERT(o.had_worker);
    CU_ASSERT(WIFSIGNALED(o.status) && WTERMSIG(o.status) == sig);
    CU_ASSERT(o.seconds < PROMPT_S);
    CU_ASSERT_EQUAL(o.left, 0);

    /* The folder as it was: the previous datasets, the user's file, and
     * nothing staged beside the folder or in it. */
    CU_ASSERT(folder_same_datasets(out, ref));
    CU_ASSERT(folder_only_expected(out, USER_FILE));
    CU_ASSERT_EQUAL(folder_count_prefixed(scratch, ".out.ddor2csv-"), 0);
    CU_ASSERT_EQUAL(folder_count_prefixed(out, ".ddor2csv-staging-"), 0);
    size_t len = 0;
    char *mine = tk_slurp(user, &len);
    CU_ASSERT(mine && strcmp(mine, USER_TEXT) == 0);
    free(mine);

    free(user);
    free(out);
    free(ref);
    tk_rmtree(scratch);
    free(scratch);
}

static void test_sigterm(void)
{
    interrupted_by(SIGTERM);
}

static void test_sigint(void)
{
    interrupted_by(SIGINT);
}

static void test_sighup(void)
{
    interrupted_by(SIGHUP);
}

void suite_signals(void)
{
    CU_pSuite s = CU_add_suite("workers and signals", NULL, NULL);
    CU_add_test(s, "every worker is waited for (20 runs, -j 2)", test_no_worker_left);
    CU_add_test(s, "SIGTERM stops the workers, the folder as it was", test_sigterm);
    CU_add_test(s, "SIGINT stops the workers, the folder as it was", test_sigint);
    CU_add_test(s, "SIGHUP stops the workers, the folder as it was", test_sighup);
}
