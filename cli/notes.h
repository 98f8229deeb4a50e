/* What the user is told about one converted input, on standard error. */
#ifndef DDOR_CLI_NOTES_H
#define DDOR_CLI_NOTES_H

#include "../emit/emit.h"

/* "ddor2csv: FILE: reason" for a failed input (always); unless QUIET, one
 * line per table line left unparsed and the reason of a warning. */
void notes_print(const emit_source *src, int quiet);

#endif
