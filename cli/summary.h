/* The closing line on stderr: what a run converted, and where it went. */
#ifndef DDOR_CLI_SUMMARY_H
#define DDOR_CLI_SUMMARY_H

#include <stddef.h>
#include "../emit/emit.h"

/* What a run converted, counted before its results are handed on. */
typedef struct {
    char line[256];
} summary;

/* Counts SOURCES[0..N-1]; UNCHANGED counts the inputs the output folder
 * held already; ADDED, when not -1, the reports they added to it, and
 * REMOVED those taken out of it. */
void summary_count(const emit_source *sources, size_t n, size_t unchanged,
                   long added, size_t removed, summary *out);

/* Prints, e.g., "ddor2csv: 3 reports converted (2 unchanged), 1 added,
 * 1 failed, 412 declined rows, into ddor-csv/ (12 reports) in 0.4 s".  DESTINATION
 * is the output folder, holding IN_ARCHIVE reports after the run, or NULL
 * when the datasets went to standard output. */
void summary_print(const summary *sum, const char *destination,
                   size_t in_archive, double seconds);

#endif
