#include <errno.h>
#include "emit.h"
int emit_workbook(FILE *out, const emit_source *s, size_t n, const emit_options *o, char **why)
{ (void)out; (void)s; (void)n; (void)o; *why = NULL; errno = ENOSYS; return -1; }
