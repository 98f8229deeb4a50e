/* The output files of a folder: every dataset, then its description. */
#include <stdlib.h>
#include <string.h>
#include "output_files.h"

#define DATAPACKAGE "datapackage.json"

static int write_datapackage(FILE *out, const char *dataset,
                             const emit_source *sources, size_t n,
                             const emit_options *opt)
{
    (void)dataset;
    (void)sources;
    (void)n;
    return emit_datapackage(out, opt);
}

output_file *output_files_list(const emit_options *opt, size_t *count)
{
    size_t ndatasets = 0;
    while (emit_dataset_names[ndatasets])
        ndatasets++;
    output_file *files = calloc(ndatasets + 1, sizeof *files);
    if (!files)
        return NULL;
    for (size_t i = 0; i < ndatasets; i++) {
        snprintf(files[i].name, sizeof files[i].name, "%s.%s",
                 emit_dataset_names[i], emit_format_extension(opt));
        files[i].dataset = emit_dataset_names[i];
        files[i].write = emit_dataset;
    }
    snprintf(files[ndatasets].name, sizeof files[ndatasets].name, "%s", DATAPACKAGE);
    files[ndatasets].write = write_datapackage;
    *count = ndatasets + 1;
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

int output_files_is_ours(const char *name)
{
    size_t len = strlen(name);
    return dataset_file(name, len, "csv") || dataset_file(name, len, "jsonl") ||
           (len == strlen(DATAPACKAGE) && strncmp(name, DATAPACKAGE, len) == 0);
}
