/*
 * The byte form of a converted input (cli/result_codec.h), which carries
 * results from the workers and is what the cache keeps: a real report
 * survives the round trip exactly, and damaged bytes are refused without
 * reading past them (the sanitized build checks the "without").
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>
#include "../cli/result_codec.h"
#include "../convert/convert.h"
#include "../parse/parse.h"
#include "suites.h"

/* A fixture converted in-process, as a worker does. */
static void parse_fixture(const char *path, emit_source *src)
{
    convert_limits none = { 0, 0, 0 };
    CU_ASSERT_PTR_NOT_NULL_FATAL(convert_report(path, &none, src, NULL));
    CU_ASSERT_PTR_NOT_NULL_FATAL(src->report);
}

static void test_round_trip(void)
{
    emit_source src, back;
    parse_fixture("fixtures/reports/weekly-3-a4.pdf", &src);
    CU_ASSERT_FATAL(src.report && src.report->ndeclined > 0);
    codec_buf a = { 0 }, b = { 0 };
    CU_ASSERT_EQUAL_FATAL(codec_encode(&a, &src), 0);
    CU_ASSERT_EQUAL_FATAL(codec_decode(a.data, a.len, &back), 0);
    /* Encoding what was decoded gives the same bytes: nothing was lost
     * or changed on the way. */
    CU_ASSERT_EQUAL_FATAL(codec_encode(&b, &back), 0);
    CU_ASSERT_EQUAL(a.len, b.len);
    CU_ASSERT(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    CU_ASSERT_STRING_EQUAL(back.sha256, src.sha256);
    /* The state of the file the digest is of, for the parent to file it
     * under without reading the file itself. */
    CU_ASSERT(src.file.ino != 0 && src.file.size > 0);
    CU_ASSERT(memcmp(&back.file, &src.file, sizeof src.file) == 0);
    /* The PDF's own date, by which editions of a period are ordered. */
    CU_ASSERT_STRING_EQUAL(src.pdf_date, "2017-04-03T09:00:00Z");
    CU_ASSERT_STRING_EQUAL(back.pdf_date, src.pdf_date);
    CU_ASSERT_STRING_EQUAL(back.status, src.status);
    CU_ASSERT_EQUAL(back.report->ndeclined, src.report->ndeclined);
    CU_ASSERT_STRING_EQUAL(back.report->declined[0].county,
                           src.report->declined[0].county);
    CU_ASSERT_STRING_EQUAL(back.report->period_start, src.report->period_start);
    /* The section headings the checks point at come back too, found or
     * not (weekly-3-a4 has all four). */
    for (int i = 0; i < DDOR_NSECTIONS; i++) {
        const ddor_heading *h = &src.report->headings[i], *g = &back.report->headings[i];
        CU_ASSERT_PTR_NOT_NULL(h->text);
        CU_ASSERT_EQUAL(g->page, h->page);
        CU_ASSERT_EQUAL(g->lines, h->lines);
        CU_ASSERT_STRING_EQUAL(g->text ? g->text : "?", h->text ? h->text : "");
    }
    free(back.report->headings[3].text);
    back.report->headings[3].text = NULL;
    back.report->headings[3].page = 0;
    codec_buf c = { 0 };
    emit_source none;
    CU_ASSERT_EQUAL_FATAL(codec_encode(&c, &back), 0);
    CU_ASSERT_EQUAL_FATAL(codec_decode(c.data, c.len, &none), 0);
    CU_ASSERT_PTR_NULL(none.report->headings[3].text);
    CU_ASSERT_EQUAL(none.report->headings[3].page, 0);
    CU_ASSERT_STRING_EQUAL(none.report->headings[2].text, src.report->headings[2].text);
    emit_source_clear(&none);
    codec_buf_free(&c);

    /* Every truncation is refused. */
    for (size_t len = 0; len < a.len; len++) {
        emit_source cut;
        if (codec_decode(a.data, len, &cut) == 0) {
            CU_FAIL("a truncated result was accepted");
            emit_source_clear(&cut);
            break;
        }
        CU_ASSERT_PTR_NULL(cut.report);
    }
    /* Bytes of another layout are refused: the version follows the
     * magic number's five bytes. */
    CU_ASSERT_EQUAL(a.data[5], 3);
    unsigned char *other = malloc(a.len);
    memcpy(other, a.data, a.len);
    other[5] = 1;
    emit_source older;
    CU_ASSERT_EQUAL(codec_decode(other, a.len, &older), -1);
    free(other);
    /* Extra bytes are refused too. */
    unsigned char *longer = malloc(a.len + 1);
    memcpy(longer, a.data, a.len);
    longer[a.len] = 0;
    emit_source extra;
    CU_ASSERT_EQUAL(codec_decode(longer, a.len + 1, &extra), -1);
    free(longer);

    emit_source_clear(&src);
    emit_source_clear(&back);
    codec_buf_free(&a);
    codec_buf_free(&b);
}

/* Any byte changed to any value: decoded or refused, never a crash, a
 * read out of bounds or a leak. */
static void test_damaged_bytes(void)
{
    emit_source src;
    parse_fixture("fixtures/reports/weekly-2-tight.pdf", &src);
    codec_buf a = { 0 };
    CU_ASSERT_EQUAL_FATAL(codec_encode(&a, &src), 0);
    unsigned char *copy = malloc(a.len);
    size_t step = a.len / 400 + 1;
    for (size_t at = 0; at < a.len; at += step) {
        for (int v = 0; v < 256; v += 37) {
            memcpy(copy, a.data, a.len);
            copy[at] = (unsigned char)v;
            emit_source out;
            if (codec_decode(copy, a.len, &out) == 0) {
                CU_ASSERT_PTR_NOT_NULL(out.status);
                emit_source_clear(&out);
            }
        }
    }
    free(copy);
    codec_buf_free(&a);
    emit_source_clear(&src);
}

static void test_failed_input(void)
{
    emit_source src = { .status = "error" }, back;
    src.message = strdup("not a PDF");
    codec_buf a = { 0 };
    CU_ASSERT_EQUAL_FATAL(codec_encode(&a, &src), 0);
    CU_ASSERT_EQUAL_FATAL(codec_decode(a.data, a.len, &back), 0);
    CU_ASSERT_STRING_EQUAL(back.status, "error");
    CU_ASSERT_STRING_EQUAL(back.message, "not a PDF");
    CU_ASSERT_STRING_EQUAL(back.sha256, "");
    CU_ASSERT_PTR_NULL(back.report);
    CU_ASSERT_EQUAL(back.over_limit, 0);
    emit_source_clear(&back);

    /* A refusal by a resource bound stays one, so that it is not kept. */
    src.over_limit = 1;
    a.len = 0;
    CU_ASSERT_EQUAL_FATAL(codec_encode(&a, &src), 0);
    CU_ASSERT_EQUAL_FATAL(codec_decode(a.data, a.len, &back), 0);
    CU_ASSERT_EQUAL(back.over_limit, 1);
    emit_source_clear(&src);
    emit_source_clear(&back);
    codec_buf_free(&a);
}

void suite_codec(void)
{
    CU_pSuite s = CU_add_suite("result codec", NULL, NULL);
    CU_add_test(s, "a report survives the round trip", test_round_trip);
    CU_add_test(s, "damaged bytes are refused safely", test_damaged_bytes);
    CU_add_test(s, "a failed input", test_failed_input);
}
