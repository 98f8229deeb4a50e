/*
 * The dataset list, and the writers of the datasets that copy records
 * one to one: reports, declined_detainers, top_jurisdictions and
 * policy_jurisdictions.  Column names and order are the contract's.
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

typedef void (*dataset_writer)(csv_writer *, const emit_source *, size_t);

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

int emit_dataset(FILE *out, const char *name, const emit_source *sources,
                 size_t n, const emit_options *opt)
{
    int i = dataset_index(name);
    if (i < 0 || !out || (n > 0 && !sources)) {
        errno = EINVAL;
        return -1;
    }
    csv_writer w;
    if (opt && opt->format == EMIT_JSONL)
        csvw_begin_jsonl(&w, out);
    else
        csvw_begin(&w, out, opt && opt->excel);
    writers[i](&w, sources, n);
    return csvw_finish(&w);
}

const char *emit_format_extension(const emit_options *opt)
{
    return opt && opt->format == EMIT_JSONL ? "jsonl" : "csv";
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

void write_reports(csv_writer *w, const emit_source *sources, size_t n)
{
    static const char *const header[] = {
        "report_id", "source_file", "sha256", "pages", "period_start",
        "period_end", "detainers_issued", "declined_stated", "declined_rows",
        "status", "message", "added", "superseded_by", NULL
    };
    csvw_row(w, header);
    for (size_t i = 0; i < n; i++) {
        const emit_source *s = &sources[i];
        const ddor_report *r = emit_source_converted(s) ? s->report : NULL;
        csvw_text(w, s->report_id);
        csvw_text(w, s->source_file);
        csvw_text(w, s->sha256);
        csvw_long(w, source_pages(s));
        /* A failed source has no report fields: they stay empty. */
        csvw_text(w, r ? r->period_start : NULL);
        csvw_text(w, r ? r->period_end : NULL);
        csvw_long(w, r ? r->detainers_issued : -1);
        csvw_long(w, r ? r->declined_stated : -1);
        csvw_long(w, r ? (long)r->ndeclined : -1);
        csvw_text(w, s->status);
        csvw_text(w, s->message);
        csvw_long(w, s->added ? (long)s->added : -1);
        csvw_text(w, s->superseded_by);
        csvw_row_end(w);
    }
}

void write_declined_detainers(csv_writer *w, const emit_source *sources, size_t n)
{
    static const char *const header[] = {
        "report_id", "row", "page", "state", "county", "facility",
        "citizenship", "country_code", "detainer_issued", "detainer_declined",
        "crime", "crime_status", NULL
    };
    csvw_row(w, header);
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->ndeclined; k++) {
            const ddor_declined *d = &r->declined[k];
            csvw_text(w, sources[i].report_id);
            csvw_long(w, (long)k + 1);
            csvw_long(w, d->page > 0 ? d->page : -1);
            csvw_text(w, d->state);
            csvw_text(w, d->county);
            csvw_text(w, d->facility);
            csvw_text(w, d->citizenship);
            csvw_text(w, d->country_code);
            csvw_text(w, d->issued);
            csvw_text(w, d->declined);
            csvw_text(w, d->crime);
            csvw_text(w, d->crime_status);
            csvw_row_end(w);
        }
    }
}

void write_top_jurisdictions(csv_writer *w, const emit_source *sources, size_t n)
{
    static const char *const header[] = {
        "report_id", "rank", "state", "county", "detainers_issued", NULL
    };
    csvw_row(w, header);
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->ntop; k++) {
            const ddor_top *t = &r->top[k];
            csvw_text(w, sources[i].report_id);
            csvw_long(w, t->rank);
            csvw_text(w, t->state);
            csvw_text(w, t->county);
            csvw_long(w, t->detainers);
            csvw_row_end(w);
        }
    }
}

void write_policy_jurisdictions(csv_writer *w, const emit_source *sources, size_t n)
{
    static const char *const header[] = {
        "report_id", "state", "jurisdiction", "policy", NULL
    };
    csvw_row(w, header);
    for (size_t i = 0; i < n; i++) {
        if (!emit_source_converted(&sources[i]))
            continue;
        const ddor_report *r = sources[i].report;
        for (size_t k = 0; k < r->npolicies; k++) {
            const ddor_policy *p = &r->policies[k];
            csvw_text(w, sources[i].report_id);
            csvw_text(w, p->state);
            csvw_text(w, p->jurisdiction);
            csvw_text(w, p->policy);
            csvw_row_end(w);
        }
    }
}
