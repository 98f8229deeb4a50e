/*
 * A run's conversions; see batch.h.
 *
 * Notes about an input (its failure, its unparsed lines, its warning) are
 * printed as soon as it and every input before it are done, so standard
 * error reads in input order whatever the number of workers, the same on
 * every run.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../extract/extract.h"
#include "batch.h"
#include "diag.h"
#include "result_codec.h"
#include "notes.h"
#include "progress.h"
#include "workers.h"

typedef struct {
    char *const *paths;
    const char *const *expected;
    emit_source *sources;
    size_t n;
    char (*digest)[65];       /* each input's SHA-256 as known, or "" */
    unsigned char *finished;
    size_t next_note;         /* inputs before it have had their notes */
    const cli_options *opt;
    archive *archive;
    char *cache_error;        /* the first failure to store, reported once */
    progress *progress;
    size_t reused;            /* results taken from the archive */
    size_t workers;           /* inputs that needed a worker so far */
} batch;

/* A result lacks its digest when the input could not be read; the
 * digest known for it still identifies its bytes. */
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
    for (; b->next_note < b->n && b->finished[b->next_note]; b->next_note++)
        if (!b->expected[b->next_note])
            notes_print(&b->sources[b->next_note], b->opt->quiet);
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

/* Input I failed before any worker was needed. */
static void fail_early(batch *b, size_t i, const char *reason, const char *detail)
{
    emit_source *src = &b->sources[i];
    memset(src, 0, sizeof *src);
    src->source_file = b->paths[i];
    src->status = "error";
    size_t size = strlen(reason) + (detail ? strlen(detail) + 2 : 0) + 1;
    src->message = malloc(size);
    if (!src->message)
        diag_out_of_memory();
    snprintf(src->message, size, "%s%s%s", reason, detail ? ": " : "",
             detail ? detail : "");
}

/* The result the archive keeps for SHA256, decoded into *SRC.  Returns
 * 1, or 0 with *SRC zeroed when there is none this build can use. */
static int decode_kept(archive *archive, const char *sha256, emit_source *src)
{
    unsigned char *data;
    size_t len;
    if (archive_result_read(archive, sha256, &data, &len) != 0)
        return 0;
    int ok = codec_decode(data, len, src) == 0;
    free(data);
    /* A result filed under another digest is not this input's. */
    if (ok && strcmp(src->sha256, sha256) != 0) {
        emit_source_clear(src);
        ok = 0;
    }
    if (!ok)
        memset(src, 0, sizeof *src);
    return ok;
}

/* The result the archive keeps for input I, whose digest is known. */
static int kept_result(batch *b, size_t i)
{
    return decode_kept(b->archive, b->digest[i], &b->sources[i]);
}

/* Before input I gets a worker: what can be known without reading it.
 * Something that is not a regular file is refused here, without a
 * worker: reading a FIFO or a device could block or never end.  An
 * unchanged input whose result the archive keeps needs no worker. */
static int admit(void *ctx, size_t i)
{
    batch *b = ctx;
    int reuse = b->archive && !b->opt->force &&
                (b->expected[i] || !b->opt->explain_dir);
    b->digest[i][0] = '\0';
    if (b->expected[i]) {
        memcpy(b->digest[i], b->expected[i], 65);
    } else {
        struct stat st;
        if (stat(b->paths[i], &st) != 0) {
            fail_early(b, i, "cannot read file", strerror(errno));
            goto done;
        }
        if (!S_ISREG(st.st_mode)) {
            fail_early(b, i, "not a regular file", NULL);
            goto done;
        }
        emit_file_state file = emit_file_state_of(&st);
        if (!reuse || archive_known_digest(b->archive, &file, b->digest[i]) != 0)
            b->digest[i][0] = '\0';
    }
    if (!reuse || !b->digest[i][0] || !kept_result(b, i)) {
        worker_needed(b);
        return 0;
    }
    b->sources[i].source_file = b->paths[i];
    b->sources[i].reused = 1;
    if (!b->expected[i])
        b->reused++;
done:
    fill_digest(b, i);
    b->finished[i] = 1;
    progress_file_done(b->progress, 0, strcmp(b->sources[i].status, "error") == 0);
    print_notes(b);
    return 1;
}

static void on_done(void *ctx, size_t i, const unsigned char *encoded,
                    size_t len)
{
    batch *b = ctx;
    emit_source *src = &b->sources[i];
    fill_digest(b, i);
    b->finished[i] = 1;
    /* Only a converted report is kept: a failure is not added to the
     * archive, and a crash or a timeout may be the machine's doing. */
    if (src->reused && !b->expected[i])
        b->reused++;
    /* The worker read the file: its digest is known by its state now. */
    if (encoded && b->archive && emit_source_converted(src) && !b->expected[i])
        archive_remember_digest(b->archive, &src->file, src->sha256);
    if (encoded && b->archive && emit_source_converted(src) && !src->reused) {
        char *err = NULL;
        if (archive_result_write(b->archive, src->sha256, encoded, len, &err) != 0) {
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

size_t batch_convert(char *const *paths, const char *const *expected, size_t n,
                     emit_source *sources, const cli_options *opt,
                     archive *archive)
{
    batch b = { .paths = paths, .expected = expected, .sources = sources,
                .n = n, .opt = opt, .archive = archive };
    b.digest = calloc(n ? n : 1, sizeof *b.digest);
    b.finished = calloc(n ? n : 1, 1);
    if (!b.digest || !b.finished)
        diag_out_of_memory();
    b.progress = progress_start(n, !opt->quiet && isatty(STDERR_FILENO));

    /* Kept copies are never drawn: --explain shows this run's inputs. */
    int copies = n > 0 && expected[0] != NULL;
    const char *explain_dir = copies ? NULL : opt->explain_dir;
    worker_limits limits = {
        .jobs = opt->jobs, .timeout = opt->timeout,
        .max_memory_mb = opt->max_memory_mb,
        .convert = { .max_size_mb = opt->max_size_mb,
                     .max_pages = opt->max_pages,
                     .max_words = opt->max_words },
        .explain_dir = explain_dir,
        /* A worker that finds the archive holds its input's bytes sends
         * the kept result instead of parsing them again. */
        .archive = archive,
        .reuse = archive && !opt->force && !explain_dir,
    };
    worker_events events = { .admit = admit, .done = on_done, .tick = on_tick,
                             .ctx = &b };
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
