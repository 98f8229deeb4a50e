/*
 * extract on small PDFs drawn with cairo (tk_draw_pdf): words from glyph boxes,
 * cells with no space between them, ligatures, lines in reading order.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../extract/extract.h"
#include "suites.h"
#include "testkit.h"

/* The words of page 1 of PATH, line by line: "a b|c d". */
static char *page_text(const char *path)
{
    extract_status st;
    char *detail = NULL;
    extract_doc *doc = extract_open(path, &st, &detail);
    free(detail);
    if (!doc)
        return NULL;
    extract_page page;
    char *out = calloc(1, 4096);
    if (extract_load_page(doc, 0, &page) == EXTRACT_OK) {
        for (size_t l = 0; l < page.nlines; l++) {
            if (l)
                strcat(out, "|");
            for (size_t k = 0; k < page.lines[l].count; k++) {
                if (k)
                    strcat(out, " ");
                strncat(out, page.words[page.lines[l].first + k].text,
                        4000 - strlen(out));
            }
        }
        extract_page_free(&page);
    }
    extract_close(doc);
    return out;
}

static void check_page(const tk_placed *texts, size_t n, const char *want)
{
    char *path = tk_draw_pdf(texts, n);
    char *got = page_text(path);
    if (!got || strcmp(got, want) != 0)
        fprintf(stderr, "\n  want '%s'\n  got  '%s'\n", want, got ? got : "(nothing)");
    CU_ASSERT_STRING_EQUAL(got ? got : "", want);
    free(got);
    unlink(path);
    free(path);
}

/* Two table cells drawn edge to edge: Poppler's text runs them together,
 * the glyph boxes part them. */
static void test_cells_apart(void)
{
    static const tk_placed t[] = {
        { "Texas", 50, 100 }, { "Travis", 90, 100 }, { "County", 126, 100 },
        { "Mexico", 200, 100 },
    };
    check_page(t, 4, "Texas Travis County Mexico");
}

/* Lines top to bottom, words left to right, whatever the drawing order. */
static void test_reading_order(void)
{
    static const tk_placed t[] = {
        { "second", 50, 140 }, { "line", 100, 140 },
        { "first", 50, 100 }, { "right", 300, 100 }, { "left", 200, 100 },
    };
    check_page(t, 5, "first left right|second line");
}

/* Ligature characters are spelled out. */
static void test_ligatures(void)
{
    static const tk_placed t[] = {
        { "Tra\xEF\xAC\x83" "c", 50, 100 },          /* U+FB03 ffi */
        { "\xEF\xAC\x81" "rst", 120, 100 },          /* U+FB01 fi */
    };
    check_page(t, 2, "Traffic first");
}

static void test_statuses(void)
{
    extract_status st;
    char *detail = NULL;
    CU_ASSERT_PTR_NULL(extract_open("/nonexistent/file.pdf", &st, &detail));
    CU_ASSERT_EQUAL(st, EXTRACT_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(detail);
    free(detail);
    CU_ASSERT_STRING_EQUAL(extract_status_reason(EXTRACT_ERR_NOT_PDF), "not a PDF");
    CU_ASSERT_STRING_EQUAL(extract_status_reason(EXTRACT_ERR_DAMAGED),
                           "truncated or damaged PDF");
}

void suite_extract(void)
{
    CU_pSuite s = CU_add_suite("extract", NULL, NULL);
    CU_add_test(s, "cells drawn edge to edge are two words", test_cells_apart);
    CU_add_test(s, "reading order", test_reading_order);
    CU_add_test(s, "ligatures spelled out", test_ligatures);
    CU_add_test(s, "error statuses", test_statuses);
}
