/*
 * Converting one report.  Pages are extracted and handed to the parser one
 * at a time, each freed right after: the parser keeps only the words it
 * needs, so Poppler's text and layout of a page never pile up over a long
 * report.  Every way an input can fail ends up as status
 * "error" in reports.csv with the reason; nothing is printed here, since
 * conversion runs in a worker process (cli/notes.h says what the user
 * sees).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../explain/explain.h"
#include "../extract/extract.h"
#include "../parse/parse.h"
#include "convert.h"
#include "reasons.h"

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
 * holds too many words, *words_found set).  The parser aborts when out of
 * memory, so a report is always returned otherwise. */
static ddor_report *parse_pages(extract_doc *doc, int traced, int *bad_page,
                                extract_status *status, size_t *words_found)
{
    ddor_parser *parser = ddor_parser_new();
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
    return ddor_parser_finish(parser);
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

/* "page 3: too many words (50,000 > --max-words 20000)", or "page 3:
 * <why it cannot be read>". */
static char *page_reason(int page, extract_status status, size_t words_found,
                         long max_words)
{
    char where[32];
    snprintf(where, sizeof where, "page %d", page);
    if (status != EXTRACT_ERR_TOO_MANY_WORDS)
        return reason_join(where, extract_status_reason(status));
    char found[32];
    reason_grouped((long long)words_found, found);
    char *words = reason_over_limit(extract_status_reason(status), found,
                                    "max-words", max_words);
    char *reason = reason_join(where, words);
    free(words);
    return reason;
}

const char *ddor_convert(const ddor_input *in, const convert_limits *limits,
                         emit_source *src, const char *pages_folder)
{
    memset(src, 0, sizeof *src);
    src->source_file = in->path;
    /* The digest identifies the bytes even when they are no report. */
    memcpy(src->sha256, in->sha256, sizeof src->sha256);
    src->file = in->file;

    extract_status status = EXTRACT_OK;
    char *detail = NULL;
    extract_doc *doc = extract_open_data(in->data, in->len, &status, &detail);
    if (!doc) {
        char *reason = reason_join(extract_status_reason(status),
                                   status == EXTRACT_ERR_IO ? detail : NULL);
        free(detail);
        return fail(src, reason);
    }
    free(detail);
    src->pages = extract_page_count(doc);
    extract_pdf_date(doc, src->pdf_date);
    if (limits->max_pages > 0 && src->pages > limits->max_pages) {
        extract_close(doc);
        char pages[32];
        reason_grouped(src->pages, pages);
        src->over_limit = 1;
        return fail(src, reason_over_limit("too many pages", pages,
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
        src->over_limit = status == EXTRACT_ERR_TOO_MANY_WORDS;
        return fail(src, page_reason(bad_page, status, words_found,
                                     limits->max_words));
    }

    const ddor_report *r = src->report;
    if (src->pages == 0)
        return fail(src, reason_text("the PDF has no pages"));
    if (r->words == 0)
        return fail(src, reason_text("no text layer (scanned?)"));
    if (!r->is_ddor)
        return fail(src, reason_text("not a Declined Detainer Outcome Report"));

    src->status = ddor_report_check(r, &src->message);
    if (!src->message)
        src->message = reason_text("");
    return src->status;
}

const char *convert_report(const char *path, const convert_limits *limits,
                           emit_source *src, const char *pages_folder)
{
    ddor_input in;
    char *reason = NULL;
    int read = ddor_input_read(path, limits->max_size_mb, &in, &reason);
    if (read == DDOR_INPUT_OK) {
        ddor_convert(&in, limits, src, pages_folder);
        ddor_input_free(&in);
        return src->status;
    }
    memset(src, 0, sizeof *src);
    src->source_file = path;
    src->over_limit = read == DDOR_INPUT_TOO_LARGE;
    if (read == DDOR_INPUT_NO_MEMORY) {
        fail(src, reason_text("out of memory"));
        return NULL;
    }
    return fail(src, reason);
}
