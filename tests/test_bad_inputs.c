/*
 * The corpus of bad input (fixtures/bad/ and PDFs made here), each with
 * its outcome: refused with its reason, or converted in full.
 *
 * - A report cut short is refused as "truncated or damaged PDF" wherever
 *   the cut falls, except right after "startxref": then only the "%%EOF"
 *   marker is missing and the report converts as the whole one does.
 * - Encryption with a user password is refused as "encrypted"; a PDF with
 *   an owner password only (restrictions that readers need not enforce)
 *   converts.
 * - A report without a section converts, with the tables it has.
 * - Cells that a spreadsheet would run as formulas are guarded with "'";
 *   control characters in the text become spaces, and the datasets stay
 *   valid UTF-8 (bytes that are not become U+FFFD).
 * - Inputs beyond the resource bounds (--max-size, --max-pages,
 *   --max-words) are refused with the bound they went over, the rest of
 *   the run going on; within the defaults, a 2,000-page PDF and a page of
 *   50,000 words take well under the default timeout.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../extract/extract.h"
#include "../extract/extract_private.h"
#include "expect_failure.h"
#include "raw_pdf.h"
#include "suites.h"
#include "testkit.h"

#define WEEKLY_3 "fixtures/expected/weekly-3-a4"

/* The datasets of records, as fixtures/expected/ holds them (reports.csv
 * names the source file, which differs). */
static const char *const record_datasets[] = {
    "declined_detainers", "top_jurisdictions", "policy_jurisdictions",
    "crime_summary", "country_summary", NULL
};

/* Converts FILE into a fresh folder; returns the folder (malloc'd) after
 * asserting exit status 0 and nothing on stderr. */
static char *convert_ok(const char *file, const char *option)
{
    char *dir = tk_tempdir();
    const char *argv[] = { "-q", "-o", dir, file, option, NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "", "");
    free(err);
    return dir;
}

static int same_dataset(const char *dir, const char *name, const char *expected_dir)
{
    char got[512], want[512];
    snprintf(got, sizeof got, "%s/%s.csv", dir, name);
    snprintf(want, sizeof want, "%s/%s.csv", expected_dir, name);
    return tk_same_file(want, got);
}

/* Column NAME of row 1 of DIR's reports.csv, malloc'd. */
static char *report_field(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/reports.csv", dir);
    tk_csv csv;
    if (tk_csv_read(path, &csv) != 0)
        return NULL;
    int col = tk_csv_col(&csv, name);
    char *v = csv.nrows > 1 && col >= 0 ? strdup(csv.rows[1][col]) : NULL;
    tk_csv_free(&csv);
    return v;
}

/* FILE converts to exactly the records of weekly-3-a4, status ok. */
static void expect_whole_weekly_3(const char *file)
{
    char *dir = convert_ok(file, NULL);
    for (int i = 0; record_datasets[i]; i++)
        CU_ASSERT(same_dataset(dir, record_datasets[i], WEEKLY_3));
    char *status = report_field(dir, "status");
    CU_ASSERT_STRING_EQUAL(status ? status : "", "ok");
    free(status);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Cut short ------------------------------------------------------- */

static void test_truncated_in_header(void)
{
    expect_failure(NULL, "fixtures/bad/truncated-header.pdf", "truncated or damaged PDF");
}

/* Poppler would rebuild the cross-reference table from the objects and
 * read every page, but nothing in a file cut there tells that it was all
 * of the report: refused. */
static void test_truncated_before_xref(void)
{
    expect_failure(NULL, "fixtures/bad/truncated-before-xref.pdf", "truncated or damaged PDF");
}

static void test_truncated_before_startxref(void)
{
    expect_failure(NULL, "fixtures/bad/truncated-before-startxref.pdf",
                   "truncated or damaged PDF");
}

static void test_missing_eof_marker(void)
{
    expect_whole_weekly_3("fixtures/bad/no-eof.pdf");
}

/* ---- Encryption ------------------------------------------------------ */

static void test_encrypted_aes256(void)
{
    expect_failure(NULL, "fixtures/bad/encrypted-aes256.pdf", "encrypted");
}

static void test_owner_password_only(void)
{
    expect_whole_weekly_3("fixtures/bad/owner-restricted.pdf");
}

/* ---- A section missing ----------------------------------------------- */

static void test_missing_section(void)
{
    char *dir = convert_ok("fixtures/bad/missing-section.pdf", NULL);
    CU_ASSERT(same_dataset(dir, "declined_detainers", WEEKLY_3));
    CU_ASSERT(same_dataset(dir, "top_jurisdictions", WEEKLY_3));
    CU_ASSERT(same_dataset(dir, "crime_summary", WEEKLY_3));
    char path[512];
    snprintf(path, sizeof path, "%s/policy_jurisdictions.csv", dir);
    tk_csv csv;
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(path, &csv), 0);
    CU_ASSERT_EQUAL(csv.nrows, 1);              /* the header alone */
    tk_csv_free(&csv);
    char *status = report_field(dir, "status"), *message = report_field(dir, "message");
    CU_ASSERT_STRING_EQUAL(status ? status : "", "warning");
    CU_ASSERT_STRING_EQUAL(message ? message : "", "sections not found: III");
    free(status);
    free(message);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Hostile cells --------------------------------------------------- */

/* Valid UTF-8, and no control character but the line ends EOL. */
static int clean_text(const char *s, size_t len, const char *eol)
{
    if (!g_utf8_validate(s, (gssize)len, NULL))
        return 0;
    size_t eol_len = strlen(eol);
    for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
        if (strncmp(p, eol, eol_len) == 0) {
            p += eol_len - 1;
            continue;
        }
        if (g_unichar_iscntrl(g_utf8_get_char(p)))
            return 0;
    }
    return 1;
}

static void expect_guarded_cells(const char *option, const char *eol)
{
    char *dir = convert_ok("fixtures/bad/hostile-cells.pdf", option);
    char path[512];
    snprintf(path, sizeof path, "%s/declined_detainers.csv", dir);
    size_t len = 0;
    char *csv = tk_slurp(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT(clean_text(csv, len, eol));
    if (strcmp(eol, "\r\n") == 0)
        CU_ASSERT(strncmp(csv, "\xEF\xBB\xBF", 3) == 0);
    static const char *const lines[] = {
        "CA,'=cmd|' /C calc'!A0,Santa Rita Jail,",
        "CA,Orange County,'@SUM(1+1) cmd|' /C calc'!A0,",
        "CA,Sacramento County,Rio Cosumnes Jail Unit Two,El Salvador,",
        "CO,'+1+cmd|' /C calc'!A0,Boulder County Jail,",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char *at = strstr(csv, lines[i]);
        if (!at)
            fprintf(stderr, "\n  missing: %s\n", lines[i]);
        CU_ASSERT_PTR_NOT_NULL(at);
    }
    /* Nothing unguarded anywhere: every "=cmd" follows the guard. */
    for (char *p = strstr(csv, "=cmd"); p; p = strstr(p + 1, "=cmd"))
        CU_ASSERT(p > csv && p[-1] == '\'');
    free(csv);
    tk_rmtree(dir);
    free(dir);
}

static void test_formula_cells(void) { expect_guarded_cells(NULL, "\n"); }
static void test_formula_cells_excel(void) { expect_guarded_cells("--excel", "\r\n"); }

/* What a font's ToUnicode map makes of the codes 0x80.. : a lone high
 * and low surrogate, U+0001, DEL, U+009B (a C1 control), U+FFFE, U+0000. */
static const char odd_cmap[] =
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
    "1 begincodespacerange <00> <FF> endcodespacerange\n"
    "7 beginbfchar\n"
    "<80> <D800>\n<81> <0001>\n<82> <007F>\n<83> <009B>\n"
    "<84> <DFFF>\n<85> <FFFE>\n<86> <0000>\n"
    "endbfchar\n"
    "endcmap CMapName currentdict /CMap defineresource pop end end\n";

static void odd_text(FILE *out, int index, void *ctx)
{
    (void)index; (void)ctx;
    fputs("BT /F1 10 Tf 72 700 Td (Ab\x80" "cd Ef\x81gh Ij\x82kl Mn\x83op "
          "Qr\x84st) Tj ET", out);
}

/* Every word valid UTF-8 without control characters, each control
 * character a break between words. */
static void test_control_characters_in_text(void)
{
    char *dir = tk_tempdir();
    char path[512];
    snprintf(path, sizeof path, "%s/odd-text.pdf", dir);
    raw_pdf spec = { 612, 792, 1, odd_text, NULL, odd_cmap };
    CU_ASSERT_EQUAL_FATAL(raw_pdf_write(path, &spec), 0);
    extract_status st;
    extract_doc *doc = extract_open(path, &st, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    extract_page page;
    CU_ASSERT_EQUAL_FATAL(extract_load_page(doc, 0, &page), EXTRACT_OK);
    char joined[512] = "";
    for (size_t i = 0; i < page.nwords; i++) {
        const char *w = page.words[i].text;
        CU_ASSERT(clean_text(w, strlen(w), "\n"));
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined),
                 "%s%s", i ? " " : "", w);
    }
    CU_ASSERT_STRING_EQUAL(joined, "Ab\xEF\xBF\xBD" "cd Ef gh Ij kl Mn op "
                           "Qr\xEF\xBF\xBDst");
    extract_page_free(&page);
    extract_close(doc);
    tk_rmtree(dir);
    free(dir);
}

/* Bytes that are not UTF-8, as an older Poppler may hand them over: one
 * U+FFFD per encoded code point, one per stray byte. */
static void test_invalid_utf8_decoding(void)
{
    static const struct {
        const char *bytes;
        int advance;
    } cases[] = {
        { "\xED\xA0\x80x", 3 },       /* a lone surrogate in UTF-8's pattern */
        { "\xF4\x90\x80\x80x", 4 },   /* above U+10FFFF */
        { "\xC3(x", 1 },              /* a lead byte without its follower */
        { "\x80x", 1 },               /* a follower alone */
        { "\xFFx", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gunichar c = 0;
        const char *next = extract_next_char(cases[i].bytes, &c);
        CU_ASSERT_EQUAL(c, 0xFFFD);
        CU_ASSERT_EQUAL(next - cases[i].bytes, cases[i].advance);
    }
    gunichar c = 0;
    const char *e_acute = "\xC3\xA9";
    CU_ASSERT_PTR_EQUAL(extract_next_char(e_acute, &c), e_acute + 2);
    CU_ASSERT_EQUAL(c, 0xE9);
}

/* ---- Resource bounds ------------------------------------------------- */

/* The large inputs, made once for the suite. */
static char *scratch;
static char many_pages[512], many_words[512], huge_file[512];

enum { MANY_PAGES = 2000, WORDS_PER_LINE = 100, WORD_LINES = 500 };

static void page_label(FILE *out, int index, void *ctx)
{
    (void)ctx;
    fprintf(out, "BT /F1 10 Tf 72 720 Td (Page %d) Tj ET", index + 1);
}

/* 500 lines of 100 words, "w0" to "w49999".  The type is 8 points on a
 * page made large enough: Poppler keeps only the first 50,000 of the
 * characters smaller than 3 points on a page. */
static void word_lines(FILE *out, int index, void *ctx)
{
    (void)index; (void)ctx;
    fputs("BT /F1 8 Tf 10 5190 Td 10 TL\n", out);
    for (int line = 0; line < WORD_LINES; line++) {
        fputc('(', out);
        for (int k = 0; k < WORDS_PER_LINE; k++)
            fprintf(out, "%sw%d", k ? " " : "", line * WORDS_PER_LINE + k);
        fputs(") '\n", out);
    }
    fputs("ET", out);
}

static int make_large_inputs(void)
{
    scratch = tk_tempdir();
    if (!scratch)
        return -1;
    snprintf(many_pages, sizeof many_pages, "%s/pages-2000.pdf", scratch);
    snprintf(many_words, sizeof many_words, "%s/words-50000.pdf", scratch);
    snprintf(huge_file, sizeof huge_file, "%s/huge.pdf", scratch);
    raw_pdf pages = { 612, 792, MANY_PAGES, page_label, NULL, NULL };
    raw_pdf words = { 3400, 5200, 1, word_lines, NULL, NULL };
    if (raw_pdf_write(many_pages, &pages) != 0 ||
        raw_pdf_write(many_words, &words) != 0)
        return -1;
    /* 1.5 MB that only starts like a PDF: the size is checked first. */
    int fd = open(huge_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int ok = write(fd, "%PDF-1.4\n", 9) == 9 &&
             ftruncate(fd, 3 * 512 * 1024) == 0;
    return close(fd) == 0 && ok ? 0 : -1;
}

static int remove_large_inputs(void)
{
    if (scratch)
        tk_rmtree(scratch);
    free(scratch);
    scratch = NULL;
    return 0;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Within the default bounds, FILE is read in full and found to be no
 * report, in a small part of the default timeout (a sanitized build is
 * several times slower, hence the margin) and within 256 MB. */
static void expect_read_in_bounds(const char *file)
{
    double start = seconds_now();
    const char *options[] = { "--max-memory", "256", NULL };
    expect_failure(options, file, "not a Declined Detainer Outcome Report");
    double took = seconds_now() - start;
    if (took >= 20)
        fprintf(stderr, "\n  %s took %.1f s\n", file, took);
    CU_ASSERT(took < 20);
}

static void test_many_pages_within_defaults(void) { expect_read_in_bounds(many_pages); }
static void test_many_words_within_defaults(void) { expect_read_in_bounds(many_words); }

static void test_page_limit(void)
{
    const char *options[] = { "--max-pages", "1999", NULL };
    expect_failure(options, many_pages, "too many pages (2,000 > --max-pages 1999)");
    const char *enough[] = { "--max-pages", "2000", NULL };
    expect_failure(enough, many_pages, "not a Declined Detainer Outcome Report");
}

static void test_word_limit(void)
{
    const char *options[] = { "--max-words", "20000", NULL };
    expect_failure(options, many_words,
                   "page 1: too many words (50,000 > --max-words 20000)");
    const char *enough[] = { "--max-words", "50000", NULL };
    expect_failure(enough, many_words, "not a Declined Detainer Outcome Report");
}

static void test_size_limit(void)
{
    const char *options[] = { "--max-size", "1", NULL };
    expect_failure(options, huge_file, "file too large (1.5 MB > --max-size 1)");
    /* Within the limit, the file is read, and found cut short. */
    expect_failure(NULL, huge_file, "truncated or damaged PDF");
}

/* A refusal by a bound is no verdict on the file: the run goes on with
 * the other inputs, and the next run, allowed more, converts it rather
 * than reuse the refusal. */
static void test_refusal_not_kept(void)
{
    char *dir = tk_tempdir();
    const char *argv[] = { "-q", "--max-pages", "100", "-o", dir, many_pages,
                           "fixtures/reports/weekly-3-a4.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 1);
    char want[700];
    snprintf(want, sizeof want, "ddor2csv: %s: too many pages (2,000 > --max-pages 100)\n",
             many_pages);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    free(err);
    CU_ASSERT(same_dataset(dir, "declined_detainers", WEEKLY_3));

    const char *again[] = { "-q", "-o", dir, many_pages, NULL };
    err = NULL;
    CU_ASSERT_EQUAL(tk_run(again, NULL, &err), 1);
    snprintf(want, sizeof want, "ddor2csv: %s: not a Declined Detainer Outcome Report\n",
             many_pages);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    free(err);
    expect_clean_folder(dir);
    tk_rmtree(dir);
    free(dir);
}

static void test_bad_bound_values(void)
{
    static const char *const cases[][3] = {
        { "--max-pages", "-1", "ddor2csv: invalid page limit '-1' (a whole number, 0 for no limit)\n" },
        { "--max-words", "many", "ddor2csv: invalid word limit 'many' (a whole number, 0 for no limit)\n" },
        { "--max-size", "1.5", "ddor2csv: invalid file size limit '1.5' (megabytes, 0 for no limit)\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *argv[] = { cases[i][0], cases[i][1],
                               "fixtures/reports/weekly-3-a4.pdf", NULL };
        char *err = NULL;
        CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 2);
        CU_ASSERT(err && strncmp(err, cases[i][2], strlen(cases[i][2])) == 0);
        free(err);
    }
}

void suite_bad_inputs(void)
{
    CU_pSuite s = CU_add_suite("bad input corpus and resource bounds",
                               make_large_inputs, remove_large_inputs);
    CU_add_test(s, "cut in the header", test_truncated_in_header);
    CU_add_test(s, "cut before the xref table", test_truncated_before_xref);
    CU_add_test(s, "cut before startxref", test_truncated_before_startxref);
    CU_add_test(s, "no EOF marker: converts", test_missing_eof_marker);
    CU_add_test(s, "AES-256 user password", test_encrypted_aes256);
    CU_add_test(s, "owner password only: converts", test_owner_password_only);
    CU_add_test(s, "a section missing: converts, with a warning", test_missing_section);
    CU_add_test(s, "formula cells guarded", test_formula_cells);
    CU_add_test(s, "formula cells guarded with --excel", test_formula_cells_excel);
    CU_add_test(s, "control characters in text", test_control_characters_in_text);
    CU_add_test(s, "invalid UTF-8 decoded", test_invalid_utf8_decoding);
    CU_add_test(s, "2,000 pages within the defaults", test_many_pages_within_defaults);
    CU_add_test(s, "50,000 words within the defaults", test_many_words_within_defaults);
    CU_add_test(s, "--max-pages", test_page_limit);
    CU_add_test(s, "--max-words", test_word_limit);
    CU_add_test(s, "--max-size", test_size_limit);
    CU_add_test(s, "a refusal by a bound is not kept", test_refusal_not_kept);
    CU_add_test(s, "bad values of the bounds", test_bad_bound_values);
}
