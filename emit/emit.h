/*
 * emit: records -> the datasets of the contract, in every format.
 *
 * The caller converts each input into an emit_source (a parsed report, or
 * the reason it failed) and hands the whole list over; emit orders the
 * reports, assigns their ids, computes the summaries from the records and
 * writes each dataset, and the datapackage.json that describes them, to a
 * stream.  Putting files in place is the archive's (archive/archive.h).
 */
#ifndef DDOR_EMIT_H
#define DDOR_EMIT_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "../parse/parse.h"

/* Which file, in which state, a source's bytes were read from: what
 * fstat said of it when it was opened, which it still said once they were
 * all read.  With the digest of those bytes, it lets a later run know a
 * file unchanged without reading it (the rule of make and git's index:
 * same device, inode, size, modification and status-change times). */
typedef struct {
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
} emit_file_state;

/* The state of the file that fstat or stat described as ST; and whether
 * two states are the same. */
struct stat;
emit_file_state emit_file_state_of(const struct stat *st);
int emit_file_state_same(const emit_file_state *a, const emit_file_state *b);

typedef struct {
    const char *source_file;  /* as given on the command line: bytes, which
                                 the datasets write as UTF-8 (U+FFFD for
                                 a byte that is not) */
    char sha256[65];          /* "" when the file could not be read */
    emit_file_state file;     /* the file sha256 is the digest of; all 0
                                 when sha256 is "" */
    int pages;                /* 0 when unknown */
    const char *status;       /* "ok", "warning" or "error" */
    char *message;            /* malloc'd; "" or NULL when nothing to say */
    int reused;               /* taken from what an earlier run kept, not
                                 parsed now */
    int over_limit;           /* refused by a resource bound (--max-pages,
                                 ...): a verdict on the options as much as
                                 on the file, so never kept for a later run */
    ddor_report *report;      /* NULL when status is "error" */
    char *report_id;          /* malloc'd; set by emit_assign_ids, or
                                 before it to keep an earlier run's id */
    char pdf_date[32];        /* the PDF's own modification date, else its
                                 creation date (ISO 8601), or "" */
    unsigned long added;      /* its order in the archive; 0: not in one */
    const char *superseded_by;/* the report_id of a later edition of the
                                 same period, or NULL (emit_supersede) */
} emit_source;

/* The formats of an output folder.  CSV and JSON Lines are text streams,
 * a file per dataset (and what -t writes); the workbook and the database
 * hold every dataset in one file. */
typedef enum {
    EMIT_CSV = 0,             /* <dataset>.csv, the contract's CSV */
    EMIT_JSONL,               /* <dataset>.jsonl, one JSON object a row */
    EMIT_XLSX,                /* ddor.xlsx, a typed sheet per dataset */
    EMIT_SQLITE,              /* ddor.sqlite, a STRICT table per dataset */
    EMIT_NFORMATS
} emit_format;

#define EMIT_FORMAT_BIT(f) (1u << (f))

typedef struct {
    int excel;                /* BOM + CRLF line ends (CSV only) */
    unsigned formats;         /* EMIT_FORMAT_BITs of the folder's formats;
                                 0 is CSV alone */
} emit_options;

/* "csv", "jsonl", "xlsx" or "sqlite"; NULL for no format. */
const char *emit_format_name(emit_format format);

/* The format called NAME; -1 when there is none. */
int emit_format_named(const char *name);

/* Is FORMAT a text stream, one file per dataset (CSV, JSON Lines)? */
int emit_format_is_stream(emit_format format);

/* The formats of OPT (NULL: CSV), never 0. */
unsigned emit_formats(const emit_options *opt);

/* The dataset names, in the order they are written; NULL-terminated. */
extern const char *const emit_dataset_names[];

int emit_is_dataset(const char *name);

/* The longest report id, in bytes. */
#define EMIT_REPORT_ID_MAX 100

/* Whether ID can name a folder of its own (DIR/<report_id>/) and nothing
 * else: one path component, that is not empty, at most EMIT_REPORT_ID_MAX
 * bytes of well-formed UTF-8, without '/' or control characters (C0, DEL,
 * C1), not starting with '.' (so neither hidden, nor "." or ".."), and not
 * "index.html" in any case.  Every id emit_assign_ids hands out is. */
int emit_report_id_is_safe(const char *id);

/* Sets the report_id of every source of the run, unique within it, in
 * O(n) time (a hash table; no id is compared with every other).
 *
 * A source whose report_id is already set keeps it (an earlier run of the
 * same archive handed it out, and ids must not change from run to run),
 * unless it is not emit_report_id_is_safe or an earlier source keeps the
 * same id: then it is freed and the source treated as the others.  Kept
 * ids are reserved before any other is handed out.
 *
 * Every other source gets its natural id: the start of its period, else
 * the last non-empty component of its file name without ".pdf", made safe
 * as emit/id_name.h says (a file name is bytes: what is not UTF-8 becomes
 * U+FFFD; control characters become '_'; a leading '.' gets a '_' before
 * it; the id is cut to EMIT_REPORT_ID_MAX bytes between characters;
 * "index.html" becomes "index.html_").  When that id is taken, by a kept
 * id or by an earlier source, the source gets natural-id + "-k" with the
 * smallest k >= 2 for which that is neither taken nor the natural id of
 * any source (a file named "2017-01-28-2.pdf" without a period keeps its
 * name), the natural id cut short enough for the whole to fit in
 * EMIT_REPORT_ID_MAX bytes.  Without kept ids: the first source of a
 * natural id gets it, the later ones "-2", "-3", ... in input order. */
void emit_assign_ids(emit_source *sources, size_t n);

/* Orders SOURCES by period start, then by the order added. */
void emit_order_sources(emit_source *sources, size_t n);

/* Sets superseded_by of every edition of a period but the current one
 * (SOURCES ordered by emit_order_sources, report ids assigned): the
 * latest by the PDFs' own dates when every edition has one, else the one
 * added last. */
void emit_supersede(emit_source *sources, size_t n);

/* Writes dataset NAME to OUT as FORMAT, which must be a stream (CSV or
 * JSON Lines).  Returns 0, or -1 with errno set. */
int emit_dataset(FILE *out, const char *name, emit_format format,
                 const emit_source *sources, size_t n, const emit_options *opt);

/* Writes datapackage.json, the Frictionless Data Package that describes
 * the datasets of a folder as written in the stream FORMAT, to OUT.
 * Returns 0, or -1 with errno set. */
int emit_datapackage(FILE *out, emit_format format, const emit_options *opt);

/* Writes the workbook (emit/workbook.c) or the database (emit/database.c)
 * of every dataset to OUT, a regular file opened for writing and empty.
 * Returns 0, or -1 with errno set; *WHY, when not NULL, is then set to a
 * malloc'd reason when errno alone would not say it (a value too long
 * for a cell, say), else NULL. */
int emit_workbook(FILE *out, const emit_source *sources, size_t n,
                  const emit_options *opt, char **why);
int emit_database(FILE *out, const emit_source *sources, size_t n,
                  const emit_options *opt, char **why);

/* Was the source converted (status ok or warning, with a report)? */
int emit_source_converted(const emit_source *s);

void emit_source_clear(emit_source *s);

#endif
