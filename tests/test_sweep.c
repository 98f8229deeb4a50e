/*
 * The committed layouts of the layout sweep: fixtures/sweep/layout-NNNN/
 * holds the first layouts `ddor-fixture-gen sweep` draws with seed 1 (made
 * by `make fixtures`, LibreOffice's included), so that the suite tries a
 * spread of layouts without cairo or an office suite.  Each report is
 * converted as the sweep converts it, from inside its folder
 * (`ddor2csv -q -o DIR report.pdf`, so that source_file is report.pdf),
 * and every dataset must equal expected/ byte for byte.  `make sweep`
 * runs hundreds more of them and scores the differences.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "testkit.h"

#define SWEEP_FIXTURES "fixtures/sweep"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the folders layout-* in SWEEP_FIXTURES, sorted (malloc'd,
 * as the array); *n gets their number. */
static char **list_layouts(size_t *n)
{
    char **names = NULL;
    *n = 0;
    DIR *d = opendir(SWEEP_FIXTURES);
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "layout-", 7) != 0)
            continue;
        names = realloc(names, (*n + 1) * sizeof *names);
        CU_ASSERT_PTR_NOT_NULL_FATAL(names);
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* The first line of LAYOUT/params, which names the layout's parameters
 * (malloc'd; NULL when there is none). */
static char *params_line(const char *layout)
{
    char *path = tk_path(layout, "params");
    char *text = tk_slurp(path, NULL);
    free(path);
    if (text)
        text[strcspn(text, "\n")] = '\0';
    return text;
}

/* Converts LAYOUT/report.pdf and compares its datasets with
 * LAYOUT/expected/; returns 1 when they are the same, else 0 after
 * saying how the layout failed and what it is. */
static int layout_converts(const char *layout)
{
    char *out = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    const tk_spec in_layout = { .dir = layout };
    const char *argv[] = { "-q", "-o", out, "report.pdf", NULL };
    char *err = NULL;
    int rc = tk_run_with(&in_layout, argv, NULL, &err);
    char *expected = tk_path(layout, "expected");
    int differing = tk_differing_datasets(expected, out, layout);
    char *params = params_line(layout);
    int ok = rc == 0 && differing == 0 && params != NULL;
    if (err)
        err[strcspn(err, "\n")] = '\0';   /* its first line says enough */
    if (!ok)
        fprintf(stderr, "  %s: exit %d, %d datasets differ%s%s\n"
                "    params: %s\n", layout, rc, differing,
                err && *err ? "; stderr: " : "", err ? err : "",
                params ? params : "(no params file)");
    free(params);
    free(expected);
    free(err);
    tk_rmtree(out);
    free(out);
    return ok;
}

static void test_sweep_layouts(void)
{
    size_t n;
    char **names = list_layouts(&n);
    if (n == 0) {
        fprintf(stderr, "\n  no sweep fixtures in %s/ (make them with make fixtures)\n",
                SWEEP_FIXTURES);
        CU_FAIL("no sweep fixtures");
    }
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        /* The first layouts of the sweep, none left out: layout-0001 on. */
        char want[32];
        snprintf(want, sizeof want, "layout-%04zu", i + 1);
        int in_place = strcmp(names[i], want) == 0;
        if (!in_place)
            fprintf(stderr, "\n  %s/%s where %s was expected\n", SWEEP_FIXTURES,
                    names[i], want);
        char *layout = tk_path(SWEEP_FIXTURES, names[i]);
        int converts = layout_converts(layout);
        failed += !(in_place && converts);
        free(layout);
        free(names[i]);
    }
    free(names);
    if (failed)
        fprintf(stderr, "\n  %zu of %zu sweep layouts failed\n", failed, n);
    CU_ASSERT_EQUAL(failed, 0);
}

void suite_sweep(void)
{
    CU_pSuite s = CU_add_suite("layout sweep fixtures", NULL, NULL);
    CU_add_test(s, "every committed layout converts exactly", test_sweep_layouts);
}
