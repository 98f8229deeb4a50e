/*
 * Pages staged by the workers -> DIR/<report_id>/, once report ids are
 * known (they depend on every input of the run, emit_assign_ids).
 *
 * Each worker draws into a hidden folder named after the run and its
 * input, so that workers never share a folder and a run never touches
 * another's.  Moving a page is a rename within DIR: an image is either
 * the old complete one or the new complete one.  The pages of an earlier
 * run in a report's folder are removed first, so that a report now
 * shorter keeps no stale pages.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "explain_private.h"

char *explain_staging_folder(const char *dir, long run, size_t index)
{
    return explain_format("%s/.pages-%ld-%zu", dir, run, index);
}

void explain_note_failure(const char *folder, const char *reason)
{
    (void)mkdir(folder, 0777);
    char *path = explain_format("%s/%s", folder, EXPLAIN_FAILED);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(reason, f);
        fclose(f);
    }
    free(path);
}

/* The folder name of a report: its id, which never holds a '/' (it is a
 * date or a file's base name), kept from being hidden or "..". */
static char *report_folder(const char *report_id)
{
    const char *id = report_id && *report_id ? report_id : "report";
    return explain_format("%s%s", id[0] == '.' ? "_" : "", id);
}

static int is_page_file(const char *name)
{
    size_t len = strlen(name);
    return strncmp(name, "page-", 5) == 0 && len > 9 &&
           strcmp(name + len - 4, ".png") == 0;
}

/* Removes the page images in FOLDER, and nothing else of it; or, with
 * ALL, every file in it (a staging folder, ours alone). */
static void remove_files(const char *folder, int all)
{
    DIR *d = opendir(folder);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (all ? strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
                : !is_page_file(e->d_name))
            continue;
        char *path = explain_format("%s/%s", folder, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
}

/* The reason a worker left in STAGED, or NULL. */
static char *staged_failure(const char *staged)
{
    char *path = explain_format("%s/%s", staged, EXPLAIN_FAILED);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return NULL;
    char buf[512];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    return explain_format("%s", buf);
}

/* Moves pages 1, 2, ... from STAGED to FINAL until one is missing.
 * Returns how many, or -1 with *problem set when FINAL cannot hold them. */
static int move_pages(const char *staged, const char *final, char **problem)
{
    struct stat st;
    if (stat(staged, &st) != 0) {
        remove_files(final, 0);
        return 0;
    }
    if (mkdir(final, 0777) != 0 && errno != EEXIST) {
        *problem = explain_format("%s: %s", final, strerror(errno));
        return -1;
    }
    if (stat(final, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *problem = explain_format("%s: not a directory", final);
        return -1;
    }
    remove_files(final, 0);
    int moved = 0;
    for (;; moved++) {
        char name[PAGE_NAME_SIZE];
        page_file_name(name, moved + 1);
        char *from = explain_format("%s/%s", staged, name);
        char *to = explain_format("%s/%s", final, name);
        int ok = rename(from, to) == 0;
        if (!ok && errno != ENOENT)
            *problem = explain_format("%s: %s", to, strerror(errno));
        free(from);
        free(to);
        if (!ok)
            break;
    }
    return *problem ? -1 : moved;
}

void explain_clean_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        long run;
        size_t index;
        int end = 0;
        if (sscanf(e->d_name, ".pages-%ld-%zu%n", &run, &index, &end) != 2 ||
            e->d_name[end] != '\0' || run <= 0 || run == (long)getpid() ||
            kill((pid_t)run, 0) == 0 || errno != ESRCH)
            continue;
        char *staged = explain_format("%s/%s", dir, e->d_name);
        remove_files(staged, 1);
        rmdir(staged);
        free(staged);
    }
    closedir(d);
}

int explain_publish(const char *dir, long run, const emit_source *sources,
                    size_t n, explain_problem problem, char **err)
{
    *err = NULL;
    char **folder = calloc(n ? n : 1, sizeof *folder);
    char **trouble = calloc(n ? n : 1, sizeof *trouble);
    int *drawn = calloc(n ? n : 1, sizeof *drawn);
    if (!folder || !trouble || !drawn)
        abort();
    int complete = 1;
    for (size_t i = 0; i < n; i++) {
        const emit_source *s = &sources[i];
        char *staged = explain_staging_folder(dir, run, i);
        folder[i] = report_folder(s->report_id);
        char *final = explain_format("%s/%s", dir, folder[i]);
        drawn[i] = move_pages(staged, final, &trouble[i]);
        free(final);
        if (drawn[i] < 0)
            drawn[i] = 0;
        char *failure = staged_failure(staged);
        if (!trouble[i] && failure)
            trouble[i] = explain_format("%s", failure);
        else if (!trouble[i] && drawn[i] < s->pages)
            trouble[i] = explain_format("%d of %d pages drawn", drawn[i], s->pages);
        free(failure);
        remove_files(staged, 1);
        rmdir(staged);
        free(staged);
        if (trouble[i]) {
            complete = 0;
            if (problem)
                problem(s->source_file, trouble[i]);
        }
    }
    int written = explain_write_index(dir, sources, folder, drawn, trouble, n, err);
    for (size_t i = 0; i < n; i++) {
        free(folder[i]);
        free(trouble[i]);
    }
    free(folder);
    free(trouble);
    free(drawn);
    return complete && written == 0 ? 0 : -1;
}
