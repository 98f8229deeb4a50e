/*
 * Text that comes from file names: well-formed UTF-8 (emit/utf8_clean.h),
 * report ids that are one safe folder name and are handed out cheaply
 * (emit_assign_ids, emit_report_id_is_safe), and diagnostics that stay on
 * one line (cli/line_escape.h).
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../cli/line_escape.h"
#include "../emit/emit.h"
#include "../emit/utf8_clean.h"
#include "suites.h"

#define FFFD UTF8_REPLACEMENT

/* ---- utf8_clean ---------------------------------------------------------- */

static void check_clean(const char *in, const char *want)
{
    char *got = utf8_clean(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\nutf8_clean: want \"%s\" got \"%s\"\n", want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    CU_ASSERT_TRUE(utf8_is_valid(got));
    CU_ASSERT_EQUAL(utf8_is_valid(in), strcmp(in, want) == 0);
    free(got);
}

static void test_utf8_valid_passes(void)
{
    check_clean("", "");
    check_clean("plain ASCII, with controls\n\t\x7f", "plain ASCII, with controls\n\t\x7f");
    check_clean("Peña São \xE2\x82\xAC \xF0\x9F\x98\x80",      /* 2, 3, 4 bytes */
                "Peña São \xE2\x82\xAC \xF0\x9F\x98\x80");
    check_clean("\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF",  /* range ends */
                "\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF");
    check_clean("\xED\x9F\xBF \xEE\x80\x80",     /* either side of the surrogates */
                "\xED\x9F\xBF \xEE\x80\x80");
    check_clean("\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF",  /* U+10000, U+10FFFF */
                "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF");
    check_clean(FFFD, FFFD);
    char *null = utf8_clean(NULL);
    CU_ASSERT_STRING_EQUAL(null, "");
    free(null);
    CU_ASSERT_TRUE(utf8_is_valid(NULL));
}

/* One U+FFFD for each byte that does not begin a well-formed character. */
static void test_utf8_invalid_replaced(void)
{
    check_clean("a\xFF" "b", "a" FFFD "b");                        /* never UTF-8 */
    check_clean("\xFE\xF5\xF8", FFFD FFFD FFFD);
    check_clean("\x80" "x\xBF", FFFD "x" FFFD);                    /* stray continuation */
    check_clean("\xC0\xAF", FFFD FFFD);                            /* overlong '/' */
    check_clean("\xC1\xBF", FFFD FFFD);
    check_clean("\xE0\x80\xAF", FFFD FFFD FFFD);                   /* overlong, 3 bytes */
    check_clean("\xE0\x9F\xBF", FFFD FFFD FFFD);
    check_clean("\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD);          /* overlong, 4 bytes */
    check_clean("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD);
    check_clean("\xED\xA0\x80", FFFD FFFD FFFD);                   /* U+D800 */
    check_clean("\xED\xBF\xBF", FFFD FFFD FFFD);                   /* U+DFFF */
    check_clean("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);          /* U+110000 */
    check_clean("\xF7\xBF\xBF\xBF", FFFD FFFD FFFD FFFD);
    check_clean("ab\xE2\x82", "ab" FFFD FFFD);                     /* cut at the end */
    check_clean("\xE2\x82" "c", FFFD FFFD "c");                    /* cut in the middle */
    check_clean("\xF0\x9F\x98" "d\xC3", FFFD FFFD FFFD "d" FFFD);
    check_clean("Latin-1 caf\xE9.pdf", "Latin-1 caf" FFFD ".pdf");
}

/* ---- report ids: the safe folder name ------------------------------------ */

static emit_source named(const char *file)
{
    emit_source s = { 0 };
    s.source_file = file;
    s.status = "error";
    return s;
}

static void clear_all(emit_source *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        emit_source_clear(&s[i]);
}

static void check_ids(emit_source *s, size_t n, const char *const *want)
{
    emit_assign_ids(s, n);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(s[i].report_id);
        if (strcmp(s[i].report_id, want[i]) != 0)
            fprintf(stderr, "\nid %zu: want \"%s\" got \"%s\"\n", i, want[i],
                    s[i].report_id);
        CU_ASSERT_STRING_EQUAL(s[i].report_id, want[i]);
        CU_ASSERT_TRUE(emit_report_id_is_safe(s[i].report_id));
    }
}

static void test_ids_from_odd_names(void)
{
    emit_source s[] = {
        named("dir/sub/"),
        named("../../x/"),
        named("/"),
        named(""),
        named(".hidden.pdf"),
        named("..pdf"),
        named("...pdf"),
        named("dir/..PDF/"),
        named("index.html.pdf"),
        named("INDEX.Html.PDF"),
        named("up/index.html"),
        named("a\nb\tc\x1b\x7f\xC2\x85" "d.pdf"),
        named("caf\xE9.pdf"),
        named("-odd.pdf"),
        named("dir//two//"),
    };
    size_t n = sizeof s / sizeof *s;
    static const char *const want[] = {
        "sub",
        "x",
        "report",
        "report-2",
        "_.hidden",
        "_.",
        "_..",
        "_.-2",           /* "..PDF" without ".pdf": "." again */
        "index.html_",
        "INDEX.Html_",
        "index.html_-2",
        "a_b_c___d",      /* C1 U+0085 is one '_' */
        "caf" FFFD,
        "-odd",
        "two",
    };
    check_ids(s, n, want);
    clear_all(s, n);
}

/* A name of 300 bytes gives an id of at most 100, cut between characters;
 * a suffix still fits. */
static void test_ids_of_long_names(void)
{
    char ascii[320], accented[320], odd[320];
    memset(ascii, 'a', 300);
    strcpy(ascii + 300, ".pdf");
    accented[0] = 'x';
    for (int i = 0; i < 150; i++)
        memcpy(accented + 1 + 2 * i, "\xC3\xA9", 2);          /* é */
    strcpy(accented + 301, ".pdf");
    memcpy(odd, ascii, 300);
    strcpy(odd + 200, "\xFF" "tail");
    emit_source s[] = {
        named(ascii), named(ascii), named(accented), named(accented),
        named(odd),
    };
    size_t n = sizeof s / sizeof *s;
    emit_assign_ids(s, n);

    char want[128];
    memset(want, 'a', 100);
    want[100] = '\0';
    CU_ASSERT_STRING_EQUAL(s[0].report_id, want);
    strcpy(want + 98, "-2");
    CU_ASSERT_STRING_EQUAL(s[1].report_id, want);
    /* 'x' and 49 é: the 50th would end at byte 101. */
    CU_ASSERT_EQUAL(strlen(s[2].report_id), 99);
    CU_ASSERT_EQUAL(strncmp(s[2].report_id, accented, 99), 0);
    /* Room for "-2": 'x' and 48 é. */
    CU_ASSERT_EQUAL(strlen(s[3].report_id), 99);
    CU_ASSERT_EQUAL(strncmp(s[3].report_id, accented, 97), 0);
    CU_ASSERT_STRING_EQUAL(s[3].report_id + 97, "-2");
    /* The first 100 bytes of "odd" are those of "ascii": a repeat. */
    strcpy(want + 98, "-3");
    CU_ASSERT_STRING_EQUAL(s[4].report_id, want);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_TRUE(emit_report_id_is_safe(s[i].report_id));
    clear_all(s, n);
}

static void test_safe_id_rules(void)
{
    static const char *const safe[] = {
        "2017-01-28", "2017-01-28-2", "report", "_.hidden", "a.b", "-odd",
        "index.html_", "index.htm", "caf" FFFD, "Peña", "a b", "x\\y", NULL
    };
    for (size_t i = 0; safe[i]; i++) {
        if (!emit_report_id_is_safe(safe[i]))
            fprintf(stderr, "\nshould be safe: \"%s\"\n", safe[i]);
        CU_ASSERT_TRUE(emit_report_id_is_safe(safe[i]));
    }
    static const char *const unsafe[] = {
        "", ".", "..", ".hidden", "a/b", "/", "../x", "index.html",
        "INDEX.HTML", "Index.Html", "a\nb", "a\tb", "\x1b[31m", "del\x7f",
        "c1\xC2\x85", "caf\xE9", "\xC0\xAF", "\xED\xA0\x80", NULL
    };
    for (size_t i = 0; unsafe[i]; i++) {
        if (emit_report_id_is_safe(unsafe[i]))
            fprintf(stderr, "\nshould be unsafe: \"%s\"\n", unsafe[i]);
        CU_ASSERT_FALSE(emit_report_id_is_safe(unsafe[i]));
    }
    CU_ASSERT_FALSE(emit_report_id_is_safe(NULL));
    char id[EMIT_REPORT_ID_MAX + 2];
    memset(id, 'a', sizeof id - 1);
    id[EMIT_REPORT_ID_MAX] = '\0';
    CU_ASSERT_TRUE(emit_report_id_is_safe(id));
    id[EMIT_REPORT_ID_MAX] = 'a';
    id[EMIT_REPORT_ID_MAX + 1] = '\0';
    CU_ASSERT_FALSE(emit_report_id_is_safe(id));
}

/* ---- report ids: kept from an earlier run, numbered ---------------------- */

static emit_source with_id(const char *file, const char *id)
{
    emit_source s = named(file);
    s.report_id = strdup(id);
    if (!s.report_id)
        abort();
    return s;
}

static void test_preset_ids_kept(void)
{
    emit_source s[] = {
        named("a.pdf"),                  /* "a" is kept by a later source */
        with_id("b.pdf", "a"),
        with_id("c.pdf", "c-2"),
        named("c.pdf"),
        named("c.pdf"),
        named("c.pdf"),
        with_id("d.pdf", "kept"),        /* its natural id stays free */
        named("d.pdf"),
        with_id("e.pdf", ".."),          /* unsafe: a new id */
        with_id("f.pdf", "a"),           /* kept by another: a new id */
        with_id("g.pdf", "index.html"),
        named("kept.pdf"),
    };
    size_t n = sizeof s / sizeof *s;
    static const char *const want[] = {
        "a-2", "a", "c-2", "c", "c-3", "c-4", "kept", "d", "e", "f",
        "g", "kept-2",
    };
    check_ids(s, n, want);
    /* A second run with every id set keeps them all. */
    check_ids(s, n, want);
    clear_all(s, n);
}

/* Without preset ids the numbering is the one it always was: a suffixed
 * id skips the natural ids of all sources, even later ones. */
static void test_numbering_skips_natural_ids(void)
{
    emit_source s[] = {
        named("x.pdf"), named("x.pdf"), named("x-2.pdf"), named("x.pdf"),
        named("x-3.pdf"), named("x.pdf"), named("x-2.pdf"),
    };
    size_t n = sizeof s / sizeof *s;
    static const char *const want[] = {
        "x", "x-4", "x-2", "x-5", "x-3", "x-6", "x-2-2",
    };
    check_ids(s, n, want);
    clear_all(s, n);
}

/* 10,000 sources of one date: numbered in order (the time is printed for
 * whoever watches; a bound on it would only make the test flaky). */
static void test_ten_thousand_of_one_id(void)
{
    enum { N = 10000 };
    emit_source *s = calloc(N, sizeof *s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (size_t i = 0; i < N; i++)
        s[i] = named("in/2017-01-28.pdf");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    emit_assign_ids(s, N);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("(%.3f s) ", (double)(t1.tv_sec - t0.tv_sec) +
                        (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    CU_ASSERT_STRING_EQUAL(s[0].report_id, "2017-01-28");
    int wrong = 0;
    for (size_t i = 1; i < N; i++) {
        char want[32];
        snprintf(want, sizeof want, "2017-01-28-%zu", i + 1);
        wrong += strcmp(s[i].report_id, want) != 0;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    clear_all(s, N);
    free(s);
}

/* ---- one-line diagnostics -------------------------------------------------- */

static void check_escape(const char *in, const char *want)
{
    char buf[256];
    size_t need = line_escape(buf, sizeof buf, in);
    CU_ASSERT_EQUAL(need, strlen(want));
    if (strcmp(buf, want) != 0)
        fprintf(stderr, "\nline_escape: want \"%s\" got \"%s\"\n", want, buf);
    CU_ASSERT_STRING_EQUAL(buf, want);
    /* Escaped text has nothing left to escape. */
    char again[256];
    line_escape(again, sizeof again, buf);
    CU_ASSERT_STRING_EQUAL(again, buf);
}

static void test_line_escape(void)
{
    check_escape("", "");
    check_escape("plain.pdf", "plain.pdf");
    check_escape("Peña \xE2\x82\xAC \xF0\x9F\x98\x80", "Peña \xE2\x82\xAC \xF0\x9F\x98\x80");
    check_escape("C:\\reports\\n.pdf", "C:\\reports\\n.pdf");
    check_escape("two\nlines.pdf", "two\\nlines.pdf");
    check_escape("tab\tcr\r", "tab\\tcr\\r");
    check_escape("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
    check_escape("\x01\x1f\x7f", "\\x01\\x1f\\x7f");
    check_escape("c1\xC2\x85\xC2\x9B" "x", "c1\\xc2\\x85\\xc2\\x9bx");
    check_escape("\xC2\xA0nbsp", "\xC2\xA0nbsp");              /* U+00A0 is text */
    check_escape("bad\xFF.pdf", "bad\\xff.pdf");
    check_escape("\xC0\xAF\xED\xA0\x80", "\\xc0\\xaf\\xed\\xa0\\x80");
    check_escape("cut\xE2\x82", "cut\\xe2\\x82");
    check_escape(NULL, "");
}

/* A short buffer holds whole pieces only; the length is still the whole. */
static void test_line_escape_cut(void)
{
    char buf[8];
    CU_ASSERT_EQUAL(line_escape(buf, 4, "a\nb"), 4);
    CU_ASSERT_STRING_EQUAL(buf, "a\\n");
    CU_ASSERT_EQUAL(line_escape(buf, 3, "a\nb"), 4);
    CU_ASSERT_STRING_EQUAL(buf, "a");
    CU_ASSERT_EQUAL(line_escape(buf, 4, "ab\xC3\xA9"), 4);     /* no half é */
    CU_ASSERT_STRING_EQUAL(buf, "ab");
    CU_ASSERT_EQUAL(line_escape(buf, 6, "\xFF\xFF"), 8);
    CU_ASSERT_STRING_EQUAL(buf, "\\xff");
    CU_ASSERT_EQUAL(line_escape(NULL, 0, "\n"), 2);
}

void suite_names(void)
{
    CU_pSuite s = CU_add_suite("names", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "utf8: well-formed text unchanged", test_utf8_valid_passes);
    CU_add_test(s, "utf8: each malformed byte is U+FFFD", test_utf8_invalid_replaced);
    CU_add_test(s, "ids: from odd file names", test_ids_from_odd_names);
    CU_add_test(s, "ids: long names cut", test_ids_of_long_names);
    CU_add_test(s, "ids: the safe folder name", test_safe_id_rules);
    CU_add_test(s, "ids: preset ids kept", test_preset_ids_kept);
    CU_add_test(s, "ids: suffixes skip natural ids", test_numbering_skips_natural_ids);
    CU_add_test(s, "ids: 10,000 of one date", test_ten_thousand_of_one_id);
    CU_add_test(s, "diag: one line, escaped", test_line_escape);
    CU_add_test(s, "diag: escaping cut short", test_line_escape_cut);
}
