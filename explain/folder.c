/*
 * Folders and files of --explain, each reached from the descriptor of the
 * folder holding it and never through a link (folder.h says why).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "folder.h"

/* A name of one component: openat follows links in every component but
 * the last, so "a/b" could go through a link "a"; "." and ".." are the
 * folder itself and its parent, never a name the program writes. */
static int plain_name(const char *name)
{
    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int folder_open_path(const char *path)
{
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int folder_open(int at, const char *name)
{
    if (!plain_name(name))
        return -1;
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        /* With O_DIRECTORY a link fails as ENOTDIR; say it is a link. */
        struct stat st;
        if (errno == ENOTDIR && fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode))
            errno = ELOOP;
        return -1;
    }
    /* Someone else's folder, even in a folder of ours, is not ours to
     * fill or empty: they could change it under us. */
    struct stat st;
    int e = fstat(fd, &st) != 0 ? errno : st.st_uid != geteuid() ? EPERM : 0;
    if (e) {
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int folder_make(int at, const char *name, mode_t mode, int exclusive)
{
    if (!plain_name(name))
        return -1;
    /* mkdirat never follows a link: one under NAME makes it fail with
     * EEXIST, and folder_open then refuses the link. */
    if (mkdirat(at, name, mode) != 0 && (exclusive || errno != EEXIST))
        return -1;
    return folder_open(at, name);
}

const char *folder_error(int e)
{
    switch (e) {
    case ELOOP:   return "a link, not followed";
    case ENOTDIR: return "not a folder";
    case EPERM:   return "belongs to another user";
    case EINVAL:  return "not a plain file name";
    default:      return strerror(e);
    }
}

int folder_remove_own_file(int at, const char *name)
{
    struct stat st;
    if (!plain_name(name) ||
        fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode) || st.st_uid != geteuid())
        return 0;
    /* unlinkat removes the name in AT only: were it swapped for a link
     * since, the link would go, never what it points at. */
    return unlinkat(at, name, 0) == 0;
}

DIR *folder_list(int fd)
{
    /* closedir closes the descriptor it reads: it gets a copy. */
    int copy = dup(fd);
    DIR *d = copy < 0 ? NULL : fdopendir(copy);
    if (!d) {
        if (copy >= 0)
            close(copy);
        return NULL;
    }
    /* The copy shares FD's position, which an earlier listing moved. */
    rewinddir(d);
    return d;
}

void folder_remove_own_files(int fd, int (*ours)(const char *name, void *arg),
                             void *arg)
{
    DIR *d = folder_list(fd);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (ours(e->d_name, arg))
            folder_remove_own_file(fd, e->d_name);
    closedir(d);
}

/* ---- Files written under a hidden name ------------------------------- */

#define SUFFIX_LEN 6
static const char ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* Six characters no one can guess in advance, so that nobody can plant a
 * name before us; O_EXCL makes a clash fail, never a shared file. */
static void random_suffix(char out[SUFFIX_LEN + 1])
{
    static uint64_t counter;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    /* splitmix64 over the time, the process and a count of the calls */
    uint64_t x = (uint64_t)now.tv_nsec ^ (uint64_t)now.tv_sec << 30 ^
                 (uint64_t)getpid() << 42 ^ ++counter * 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    x ^= x >> 31;
    for (int i = 0; i < SUFFIX_LEN; i++, x /= sizeof ALPHABET - 1)
        out[i] = ALPHABET[x % (sizeof ALPHABET - 1)];
    out[SUFFIX_LEN] = '\0';
}

int at_file_open(at_file *f, int at, const char *name)
{
    f->at = at;
    f->name = name;
    f->temp[0] = '\0';
    f->fd = -1;
    if (!plain_name(name))
        return -1;
    for (int tries = 0; tries < 100; tries++) {
        char suffix[SUFFIX_LEN + 1];
        random_suffix(suffix);
        int len = snprintf(f->temp, sizeof f->temp, ".%s.%s", name, suffix);
        if (len < 0 || (size_t)len >= sizeof f->temp) {
            f->temp[0] = '\0';
            errno = ENAMETOOLONG;
            return -1;
        }
        f->fd = openat(at, f->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                        O_CLOEXEC, 0666);
        if (f->fd >= 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    f->temp[0] = '\0';
    return -1;
}

int at_file_write(at_file *f, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(f->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int at_file_commit(at_file *f, int sync)
{
    int failed = sync && fsync(f->fd) != 0;
    int e = errno;
    if (close(f->fd) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    f->fd = -1;
    if (failed) {
        errno = e;
        return -1;
    }
    if (renameat(f->at, f->temp, f->at, f->name) != 0)
        return -1;
    f->temp[0] = '\0';
    return 0;
}

void at_file_discard(at_file *f)
{
    int e = errno;
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
    /* The hidden name is ours: O_EXCL created it. */
    if (f->temp[0])
        unlinkat(f->at, f->temp, 0);
    f->temp[0] = '\0';
    errno = e;
}

int at_file_target(const char *name, char final[256])
{
    size_t len = strlen(name);
    if (name[0] != '.' || len < SUFFIX_LEN + 3 || len - SUFFIX_LEN - 2 >= 256 ||
        name[len - SUFFIX_LEN - 1] != '.' ||
        strspn(name + len - SUFFIX_LEN, ALPHABET) != SUFFIX_LEN)
        return 0;
    memcpy(final, name + 1, len - SUFFIX_LEN - 2);
    final[len - SUFFIX_LEN - 2] = '\0';
    return 1;
}
