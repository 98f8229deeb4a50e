/*
 * The schema of the datasets, declared once: every dataset's columns in
 * order, each with its name, type, vocabulary, constraints and meaning,
 * and the dataset's keys.  Every format is written from it: the CSV
 * header and the JSON Lines keys (emit/table.h), datapackage.json, the
 * workbook's sheets and the database's tables.  Adding a column is one
 * edit in schema.c and one value in the dataset's writer, which the
 * writer's table checks (a cell too many, too few, or of the wrong type
 * fails the file).
 */
#ifndef DDOR_EMIT_SCHEMA_H
#define DDOR_EMIT_SCHEMA_H

#include <stddef.h>

/* What a column holds, which decides how each format writes it. */
typedef enum {
    SCHEMA_TEXT,        /* words as printed: names, offenses, messages */
    SCHEMA_CODE,        /* an identifier or a code (report_id, sha256, MX,
                           convicted): text that must never be read as a
                           number or a date, even when it looks like one */
    SCHEMA_INTEGER,     /* a count, a rank, a position: never negative */
    SCHEMA_DATE         /* a day, written YYYY-MM-DD */
} schema_type;

/* Where a column's values come from, when that limits them. */
typedef enum {
    SCHEMA_ANY,
    SCHEMA_USPS_STATE,      /* the US part of ISO 3166-2, as USPS codes */
    SCHEMA_ISO_COUNTRY,     /* ISO 3166-1 alpha-2, and Kosovo's XK */
    SCHEMA_CRIME_STATUS,    /* schema_crime_statuses */
    SCHEMA_REPORT_STATUS,   /* schema_report_statuses */
    SCHEMA_SHA256_HEX       /* 64 lowercase hex digits */
} schema_vocabulary;

typedef struct {
    const char *name;
    schema_type type;
    const char *description;
    schema_vocabulary vocabulary;
    int required;             /* never empty */
    long minimum;             /* integers: the least value; -1: no bound */
    int filtered;             /* people select rows by it: worth an index */
} schema_column;

typedef struct {
    const char *name;         /* as in emit_dataset_names */
    const char *description;
    const schema_column *columns;
    size_t ncolumns;
    const char *const *primary_key;  /* column names, NULL-terminated;
                                        NULL: the rows have no key */
    int refers_to_reports;    /* report_id names a row of reports */
} schema_dataset;

/* Every dataset, in the contract's order (that of emit_dataset_names). */
extern const schema_dataset schema_datasets[];
extern const size_t schema_ndatasets;

/* The dataset called NAME, or NULL. */
const schema_dataset *schema_dataset_named(const char *name);

/* The column called NAME of D, or NULL. */
const schema_column *schema_column_named(const schema_dataset *d, const char *name);

/* The values of the small vocabularies, NULL-terminated. */
extern const char *const schema_crime_statuses[];
extern const char *const schema_report_statuses[];

/* Codes the parser emits that ISO 3166-1 does not list
 * (parse/cells_countries.c), NULL-terminated. */
extern const char *const schema_user_assigned_countries[];

/* "text", "code", "integer" or "date". */
const char *schema_type_name(schema_type type);

#endif
