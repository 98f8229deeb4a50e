/*
 * Odd file names end to end: a name with a byte that is not UTF-8 and a
 * newline reaches the datasets as UTF-8 (U+FFFD for the byte, the newline
 * kept inside its quoted cell), and every diagnostic that names it stays
 * one line, its control characters and stray bytes escaped.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "../emit/utf8_clean.h"
#include "suites.h"
#include "testkit.h"

#define FFFD UTF8_REPLACEMENT

/* Writes LEN bytes of DATA to PATH; 0 when done. */
static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t put = fwrite(data, 1, len, f);
    return fclose(f) == 0 && put == len ? 0 : -1;
}

/* A copy of FROM at DIR/NAME (malloc'd path). */
static char *copy_to(const char *from, const char *dir, const char *name)
{
    size_t len;
    char *data = tk_slurp(from, &len);
    char *path = tk_path(dir, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_EQUAL_FATAL(write_file(path, data, len), 0);
    free(data);
    return path;
}

/* Standard error as it must always be: lines of "ddor2csv: ...", UTF-8,
 * without a control character but the newline that ends each. */
static void check_one_line_each(const char *err)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_TRUE(utf8_is_valid(err));
    for (const char *line = err; *line; ) {
        CU_ASSERT_EQUAL(strncmp(line, "ddor2csv: ", 10), 0);
        const char *end = strchr(line, '\n');
        CU_ASSERT_PTR_NOT_NULL_FATAL(end);
        for (const char *p = line; p < end; p++)
            CU_ASSERT_FALSE((unsigned char)*p < 0x20 || *p == 0x7f);
        line = end + 1;
    }
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; text && *text; text++)
        n += *text == '\n';
    return n;
}

/* A real report under a name with 0xFF and a newline, into a folder whose
 * name has an escape and a newline. */
static void test_report_named_oddly(void)
{
    char *dir = tk_tempdir();
    char *input = copy_to("fixtures/reports/weekly-1.pdf", dir, "we\xFF" "ek\nly.pdf");
    char *out = tk_path(dir, "o\x1b\nut");
    const char *argv[] = { "-o", out, input, NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 0);
    check_one_line_each(err);
    CU_ASSERT_EQUAL(count_lines(err), 1);
    CU_ASSERT_PTR_NOT_NULL(err ? strstr(err, "/o\\x1b\\nut/ (1 report) in ") : NULL);

    char *csv_path = tk_path(out, "reports.csv");
    size_t len;
    char *csv = tk_slurp(csv_path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_EQUAL(strlen(csv), len);
    CU_ASSERT_TRUE(utf8_is_valid(csv));
    tk_csv rows;
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(csv_path, &rows), 0);
    CU_ASSERT_EQUAL_FATAL(rows.nrows, 2);
    char want[512];
    snprintf(want, sizeof want, "%s/we" FFFD "ek\nly.pdf", dir);
    CU_ASSERT_STRING_EQUAL(rows.rows[1][tk_csv_col(&rows, "source_file")], want);
    CU_ASSERT_TRUE(emit_report_id_is_safe(rows.rows[1][tk_csv_col(&rows, "report_id")]));
    tk_csv_free(&rows);

    /* JSON Lines: one line for the one report, the name escaped. */
    const char *jsonl[] = { "-q", "--format", "jsonl", "-t", "reports", input, NULL };
    char *lines = NULL;
    CU_ASSERT_EQUAL(tk_run(jsonl, &lines, NULL), 0);
    CU_ASSERT_EQUAL(count_lines(lines), 1);
    CU_ASSERT_TRUE(utf8_is_valid(lines));
    CU_ASSERT_PTR_NOT_NULL(lines ? strstr(lines, "/we\\ufffdek\\nly.pdf\"") : NULL);

    free(lines);
    free(csv);
    free(csv_path);
    free(err);
    free(out);
    free(input);
    tk_rmtree(dir);
    free(dir);
}

/* A file that is not a PDF, named with every kind of byte to escape: its
 * row and its note. */
static void test_failed_input_named_oddly(void)
{
    char *dir = tk_tempdir();
    char *input = tk_path(dir, "no\xFF\npdf\t\x1b\xC2\x85" ".pdf");
    CU_ASSERT_EQUAL_FATAL(write_file(input, "plain text\n", 11), 0);
    const char *argv[] = { "-t", "reports", input, NULL };
    char *out = NULL, *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv, &out, &err), 1);

    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_TRUE(utf8_is_valid(out));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nno" FFFD "_pdf___,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "/no" FFFD "\npdf\t\x1b\xC2\x85.pdf\","));

    /* The note, then the closing line. */
    check_one_line_each(err);
    CU_ASSERT_EQUAL(count_lines(err), 2);
    char want[512];
    snprintf(want, sizeof want,
             "ddor2csv: %s/no\\xff\\npdf\\t\\x1b\\xc2\\x85.pdf: not a PDF\n", dir);
    CU_ASSERT_EQUAL(err ? strncmp(err, want, strlen(want)) : -1, 0);

    free(out);
    free(err);
    free(input);
    tk_rmtree(dir);
    free(dir);
}

void suite_odd_names(void)
{
    CU_pSuite s = CU_add_suite("odd file names", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "a report named with 0xFF and a newline", test_report_named_oddly);
    CU_add_test(s, "a failed input named with controls", test_failed_input_named_oddly);
}
