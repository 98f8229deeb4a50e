/*
 * fuzz regressions: every input kept in tests/fuzz/regressions/<target>/
 * goes through its fuzz target's logic again, and so do the hand-made
 * seeds in tests/fuzz/seeds/<target>/ and the fixture reports in the
 * parser fuzzer's format (the generated seeds), which must read exactly as
 * the PDFs themselves do.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../convert/convert.h"
#include "../emit/emit.h"
#include "fuzz/fuzz_targets.h"
#include "fuzz/page_codec.h"
#include "suites.h"
#include "testkit.h"

#define REGRESSIONS "tests/fuzz/regressions"
#define SEEDS "tests/fuzz/seeds"
#define REPORTS "fixtures/reports"

static const struct {
    const char *dir;
    int (*one)(const uint8_t *, size_t);
} TARGETS[] = {
    { "parser", fuzz_parser_one },
    { "csv", fuzz_csv_one },
};

static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int is_pdf(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".pdf") == 0;
}

/* Replays every file of ROOT/DIR through ONE. */
static void replay_dir(const char *root, const char *dir,
                       int (*one)(const uint8_t *, size_t))
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, dir);
    struct dirent **files;
    int n = scandir(path, &files, visible, alphasort);
    for (int i = 0; i < n; i++) {
        char file[1300];
        snprintf(file, sizeof file, "%s/%s", path, files[i]->d_name);
        size_t len;
        char *data = tk_slurp(file, &len);
        CU_ASSERT_PTR_NOT_NULL(data);
        if (data) {
            int rc = one((const uint8_t *)data, len);
            if (rc != 0)
                fprintf(stderr, "\n  %s fails again\n", file);
            CU_ASSERT_EQUAL(rc, 0);
        }
        free(data);
        free(files[i]);
    }
    if (n >= 0)
        free(files);
}

/* Replays ROOT/<target>/ for every target folder under ROOT. */
static void replay_root(const char *root)
{
    struct dirent **dirs;
    int n = scandir(root, &dirs, visible, alphasort);
    CU_ASSERT(n >= 0);
    for (int i = 0; i < n; i++) {
        size_t t = 0;
        while (t < sizeof TARGETS / sizeof TARGETS[0] && strcmp(TARGETS[t].dir, dirs[i]->d_name))
            t++;
        if (t < sizeof TARGETS / sizeof TARGETS[0])
            replay_dir(root, TARGETS[t].dir, TARGETS[t].one);
        else
            CU_FAIL("a folder of fuzz inputs names no fuzz target");
        free(dirs[i]);
    }
    if (n >= 0)
        free(dirs);
}

static void test_regressions(void)
{
    replay_root(REGRESSIONS);
}

static void test_seeds(void)
{
    replay_root(SEEDS);
}

/* Every dataset of report R, one after the other (malloc'd). */
static char *datasets_of(ddor_report *r)
{
    emit_source s = { .source_file = "seed.pdf", .status = "ok", .report = r };
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    emit_assign_ids(&s, 1);
    for (int i = 0; emit_dataset_names[i]; i++)
        CU_ASSERT_EQUAL(emit_dataset(f, emit_dataset_names[i], EMIT_CSV, &s, 1, NULL), 0);
    fclose(f);
    free(s.report_id);
    return out;
}

/* Converts the PDF at PATH as the program does, and writes its pages in
 * the fuzzer's format to *seed (malloc'd, *len bytes). */
static ddor_report *read_pdf(const char *path, char **seed, size_t *len)
{
    extract_status st;
    extract_doc *doc = extract_open(path, &st, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    FILE *f = open_memstream(seed, len);
    if (!f)
        abort();
    for (int i = 0; i < extract_page_count(doc); i++) {
        extract_page page;
        CU_ASSERT_EQUAL_FATAL(extract_load_page(doc, i, &page), EXTRACT_OK);
        fuzz_page_encode(f, &page);
        extract_page_free(&page);
    }
    fclose(f);
    extract_close(doc);

    convert_limits none = { 0, 0, 0 };
    emit_source src;
    convert_report(path, &none, &src, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(src.report);
    ddor_report *r = src.report;
    src.report = NULL;
    emit_source_clear(&src);
    return r;
}

static ddor_report *read_seed(const char *seed, size_t len)
{
    size_t n;
    extract_page *pages = fuzz_pages_decode((const uint8_t *)seed, len, &n);
    ddor_parser *p = ddor_parser_new();
    for (size_t i = 0; i < n; i++)
        ddor_parser_add_page(p, &pages[i]);
    fuzz_pages_free(pages, n);
    return ddor_parser_finish(p);
}

static void test_fixture_seeds(void)
{
    struct dirent **pdfs;
    int n = scandir(REPORTS, &pdfs, is_pdf, alphasort);
    CU_ASSERT(n > 0);
    for (int i = 0; i < n; i++) {
        char path[1024], *seed;
        size_t len;
        snprintf(path, sizeof path, "%s/%s", REPORTS, pdfs[i]->d_name);
        ddor_report *direct = read_pdf(path, &seed, &len);
        ddor_report *decoded = read_seed(seed, len);
        char *want = datasets_of(direct), *got = datasets_of(decoded);
        if (strcmp(want, got) != 0)
            fprintf(stderr, "\n  %s reads otherwise from its seed\n", path);
        CU_ASSERT_STRING_EQUAL(got, want);
        CU_ASSERT_EQUAL(fuzz_parser_one((const uint8_t *)seed, len), 0);
        free(want);
        free(got);
        ddor_report_free(direct);
        ddor_report_free(decoded);
        free(seed);
        free(pdfs[i]);
    }
    if (n >= 0)
        free(pdfs);
}

void suite_fuzz_regressions(void)
{
    CU_pSuite s = CU_add_suite("fuzz regressions", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "regression inputs", test_regressions);
    CU_add_test(s, "hand-made seeds", test_seeds);
    CU_add_test(s, "fixture reports as seeds", test_fixture_seeds);
}
