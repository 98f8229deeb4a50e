/*
 * End to end: every fixture PDF converts to datasets equal, byte for byte,
 * to its ground truth; the demo report reproduces the figures published
 * about weekly #1; and the command's ways of writing (several inputs, one
 * table to stdout, --excel) hold.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "suites.h"
#include "testkit.h"

/* Every fixture with ground truth; test_all_fixtures_listed keeps this
 * list and fixtures/expected/ in step. */
static const char *const FIXTURES[] = {
    "weekly-1", "weekly-2-landscape", "weekly-2-tight", "weekly-3-a4",
    "weekly-1-legal-nostate",
    "office-libreoffice", NULL
};

static void convert_and_compare(const char *name)
{
    char pdf[256], expected[512], actual[512];
    snprintf(pdf, sizeof pdf, "fixtures/reports/%s.pdf", name);
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *argv[] = { "-q", "-o", dir, pdf, NULL };
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    if (rc != 0 || (err && *err))
        fprintf(stderr, "\n  %s: exit %d: %s", name, rc, err ? err : "");
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    snprintf(expected, sizeof expected, "fixtures/expected/%s", name);
    CU_ASSERT_EQUAL(tk_differing_datasets(expected, dir, name), 0);

    /* reports.csv says ok, and the stated count is the extracted one. */
    tk_csv csv;
    snprintf(actual, sizeof actual, "%s/reports.csv", dir);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(actual, &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 2);
    if (csv.nrows == 2) {
        int status = tk_csv_col(&csv, "status");
        int stated = tk_csv_col(&csv, "declined_stated");
        int rows = tk_csv_col(&csv, "declined_rows");
        CU_ASSERT_STRING_EQUAL(csv.rows[1][status], "ok");
        if (csv.rows[1][stated][0])
            CU_ASSERT_STRING_EQUAL(csv.rows[1][stated], csv.rows[1][rows]);
    }
    tk_csv_free(&csv);
    free(err);
    tk_rmtree(dir);
    free(dir);
}

static void test_weekly_1(void) { convert_and_compare("weekly-1"); }
static void test_weekly_2_landscape(void) { convert_and_compare("weekly-2-landscape"); }
static void test_weekly_2_tight(void) { convert_and_compare("weekly-2-tight"); }
static void test_weekly_3_a4(void) { convert_and_compare("weekly-3-a4"); }
static void test_weekly_1_legal(void) { convert_and_compare("weekly-1-legal-nostate"); }
static void test_office(void) { convert_and_compare("office-libreoffice"); }

/* Pages turned by /Rotate read as the upright original: every dataset but
 * reports.csv (other file, other checksum) is the same, byte for byte. */
static void test_rotated_pages(void)
{
    static const char *const TURNS[] = { "90", "180", "270", NULL };
    for (int t = 0; TURNS[t]; t++) {
        char pdf[256], expected[512], actual[512];
        snprintf(pdf, sizeof pdf, "fixtures/rotated/weekly-3-a4-rotate-%s.pdf", TURNS[t]);
        char *dir = tk_tempdir();
        const char *argv[] = { "-q", "-o", dir, pdf, NULL };
        CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
        for (int i = 1; emit_dataset_names[i]; i++) {
            snprintf(expected, sizeof expected, "fixtures/expected/weekly-3-a4/%s.csv",
                     emit_dataset_names[i]);
            snprintf(actual, sizeof actual, "%s/%s.csv", dir, emit_dataset_names[i]);
            CU_ASSERT(tk_same_file(expected, actual));
        }
        tk_rmtree(dir);
        free(dir);
    }
}

static void test_all_fixtures_listed(void)
{
    DIR *d = opendir("fixtures/expected");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int listed = 0;
        for (int i = 0; FIXTURES[i]; i++)
            listed |= strcmp(FIXTURES[i], e->d_name) == 0;
        if (!listed)
            fprintf(stderr, "\n  fixture %s has no end-to-end test\n", e->d_name);
        CU_ASSERT(listed);
        found++;
    }
    closedir(d);
    int known = 0;
    while (FIXTURES[known])
        known++;
    CU_ASSERT_EQUAL(found, known);
}

/* ---- the demo report against the figures published about weekly #1 ---- */

static char *demo_dir;

static const char *demo(void)
{
    if (!demo_dir) {
        demo_dir = tk_tempdir();
        const char *argv[] = { "-q", "-o", demo_dir, "fixtures/reports/weekly-1.pdf", NULL };
        if (tk_run(argv, NULL, NULL) != 0)
            fprintf(stderr, "\n  demo conversion failed\n");
    }
    return demo_dir;
}

static void read_dataset(const char *name, tk_csv *csv)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.csv", demo(), name);
    CU_ASSERT_EQUAL(tk_csv_read(path, csv), 0);
}

/* The seed article's table of (convicted, charged), as ddor-format.md
 * reads it. */
static const struct { const char *crime; int convicted, charged; } ARTICLE[] = {
    { "Carrying Prohibited Weapon", 0, 2 }, { "Cruelty Toward Wife", 0, 1 },
    { "Damage Property", 1, 0 }, { "Domestic Violence", 11, 16 },
    { "Driving Under Influence", 17, 22 }, { "Drug Possession", 10, 7 },
    { "Failure To Appear", 1, 0 }, { "Family Offense", 0, 2 },
    { "Flight to Avoid", 0, 1 }, { "Hit and Run", 1, 0 },
    { "Identity Theft", 0, 1 }, { "Illegal Entry", 0, 1 },
    { "Indecent Exposure", 0, 3 }, { "Indecent Exposure to Minor", 2, 0 },
    { "Obscene Material - Possession", 0, 1 }, { "Possession Of Weapon", 1, 0 },
    { "Probation Violation", 0, 1 }, { "Public Order Crimes", 1, 0 },
    { "Resisting Officer", 1, 2 }, { "Sex Assault", 7, 0 },
    { "Sex Offense", 6, 0 }, { "Traffic Offense", 1, 1 },
    { "Vehicle Theft", 1, 0 }, { "Violation of a Court Order", 1, 0 },
};

static void test_demo_crime_table(void)
{
    tk_csv csv;
    read_dataset("crime_summary", &csv);
    int crime = tk_csv_col(&csv, "crime"), conv = tk_csv_col(&csv, "convicted");
    int charged = tk_csv_col(&csv, "charged");
    CU_ASSERT_FATAL(crime >= 0 && conv >= 0 && charged >= 0);
    for (size_t a = 0; a < sizeof ARTICLE / sizeof *ARTICLE; a++) {
        int seen = 0;
        for (size_t r = 1; r < csv.nrows; r++)
            if (strcmp(csv.rows[r][crime], ARTICLE[a].crime) == 0) {
                seen++;
                CU_ASSERT_EQUAL(atoi(csv.rows[r][conv]), ARTICLE[a].convicted);
                CU_ASSERT_EQUAL(atoi(csv.rows[r][charged]), ARTICLE[a].charged);
            }
        if (seen != 1)
            fprintf(stderr, "\n  crime %s found %d times\n", ARTICLE[a].crime, seen);
        CU_ASSERT_EQUAL(seen, 1);
    }

    /* 44% convictions, 56% charges of 206; DUI the most common conviction,
     * Assault the most common charge. */
    long tc = 0, tg = 0, best_c = -1, best_g = -1;
    const char *top_c = "", *top_g = "";
    for (size_t r = 1; r < csv.nrows; r++) {
        long c = atol(csv.rows[r][conv]), g = atol(csv.rows[r][charged]);
        tc += c;
        tg += g;
        if (c > best_c) { best_c = c; top_c = csv.rows[r][crime]; }
        if (g > best_g) { best_g = g; top_g = csv.rows[r][crime]; }
    }
    CU_ASSERT_EQUAL(tc + tg, 206);
    CU_ASSERT_EQUAL((tc * 100 + 103) / 206, 44);
    CU_ASSERT_EQUAL((tg * 100 + 103) / 206, 56);
    CU_ASSERT_STRING_EQUAL(top_c, "Driving Under Influence");
    CU_ASSERT_STRING_EQUAL(top_g, "Assault");
    tk_csv_free(&csv);
}

static void test_demo_countries(void)
{
    /* Latin America: Mexico, Central and South America, the Spanish- and
     * French-speaking Caribbean. */
    static const char *const LATAM[] = {
        "MX", "GT", "SV", "HN", "NI", "CR", "PA", "BZ", "CU", "DO", "HT", "PR",
        "CO", "VE", "EC", "PE", "BO", "PY", "UY", "AR", "CL", "BR", NULL
    };
    tk_csv csv;
    read_dataset("country_summary", &csv);
    int code = tk_csv_col(&csv, "country_code"), n = tk_csv_col(&csv, "declined");
    CU_ASSERT_FATAL(code >= 0 && n >= 0);
    long total = 0, mexico = 0, latam = 0;
    for (size_t r = 1; r < csv.nrows; r++) {
        long k = atol(csv.rows[r][n]);
        total += k;
        if (strcmp(csv.rows[r][code], "MX") == 0)
            mexico += k;
        for (int i = 0; LATAM[i]; i++)
            if (strcmp(csv.rows[r][code], LATAM[i]) == 0)
                latam += k;
        CU_ASSERT_NOT_EQUAL(csv.rows[r][code][0], '\0');   /* all recognised */
    }
    CU_ASSERT_EQUAL(total, 206);
    CU_ASSERT(mexico * 100 >= 69 * total && mexico * 100 <= 71 * total);
    CU_ASSERT(latam * 100 > 95 * total);
    tk_csv_free(&csv);
}

static void test_demo_report_row(void)
{
    tk_csv csv;
    read_dataset("reports", &csv);
    CU_ASSERT_EQUAL_FATAL(csv.nrows, 2);
    const char *want[][2] = {
        { "report_id", "2017-01-28" }, { "pages", "35" },
        { "period_start", "2017-01-28" }, { "period_end", "2017-02-03" },
        { "detainers_issued", "3083" }, { "declined_stated", "206" },
        { "declined_rows", "206" }, { "status", "ok" }, { "message", "" },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int c = tk_csv_col(&csv, want[i][0]);
        CU_ASSERT_FATAL(c >= 0);
        CU_ASSERT_STRING_EQUAL(csv.rows[1][c], want[i][1]);
    }
    tk_csv_free(&csv);

    /* Section I: Clark County NV first with 51. */
    read_dataset("top_jurisdictions", &csv);
    CU_ASSERT_EQUAL_FATAL(csv.nrows, 11);
    CU_ASSERT_STRING_EQUAL(csv.rows[1][2], "NV");
    CU_ASSERT_STRING_EQUAL(csv.rows[1][3], "Clark County");
    CU_ASSERT_STRING_EQUAL(csv.rows[1][4], "51");
    tk_csv_free(&csv);
}

/* ---- the command's ways of writing ---- */

/* Several inputs into one folder: the same bytes given twice are one
 * report; reports are ordered by period whatever the order given; a second
 * PDF of a period already there (a re-issue) is kept as "-2", and the
 * earlier edition names it in superseded_by. */
static void test_several_inputs(void)
{
    char *dir = tk_tempdir();
    const char *a = "fixtures/reports/weekly-3-a4.pdf";          /* 2017-02-11 */
    const char *b = "fixtures/reports/weekly-2-landscape.pdf";   /* 2017-02-04 */
    const char *c = "fixtures/reports/weekly-2-tight.pdf";       /* 2017-02-04 */
    const char *argv[] = { "-q", "-o", dir, a, b, a, c, NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    tk_csv csv;
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    CU_ASSERT_EQUAL_FATAL(csv.nrows, 4);
    int id = tk_csv_col(&csv, "report_id"), src = tk_csv_col(&csv, "source_file");
    int added = tk_csv_col(&csv, "added"), sup = tk_csv_col(&csv, "superseded_by");
    CU_ASSERT_FATAL(added >= 0 && sup >= 0);
    static const char *const want[3][4] = {
        { "2017-02-04", "fixtures/reports/weekly-2-landscape.pdf", "2", "2017-02-04-2" },
        { "2017-02-04-2", "fixtures/reports/weekly-2-tight.pdf", "3", "" },
        { "2017-02-11", "fixtures/reports/weekly-3-a4.pdf", "1", "" },
    };
    for (int r = 0; r < 3; r++) {
        CU_ASSERT_STRING_EQUAL(csv.rows[r + 1][id], want[r][0]);
        CU_ASSERT_STRING_EQUAL(csv.rows[r + 1][src], want[r][1]);
        CU_ASSERT_STRING_EQUAL(csv.rows[r + 1][added], want[r][2]);
        CU_ASSERT_STRING_EQUAL(csv.rows[r + 1][sup], want[r][3]);
    }
    tk_csv_free(&csv);

    /* declined rows: report by report, in the same order */
    snprintf(path, sizeof path, "%s/declined_detainers.csv", dir);
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    const char *last = "";
    int changes = 0;
    for (size_t r = 1; r < csv.nrows; r++) {
        if (strcmp(csv.rows[r][0], last) != 0) {
            changes++;
            CU_ASSERT(strcmp(csv.rows[r][0], last) > 0);
        }
        last = csv.rows[r][0];
    }
    CU_ASSERT_EQUAL(changes, 3);
    tk_csv_free(&csv);
    tk_rmtree(dir);
    free(dir);
}

static void test_table_to_stdout(void)
{
    const char *argv[] = { "-q", "-t", "declined_detainers",
                           "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *out = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, &out, NULL), 0);
    char *want = tk_slurp("fixtures/expected/weekly-3-a4/declined_detainers.csv", NULL);
    CU_ASSERT_PTR_NOT_NULL(want);
    CU_ASSERT(out && want && strcmp(out, want) == 0);
    free(out);
    free(want);

    const char *bad[] = { "-t", "no_such_table", "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(bad, NULL, NULL), 2);
}

static void test_excel(void)
{
    const char *argv[] = { "-q", "--excel", "-t", "reports",
                           "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *out = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, &out, NULL), 0);
    CU_ASSERT_FATAL(out != NULL);
    CU_ASSERT(memcmp(out, "\xEF\xBB\xBFreport_id,", 13) == 0);
    char *nl = strchr(out, '\n');
    CU_ASSERT(nl && nl > out && nl[-1] == '\r');
    free(out);
}

static int cleanup(void)
{
    if (demo_dir) {
        tk_rmtree(demo_dir);
        free(demo_dir);
        demo_dir = NULL;
    }
    return 0;
}

/* The README's examples, run as a user would copy them
 * (tests/readme-examples says how). */
static void test_readme_examples(void)
{
    const char *bin = getenv("DDOR2CSV");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "tests/readme-examples '%s'",
             bin && *bin ? bin : "build/ddor2csv");
    CU_ASSERT_EQUAL(system(cmd), 0);
}

void suite_fixtures(void)
{
    CU_pSuite s = CU_add_suite("fixtures end to end", NULL, cleanup);
    CU_add_test(s, "every fixture has a test", test_all_fixtures_listed);
    CU_add_test(s, "weekly-1 (demo) equals its ground truth", test_weekly_1);
    CU_add_test(s, "weekly-2 landscape, no rulings", test_weekly_2_landscape);
    CU_add_test(s, "weekly-2 rows set tight", test_weekly_2_tight);
    CU_add_test(s, "weekly-3 A4, wrapped dates", test_weekly_3_a4);
    CU_add_test(s, "weekly-1 legal, state codes", test_weekly_1_legal);
    CU_add_test(s, "LibreOffice-made report", test_office);
    CU_add_test(s, "pages turned by /Rotate", test_rotated_pages);
    CU_add_test(s, "demo: the article's crime table", test_demo_crime_table);
    CU_add_test(s, "demo: citizenship shares", test_demo_countries);
    CU_add_test(s, "demo: report row and Section I", test_demo_report_row);
    CU_add_test(s, "several inputs, ids, order", test_several_inputs);
    CU_add_test(s, "-t writes one dataset to stdout", test_table_to_stdout);
    CU_add_test(s, "--excel: BOM and CRLF", test_excel);
    CU_add_test(s, "the README's examples run", test_readme_examples);
}
