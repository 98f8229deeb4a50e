/*
 * Opening an archive: the output folder, its own folder, the lock, and
 * the clean-up of what killed runs left.
 *
 * The output folder is reached by the path the user gave (a link the user
 * made to it is the user's choice); everything below it from its
 * descriptor.  The lock is flock() on DIR/.ddor2csv/lock, held until the
 * descriptor is closed, so a run that dies releases it.  While one run
 * waits for another, the other may exchange the output folder for a new
 * one (swap.c): the waiting run then holds the descriptor of the old
 * folder, so once it has the lock it checks that its folder is still the
 * one at the path, and starts over if not.
 */
#define _GNU_SOURCE           /* O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

/* How often a run starts over when the folder was replaced while it
 * waited; more than a handful of runs landing in between is not waiting
 * but a loop. */
#define MAX_REOPEN 100

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = malloc((size_t)len + 1);
    if (!text) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    va_start(ap, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return text;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Closes every descriptor of A, releasing the lock. */
static void close_all(archive *a)
{
    close_fd(&a->lock_fd);
    close_fd(&a->state_fd);
    close_fd(&a->parent_fd);
    close_fd(&a->dir_fd);
    free(a->real_dir);
    free(a->base);
    a->real_dir = a->base = NULL;
}

/* The output folder, made when missing: its descriptor in A->dir_fd, and
 * its parent's where it has one the program can reach.  Returns 0, or -1
 * with *err set. */
static int open_output(archive *a, char **err)
{
    if (mkdir(a->dir, 0777) != 0 && errno != EEXIST) {
        *err = format("%s: cannot create output folder: %s", a->dir, strerror(errno));
        return -1;
    }
    a->dir_fd = open(a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (a->dir_fd < 0) {
        *err = errno == ENOTDIR
                   ? format("%s: output folder is not a directory", a->dir)
                   : format("%s: cannot open output folder: %s", a->dir, strerror(errno));
        return -1;
    }
    if (faccessat(a->dir_fd, ".", W_OK | X_OK, 0) != 0) {
        *err = format("%s: cannot write to output folder: %s", a->dir, strerror(errno));
        return -1;
    }
    a->real_dir = realpath(a->dir, NULL);
    if (!a->real_dir) {
        *err = format("%s: %s", a->dir, strerror(errno));
        return -1;
    }
    const char *slash = strrchr(a->real_dir, '/');
    if (slash && slash[1]) {
        a->base = strdup(slash + 1);
        char *parent = slash == a->real_dir ? strdup("/")
                                            : strndup(a->real_dir, (size_t)(slash - a->real_dir));
        a->parent_fd = parent ? open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
        free(parent);
        /* The parent is used only while it holds this very folder. */
        struct stat self, there;
        if (a->parent_fd >= 0 &&
            (!a->base || fstat(a->dir_fd, &self) != 0 ||
             fstatat(a->parent_fd, a->base, &there, AT_SYMLINK_NOFOLLOW) != 0 ||
             self.st_dev != there.st_dev || self.st_ino != there.st_ino))
            close_fd(&a->parent_fd);
    }
    return 0;
}

/* The archive's own folder and its lock.  Returns 0, or -1 with *err. */
static int open_state(archive *a, char **err)
{
    if (mkdirat(a->dir_fd, ARCHIVE_FOLDER, 0777) != 0 && errno != EEXIST) {
        *err = format("%s/" ARCHIVE_FOLDER ": %s", a->dir, strerror(errno));
        return -1;
    }
    a->state_fd = fs_open_folder(a->dir_fd, ARCHIVE_FOLDER);
    if (a->state_fd < 0) {
        *err = errno == ELOOP || errno == ENOTDIR
                   ? format("%s/" ARCHIVE_FOLDER ": not a folder of the program's "
                            "(a link or a file); nothing was changed", a->dir)
                   : format("%s/" ARCHIVE_FOLDER ": %s", a->dir, strerror(errno));
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    a->lock_fd = openat(a->state_fd, LOCK_FILE,
                        O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
                        0666 & ~mask);
    struct stat st;
    if (a->lock_fd < 0 || fstat(a->lock_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = format("%s/" ARCHIVE_FOLDER "/" LOCK_FILE ": %s", a->dir,
                      a->lock_fd < 0 && errno != ELOOP ? strerror(errno)
                                                       : "not a file of the program's");
        return -1;
    }
    return 0;
}

/* Waits for the lock.  Returns 0, or -1 with *err set. */
static int take_lock(archive *a, int *waited, char **err)
{
    if (flock(a->lock_fd, LOCK_EX | LOCK_NB) == 0)
        return 0;
    if (errno != EWOULDBLOCK) {
        *err = format("%s: cannot lock the output folder: %s", a->dir, strerror(errno));
        return -1;
    }
    if (a->opt.no_wait) {
        *err = format("%s: in use by another run of ddor2csv (--no-wait)", a->dir);
        return -1;
    }
    if (!*waited && a->opt.waiting)
        a->opt.waiting(a->dir);
    *waited = 1;
    if (flock(a->lock_fd, LOCK_EX) != 0) {
        *err = errno == EINTR
                   ? format("%s: interrupted while waiting for another run", a->dir)
                   : format("%s: cannot lock the output folder: %s", a->dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* Is A's folder still the one at its path? */
static int still_there(const archive *a)
{
    struct stat self, now;
    return fstat(a->dir_fd, &self) == 0 && stat(a->dir, &now) == 0 &&
           self.st_dev == now.st_dev && self.st_ino == now.st_ino;
}

archive *archive_open(const char *dir, const archive_options *opt, char **err)
{
    *err = NULL;
    archive *a = calloc(1, sizeof *a);
    if (!a || !(a->dir = strdup(dir))) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    if (opt)
        a->opt = *opt;
    a->dir_fd = a->parent_fd = a->state_fd = a->lock_fd = -1;
    int waited = 0;
    for (int tries = 0;; tries++) {
        if (open_output(a, err) != 0)
            goto fail;
        int ready = open_state(a, err) == 0;
        /* Another run may exchange the folder for a new one, and remove
         * the old, between our opening it and taking its lock: a folder
         * that is no longer at its path is opened again. */
        if (!ready && still_there(a))
            goto fail;
        if (ready && take_lock(a, &waited, err) != 0)
            goto fail;
        if (ready && still_there(a))
            break;
        free(*err);
        *err = NULL;
        close_all(a);
        if (tries == MAX_REOPEN) {
            *err = format("%s: replaced again and again while waiting", dir);
            goto fail;
        }
    }
    a->stamp = store_stamp();
    if (fs_list(a->state_fd, &a->before) != 0) {
        *err = format("%s/" ARCHIVE_FOLDER ": %s", dir, strerror(errno));
        goto fail;
    }
    a->owned = 1;
    store_clean_temp(a);
    swap_clean_stale(a);
    if (reports_load(a, err) != 0)
        goto fail;
    a->digests = digest_index_load(a->state_fd, DIGESTS_FILE);
    outputs_load(a);
    return a;

fail:
    archive_close(a);
    return NULL;
}

int archive_needs_landing(const archive *a)
{
    return a->repair;
}

int archive_formats_differ(const archive *a, const emit_options *opt)
{
    size_t count = 0;
    output_file *list = output_files_list(opt, &count);
    /* Out of memory: landing will say so. */
    int differ = !list || outputs_differ(a, list, count);
    free(list);
    return differ;
}

unsigned archive_formats(const archive *a)
{
    unsigned formats = 0;
    for (size_t i = 0; i < a->placed.n; i++) {
        int f = output_files_format_of(a->placed.files[i].name);
        if (f >= 0 && outputs_is_placed(a->dir_fd, &a->placed.files[i]))
            formats |= EMIT_FORMAT_BIT(f);
    }
    return formats;
}

void archive_close(archive *a)
{
    if (!a)
        return;
    /* Only a run that holds the lock, and knows what was there before
     * it, can tell what it wrote itself. */
    if (!a->landed && a->owned)
        store_roll_back(a);
    close_all(a);
    reports_free(a);
    name_set_free(&a->before);
    digest_index_free(a->digests);
    placed_list_free(&a->placed);
    free(a->stamp);
    free(a->dir);
    free(a);
}
