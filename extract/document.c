/*
 * Opening a PDF: the checks that tell a user *why* a file cannot be read
 * (empty, not a PDF, truncated, encrypted) before Poppler sees it, and the
 * document handle that hands out one page at a time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <poppler.h>
#include "extract.h"
#include "extract_private.h"

/* Poppler reports syntax problems of damaged files through GLib's log as
 * messages of its own domain.  They would break our one-line-per-error
 * promise; the typed status we return says what matters. */
static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
    (void)domain; (void)level; (void)message; (void)data;
}

static void silence_poppler(void)
{
    static int done;
    if (!done) {
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
                          G_LOG_FLAG_RECURSION, quiet_log, NULL);
        done = 1;
    }
}

/* A PDF's header "%PDF-" may be preceded by junk, and readers accept it
 * within the first kilobyte; likewise the trailer "%%EOF" may be followed by
 * a little garbage.  A file without the trailer was cut short: Poppler would
 * silently reconstruct what it can and we would convert half a report.  One
 * cut is harmless: right after the number of "startxref", which the writer
 * puts after every object and the cross-reference table, so only the
 * "%%EOF" marker is missing and the whole document is there. */
static int has_signature(const char *data, size_t len)
{
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(data + i, "%PDF-", 5) == 0)
            return 1;
    return 0;
}

static int is_pdf_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

/* DATA[0..LEN) ends in "startxref", white space, digits (and white space). */
static int ends_after_startxref(const char *data, size_t len)
{
    size_t end = len;
    while (end > 0 && is_pdf_space(data[end - 1]))
        end--;
    size_t digits = end;
    while (digits > 0 && data[digits - 1] >= '0' && data[digits - 1] <= '9')
        digits--;
    if (digits == end)
        return 0;
    size_t word = digits;
    while (word > 0 && is_pdf_space(data[word - 1]))
        word--;
    return word < digits && word >= 9 && memcmp(data + word - 9, "startxref", 9) == 0;
}

static int has_trailer(const char *data, size_t len)
{
    size_t from = len > 1024 ? len - 1024 : 0;
    for (size_t i = from; i + 5 <= len; i++)
        if (memcmp(data + i, "%%EOF", 5) == 0)
            return 1;
    return ends_after_startxref(data, len);
}

/* Opens the LEN bytes at DATA, which stay where they are until the
 * document is closed (Poppler reads them as it loads pages); MAP, when not
 * NULL, is what holds them, and is the document's to release. */
static extract_doc *open_bytes(const char *data, size_t len, GMappedFile *map,
                               extract_status *status, char **detail)
{
    GError *err = NULL;
    silence_poppler();
    if (len == 0)
        *status = EXTRACT_ERR_EMPTY;
    else if (!has_signature(data, len))
        *status = EXTRACT_ERR_NOT_PDF;
    else if (!has_trailer(data, len))
        *status = EXTRACT_ERR_DAMAGED;
    if (*status != EXTRACT_OK)
        return NULL;

    /* Static: the bytes belong to the caller (or to MAP), not to GLib. */
    GBytes *bytes = g_bytes_new_static(data, len);
    PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (!pdf) {
        *status = (err && err->domain == POPPLER_ERROR &&
                   err->code == POPPLER_ERROR_ENCRYPTED)
                      ? EXTRACT_ERR_ENCRYPTED : EXTRACT_ERR_DAMAGED;
        g_clear_error(&err);
        return NULL;
    }

    int pages = poppler_document_get_n_pages(pdf);
    size_t nreading = pages > 0 ? (size_t)pages : 1;
    extract_doc *doc = calloc(1, sizeof *doc);
    unsigned char *reading = malloc(nreading);
    if (!doc || !reading) {
        free(doc);
        free(reading);
        g_object_unref(pdf);
        *status = EXTRACT_ERR_IO;
        if (detail)
            *detail = strdup(strerror(ENOMEM));
        return NULL;
    }
    memset(reading, READING_UNKNOWN, nreading);
    doc->map = map;
    doc->pdf = pdf;
    doc->pages = pages;
    doc->reading = reading;
    return doc;
}

extract_doc *extract_open(const char *path, extract_status *status, char **detail)
{
    GError *err = NULL;
    *status = EXTRACT_OK;
    if (detail)
        *detail = NULL;

    GMappedFile *map = g_mapped_file_new(path, FALSE, &err);
    if (!map) {
        *status = EXTRACT_ERR_IO;
        if (detail)
            *detail = strdup(err && err->code == G_FILE_ERROR_NOENT
                                 ? strerror(ENOENT)
                                 : err ? err->message : "cannot read");
        g_clear_error(&err);
        return NULL;
    }
    extract_doc *doc = open_bytes(g_mapped_file_get_contents(map),
                                  g_mapped_file_get_length(map), map,
                                  status, detail);
    if (!doc)
        g_mapped_file_unref(map);
    return doc;
}

extract_doc *extract_open_data(const void *data, size_t len,
                               extract_status *status, char **detail)
{
    *status = EXTRACT_OK;
    if (detail)
        *detail = NULL;
    return open_bytes(data, len, NULL, status, detail);
}

/* A one-page PDF with a line of text in a standard font. */
static const char warm_pdf[] =
    "%PDF-1.4\n"
    "1 0 obj\n"
    "<< /Type /Catalog /Pages 2 0 R >>\n"
    "endobj\n"
    "2 0 obj\n"
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
    "endobj\n"
    "3 0 obj\n"
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\n"
    "endobj\n"
    "4 0 obj\n"
    "<< /Length 47 >>\n"
    "stream\n"
    "BT /F1 12 Tf 20 50 Td (Poppler warm text) Tj ET\n"
    "endstream\n"
    "endobj\n"
    "5 0 obj\n"
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
    "endobj\n"
    "xref\n"
    "0 6\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "0000000241 00000 n \n"
    "0000000338 00000 n \n"
    "trailer\n"
    "<< /Size 6 /Root 1 0 R >>\n"
    "startxref\n"
    "408\n"
    "%%EOF\n"
;

/* Poppler sets up its global tables (character names, encodings, CMaps:
 * a few milliseconds and a few hundred pages of memory touched) with its
 * first document and tears them down with its last.  A document kept open
 * from extract_prepare to extract_release holds them, so that processes
 * forked in between inherit them ready instead of each setting them up. */
static PopplerDocument *warm_doc;

void extract_prepare(void)
{
    if (warm_doc)
        return;
    silence_poppler();
    GBytes *bytes = g_bytes_new_static(warm_pdf, sizeof warm_pdf - 1);
    warm_doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    if (!warm_doc)
        return;
    /* Reading its text also sets up the text layer's own tables. */
    PopplerPage *pp = poppler_document_get_page(warm_doc, 0);
    if (pp) {
        size_t n = 0;
        double w, h;
        poppler_page_get_size(pp, &w, &h);
        extract_word *words = extract_page_words(pp, 0, &n, &w, &h, NULL);
        for (size_t i = 0; i < n; i++)
            free(words[i].text);
        free(words);
        g_object_unref(pp);
    }
}

void extract_release(void)
{
    if (warm_doc)
        g_object_unref(warm_doc);
    warm_doc = NULL;
}

void extract_limit_words(extract_doc *doc, size_t max)
{
    doc->max_words = max;
}

int extract_page_count(const extract_doc *doc)
{
    return doc->pages;
}

void extract_pdf_date(const extract_doc *doc, char out[32])
{
    out[0] = '\0';
    GDateTime *when = poppler_document_get_modification_date_time(doc->pdf);
    if (!when)
        when = poppler_document_get_creation_date_time(doc->pdf);
    if (!when)
        return;
    /* In UTC, so that dates compare as text whatever zone each PDF was
     * written in. */
    GDateTime *utc = g_date_time_to_utc(when);
    gchar *text = utc ? g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
    if (text && strlen(text) < 32)
        memcpy(out, text, strlen(text) + 1);
    g_free(text);
    if (utc)
        g_date_time_unref(utc);
    g_date_time_unref(when);
}

extract_status extract_load_page(extract_doc *doc, int index, extract_page *page)
{
    memset(page, 0, sizeof *page);
    if (index < 0 || index >= doc->pages)
        return EXTRACT_ERR_PAGE;
    PopplerPage *pp = poppler_document_get_page(doc->pdf, index);
    if (!pp)
        return EXTRACT_ERR_PAGE;
    page->number = index + 1;
    poppler_page_get_size(pp, &page->width, &page->height);
    size_t n = 0;
    reading dir;
    extract_word *words = extract_page_words(pp, doc->max_words, &n,
                                             &page->width, &page->height, &dir);
    g_object_unref(pp);
    doc->reading[index] = (unsigned char)dir;
    if (!words && n > 0) {
        page->words_found = n;
        return EXTRACT_ERR_TOO_MANY_WORDS;
    }
    extract_build_lines(page, words, n);
    page->words_found = page->nwords;
    return EXTRACT_OK;
}

void extract_page_free(extract_page *page)
{
    for (size_t i = 0; i < page->nwords; i++)
        free(page->words[i].text);
    free(page->words);
    free(page->lines);
    memset(page, 0, sizeof *page);
}

void extract_close(extract_doc *doc)
{
    if (!doc)
        return;
    g_object_unref(doc->pdf);
    if (doc->map)
        g_mapped_file_unref(doc->map);
    free(doc->reading);
    free(doc);
}

const char *extract_status_reason(extract_status status)
{
    switch (status) {
    case EXTRACT_OK:            return "ok";
    case EXTRACT_ERR_IO:        return "cannot read file";
    case EXTRACT_ERR_EMPTY:     return "empty file";
    case EXTRACT_ERR_NOT_PDF:   return "not a PDF";
    case EXTRACT_ERR_ENCRYPTED: return "encrypted";
    case EXTRACT_ERR_DAMAGED:   return "truncated or damaged PDF";
    case EXTRACT_ERR_PAGE:      return "a page cannot be read (damaged PDF)";
    case EXTRACT_ERR_TOO_MANY_WORDS: return "too many words";
    }
    return "unknown error";
}
