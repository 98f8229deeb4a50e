/*
 * ddor2csv: the PDF reports of ICE's Declined Detainer Outcome Report ->
 * CSV datasets.
 *
 * The command expands its arguments into input files and converts them
 * (in worker processes; a failed input is reported and skipped, never
 * fatal).  With -t, one dataset of this run's inputs goes to standard
 * output; otherwise the reports are added to the archive in the output
 * folder (archive_run.h).  Exit status: 0 all converted, 1 any input failed
 * (or, with --strict, had a warning) or the output could not be written,
 * 2 bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../parse/cells.h"
#include "archive_run.h"
#include "batch.h"
#include "clock.h"
#include "diag.h"
#include "inputs.h"
#include "interrupt.h"
#include "options.h"
#include "summary.h"

/* -t: dataset OPT->table of this run's inputs, in input order, on
 * standard output.  Returns the exit status. */
static int run_to_stdout(const cli_options *opt, const input_list *inputs,
                         double start)
{
    size_t n = inputs->n;
    emit_source *sources = calloc(n, sizeof *sources);
    const char **expected = calloc(n, sizeof *expected);
    if (!sources || !expected)
        diag_out_of_memory();
    batch_convert(inputs->paths, expected, n, sources, opt, NULL);
    if (interrupt_signal()) {
        /* Stopped: nothing is written. */
        for (size_t i = 0; i < n; i++)
            emit_source_clear(&sources[i]);
        free(sources);
        free(expected);
        return 1;
    }

    int failed = inputs->failed, warned = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(sources[i].status, "error") == 0)
            failed = 1;
        else if (strcmp(sources[i].status, "ok") != 0)
            warned = 1;
    }
    emit_assign_ids(sources, n);
    emit_options eopt = { .excel = opt->excel,
                          .formats = opt->formats };
    /* A closed pipe or a full disk shows up at the flush at the latest;
     * either way the output is incomplete. */
    emit_format format = opt->formats == EMIT_FORMAT_BIT(EMIT_JSONL) ? EMIT_JSONL : EMIT_CSV;
    int written = emit_dataset(stdout, opt->table, format, sources, n, &eopt) == 0 &&
                  fflush(stdout) == 0 && !ferror(stdout);
    if (!written)
        diag("standard output: %s", strerror(errno));
    else if (!opt->quiet) {
        summary sum;
        summary_count(sources, n, 0, -1, 0, &sum);
        summary_print(&sum, NULL, 0, clock_seconds() - start);
    }

    for (size_t i = 0; i < n; i++)
        emit_source_clear(&sources[i]);
    free(sources);
    free(expected);
    return !written || failed || (opt->strict && warned) ? 1 : 0;
}

int main(int argc, char **argv)
{
    double start = clock_seconds();
    interrupt_install();
    cli_options opt;
    int status = options_parse(argc, argv, &opt);
    if (status != OPTIONS_RUN) {
        options_free(&opt);
        return status;
    }

    input_list inputs = { 0 };
    inputs_expand(opt.inputs, (size_t)opt.ninputs, &inputs);
    if (inputs.n == 0 && (opt.ninputs > 0 || !opt.nremovals)) {
        if (!inputs.failed)
            diag("no input files");
        inputs_free(&inputs);
        options_free(&opt);
        return 1;
    }
    status = opt.table ? run_to_stdout(&opt, &inputs, start)
                       : archive_run(&opt, &inputs, start);
    inputs_free(&inputs);
    options_free(&opt);
    cells_cleanup();
    /* A signal that came once nothing could stop any more (the datasets
     * being put in place) still ends the program by it, so that whoever
     * sent it sees it was obeyed. */
    int sig = interrupt_signal();
    if (sig)
        interrupt_exit(sig);
    return status;
}
