/*
 * Report ids: the period start date, else the file's base name without
 * ".pdf"; unique within a run.
 *
 * Every source whose natural id is seen for the first time keeps it; later
 * sources with the same natural id get "-2", "-3", ... in input order,
 * skipping any suffixed id that is some other source's natural id (a file
 * named "2017-01-28-2.pdf" without a period keeps its name) or that was
 * already handed out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "datasets.h"

static void *checked(void *p)
{
    /* emit_assign_ids cannot report failure; running out of memory for a
     * few dozen bytes is not something to carry on from. */
    if (!p)
        abort();
    return p;
}

/* The id a source would get if it were alone (malloc'd). */
static char *natural_id(const emit_source *s)
{
    if (emit_source_converted(s) && s->report->period_start[0])
        return checked(strdup(s->report->period_start));
    const char *path = s->source_file ? s->source_file : "";
    const char *name = strrchr(path, '/');
    name = (name && name[1]) ? name + 1 : path;
    size_t len = strlen(name);
    if (len > 4 && strcasecmp(name + len - 4, ".pdf") == 0)
        len -= 4;
    if (len == 0)
        return checked(strdup("report"));
    return checked(strndup(name, len));
}

static int in_list(char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static int assigned_before(const emit_source *sources, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (sources[i].report_id && strcmp(sources[i].report_id, s) == 0)
            return 1;
    return 0;
}

/* The first BASE-k, k >= 2, that is neither a natural id nor taken by one
 * of the first I sources. */
static char *suffixed_id(const char *base, char *const *natural, size_t n,
                         const emit_source *sources, size_t i)
{
    size_t size = strlen(base) + 24;
    char *id = checked(malloc(size));
    for (size_t k = 2;; k++) {
        snprintf(id, size, "%s-%zu", base, k);
        if (!in_list(natural, n, id) && !assigned_before(sources, i, id))
            return id;
    }
}

void emit_assign_ids(emit_source *sources, size_t n)
{
    if (n == 0)
        return;
    char **natural = checked(calloc(n, sizeof *natural));
    for (size_t i = 0; i < n; i++)
        natural[i] = natural_id(&sources[i]);
    for (size_t i = 0; i < n; i++) {
        free(sources[i].report_id);
        sources[i].report_id = NULL;
        if (in_list(natural, i, natural[i]))
            sources[i].report_id = suffixed_id(natural[i], natural, n, sources, i);
        else
            sources[i].report_id = checked(strdup(natural[i]));
    }
    for (size_t i = 0; i < n; i++)
        free(natural[i]);
    free(natural);
}
