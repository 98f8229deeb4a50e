/*
 * A run into an archive folder; see archive_run.h.
 *
 * The run holds the folder's lock from start to end.  The reports kept in
 * the folder are read from their kept results; a result written by
 * another build of the program is not trusted, so the kept copy of the
 * PDF is converted again, after this run's inputs (those an input gave
 * again need nothing more).  A failed input is reported and changes
 * nothing; a run that adds, removes and reads anew nothing writes
 * nothing, unless the folder's files are not those of its formats.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../archive/archive.h"
#include "../emit/emit.h"
#include "../explain/explain.h"
#include "archive_run.h"
#include "batch.h"
#include "clock.h"
#include "diag.h"
#include "fault.h"
#include "interrupt.h"
#include "summary.h"

static int quiet_wait;

static void say_waiting(const char *dir)
{
    if (!quiet_wait && isatty(STDERR_FILENO))
        diag("%s: waiting for another run to finish with it", dir);
}

/* The report of the archive that ARG names for --remove: a report id, the
 * name a report was added as, or a file with a report's bytes.  -1 after
 * saying why there is none. */
static long find_removal(archive *a, const char *arg, const char *dir)
{
    long i = archive_find_id(a, arg);
    if (i < 0)
        i = archive_find_source(a, arg);
    if (i < 0) {
        struct stat st;
        char sha[65];
        emit_file_state file;
        if (stat(arg, &st) == 0 && S_ISREG(st.st_mode) &&
            (file = emit_file_state_of(&st), archive_known_digest(a, &file, sha) == 0))
            i = archive_find_sha(a, sha);
    }
    if (i < 0)
        diag("%s: no such report in %s", arg, dir);
    return i;
}

/* --explain's folder, made ready before any input is converted: a run
 * over hundreds of reports should not find out at the end that it cannot
 * draw them. */
static int prepare_explain(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        diag("%s: cannot create output folder: %s", dir, strerror(errno));
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag("%s: output folder is not a directory", dir);
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        diag("%s: cannot write to output folder: %s", dir, strerror(errno));
        return -1;
    }
    explain_clean_stale(dir);
    return 0;
}

static void explain_problem_note(const char *source_file, const char *reason)
{
    char *why = diag_printable(reason);
    diag("%s: pages not drawn: %s", source_file, why);
    free(why);
}

/* The datasets' sources: the archive's reports, each with its result
 * (BY_REPORT: shallow copies, which own only their report_id), in dataset
 * order, with their ids (new ones given and recorded in the archive) and
 * editions.  *N: how many. */
static emit_source *compose(archive *a, emit_source **by_report, size_t *n)
{
    size_t count = archive_count(a), k = 0;
    emit_source *out = calloc(count ? count : 1, sizeof *out);
    if (!out)
        diag_out_of_memory();
    for (size_t i = 0; i < count; i++) {
        if (archive_is_removed(a, i) || !by_report[i])
            continue;
        const archive_report *r = archive_report_at(a, i);
        out[k] = *by_report[i];
        out[k].source_file = r->source_file;
        out[k].added = r->added;
        free(out[k].report_id);
        out[k].report_id = r->report_id ? strdup(r->report_id) : NULL;
        if (r->report_id && !out[k].report_id)
            diag_out_of_memory();
        k++;
    }
    emit_order_sources(out, k);
    emit_assign_ids(out, k);
    for (size_t j = 0; j < k; j++) {
        long i = archive_find_sha(a, out[j].sha256);
        if (i >= 0)
            archive_set_id(a, (size_t)i, out[j].report_id);
    }
    emit_supersede(out, k);
    *n = k;
    return out;
}

int archive_run(const cli_options *opt, const input_list *inputs, double start)
{
    quiet_wait = opt->quiet;
    archive_options aopt = { .no_wait = opt->no_wait, .waiting = say_waiting,
                             .step = fault_commit_step };
    char *err = NULL;
    archive *a = archive_open(opt->outdir, &aopt, &err);
    if (!a) {
        /* Stopped while waiting for another run: nothing to say. */
        if (!interrupt_signal())
            diag("%s", err ? err : "cannot open the output folder");
        free(err);
        return 1;
    }
    if (opt->explain_dir && prepare_explain(opt->explain_dir) != 0) {
        archive_close(a);
        return 1;
    }

    /* Removals first: a name that matches nothing is a mistake to fix
     * before anything changes. */
    size_t nbefore = archive_count(a), removed = 0;
    for (int r = 0; r < opt->nremovals; r++) {
        long i = find_removal(a, opt->removals[r], opt->outdir);
        if (i < 0) {
            archive_close(a);
            return 1;
        }
        archive_remove(a, (size_t)i);
        removed++;
    }
    if (opt->fresh && inputs->n) {
        for (size_t i = 0; i < nbefore; i++)
            removed += !archive_is_removed(a, i);
        archive_start_over(a);
    }

    /* First this run's inputs. */
    size_t nin = inputs->n;
    emit_source *sources = calloc(nin ? nin : 1, sizeof *sources);
    const char **unknown = calloc(nin ? nin : 1, sizeof *unknown);
    long *input_report = calloc(nin ? nin : 1, sizeof *input_report);
    emit_source **by_report = calloc(nbefore + nin + 1, sizeof *by_report);
    if (!sources || !unknown || !input_report || !by_report)
        diag_out_of_memory();
    batch_convert(inputs->paths, unknown, nin, sources, opt, a);
    /* Stopped by a signal: the workers are gone; what this run kept in
     * the archive goes (archive_close) and nothing lands. */
    int stopped = interrupt_signal() != 0;

    /* --fresh starts the folder over with this run's reports: when not
     * one input converted (a mistyped name, say) there is nothing to
     * start over with, and, as any failed input, the run changes
     * nothing. */
    int converted = 0;
    for (size_t i = 0; i < nin; i++)
        converted |= emit_source_converted(&sources[i]);
    int all_failed = nin && !converted;
    int nothing_fresh = opt->fresh && all_failed;

    int failed = inputs->failed, warned = 0, broken = 0;
    size_t added = 0, unchanged = 0, refreshed = 0;
    for (size_t i = 0; i < nin; i++) {
        input_report[i] = -1;
        emit_source *s = &sources[i];
        if (!emit_source_converted(s)) {
            failed = 1;
            continue;
        }
        if (strcmp(s->status, "ok") != 0)
            warned = 1;
        size_t known = archive_count(a);
        size_t r = archive_add(a, s->sha256, s->source_file);
        input_report[i] = (long)r;
        if (r == known)
            added++;
        else if (r < nbefore)
            unchanged++;      /* the folder held these bytes already */
        /* Read anew by this build (another build kept it, or --force): the
         * datasets are written again from what it reads now. */
        if (r < nbefore && !s->reused)
            refreshed++;
        if (!by_report[r])
            by_report[r] = s;
    }
    /* A run in other formats than the folder's lands even when it adds
     * nothing, so that the folder's files are those of its formats; but
     * not when its every input failed (a mistyped name): as any failed
     * input, it changes nothing.  Without --format, the folder keeps the
     * formats it has (CSV for a new one): adding a report, --remove or
     * --fresh never switch them. */
    emit_options eopt = { .excel = opt->excel,
                          .formats = opt->formats ? opt->formats : archive_formats(a) };
    int lands = !stopped && !nothing_fresh &&
                (added || removed || refreshed || archive_needs_landing(a) ||
                 (!all_failed && archive_formats_differ(a, &eopt)));

    /* Then the reports the folder keeps and no input gave again, when the
     * datasets are to be written: their kept results, or their kept PDFs
     * read again. */
    size_t nkept = 0;
    char **kept_paths = calloc(nbefore + 1, sizeof *kept_paths);
    const char **kept_sha = calloc(nbefore + 1, sizeof *kept_sha);
    size_t *kept_report = calloc(nbefore + 1, sizeof *kept_report);
    if (!kept_paths || !kept_sha || !kept_report)
        diag_out_of_memory();
    for (size_t i = 0; lands && i < nbefore; i++) {
        if (archive_is_removed(a, i) || by_report[i])
            continue;
        const archive_report *r = archive_report_at(a, i);
        kept_paths[nkept] = archive_pdf_path(a, r->sha256);
        kept_sha[nkept] = r->sha256;
        kept_report[nkept++] = i;
    }
    emit_source *kept = calloc(nkept ? nkept : 1, sizeof *kept);
    if (!kept)
        diag_out_of_memory();
    if (nkept) {
        batch_convert(kept_paths, kept_sha, nkept, kept, opt, a);
        stopped = interrupt_signal() != 0;
    }
    for (size_t k = 0; k < nkept && !stopped; k++) {
        emit_source *s = &kept[k];
        by_report[kept_report[k]] = s;
        if (!emit_source_converted(s) || strcmp(s->sha256, kept_sha[k]) != 0) {
            char *why = diag_printable(s->message && s->message[0]
                                           ? s->message : "its bytes have changed");
            diag("%s: report %s: the archive's copy of its PDF cannot be read "
                 "again: %s (--remove it, or add its PDF again)", opt->outdir,
                 archive_report_at(a, kept_report[k])->report_id, why);
            free(why);
            broken = 1;
        }
    }

    summary sum = { "" };
    if (!stopped)
        summary_count(sources, nin, unchanged, (long)added,
                      nothing_fresh ? 0 : removed, &sum);
    int written = 1;
    size_t nfinal = 0;
    emit_source *final = NULL;
    if (lands && !stopped && !broken) {
        final = compose(a, by_report, &nfinal);
        if (archive_land(a, final, nfinal, &eopt, &err) != 0) {
            diag("%s: %s", opt->outdir, err ? err : "cannot write the datasets");
            free(err);
            written = 0;
        }
    } else {
        nfinal = nbefore;     /* nothing landed: the folder holds what it held */
    }

    int drawn = 1;
    if (stopped && opt->explain_dir)
        explain_clean_stale(opt->explain_dir);   /* this run's pages too */
    if (written && !stopped && !broken && opt->explain_dir) {
        /* The inputs' pages go to their reports' folders; a failed
         * input's, to a folder named as -t would name its report, apart
         * from every report's. */
        for (size_t i = 0; i < nin; i++) {
            long r = input_report[i];
            const char *id = r >= 0 ? archive_report_at(a, (size_t)r)->report_id : NULL;
            if (id && !(sources[i].report_id = strdup(id)))
                diag_out_of_memory();
        }
        emit_assign_ids(sources, nin);
        err = NULL;
        if (explain_publish(opt->explain_dir, (long)getpid(), sources, nin,
                            explain_problem_note, &err) != 0) {
            if (err)
                diag("%s", err);
            drawn = 0;
        }
        free(err);
    }
    if (written && !stopped && !broken && !opt->quiet)
        summary_print(&sum, opt->outdir, nfinal, clock_seconds() - start);

    for (size_t i = 0; i < nin; i++)
        emit_source_clear(&sources[i]);
    for (size_t k = 0; k < nkept; k++) {
        emit_source_clear(&kept[k]);
        free(kept_paths[k]);
    }
    for (size_t j = 0; j < nfinal && final; j++)
        free(final[j].report_id);
    free(final);
    free(input_report);
    free(sources);
    free(unknown);
    free(kept);
    free(kept_paths);
    free(kept_sha);
    free(kept_report);
    free(by_report);
    archive_close(a);

    if (stopped || broken || !written || !drawn || failed || (opt->strict && warned))
        return 1;
    return 0;
}
