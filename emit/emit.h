/*
 * emit: records -> the CSV datasets of the contract (libcsv).
 *
 * The caller converts each input into an emit_source (a parsed report, or
 * the reason it failed) and hands the whole list over; emit assigns the
 * report ids, computes the summaries from the records and writes every
 * dataset, and the datapackage.json that describes them, each to a
 * temporary file renamed into place, so that a failure never leaves a
 * half-written dataset behind.
 */
#ifndef DDOR_EMIT_H
#define DDOR_EMIT_H

#include <stdio.h>
#include <stddef.h>
#include "../parse/parse.h"

typedef struct {
    const char *source_file;  /* as given on the command line: bytes, which
                                 the datasets write as UTF-8 (U+FFFD for
                                 a byte that is not) */
    char sha256[65];          /* "" when the file could not be read */
    int pages;                /* 0 when unknown */
    const char *status;       /* "ok", "warning" or "error" */
    char *message;            /* malloc'd; "" or NULL when nothing to say */
    int over_limit;           /* refused by a resource bound (--max-pages,
                                 ...): a verdict on the options as much as
                                 on the file, so never kept for a later run */
    ddor_report *report;      /* NULL when status is "error" */
    char *report_id;          /* malloc'd; set by emit_assign_ids, or
                                 before it to keep an earlier run's id */
} emit_source;

/* How the datasets are written. */
typedef enum {
    EMIT_CSV = 0,             /* <dataset>.csv, the contract's CSV */
    EMIT_JSONL                /* <dataset>.jsonl, one JSON object a row */
} emit_format;

typedef struct {
    int excel;                /* BOM + CRLF line ends (CSV only) */
    emit_format format;
    /* A subfolder of the output folder that belongs to the caller and is
     * kept, with its files, when the datasets are replaced; or NULL. */
    const char *own_folder;
    /* Called between the steps of putting the datasets in place (for
     * tests that interrupt it); or NULL. */
    void (*step)(const char *what);
} emit_options;

/* "csv" or "jsonl": the extension of the dataset files (OPT may be NULL). */
const char *emit_format_extension(const emit_options *opt);

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

/* Writes dataset NAME to OUT, in the format of OPT (NULL: CSV).  Returns
 * 0, or -1 with errno set. */
int emit_dataset(FILE *out, const char *name, const emit_source *sources,
                 size_t n, const emit_options *opt);

/* Creates DIR (one level) unless it exists, checks that it is a folder
 * the datasets can be written into, and removes what a killed run left
 * beside or inside it.  Returns 0, or -1 and sets
 * *err to a malloc'd one-line reason. */
int emit_prepare_folder(const char *dir, const emit_options *opt, char **err);

/* Writes datapackage.json, the Frictionless Data Package that describes
 * the datasets of a folder written with OPT (NULL: CSV), to OUT.  Returns
 * 0, or -1 with errno set. */
int emit_datapackage(FILE *out, const emit_options *opt);

/* Writes every dataset as DIR/<name>.csv (.jsonl), and DIR/datapackage.json,
 * all replaced at once (a kill leaves either the previous files or the new
 * ones, never a mix; see emit/folder_swap.h for when the system only allows
 * one by one).  Returns 0, or -1 and sets *err to a malloc'd one-line
 * reason. */
int emit_all(const char *dir, const emit_source *sources, size_t n,
             const emit_options *opt, char **err);

void emit_source_clear(emit_source *s);

#endif
