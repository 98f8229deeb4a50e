/* The life cycle of an emit_source: what it owns, and letting it go. */
#include <stdlib.h>
#include "emit.h"

void emit_source_clear(emit_source *s)
{
    if (!s)
        return;
    free(s->message);
    s->message = NULL;
    if (s->report)
        ddor_report_free(s->report);
    s->report = NULL;
    free(s->report_id);
    s->report_id = NULL;
}
