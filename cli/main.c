/*
 * ddor2csv: the PDF reports of ICE's Declined Detainer Outcome Report ->
 * CSV datasets.
 *
 * The command converts every input in the order given (a failed input is
 * reported and skipped, never fatal), then writes the datasets of all of
 * them together, either into a folder or, with -t, one of them to stdout.
 * Exit status: 0 all converted, 1 any input failed (or, with --strict, had
 * a warning) or the output could not be written, 2 bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "../parse/cells.h"
#include "convert.h"
#include "diag.h"
#include "options.h"
#include "summary.h"

/* Writes the datasets where the options say.  Returns 0, or -1 after
 * reporting why. */
static int write_datasets(const cli_options *opt, const emit_source *sources,
                          size_t n)
{
    emit_options eopt = { .excel = opt->excel };
    if (opt->table) {
        /* A closed pipe or a full disk shows up at the flush at the
         * latest; either way the output is incomplete. */
        if (emit_dataset(stdout, opt->table, sources, n, &eopt) != 0 ||
            fflush(stdout) != 0 || ferror(stdout)) {
            diag("standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    char *err = NULL;
    if (emit_all(opt->outdir, sources, n, &eopt, &err) != 0) {
        diag("%s: %s", opt->outdir, err ? err : "cannot write the datasets");
        free(err);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli_options opt;
    int status = options_parse(argc, argv, &opt);
    if (status != OPTIONS_RUN)
        return status;

    size_t n = (size_t)opt.ninputs;
    emit_source *sources = calloc(n, sizeof *sources);
    if (!sources)
        diag_out_of_memory();

    /* -j is validated but inputs are converted one after another, in the
     * order given, which is also the order of the rows. */
    int failed = 0, warned = 0;
    for (size_t i = 0; i < n; i++) {
        const char *st = convert_report(opt.inputs[i], &sources[i], opt.quiet);
        if (strcmp(st, "error") == 0)
            failed = 1;
        else if (strcmp(st, "ok") != 0)
            warned = 1;
    }

    emit_assign_ids(sources, n);
    int written = write_datasets(&opt, sources, n) == 0;
    if (written && !opt.quiet)
        summary_print(sources, n, opt.table ? NULL : opt.outdir);

    for (size_t i = 0; i < n; i++)
        emit_source_clear(&sources[i]);
    free(sources);
    cells_cleanup();

    if (!written || failed || (opt.strict && warned))
        return 1;
    return 0;
}
