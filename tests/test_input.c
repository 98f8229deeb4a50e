/*
 * Reading an input once (convert/convert.h): what is no regular file is
 * refused at once, never waited on; a file over --max-size is refused
 * before it is read; a file that changes while it is read is refused
 * rather than parsed; and a report read so converts as it always did,
 * its digest that of its bytes.
 *
 * Each read that could block is guarded by alarm(): a regression that
 * waits on a FIFO ends the test binary with SIGALRM instead of hanging it.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../cli/result_codec.h"
#include "../convert/convert.h"
#include "../convert/input_seam.h"
#include "suites.h"
#include "testkit.h"

#define GUARD_SECONDS 10
#define DEMO "fixtures/reports/weekly-1.pdf"

/* Asserts that reading PATH (with MAX_SIZE_MB) fails with CODE and
 * exactly REASON, and leaves the input empty. */
static void expect_refusal(const char *path, long max_size_mb, int code,
                           const char *reason)
{
    ddor_input in;
    char *why = NULL;
    alarm(GUARD_SECONDS);
    int rc = ddor_input_read(path, max_size_mb, &in, &why);
    alarm(0);
    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_STRING_EQUAL(why ? why : "(none)", reason);
    CU_ASSERT_PTR_NULL(in.data);
    CU_ASSERT_EQUAL(in.len, 0);
    CU_ASSERT_STRING_EQUAL(in.sha256, "");
    free(why);
    ddor_input_free(&in);
}

/* A FIFO with no writer: a plain open would wait for one forever. */
static void test_fifo(void)
{
    char *dir = tk_tempdir();
    char *fifo = tk_path(dir, "report.pdf");
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    expect_refusal(fifo, 0, DDOR_INPUT_FAILED, "not a regular file");
    tk_rmtree(dir);
    free(fifo);
    free(dir);
}

/* A device that never ends, and one that is no file at all. */
static void test_devices_and_folders(void)
{
    expect_refusal("/dev/zero", 0, DDOR_INPUT_FAILED, "not a regular file");
    expect_refusal("/dev/zero", 1, DDOR_INPUT_FAILED, "not a regular file");
    expect_refusal("fixtures", 0, DDOR_INPUT_FAILED, "not a regular file");
    expect_refusal("fixtures/no-such-file.pdf", 0, DDOR_INPUT_FAILED,
                   "cannot read file: No such file or directory");
}

/* A file of SIZE bytes (holes: nothing is written) in DIR, named NAME. */
static char *sized_file(const char *dir, const char *name, off_t size)
{
    char *path = tk_path(dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(ftruncate(fd, size), 0);
    close(fd);
    return path;
}

/* Over the limit by half a megabyte: refused, as a bound, with the size;
 * exactly at the limit: read. */
static void test_max_size(void)
{
    char *dir = tk_tempdir();
    char *big = sized_file(dir, "big.pdf", 1536 * 1024);
    expect_refusal(big, 1, DDOR_INPUT_TOO_LARGE,
                   "file too large (1.5 MB > --max-size 1)");
    char *exact = sized_file(dir, "exact.pdf", 1024 * 1024);
    ddor_input in;
    char *why = NULL;
    CU_ASSERT_EQUAL(ddor_input_read(exact, 1, &in, &why), DDOR_INPUT_OK);
    CU_ASSERT_PTR_NULL(why);
    CU_ASSERT_EQUAL(in.len, 1024 * 1024);
    ddor_input_free(&in);
    tk_rmtree(dir);
    free(big);
    free(exact);
    free(dir);
}

/* The seam's changes, made between the last byte read and the second
 * look at the file (convert/input_seam.h): deterministic, where a writer
 * racing the reader would not be. */
static void append_a_byte(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND);
    CU_ASSERT_EQUAL(write(fd, "x", 1), 1);
    close(fd);
}

/* Same size, other bytes, and a modification time far in the past, so
 * that the change shows even on a file system whose clock is coarse. */
static void rewrite_same_size(const char *path)
{
    int fd = open(path, O_WRONLY);
    CU_ASSERT_EQUAL(pwrite(fd, "%PDF-9", 6, 0), 6);
    struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    CU_ASSERT_EQUAL(futimens(fd, old), 0);
    close(fd);
}

static void truncate_it(const char *path)
{
    CU_ASSERT_EQUAL(truncate(path, 10), 0);
}

/* A copy of the demo report in a scratch folder (malloc'd path). */
static char *demo_copy(const char *dir)
{
    size_t len = 0;
    char *bytes = tk_slurp(DEMO, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    char *path = tk_path(dir, "weekly.pdf");
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(bytes, 1, len, f), len);
    fclose(f);
    free(bytes);
    return path;
}

static void test_changed_while_read(void)
{
    void (*changes[])(const char *) = { append_a_byte, rewrite_same_size,
                                        truncate_it };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char *dir = tk_tempdir();
        char *path = demo_copy(dir);
        convert_input_seam(changes[i]);
        expect_refusal(path, 0, DDOR_INPUT_FAILED, "changed while being read");
        convert_input_seam(NULL);
        /* Left alone, the changed file reads again. */
        ddor_input in;
        char *why = NULL;
        CU_ASSERT_EQUAL(ddor_input_read(path, 0, &in, &why), DDOR_INPUT_OK);
        free(why);
        ddor_input_free(&in);
        tk_rmtree(dir);
        free(path);
        free(dir);
    }
}

/* The first word `sha256sum PATH` prints. */
static void sha256sum(const char *path, char hex[65])
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    hex[0] = '\0';
    CU_ASSERT_EQUAL(fscanf(p, "%64s", hex), 1);
    pclose(p);
}

/* The reports dataset of the one source SRC, as CSV (malloc'd). */
static char *reports_row(emit_source *src)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    emit_assign_ids(src, 1);
    src->added = 1;           /* as the only report of a folder */
    CU_ASSERT_EQUAL(emit_dataset(f, "reports", EMIT_CSV, src, 1, NULL), 0);
    fclose(f);
    return text;
}

/* The demo report: its bytes and digest as sha256sum sees them, its
 * state as stat sees it, and its conversion that of the committed
 * ground truth (206 declined rows; the reports row to the byte).  The
 * one call and its three steps give the same result. */
static void test_demo_report(void)
{
    ddor_input in;
    char *why = NULL;
    CU_ASSERT_EQUAL_FATAL(ddor_input_read(DEMO, 10, &in, &why), DDOR_INPUT_OK);
    CU_ASSERT_PTR_NULL(why);
    char want[65];
    sha256sum(DEMO, want);
    CU_ASSERT_STRING_EQUAL(in.sha256, want);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(DEMO, &st), 0);
    CU_ASSERT_EQUAL(in.len, (size_t)st.st_size);
    CU_ASSERT_EQUAL(in.file.size, (uint64_t)st.st_size);
    CU_ASSERT_EQUAL(in.file.ino, (uint64_t)st.st_ino);
    CU_ASSERT_EQUAL(in.file.dev, (uint64_t)st.st_dev);
    CU_ASSERT_EQUAL(in.file.mtime_s, st.st_mtim.tv_sec);
    CU_ASSERT_EQUAL(in.file.ctime_ns, st.st_ctim.tv_nsec);

    convert_limits none = { 0, 0, 0 };
    emit_source src;
    CU_ASSERT_STRING_EQUAL(ddor_convert(&in, &none, &src, NULL), "ok");
    ddor_input_free(&in);
    CU_ASSERT_STRING_EQUAL(src.sha256, want);
    CU_ASSERT_EQUAL(src.file.ino, (uint64_t)st.st_ino);
    CU_ASSERT_PTR_NOT_NULL_FATAL(src.report);
    CU_ASSERT_EQUAL(src.report->ndeclined, 206);
    char *row = reports_row(&src);
    char *truth = tk_slurp("fixtures/expected/weekly-1/reports.csv", NULL);
    CU_ASSERT_STRING_EQUAL(row, truth ? truth : "");

    emit_source again;
    CU_ASSERT_STRING_EQUAL(convert_report(DEMO, &none, &again, NULL), "ok");
    codec_buf a = { 0 }, b = { 0 };
    CU_ASSERT_EQUAL(codec_encode(&a, &src), 0);
    CU_ASSERT_EQUAL(codec_encode(&b, &again), 0);
    CU_ASSERT(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    codec_buf_free(&a);
    codec_buf_free(&b);
    free(row);
    free(truth);
    emit_source_clear(&src);
    emit_source_clear(&again);
}

/* What is no PDF still has its digest and state: the bytes were read. */
static void test_not_a_pdf_keeps_digest(void)
{
    convert_limits none = { 0, 0, 0 };
    emit_source src;
    const char *path = "fixtures/bad/not-a-pdf.pdf";
    CU_ASSERT_STRING_EQUAL(convert_report(path, &none, &src, NULL), "error");
    CU_ASSERT_STRING_EQUAL(src.message, "not a PDF");
    char want[65];
    sha256sum(path, want);
    CU_ASSERT_STRING_EQUAL(src.sha256, want);
    CU_ASSERT(src.file.ino != 0);
    CU_ASSERT_EQUAL(src.over_limit, 0);
    emit_source_clear(&src);

    /* A refusal by --max-size is a bound's: over_limit, no digest. */
    convert_limits small = { 1, 0, 0 };
    char *dir = tk_tempdir();
    char *big = sized_file(dir, "big.pdf", 1536 * 1024);
    CU_ASSERT_STRING_EQUAL(convert_report(big, &small, &src, NULL), "error");
    CU_ASSERT_EQUAL(src.over_limit, 1);
    CU_ASSERT_STRING_EQUAL(src.sha256, "");
    CU_ASSERT_EQUAL(src.file.ino, 0);
    emit_source_clear(&src);
    tk_rmtree(dir);
    free(big);
    free(dir);
}

/* `ddor2csv -o OUT PATH` under timeout(1), so that a regression that
 * waits on PATH fails the test instead of hanging it: exit status 1
 * within a few seconds, and exactly the line "ddor2csv: PATH: REASON". */
static void expect_prompt_failure(const char *path, const char *reason,
                                  const char *const *options)
{
    const char *bin = getenv("DDOR2CSV");
    char *out = tk_tempdir();
    const char *argv[16] = { "-s", "KILL", "20",
                             bin && *bin ? bin : "build/ddor2csv" };
    int argc = 4;
    while (options && *options)
        argv[argc++] = *options++;
    argv[argc++] = "-q";
    argv[argc++] = "-o";
    argv[argc++] = out;
    argv[argc++] = path;
    argv[argc] = NULL;
    tk_spec spec = { .binary = "/usr/bin/timeout" };
    char *err = NULL, line[512];
    snprintf(line, sizeof line, "ddor2csv: %s: %s\n", path, reason);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CU_ASSERT_EQUAL(tk_run_with(&spec, argv, NULL, &err), 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    CU_ASSERT(t1.tv_sec - t0.tv_sec < 10);
    free(err);
    tk_rmtree(out);
    free(out);
}

static void test_command_line(void)
{
    char *dir = tk_tempdir();
    char *fifo = tk_path(dir, "report.pdf");
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    expect_prompt_failure(fifo, "not a regular file", NULL);
    expect_prompt_failure("/dev/zero", "not a regular file", NULL);
    /* A small --timeout changes nothing: the refusal comes first. */
    const char *timeout[] = { "--timeout", "1", NULL };
    expect_prompt_failure(fifo, "not a regular file", timeout);
    expect_prompt_failure("/dev/zero", "not a regular file", timeout);
    tk_rmtree(dir);
    free(fifo);
    free(dir);
}

void suite_input(void)
{
    CU_pSuite s = CU_add_suite("reading an input", NULL, NULL);
    CU_add_test(s, "a FIFO is refused at once", test_fifo);
    CU_add_test(s, "/dev/zero, a folder, a missing file", test_devices_and_folders);
    CU_add_test(s, "--max-size, over and at the limit", test_max_size);
    CU_add_test(s, "a file changed while read is refused", test_changed_while_read);
    CU_add_test(s, "the demo report: digest, state, result", test_demo_report);
    CU_add_test(s, "no PDF: digest kept; too large: none", test_not_a_pdf_keeps_digest);
    CU_add_test(s, "ddor2csv FIFO, ddor2csv /dev/zero: prompt refusal", test_command_line);
}
