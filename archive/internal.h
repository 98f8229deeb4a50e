/* What the files of the archive stage share; not part of its interface. */
#ifndef DDOR_ARCHIVE_INTERNAL_H
#define DDOR_ARCHIVE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include "../emit/output_files.h"
#include "archive.h"

/* Names in the archive's own folder. */
#define LOCK_FILE "lock"
#define REPORTS_FILE "reports"
#define DIGESTS_FILE "files"
/* The staging folder of a landing under way: "beside NAME" or "inside
 * NAME".  Written once the folder is made, removed once the landing is
 * complete; found when a run opens the archive, it names the one folder
 * a killed run left (nothing else is taken for one), and says that the
 * datasets may not match the list of reports, which that run then
 * writes anew. */
#define LANDING_FILE "landing"
/* The output files the landings put in place (outputs.c). */
#define OUTPUTS_FILE "outputs"
#define PDF_SUFFIX ".pdf"
#define RESULT_SUFFIX ".result"
/* Temporary files there: "tmp-<random>", renamed when complete; any left
 * when a run takes the lock were left by a run that was killed. */
#define TEMP_PREFIX "tmp-"

typedef struct digest_index digest_index;

/* The names of a folder's entries, sorted. */
typedef struct {
    char **names;
    size_t n;
} name_set;

/* An output file as a landing put it in place: its name in the output
 * folder, and what tells that very file from any other put there since. */
typedef struct {
    char name[64];
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns;
} placed_file;

typedef struct {
    placed_file *files;
    size_t n, cap;
} placed_list;

struct archive {
    char *dir;                /* the output folder as given (messages) */
    char *real_dir;           /* resolved */
    int dir_fd;               /* the output folder */
    int parent_fd;            /* its parent, or -1 when not reachable */
    char *base;               /* its name in the parent */
    int state_fd;             /* DIR/.ddor2csv */
    int lock_fd;
    archive_options opt;

    archive_report *reports;  /* in the order added */
    unsigned char *removed;   /* per report */
    size_t n, cap;
    unsigned long next_added; /* never reused, so that order survives removal */
    size_t *slot;             /* reports by digest: open addressing, index + 1 */
    size_t nslot;             /* a power of two, at least twice n */

    char *stamp;              /* the identity of this build, for results */
    name_set before;          /* the own folder's entries when opened */
    digest_index *digests;
    placed_list placed;       /* the output files recorded (OUTPUTS_FILE) */
    int landed;
    int owned;                /* the lock is held and BEFORE is known: what
                                 is not in BEFORE this run wrote */
    int repair;               /* a landing was cut short: land this run */
};

/* ---- fs.c: files reached from a folder descriptor, links never followed */

/* Opens the folder NAME in DIRFD, not through a link.  Returns the fd, or
 * -1 with errno set (ELOOP or ENOTDIR for a link or a file). */
int fs_open_folder(int dirfd, const char *name);

/* Writes LEN bytes at DATA to NAME in DIRFD, through a new temporary file
 * (TEMP_PREFIX) renamed over NAME once complete (synced when SYNC).
 * Returns 0, or -1 with errno set and nothing left behind. */
int fs_write_file(int dirfd, const char *name, const void *data, size_t len,
                  int sync);

/* Creates a temporary file in DIRFD for fs_commit_file: its fd, its name
 * into NAME (TEMP_PREFIX + random).  Returns the fd or -1. */
int fs_create_temp(int dirfd, char name[32]);

/* The whole regular file NAME in DIRFD, not through a link, at most MAX
 * bytes: malloc'd into *DATA, *LEN.  Returns 0, or -1 with errno set. */
int fs_read_file(int dirfd, const char *name, size_t max, unsigned char **data,
                 size_t *len);

/* Removes NAME from DIRFD when it is a regular file (not a link) of the
 * running user.  Returns 0 when removed. */
int fs_remove_ours(int dirfd, const char *name);

/* PREFIX followed by twelve random letters and digits into NAME (SIZE
 * bytes): a name no one can guess ahead.  Returns 0, or -1 (too long). */
int fs_random_name(const char *prefix, char *name, size_t size);

/* Creates the new folder NAME in DIRFD with MODE (an existing name, a
 * link included, is a failure).  Returns an fd of it, or -1 with errno. */
int fs_make_folder_named(int dirfd, const char *name, mode_t mode);

/* The sorted names of the entries of DIRFD (not "." or "..").  Returns 0,
 * or -1 with errno set. */
int fs_list(int dirfd, name_set *set);
int name_set_has(const name_set *set, const char *name);
void name_set_free(name_set *set);

/* ---- reports.c: the list of reports */
int reports_load(archive *a, char **err);
/* The list as the text of the file REPORTS_FILE (malloc'd), *LEN bytes;
 * removed reports left out. */
char *reports_text(const archive *a, size_t *len);
void reports_free(archive *a);

/* ---- digests.c */
digest_index *digest_index_load(int dirfd, const char *name);
int digest_index_save(digest_index *ix, const archive *a, int dirfd,
                      const char *name);
void digest_index_free(digest_index *ix);

/* ---- outputs.c: the output files landings put in place */
/* Reads the record of A's folder into A->placed; a record missing or
 * damaged is an empty one. */
void outputs_load(archive *a);
/* Is F->name, in DIRFD, one of the output files' names and the very file
 * F: a regular file, not a link, of the running user, with F's device,
 * inode, size and modification time? */
int outputs_is_placed(int dirfd, const placed_file *f);
/* Adds the file NAME of DIRFD, as it is now, to LIST.  Returns 0, or -1
 * with errno set. */
int outputs_mark(int dirfd, const char *name, placed_list *list);
/* Adds to STALE the recorded files still in place that are not among
 * LIST[0..N-1], the output files of this run: those its landing takes
 * away. */
void outputs_stale(const archive *a, const output_file *list, size_t n,
                   placed_list *stale);
/* Does the folder lack one of LIST[0..N-1], or hold a recorded file that
 * is not among them? */
int outputs_differ(const archive *a, const output_file *list, size_t n);
/* Writes the record into DIRFD (a staging folder's own folder): the files
 * WRITTEN, and the recorded ones still in place.  Returns 0, or -1 with
 * errno set. */
int outputs_save(int dirfd, const placed_list *written, const archive *a);
void placed_list_free(placed_list *list);

/* ---- store.c */
char *store_stamp(void);
/* Removes what runs that were killed left in the own folder. */
void store_clean_temp(archive *a);
/* Removes the copies and results of this run (a run that did not land). */
void store_roll_back(archive *a);
/* Removes copies and results no report of the archive needs. */
void store_prune(archive *a);

/* ---- swap.c */
/* Where the files of a landing are written before they are put in place. */
typedef struct {
    int fd;                   /* the staging folder */
    int state_fd;             /* where the list of reports goes in it */
    char name[300];           /* its name in the parent (beside) or DIR */
    int beside;               /* beside DIR, to be exchanged with it */
    int touched;              /* a file was renamed into DIR: a failure now
                                 leaves a mix for the next run to mend */
    char **fresh;             /* the names written into fd, for the way
                                 without exchange */
    size_t nfresh;
    placed_list stale;        /* the recorded output files this landing
                                 takes away (outputs_stale) */
} staging;

/* Records NAME as written into S (the list of reports excepted). */
void swap_written(staging *s, const char *name);

/* Makes the staging folder: beside the output folder where it can be
 * exchanged with it, else inside it.  Returns 0, or -1 with errno set. */
int swap_begin(archive *a, staging *s);
/* Puts the files written into S in place of those of the output folder,
 * every other entry kept but S->stale, and the list of reports last (the
 * stale files after it, where they are not simply left behind with the
 * old folder).  Returns 0, or -1
 * with errno set and *FAILED naming the file to blame (or NULL), the
 * folder then being as before. */
int swap_commit(archive *a, staging *s, const char **failed);
/* Removes what is left of S. */
void swap_end(archive *a, staging *s);
/* The landing is complete: forgets its staging folder. */
void swap_forget(archive *a);
/* Removes the staging folders that killed runs left beside or inside the
 * output folder.  Best effort. */
void swap_clean_stale(archive *a);

#endif
