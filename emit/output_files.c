/* The output files of a folder: every dataset, then its description. */
#include <stdlib.h>
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
