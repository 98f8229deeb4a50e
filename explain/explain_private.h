/* Internal to explain/: what its files share. */
#ifndef DDOR_EXPLAIN_PRIVATE_H
#define DDOR_EXPLAIN_PRIVATE_H

#include "explain.h"

/* The file name of the image of page NUMBER (1-based), into NAME. */
#define PAGE_NAME_SIZE 32
void page_file_name(char name[PAGE_NAME_SIZE], int number);

/* The number of the page whose image NAME is (exactly as page_file_name
 * names it), or 0 when NAME is no page image's. */
int page_file_number(const char *name);

/* A malloc'd formatted string (ends the program when out of memory). */
char *explain_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The name of the staging folder of input INDEX of run RUN, in the
 * --explain folder: ".pages-RUN-INDEX". */
#define STAGING_NAME_SIZE 64
void staging_name(char name[STAGING_NAME_SIZE], long run, size_t index);

/* The staging folder FOLDER (as explain_staging_folder names it) opened
 * as folder_open does; with CREATE, made first, 0700, and only if
 * nothing has its name.  Returns a descriptor, or -1 with errno set. */
int staging_open(const char *folder, int create);

/* The reason a worker left in the staging folder AT, or NULL (malloc'd). */
char *staging_failure(int at);

/* Removes the staging folder NAME of the folder AT with the files the
 * program writes in it, if it is a folder of this user's; a folder that
 * holds anything else is left. */
void staging_remove(int at, const char *name);

/* Writes index.html in the folder AT (DIR, for messages): every input
 * with its checks and links to the DRAWN[i] pages of each in FOLDER[i]
 * (NULL: none), or PROBLEM[i] (NULL: none) when they could not all be
 * drawn.  Returns 0, or -1 with *err set. */
int explain_write_index(int at, const char *dir, const emit_source *sources,
                        char *const *folder, const int *drawn,
                        char *const *problem, size_t n, char **err);

#endif
