/*
 * Converting one report.  Pages are extracted and handed to the parser one
 * at a time, each freed right after: the parser keeps only the words it
 * needs, so Poppler's text and layout of a page never pile up over a long
 * report.  Every way an input can fail ends up as status
 * "error" in reports.csv with the reason; nothing is printed here, since
 * conversion runs in a worker process (notes.h says what the user sees).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../explain/explain.h"
#include "../extract/extract.h"
#include "../parse/parse.h"
#include "convert.h"
#include "diag.h"

static char *dup_text(const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        diag_out_of_memory();
    return copy;
}

/* "REASON: DETAIL", or REASON alone when there is no detail. */
static char *join_reason(const char *reason, const char *detail)
{
    if (!detail || !*detail)
        return dup_text(reason);
    size_t size = strlen(reason) + 2 + strlen(detail) + 1;
    char *text = malloc(size);
    if (!text)
        diag_out_of_memory();
    snprintf(text, size, "%s: %s", reason, detail);
    return text;
}

/* N with a comma between groups of three digits: "50,000". */
static void grouped(long long n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? 0 : n);
    int out = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
}

/* "too many pages (2,001 > --max-pages 2000)": what went over which
 * option, the option's value as the user would type it. */
static char *over_limit_reason(const char *what, const char *found,
                               const char *option, long limit)
{
    char *text = malloc(128);
    if (!text)
        diag_out_of_memory();
    snprintf(text, 128, "%s (%s > --%s %ld)", what, found, option, limit);
    return text;
}

/* Marks SRC failed with REASON (malloc'd, taken over). */
static const char *fail(emit_source *src, char *reason)
{
    src->status = "error";
    free(src->message);
    src->message = reason;
    if (src->report) {
        ddor_report_free(src->report);
        src->report = NULL;
    }
    return src->status;
}

/* Feeds every page of DOC to a parser, which keeps the boxes of what it
 * recognised when TRACED.  Returns the parsed report, or NULL with
 * *bad_page and *status set when a page cannot be loaded (and, when it
 * holds too many words, *words_found set). */
static ddor_report *parse_pages(extract_doc *doc, int traced, int *bad_page,
                                extract_status *status, size_t *words_found)
{
    ddor_parser *parser = ddor_parser_new();
    if (!parser)
        diag_out_of_memory();
    ddor_parser_trace(parser, traced);
    int pages = extract_page_count(doc);
    for (int i = 0; i < pages; i++) {
        extract_page page;
        *status = extract_load_page(doc, i, &page);
        if (*status != EXTRACT_OK) {
            *words_found = page.words_found;
            extract_page_free(&page);
            *bad_page = i + 1;
            /* The parser can only be released by finishing it. */
            ddor_report *partial = ddor_parser_finish(parser);
            if (partial)
                ddor_report_free(partial);
            return NULL;
        }
        ddor_parser_add_page(parser, &page);
        extract_page_free(&page);
    }
    ddor_report *report = ddor_parser_finish(parser);
    if (!report)
        diag_out_of_memory();
    return report;
}

/* Checks the file's size against LIMITS before anything maps it: a file
 * of gigabytes would take the worker's address space.  Returns 0, or -1
 * with SRC failed.  A file that cannot be examined is left to
 * extract_open, which says why. */
static int check_size(const char *path, const convert_limits *limits,
                      emit_source *src)
{
    struct stat st;
    if (limits->max_size_mb <= 0 || stat(path, &st) != 0 ||
        !S_ISREG(st.st_mode))
        return 0;
    long long mb = 1024LL * 1024;
    if ((long long)st.st_size <= limits->max_size_mb * mb)
        return 0;
    /* In tenths of a megabyte, rounded up, so that the size shown is
     * above the limit shown. */
    long long tenths = ((long long)st.st_size * 10 + mb - 1) / mb;
    char size[48];
    snprintf(size, sizeof size, "%lld.%lld MB", tenths / 10, tenths % 10);
    src->over_limit = 1;
    fail(src, over_limit_reason("file too large", size, "max-size",
                                limits->max_size_mb));
    return -1;
}

/* The pages of DOC, with what REPORT (may be NULL) says was read on
 * them, drawn into FOLDER; a failure is left there for the parent. */
static void draw_pages(extract_doc *doc, const ddor_report *report,
                       const char *folder)
{
    char *err = NULL;
    if (explain_draw_pages(doc, report, folder, &err) != 0)
        explain_note_failure(folder, err ? err : "cannot draw the pages");
    free(err);
}

const char *convert_report(const char *path, const convert_limits *limits,
                           emit_source *src, const char *pages_folder)
{
    memset(src, 0, sizeof *src);
    src->source_file = path;
    if (check_size(path, limits, src) != 0)
        return src->status;

    extract_status status = EXTRACT_OK;
    char *detail = NULL;
    extract_doc *doc = extract_open(path, &status, &detail);
    if (!doc) {
        char *reason = join_reason(extract_status_reason(status),
                                   status == EXTRACT_ERR_IO ? detail : NULL);
        free(detail);
        return fail(src, reason);
    }
    free(detail);
    snprintf(src->sha256, sizeof src->sha256, "%s", extract_sha256(doc));
    src->pages = extract_page_count(doc);
    if (limits->max_pages > 0 && src->pages > limits->max_pages) {
        extract_close(doc);
        char pages[32];
        grouped(src->pages, pages);
        src->over_limit = 1;
        return fail(src, over_limit_reason("too many pages", pages,
                                           "max-pages", limits->max_pages));
    }
    if (limits->max_words > 0)
        extract_limit_words(doc, (size_t)limits->max_words);

    int bad_page = 0;
    size_t words_found = 0;
    src->report = parse_pages(doc, pages_folder != NULL, &bad_page, &status,
                              &words_found);
    /* Even a PDF that is no report is drawn: the pages show what it is. */
    if (pages_folder)
        draw_pages(doc, src->report, pages_folder);
    extract_close(doc);
    if (!src->report) {
        char where[32];
        snprintf(where, sizeof where, "page %d", bad_page);
        if (status != EXTRACT_ERR_TOO_MANY_WORDS)
            return fail(src, join_reason(where, extract_status_reason(status)));
        char found[32];
        grouped((long long)words_found, found);
        src->over_limit = 1;
        char *words = over_limit_reason(extract_status_reason(status), found,
                                        "max-words", limits->max_words);
        char *reason = join_reason(where, words);
        free(words);
        return fail(src, reason);
    }

    const ddor_report *r = src->report;
    if (src->pages == 0)
        return fail(src, dup_text("the PDF has no pages"));
    if (r->words == 0)
        return fail(src, dup_text("no text layer (scanned?)"));
    if (!r->is_ddor)
        return fail(src, dup_text("not a Declined Detainer Outcome Report"));

    src->status = ddor_report_check(r, &src->message);
    if (!src->message)
        src->message = dup_text("");
    return src->status;
}
