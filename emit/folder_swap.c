/*
 * folder_swap: replacing the datasets of a folder all at once; see
 * folder_swap.h for the why.
 *
 * The order of the steps is what makes a kill harmless at any moment:
 *
 *   1. the new files are written into the staging folder (a kill leaves a
 *      stray hidden folder, removed by the next run);
 *   2. every other entry of the output folder is hard-linked into it, so
 *      both folders hold the user's files (a kill: as in 1);
 *   3. the two folders are exchanged in one system call (before it: the
 *      old folder; after it: the new one, complete);
 *   4. the old folder, now under the staging name, is removed (a kill
 *      leaves it to the next run; the user's files live on by their other
 *      link, and only what the new folder also holds is deleted).
 */
#define _GNU_SOURCE           /* renameat2, RENAME_EXCHANGE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "folder_swap.h"
#include "text_format.h"

/* The staging folder's name: beside the output folder,
 * ".<name>.ddor2csv-<pid>-XXXXXX"; inside it, ".ddor2csv-staging-<pid>-
 * XXXXXX".  The pid tells a killed run's folder from a running one's. */
#define SIBLING_TAG ".ddor2csv-"
#define INSIDE_PREFIX ".ddor2csv-staging-"

static char *parent_of(const char *real)
{
    const char *slash = strrchr(real, '/');
    if (!slash || slash == real)
        return strdup("/");
    return strndup(real, (size_t)(slash - real));
}

static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Removes STALE, a staging folder or an old output folder, deleting only
 * what is certainly not the user's only copy: files the program writes
 * (by name), the program's own subfolder, and entries that LIVE, the
 * output folder, holds under the same name (the same inode, for a file).
 * Anything else keeps the folder, which then stays where it is. */
static void prune(const char *stale, const char *live, const char *own,
                  int (*ours)(const char *name), int all_ours)
{
    DIR *d = opendir(stale);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char *path = text_format("%s/%s", stale, name);
        char *twin = text_format("%s/%s", live, name);
        struct stat st, tw;
        if (!path || !twin || lstat(path, &st) != 0) {
            /* nothing to remove, or no memory to find out: keep it */
        } else if (S_ISDIR(st.st_mode)) {
            if (own && strcmp(name, own) == 0)
                prune(path, twin, NULL, NULL, 1);
        } else if (all_ours || (ours && ours(name)) ||
                   (lstat(twin, &tw) == 0 &&
                    (S_ISLNK(st.st_mode) ||
                     (tw.st_dev == st.st_dev && tw.st_ino == st.st_ino)))) {
            (void)unlink(path);
        }
        free(twin);
        free(path);
    }
    closedir(d);
    (void)rmdir(stale);
}

/* Is DIR, resolved as REAL, one that may be exchanged as a whole?  Not
 * when processes of ours depend on its identity (the current folder is in
 * it), when it is a mount point, or when it is not ours to recreate. */
static int swappable(const char *real)
{
    char cwd[PATH_MAX];
    size_t len = strlen(real);
    if (!getcwd(cwd, sizeof cwd) ||
        (strncmp(cwd, real, len) == 0 && (cwd[len] == '\0' || cwd[len] == '/')))
        return 0;
    if (strcmp(real, "/") == 0)
        return 0;
    char *parent = parent_of(real);
    struct stat self, up;
    int ok = parent && stat(real, &self) == 0 && stat(parent, &up) == 0 &&
             self.st_dev == up.st_dev && self.st_uid == geteuid() &&
             access(parent, W_OK | X_OK) == 0;
    free(parent);
    return ok;
}

int folder_swap_begin(folder_swap *s, const char *dir, const char *own,
                      int (*ours)(const char *name),
                      void (*step)(const char *what))
{
    memset(s, 0, sizeof *s);
    s->own = own;
    s->ours = ours;
    s->step = step;
    s->dir = strdup(dir);
    s->real_dir = realpath(dir, NULL);
    if (!s->dir || !s->real_dir)
        goto fail;

    if (swappable(s->real_dir)) {
        char *parent = parent_of(s->real_dir);
        const char *base = strrchr(s->real_dir, '/') + 1;
        s->staging = parent ? text_format("%s/.%s" SIBLING_TAG "%ld-XXXXXX", parent,
                                     base, (long)getpid()) : NULL;
        free(parent);
        if (!s->staging)
            goto fail;
        struct stat st;
        if (mkdtemp(s->staging) && stat(s->real_dir, &st) == 0 &&
            chmod(s->staging, st.st_mode & 07777) == 0) {
            struct stat made;
            /* A folder with the set-group-ID bit gives new entries its
             * group; the replacement must keep the group of the old. */
            if (stat(s->staging, &made) == 0 && made.st_gid != st.st_gid &&
                chown(s->staging, (uid_t)-1, st.st_gid) != 0) {
                (void)rmdir(s->staging);
            } else {
                return 0;
            }
        }
        free(s->staging);
        s->staging = NULL;
    }

    s->in_place = 1;
    s->staging = text_format("%s/" INSIDE_PREFIX "%ld-XXXXXX", s->real_dir,
                        (long)getpid());
    if (s->staging && mkdtemp(s->staging))
        return 0;

fail:;
    int e = errno;
    free(s->staging);
    s->staging = NULL;
    folder_swap_end(s);
    errno = e;
    return -1;
}

static void step(const folder_swap *s, const char *what)
{
    if (s->step)
        s->step(what);
}

/* The names of the files written into the staging folder. */
typedef struct {
    char **names;
    size_t n;
} name_list;

static void names_free(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->n = 0;
}

static int names_has(const name_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0)
            return 1;
    return 0;
}

static int list_names(const char *dir, name_list *l)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (l->n == cap) {
            cap = cap ? 2 * cap : 16;
            char **grown = realloc(l->names, cap * sizeof *grown);
            if (!grown)
                goto nomem;
            l->names = grown;
        }
        if (!(l->names[l->n] = strdup(e->d_name)))
            goto nomem;
        l->n++;
    }
    closedir(d);
    return 0;
nomem:
    closedir(d);
    errno = ENOMEM;
    return -1;
}

/* Gives entry NAME of FROM a second name in TO: a hard link, or for a
 * symbolic link a copy.  Returns 0, or -1 when it cannot be carried. */
static int carry_entry(const char *from, const char *to, const char *name,
                       int regular_only)
{
    char *src = text_format("%s/%s", from, name);
    char *dst = text_format("%s/%s", to, name);
    struct stat st;
    int rc = -1;
    if (src && dst && lstat(src, &st) == 0) {
        if (S_ISREG(st.st_mode)) {
            rc = link(src, dst);
        } else if (S_ISLNK(st.st_mode) && !regular_only) {
            char target[PATH_MAX];
            ssize_t len = readlink(src, target, sizeof target - 1);
            if (len >= 0) {
                target[len] = '\0';
                rc = symlink(target, dst);
            }
        }
    }
    free(src);
    free(dst);
    return rc;
}

/* Carries the program's own subfolder over, entry by entry. */
static int carry_own(const folder_swap *s)
{
    char *from = text_format("%s/%s", s->real_dir, s->own);
    char *to = text_format("%s/%s", s->staging, s->own);
    name_list l = { 0 };
    struct stat st;
    int rc = -1;
    if (from && to && lstat(from, &st) == 0 && S_ISDIR(st.st_mode) &&
        mkdir(to, st.st_mode & 07777) == 0 && list_names(from, &l) == 0) {
        rc = 0;
        for (size_t i = 0; i < l.n && rc == 0; i++)
            rc = carry_entry(from, to, l.names[i], 1);
        if (rc == 0)
            sync_folder(to);
    }
    names_free(&l);
    free(from);
    free(to);
    return rc;
}

/* Step 2: every entry of the output folder that is not replaced gets a
 * name in the staging folder too.  Returns 0, or -1 when some entry
 * cannot be carried (a folder of the user's, say). */
static int carry_over(const folder_swap *s, const name_list *fresh)
{
    name_list old = { 0 };
    if (list_names(s->real_dir, &old) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < old.n && rc == 0; i++) {
        const char *name = old.names[i];
        if (strncmp(name, INSIDE_PREFIX, strlen(INSIDE_PREFIX)) == 0)
            continue;
        if (names_has(fresh, name)) {
            /* Replaced; but a folder of that name is not ours to drop
             * (the way file by file then says why it cannot go on). */
            struct stat st;
            char *path = text_format("%s/%s", s->real_dir, name);
            rc = !path || (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) ? -1 : 0;
            free(path);
            continue;
        }
        if (s->own && strcmp(name, s->own) == 0)
            rc = carry_own(s);
        else
            rc = carry_entry(s->real_dir, s->staging, name, 0);
    }
    names_free(&old);
    return rc;
}

/* The way without exchange: each new file renamed into place. */
static int commit_in_place(folder_swap *s, const name_list *fresh,
                           const char **failed)
{
    /* rename() cannot replace a folder: find that out before replacing
     * anything, so that the files are replaced all or none. */
    for (size_t i = 0; i < fresh->n; i++) {
        char *dst = text_format("%s/%s", s->real_dir, fresh->names[i]);
        struct stat st;
        int blocked = !dst || (lstat(dst, &st) == 0 && S_ISDIR(st.st_mode));
        free(dst);
        if (blocked) {
            *failed = fresh->names[i];
            errno = dst ? EISDIR : ENOMEM;
            return -1;
        }
    }
    for (size_t i = 0; i < fresh->n; i++) {
        char *src = text_format("%s/%s", s->staging, fresh->names[i]);
        char *dst = text_format("%s/%s", s->real_dir, fresh->names[i]);
        int rc = src && dst ? rename(src, dst) : -1;
        int e = errno;
        free(src);
        free(dst);
        if (rc != 0) {
            *failed = fresh->names[i];
            errno = e;
            return -1;
        }
        step(s, "commit: renamed one file into place");
    }
    sync_folder(s->real_dir);
    return 0;
}

int folder_swap_commit(folder_swap *s, const char **failed)
{
    static char failed_name[NAME_MAX + 1];
    const char *culprit = NULL;
    name_list fresh = { 0 };
    int rc = -1;
    if (list_names(s->staging, &fresh) != 0)
        goto done;
    step(s, "commit: files written");

    if (!s->in_place && carry_over(s, &fresh) == 0) {
        sync_folder(s->staging);
        step(s, "commit: other entries carried over");
        if (renameat2(AT_FDCWD, s->staging, AT_FDCWD, s->real_dir,
                      RENAME_EXCHANGE) == 0) {
            char *parent = parent_of(s->real_dir);
            if (parent)
                sync_folder(parent);
            free(parent);
            step(s, "commit: folders exchanged");
            rc = 0;
            goto done;        /* the old folder goes with the staging name */
        }
    }
    rc = commit_in_place(s, &fresh, &culprit);

done:;
    int e = errno;
    if (culprit) {
        snprintf(failed_name, sizeof failed_name, "%s", culprit);
        culprit = failed_name;
    }
    if (failed)
        *failed = culprit;
    names_free(&fresh);
    errno = e;
    return rc;
}

void folder_swap_end(folder_swap *s)
{
    if (s->staging) {
        prune(s->staging, s->real_dir, s->own, s->ours, 0);
        step(s, "commit: staging folder removed");
    }
    free(s->staging);
    free(s->real_dir);
    free(s->dir);
    memset(s, 0, sizeof *s);
}

/* Is NAME, which starts with PREFIX, followed by the pid of a process
 * that no longer runs? */
static int left_by_dead_run(const char *name, const char *prefix)
{
    const char *p = name + strlen(prefix);
    char *end;
    long pid = strtol(p, &end, 10);
    if (end == p || *end != '-' || pid <= 0 || pid == (long)getpid())
        return 0;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static void clean_in(const char *dir, const char *prefix, const char *live,
                     const char *own, int (*ours)(const char *name))
{
    name_list l = { 0 };
    if (list_names(dir, &l) != 0)
        return;
    for (size_t i = 0; i < l.n; i++) {
        if (strncmp(l.names[i], prefix, strlen(prefix)) == 0 &&
            left_by_dead_run(l.names[i], prefix)) {
            char *path = text_format("%s/%s", dir, l.names[i]);
            if (path)
                prune(path, live, own, ours, 0);
            free(path);
        }
    }
    names_free(&l);
}

void folder_swap_clean_stale(const char *dir, const char *own,
                             int (*ours)(const char *name))
{
    char *real = realpath(dir, NULL);
    if (!real)
        return;
    clean_in(real, INSIDE_PREFIX, real, own, ours);
    if (strcmp(real, "/") != 0) {
        char *parent = parent_of(real);
        char *prefix = text_format(".%s" SIBLING_TAG, strrchr(real, '/') + 1);
        if (parent && prefix)
            clean_in(parent, prefix, real, own, ours);
        free(prefix);
        free(parent);
    }
    free(real);
}
