/* What a run left in its output folder; see output_folder.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../emit/emit.h"
#include "output_folder.h"
#include "testkit.h"

int folder_same_datasets(const char *dir, const char *ref)
{
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.csv", emit_dataset_names[i]);
        char *a = tk_path(dir, name), *b = tk_path(ref, name);
        size_t alen = 0, blen = 0;
        char *x = tk_slurp(a, &alen), *y = tk_slurp(b, &blen);
        int same = x && y && alen == blen && memcmp(x, y, alen) == 0;
        free(x);
        free(y);
        free(a);
        free(b);
        if (!same)
            return 0;
    }
    return 1;
}

int folder_only_expected(const char *dir, const char *user_file)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int ok = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
            strcmp(n, user_file) == 0 || strcmp(n, ".ddor2csv") == 0 ||
            strcmp(n, "datapackage.json") == 0)
            continue;
        char stem[sizeof e->d_name];
        snprintf(stem, sizeof stem, "%s", n);
        char *dot = strrchr(stem, '.');
        if (dot && strcmp(dot, ".csv") == 0) {
            *dot = '\0';
            if (emit_is_dataset(stem))
                continue;
        }
        fprintf(stderr, "\n  unexpected entry in the output folder: %s\n", n);
        ok = 0;
    }
    closedir(d);
    return ok;
}

int folder_count_prefixed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}
