/* Memory helpers of parse/ and the report's destructor. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Grows ARRAY (of elements of SIZE bytes, capacity *CAP) to hold NEED;
 * allocation failure ends the program, as there is no sensible recovery
 * halfway through a report. */
void *grow(void *array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return array;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *a = realloc(array, c * size);
    if (!a)
        abort();
    *cap = c;
    return a;
}

char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

void ddor_report_free(ddor_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ndeclined; i++) {
        ddor_declined *d = &r->declined[i];
        free(d->state); free(d->state_raw); free(d->county); free(d->facility);
        free(d->citizenship); free(d->country_code); free(d->issued);
        free(d->declined); free(d->issued_raw); free(d->declined_raw);
        free(d->crime); free(d->crime_status);
    }
    for (size_t i = 0; i < r->ntop; i++) {
        free(r->top[i].state); free(r->top[i].state_raw); free(r->top[i].county);
    }
    for (size_t i = 0; i < r->npolicies; i++) {
        ddor_policy *q = &r->policies[i];
        free(q->state); free(q->state_raw); free(q->jurisdiction); free(q->policy);
    }
    for (size_t i = 0; i < r->nunparsed; i++) {
        free(r->unparsed[i].text); free(r->unparsed[i].why);
    }
    free(r->declined); free(r->top); free(r->policies); free(r->unparsed);
    for (int i = 0; i < DDOR_NSECTIONS; i++)
        free(r->headings[i].text);
    free(r->boxes);
    free(r->table_info);
    free(r);
}
