/*
 * Converting all the inputs of a run: each one's result taken from the
 * archive when its bytes are unchanged, the others converted by the
 * workers, the user kept informed (notes in input order, the progress
 * line) while it happens.
 */
#ifndef DDOR_CLI_BATCH_H
#define DDOR_CLI_BATCH_H

#include <stddef.h>
#include "../archive/archive.h"
#include "../emit/emit.h"
#include "options.h"

/* Converts PATHS[0..N-1] into SOURCES[0..N-1]: this run's inputs, or the
 * copies an archive kept.  EXPECTED[i], when not NULL, is the digest
 * input I must have: a kept copy, whose notes are not shown (the report
 * was shown when it was added), nor its pages drawn.  ARCHIVE
 * may be NULL (no archive); results are looked up in it unless
 * OPT->force (or OPT->explain_dir, for the inputs: drawing needs the
 * pages), and every converted report a worker sent is kept in it.  With
 * OPT->explain_dir, each input's pages are drawn into its staging folder
 * there, for explain_publish.  Returns how many inputs' results were
 * reused (the archive's own copies not counted). */
size_t batch_convert(char *const *paths, const char *const *expected, size_t n,
                     emit_source *sources, const cli_options *opt,
                     archive *archive);

#endif
