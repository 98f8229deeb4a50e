/* The closing line of a run; see summary.h. */
#include <stdio.h>
#include <string.h>
#include "diag.h"
#include "summary.h"

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void summary_print(const emit_source *sources, size_t n, size_t reused,
                   const char *destination, double seconds)
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

    char line[256];
    int len = snprintf(line, sizeof line, "%zu %s converted", converted,
                       plural(converted, "report", "reports"));
    /* Only counts worth reading are shown: "0 failed" is noise. */
    if (reused && len < (int)sizeof line)
        len += snprintf(line + len, sizeof line - len, " (%zu unchanged)",
                        reused);
    if (warnings && len < (int)sizeof line)
        len += snprintf(line + len, sizeof line - len, ", %zu with %s",
                        warnings, plural(warnings, "a warning", "warnings"));
    if (failed && len < (int)sizeof line)
        len += snprintf(line + len, sizeof line - len, ", %zu failed", failed);
    if (len < (int)sizeof line)
        snprintf(line + len, sizeof line - len, ", %zu declined %s", rows,
                 plural(rows, "row", "rows"));

    /* Tenths of a second are enough for a person; a run of a few
     * milliseconds still reads "0.0 s" rather than nothing. */
    if (!destination) {
        diag("%s, to standard output in %.1f s", line, seconds);
    } else {
        size_t dlen = strlen(destination);
        int slash = dlen > 0 && destination[dlen - 1] == '/';
        diag("%s, into %s%s in %.1f s", line, destination, slash ? "" : "/",
             seconds);
    }
}
