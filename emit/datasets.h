/*
 * The writers of the individual datasets, private to emit/.  Each writes
 * its header row and then one row per record, rows of all sources in
 * input order; write errors are collected by the csv_writer.
 */
#ifndef DDOR_EMIT_DATASETS_H
#define DDOR_EMIT_DATASETS_H

#include <stddef.h>
#include "csv_writer.h"
#include "emit.h"

void write_reports(csv_writer *w, const emit_source *sources, size_t n);
void write_declined_detainers(csv_writer *w, const emit_source *sources, size_t n);
void write_top_jurisdictions(csv_writer *w, const emit_source *sources, size_t n);
void write_policy_jurisdictions(csv_writer *w, const emit_source *sources, size_t n);

/* summaries.c: counts over declined_detainers, per report. */
void write_crime_summary(csv_writer *w, const emit_source *sources, size_t n);
void write_country_summary(csv_writer *w, const emit_source *sources, size_t n);

#endif
