/*
 * datapackage.json: the datasets of an output folder described for
 * programs, as a Frictionless Data Package (v1) of Tabular Data Resources
 * with a Table Schema each: file, format, encoding and CSV dialect; every
 * column's type, meaning and vocabulary; the keys that identify rows and
 * the references to reports.
 *
 * The schema is written from the tables below; their column names must be
 * the headers the dataset writers print (emit/datasets.c, summaries.c),
 * which the tests check against the files actually written.  The codes'
 * vocabularies come from the ISO 3166 tables the parser recognises them
 * with, so that a code the parser can emit is never outside its enum.
 *
 * Keys: a primary key is declared only where the writers guarantee it: the
 * report id, a declined row's position, a summary's grouping value.  Top
 * jurisdictions have none: their rank is empty when a report prints none,
 * and a key field may not be empty.  Policy jurisdictions have none either:
 * a report may list a jurisdiction twice.
 */
#include <errno.h>
#include <string.h>
#include "../parse/iso3166.h"
#include "emit.h"
#include "json_text.h"

/* Where a column's values come from, when that limits them. */
enum vocabulary {
    ANY,
    USPS_STATE,         /* the US part of ISO 3166-2, as USPS codes */
    ISO_COUNTRY,        /* ISO 3166-1 alpha-2, and Kosovo's XK */
    CRIME_STATUS,
    REPORT_STATUS,
    SHA256_HEX
};

typedef struct {
    const char *name;
    const char *type;         /* Table Schema: "string", "integer", "date" */
    const char *description;
    enum vocabulary vocabulary;
    int required;             /* never empty */
    long minimum;             /* integers: the least value; -1: no bound */
} field_spec;

typedef struct {
    const char *name;         /* as in emit_dataset_names */
    const char *description;
    const field_spec *fields; /* ended by a NULL name */
    const char *const *primary_key;  /* NULL-terminated; NULL: none */
    int refers_to_reports;    /* report_id names a row of reports */
} dataset_spec;

#define END_OF_FIELDS { NULL, NULL, NULL, ANY, 0, -1 }

#define REPORT_ID_OF_ROW \
    { "report_id", "string", "The report the row comes from (reports.report_id).", \
      ANY, 1, -1 }

static const field_spec reports_fields[] = {
    { "report_id", "string",
      "The start of the report's period (YYYY-MM-DD); when no period is found, "
      "the file name without .pdf, made fit to name a folder (at most 100 "
      "bytes, control characters as _, a _ before a leading dot, index.html "
      "as index.html_). Unique within the folder and never changed once "
      "given: a second report of the same period (a re-issue) gets -2, the "
      "next -3, in the order they were added.",
      ANY, 1, -1 },
    { "source_file", "string", "The input file as given on the command line "
      "when the report was added; a byte that is not UTF-8 reads U+FFFD.",
      ANY, 1, -1 },
    { "sha256", "string",
      "SHA-256 of the file's bytes, lowercase hex; empty when it could not be read.",
      SHA256_HEX, 0, -1 },
    { "pages", "integer", "The number of pages of the PDF.", ANY, 0, 1 },
    { "period_start", "date", "The first day of the period the report covers.",
      ANY, 0, -1 },
    { "period_end", "date", "The last day of the period the report covers.",
      ANY, 0, -1 },
    { "detainers_issued", "integer",
      "The national number of detainers issued in the period, as stated in Section I.",
      ANY, 0, 0 },
    { "declined_stated", "integer",
      "The number of declined detainers stated in the report's text, if any.",
      ANY, 0, 0 },
    { "declined_rows", "integer",
      "The number of rows extracted into declined_detainers.", ANY, 0, 0 },
    { "status", "string",
      "ok (converted, every check passed), warning (converted, but a check "
      "failed) or error (nothing converted).", REPORT_STATUS, 1, -1 },
    { "message", "string", "What the warning or error was.", ANY, 0, -1 },
    { "added", "integer",
      "The order in which the reports were added to the folder: 1, 2, ... "
      "(never reused after a removal); empty on standard output.", ANY, 0, 1 },
    { "superseded_by", "string",
      "The report_id of a later edition of the same period (the PDF dated "
      "later, else the one added later); empty for the current edition.",
      ANY, 0, -1 },
    END_OF_FIELDS
};

static const field_spec declined_fields[] = {
    REPORT_ID_OF_ROW,
    { "row", "integer", "The 1-based position of the row in its report.",
      ANY, 1, 1 },
    { "page", "integer", "The 1-based PDF page of the row's first line.",
      ANY, 0, 1 },
    { "state", "string",
      "USPS two-letter code of the state or territory, whether the report "
      "prints a name or a code; empty when not recognised.", USPS_STATE, 0, -1 },
    { "county", "string", "As printed, wrapped lines joined.", ANY, 0, -1 },
    { "facility", "string", "As printed, wrapped lines joined.", ANY, 0, -1 },
    { "citizenship", "string", "As printed, white space normalised.", ANY, 0, -1 },
    { "country_code", "string",
      "ISO 3166-1 alpha-2 code of the citizenship (XK, the user-assigned code "
      "in common use, for Kosovo); empty when not recognised.",
      ISO_COUNTRY, 0, -1 },
    { "detainer_issued", "date", "The day the detainer was issued.", ANY, 0, -1 },
    { "detainer_declined", "date", "The day the detainer was declined.", ANY, 0, -1 },
    { "crime", "string",
      "The offense category as printed, without the words giving its status.",
      ANY, 0, -1 },
    { "crime_status", "string", "convicted, charged, or empty when not recorded.",
      CRIME_STATUS, 0, -1 },
    END_OF_FIELDS
};

static const field_spec top_fields[] = {
    REPORT_ID_OF_ROW,
    { "rank", "integer", "The rank printed in Section I; empty when none is printed.",
      ANY, 0, 0 },
    { "state", "string", "USPS two-letter code; empty when not recognised.",
      USPS_STATE, 0, -1 },
    { "county", "string", "As printed.", ANY, 0, -1 },
    { "detainers_issued", "integer", "Detainers the jurisdiction received.",
      ANY, 0, 0 },
    END_OF_FIELDS
};

static const field_spec policy_fields[] = {
    REPORT_ID_OF_ROW,
    { "state", "string", "USPS two-letter code; empty when not recognised.",
      USPS_STATE, 0, -1 },
    { "jurisdiction", "string", "As printed, wrapped lines joined.", ANY, 0, -1 },
    { "policy", "string", "The full text, wrapped lines joined with single spaces.",
      ANY, 0, -1 },
    END_OF_FIELDS
};

static const field_spec crime_summary_fields[] = {
    REPORT_ID_OF_ROW,
    { "crime", "string", "The offense category, as in declined_detainers.crime.",
      ANY, 1, -1 },
    { "convicted", "integer", "Rows of the category with crime_status convicted.",
      ANY, 1, 0 },
    { "charged", "integer", "Rows of the category with crime_status charged.",
      ANY, 1, 0 },
    { "total", "integer", "Rows of the category, whatever their status.",
      ANY, 1, 1 },
    END_OF_FIELDS
};

static const field_spec country_summary_fields[] = {
    REPORT_ID_OF_ROW,
    { "citizenship", "string", "As in declined_detainers.citizenship.", ANY, 1, -1 },
    { "country_code", "string",
      "The first country_code found for the citizenship; empty when none was.",
      ISO_COUNTRY, 0, -1 },
    { "declined", "integer", "Rows with that citizenship.", ANY, 1, 1 },
    END_OF_FIELDS
};

static const char *const key_report[] = { "report_id", NULL };
static const char *const key_row[] = { "report_id", "row", NULL };
static const char *const key_crime[] = { "report_id", "crime", NULL };
static const char *const key_citizenship[] = { "report_id", "citizenship", NULL };

static const dataset_spec datasets[] = {
    { "reports", "One row per input file.", reports_fields, key_report, 0 },
    { "declined_detainers", "Section II: one row per declined detainer, in the "
      "order of the report.", declined_fields, key_row, 1 },
    { "top_jurisdictions", "Section I: the jurisdictions that received the most "
      "detainers.", top_fields, NULL, 1 },
    { "policy_jurisdictions", "Section III: jurisdictions with a policy limiting "
      "cooperation.", policy_fields, NULL, 1 },
    { "crime_summary", "Counts over declined_detainers by crime, per report, "
      "largest total first.", crime_summary_fields, key_crime, 1 },
    { "country_summary", "Counts over declined_detainers by citizenship, per "
      "report, largest count first.", country_summary_fields, key_citizenship, 1 },
};

/* Codes the parser emits that ISO 3166-1 does not list
 * (parse/cells_countries.c). */
static const char *const user_assigned_countries[] = { "XK", NULL };

static const char *const crime_statuses[] = { "convicted", "charged", NULL };
static const char *const report_statuses[] = { "ok", "warning", "error", NULL };

/* CSV cells that a spreadsheet would take for a formula carry a guard;
 * the descriptor says so, since it is part of the value as written. */
#define FORMULA_GUARD \
    " Text values that begin with =, +, -, @, a tab or a carriage return are " \
    "written with an apostrophe (') before them so that no spreadsheet " \
    "evaluates them as a formula; remove it to get the value."

static void string(FILE *out, const char *s)
{
    json_string(json_put_file, out, s);
}

/* "name": "value" */
static void member(FILE *out, const char *name, const char *value)
{
    string(out, name);
    fputs(": ", out);
    string(out, value);
}

static void string_list(FILE *out, const char *const *list)
{
    fputs("[", out);
    for (size_t i = 0; list[i]; i++) {
        fputs(i ? ", " : "", out);
        string(out, list[i]);
    }
    fputs("]", out);
}

static void enum_of_vocabulary(FILE *out, enum vocabulary v)
{
    fputs("\"enum\": [", out);
    if (v == USPS_STATE) {
        for (size_t i = 0; i < iso3166_nus; i++) {
            fputs(i ? ", " : "", out);
            string(out, iso3166_us[i].code);
        }
    } else if (v == ISO_COUNTRY) {
        for (size_t i = 0; i < iso3166_ncountries; i++) {
            fputs(i ? ", " : "", out);
            string(out, iso3166_countries[i].alpha_2);
        }
        for (size_t i = 0; user_assigned_countries[i]; i++) {
            fputs(", ", out);
            string(out, user_assigned_countries[i]);
        }
    }
    fputs("]", out);
}

static void constraints(FILE *out, const field_spec *f)
{
    const char *sep = "";
    if (!f->required && f->minimum < 0 && f->vocabulary == ANY)
        return;
    fputs(", \"constraints\": {", out);
    if (f->required) {
        fputs("\"required\": true", out);
        sep = ", ";
    }
    if (f->minimum >= 0) {
        fprintf(out, "%s\"minimum\": %ld", sep, f->minimum);
        sep = ", ";
    }
    switch (f->vocabulary) {
    case ANY:
        break;
    case USPS_STATE:
    case ISO_COUNTRY:
        fputs(sep, out);
        enum_of_vocabulary(out, f->vocabulary);
        break;
    case CRIME_STATUS:
        fprintf(out, "%s\"enum\": ", sep);
        string_list(out, crime_statuses);
        break;
    case REPORT_STATUS:
        fprintf(out, "%s\"enum\": ", sep);
        string_list(out, report_statuses);
        break;
    case SHA256_HEX:
        /* Table Schema patterns are XML Schema expressions: anchored. */
        fprintf(out, "%s\"pattern\": \"[0-9a-f]{64}\"", sep);
        break;
    }
    fputs("}", out);
}

static void schema(FILE *out, const dataset_spec *d)
{
    fputs("      \"schema\": {\n        \"fields\": [\n", out);
    for (const field_spec *f = d->fields; f->name; f++) {
        fputs("          {", out);
        member(out, "name", f->name);
        fputs(", ", out);
        member(out, "type", f->type);
        fputs(", ", out);
        member(out, "description", f->description);
        constraints(out, f);
        fputs(f[1].name ? "},\n" : "}\n", out);
    }
    fputs("        ],\n        \"missingValues\": [\"\"]", out);
    if (d->primary_key) {
        fputs(",\n        \"primaryKey\": ", out);
        string_list(out, d->primary_key);
    }
    if (d->refers_to_reports)
        fputs(",\n        \"foreignKeys\": [{\"fields\": [\"report_id\"], "
              "\"reference\": {\"resource\": \"reports\", \"fields\": [\"report_id\"]}}]",
              out);
    fputs("\n      }\n", out);
}

/* How the files are written: CSV as the contract says (--excel: BOM and
 * CRLF), or JSON Lines. */
static void format(FILE *out, const emit_options *opt)
{
    if (opt->format == EMIT_JSONL) {
        fputs("      \"format\": \"jsonl\",\n"
              "      \"encoding\": \"utf-8\",\n", out);
        return;
    }
    /* "utf-8-sig" is the name under which Frictionless tools (Python's
     * codec) read UTF-8 that begins with a byte-order mark. */
    fprintf(out,
            "      \"format\": \"csv\",\n"
            "      \"mediatype\": \"text/csv\",\n"
            "      \"encoding\": \"%s\",\n"
            "      \"dialect\": {\"delimiter\": \",\", \"lineTerminator\": \"%s\", "
            "\"quoteChar\": \"\\\"\", \"doubleQuote\": true, "
            "\"skipInitialSpace\": false, \"header\": true},\n",
            opt->excel ? "utf-8-sig" : "utf-8", opt->excel ? "\\r\\n" : "\\n");
}

static void resource_description(FILE *out, const dataset_spec *d,
                                 const emit_options *opt)
{
    const char *how;
    if (opt->format == EMIT_JSONL)
        how = " One JSON object per line, keyed by column name; unknown values "
              "are null, numbers are JSON numbers, text is written as it is.";
    else if (opt->excel)
        how = " UTF-8 with a byte-order mark, CRLF line ends; an empty field "
              "means unknown." FORMULA_GUARD;
    else
        how = " An empty field means unknown." FORMULA_GUARD;
    char text[1024];
    snprintf(text, sizeof text, "%s%s", d->description, how);
    fputs("      ", out);
    member(out, "description", text);
    fputs(",\n", out);
}

static const dataset_spec *spec_of(const char *name)
{
    for (size_t i = 0; i < sizeof datasets / sizeof datasets[0]; i++)
        if (strcmp(datasets[i].name, name) == 0)
            return &datasets[i];
    return NULL;
}

int emit_datapackage(FILE *out, const emit_options *opt)
{
    static const emit_options defaults = { 0 };
    if (!opt)
        opt = &defaults;
    if (!out) {
        errno = EINVAL;
        return -1;
    }
    const char *ext = emit_format_extension(opt);
    fputs("{\n"
          "  \"profile\": \"tabular-data-package\",\n"
          "  \"name\": \"ddor-datasets\",\n"
          "  \"title\": \"ICE Declined Detainer Outcome Reports\",\n"
          "  \"description\": \"The tables of ICE's Declined Detainer Outcome "
          "Reports, converted by ddor2csv. Every row refers to its report in "
          "reports by report_id. Dates are ISO 8601 (YYYY-MM-DD).\",\n"
          "  \"resources\": [\n", out);
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        const dataset_spec *d = spec_of(emit_dataset_names[i]);
        if (!d) {
            /* A dataset nobody described: better no descriptor than a
             * wrong one. */
            errno = EINVAL;
            return -1;
        }
        fputs("    {\n      \"profile\": \"tabular-data-resource\",\n      ", out);
        member(out, "name", d->name);
        char path[64];
        snprintf(path, sizeof path, "%s.%s", d->name, ext);
        fputs(",\n      ", out);
        member(out, "path", path);
        fputs(",\n", out);
        format(out, opt);
        resource_description(out, d, opt);
        schema(out, d);
        fputs(emit_dataset_names[i + 1] ? "    },\n" : "    }\n", out);
    }
    fputs("  ]\n}\n", out);
    errno = 0;
    if (fflush(out) != 0 || ferror(out)) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return 0;
}
