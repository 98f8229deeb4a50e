/*
 * A run's conversions; see batch.h.
 *
 * Notes about an input (its failure, its unparsed lines, its warning) are
 * printed as soon as it and every input before it are done, so standard
 * error reads in input order whatever the number of workers, the same on
 * every run.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../extract/extract.h"
#include "batch.h"
#include "diag.h"
#include "file_digest.h"
#include "notes.h"
#include "progress.h"
#include "workers.h"

typedef struct {
    char *const *paths;
    emit_source *sources;
    size_t n;
    char (*digest)[65];       /* the parent's SHA-256 of each input, or "" */
    unsigned char *finished;
    size_t next_note;         /* inputs before it have had their notes */
    const cli_options *opt;
    cache *cache;
    char *cache_error;        /* the first failure to store, reported once */
    progress *progress;
    size_t reused;            /* results taken from the cache */
    size_t workers;           /* inputs that needed a worker so far */
} batch;

/* A result lacks its digest when the input could not be opened as a PDF;
 * the parent's own digest still identifies the bytes in reports.csv. */
static void fill_digest(batch *b, size_t i)
{
    if (!b->sources[i].sha256[0])
        memcpy(b->sources[i].sha256, b->digest[i], 65);
}

static void print_notes(batch *b)
{
    if (b->next_note >= b->n || !b->finished[b->next_note])
        return;
    progress_clear(b->progress);
    while (b->next_note < b->n && b->finished[b->next_note])
        notes_print(&b->sources[b->next_note++], b->opt->quiet);
}

/* Poppler's global tables are set up in the parent, once, for the
 * workers to inherit, as soon as a second worker is needed: a single
 * worker sets them up just as fast itself, and a re-run that needs no
 * worker needs no tables. */
static void worker_needed(batch *b)
{
    if (++b->workers == 2)
        extract_prepare();
}

/* An input whose result is kept in the cache needs no worker. */
static int admit(void *ctx, size_t i)
{
    batch *b = ctx;
    if (cache_digest(b->cache, b->paths[i], b->digest[i]) != 0)
        b->digest[i][0] = '\0';
    emit_source *src = &b->sources[i];
    if (!b->digest[i][0] || cache_load(b->cache, b->digest[i], src) != 0) {
        worker_needed(b);
        return 0;
    }
    src->source_file = b->paths[i];
    fill_digest(b, i);
    b->finished[i] = 1;
    b->reused++;
    progress_file_done(b->progress, 0, strcmp(src->status, "error") == 0);
    print_notes(b);
    return 1;
}

static void on_done(void *ctx, size_t i, const unsigned char *encoded,
                    size_t len)
{
    batch *b = ctx;
    emit_source *src = &b->sources[i];
    /* An input that is no PDF has no digest from its worker; reports.csv
     * still identifies its bytes. */
    if (!src->sha256[0] && !b->digest[i][0] &&
        file_sha256(b->paths[i], b->digest[i]) != 0)
        b->digest[i][0] = '\0';
    fill_digest(b, i);
    b->finished[i] = 1;
    /* Only what a worker sent is kept: a crash or a timeout may be the
     * machine's doing, and is tried again next time; a refusal by a
     * resource bound is tried again too, since the next run may allow
     * more. */
    if (encoded && b->cache && !src->over_limit) {
        char *err = NULL;
        if (cache_store(b->cache, src->sha256, encoded, len, &err) != 0) {
            if (!b->cache_error)
                b->cache_error = err;
            else
                free(err);
        }
    }
    progress_file_done(b->progress, src->pages,
                       strcmp(src->status, "error") == 0);
    print_notes(b);
    progress_draw(b->progress, 1);
}

static void on_tick(void *ctx)
{
    batch *b = ctx;
    progress_draw(b->progress, 0);
}

size_t batch_convert(char *const *paths, size_t n, emit_source *sources,
                     const cli_options *opt, cache *cache)
{
    batch b = { .paths = paths, .sources = sources, .n = n, .opt = opt,
                .cache = cache };
    b.digest = calloc(n ? n : 1, sizeof *b.digest);
    b.finished = calloc(n ? n : 1, 1);
    if (!b.digest || !b.finished)
        diag_out_of_memory();
    b.progress = progress_start(n, !opt->quiet && isatty(STDERR_FILENO));

    worker_limits limits = {
        .jobs = opt->jobs, .timeout = opt->timeout,
        .max_memory_mb = opt->max_memory_mb,
        .convert = { .max_size_mb = opt->max_size_mb,
                     .max_pages = opt->max_pages,
                     .max_words = opt->max_words },
        .explain_dir = opt->explain_dir,
    };
    worker_events events = { .done = on_done, .tick = on_tick, .ctx = &b };
    /* A kept result has no pages to draw from: --explain parses again. */
    if (cache && !opt->force && !opt->explain_dir)
        events.admit = admit;
    else if (n > 1)
        extract_prepare();
    progress_draw(b.progress, 1);
    workers_run(paths, n, sources, &limits, &events);
    print_notes(&b);
    progress_end(b.progress);
    extract_release();

    if (b.cache_error) {
        diag("cannot keep results for the next run: %s", b.cache_error);
        free(b.cache_error);
    }
    free(b.finished);
    free(b.digest);
    return b.reused;
}
