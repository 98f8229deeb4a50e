/* Internal to explain/: what its files share. */
#ifndef DDOR_EXPLAIN_PRIVATE_H
#define DDOR_EXPLAIN_PRIVATE_H

#include "explain.h"

/* The file name of the image of page NUMBER (1-based), into NAME. */
#define PAGE_NAME_SIZE 32
void page_file_name(char name[PAGE_NAME_SIZE], int number);

/* A malloc'd formatted string (ends the program when out of memory). */
char *explain_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes DIR/index.html: every input with its checks and links to the
 * DRAWN[i] pages of each in FOLDER[i], or PROBLEM[i] (NULL: none) when
 * they could not all be drawn.  Returns 0, or -1 with *err set. */
int explain_write_index(const char *dir, const emit_source *sources,
                        char *const *folder, const int *drawn,
                        char *const *problem, size_t n, char **err);

#endif
