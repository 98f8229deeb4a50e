/*
 * Converting all the inputs of a run: each one's result taken from the
 * cache when its bytes are unchanged, the others converted by the
 * workers, the user kept informed (notes in input order, the progress
 * line) while it happens.
 */
#ifndef DDOR_CLI_BATCH_H
#define DDOR_CLI_BATCH_H

#include <stddef.h>
#include "../emit/emit.h"
#include "cache.h"
#include "options.h"

/* Converts PATHS[0..N-1] into SOURCES[0..N-1].  CACHE may be NULL (no
 * cache); results are looked up in it unless OPT->force or
 * OPT->explain_dir, and every result a worker sent is stored in it.  With
 * OPT->explain_dir, each input's pages are drawn into its staging folder
 * there, for explain_publish.  Returns how many results were reused. */
size_t batch_convert(char *const *paths, size_t n, emit_source *sources,
                     const cli_options *opt, cache *cache);

#endif
