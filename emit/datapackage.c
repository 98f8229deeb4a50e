/*
 * datapackage.json: the datasets of an output folder described for
 * programs, as a Frictionless Data Package (v1) of Tabular Data Resources
 * with a Table Schema each: file, format, encoding and CSV dialect; every
 * column's type, meaning and vocabulary; the keys that identify rows and
 * the references to reports.
 *
 * The schema is emit/schema.c's: the datasets' columns declared once.
 */
#include <errno.h>
#include <string.h>
#include "../parse/iso3166.h"
#include "emit.h"
#include "schema.h"
#include "json_text.h"

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

static void enum_of_vocabulary(FILE *out, schema_vocabulary v)
{
    fputs("\"enum\": [", out);
    if (v == SCHEMA_USPS_STATE) {
        for (size_t i = 0; i < iso3166_nus; i++) {
            fputs(i ? ", " : "", out);
            string(out, iso3166_us[i].code);
        }
    } else if (v == SCHEMA_ISO_COUNTRY) {
        for (size_t i = 0; i < iso3166_ncountries; i++) {
            fputs(i ? ", " : "", out);
            string(out, iso3166_countries[i].alpha_2);
        }
        for (size_t i = 0; schema_user_assigned_countries[i]; i++) {
            fputs(", ", out);
            string(out, schema_user_assigned_countries[i]);
        }
    }
    fputs("]", out);
}

static void constraints(FILE *out, const schema_column *f)
{
    const char *sep = "";
    if (!f->required && f->minimum < 0 && f->vocabulary == SCHEMA_ANY)
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
    case SCHEMA_ANY:
        break;
    case SCHEMA_USPS_STATE:
    case SCHEMA_ISO_COUNTRY:
        fputs(sep, out);
        enum_of_vocabulary(out, f->vocabulary);
        break;
    case SCHEMA_CRIME_STATUS:
        fprintf(out, "%s\"enum\": ", sep);
        string_list(out, schema_crime_statuses);
        break;
    case SCHEMA_REPORT_STATUS:
        fprintf(out, "%s\"enum\": ", sep);
        string_list(out, schema_report_statuses);
        break;
    case SCHEMA_SHA256_HEX:
        /* Table Schema patterns are XML Schema expressions: anchored. */
        fprintf(out, "%s\"pattern\": \"[0-9a-f]{64}\"", sep);
        break;
    }
    fputs("}", out);
}

/* The Table Schema type of a column: codes are strings to it. */
static const char *table_schema_type(schema_type type)
{
    switch (type) {
    case SCHEMA_INTEGER:
        return "integer";
    case SCHEMA_DATE:
        return "date";
    case SCHEMA_TEXT:
    case SCHEMA_CODE:
        break;
    }
    return "string";
}

static void schema(FILE *out, const schema_dataset *d)
{
    fputs("      \"schema\": {\n        \"fields\": [\n", out);
    for (size_t i = 0; i < d->ncolumns; i++) {
        const schema_column *f = &d->columns[i];
        fputs("          {", out);
        member(out, "name", f->name);
        fputs(", ", out);
        member(out, "type", table_schema_type(f->type));
        fputs(", ", out);
        member(out, "description", f->description);
        constraints(out, f);
        fputs(i + 1 < d->ncolumns ? "},\n" : "}\n", out);
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
static void dialect(FILE *out, emit_format format, const emit_options *opt)
{
    if (format == EMIT_JSONL) {
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

static void resource_description(FILE *out, const schema_dataset *d,
                                 emit_format format, const emit_options *opt)
{
    const char *how;
    if (format == EMIT_JSONL)
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

int emit_datapackage(FILE *out, emit_format format, const emit_options *opt)
{
    static const emit_options defaults = { 0 };
    if (!opt)
        opt = &defaults;
    if (!out || !emit_format_is_stream(format)) {
        errno = EINVAL;
        return -1;
    }
    const char *ext = emit_format_name(format);
    fputs("{\n"
          "  \"profile\": \"tabular-data-package\",\n"
          "  \"name\": \"ddor-datasets\",\n"
          "  \"title\": \"ICE Declined Detainer Outcome Reports\",\n"
          "  \"description\": \"The tables of ICE's Declined Detainer Outcome "
          "Reports, converted by ddor2csv. Every row refers to its report in "
          "reports by report_id. Dates are ISO 8601 (YYYY-MM-DD).\",\n"
          "  \"resources\": [\n", out);
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        const schema_dataset *d = schema_dataset_named(emit_dataset_names[i]);
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
        dialect(out, format, opt);
        resource_description(out, d, format, opt);
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
