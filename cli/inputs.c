/*
 * Expanding arguments into input files; see inputs.h.
 *
 * A folder is walked in full before its files are sorted, so that the
 * order depends only on the names, never on the order in which the file
 * system happens to list them: a re-run, or a copy of the archive on
 * another machine, gives the same rows in the same order.  Entries whose
 * names start with "." are skipped, as the shell's `*` skips them, and
 * symbolic links to folders are not followed, so that a link loop cannot
 * make the walk endless.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "diag.h"
#include "inputs.h"

static void add_path(input_list *list, char *path)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        char **paths = realloc(list->paths, cap * sizeof *paths);
        if (!paths)
            diag_out_of_memory();
        list->paths = paths;
        list->cap = cap;
    }
    list->paths[list->n++] = path;
}

static char *join_path(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    size_t size = dlen + 1 + strlen(name) + 1;
    char *path = malloc(size);
    if (!path)
        diag_out_of_memory();
    snprintf(path, size, "%.*s%s%s", (int)dlen, dir,
             dlen && dir[dlen - 1] == '/' ? "" : "/", name);
    return path;
}

static int has_pdf_suffix(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcasecmp(name + len - 4, ".pdf") == 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every PDF file below DIR to LIST, unsorted.  Returns 0, or -1
 * after reporting a folder that cannot be read. */
static int walk_folder(const char *dir, input_list *list)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag("%s: cannot read folder: %s", dir, strerror(errno));
        return -1;
    }
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = join_path(dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk_folder(path, list) != 0)
                status = -1;
            free(path);
        } else if (has_pdf_suffix(e->d_name) && stat(path, &st) == 0 &&
                   S_ISREG(st.st_mode)) {
            add_path(list, path);
        } else {
            free(path);
        }
    }
    closedir(d);
    return status;
}

static void expand_folder(const char *dir, input_list *list)
{
    size_t first = list->n;
    if (walk_folder(dir, list) != 0)
        list->failed = 1;
    if (list->n == first) {
        diag("%s: no PDF files in folder", dir);
        list->failed = 1;
        return;
    }
    qsort(list->paths + first, list->n - first, sizeof *list->paths,
          compare_paths);
}

static char *dup_path(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        diag_out_of_memory();
    return copy;
}

/* One argument: a folder is expanded; anything else, even a name that
 * does not exist, is an input, whose conversion reports what is wrong. */
static void expand_one(const char *arg, input_list *list)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        expand_folder(arg, list);
    else
        add_path(list, dup_path(arg));
}

/* "-": one argument per line of standard input.  Empty lines are skipped;
 * a CR before the LF is dropped, for lists written on Windows. */
static void expand_stdin(input_list *list)
{
    char *line = NULL;
    size_t size = 0;
    ssize_t len;
    while ((len = getline(&line, &size, stdin)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len > 0)
            expand_one(line, list);
    }
    if (ferror(stdin)) {
        diag("standard input: %s", strerror(errno));
        list->failed = 1;
    }
    free(line);
}

void inputs_expand(char *const *args, size_t n, input_list *list)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(args[i], "-") == 0)
            expand_stdin(list);
        else
            expand_one(args[i], list);
    }
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->paths[i]);
    free(list->paths);
    memset(list, 0, sizeof *list);
}
