/*
 * The datasets' schema (schema.h): every column of every dataset, once.
 *
 * Keys: a primary key is declared only where the writers guarantee it: the
 * report id, a declined row's position, a summary's grouping value.  Top
 * jurisdictions have none: their rank is empty when a report prints none,
 * and a key column may not be empty.  Policy jurisdictions have none
 * either: a report may list a jurisdiction twice.
 *
 * The codes' vocabularies are those of the ISO 3166 tables the parser
 * recognises them with (parse/iso3166.h), so that a code the parser can
 * emit is never outside them.
 */
#include <string.h>
#include "schema.h"

#define COLUMNS(array) array, sizeof array / sizeof array[0]

#define REPORT_ID_OF_ROW \
    { "report_id", SCHEMA_CODE, "The report the row comes from (reports.report_id).", \
      SCHEMA_ANY, 1, -1, 1 }

static const schema_column reports_columns[] = {
    { "report_id", SCHEMA_CODE,
      "The start of the report's period (YYYY-MM-DD); when no period is found, "
      "the file name without .pdf, made fit to name a folder (at most 100 "
      "bytes, control characters as _, a _ before a leading dot, index.html "
      "as index.html_). Unique within the folder and never changed once "
      "given: a second report of the same period (a re-issue) gets -2, the "
      "next -3, in the order they were added.",
      SCHEMA_ANY, 1, -1, 0 },
    { "source_file", SCHEMA_TEXT, "The input file as given on the command line "
      "when the report was added; a byte that is not UTF-8 reads U+FFFD.",
      SCHEMA_ANY, 1, -1, 0 },
    { "sha256", SCHEMA_CODE,
      "SHA-256 of the file's bytes, lowercase hex; empty when it could not be read.",
      SCHEMA_SHA256_HEX, 0, -1, 0 },
    { "pages", SCHEMA_INTEGER, "The number of pages of the PDF.", SCHEMA_ANY, 0, 1, 0 },
    { "period_start", SCHEMA_DATE, "The first day of the period the report covers.",
      SCHEMA_ANY, 0, -1, 0 },
    { "period_end", SCHEMA_DATE, "The last day of the period the report covers.",
      SCHEMA_ANY, 0, -1, 0 },
    { "detainers_issued", SCHEMA_INTEGER,
      "The national number of detainers issued in the period, as stated in Section I.",
      SCHEMA_ANY, 0, 0, 0 },
    { "declined_stated", SCHEMA_INTEGER,
      "The number of declined detainers stated in the report's text, if any.",
      SCHEMA_ANY, 0, 0, 0 },
    { "declined_rows", SCHEMA_INTEGER,
      "The number of rows extracted into declined_detainers.", SCHEMA_ANY, 0, 0, 0 },
    { "status", SCHEMA_CODE,
      "ok (converted, every check passed), warning (converted, but a check "
      "failed) or error (nothing converted).", SCHEMA_REPORT_STATUS, 1, -1, 0 },
    { "message", SCHEMA_TEXT, "What the warning or error was.", SCHEMA_ANY, 0, -1, 0 },
    { "added", SCHEMA_INTEGER,
      "The order in which the reports were added to the folder: 1, 2, ... "
      "(never reused after a removal); empty on standard output.", SCHEMA_ANY, 0, 1, 0 },
    { "superseded_by", SCHEMA_CODE,
      "The report_id of a later edition of the same period (the PDF dated "
      "later, else the one added later); empty for the current edition.",
      SCHEMA_ANY, 0, -1, 0 },
};

static const schema_column declined_columns[] = {
    REPORT_ID_OF_ROW,
    { "row", SCHEMA_INTEGER, "The 1-based position of the row in its report.",
      SCHEMA_ANY, 1, 1, 0 },
    { "page", SCHEMA_INTEGER, "The 1-based PDF page of the row's first line.",
      SCHEMA_ANY, 0, 1, 0 },
    { "state", SCHEMA_CODE,
      "USPS two-letter code of the state or territory, whether the report "
      "prints a name or a code; empty when not recognised.", SCHEMA_USPS_STATE, 0, -1, 1 },
    { "county", SCHEMA_TEXT, "As printed, wrapped lines joined.", SCHEMA_ANY, 0, -1, 1 },
    { "facility", SCHEMA_TEXT, "As printed, wrapped lines joined.", SCHEMA_ANY, 0, -1, 0 },
    { "citizenship", SCHEMA_TEXT, "As printed, white space normalised.", SCHEMA_ANY, 0, -1, 0 },
    { "country_code", SCHEMA_CODE,
      "ISO 3166-1 alpha-2 code of the citizenship (XK, the user-assigned code "
      "in common use, for Kosovo); empty when not recognised.",
      SCHEMA_ISO_COUNTRY, 0, -1, 1 },
    { "detainer_issued", SCHEMA_DATE, "The day the detainer was issued.", SCHEMA_ANY, 0, -1, 0 },
    { "detainer_declined", SCHEMA_DATE, "The day the detainer was declined.", SCHEMA_ANY, 0, -1, 0 },
    { "crime", SCHEMA_TEXT,
      "The offense category as printed, without the words giving its status.",
      SCHEMA_ANY, 0, -1, 1 },
    { "crime_status", SCHEMA_CODE, "convicted, charged, or empty when not recorded.",
      SCHEMA_CRIME_STATUS, 0, -1, 0 },
};

static const schema_column top_columns[] = {
    REPORT_ID_OF_ROW,
    { "rank", SCHEMA_INTEGER, "The rank printed in Section I; empty when none is printed.",
      SCHEMA_ANY, 0, 0, 0 },
    { "state", SCHEMA_CODE, "USPS two-letter code; empty when not recognised.",
      SCHEMA_USPS_STATE, 0, -1, 1 },
    { "county", SCHEMA_TEXT, "As printed.", SCHEMA_ANY, 0, -1, 1 },
    { "detainers_issued", SCHEMA_INTEGER, "Detainers the jurisdiction received.",
      SCHEMA_ANY, 0, 0, 0 },
};

static const schema_column policy_columns[] = {
    REPORT_ID_OF_ROW,
    { "state", SCHEMA_CODE, "USPS two-letter code; empty when not recognised.",
      SCHEMA_USPS_STATE, 0, -1, 1 },
    { "jurisdiction", SCHEMA_TEXT, "As printed, wrapped lines joined.", SCHEMA_ANY, 0, -1, 0 },
    { "policy", SCHEMA_TEXT, "The full text, wrapped lines joined with single spaces.",
      SCHEMA_ANY, 0, -1, 0 },
};

static const schema_column crime_summary_columns[] = {
    REPORT_ID_OF_ROW,
    { "crime", SCHEMA_TEXT, "The offense category, as in declined_detainers.crime.",
      SCHEMA_ANY, 1, -1, 1 },
    { "convicted", SCHEMA_INTEGER, "Rows of the category with crime_status convicted.",
      SCHEMA_ANY, 1, 0, 0 },
    { "charged", SCHEMA_INTEGER, "Rows of the category with crime_status charged.",
      SCHEMA_ANY, 1, 0, 0 },
    { "total", SCHEMA_INTEGER, "Rows of the category, whatever their status.",
      SCHEMA_ANY, 1, 1, 0 },
};

static const schema_column country_summary_columns[] = {
    REPORT_ID_OF_ROW,
    { "citizenship", SCHEMA_TEXT, "As in declined_detainers.citizenship.", SCHEMA_ANY, 1, -1, 0 },
    { "country_code", SCHEMA_CODE,
      "The first country_code found for the citizenship; empty when none was.",
      SCHEMA_ISO_COUNTRY, 0, -1, 1 },
    { "declined", SCHEMA_INTEGER, "Rows with that citizenship.", SCHEMA_ANY, 1, 1, 0 },
};

static const char *const key_report[] = { "report_id", NULL };
static const char *const key_row[] = { "report_id", "row", NULL };
static const char *const key_crime[] = { "report_id", "crime", NULL };
static const char *const key_citizenship[] = { "report_id", "citizenship", NULL };

const schema_dataset schema_datasets[] = {
    { "reports", "One row per input file.", COLUMNS(reports_columns), key_report, 0 },
    { "declined_detainers", "Section II: one row per declined detainer, in the "
      "order of the report.", COLUMNS(declined_columns), key_row, 1 },
    { "top_jurisdictions", "Section I: the jurisdictions that received the most "
      "detainers.", COLUMNS(top_columns), NULL, 1 },
    { "policy_jurisdictions", "Section III: jurisdictions with a policy limiting "
      "cooperation.", COLUMNS(policy_columns), NULL, 1 },
    { "crime_summary", "Counts over declined_detainers by crime, per report, "
      "largest total first.", COLUMNS(crime_summary_columns), key_crime, 1 },
    { "country_summary", "Counts over declined_detainers by citizenship, per "
      "report, largest count first.", COLUMNS(country_summary_columns), key_citizenship, 1 },
};

const size_t schema_ndatasets = sizeof schema_datasets / sizeof schema_datasets[0];

const char *const schema_crime_statuses[] = { "convicted", "charged", NULL };
const char *const schema_report_statuses[] = { "ok", "warning", "error", NULL };
const char *const schema_user_assigned_countries[] = { "XK", NULL };

const schema_dataset *schema_dataset_named(const char *name)
{
    for (size_t i = 0; name && i < schema_ndatasets; i++)
        if (strcmp(schema_datasets[i].name, name) == 0)
            return &schema_datasets[i];
    return NULL;
}

const schema_column *schema_column_named(const schema_dataset *d, const char *name)
{
    for (size_t i = 0; d && name && i < d->ncolumns; i++)
        if (strcmp(d->columns[i].name, name) == 0)
            return &d->columns[i];
    return NULL;
}

const char *schema_type_name(schema_type type)
{
    switch (type) {
    case SCHEMA_TEXT:
        return "text";
    case SCHEMA_CODE:
        return "code";
    case SCHEMA_INTEGER:
        return "integer";
    case SCHEMA_DATE:
        return "date";
    }
    return "text";
}
