/* What a run left in its output folder; see output_folder.h. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../emit/output_files.h"
#include "output_folder.h"
#include "testkit.h"

/* Is file NAME the same in DIR and REF, byte for byte?  When REF has no
 * such file, DIR must have none either. */
static int same_file(const char *dir, const char *ref, const char *name)
{
    char *a = tk_path(dir, name), *b = tk_path(ref, name);
    size_t alen = 0, blen = 0;
    char *x = tk_slurp(a, &alen), *y = tk_slurp(b, &blen);
    int same = x && y ? alen == blen && memcmp(x, y, alen) == 0 : !x && !y;
    free(x);
    free(y);
    free(a);
    free(b);
    return same;
}

int folder_same_datasets(const char *dir, const char *ref)
{
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.csv", emit_dataset_names[i]);
        char *b = tk_path(ref, name);
        int must = access(b, F_OK) == 0;
        free(b);
        if (!must || !same_file(dir, ref, name))
            return 0;
    }
    /* The workbook and the database, where the reference has them: the
     * same reports make the same bytes. */
    return same_file(dir, ref, OUTPUT_WORKBOOK) && same_file(dir, ref, OUTPUT_DATABASE);
}

pid_t folder_start(const char *out, const char *format, const char *const *inputs,
                   int slow)
{
    const char *binary = getenv(slow ? "DDOR2CSV_FAULTS" : "DDOR2CSV");
    if (!binary || !*binary)
        binary = slow ? "build/ddor2csv-faults" : "build/ddor2csv";
    const char *argv[16] = { binary, "-q", "--fresh", "-j", "1", "--format", format,
                             "-o", out };
    int argc = 9;
    for (int i = 0; inputs[i] && argc < 15; i++)
        argv[argc++] = inputs[i];
    argv[argc] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        if (slow)
            setenv("DDOR2CSV_FAULT", "slow:commit", 1);
        FILE *null = freopen("/dev/null", "w", stdout);
        null = null ? freopen("/dev/null", "w", stderr) : NULL;
        (void)null;
        execv(binary, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

int folder_finish(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        ;
    return status;
}

int folder_run(const char *out, const char *format, const char *const *inputs)
{
    return folder_finish(folder_start(out, format, inputs, 0));
}

double folder_time_run(const char *dir, const char *back_format,
                       const char *const *back_inputs, const char *format,
                       const char *const *inputs)
{
    double took[3];
    for (int k = 0; k < 3; k++) {
        if (folder_run(dir, back_format, back_inputs) != 0)
            return -1;
        double t0 = tk_now();
        if (folder_finish(folder_start(dir, format, inputs, 1)) != 0)
            return -1;
        took[k] = tk_now() - t0;
    }
    double lo = took[0] < took[1] ? took[0] : took[1];
    double hi = took[0] < took[1] ? took[1] : took[0];
    return 1.25 * (took[2] < lo ? lo : took[2] > hi ? hi : took[2]);
}

void folder_kill_after(const char *out, const char *format,
                       const char *const *inputs, double delay)
{
    pid_t pid = folder_start(out, format, inputs, 1);
    tk_sleep(delay);
    kill(pid, SIGKILL);
    folder_finish(pid);
}

/* Is NAME one of ALSO, or does it start with one that ends in '*'? */
static int named(const char *name, const char *const *also)
{
    for (size_t i = 0; also && also[i]; i++) {
        size_t len = strlen(also[i]);
        if (len && also[i][len - 1] == '*' ? strncmp(name, also[i], len - 1) == 0
                                           : strcmp(name, also[i]) == 0)
            return 1;
    }
    return 0;
}

int folder_holds_only(const char *dir, const char *const *also, int jsonl)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int ok = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || named(n, also) ||
            strcmp(n, ".ddor2csv") == 0 || strcmp(n, "datapackage.json") == 0)
            continue;
        char stem[sizeof e->d_name];
        snprintf(stem, sizeof stem, "%s", n);
        char *dot = strrchr(stem, '.');
        if (dot && (strcmp(dot, ".csv") == 0 || (jsonl && strcmp(dot, ".jsonl") == 0))) {
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

int folder_only_expected(const char *dir, const char *user_file)
{
    const char *also[] = { user_file, NULL };
    return folder_holds_only(dir, also, 0);
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

int folder_put_file(const char *from, const char *dir, const char *name)
{
    char *to = tk_path(dir, name);
    for (char *slash = strchr(to + strlen(dir) + 1, '/'); slash;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(to, 0777);
        *slash = '/';
    }
    size_t len = 0;
    char *data = tk_slurp(from, &len);
    FILE *f = data ? fopen(to, "wb") : NULL;
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    free(data);
    free(to);
    return ok ? 0 : -1;
}

char *folder_reports_column(const char *dir, const char *col)
{
    char *path = tk_path(dir, "reports.csv");
    tk_csv csv;
    char *joined = calloc(1, 1);
    if (tk_csv_read(path, &csv) == 0) {
        int c = tk_csv_col(&csv, col);
        for (size_t r = 1; c >= 0 && r < csv.nrows; r++) {
            size_t len = strlen(joined), add = strlen(csv.rows[r][c]);
            joined = realloc(joined, len + add + 2);
            snprintf(joined + len, add + 2, "%s%s", r > 1 ? "|" : "",
                     csv.rows[r][c]);
        }
        tk_csv_free(&csv);
    }
    free(path);
    return joined;
}

/* The text of a snapshot as it grows. */
typedef struct {
    char *text;
    size_t len, cap;
} snapshot;

static void snapshot_line(snapshot *s, const char *line)
{
    size_t add = strlen(line);
    if (s->len + add + 1 > s->cap) {
        while (s->len + add + 1 > s->cap)
            s->cap = s->cap ? 2 * s->cap : 4096;
        s->text = realloc(s->text, s->cap);
        if (!s->text)
            abort();
    }
    memcpy(s->text + s->len, line, add + 1);
    s->len += add;
}

/* FNV-1a of the file at PATH: enough to tell bytes that changed. */
static unsigned long long bytes_digest(const char *path)
{
    size_t len = 0;
    char *data = tk_slurp(path, &len);
    unsigned long long h = 14695981039346656037ULL;
    for (size_t i = 0; data && i < len; i++)
        h = (h ^ (unsigned char)data[i]) * 1099511628211ULL;
    free(data);
    return data ? h : 0;
}

static void snapshot_of(snapshot *s, const char *dir, const char *rel,
                        int identity)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            free(names[i]);
            continue;
        }
        char *path = tk_path(dir, name), *sub = tk_path(rel, name);
        char line[8192], what[4200] = "";
        struct stat st;
        if (lstat(path, &st) != 0) {
            snprintf(what, sizeof what, "gone");
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t k = readlink(path, target, sizeof target - 1);
            target[k > 0 ? k : 0] = '\0';
            snprintf(what, sizeof what, "link -> %s", target);
        } else if (S_ISREG(st.st_mode)) {
            snprintf(what, sizeof what, "file %lld bytes %016llx",
                     (long long)st.st_size, bytes_digest(path));
        } else {
            snprintf(what, sizeof what, "%s", S_ISDIR(st.st_mode) ? "folder" : "other");
        }
        /* A folder's time changes with every temporary file made and
         * removed in it: only its identity counts. */
        if (identity && S_ISDIR(st.st_mode))
            snprintf(line, sizeof line, "%s: %s inode %llu\n", sub, what,
                     (unsigned long long)st.st_ino);
        else if (identity)
            snprintf(line, sizeof line, "%s: %s inode %llu mtime %lld.%09ld\n", sub,
                     what, (unsigned long long)st.st_ino, (long long)st.st_mtim.tv_sec,
                     st.st_mtim.tv_nsec);
        else
            snprintf(line, sizeof line, "%s: %s\n", sub, what);
        snapshot_line(s, line);
        if (S_ISDIR(st.st_mode))
            snapshot_of(s, path, sub, identity);
        free(path);
        free(sub);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    else
        snapshot_line(s, "(unreadable)\n");
}

char *folder_snapshot(const char *dir, int identity)
{
    snapshot s = { NULL, 0, 0 };
    snapshot_line(&s, "");
    snapshot_of(&s, dir, ".", identity);
    return s.text;
}
