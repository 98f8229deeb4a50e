/*
 * Converting inputs in child processes, several at once.
 *
 * Each input is converted by a child process of its own, forked for it,
 * which sends its result back through a pipe (result_codec.h) and exits.
 * Whatever happens inside Poppler on a hostile PDF, a crash, an abort, an
 * endless loop or a runaway allocation, ends that child only: its input
 * gets status "error" with the reason ("crashed (signal 11)", "timed out
 * after 60 s", "out of memory") and the run goes on.  Results are stored
 * by input index, so the datasets do not depend on the number of workers
 * or on which child finished first.
 */
#ifndef DDOR_CLI_WORKERS_H
#define DDOR_CLI_WORKERS_H

#include <stddef.h>
#include "../archive/archive.h"
#include "../emit/emit.h"
#include "../convert/convert.h"

typedef struct {
    long jobs;                /* children at once, >= 1 */
    double timeout;           /* seconds one input may take; 0: no limit */
    long max_memory_mb;       /* address space of a child; 0: no limit */
    convert_limits convert;   /* what a child refuses to convert */
    const char *explain_dir;  /* a child also draws its input's pages into
                                 its staging folder there (explain.h);
                                 NULL: no drawing */
    archive *archive;         /* a child keeps a copy of each report it
                                 converts there; NULL: none */
    int reuse;                /* a child whose input's bytes have a result
                                 kept in ARCHIVE sends that instead */
} worker_limits;

/* What the parent learns as each input finishes, in completion order.
 * ENCODED/LEN are the result's bytes as the child sent them, or NULL when
 * the child died without a result (the result then says why). */
typedef struct {
    /* Called just before input INDEX would get a worker; returns nonzero
     * when the caller has its result already (the cache), so that none is
     * started.  Asked one input at a time while workers run, so what it
     * costs overlaps their work.  May be NULL. */
    int (*admit)(void *ctx, size_t index);
    void (*done)(void *ctx, size_t index, const unsigned char *encoded,
                 size_t len);
    void (*tick)(void *ctx);  /* now and then while waiting (may be NULL) */
    void *ctx;
} worker_events;

/* Converts the inputs PATHS[0..N-1] into RESULTS[0..N-1] (whose
 * source_file is set to the path), in order, except those the caller's
 * admit takes.  Returns 0 when all are done, or the signal noted by
 * interrupt.h when one interrupted the run: the inputs not done then
 * have no result (RESULTS[i] as the caller left it, and done was not
 * called).  Either way every child it started has been waited for. */
int workers_run(char *const *paths, size_t n,
                emit_source *results, const worker_limits *limits,
                const worker_events *events);

#endif
