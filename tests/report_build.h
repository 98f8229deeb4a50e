/*
 * Reports and sources built in memory, for the tests of what emit writes
 * of them: every string is malloc'd, as the parser's are, so that
 * emit_source_clear (clear_all) frees them.  Allocation failures abort.
 */
#ifndef DDOR_TEST_REPORT_BUILD_H
#define DDOR_TEST_REPORT_BUILD_H

#include <stddef.h>
#include "../emit/emit.h"

/* A malloc'd copy of S (NULL as ""). */
char *text_copy(const char *s);

/* A report of 3 pages with the period PERIOD_START, no rows, and the
 * national counts unknown. */
ddor_report *new_report(const char *period_start);

typedef struct {
    const char *state, *county, *facility, *citizenship, *code;
    const char *issued, *declined, *crime, *status;
} declined_row;

void add_declined(ddor_report *r, int page, declined_row row);

/* A declined row that only matters for the summaries. */
void add_offense(ddor_report *r, const char *citizenship,
                 const char *code, const char *crime, const char *status);

void add_top(ddor_report *r, long rank, const char *state,
             const char *county, long detainers);

void add_policy(ddor_report *r, const char *state,
                const char *jurisdiction, const char *policy);

/* A source of FILE converted into R (status ok; its sha256 a0...0). */
emit_source converted(const char *file, ddor_report *r);

/* A source of FILE that failed for REASON. */
emit_source failed(const char *file, const char *reason);

void clear_all(emit_source *s, size_t n);

#endif
