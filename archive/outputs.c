/*
 * The output files landings put in place, so that a later landing can
 * take away those it does not write any more.
 *
 * A run that writes other formats than the run before it (csv, then
 * jsonl) would otherwise leave the earlier run's files beside its own,
 * looking current but missing every report added since, or still holding
 * one taken out.  The folder may be shared, though, and may hold files of
 * the user's under the same names, so a file is taken away only when it
 * is certainly the very one a landing wrote: the record names it with
 * its device, inode, size and modification time, and the entry there
 * must still be a regular file (not a link) of the running user with all
 * four unchanged.  A file the user replaced, edited, linked over or gave
 * to someone else is left alone, as is any name that is not one of the
 * program's output files: the record lies in a folder others may write,
 * so it is never trusted to name anything else.
 *
 * Kept in DIR/.ddor2csv/outputs, written into the staging folder with
 * the datasets so that it lands with them:
 *
 *     ddor2csv outputs 1
 *     DEV INO SIZE MTIME_S MTIME_NS NAME
 *     ...
 *
 * A line that does not read so is ignored, and a record that cannot be
 * read is an empty one: the cost is a stale file left, never a file
 * removed that was not the program's.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../emit/output_files.h"
#include "internal.h"

#define MAGIC "ddor2csv outputs 1\n"
/* A record holds a few dozen lines; a bigger file is not one of ours. */
#define MAX_RECORD_BYTES (64u << 10)

static void append(placed_list *list, const placed_file *f)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 16;
        list->files = realloc(list->files, list->cap * sizeof *list->files);
        if (!list->files) {
            fprintf(stderr, "ddor2csv: out of memory\n");
            exit(1);
        }
    }
    list->files[list->n++] = *f;
}

void placed_list_free(placed_list *list)
{
    free(list->files);
    list->files = NULL;
    list->n = list->cap = 0;
}

void outputs_load(archive *a)
{
    unsigned char *data;
    size_t len;
    if (fs_read_file(a->state_fd, OUTPUTS_FILE, MAX_RECORD_BYTES, &data, &len) != 0)
        return;
    char *text = realloc(data, len + 1);
    if (!text) {
        free(data);
        return;
    }
    text[len] = '\0';
    if (strncmp(text, MAGIC, strlen(MAGIC)) != 0 || memchr(text, '\0', len)) {
        free(text);
        return;
    }
    char *save = NULL;
    for (char *line = strtok_r(text + strlen(MAGIC), "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        placed_file f;
        char name[sizeof f.name + 1];
        int end = 0;
        memset(&f, 0, sizeof f);
        if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64 " %" SCNd64
                   " %64s%n", &f.dev, &f.ino, &f.size, &f.mtime_s, &f.mtime_ns,
                   name, &end) != 6 || line[end] != '\0' ||
            strlen(name) >= sizeof f.name || !output_files_is_ours(name))
            continue;
        memcpy(f.name, name, strlen(name) + 1);
        append(&a->placed, &f);
    }
    free(text);
}

int outputs_is_placed(int dirfd, const placed_file *f)
{
    struct stat st;
    return output_files_is_ours(f->name) &&
           fstatat(dirfd, f->name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
           (uint64_t)st.st_dev == f->dev && (uint64_t)st.st_ino == f->ino &&
           (uint64_t)st.st_size == f->size && st.st_mtim.tv_sec == f->mtime_s &&
           st.st_mtim.tv_nsec == f->mtime_ns;
}

int outputs_mark(int dirfd, const char *name, placed_list *list)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return -1;
    placed_file f;
    memset(&f, 0, sizeof f);
    snprintf(f.name, sizeof f.name, "%s", name);
    f.dev = (uint64_t)st.st_dev;
    f.ino = (uint64_t)st.st_ino;
    f.size = (uint64_t)st.st_size;
    f.mtime_s = st.st_mtim.tv_sec;
    f.mtime_ns = st.st_mtim.tv_nsec;
    append(list, &f);
    return 0;
}

static int listed(const output_file *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return 1;
    return 0;
}

void outputs_stale(const archive *a, const output_file *list, size_t n,
                   placed_list *stale)
{
    for (size_t i = 0; i < a->placed.n; i++) {
        const placed_file *f = &a->placed.files[i];
        if (!listed(list, n, f->name) && outputs_is_placed(a->dir_fd, f))
            append(stale, f);
    }
}

int outputs_differ(const archive *a, const output_file *list, size_t n)
{
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (fstatat(a->dir_fd, list[i].name, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
            errno == ENOENT)
            return 1;
    placed_list stale = { 0 };
    outputs_stale(a, list, n, &stale);
    int differ = stale.n > 0;
    placed_list_free(&stale);
    return differ;
}

int outputs_save(int dirfd, const placed_list *written, const archive *a)
{
    /* Besides this landing's files, the recorded ones still in place:
     * where the files are renamed in one by one, a run cut short leaves
     * some of them there, and its successor must still know them.  (Where
     * the folder is exchanged, the new one holds none of them, and the
     * next landing leaves them out.) */
    placed_list all = { 0 };
    for (size_t i = 0; i < written->n; i++)
        append(&all, &written->files[i]);
    for (size_t i = 0; i < a->placed.n; i++) {
        const placed_file *f = &a->placed.files[i];
        /* One file at a time is in place under a name: a second line
         * for it says nothing more. */
        int again = 0;
        for (size_t k = written->n; k < all.n && !again; k++)
            again = strcmp(all.files[k].name, f->name) == 0;
        if (!again && outputs_is_placed(a->dir_fd, f))
            append(&all, f);
    }
    /* A line is at most 5 numbers of 20 digits or sign, a name, 5 spaces
     * and a newline. */
    size_t line_max = 5 * 21 + sizeof all.files[0].name + 6;
    size_t cap = strlen(MAGIC) + all.n * line_max + 1, len = 0;
    char *text = malloc(cap);
    if (!text) {
        placed_list_free(&all);
        errno = ENOMEM;
        return -1;
    }
    len += (size_t)snprintf(text, cap, "%s", MAGIC);
    for (size_t i = 0; i < all.n; i++) {
        const placed_file *f = &all.files[i];
        len += (size_t)snprintf(text + len, cap - len,
                                "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64
                                " %" PRId64 " %s\n", f->dev, f->ino, f->size,
                                f->mtime_s, f->mtime_ns, f->name);
    }
    /* Synced, as the list of reports: it lands with it. */
    int rc = fs_write_file(dirfd, OUTPUTS_FILE, text, len, 1);
    free(text);
    placed_list_free(&all);
    return rc;
}
