/*
 * A run into an output folder: this run's reports added to the archive
 * there (archive/archive.h), reports taken out with --remove, the folder
 * started over with --fresh, and every dataset written anew from all the
 * reports it then holds.
 */
#ifndef DDOR_CLI_ARCHIVE_RUN_H
#define DDOR_CLI_ARCHIVE_RUN_H

#include "inputs.h"
#include "options.h"

/* Runs OPT over INPUTS into OPT->outdir; START is when the run began (for
 * the summary).  Returns the exit status. */
int archive_run(const cli_options *opt, const input_list *inputs, double start);

#endif
