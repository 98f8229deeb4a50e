/*
 * Pages staged by the workers -> DIR/<report_id>/, once report ids are
 * known (they depend on every input of the run, emit_assign_ids).
 *
 * Moving a page is a rename within DIR: an image is either the old
 * complete one or the new complete one.  The pages of an earlier run
 * numbered beyond the new last page are removed after, so that a report
 * now shorter keeps no stale pages.  Only page images, regular files of
 * this user's, are ever removed from a report's folder: whatever else is
 * in it stays.  Every folder is reached from DIR's descriptor without
 * following a link (folder.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "explain_private.h"
#include "folder.h"

/* Whether report id ID can name its folder in DIR: one component, not
 * hidden (nor "." or ".."), not the index, no control characters.  Ids
 * come partly from file names; one that fails is refused, not mended,
 * so that two reports never end up sharing a folder. */
static int safe_folder_name(const char *id)
{
    if (!id || !*id || id[0] == '.' || strcmp(id, "index.html") == 0)
        return 0;
    for (const unsigned char *s = (const unsigned char *)id; *s; s++)
        if (*s == '/' || *s < 0x20 || *s == 0x7f)
            return 0;
    return 1;
}

/* A page image numbered beyond *KEEP. */
static int page_beyond(const char *name, void *keep)
{
    return page_file_number(name) > *(int *)keep;
}

/* Removes the page images numbered beyond KEEP from FOLDER in AT, if it
 * is a folder of this user's. */
static void remove_pages_beyond(int at, const char *folder, int keep)
{
    int fd = folder_open(at, folder);
    if (fd < 0)
        return;
    folder_remove_own_files(fd, page_beyond, &keep);
    close(fd);
}

/* Moves pages 1, 2, ... from the staging folder STAGED to FOLDER in AT
 * (DIR, for messages) until one is missing.  Returns how many, or -1
 * with *problem set when FOLDER cannot hold them. */
static int move_pages(int at, const char *dir, int staged, const char *folder,
                      char **problem)
{
    int fd = folder_make(at, folder, 0777, 0);
    if (fd < 0) {
        *problem = explain_format("%s/%s: %s", dir, folder, folder_error(errno));
        return -1;
    }
    int moved = 0;
    for (;; moved++) {
        char name[PAGE_NAME_SIZE];
        page_file_name(name, moved + 1);
        if (renameat(staged, name, fd, name) != 0) {
            if (errno != ENOENT)
                *problem = explain_format("%s/%s/%s: %s", dir, folder, name,
                                          strerror(errno));
            break;
        }
    }
    close(fd);
    return *problem ? -1 : moved;
}

/* Puts the pages staged for input I of run RUN, SOURCE, in its report's
 * folder and removes the staging folder.  Returns how many pages are in
 * place; *problem is set when not all of them could be. */
static int publish_one(int at, const char *dir, long run, size_t i,
                       const emit_source *source, char **problem)
{
    char name[STAGING_NAME_SIZE];
    staging_name(name, run, i);
    int staged = folder_open(at, name);
    int drawn = 0;
    if (!safe_folder_name(source->report_id)) {
        /* Said only of a report that has pages to skip. */
        if (staged >= 0 || source->pages > 0)
            *problem = explain_format("report id \"%s\" cannot name a folder",
                                      source->report_id ? source->report_id : "");
    } else if (staged < 0)
        /* Nothing drawn (an input that failed): no pages of an earlier
         * run stay to be taken for this one's. */
        remove_pages_beyond(at, source->report_id, 0);
    else {
        drawn = move_pages(at, dir, staged, source->report_id, problem);
        if (drawn >= 0)
            remove_pages_beyond(at, source->report_id, drawn);
    }
    if (drawn < 0)
        drawn = 0;
    if (staged >= 0) {
        char *failure = staging_failure(staged);
        if (!*problem && failure)
            *problem = failure;
        else
            free(failure);
        close(staged);
    }
    if (!*problem && drawn < source->pages)
        *problem = explain_format("%d of %d pages drawn", drawn, source->pages);
    staging_remove(at, name);
    return drawn;
}

int explain_publish(const char *dir, long run, const emit_source *sources,
                    size_t n, explain_problem problem, char **err)
{
    *err = NULL;
    int at = folder_open_path(dir);
    if (at < 0) {
        *err = explain_format("%s: %s", dir, strerror(errno));
        return -1;
    }
    char **folder = calloc(n ? n : 1, sizeof *folder);
    char **trouble = calloc(n ? n : 1, sizeof *trouble);
    int *drawn = calloc(n ? n : 1, sizeof *drawn);
    if (!folder || !trouble || !drawn)
        abort();
    int complete = 1;
    for (size_t i = 0; i < n; i++) {
        drawn[i] = publish_one(at, dir, run, i, &sources[i], &trouble[i]);
        folder[i] = drawn[i] > 0 ? sources[i].report_id : NULL;
        if (trouble[i]) {
            complete = 0;
            if (problem)
                problem(sources[i].source_file, trouble[i]);
        }
    }
    int written = explain_write_index(at, dir, sources, folder, drawn, trouble,
                                      n, err);
    close(at);
    for (size_t i = 0; i < n; i++)
        free(trouble[i]);
    free(folder);
    free(trouble);
    free(drawn);
    return complete && written == 0 ? 0 : -1;
}
