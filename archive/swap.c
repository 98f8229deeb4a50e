/*
 * Putting a run's files in place all at once.
 *
 * Renaming files one by one can be interrupted between two renames, which
 * would leave a folder mixing old and new datasets.  So the new datasets
 * and the new list of reports are written into a hidden folder beside the
 * output folder, every other entry of the output folder is hard-linked
 * into it, and the two folders are exchanged with one
 * renameat2(RENAME_EXCHANGE):
 *
 *   1. the new files are written into the staging folder (a kill leaves a
 *      stray hidden folder, removed by the next run);
 *   2. every other entry of the output folder, and of its archive folder,
 *      is hard-linked into it, except the files of other formats that an
 *      earlier run wrote (outputs.c), which stay with the old folder (a
 *      kill: as in 1);
 *   3. the two folders are exchanged in one system call (before it: the
 *      old folder; after it: the new one, complete);
 *   4. the old folder, now under the staging name, is emptied of what the
 *      new one also holds and removed (a kill leaves it to the next run).
 *
 * Where that cannot be done (the parent folder is not writable, is on
 * another file system, the output folder holds folders of the user's, is
 * owned by someone else, or holds the current folder, which an exchange
 * would leave behind), the staging folder is made inside the output folder
 * and its files renamed into place one by one: the record of the output
 * files first, so that it names every file of the program's in the folder
 * whenever the run stops, then the output files, the list of reports, and
 * last the removal of the files of earlier runs' formats, once the new
 * ones are all in place.  The lock keeps other runs out, so no two runs'
 * files can mix; a kill between two renames can, until the next run,
 * which writes every dataset anew from the list.
 *
 * Removal of a staging or old folder deletes only names certainly not the
 * user's only copy: a file the program writes (by name, a regular file of
 * the running user), or an entry the output folder holds too (the same
 * inode, so the object lives on).  Folders found by name are opened
 * without following links and must belong to the running user.
 */
#define _GNU_SOURCE           /* renameat2, RENAME_EXCHANGE */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../emit/output_files.h"
#include "internal.h"

/* Staging names: beside the output folder ".<name>.ddor2csv-<random>",
 * inside it ".ddor2csv-staging-<random>". */
#define BESIDE_TAG ".ddor2csv-"
#define INSIDE_PREFIX ".ddor2csv-staging-"

static void step(const archive *a, const char *what)
{
    if (a->opt.step)
        a->opt.step(what);
}

/* Is NAME, in the archive's own folder, a file the program writes? */
static int state_file(const char *name)
{
    size_t len = strlen(name);
    if (strcmp(name, LOCK_FILE) == 0 || strcmp(name, REPORTS_FILE) == 0 ||
        strcmp(name, DIGESTS_FILE) == 0 || strcmp(name, LANDING_FILE) == 0 ||
        strcmp(name, OUTPUTS_FILE) == 0 ||
        strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0)
        return 1;
    if (len < 64 || strspn(name, "0123456789abcdef") != 64)
        return 0;
    return strcmp(name + 64, PDF_SUFFIX) == 0 || strcmp(name + 64, RESULT_SUFFIX) == 0;
}

/* Is the entry ST of NAME also in LIVE_FD under the same name? */
static int twin(int live_fd, const char *name, const struct stat *st)
{
    struct stat tw;
    return live_fd >= 0 && fstatat(live_fd, name, &tw, AT_SYMLINK_NOFOLLOW) == 0 &&
           tw.st_dev == st->st_dev && tw.st_ino == st->st_ino;
}

/* What a folder to empty holds: output files (a folder beside the output
 * folder, staging or old), the archive's own files (its archive folder),
 * or both (a staging folder inside the output folder, which is its own
 * archive folder too: swap_begin). */
enum { OUTPUT_FILES = 1, STATE_FILES = 2 };

/* Empties FD, which holds HOLDS, of what may go. */
static void prune(int fd, int live_fd, int holds)
{
    name_set names;
    if (fs_list(fd, &names) != 0)
        return;
    for (size_t i = 0; i < names.n; i++) {
        const char *name = names.names[i];
        struct stat st;
        if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (holds != OUTPUT_FILES || strcmp(name, ARCHIVE_FOLDER) != 0 ||
                st.st_uid != geteuid())
                continue;
            int sub = fs_open_folder(fd, name);
            int live_sub = live_fd >= 0 ? fs_open_folder(live_fd, name) : -1;
            if (sub >= 0) {
                prune(sub, live_sub, STATE_FILES);
                close(sub);
                (void)unlinkat(fd, name, AT_REMOVEDIR);
            }
            if (live_sub >= 0)
                close(live_sub);
        } else if (twin(live_fd, name, &st) ||
                   (S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
                    (((holds & STATE_FILES) && state_file(name)) ||
                     ((holds & OUTPUT_FILES) && output_files_is_ours(name))))) {
            (void)unlinkat(fd, name, 0);
        }
    }
    name_set_free(&names);
}

/* Removes the staging folder NAME of PARENT_FD, which must be a folder of
 * the running user, not a link; INSIDE: one made inside the output
 * folder. */
static void remove_staging(int parent_fd, const char *name, int live_fd, int inside)
{
    int fd = fs_open_folder(parent_fd, name);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) == 0 && st.st_uid == geteuid()) {
        prune(fd, live_fd, inside ? OUTPUT_FILES | STATE_FILES : OUTPUT_FILES);
        (void)unlinkat(parent_fd, name, AT_REMOVEDIR);
    }
    close(fd);
}

/* Records S as the landing under way (LANDING_FILE), synced, so that a
 * run that is killed leaves its folder named.  Returns 0 or -1. */
static int record_landing(archive *a, const staging *s)
{
    char text[sizeof s->name + 16];
    int len = snprintf(text, sizeof text, "%s %s\n", s->beside ? "beside" : "inside",
                       s->name);
    return fs_write_file(a->state_fd, LANDING_FILE, text, (size_t)len, 1);
}

void swap_clean_stale(archive *a)
{
    unsigned char *data;
    size_t len;
    if (fs_read_file(a->state_fd, LANDING_FILE, 512, &data, &len) != 0)
        return;
    /* A landing was cut short: its folder goes, and this run lands, so
     * that datasets renamed in one by one match the list again. */
    a->repair = 1;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return;
    }
    text[len] = '\0';
    char *name = strchr(text, ' ');
    char *end = name ? strchr(name, '\n') : NULL;
    if (name && end) {
        *name++ = '\0';
        *end = '\0';
        char prefix[NAME_MAX + 16];
        snprintf(prefix, sizeof prefix, ".%s" BESIDE_TAG, a->base ? a->base : "");
        int beside = strcmp(text, "beside") == 0 && a->parent_fd >= 0 &&
                     strncmp(name, prefix, strlen(prefix)) == 0;
        int inside = strcmp(text, "inside") == 0 &&
                     strncmp(name, INSIDE_PREFIX, strlen(INSIDE_PREFIX)) == 0;
        /* One name, no path: what the record says is never a way out. */
        if ((beside || inside) && !strchr(name, '/'))
            remove_staging(beside ? a->parent_fd : a->dir_fd, name, a->dir_fd, !beside);
    }
    free(text);
}

void swap_forget(archive *a)
{
    (void)fs_remove_ours(a->state_fd, LANDING_FILE);
    a->repair = 0;
}

/* Can the output folder be exchanged as a whole? */
static int exchangeable(const archive *a)
{
    if (a->parent_fd < 0)
        return 0;
    char cwd[PATH_MAX];
    size_t len = strlen(a->real_dir);
    if (!getcwd(cwd, sizeof cwd) ||
        (strncmp(cwd, a->real_dir, len) == 0 && (cwd[len] == '\0' || cwd[len] == '/')))
        return 0;
    struct stat self, up;
    return fstat(a->dir_fd, &self) == 0 && fstat(a->parent_fd, &up) == 0 &&
           self.st_dev == up.st_dev && self.st_uid == geteuid() &&
           faccessat(a->parent_fd, ".", W_OK | X_OK, 0) == 0;
}

/* Makes S's folder, PREFIX<random> in PARENT_FD, recorded as the landing
 * under way before it exists, so that a run killed at any moment leaves
 * no folder the record does not name.  Returns 0, or -1 with errno. */
static int make_staging(archive *a, staging *s, int parent_fd, const char *prefix)
{
    for (int tries = 0; tries < 100; tries++) {
        if (fs_random_name(prefix, s->name, sizeof s->name) != 0 ||
            record_landing(a, s) != 0)
            break;
        s->fd = fs_make_folder_named(parent_fd, s->name, 0700);
        if (s->fd >= 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    s->name[0] = '\0';
    swap_forget(a);
    errno = e;
    return -1;
}

int swap_begin(archive *a, staging *s)
{
    memset(s, 0, sizeof *s);
    s->fd = s->state_fd = -1;
    struct stat st;
    if (fstat(a->dir_fd, &st) != 0)
        return -1;
    if (exchangeable(a)) {
        char prefix[NAME_MAX + 16];
        snprintf(prefix, sizeof prefix, ".%s" BESIDE_TAG, a->base);
        s->beside = 1;
        if (make_staging(a, s, a->parent_fd, prefix) == 0) {
            /* The replacement keeps the old folder's mode and group (a
             * folder with the set-group-ID bit gives new entries its
             * group). */
            struct stat made;
            if (fchmod(s->fd, st.st_mode & 07777) == 0 && fstat(s->fd, &made) == 0 &&
                (made.st_gid == st.st_gid || fchown(s->fd, (uid_t)-1, st.st_gid) == 0) &&
                mkdirat(s->fd, ARCHIVE_FOLDER, 0777) == 0 &&
                (s->state_fd = fs_open_folder(s->fd, ARCHIVE_FOLDER)) >= 0)
                return 0;
            swap_end(a, s);
        }
        s->beside = 0;
    }
    if (make_staging(a, s, a->dir_fd, INSIDE_PREFIX) != 0)
        return -1;
    s->state_fd = dup(s->fd);
    if (s->state_fd < 0) {
        int e = errno;
        swap_end(a, s);
        errno = e;
        return -1;
    }
    return 0;
}

/* Is NAME, in FD, one of the files of STALE, still in place? */
static int stale_file(const placed_list *stale, int fd, const char *name)
{
    for (size_t i = 0; i < stale->n; i++)
        if (strcmp(stale->files[i].name, name) == 0)
            return outputs_is_placed(fd, &stale->files[i]);
    return 0;
}

/* Gives every entry of FROM that TO lacks a second name in TO: a hard
 * link (of a symbolic link too: linkat without AT_SYMLINK_FOLLOW links
 * the link itself), but the files of STALE, which are left with the old
 * folder.  Returns 0, or -1 when one cannot be carried (a folder of the
 * user's, say). */
static int carry(int from, int to, int state, const placed_list *stale)
{
    name_set names;
    if (fs_list(from, &names) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        const char *name = names.names[i];
        struct stat st, there;
        int replaced = fstatat(to, name, &there, AT_SYMLINK_NOFOLLOW) == 0;
        if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            /* The archive's own folder is carried by the caller; any other
             * folder is the user's, and cannot be hard-linked (nor is it
             * ours to drop when a new file takes its name). */
            if (state || strcmp(name, ARCHIVE_FOLDER) != 0)
                rc = -1;
        } else if (replaced) {
            /* the new file takes its place */
        } else if (state && strncmp(name, TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0) {
            /* a file being written by no one: not carried */
        } else if (!state && stale_file(stale, from, name)) {
            /* an earlier run's format: not carried, so removed with the
             * old folder (checked again now: the folder may be shared) */
        } else {
            rc = linkat(from, name, to, name, 0);
        }
    }
    name_set_free(&names);
    return rc;
}

void swap_written(staging *s, const char *name)
{
    char **grown = realloc(s->fresh, (s->nfresh + 1) * sizeof *grown);
    char *copy = strdup(name);
    if (!grown || !copy) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    s->fresh = grown;
    s->fresh[s->nfresh++] = copy;
}

static const char *blame(const char *name)
{
    static char culprit[NAME_MAX + 1];
    snprintf(culprit, sizeof culprit, "%s", name);
    return culprit;
}

/* Removes the files of S->stale from the output folder, each only while
 * it is still the very file recorded. */
static void remove_stale(archive *a, staging *s)
{
    for (size_t i = 0; i < s->stale.n; i++) {
        if (outputs_is_placed(a->dir_fd, &s->stale.files[i]) &&
            unlinkat(a->dir_fd, s->stale.files[i].name, 0) == 0)
            step(a, "commit: stale file removed");
    }
    (void)fsync(a->dir_fd);
}

/* The way without exchange: the record of the output files renamed into
 * place, then each new file, then the list of reports, and last the
 * stale files removed, so that whenever it stops the folder holds every
 * report's data in one format or another, and the record names every
 * output file of the program's there for the run that mends it. */
static int commit_in_place(archive *a, staging *s, const char **failed)
{
    /* renameat cannot replace a folder: find that out before replacing
     * anything, so that the files are replaced all or none. */
    for (size_t i = 0; i < s->nfresh; i++) {
        struct stat st;
        if (fstatat(a->dir_fd, s->fresh[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISDIR(st.st_mode)) {
            *failed = blame(s->fresh[i]);
            errno = EISDIR;
            return -1;
        }
    }
    /* The record of a landing that fails here is as good as the old one:
     * it names the old record's files still in place, and new ones that
     * never will be. */
    if (renameat(s->state_fd, OUTPUTS_FILE, a->state_fd, OUTPUTS_FILE) != 0) {
        *failed = blame(ARCHIVE_FOLDER "/" OUTPUTS_FILE);
        return -1;
    }
    (void)fsync(a->state_fd);
    step(a, "commit: record of the output files in place");
    for (size_t i = 0; i < s->nfresh; i++) {
        if (renameat(s->fd, s->fresh[i], a->dir_fd, s->fresh[i]) != 0) {
            *failed = blame(s->fresh[i]);
            return -1;
        }
        s->touched = 1;
        step(a, "commit: renamed one file into place");
    }
    if (renameat(s->state_fd, REPORTS_FILE, a->state_fd, REPORTS_FILE) != 0) {
        *failed = blame(ARCHIVE_FOLDER "/" REPORTS_FILE);
        return -1;
    }
    (void)fsync(a->state_fd);
    (void)fsync(a->dir_fd);
    step(a, "commit: list of reports in place");
    remove_stale(a, s);
    return 0;
}

int swap_commit(archive *a, staging *s, const char **failed)
{
    *failed = NULL;
    step(a, "commit: files written");
    if (s->beside && carry(a->state_fd, s->state_fd, 1, &s->stale) == 0 &&
        carry(a->dir_fd, s->fd, 0, &s->stale) == 0) {
        (void)fsync(s->state_fd);
        (void)fsync(s->fd);
        step(a, "commit: other entries carried over");
        /* The name must still hold the folder this run opened: another
         * folder put there meanwhile is not ours to replace. */
        struct stat self, there;
        int ours = fstat(a->dir_fd, &self) == 0 &&
                   fstatat(a->parent_fd, a->base, &there, AT_SYMLINK_NOFOLLOW) == 0 &&
                   self.st_dev == there.st_dev && self.st_ino == there.st_ino;
        if (ours && renameat2(a->parent_fd, s->name, a->parent_fd, a->base,
                              RENAME_EXCHANGE) == 0) {
            (void)fsync(a->parent_fd);
            step(a, "commit: folders exchanged");
            /* The descriptors now name the old folder, under the staging
             * name: swap them, so that the archive's are the new one's. */
            int old_dir = a->dir_fd, old_state = a->state_fd;
            a->dir_fd = s->fd;
            a->state_fd = s->state_fd;
            s->fd = old_dir;
            s->state_fd = old_state;
            return 0;
        }
    }
    /* What was carried over is pruned with the staging folder: entries
     * the output folder holds too. */
    return commit_in_place(a, s, failed);
}

void swap_end(archive *a, staging *s)
{
    if (s->state_fd >= 0)
        close(s->state_fd);
    if (s->fd >= 0)
        close(s->fd);
    if (s->name[0]) {
        int parent = s->beside ? a->parent_fd : a->dir_fd;
        remove_staging(parent, s->name, a->dir_fd, !s->beside);
        step(a, "commit: staging folder removed");
    }
    for (size_t i = 0; i < s->nfresh; i++)
        free(s->fresh[i]);
    free(s->fresh);
    placed_list_free(&s->stale);
    memset(s, 0, sizeof *s);
    s->fd = s->state_fd = -1;
}
