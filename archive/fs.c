/*
 * Files of the archive, reached from folder descriptors.
 *
 * An output folder may be shared with other people, who can plant a link
 * under any name the program uses.  So nothing here resolves a path: every
 * name is one component opened from a folder descriptor with O_NOFOLLOW,
 * new names are made with O_EXCL (an existing name, a link included, is a
 * failure, never a file written through), and removal checks what the name
 * is before unlinking it.
 */
#define _GNU_SOURCE           /* O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

int fs_open_folder(int dirfd, const char *name)
{
    return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Twelve random letters and digits: names no one can guess ahead. */
static void random_tag(char tag[13])
{
    static const char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char bytes[12];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes) {
        /* No entropy yet: unpredictable enough with the clock and pid,
         * and O_EXCL still refuses any name that exists. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
        for (size_t i = 0; i < sizeof bytes; i++, x = x * 6364136223846793005UL + 1)
            bytes[i] = (unsigned char)(x >> 33);
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        tag[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
    tag[12] = '\0';
}

static mode_t file_mode(void)
{
    /* umask() can only be read by setting it; the parent is single
     * threaded, so setting it back at once is safe. */
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

int fs_create_temp(int dirfd, char name[32])
{
    for (int tries = 0; tries < 100; tries++) {
        char tag[13];
        random_tag(tag);
        snprintf(name, 32, TEMP_PREFIX "%s", tag);
        int fd = openat(dirfd, name,
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        file_mode());
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int fs_write_file(int dirfd, const char *name, const void *data, size_t len,
                  int sync)
{
    char temp[32];
    int fd = fs_create_temp(dirfd, temp);
    if (fd < 0)
        return -1;
    int ok = write_all(fd, data, len) == 0 && (!sync || fsync(fd) == 0);
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    /* renameat replaces NAME itself, a link planted there included: it
     * never writes through it. */
    if (ok && renameat(dirfd, temp, dirfd, name) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        (void)unlinkat(dirfd, temp, 0);
        errno = e;
        return -1;
    }
    return 0;
}

int fs_read_file(int dirfd, const char *name, size_t max, unsigned char **data,
                 size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (unsigned long long)st.st_size > max) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *buf = malloc(size + 1);
    size_t got = 0;
    while (buf && got <= size) {
        ssize_t r = read(fd, buf + got, size + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    /* A file that is not the size it was when opened is being changed. */
    if (!buf || got != size) {
        free(buf);
        errno = buf ? EAGAIN : ENOMEM;
        return -1;
    }
    *data = buf;
    *len = size;
    return 0;
}

int fs_remove_ours(int dirfd, const char *name)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode) || st.st_uid != geteuid())
        return -1;
    return unlinkat(dirfd, name, 0);
}

int fs_random_name(const char *prefix, char *name, size_t size)
{
    char tag[13];
    random_tag(tag);
    if ((size_t)snprintf(name, size, "%s%s", prefix, tag) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int fs_make_folder_named(int dirfd, const char *name, mode_t mode)
{
    if (mkdirat(dirfd, name, mode) != 0)
        return -1;
    int fd = fs_open_folder(dirfd, name);
    if (fd < 0) {
        int e = errno;
        (void)unlinkat(dirfd, name, AT_REMOVEDIR);
        errno = e;
    }
    return fd;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list(int dirfd, name_set *set)
{
    set->names = NULL;
    set->n = 0;
    /* fdopendir takes the descriptor over: list through a copy. */
    int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (set->n == cap) {
            cap = cap ? 2 * cap : 32;
            char **grown = realloc(set->names, cap * sizeof *grown);
            if (!grown)
                goto nomem;
            set->names = grown;
        }
        if (!(set->names[set->n] = strdup(e->d_name)))
            goto nomem;
        set->n++;
    }
    closedir(d);
    if (set->n)
        qsort(set->names, set->n, sizeof *set->names, by_name);
    return 0;
nomem:
    closedir(d);
    name_set_free(set);
    errno = ENOMEM;
    return -1;
}

int name_set_has(const name_set *set, const char *name)
{
    return set->n && bsearch(&name, set->names, set->n, sizeof *set->names,
                             by_name) != NULL;
}

void name_set_free(name_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->names[i]);
    free(set->names);
    set->names = NULL;
    set->n = 0;
}
