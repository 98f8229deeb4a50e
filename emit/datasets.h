/*
 * The writers of the individual datasets, private to emit/.  Each writes
 * one row per record into a table begun with the dataset's schema (the
 * header is the format's, from the schema), rows of all sources in input
 * order; failures are collected by the table.
 */
#ifndef DDOR_EMIT_DATASETS_H
#define DDOR_EMIT_DATASETS_H

#include <stddef.h>
#include "emit.h"
#include "table.h"

/* Writes the rows of T's dataset, whichever it is. */
void dataset_rows(table *t, const emit_source *sources, size_t n);

void write_reports(table *t, const emit_source *sources, size_t n);
void write_declined_detainers(table *t, const emit_source *sources, size_t n);
void write_top_jurisdictions(table *t, const emit_source *sources, size_t n);
void write_policy_jurisdictions(table *t, const emit_source *sources, size_t n);

/* summaries.c: counts over declined_detainers, per report. */
void write_crime_summary(table *t, const emit_source *sources, size_t n);
void write_country_summary(table *t, const emit_source *sources, size_t n);

/* text_table.c: dataset NAME as a CSV or JSON Lines stream on OUT. */
int text_table_write(FILE *out, const schema_dataset *d, emit_format format,
                     const emit_source *sources, size_t n, const emit_options *opt);

#endif
