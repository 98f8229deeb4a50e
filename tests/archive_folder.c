/* What the suites of the archive folder share; see archive_folder.h. */
#include <CUnit/CUnit.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "archive_folder.h"
#include "output_folder.h"
#include "testkit.h"

#define MAX_ARGS 32

static int run_list(const char *input, char **err, va_list ap)
{
    const char *argv[MAX_ARGS + 1];
    int n = 0;
    const char *arg;
    while ((arg = va_arg(ap, const char *)) != NULL && n < MAX_ARGS)
        argv[n++] = arg;
    argv[n] = NULL;
    tk_spec spec = { .input = input };
    return tk_run_with(&spec, argv, NULL, err);
}

int af_run(char **err, ...)
{
    va_list ap;
    va_start(ap, err);
    int rc = run_list(NULL, err, ap);
    va_end(ap);
    return rc;
}

int af_run_input(const char *input, char **err, ...)
{
    va_list ap;
    va_start(ap, err);
    int rc = run_list(input, err, ap);
    va_end(ap);
    return rc;
}

void af_assert_column(const char *dir, const char *col, const char *want)
{
    char *got = folder_reports_column(dir, col);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %s/reports.csv %s: want %s\n  got  %s\n", dir, col,
                want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

int af_same_output(const char *dir, const char *ref)
{
    char *a = tk_path(dir, "datapackage.json"), *b = tk_path(ref, "datapackage.json");
    int same = tk_differing_datasets(ref, dir, dir) == 0 && tk_same_file(b, a);
    free(a);
    free(b);
    return same;
}

int af_one_line(const char *text)
{
    const char *nl = text ? strchr(text, '\n') : NULL;
    return nl && nl[1] == '\0';
}

/* Names of a run's own, each with the victim's text for it. */
static const char *const VICTIM[][2] = {
    { "reports.csv", "the victim's reports.csv\n" },
    { "declined_detainers.csv", "the victim's rows\n" },
    { "datapackage.json", "{\"victim\": true}\n" },
    { ".hidden", "the victim's dot-file\n" },
    { "notes.txt", "the victim's notes\n" },
    { ".ddor2csv/reports", "ddor2csv reports 1 next=1\n" },
    { ".ddor2csv/lock", "" },
    { ".ddor2csv/files", "the victim's index\n" },
    { ".ddor2csv/tmp-abcdefghijkl", "the victim's temporary\n" },
    { ".ddor2csv/4dc093fc7299a7a525eff4fc9a3b99d83984338619423295acabe5b0ae104216.pdf",
      "the victim's PDF\n" },
    { ".ddor2csv/4dc093fc7299a7a525eff4fc9a3b99d83984338619423295acabe5b0ae104216.result",
      "the victim's result\n" },
};

char *af_make_victim(const char *base)
{
    char *victim = tk_path(base, "victim"), *state = tk_path(victim, ".ddor2csv");
    CU_ASSERT_EQUAL_FATAL(mkdir(victim, 0777), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(state, 0777), 0);
    for (size_t i = 0; i < sizeof VICTIM / sizeof VICTIM[0]; i++) {
        char *path = tk_path(victim, VICTIM[i][0]);
        FILE *f = fopen(path, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fputs(VICTIM[i][1], f);
        fclose(f);
        free(path);
    }
    free(state);
    return victim;
}
