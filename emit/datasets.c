/*
 * The dataset list and the formats, and the writers of the datasets that
 * copy records one to one: reports, declined_detainers, top_jurisdictions
 * and policy_jurisdictions.  Their values come in the order of the
 * columns of schema.c, which are the contract's.
 */
#include <errno.h>
#include <string.h>
#include "datasets.h"

const char *const emit_dataset_names[] = {
    "reports",
    "declined_detainers",
    "top_jurisdictions",
    "policy_jurisdictions",
    "crime_summary",
    "country_summary",
    NULL
};

typedef void (*dataset_writer)(table *, const emit_source *, size_t);

/* Same order as emit_dataset_names. */
static const dataset_writer writers[] = {
    write_reports,
    write_declined_detainers,
    write_top_jurisdictions,
    write_policy_jurisdictions,
    write_crime_summary,
    write_country_summary,
};

static int dataset_index(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; emit_dataset_names[i]; i++)
        if (strcmp(emit_dataset_names[i], name) == 0)
            return i;
    return -1;
}

int emit_is_dataset(const char *name)
{
    return dataset_index(name) >= 0;
}

void dataset_rows(table *t, const emit_source *sources, size_t n)
{
    int i = dataset_index(t->dataset->name);
    if (i < 0) {
        table_fail(t, EINVAL);
        return;
    }
    writers[i](t, sources, n);
}

int emit_dataset(FILE *out, const char *name, emit_format format,
                 const emit_source *sources, size_t n, const emit_options *opt)
{
    const schema_dataset *d = schema_dataset_named(name);
    if (!d || !out || (n > 0 && !sources) || !emit_format_is_stream(format)) {
        errno = EINVAL;
        return -1;
    }
    return text_table_write(out, d, format, sources, n, opt);
}

static const char *const format_names[EMIT_NFORMATS] = {
    [EMIT_CSV] = "csv",
    [EMIT_JSONL] = "jsonl",
    [EMIT_XLSX] = "xlsx",
    [EMIT_SQLITE] = "sqlite",
};

const char *emit_format_name(emit_format format)
{
    return (unsigned)format < EMIT_NFORMATS ? format_names[format] : NULL;
}

int emit_format_named(const char *name)
{
    for (int f = 0; name && f < EMIT_NFORMATS; f++)
        if (strcmp(format_names[f], name) == 0)
            return f;
    return -1;
}

int emit_format_is_stream(emit_format format)
{
    return format == EMIT_CSV || format == EMIT_JSONL;
}

unsigned emit_formats(const emit_options *opt)
{
    return opt && opt->formats ? opt->formats : EMIT_FORMAT_BIT(EMIT_CSV);
}

int emit_source_converted(const emit_source *s)
{
    return s->report != NULL && !(s->status && strcmp(s->status, "error") == 0);
}

/* The page count of a source: from the caller when it knew it, else from
 * the parsed report; 0 (unknown) becomes -1, an empty cell. */
static long source_pages(const emit_source *s)
{
    if (s->pages > 0)
        return s->pages;
    if (s->report && s->report->pages > 0)
        return s->report->pages;
    return -1;
}

void write_reports(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const emit_source *s = &sources[i];
        const ddor_report *r = emit_source_converted(s) ? s->report : NULL;
        table_text(t, s->report_id);
        table_text(t, s->source_file);
        table_text(t, s->sha256);
        table_integer(t, source_pages(s));
        /* A failed source has no report fields: they stay empty. */
        table_text(t, r ? r->period_start : NULL);
        table_text(t, r ? r->period_end : NULL);
        table_integer(t, r ? r->detainers_issued : -1);
        table_integer(t, r ? r->declined_stated : -1);
        table_integer(t, r ? (long)r->ndeclined : -1);
        table_text(t, s->status);
        table_text(t, s->message);
        table_integer(t, s->added ? (long)s->added : -1);
        table_text(t, s->superseded_by);
        table_row_end(t);
    }
}

void write_declined_detainers(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->ndeclined; k++) {
            const ddor_declined *d = &r->declined[k];
            table_text(t, sources[i].report_id);
            table_integer(t, (long)k + 1);
            table_integer(t, d->page > 0 ? d->page : -1);
            table_text(t, d->state);
            table_text(t, d->county);
            table_text(t, d->facility);
            table_text(t, d->citizenship);
            table_text(t, d->country_code);
            table_text(t, d->issued);
            table_text(t, d->declined);
            table_text(t, d->crime);
            table_text(t, d->crime_status);
            table_row_end(t);
        }
    }
}

void write_top_jurisdictions(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->ntop; k++) {
            const ddor_top *top = &r->top[k];
            table_text(t, sources[i].report_id);
            table_integer(t, top->rank);
            table_text(t, top->state);
            table_text(t, top->county);
            table_integer(t, top->detainers);
            table_row_end(t);
        }
    }
}

void write_policy_jurisdictions(table *t, const emit_source *sources, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->npolicies; k++) {
            const ddor_policy *p = &r->policies[k];
            table_text(t, sources[i].report_id);
            table_text(t, p->state);
            table_text(t, p->jurisdiction);
            table_text(t, p->policy);
            table_row_end(t);
        }
    }
}
