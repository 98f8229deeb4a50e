/*
 * The files of an output folder, in order: each a name in the folder and
 * the function that writes it.  The archive (archive_land) writes them all
 * and puts them in place together, knowing nothing of what they hold.
 */
#ifndef DDOR_EMIT_OUTPUT_FILES_H
#define DDOR_EMIT_OUTPUT_FILES_H

#include <stdio.h>
#include "emit.h"

/* Writes the file's content to OUT.  Returns 0, or -1 with errno set. */
typedef int (*output_writer)(FILE *out, const char *dataset,
                             const emit_source *sources, size_t n,
                             const emit_options *opt);

typedef struct {
    char name[64];            /* in the output folder: "reports.csv" */
    const char *dataset;      /* what WRITE is asked for; NULL if not one */
    output_writer write;
} output_file;

/* The output files for OPT: every dataset, then datapackage.json, as a
 * malloc'd array of *COUNT files; NULL when out of memory. */
output_file *output_files_list(const emit_options *opt, size_t *count);

/* Is NAME one of the output files, in any format?  (What a killed run
 * left in its staging folder under such a name may go.) */
int output_files_is_ours(const char *name);

#endif
