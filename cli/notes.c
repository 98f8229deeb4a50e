/* The notes of one input; see notes.h.  File names and text taken from
 * the PDF go to diag as they are: diag escapes the whole message, so that
 * neither can break the one-line form. */
#include <string.h>
#include "diag.h"
#include "notes.h"

void notes_print(const emit_source *src, int quiet)
{
    const char *path = src->source_file;
    const char *why = src->message ? src->message : "";
    if (strcmp(src->status, "error") == 0) {
        diag("%s: %s", path, why);
        return;
    }
    if (quiet)
        return;
    const ddor_report *r = src->report;
    for (size_t i = 0; r && i < r->nunparsed; i++)
        diag("%s: page %d: unparsed line in table: %s", path,
             r->unparsed[i].page, r->unparsed[i].text ? r->unparsed[i].text : "");
    if (strcmp(src->status, "ok") != 0)
        diag("%s: %s: %s", path, src->status, why);
}
