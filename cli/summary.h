/* The closing line on stderr: what a run converted, and where it went. */
#ifndef DDOR_CLI_SUMMARY_H
#define DDOR_CLI_SUMMARY_H

#include <stddef.h>
#include "../emit/emit.h"

/* Prints, e.g., "ddor2csv: 3 reports converted (2 unchanged), 1 failed,
 * 412 declined rows, into ddor-csv/ in 0.4 s".  REUSED counts the inputs
 * whose earlier result was reused; DESTINATION is the output folder, or
 * NULL when the datasets went to standard output. */
void summary_print(const emit_source *sources, size_t n, size_t reused,
                   const char *destination, double seconds);

#endif
