/*
 * ddor2csv: the PDF reports of ICE's Declined Detainer Outcome Report ->
 * CSV datasets.
 *
 * The command expands its arguments into input files, converts them (in
 * worker processes, reusing the results of unchanged inputs kept in the
 * output folder; a failed input is reported and skipped, never fatal),
 * then writes the datasets of all of them together, either into a folder
 * or, with -t, one of them to stdout.  Exit status: 0 all converted, 1 any
 * input failed (or, with --strict, had a warning) or the output could not
 * be written, 2 bad usage; ended by SIGINT, SIGTERM or SIGHUP while
 * converting, the program writes no dataset and ends by that signal.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../explain/explain.h"
#include "../parse/cells.h"
#include "batch.h"
#include "cache.h"
#include "clock.h"
#include "diag.h"
#include "fault.h"
#include "inputs.h"
#include "interrupt.h"
#include "options.h"
#include "summary.h"

/* Writes the datasets where the options say.  Returns 0, or -1 after
 * reporting why. */
static int write_datasets(const cli_options *opt, const emit_source *sources,
                          size_t n)
{
    emit_options eopt = { .excel = opt->excel,
                          .format = opt->jsonl ? EMIT_JSONL : EMIT_CSV,
                          .own_folder = CACHE_FOLDER,
                          .step = fault_commit_step };
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

/* The output folders are made ready before any input is converted: a run
 * over hundreds of reports should not find out at the end that it cannot
 * write its results. */
static int prepare_folder(const char *dir, const emit_options *eopt)
{
    char *err = NULL;
    if (emit_prepare_folder(dir, eopt, &err) == 0)
        return 0;
    diag("%s: %s", dir, err ? err : "cannot create output folder");
    free(err);
    return -1;
}

static int prepare_output(const cli_options *opt)
{
    emit_options datasets = { .own_folder = CACHE_FOLDER };
    if (!opt->table && prepare_folder(opt->outdir, &datasets) != 0)
        return -1;
    if (opt->explain_dir) {
        if (prepare_folder(opt->explain_dir, NULL) != 0)
            return -1;
        explain_clean_stale(opt->explain_dir);
    }
    return 0;
}

static void explain_problem_note(const char *source_file, const char *reason)
{
    char *why = diag_printable(reason);
    diag("%s: pages not drawn: %s", source_file, why);
    free(why);
}

/* Moves the pages the workers drew (pid: the parent's, which named their
 * staging folders) to their reports' folders and writes the index.
 * Returns 0, or -1 after reporting why. */
static int publish_pages(const cli_options *opt, const emit_source *sources,
                         size_t n)
{
    char *err = NULL;
    if (explain_publish(opt->explain_dir, (long)getpid(), sources, n,
                        explain_problem_note, &err) == 0)
        return 0;
    if (err)
        diag("%s", err);
    free(err);
    return -1;
}

/* Frees what a run holds once its datasets are written, or abandoned. */
static void free_run(emit_source *sources, size_t n, cache *results,
                     input_list *inputs)
{
    for (size_t i = 0; i < n; i++)
        emit_source_clear(&sources[i]);
    free(sources);
    cache_close(results);
    inputs_free(inputs);
    cells_cleanup();
}

int main(int argc, char **argv)
{
    double start = clock_seconds();
    interrupt_install();
    cli_options opt;
    int status = options_parse(argc, argv, &opt);
    if (status != OPTIONS_RUN)
        return status;

    input_list inputs = { 0 };
    inputs_expand(opt.inputs, (size_t)opt.ninputs, &inputs);
    if (inputs.n == 0) {
        if (!inputs.failed)
            diag("no input files");
        inputs_free(&inputs);
        return 1;
    }
    if (prepare_output(&opt) != 0) {
        inputs_free(&inputs);
        return 1;
    }

    size_t n = inputs.n;
    emit_source *sources = calloc(n, sizeof *sources);
    if (!sources)
        diag_out_of_memory();
    /* Results are kept beside the datasets; a dataset on stdout has no
     * folder to keep them in. */
    cache *results = opt.table ? NULL : cache_open(opt.outdir);
    size_t reused = batch_convert(inputs.paths, n, sources, &opt, results);
    int sig = interrupt_signal();
    if (sig) {
        /* Interrupted: the workers are stopped and no dataset is
         * written.  What the run staged is to be removed here, before
         * the program ends by the signal. */
        free_run(sources, n, results, &inputs);
        interrupt_exit(sig);
    }

    int failed = inputs.failed, warned = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(sources[i].status, "error") == 0)
            failed = 1;
        else if (strcmp(sources[i].status, "ok") != 0)
            warned = 1;
    }

    emit_assign_ids(sources, n);
    int written = write_datasets(&opt, sources, n) == 0;
    int drawn = !opt.explain_dir || publish_pages(&opt, sources, n) == 0;
    if (written && results)
        cache_prune(results);
    if (written && !opt.quiet)
        summary_print(sources, n, reused, opt.table ? NULL : opt.outdir,
                      clock_seconds() - start);

    free_run(sources, n, results, &inputs);

    /* A signal after the conversions let the datasets be written whole
     * (each is put in place at once, old or new); it still ends the
     * program, so that whoever sent it sees it was obeyed. */
    if ((sig = interrupt_signal()) != 0)
        interrupt_exit(sig);
    if (!written || !drawn || failed || (opt.strict && warned))
        return 1;
    return 0;
}
