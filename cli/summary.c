/* The closing line of a run; see summary.h. */
#include <stdio.h>
#include <string.h>
#include "diag.h"
#include "summary.h"

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void summary_count(const emit_source *sources, size_t n, size_t unchanged,
                   long added, size_t removed, summary *out)
{
    size_t converted = 0, warnings = 0, failed = 0, rows = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(sources[i].status, "error") == 0) {
            failed++;
            continue;
        }
        converted++;
        if (strcmp(sources[i].status, "ok") != 0)
            warnings++;
        if (sources[i].report)
            rows += sources[i].report->ndeclined;
    }

    char *line = out->line;
    int len = snprintf(line, sizeof out->line, "%zu %s converted", converted,
                       plural(converted, "report", "reports"));
    /* Only counts worth reading are shown: "0 failed" is noise. */
    if (unchanged && len < (int)sizeof out->line)
        len += snprintf(line + len, sizeof out->line - len, " (%zu unchanged)",
                        unchanged);
    if (added >= 0 && len < (int)sizeof out->line)
        len += snprintf(line + len, sizeof out->line - len, ", %ld added", added);
    if (removed && len < (int)sizeof out->line)
        len += snprintf(line + len, sizeof out->line - len, ", %zu removed", removed);
    if (warnings && len < (int)sizeof out->line)
        len += snprintf(line + len, sizeof out->line - len, ", %zu with %s",
                        warnings, plural(warnings, "a warning", "warnings"));
    if (failed && len < (int)sizeof out->line)
        len += snprintf(line + len, sizeof out->line - len, ", %zu failed", failed);
    if (len < (int)sizeof out->line)
        snprintf(line + len, sizeof out->line - len, ", %zu declined %s", rows,
                 plural(rows, "row", "rows"));
}

void summary_print(const summary *sum, const char *destination,
                   size_t in_archive, double seconds)
{
    const char *line = sum->line;
    /* Tenths of a second are enough for a person; a run of a few
     * milliseconds still reads "0.0 s" rather than nothing. */
    if (!destination) {
        diag("%s, to standard output in %.1f s", line, seconds);
    } else {
        size_t dlen = strlen(destination);
        int slash = dlen > 0 && destination[dlen - 1] == '/';
        diag("%s, into %s%s (%zu %s) in %.1f s", line, destination,
             slash ? "" : "/", in_archive, plural(in_archive, "report", "reports"),
             seconds);
    }
}
