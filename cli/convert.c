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
 * *bad_page and *status set when a page cannot be loaded. */
static ddor_report *parse_pages(extract_doc *doc, int traced, int *bad_page,
                                extract_status *status)
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

const char *convert_report(const char *path, emit_source *src,
                           const char *pages_folder)
{
    memset(src, 0, sizeof *src);
    src->source_file = path;

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

    int bad_page = 0;
    src->report = parse_pages(doc, pages_folder != NULL, &bad_page, &status);
    /* Even a PDF that is no report is drawn: the pages show what it is. */
    if (pages_folder)
        draw_pages(doc, src->report, pages_folder);
    extract_close(doc);
    if (!src->report) {
        char where[32];
        snprintf(where, sizeof where, "page %d", bad_page);
        return fail(src, join_reason(where, extract_status_reason(status)));
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
