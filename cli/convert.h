/* One input file -> one emit_source: open, extract page by page, parse,
 * check. */
#ifndef DDOR_CLI_CONVERT_H
#define DDOR_CLI_CONVERT_H

#include "../emit/emit.h"

/* Converts the report at PATH into *SRC, which it fills from scratch
 * (source_file points at PATH, which must outlive SRC).  A failure leaves
 * status "error" with the reason as message and no report.  Prints
 * nothing.  Returns SRC->status. */
const char *convert_report(const char *path, emit_source *src);

#endif
