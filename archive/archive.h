/*
 * archive: the output folder as an archive of reports.
 *
 * An output folder holds every report added to it and not removed; each
 * run adds its inputs' reports to those already there and writes every
 * dataset anew from all of them.  What the folder holds:
 *
 *   DIR/<dataset>.csv ..., DIR/datapackage.json   the datasets (emit.h)
 *   DIR/.ddor2csv/                                 the archive's own folder
 *       lock            held by the run that writes DIR (flock)
 *       reports         the list of reports: added, SHA-256, id, file name
 *       files           the digests of input files by their identity
 *       outputs         the output files landings put there, by their
 *                       identity: those of formats no longer written go
 *       <sha256>.pdf    a copy of each report's PDF, so that a newer
 *                       program can read every report again
 *       <sha256>.result what this build of the program read from it
 *
 * One run at a time writes a folder: archive_open takes the lock and
 * holds it until archive_close.  Every file and folder the archive
 * creates, writes or deletes is reached from a descriptor of the output
 * folder without following links, and clean-up deletes only regular files
 * of the running user whose names the program writes.
 *
 * A run lands whole or not at all: the new datasets and the new list of
 * reports are written into a staging folder and exchanged with the output
 * folder in one system call (archive_land); where the system does not
 * allow that, they are renamed into place one by one, under the lock.
 * The folder's output files are then those of the run's formats: the
 * files of other formats that earlier landings wrote go with it, each
 * only while it is still the very file a landing wrote (outputs).
 */
#ifndef DDOR_ARCHIVE_H
#define DDOR_ARCHIVE_H

#include <stddef.h>
#include <sys/stat.h>
#include "../emit/emit.h"

/* The archive's own subfolder of the output folder. */
#define ARCHIVE_FOLDER ".ddor2csv"

typedef struct archive archive;

/* One report of the archive. */
typedef struct {
    char sha256[65];          /* of the PDF's bytes: the report's identity */
    unsigned long added;      /* 1, 2, ...: the order reports were added */
    char *report_id;          /* as first assigned; never changes */
    char *source_file;        /* the input's name when it was added */
} archive_report;

typedef struct {
    int no_wait;              /* fail at once when another run holds DIR */
    /* Called once when the run has to wait for another (may be NULL). */
    void (*waiting)(const char *dir);
    /* Called between the steps of landing (for tests that interrupt it);
     * or NULL. */
    void (*step)(const char *what);
} archive_options;

/* Opens the output folder DIR, creating it (one level) when missing, and
 * its archive: takes the lock (waiting for another run unless
 * OPT->no_wait), removes what runs that were killed left behind, and
 * reads the list of reports.  Returns the archive, or NULL with *err set
 * to a malloc'd one-line reason. */
archive *archive_open(const char *dir, const archive_options *opt, char **err);

/* The reports, in the order they were added. */
size_t archive_count(const archive *a);
const archive_report *archive_report_at(const archive *a, size_t i);

/* The index of the report with SHA256, or of report id ID, or of the one
 * added as SOURCE_FILE; -1 when none. */
long archive_find_sha(const archive *a, const char *sha256);
long archive_find_id(const archive *a, const char *id);
long archive_find_source(const archive *a, const char *source_file);

/* Takes report I out (the indexes of the others do not change until the
 * archive is landed). */
void archive_remove(archive *a, size_t i);
int archive_is_removed(const archive *a, size_t i);

/* Takes every report out, and numbers the next one added 1 again: the
 * folder starts over. */
void archive_start_over(archive *a);

/* Adds the report with SHA256, read from SOURCE_FILE, unless the archive
 * holds it already.  Returns its index. */
size_t archive_add(archive *a, const char *sha256, const char *source_file);

/* Sets the id of report I, which had none (malloc'd copy). */
void archive_set_id(archive *a, size_t i, const char *report_id);

/* ---- What the archive keeps of each report ---- */

/* The digest of the input file in state FILE, when a run has read it in
 * that very state (same device, inode, size and times).  Returns 0 and
 * fills HEX, or -1 when unknown. */
int archive_known_digest(archive *a, const emit_file_state *file, char hex[65]);

/* Remembers that the file in state FILE holds bytes with digest SHA256
 * (as the worker that read them saw it; remembered only when its times
 * are settled, so that a write within the clock's tick cannot hide). */
void archive_remember_digest(archive *a, const emit_file_state *file,
                             const char *sha256);

/* The result kept for SHA256 by this build of the program: malloc'd bytes
 * into *DATA, *LEN.  Returns 0, or -1 when there is none (or it was kept
 * by another build, or is damaged). */
int archive_result_read(archive *a, const char *sha256, unsigned char **data,
                        size_t *len);

/* Keeps LEN bytes of result for SHA256.  Returns 0, or -1 with *err set to
 * a malloc'd reason. */
int archive_result_write(archive *a, const char *sha256,
                         const unsigned char *data, size_t len, char **err);

/* Keeps a copy of the PDF with SHA256, whose LEN bytes are at DATA, unless
 * one is kept already.  May be called in a worker process forked after
 * archive_open.  Returns 0, or -1 with errno set. */
int archive_pdf_keep(const archive *a, const char *sha256,
                     const unsigned char *data, size_t len);

/* The path of the kept copy of the PDF with SHA256 (malloc'd), to read it
 * again; whoever reads it checks the digest of what was read. */
char *archive_pdf_path(const archive *a, const char *sha256);

/* ---- Landing ---- */

/* Must this run land even if it adds and removes nothing?  When a landing
 * was cut short (killed, or failed while renaming files in one by one),
 * the datasets may not match the list of reports until one lands. */
int archive_needs_landing(const archive *a);

/* Are the folder's output files not those of the formats of OPT: does it
 * lack one of them, or hold one of another format that an earlier landing
 * wrote (and that is still the very file it wrote)?  A run in other
 * formats then lands even if it adds and removes nothing. */
int archive_formats_differ(const archive *a, const emit_options *opt);

/* The formats of the output files the folder's last landing put in place
 * and that are still there as it wrote them (EMIT_FORMAT_BITs); 0 when
 * there are none, or they are unknown (a folder written before such
 * files were recorded).  A run that names no --format keeps them. */
unsigned archive_formats(const archive *a);

/* Writes the datasets of SOURCES[0..N-1] (the archive's reports, in
 * dataset order) in the formats of OPT, and the list of reports, and puts
 * them in place together, taking away the output files earlier landings
 * put there that are of other formats (only while each is still the very
 * file a landing wrote); then forgets what no report needs any more.
 * Returns 0, or -1 with *err set to a malloc'd one-line reason, the
 * folder then being as it was. */
int archive_land(archive *a, const emit_source *sources, size_t n,
                 const emit_options *opt, char **err);

/* Releases the lock and frees A.  When the run did not land, first
 * removes every copy and result this run wrote. */
void archive_close(archive *a);

#endif
