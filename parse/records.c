/*
 * Rows of cells -> the typed records of the report, and the lines that
 * became none.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cells.h"

int table_col_index(const table_header *h, col_role role)
{
    for (int c = 0; c < h->ncols; c++)
        if (h->role[c] == role)
            return c;
    return -1;
}

const char *table_cell(const table_header *h, const table_row *row, col_role role)
{
    int c = table_col_index(h, role);
    return c < 0 ? "" : row->cell[c];
}

int table_column_mandatory(const table_header *h, int c)
{
    switch (h->role[c]) {
    case COL_STATE:
    case COL_COUNTY:
        return 1;
    case COL_DECLINED:
        return h->kind == TABLE_DECLINED;
    case COL_RANK:
    case COL_COUNT:
        return h->kind == TABLE_TOP;
    case COL_POLICY:
        return h->kind == TABLE_POLICY;
    default:
        return 0;
    }
}

int table_anchor_column(const table_header *h)
{
    return h->kind == TABLE_DECLINED ? table_col_index(h, COL_DECLINED)
         : h->kind == TABLE_TOP ? table_col_index(h, COL_COUNT) : -1;
}

int begins_value(const fragment *a, col_role role)
{
    char iso[11];
    long v;
    if (a->part >= 0)               /* known: 1 a whole value, 2 a start */
        return a->part == 1 || (a->part == 2 && (role == COL_DECLINED || role == COL_ISSUED));
    if (role == COL_DECLINED || role == COL_ISSUED)
        return cells_date(a->text, iso) || cells_date_prefix(a->text);
    return cells_integer(a->text, &v);
}

static char *state_code(const char *raw)
{
    const char *code = cells_state_code(raw);
    return xstrdup(code ? code : "");
}

static char *iso_date(const char *raw)
{
    char out[11];
    return xstrdup(cells_date(raw, out) ? out : "");
}

static long number(const char *raw)
{
    long v;
    return cells_integer(raw, &v) ? v : -1;
}

static void add_declined(ddor_report *r, size_t *cap, const table_header *h,
                         const table_row *row)
{
    r->declined = grow(r->declined, cap, r->ndeclined + 1, sizeof *r->declined);
    ddor_declined *d = &r->declined[r->ndeclined++];
    const char *country;
    const char *status;
    d->page = row->page;
    d->state_raw = xstrdup(table_cell(h, row, COL_STATE));
    d->state = state_code(d->state_raw);
    d->county = xstrdup(table_cell(h, row, COL_COUNTY));
    d->facility = xstrdup(table_cell(h, row, COL_FACILITY));
    d->citizenship = xstrdup(table_cell(h, row, COL_CITIZENSHIP));
    country = d->citizenship[0] ? cells_country_code(d->citizenship) : NULL;
    d->country_code = xstrdup(country ? country : "");
    d->issued_raw = xstrdup(table_cell(h, row, COL_ISSUED));
    d->issued = iso_date(d->issued_raw);
    d->declined_raw = xstrdup(table_cell(h, row, COL_DECLINED));
    d->declined = iso_date(d->declined_raw);
    cells_crime(table_cell(h, row, COL_CRIME), table_cell(h, row, COL_STATUS),
                &d->crime, &status);
    d->crime_status = xstrdup(status ? status : "");
}

static void add_top(ddor_report *r, size_t *cap, const table_header *h,
                    const table_row *row, long ordinal)
{
    r->top = grow(r->top, cap, r->ntop + 1, sizeof *r->top);
    ddor_top *t = &r->top[r->ntop++];
    t->page = row->page;
    /* Without a rank column the table's order is the ranking. */
    t->rank = table_col_index(h, COL_RANK) >= 0 ? number(table_cell(h, row, COL_RANK))
                                                : ordinal;
    t->state_raw = xstrdup(table_cell(h, row, COL_STATE));
    t->state = state_code(t->state_raw);
    t->county = xstrdup(table_cell(h, row, COL_COUNTY));
    t->detainers = number(table_cell(h, row, COL_COUNT));
}

static void add_policy(ddor_report *r, size_t *cap, const table_header *h,
                       const table_row *row)
{
    r->policies = grow(r->policies, cap, r->npolicies + 1, sizeof *r->policies);
    ddor_policy *q = &r->policies[r->npolicies++];
    q->page = row->page;
    q->state_raw = xstrdup(table_cell(h, row, COL_STATE));
    q->state = state_code(q->state_raw);
    q->jurisdiction = xstrdup(table_cell(h, row, COL_COUNTY));
    q->policy = xstrdup(table_cell(h, row, COL_POLICY));
}

long records_add(ddor_report *r, size_t caps[TABLE_NKINDS], const table_header *h,
                 const table_row *row, long ordinal)
{
    switch (h->kind) {
    case TABLE_DECLINED:
        add_declined(r, &caps[TABLE_DECLINED], h, row);
        return (long)r->ndeclined;
    case TABLE_TOP:
        add_top(r, &caps[TABLE_TOP], h, row, ordinal);
        return (long)r->ntop;
    case TABLE_POLICY:
        add_policy(r, &caps[TABLE_POLICY], h, row);
        return (long)r->npolicies;
    default:
        return 0;
    }
}

size_t records_unparsed(ddor_report *r, size_t *cap, int page, const char *text,
                        const char *why)
{
    r->unparsed = grow(r->unparsed, cap, r->nunparsed + 1, sizeof *r->unparsed);
    ddor_unparsed *u = &r->unparsed[r->nunparsed++];
    u->page = page;
    u->text = xstrdup(text);
    u->why = xstrdup(why);
    return r->nunparsed - 1;
}
