/*
 * Archives: folders and lists on stdin as inputs, worker processes that
 * contain a crash or a hang, output that does not depend on the number of
 * workers, the cache of results in the output folder, and the progress
 * line.
 *
 * Misbehaving workers come from build/ddor2csv-faults (named by
 * $DDOR2CSV_FAULTS), the program with its test-only fault switch on:
 * DDOR2CSV_FAULT=crash:NAME makes the worker converting a path that
 * contains NAME die of SIGSEGV, and so on (cli/fault.h).
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "../emit/emit.h"
#include "archive_folder.h"
#include "output_folder.h"
#include "suites.h"
#include "testkit.h"

#define REPORTS "fixtures/reports/"

/* ---- Helpers ---------------------------------------------------------- */

/* Copies file FROM to DIR/NAME, making the folders of NAME. */
static void put_file(const char *from, const char *dir, const char *name)
{
    CU_ASSERT_EQUAL_FATAL(folder_put_file(from, dir, name), 0);
}

/* Every dataset of folder A equals that of folder B, byte for byte. */
static void assert_same_datasets(const char *a, const char *b)
{
    for (int i = 0; emit_dataset_names[i]; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s.csv", emit_dataset_names[i]);
        char *pa = tk_path(a, name), *pb = tk_path(b, name);
        CU_ASSERT(tk_same_file(pa, pb));
        free(pa);
        free(pb);
    }
}

static const char *faults_binary(void)
{
    const char *bin = getenv("DDOR2CSV_FAULTS");
    return bin && *bin ? bin : "build/ddor2csv-faults";
}

/* Runs the faults build with DDOR2CSV_FAULT=FAULT (NULL: none). */
static int run_faulty(const char *fault, const char *const *argv, char **err)
{
    tk_spec spec = { .binary = faults_binary() };
    if (fault) {
        spec.env_name = "DDOR2CSV_FAULT";
        spec.env_value = fault;
    }
    return tk_run_with(&spec, argv, NULL, err);
}

/* Is NAME a result the archive keeps, "<sha256>.result"? */
static int is_entry(const char *name)
{
    return strlen(name) == 64 + 7 && strspn(name, "0123456789abcdef") == 64 &&
           strcmp(name + 64, ".result") == 0;
}

/* The results kept in the archive folder of output folder DIR. */
static int cache_entries(const char *dir)
{
    char *cache = tk_path(dir, ".ddor2csv");
    DIR *d = opendir(cache);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (is_entry(e->d_name))
            n++;
    if (d)
        closedir(d);
    free(cache);
    return n;
}

/* Stderr without the time in the summary line, which varies from run to
 * run ("... into out/ in 0.3 s" -> "... into out/"). */
static void strip_time(char *err)
{
    char *in = err ? strstr(err, " in ") : NULL;
    while (in) {
        char *end = strstr(in, " s\n");
        char *next_line = strchr(in, '\n');
        if (end && next_line && end + 2 == next_line) {
            memmove(in, end + 2, strlen(end + 2) + 1);
            return;
        }
        in = strstr(in + 1, " in ");
    }
}

/* An archive under DIR/in: three good reports in two folders and files
 * that are not PDFs or are hidden. */
static void make_archive(const char *dir)
{
    put_file(REPORTS "weekly-2-tight.pdf", dir, "in/b.pdf");
    put_file(REPORTS "weekly-3-a4.pdf", dir, "in/a/z.pdf");
    put_file(REPORTS "weekly-2-landscape.pdf", dir, "in/a/sub/m.PDF");
    put_file(REPORTS "weekly-3-a4.pdf", dir, "in/.hidden.pdf");
    put_file(REPORTS "weekly-3-a4.pdf", dir, "in/a/.old/x.pdf");
    put_file("README.md", dir, "in/docs/notes.txt");
}

/* ---- Inputs ----------------------------------------------------------- */

static void test_folder_input(void)
{
    char *dir = tk_tempdir();
    make_archive(dir);
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out");
    char want[2048];
    /* In period order: m.PDF and b.pdf are of one period, added in that
     * order (the folder's files are taken in sorted path order). */
    snprintf(want, sizeof want, "%s/a/sub/m.PDF|%s/b.pdf|%s/a/z.pdf", in, in, in);

    const char *argv[] = { "-q", "-o", out, in, NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    af_assert_column(out, "source_file", want);
    af_assert_column(out, "status", "ok|ok|ok");

    /* A trailing slash names the same files. */
    char slash[1024];
    snprintf(slash, sizeof slash, "%s/", in);
    const char *argv2[] = { "-q", "-o", out, slash, NULL };
    CU_ASSERT_EQUAL(tk_run(argv2, NULL, NULL), 0);
    af_assert_column(out, "source_file", want);

    /* A folder without PDF files is an error, named. */
    char *empty = tk_path(dir, "in/docs");
    const char *argv3[] = { "-q", "-o", out, empty, NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(argv3, NULL, &err), 1);
    char line[1024];
    snprintf(line, sizeof line, "ddor2csv: %s: no PDF files in folder\n", empty);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    free(err);
    free(empty);
    free(in);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

static void test_stdin_list(void)
{
    char *dir = tk_tempdir();
    make_archive(dir);
    char *out = tk_path(dir, "out");
    char list[2048], want[2048];
    /* A file, an empty line, a folder with a Windows line end. */
    snprintf(list, sizeof list, "%s/in/b.pdf\n\n%s/in/a\r\n", dir, dir);
    snprintf(want, sizeof want, "%s|%s/in/b.pdf|%s/in/a/sub/m.PDF|%s/in/a/z.pdf",
             REPORTS "weekly-1-legal-nostate.pdf", dir, dir, dir);
    tk_spec spec = { .input = list };
    /* "-" takes its place among the other arguments. */
    const char *argv[] = { "-q", "-o", out, REPORTS "weekly-1-legal-nostate.pdf",
                           "-", NULL };
    CU_ASSERT_EQUAL(tk_run_with(&spec, argv, NULL, NULL), 0);
    af_assert_column(out, "source_file", want);
    af_assert_column(out, "status", "ok|ok|ok|ok");

    /* An empty list converts nothing, and says so. */
    tk_spec none = { .input = "" };
    const char *argv2[] = { "-q", "-o", out, "-", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run_with(&none, argv2, NULL, &err), 1);
    CU_ASSERT_STRING_EQUAL(err ? err : "", "ddor2csv: no input files\n");
    free(err);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Isolation -------------------------------------------------------- */

/* Input "bad.pdf" between two good reports misbehaves as FAULT says; it
 * must fail with REASON while both others convert. */
static void expect_contained(const char *fault, const char *const *options,
                             const char *reason)
{
    char *dir = tk_tempdir();
    put_file(REPORTS "weekly-3-a4.pdf", dir, "bad.pdf");
    char *bad = tk_path(dir, "bad.pdf"), *out = tk_path(dir, "out");
    const char *argv[16];
    int k = 0;
    argv[k++] = "-q";
    argv[k++] = "-o";
    argv[k++] = out;
    for (int i = 0; options && options[i]; i++)
        argv[k++] = options[i];
    argv[k++] = REPORTS "weekly-2-tight.pdf";
    argv[k++] = bad;
    argv[k++] = REPORTS "weekly-2-landscape.pdf";
    argv[k] = NULL;

    char *err = NULL;
    CU_ASSERT_EQUAL(run_faulty(fault, argv, &err), 1);
    char line[1024];
    snprintf(line, sizeof line, "ddor2csv: %s: %s\n", bad, reason);
    if (!err || strcmp(err, line) != 0)
        fprintf(stderr, "\n  want: %s  got:  %s", line, err ? err : "(nothing)\n");
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    /* The failed input is not added; the others are. */
    af_assert_column(out, "status", "ok|ok");
    af_assert_column(out, "message", "|");

    /* The good reports' rows are all there: the same as converting them
     * without the bad one. */
    char *alone = tk_path(dir, "alone");
    const char *argv2[] = { "-q", "-o", alone, REPORTS "weekly-2-tight.pdf",
                            REPORTS "weekly-2-landscape.pdf", NULL };
    CU_ASSERT_EQUAL(tk_run(argv2, NULL, NULL), 0);
    char *a = tk_path(out, "declined_detainers.csv");
    char *b = tk_path(alone, "declined_detainers.csv");
    CU_ASSERT(tk_same_file(b, a));
    free(a);
    free(b);
    free(alone);
    free(err);
    free(bad);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

static void test_crash_contained(void)
{
    const char *j2[] = { "-j", "2", NULL };
    expect_contained("crash:bad.pdf", j2, "crashed (signal 11)");
    expect_contained("abort:bad.pdf", NULL, "crashed (signal 6)");
    expect_contained("exit:bad.pdf", NULL, "worker failed (exit status 7)");
}

static void test_hang_contained(void)
{
    const char *opts[] = { "--timeout", "1", "-j", "2", NULL };
    time_t start = time(NULL);
    expect_contained("hang:bad.pdf", opts, "timed out after 1 s");
    /* The hung worker was killed, not waited for. */
    CU_ASSERT(time(NULL) - start < 20);
    const char *half[] = { "--timeout", "0.5", NULL };
    expect_contained("hang:bad.pdf", half, "timed out after 0.5 s");
}

static void test_memory_contained(void)
{
    /* AddressSanitizer reserves more address space than any limit, so
     * the sanitized build runs its workers without one. */
    if (getenv("DDOR2CSV_SANITIZED"))
        return;
    const char *opts[] = { "--max-memory", "300", NULL };
    expect_contained("hog:bad.pdf", opts, "out of memory");
}

/* ---- Same output for any number of workers ---------------------------- */

static void test_jobs_identical(void)
{
    char *dir = tk_tempdir();
    char *one = tk_path(dir, "one"), *four = tk_path(dir, "four");
    const char *inputs[] = {
        REPORTS "weekly-1.pdf", "fixtures/bad/not-a-pdf.pdf",
        REPORTS "weekly-2-landscape.pdf", REPORTS "weekly-2-tight.pdf",
        "fixtures/bad/truncated.pdf", REPORTS "weekly-3-a4.pdf",
        REPORTS "weekly-1-legal-nostate.pdf", REPORTS "office-libreoffice.pdf",
        REPORTS "weekly-3-a4.pdf", NULL
    };
    const char *argv[32];
    char *err1 = NULL, *err4 = NULL;
    for (int pass = 0; pass < 2; pass++) {
        int k = 0;
        argv[k++] = "-j";
        argv[k++] = pass ? "4" : "1";
        argv[k++] = "--force";
        argv[k++] = "-o";
        argv[k++] = pass ? four : one;
        for (int i = 0; inputs[i]; i++)
            argv[k++] = inputs[i];
        argv[k] = NULL;
        CU_ASSERT_EQUAL(tk_run(argv, NULL, pass ? &err4 : &err1), 1);
    }
    assert_same_datasets(one, four);
    /* Standard error too: notes in input order, whoever finished first. */
    strip_time(err1);
    strip_time(err4);
    CU_ASSERT_PTR_NOT_NULL(strstr(err1 ? err1 : "", "not a PDF"));
    /* Only the folder name in the summary differs. */
    char *s1 = err1 ? strstr(err1, "/one/") : NULL;
    char *s4 = err4 ? strstr(err4, "/four/") : NULL;
    CU_ASSERT_FATAL(s1 && s4);
    CU_ASSERT_EQUAL(s1 - err1, s4 - err4);
    CU_ASSERT(strncmp(err1, err4, (size_t)(s1 - err1)) == 0);
    free(err1);
    free(err4);
    free(one);
    free(four);
    tk_rmtree(dir);
    free(dir);
}

/* ---- The cache -------------------------------------------------------- */

/* A run that reuses results: the faults build crashes on every input it
 * parses, so success proves nothing was parsed. */
static void test_cached_rerun(void)
{
    char *dir = tk_tempdir();
    make_archive(dir);
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out"),
         *first = tk_path(dir, "first");
    const char *argv[] = { "-o", out, in, NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, &err), 0);
    CU_ASSERT(err && strstr(err, "3 reports converted, ") && !strstr(err, "unchanged"));
    free(err);
    CU_ASSERT_EQUAL(cache_entries(out), 3);
    const char *copy[] = { "-q", "-o", first, in, NULL };
    CU_ASSERT_EQUAL(tk_run(copy, NULL, NULL), 0);

    CU_ASSERT_EQUAL(run_faulty("crash:/in/", argv, &err), 0);
    CU_ASSERT(err && strstr(err, "3 reports converted (3 unchanged), "));
    free(err);
    assert_same_datasets(first, out);

    /* --force parses everything again: here every input crashes, which
     * changes nothing in the folder. */
    const char *force[] = { "-q", "--force", "-o", out, in, NULL };
    CU_ASSERT_EQUAL(run_faulty("crash:/in/", force, NULL), 1);
    af_assert_column(out, "status", "ok|ok|ok");
    assert_same_datasets(first, out);
    free(in);
    free(out);
    free(first);
    tk_rmtree(dir);
    free(dir);
}

static void test_changed_input_reparsed(void)
{
    char *dir = tk_tempdir();
    put_file(REPORTS "weekly-3-a4.pdf", dir, "in/x.pdf");
    put_file(REPORTS "weekly-2-tight.pdf", dir, "in/y.pdf");
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out");
    const char *argv[] = { "-o", out, in, NULL };
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, NULL), 0);

    /* x.pdf is replaced by another report; y.pdf is unchanged and must
     * not be parsed (it would crash).  The archive keeps the report x.pdf
     * held before, and adds the new one. */
    put_file(REPORTS "weekly-2-landscape.pdf", dir, "in/x.pdf");
    char *err = NULL;
    CU_ASSERT_EQUAL(run_faulty("crash:y.pdf", argv, &err), 0);
    CU_ASSERT(err && strstr(err, "2 reports converted (1 unchanged), 1 added, "));
    free(err);

    char *want = tk_path(dir, "want");
    /* The same reports added in the same order into a new folder. */
    put_file(REPORTS "weekly-3-a4.pdf", dir, "want/a.pdf");
    put_file(REPORTS "weekly-2-tight.pdf", dir, "want/b.pdf");
    put_file(REPORTS "weekly-2-landscape.pdf", dir, "want/c.pdf");
    char *want_in = tk_path(want, "");
    const char *fresh[] = { "-q", "-o", want, want_in, NULL };
    CU_ASSERT_EQUAL(tk_run(fresh, NULL, NULL), 0);
    char *got_periods = folder_reports_column(out, "period_start");
    char *want_periods = folder_reports_column(want, "period_start");
    CU_ASSERT_STRING_EQUAL(got_periods, want_periods);
    char *got_sums = folder_reports_column(out, "sha256");
    char *want_sums = folder_reports_column(want, "sha256");
    CU_ASSERT_STRING_EQUAL(got_sums, want_sums);
    char *a = tk_path(out, "declined_detainers.csv");
    char *b = tk_path(want, "declined_detainers.csv");
    CU_ASSERT(tk_same_file(b, a));
    CU_ASSERT_EQUAL(cache_entries(out), 3);
    free(a); free(b);
    free(got_periods); free(want_periods); free(got_sums); free(want_sums);
    free(want_in);
    free(want);
    free(in);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* A file rewritten in place to other bytes of the same size, with its
 * modification time set back: still seen as changed (the index of digests
 * also compares the status-change time, which no program can set). */
static void test_same_size_same_mtime(void)
{
    char *dir = tk_tempdir();
    put_file(REPORTS "weekly-3-a4.pdf", dir, "in/x.pdf");
    put_file(REPORTS "weekly-2-tight.pdf", dir, "in/y.pdf");
    /* Digests are remembered only for files whose times are settled. */
    struct timespec pause = { 2, 200000000 };
    nanosleep(&pause, NULL);
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out");
    char *x = tk_path(dir, "in/x.pdf");
    const char *argv[] = { "-o", out, in, NULL };
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, NULL), 0);
    char *index = tk_path(out, ".ddor2csv/files");
    size_t len = 0;
    char *text = tk_slurp(index, &len);
    CU_ASSERT(text && strchr(text, '\n') && strchr(strchr(text, '\n') + 1, '\n'));
    free(text);

    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(x, &st), 0);
    char *data = tk_slurp(x, &len);
    /* The PDF holds NUL bytes: search it as bytes. */
    const char *key = "/CreationDate (2017";
    char *date = NULL;
    for (size_t i = 0; data && !date && i + strlen(key) <= len; i++)
        if (memcmp(data + i, key, strlen(key)) == 0)
            date = data + i;
    CU_ASSERT_PTR_NOT_NULL_FATAL(date);
    date[strlen("/CreationDate (2017")] ^= 1;         /* 0403 -> 1403 */
    FILE *f = fopen(x, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
    struct timespec times[2] = { st.st_atim, st.st_mtim };
    CU_ASSERT_EQUAL(utimensat(AT_FDCWD, x, times, 0), 0);

    /* x.pdf is parsed again (and crashes); y.pdf is not. */
    char *err = NULL;
    CU_ASSERT_EQUAL(run_faulty("crash:/in/", argv, &err), 1);
    CU_ASSERT(err && strstr(err, "x.pdf: crashed (signal 11)"));
    CU_ASSERT(err && strstr(err, "1 report converted (1 unchanged), 0 added, 1 failed"));
    free(err);
    free(index);
    free(x);
    free(in);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* Rewrites every cache entry of output folder DIR with EDIT. */
static void edit_entries(const char *dir, void (*edit)(char *data, size_t *len))
{
    char *cache = tk_path(dir, ".ddor2csv");
    DIR *d = opendir(cache);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_entry(e->d_name))
            continue;
        char *path = tk_path(cache, e->d_name);
        size_t len = 0;
        char *data = tk_slurp(path, &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(data);
        edit(data, &len);
        FILE *f = fopen(path, "wb");
        fwrite(data, 1, len, f);
        fclose(f);
        free(data);
        free(path);
    }
    closedir(d);
    free(cache);
}

/* The stamp's version, as another version of the program would write
 * it: the second line starts with the version. */
static void other_version(char *data, size_t *len)
{
    (void)len;
    char *stamp = strchr(data, '\n');
    CU_ASSERT_PTR_NOT_NULL_FATAL(stamp);
    stamp[1] = stamp[1] == '9' ? '8' : '9';
}

/* The stamp (second line) of the first result kept in DIR's archive. */
static char *entry_stamp(const char *dir)
{
    char *cache = tk_path(dir, ".ddor2csv");
    DIR *d = opendir(cache);
    char *stamp = NULL;
    struct dirent *e;
    while (d && !stamp && (e = readdir(d))) {
        if (!is_entry(e->d_name))
            continue;
        char *path = tk_path(cache, e->d_name);
        size_t len = 0;
        char *data = tk_slurp(path, &len);
        char *line = data ? memchr(data, '\n', len) : NULL;
        char *end = line ? memchr(line + 1, '\n', len - (size_t)(line + 1 - data)) : NULL;
        if (end)
            stamp = strndup(line + 1, (size_t)(end - line - 1));
        free(data);
        free(path);
    }
    if (d)
        closedir(d);
    free(cache);
    return stamp;
}

static void cut_in_half(char *data, size_t *len)
{
    (void)data;
    *len /= 2;
}

static void test_cache_invalidated(void)
{
    char *dir = tk_tempdir();
    make_archive(dir);
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out"),
         *first = tk_path(dir, "first");
    const char *argv[] = { "-o", out, in, NULL };
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, NULL), 0);
    const char *copy[] = { "-q", "-o", first, in, NULL };
    CU_ASSERT_EQUAL(tk_run(copy, NULL, NULL), 0);

    /* Entries of another version are not reused. */
    edit_entries(out, other_version);
    CU_ASSERT_EQUAL(run_faulty("crash:/in/", argv, NULL), 1);

    /* Damaged entries are parsed again, without a word. */
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, NULL), 0);
    edit_entries(out, cut_in_half);
    char *err = NULL;
    CU_ASSERT_EQUAL(run_faulty(NULL, argv, &err), 0);
    CU_ASSERT(err && strstr(err, "ddor2csv: 3 reports converted (3 unchanged), 0 added, ") == err);
    free(err);
    assert_same_datasets(first, out);

    /* Another build of the program has other entries: the plain build
     * does not reuse what the faults build kept, but writes its own. */
    char *faults_stamp = entry_stamp(out);
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    char *plain_stamp = entry_stamp(out);
    CU_ASSERT(faults_stamp && plain_stamp && strcmp(faults_stamp, plain_stamp) != 0);
    assert_same_datasets(first, out);
    free(faults_stamp);
    free(plain_stamp);
    free(in);
    free(out);
    free(first);
    tk_rmtree(dir);
    free(dir);
}

/* ---- Progress --------------------------------------------------------- */

static void test_progress_line(void)
{
    char *dir = tk_tempdir();
    make_archive(dir);
    char *in = tk_path(dir, "in"), *out = tk_path(dir, "out");
    const char *argv[] = { "-o", out, in, NULL };

    /* On a terminal: the line, rewritten in place, then erased, then the
     * summary. */
    tk_spec tty = { .terminal = 1 };
    char *err = NULL;
    int rc = tk_run_with(&tty, argv, NULL, &err);
    if (rc == TK_NO_TERMINAL) {
        fprintf(stderr, "\n  no pseudo-terminal on this system: "
                        "the progress line is not tested\n");
        free(in);
        free(out);
        tk_rmtree(dir);
        free(dir);
        return;
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(err && strstr(err, "\rddor2csv: 0/3 files"));
    CU_ASSERT(err && strstr(err, "\rddor2csv: 3/3 files"));
    CU_ASSERT(err && strstr(err, "pages/s"));
    CU_ASSERT(err && strstr(err, "\r\033[Kddor2csv: 3 reports converted"));
    free(err);

    /* -q on a terminal: nothing at all. */
    const char *quiet[] = { "-q", "-o", out, in, NULL };
    CU_ASSERT_EQUAL(tk_run_with(&tty, quiet, NULL, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);

    /* Not a terminal: the summary alone, one line. */
    CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 0);
    CU_ASSERT(err && !strchr(err, '\r') && !strchr(err, '\033'));
    CU_ASSERT(err && strncmp(err, "ddor2csv: 3 reports converted", 29) == 0);
    CU_ASSERT(err && strchr(err, '\n') == err + strlen(err) - 1);
    free(err);
    free(in);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

void suite_archive(void)
{
    CU_pSuite s = CU_add_suite("archives", NULL, NULL);
    CU_add_test(s, "folders as inputs", test_folder_input);
    CU_add_test(s, "a list of inputs on stdin", test_stdin_list);
    CU_add_test(s, "a crashing worker is contained", test_crash_contained);
    CU_add_test(s, "a hanging worker is timed out", test_hang_contained);
    CU_add_test(s, "a worker out of memory is contained", test_memory_contained);
    CU_add_test(s, "the same output for -j 1 and -j 4", test_jobs_identical);
    CU_add_test(s, "a re-run reuses unchanged results", test_cached_rerun);
    CU_add_test(s, "a changed input is parsed again", test_changed_input_reparsed);
    CU_add_test(s, "a changed file with its old size and time is parsed again",
                test_same_size_same_mtime);
    CU_add_test(s, "another version or a damaged entry is not reused",
                test_cache_invalidated);
    CU_add_test(s, "the progress line only on a terminal", test_progress_line);
}
