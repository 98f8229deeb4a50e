/* One input file -> one emit_source: open, extract page by page, parse,
 * check. */
#ifndef DDOR_CLI_CONVERT_H
#define DDOR_CLI_CONVERT_H

#include "../emit/emit.h"

/* Converts the report at PATH into *SRC, which it fills from scratch
 * (source_file points at PATH, which must outlive SRC).  A failure leaves
 * status "error" with the reason as message and no report.  With
 * PAGES_FOLDER (else NULL), also draws the pages there with what was read
 * on them (explain.h), or leaves the reason they could not be drawn.
 * Prints nothing.  Returns SRC->status. */
const char *convert_report(const char *path, emit_source *src,
                           const char *pages_folder);

#endif
