/* The notes of one input; see notes.h.  Text taken from the PDF is made
 * printable first, so that it cannot break the one-line form. */
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "notes.h"

void notes_print(const emit_source *src, int quiet)
{
    const char *path = src->source_file;
    if (strcmp(src->status, "error") == 0) {
        char *why = diag_printable(src->message);
        diag("%s: %s", path, why);
        free(why);
        return;
    }
    if (quiet)
        return;
    const ddor_report *r = src->report;
    for (size_t i = 0; r && i < r->nunparsed; i++) {
        char *text = diag_printable(r->unparsed[i].text);
        diag("%s: page %d: unparsed line in table: %s", path,
             r->unparsed[i].page, text);
        free(text);
    }
    if (strcmp(src->status, "ok") != 0) {
        char *why = diag_printable(src->message);
        diag("%s: %s: %s", path, src->status, why);
        free(why);
    }
}
