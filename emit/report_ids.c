/*
 * Report ids: kept from an earlier run, else the period start date, else
 * the file's base name without ".pdf"; unique within a run.  The rules
 * are in emit.h; the names made safe in id_name.c.
 *
 * One table holds every id that matters: those handed out (GIVEN, kept
 * ones first) and the natural ids of the sources still to be numbered
 * (NATURAL), which a suffixed id must not take.  The entry of a natural id
 * also remembers the next suffix to try for it: suffixes are handed out in
 * increasing order and an id once taken stays taken, so no suffix is ever
 * tried twice, and 10,000 sources of one date cost 10,000 look-ups, not
 * 50 million comparisons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "datasets.h"
#include "id_name.h"
#include "id_table.h"

enum {
    GIVEN = 1,                /* a source has this id */
    NATURAL = 2               /* the natural id of a source to be numbered */
};

static void *checked(void *p)
{
    /* emit_assign_ids cannot report failure; running out of memory for a
     * few dozen bytes is not something to carry on from. */
    if (!p)
        abort();
    return p;
}

/* Adds ID to the table, when it is not there, with FLAG. */
static void mark(id_table *t, const char *id, unsigned flag)
{
    id_entry *e = id_table_add(t, id);
    if (!e)
        abort();
    e->flags |= flag;
}

/* The id a source would get if it were alone (malloc'd). */
static char *natural_id(const emit_source *s)
{
    if (emit_source_converted(s) && s->report->period_start[0])
        return checked(id_from_text(s->report->period_start,
                                    strlen(s->report->period_start)));
    return checked(id_from_file_name(s->source_file));
}

/* BASE-K, BASE cut short enough for the whole to fit (malloc'd). */
static char *with_suffix(const char *base, size_t k)
{
    char suffix[24];
    int slen = snprintf(suffix, sizeof suffix, "-%zu", k);
    size_t blen = id_cut(base, EMIT_REPORT_ID_MAX - (size_t)slen);
    char *id = checked(malloc(blen + (size_t)slen + 1));
    memcpy(id, base, blen);
    memcpy(id + blen, suffix, (size_t)slen + 1);
    return id;
}

/* The first BASE-k, k >= 2, that is neither given nor a natural id; it
 * is marked given.  BASE is in the table. */
static char *suffixed_id(id_table *t, const char *base)
{
    size_t k = id_table_find(t, base)->next;
    if (k < 2)
        k = 2;
    for (;; k++) {
        char *id = with_suffix(base, k);
        id_entry *e = id_table_find(t, id);
        if (!e || !(e->flags & (GIVEN | NATURAL))) {
            /* Before adding, which may move the entries. */
            id_table_find(t, base)->next = k + 1;
            mark(t, id, GIVEN);
            return id;
        }
        free(id);
    }
}

/* Keeps the report_id a source came with when it is safe and not kept by
 * an earlier source already; else frees it, for a new one. */
static void keep_or_drop(id_table *t, emit_source *s)
{
    if (!s->report_id)
        return;
    id_entry *e = id_table_find(t, s->report_id);
    if (emit_report_id_is_safe(s->report_id) && !(e && (e->flags & GIVEN))) {
        mark(t, s->report_id, GIVEN);
        return;
    }
    free(s->report_id);
    s->report_id = NULL;
}

void emit_assign_ids(emit_source *sources, size_t n)
{
    if (n == 0)
        return;
    id_table t;
    if (id_table_init(&t, 2 * n) != 0)
        abort();
    for (size_t i = 0; i < n; i++)
        keep_or_drop(&t, &sources[i]);
    char **natural = checked(calloc(n, sizeof *natural));
    for (size_t i = 0; i < n; i++) {
        if (sources[i].report_id)
            continue;
        natural[i] = natural_id(&sources[i]);
        mark(&t, natural[i], NATURAL);
    }
    for (size_t i = 0; i < n; i++) {
        if (!natural[i])
            continue;
        id_entry *e = id_table_find(&t, natural[i]);
        if (!(e->flags & GIVEN)) {
            e->flags |= GIVEN;
            sources[i].report_id = checked(strdup(natural[i]));
        } else {
            sources[i].report_id = suffixed_id(&t, natural[i]);
        }
    }
    /* The table borrows the natural ids: it goes first. */
    id_table_free(&t);
    for (size_t i = 0; i < n; i++)
        free(natural[i]);
    free(natural);
}
