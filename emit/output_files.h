/*
 * The files of an output folder, in order: each a name in the folder and
 * the function that writes it.  The archive (archive_land) writes them all
 * and puts them in place together, knowing nothing of what they hold.
 */
#ifndef DDOR_EMIT_OUTPUT_FILES_H
#define DDOR_EMIT_OUTPUT_FILES_H

#include <stdio.h>
#include "emit.h"

typedef struct output_file output_file;

/* Writes FILE's content to OUT, a new empty regular file.  Returns 0, or
 * -1 with errno set and, when errno alone would not say why, *WHY set to a
 * malloc'd reason. */
typedef int (*output_writer)(FILE *out, const output_file *file,
                             const emit_source *sources, size_t n,
                             const emit_options *opt, char **why);

struct output_file {
    char name[64];            /* in the output folder: "reports.csv" */
    const char *dataset;      /* the dataset it holds; NULL if not one */
    emit_format format;
    output_writer write;
};

/* The output files for OPT: every dataset in each stream format (CSV,
 * then JSON Lines), the workbook, the database, then datapackage.json
 * when a stream format is among them, as a malloc'd array of *COUNT files;
 * NULL when out of memory. */
output_file *output_files_list(const emit_options *opt, size_t *count);

/* Is NAME one of the output files, in any format?  (What a killed run
 * left in its staging folder under such a name may go.) */
int output_files_is_ours(const char *name);

/* The format of output file NAME; -1 when NAME is none of them, or
 * datapackage.json (which goes with the stream formats). */
int output_files_format_of(const char *name);

/* The names of the workbook and of the database in the folder. */
#define OUTPUT_WORKBOOK "ddor.xlsx"
#define OUTPUT_DATABASE "ddor.sqlite"

#endif
