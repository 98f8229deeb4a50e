/*
 * The staging folders: DIR/.pages-RUN-INDEX, where the worker converting
 * input INDEX of run RUN (the parent's process id) draws its pages, so
 * that workers never share a folder and a run never touches another's.
 *
 * A staging folder is made by its worker with mkdirat, 0700, failing if
 * the name is taken: what is in it was written by the program, and a
 * link or someone else's folder planted under its name is never opened.
 * Clearing one removes only the files the program writes there (page
 * images, the failure note, their hidden temporaries), and the folder
 * only once that leaves it empty.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "explain_private.h"
#include "folder.h"

void staging_name(char name[STAGING_NAME_SIZE], long run, size_t index)
{
    snprintf(name, STAGING_NAME_SIZE, ".pages-%ld-%zu", run, index);
}

char *explain_staging_folder(const char *dir, long run, size_t index)
{
    char name[STAGING_NAME_SIZE];
    staging_name(name, run, index);
    return explain_format("%s/%s", dir, name);
}

int staging_open(const char *folder, int create)
{
    /* FOLDER is DIR/NAME: DIR is the user's folder, opened as named;
     * NAME is looked up in it without following a link. */
    const char *slash = strrchr(folder, '/');
    char *dir = !slash ? explain_format(".")
              : slash == folder ? explain_format("/")
              : explain_format("%.*s", (int)(slash - folder), folder);
    const char *name = slash ? slash + 1 : folder;
    int at = folder_open_path(dir);
    free(dir);
    if (at < 0)
        return -1;
    int fd = create ? folder_make(at, name, 0700, 1) : folder_open(at, name);
    int e = errno;
    close(at);
    errno = e;
    return fd;
}

void explain_note_failure(const char *folder, const char *reason)
{
    /* The folder is there unless drawing failed before making it. */
    int at = staging_open(folder, 0);
    if (at < 0 && errno == ENOENT)
        at = staging_open(folder, 1);
    if (at < 0)
        return;
    at_file f;
    if (at_file_open(&f, at, EXPLAIN_FAILED) != 0 ||
        at_file_write(&f, reason, strlen(reason)) != 0 ||
        at_file_commit(&f, 0) != 0)
        at_file_discard(&f);
    close(at);
}

char *staging_failure(int at)
{
    /* O_NONBLOCK: a pipe under the name would not hold the run up. */
    int fd = openat(at, EXPLAIN_FAILED, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
                                            O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        return NULL;
    char buf[512];
    ssize_t len = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[len > 0 ? len : 0] = '\0';
    return explain_format("%s", buf);
}

/* A name the program writes in a staging folder. */
static int staged_file(const char *name, void *unused)
{
    (void)unused;
    char final[256];
    if (at_file_target(name, final))
        name = final;
    return page_file_number(name) > 0 || strcmp(name, EXPLAIN_FAILED) == 0;
}

void staging_remove(int at, const char *name)
{
    int fd = folder_open(at, name);
    if (fd < 0)
        return;
    folder_remove_own_files(fd, staged_file, NULL);
    close(fd);
    /* Fails, leaving it, when anything else is in it (or it has been
     * swapped for something other than an empty folder since). */
    unlinkat(at, name, AT_REMOVEDIR);
}

/* Whether NAME is a staging folder's name, of a run no longer running. */
static int stale(const char *name)
{
    long run;
    size_t index;
    int end = 0;
    if (sscanf(name, ".pages-%ld-%zu%n", &run, &index, &end) != 2 ||
        name[end] != '\0' || run <= 0)
        return 0;
    /* This run's workers have not started yet: a folder named after this
     * process was left by an earlier one that had the same id. */
    return run == (long)getpid() || (kill((pid_t)run, 0) != 0 && errno == ESRCH);
}

void explain_clean_stale(const char *dir)
{
    int at = folder_open_path(dir);
    DIR *d = at < 0 ? NULL : folder_list(at);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (stale(e->d_name))
                staging_remove(at, e->d_name);
        closedir(d);
    }
    if (at >= 0)
        close(at);
}
