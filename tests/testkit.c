/* Helpers of the end-to-end suites; see testkit.h. */
#define _XOPEN_SOURCE 700     /* posix_openpt, grantpt, unlockpt, ptsname */
#include <cairo.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <csv.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "testkit.h"

double tk_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void tk_sleep(double seconds)
{
    struct timespec t = { (time_t)seconds,
                          (long)((seconds - (double)(time_t)seconds) * 1e9) };
    while (nanosleep(&t, &t) != 0)
        ;
}

char *tk_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *b = realloc(buf, cap *= 2);
            if (!b) { free(buf); buf = NULL; }
            buf = b;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *tk_path(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + 2;
    char *p = malloc(size);
    if (!p)
        abort();
    snprintf(p, size, "%s/%s", dir, name);
    return p;
}

/* Reads FD to the end into a malloc'd string. */
static char *drain(int fd)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t k;
    while (buf && (k = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)k;
        if (cap - n - 1 == 0) {
            char *b = realloc(buf, cap *= 2);
            if (!b) { free(buf); return NULL; }
            buf = b;
        }
    }
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Writes TEXT to a fresh unlinked temporary file and returns its
 * descriptor, rewound, for a child's standard input. */
static int text_fd(const char *text)
{
    char path[] = "/tmp/ddor-test-in.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    unlink(path);
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* Reads the master side of a pseudo-terminal until the child side is
 * closed by everyone (read then fails with EIO). */
static char *drain_pty(int master)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        ssize_t k = read(master, buf + n, cap - n - 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        n += (size_t)k;
        if (cap - n - 1 == 0) {
            char *b = realloc(buf, cap *= 2);
            if (!b) { free(buf); return NULL; }
            buf = b;
        }
    }
    buf[n] = '\0';
    return buf;
}

int tk_run_with(const tk_spec *spec, const char *const *argv, char **out,
                char **err)
{
    static const tk_spec plain;
    if (!spec)
        spec = &plain;
    const char *bin = spec->binary;
    if (!bin)
        bin = getenv("DDOR2CSV");
    if (!bin || !*bin)
        bin = "build/ddor2csv";
    /* The child changes folder before it runs the program, so a relative
     * path to the program is made absolute here. */
    char *absolute = NULL;
    if (spec->dir && bin[0] != '/' && (absolute = realpath(bin, NULL)))
        bin = absolute;
    size_t argc = 0;
    while (argv[argc])
        argc++;
    const char **full = calloc(argc + 2, sizeof *full);
    full[0] = bin;
    memcpy(full + 1, argv, argc * sizeof *argv);

    /* Output through temporary files: no risk of a pipe deadlock. */
    char opath[] = "/tmp/ddor-test-out.XXXXXX", epath[] = "/tmp/ddor-test-err.XXXXXX";
    int ofd = mkstemp(opath), efd = mkstemp(epath);
    int ifd = spec->input ? text_fd(spec->input) : open("/dev/null", O_RDONLY);
    int master = -1, slave = -1;
    if (spec->terminal) {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0)
            slave = open(ptsname(master), O_RDWR | O_NOCTTY);
        if (slave < 0) {
            /* A chroot or container without /dev/pts has none. */
            if (master >= 0)
                close(master);
            close(ifd);
            close(ofd);
            close(efd);
            unlink(opath);
            unlink(epath);
            free(full);
            free(absolute);
            return TK_NO_TERMINAL;
        }
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(ifd, 0);
        dup2(ofd, 1);
        dup2(spec->terminal ? slave : efd, 2);
        if (spec->env_name)
            setenv(spec->env_name, spec->env_value, 1);
        if (spec->dir && chdir(spec->dir) != 0)
            _exit(127);
        execv(bin, (char *const *)full);
        _exit(127);
    }
    char *tty_text = NULL;
    if (spec->terminal) {
        close(slave);
        tty_text = drain_pty(master);
        close(master);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    free(full);
    free(absolute);
    close(ifd);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    if (out)
        *out = drain(ofd);
    if (err)
        *err = spec->terminal ? tty_text : drain(efd);
    else
        free(tty_text);
    close(ofd);
    close(efd);
    unlink(opath);
    unlink(epath);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int tk_run(const char *const *argv, char **out, char **err)
{
    return tk_run_with(NULL, argv, out, err);
}

char *tk_tempdir(void)
{
    char *path = strdup("/tmp/ddor-test.XXXXXX");
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

void tk_rmtree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *sub = malloc(n);
            snprintf(sub, n, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
                tk_rmtree(sub);
            else
                unlink(sub);
            free(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

/* ---- CSV through libcsv's parser ---- */

typedef struct {
    tk_csv *csv;
    char **fields;
    size_t n;
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    r->fields = realloc(r->fields, (r->n + 1) * sizeof *r->fields);
    r->fields[r->n] = malloc(len + 1);
    memcpy(r->fields[r->n], s, len);
    r->fields[r->n][len] = '\0';
    r->n++;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    tk_csv *csv = r->csv;
    csv->rows = realloc(csv->rows, (csv->nrows + 1) * sizeof *csv->rows);
    csv->nfields = realloc(csv->nfields, (csv->nrows + 1) * sizeof *csv->nfields);
    csv->rows[csv->nrows] = r->fields;
    csv->nfields[csv->nrows] = r->n;
    csv->nrows++;
    r->fields = NULL;
    r->n = 0;
}

int tk_csv_read(const char *path, tk_csv *csv)
{
    memset(csv, 0, sizeof *csv);
    size_t len;
    char *text = tk_slurp(path, &len);
    if (!text)
        return -1;
    int rc = tk_csv_parse(text, csv);
    free(text);
    return rc;
}

int tk_csv_parse(const char *text, tk_csv *csv)
{
    memset(csv, 0, sizeof *csv);
    size_t len = strlen(text);
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
    reader r = { csv, NULL, 0 };
    int ok = csv_parse(&p, text, len, on_field, on_row, &r) == len;
    csv_fini(&p, on_field, on_row, &r);
    csv_free(&p);
    for (size_t i = 0; i < r.n; i++)
        free(r.fields[i]);
    free(r.fields);
    return ok ? 0 : -1;
}

void tk_csv_free(tk_csv *csv)
{
    for (size_t i = 0; i < csv->nrows; i++) {
        for (size_t f = 0; f < csv->nfields[i]; f++)
            free(csv->rows[i][f]);
        free(csv->rows[i]);
    }
    free(csv->rows);
    free(csv->nfields);
    memset(csv, 0, sizeof *csv);
}

int tk_csv_col(const tk_csv *csv, const char *name)
{
    if (csv->nrows == 0)
        return -1;
    for (size_t f = 0; f < csv->nfields[0]; f++)
        if (strcmp(csv->rows[0][f], name) == 0)
            return (int)f;
    return -1;
}

int tk_same_file(const char *expected, const char *actual)
{
    size_t la, lb;
    char *a = tk_slurp(expected, &la), *b = tk_slurp(actual, &lb);
    int same = a && b && la == lb && memcmp(a, b, la) == 0;
    if (!same) {
        fprintf(stderr, "\n  %s differs from %s\n", actual, expected);
        if (a && b) {
            const char *p = a, *q = b;
            int line = 1;
            while (*p && *p == *q) {
                if (*p == '\n')
                    line++;
                p++, q++;
            }
            while (p > a && p[-1] != '\n') p--;
            while (q > b && q[-1] != '\n') q--;
            fprintf(stderr, "  line %d expected: %.*s\n", line,
                    (int)strcspn(p, "\n"), p);
            fprintf(stderr, "  line %d actual:   %.*s\n", line,
                    (int)strcspn(q, "\n"), q);
        }
    }
    free(a);
    free(b);
    return same;
}

int tk_differing_datasets(const char *expected_dir, const char *actual_dir,
                          const char *label)
{
    int differing = 0;
    for (int i = 0; emit_dataset_names[i]; i++) {
        char expected[1024], actual[1024];
        snprintf(expected, sizeof expected, "%s/%s.csv", expected_dir, emit_dataset_names[i]);
        snprintf(actual, sizeof actual, "%s/%s.csv", actual_dir, emit_dataset_names[i]);
        if (!tk_same_file(expected, actual)) {
            fprintf(stderr, "  %s: %s.csv differs\n", label, emit_dataset_names[i]);
            differing++;
        }
    }
    return differing;
}

char *tk_draw_pdf(const tk_placed *texts, size_t n)
{
    char *path = strdup("/tmp/ddor-test-page.XXXXXX");
    int fd = mkstemp(path);
    close(fd);
    cairo_surface_t *s = cairo_pdf_surface_create(path, 612, 792);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 10);
    for (size_t i = 0; i < n; i++) {
        cairo_move_to(cr, texts[i].x, texts[i].y);
        cairo_show_text(cr, texts[i].text);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return path;
}
