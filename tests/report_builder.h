/*
 * Reports and sources made in memory, for the tests of emit/ that check
 * what every format writes without parsing a PDF.  Each builder copies
 * its strings; a report belongs to the source made of it, and
 * rb_clear_all frees both.  Out of memory aborts the test run.
 */
#ifndef DDOR_TESTS_REPORT_BUILDER_H
#define DDOR_TESTS_REPORT_BUILDER_H

#include <stddef.h>
#include "../emit/emit.h"

/* A malloc'd copy of S (NULL as ""). */
char *rb_text_copy(const char *s);

/* A report of 3 pages whose period starts PERIOD_START ("" for none),
 * with no rows and its stated counts unknown. */
ddor_report *rb_new_report(const char *period_start);

/* The cells of a declined row, as the parser would give them. */
typedef struct {
    const char *state, *county, *facility, *citizenship, *code;
    const char *issued, *declined, *crime, *status;
} rb_declined_row;

void rb_add_declined(ddor_report *r, int page, rb_declined_row row);

/* A declined row that only matters for the summaries. */
void rb_add_offense(ddor_report *r, const char *citizenship,
                    const char *code, const char *crime, const char *status);

void rb_add_top(ddor_report *r, long rank, const char *state,
                const char *county, long detainers);
void rb_add_policy(ddor_report *r, const char *state,
                   const char *jurisdiction, const char *policy);

/* A source converted into R from FILE (status ok, a made-up digest), and
 * one that failed for REASON. */
emit_source rb_converted(const char *file, ddor_report *r);
emit_source rb_failed(const char *file, const char *reason);

void rb_clear_all(emit_source *s, size_t n);

#endif
