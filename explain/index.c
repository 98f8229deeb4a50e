/*
 * DIR/index.html: every input of the run with the checks of reports.csv
 * (status and message) and links to the images of its pages.  Text taken
 * from the inputs (file names, messages quoting the PDF) is escaped, and
 * folder names in links are percent-encoded, so that no input can break
 * the page or inject markup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "explain_private.h"
#include "folder.h"

static void html(FILE *f, const char *text)
{
    for (const char *s = text ? text : ""; *s; s++) {
        switch (*s) {
        case '&':  fputs("&amp;", f); break;
        case '<':  fputs("&lt;", f); break;
        case '>':  fputs("&gt;", f); break;
        case '"':  fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:   fputc(*s, f);
        }
    }
}

/* A path segment of a URL: bytes other than the unreserved ones encoded. */
static void url_segment(FILE *f, const char *text)
{
    for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
            (*s >= '0' && *s <= '9') || strchr("-._~", *s))
            fputc(*s, f);
        else
            fprintf(f, "%%%02X", *s);
    }
}

static const char STYLE[] =
    "body{font-family:sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
    "td.ok{color:#176317}td.warning{color:#8a5a00}td.error{color:#b00000}"
    ".pages a{margin-right:.35em}"
    ".sw{display:inline-block;width:1.4em;height:.8em;margin:0 .3em 0 .8em;"
    "border:1px solid #555;vertical-align:middle}";

static void legend(FILE *f)
{
    fputs("<p>Each page shows what was read where: every table outlined in "
          "dark blue, its cells tinted by column (the colour below, the "
          "column named above its first cell on the page), header rows "
          "tinted darker in a dashed outline, running headers and footers "
          "shaded grey, and every line inside a table that became no row "
          "boxed in red with the reason.</p>\n<p>", f);
    const char *role;
    for (size_t i = 0; (role = explain_role_at(i)); i++) {
        double rgb[3];
        explain_role_colour(role, rgb);
        fprintf(f, "<span class=\"sw\" style=\"background:rgb(%d,%d,%d)\">"
                   "</span>", (int)(rgb[0] * 255), (int)(rgb[1] * 255),
                (int)(rgb[2] * 255));
        html(f, role);
        fputc('\n', f);
    }
    fputs("<span class=\"sw\" style=\"border:2px solid #e60000\"></span>"
          "unparsed</p>\n", f);
}

static void report_row(FILE *f, const emit_source *s, const char *folder,
                       int drawn, const char *problem)
{
    const char *status = s->status ? s->status : "error";
    fputs("<tr><td>", f);
    html(f, s->report_id);
    fputs("</td><td>", f);
    html(f, s->source_file);
    fprintf(f, "</td><td class=\"%s\">", strcmp(status, "ok") == 0 ? "ok"
                                        : strcmp(status, "warning") == 0 ? "warning"
                                        : "error");
    html(f, status);
    fputs("</td><td>", f);
    html(f, s->message);
    fputs("</td><td class=\"pages\">", f);
    for (int p = 1; p <= drawn; p++) {
        char name[PAGE_NAME_SIZE];
        page_file_name(name, p);
        fputs("<a href=\"", f);
        url_segment(f, folder);
        fprintf(f, "/%s\">%d</a>", name, p);
    }
    if (problem) {
        fputs(drawn ? "<br>" : "", f);
        html(f, problem);
    }
    fputs("</td></tr>\n", f);
}

/* The whole page into F. */
static void page(FILE *f, const emit_source *sources, char *const *folder,
                 const int *drawn, char *const *problem, size_t n)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
               "<meta charset=\"utf-8\">\n<title>ddor2csv: what was read</title>\n"
               "<style>%s</style>\n</head>\n<body>\n"
               "<h1>What ddor2csv read</h1>\n", STYLE);
    legend(f);
    fputs("<table>\n<tr><th>report_id</th><th>source_file</th><th>status</th>"
          "<th>message</th><th>pages</th></tr>\n", f);
    for (size_t i = 0; i < n; i++)
        report_row(f, &sources[i], folder[i], drawn[i], problem[i]);
    fputs("</table>\n</body>\n</html>\n", f);
}

int explain_write_index(int at, const char *dir, const emit_source *sources,
                        char *const *folder, const int *drawn,
                        char *const *problem, size_t n, char **err)
{
    /* Composed in memory, then written under a hidden name and renamed
     * over index.html: a link planted as index.html is replaced, never
     * written through. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    /* A memory stream fails only when out of memory, which ends the
     * program as explain_format does. */
    if (!f)
        abort();
    page(f, sources, folder, drawn, problem, n);
    if (fclose(f) != 0)
        abort();
    at_file out;
    int ok = at_file_open(&out, at, "index.html") == 0 &&
             at_file_write(&out, text, len) == 0 && at_file_commit(&out, 1) == 0;
    free(text);
    if (!ok) {
        *err = explain_format("%s/index.html: %s", dir, strerror(errno));
        at_file_discard(&out);
        return -1;
    }
    return 0;
}
