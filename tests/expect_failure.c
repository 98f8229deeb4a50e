/* The assertions of expect_failure.h. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "expect_failure.h"
#include "testkit.h"

/* The archive's own files: the lock, the list of reports, the index of
 * the inputs' digests, the record of the output files, and per report
 * "<sha256>.pdf" and "<sha256>.result". */
static int is_archive_file(const char *name)
{
    if (!strcmp(name, "lock") || !strcmp(name, "reports") || !strcmp(name, "files") ||
        !strcmp(name, "outputs"))
        return 1;
    return strlen(name) > 64 && strspn(name, "0123456789abcdef") == 64 &&
           (!strcmp(name + 64, ".pdf") || !strcmp(name + 64, ".result"));
}

void expect_clean_folder(const char *dir)
{
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(e->d_name);
        int cache = strcmp(e->d_name, ".ddor2csv") == 0;
        int dataset = (e->d_name[0] != '.' && n > 4 && !strcmp(e->d_name + n - 4, ".csv")) ||
                      !strcmp(e->d_name, "datapackage.json");
        if (!dataset && !cache)
            fprintf(stderr, "\n  stray file %s/%s\n", dir, e->d_name);
        CU_ASSERT(dataset || cache);
        if (!cache)
            continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        DIR *c = opendir(sub);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        struct dirent *f;
        while ((f = readdir(c))) {
            if (!strcmp(f->d_name, ".") || !strcmp(f->d_name, ".."))
                continue;
            int ours = is_archive_file(f->d_name);
            if (!ours)
                fprintf(stderr, "\n  stray file %s/%s\n", sub, f->d_name);
            CU_ASSERT(ours);
        }
        closedir(c);
    }
    closedir(d);
}

void expect_failure(const char *const *options, const char *file,
                    const char *reason)
{
    char *dir = tk_tempdir();
    const char *argv[16];
    int argc = 0;
    for (int i = 0; options && options[i] && argc < 11; i++)
        argv[argc++] = options[i];
    argv[argc++] = "-q";
    argv[argc++] = "-o";
    argv[argc++] = dir;
    argv[argc++] = file;
    argv[argc] = NULL;
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    CU_ASSERT_EQUAL(rc, 1);
    char want[512];
    snprintf(want, sizeof want, "ddor2csv: %s: %s\n", file, reason);
    if (!err || strcmp(err, want) != 0)
        fprintf(stderr, "\n  want: %s  got:  %s", want, err ? err : "(nothing)\n");
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);

    /* A failed input changes nothing: no dataset is written. */
    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    CU_ASSERT_EQUAL(access(path, F_OK), -1);

    /* Its row in reports, on standard output. */
    argc -= 3;
    argv[argc++] = "-t";
    argv[argc++] = "reports";
    argv[argc++] = file;
    argv[argc] = NULL;
    char *out = NULL;
    free(err);
    err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, &out, &err), 1);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    tk_csv csv;
    CU_ASSERT_EQUAL_FATAL(tk_csv_parse(out ? out : "", &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 2);
    if (csv.nrows == 2) {
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "status")], "error");
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "message")], reason);
        CU_ASSERT_STRING_EQUAL(csv.rows[1][tk_csv_col(&csv, "source_file")], file);
    }
    tk_csv_free(&csv);
    free(out);
    expect_clean_folder(dir);
    free(err);
    tk_rmtree(dir);
    free(dir);
}
