/* Reports and sources made in memory, for the tests of emit/ (see
 * report_builder.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_builder.h"

char *rb_text_copy(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        abort();
    return p;
}

static void *grow(void *array, size_t count, size_t size)
{
    void *p = realloc(array, (count + 1) * size);
    if (!p)
        abort();
    return p;
}

ddor_report *rb_new_report(const char *period_start)
{
    ddor_report *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->pages = 3;
    r->is_ddor = 1;
    snprintf(r->period_start, sizeof r->period_start, "%s", period_start);
    r->detainers_issued = -1;
    r->declined_stated = -1;
    return r;
}

void rb_add_declined(ddor_report *r, int page, rb_declined_row row)
{
    r->declined = grow(r->declined, r->ndeclined, sizeof *r->declined);
    ddor_declined *d = &r->declined[r->ndeclined++];
    d->page = page;
    d->state = rb_text_copy(row.state);
    d->state_raw = rb_text_copy(row.state);
    d->county = rb_text_copy(row.county);
    d->facility = rb_text_copy(row.facility);
    d->citizenship = rb_text_copy(row.citizenship);
    d->country_code = rb_text_copy(row.code);
    d->issued = rb_text_copy(row.issued);
    d->declined = rb_text_copy(row.declined);
    d->issued_raw = rb_text_copy(row.issued);
    d->declined_raw = rb_text_copy(row.declined);
    d->crime = rb_text_copy(row.crime);
    d->crime_status = rb_text_copy(row.status);
}

void rb_add_offense(ddor_report *r, const char *citizenship,
                    const char *code, const char *crime, const char *status)
{
    rb_add_declined(r, 2, (rb_declined_row){ "TX", "Travis County", "Travis Jail",
                    citizenship, code, "2017-02-01", "2017-02-01", crime, status });
}

void rb_add_top(ddor_report *r, long rank, const char *state,
                const char *county, long detainers)
{
    r->top = grow(r->top, r->ntop, sizeof *r->top);
    ddor_top *t = &r->top[r->ntop++];
    t->page = 2;
    t->rank = rank;
    t->state = rb_text_copy(state);
    t->state_raw = rb_text_copy(state);
    t->county = rb_text_copy(county);
    t->detainers = detainers;
}

void rb_add_policy(ddor_report *r, const char *state,
                   const char *jurisdiction, const char *policy)
{
    r->policies = grow(r->policies, r->npolicies, sizeof *r->policies);
    ddor_policy *p = &r->policies[r->npolicies++];
    p->page = 9;
    p->state = rb_text_copy(state);
    p->state_raw = rb_text_copy(state);
    p->jurisdiction = rb_text_copy(jurisdiction);
    p->policy = rb_text_copy(policy);
}

emit_source rb_converted(const char *file, ddor_report *r)
{
    emit_source s = { 0 };
    s.source_file = file;
    snprintf(s.sha256, sizeof s.sha256, "%064d", 0);
    s.sha256[0] = 'a';
    s.pages = r->pages;
    s.status = "ok";
    s.message = rb_text_copy("");
    s.report = r;
    return s;
}

emit_source rb_failed(const char *file, const char *reason)
{
    emit_source s = { 0 };
    s.source_file = file;
    s.status = "error";
    s.message = rb_text_copy(reason);
    return s;
}

void rb_clear_all(emit_source *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        emit_source_clear(&s[i]);
}
