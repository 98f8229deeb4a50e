/* The output files of a folder: every dataset, then its description. */
#include <stdlib.h>
#include <string.h>
#include "output_files.h"

#define DATAPACKAGE "datapackage.json"

static int write_dataset(FILE *out, const output_file *file,
                         const emit_source *sources, size_t n,
                         const emit_options *opt, char **why)
{
    *why = NULL;
    return emit_dataset(out, file->dataset, file->format, sources, n, opt);
}

static int write_workbook(FILE *out, const output_file *file,
                          const emit_source *sources, size_t n,
                          const emit_options *opt, char **why)
{
    (void)file;
    return emit_workbook(out, sources, n, opt, why);
}

static int write_database(FILE *out, const output_file *file,
                          const emit_source *sources, size_t n,
                          const emit_options *opt, char **why)
{
    (void)file;
    return emit_database(out, sources, n, opt, why);
}

static int write_datapackage(FILE *out, const output_file *file,
                             const emit_source *sources, size_t n,
                             const emit_options *opt, char **why)
{
    (void)sources;
    (void)n;
    *why = NULL;
    return emit_datapackage(out, file->format, opt);
}

static output_file *add(output_file *files, size_t *count, const char *name,
                        const char *dataset, emit_format format, output_writer write)
{
    output_file *f = &files[(*count)++];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->dataset = dataset;
    f->format = format;
    f->write = write;
    return f;
}

output_file *output_files_list(const emit_options *opt, size_t *count)
{
    unsigned formats = emit_formats(opt);
    size_t ndatasets = 0;
    while (emit_dataset_names[ndatasets])
        ndatasets++;
    /* At most: the datasets in both streams, two single files and the
     * description. */
    output_file *files = calloc(2 * ndatasets + 3, sizeof *files);
    if (!files)
        return NULL;
    *count = 0;
    int described = -1;       /* the stream format datapackage.json describes */
    for (int f = EMIT_CSV; f <= EMIT_JSONL; f++) {
        if (!(formats & EMIT_FORMAT_BIT(f)))
            continue;
        for (size_t i = 0; i < ndatasets; i++) {
            char name[64];
            snprintf(name, sizeof name, "%s.%s", emit_dataset_names[i],
                     emit_format_name((emit_format)f));
            add(files, count, name, emit_dataset_names[i], (emit_format)f,
                write_dataset);
        }
        if (described < 0)
            described = f;
    }
    if (formats & EMIT_FORMAT_BIT(EMIT_XLSX))
        add(files, count, OUTPUT_WORKBOOK, NULL, EMIT_XLSX, write_workbook);
    if (formats & EMIT_FORMAT_BIT(EMIT_SQLITE))
        add(files, count, OUTPUT_DATABASE, NULL, EMIT_SQLITE, write_database);
    /* The contract's descriptor is of the CSVs; of the JSON Lines when
     * they are the only stream written. */
    if (described >= 0)
        add(files, count, DATAPACKAGE, NULL, (emit_format)described,
            write_datapackage);
    return files;
}

/* Does NAME end with .EXT, with STEM before it a dataset's name? */
static int dataset_file(const char *name, size_t len, const char *ext)
{
    size_t elen = strlen(ext);
    char stem[64];
    if (len <= elen + 1 || len - elen - 1 >= sizeof stem ||
        name[len - elen - 1] != '.' || strncmp(name + len - elen, ext, elen) != 0)
        return 0;
    memcpy(stem, name, len - elen - 1);
    stem[len - elen - 1] = '\0';
    return emit_is_dataset(stem);
}

int output_files_format_of(const char *name)
{
    size_t len = strlen(name);
    if (dataset_file(name, len, "csv"))
        return EMIT_CSV;
    if (dataset_file(name, len, "jsonl"))
        return EMIT_JSONL;
    if (strcmp(name, OUTPUT_WORKBOOK) == 0)
        return EMIT_XLSX;
    if (strcmp(name, OUTPUT_DATABASE) == 0)
        return EMIT_SQLITE;
    return -1;
}

int output_files_is_ours(const char *name)
{
    size_t len = strlen(name);
    return dataset_file(name, len, "csv") || dataset_file(name, len, "jsonl") ||
           strcmp(name, OUTPUT_WORKBOOK) == 0 || strcmp(name, OUTPUT_DATABASE) == 0 ||
           strcmp(name, DATAPACKAGE) == 0;
}
