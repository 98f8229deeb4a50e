/*
 * The archive folder under pressure: one run writes it at a time (the
 * others wait, or fail at once with --no-wait), runs started together
 * all land, links planted under the names the program uses are never
 * written or deleted through, and a disk that fills up leaves the folder
 * as it was.
 *
 * Tests of links fill a "victim" folder outside the output folder with
 * files a run could take for its own, plant a link to it, run, and check
 * that the victim is exactly as it was.
 */
#define _GNU_SOURCE           /* flock, mount */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "archive_folder.h"
#include "output_folder.h"
#include "suites.h"
#include "testkit.h"

/* The digest of W2T, the name of its copy and result in the archive. */
#define W2T_SHA "4dc093fc7299a7a525eff4fc9a3b99d83984338619423295acabe5b0ae104216"

static const char *binary(void)
{
    const char *b = getenv("DDOR2CSV");
    return b && *b ? b : "build/ddor2csv";
}

/* Starts the program with ARGV (without its name), standard output
 * discarded and standard error into ERR_PATH; returns its pid. */
static pid_t start(const char *const *argv, const char *err_path)
{
    const char *full[32] = { binary() };
    for (int i = 0; argv[i] && i < 30; i++)
        full[i + 1] = argv[i];
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (null < 0 || err < 0)
            _exit(127);
        dup2(null, 0);
        dup2(null, 1);
        dup2(err, 2);
        execv(full[0], (char *const *)full);
        _exit(127);
    }
    return pid;
}

/* Waits for PID; its exit status, or -1 when it did not exit. */
static int finish(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static int is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* ---- One writer at a time --------------------------------------------- */

/* Takes the lock of output folder DIR as a run would; its descriptor. */
static int hold_lock(const char *dir)
{
    char *lock = tk_path(dir, ".ddor2csv/lock");
    int fd = open(lock, O_RDONLY | O_CLOEXEC);
    free(lock);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL_FATAL(flock(fd, LOCK_EX), 0);
    return fd;
}

static void test_lock(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *err_path = tk_path(dir, "stderr");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
    char *before = folder_snapshot(out, 1);
    int fd = hold_lock(out);

    /* --no-wait: refused at once, nothing changed. */
    char *err = NULL, line[1024];
    double t0 = tk_now();
    CU_ASSERT_EQUAL(af_run(&err, "--no-wait", "-o", out, W3, NULL), 1);
    CU_ASSERT(tk_now() - t0 < 5);
    snprintf(line, sizeof line,
             "ddor2csv: %s: in use by another run of ddor2csv (--no-wait)\n", out);
    CU_ASSERT_STRING_EQUAL(err ? err : "", line);
    free(err);
    char *after = folder_snapshot(out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(after);

    /* Without it: waits, silently when standard error is no terminal,
     * and lands once the lock is released. */
    const char *argv[] = { "-q", "-o", out, W3, NULL };
    pid_t pid = start(argv, err_path);
    tk_sleep(1.0);
    int status;
    CU_ASSERT_EQUAL(waitpid(pid, &status, WNOHANG), 0);
    after = folder_snapshot(out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(after);
    close(fd);
    t0 = tk_now();
    CU_ASSERT_EQUAL(finish(pid), 0);
    CU_ASSERT(tk_now() - t0 < 10);
    af_assert_column(out, "report_id", "2017-02-04|2017-02-11");
    char *said = tk_slurp(err_path, NULL);
    CU_ASSERT_STRING_EQUAL(said ? said : "?", "");
    free(said);
    free(before);
    free(err_path);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

#define ROUNDS 20

/* Two runs started together into one new folder, ROUNDS times: both land
 * every time, the datasets are those of one run after the other (in
 * either order, never a mix), and no staging folder is left beside the
 * folder or inside it.  With IN_PLACE the folder holds a folder of the
 * user's, so the new files are renamed into it one by one rather than
 * the folder exchanged. */
static void race(int in_place)
{
    char *dir = tk_tempdir();
    char *ab = tk_path(dir, "ab"), *ba = tk_path(dir, "ba");
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", ab, W2T, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", ab, W3, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", ba, W3, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", ba, W2T, NULL), 0);
    CU_ASSERT_FATAL(!folder_same_datasets(ab, ba));

    int first_a = 0, first_b = 0;
    double t0 = tk_now();
    for (int round = 0; round < ROUNDS; round++) {
        char name[32], beside[48];
        snprintf(name, sizeof name, "out%d", round);
        snprintf(beside, sizeof beside, ".%s.ddor2csv-", name);
        char *out = tk_path(dir, name), *mine = tk_path(out, "mine");
        char *err_a = tk_path(dir, "err-a"), *err_b = tk_path(dir, "err-b");
        CU_ASSERT_EQUAL_FATAL(mkdir(out, 0777), 0);
        if (in_place) {
            CU_ASSERT_EQUAL_FATAL(mkdir(mine, 0777), 0);
            CU_ASSERT_EQUAL_FATAL(folder_put_file("README.md", mine, "notes.txt"), 0);
        }
        /* Held open, so that its inode cannot be reused by a new folder. */
        int held = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct stat was;
        CU_ASSERT_FATAL(held >= 0 && fstat(held, &was) == 0);
        const char *argv_a[] = { "-q", "-j", "1", "-o", out, W2T, NULL };
        const char *argv_b[] = { "-q", "-j", "1", "-o", out, W3, NULL };
        pid_t a = start(argv_a, err_a), b = start(argv_b, err_b);
        int rc_a = finish(a), rc_b = finish(b);
        CU_ASSERT_EQUAL(rc_a, 0);
        CU_ASSERT_EQUAL(rc_b, 0);
        if (rc_a != 0 || rc_b != 0) {
            char *ea = tk_slurp(err_a, NULL), *eb = tk_slurp(err_b, NULL);
            fprintf(stderr, "\n  round %d: %s%s", round, ea ? ea : "", eb ? eb : "");
            free(ea);
            free(eb);
        }
        af_assert_column(out, "report_id", "2017-02-04|2017-02-11");
        if (folder_same_datasets(out, ab))
            first_a++;
        else if (folder_same_datasets(out, ba))
            first_b++;
        else
            CU_FAIL("the datasets are neither of the two orders");
        CU_ASSERT_EQUAL(folder_count_prefixed(dir, beside), 0);
        CU_ASSERT_EQUAL(folder_count_prefixed(out, ".ddor2csv-staging-"), 0);
        CU_ASSERT(folder_only_expected(out, "mine"));
        if (in_place) {
            /* The very folder the user made, with the user's folder in it. */
            CU_ASSERT_EQUAL(inode_of(out), was.st_ino);
            char *notes = tk_path(mine, "notes.txt");
            CU_ASSERT(tk_same_file("README.md", notes));
            free(notes);
        } else {
            /* Exchanged for the staging folder, as a whole. */
            CU_ASSERT_NOT_EQUAL(inode_of(out), was.st_ino);
        }
        close(held);
        free(err_a);
        free(err_b);
        free(mine);
        free(out);
    }
    fprintf(stderr, "\n  %d rounds of two runs (%s): %.2f s; W2T landed first %d times, "
                    "W3 %d times\n", ROUNDS, in_place ? "in place" : "exchanged",
            tk_now() - t0, first_a, first_b);
    CU_ASSERT_EQUAL(first_a + first_b, ROUNDS);
    free(ab);
    free(ba);
    tk_rmtree(dir);
    free(dir);
}

static void test_race_exchanged(void) { race(0); }
static void test_race_in_place(void) { race(1); }

/* ---- Planted links ---------------------------------------------------- */

/* A scratch folder with a victim, and an output folder OUT holding W2T
 * unless EMPTY. */
typedef struct {
    char *dir, *victim, *out, *before;
} scene;

static void scene_open(scene *s, int empty)
{
    s->dir = tk_tempdir();
    s->victim = af_make_victim(s->dir);
    s->out = tk_path(s->dir, "out");
    if (!empty)
        CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", s->out, W2T, NULL), 0);
    s->before = folder_snapshot(s->victim, 1);
}

/* The victim is exactly as it was. */
static void scene_close(scene *s)
{
    char *after = folder_snapshot(s->victim, 1);
    if (strcmp(after, s->before) != 0)
        fprintf(stderr, "\n  victim before:\n%s  victim after:\n%s", s->before, after);
    CU_ASSERT_STRING_EQUAL(after, s->before);
    free(after);
    free(s->before);
    free(s->out);
    free(s->victim);
    tk_rmtree(s->dir);
    free(s->dir);
}

/* A run adding W3 into S's folder with link NAME (relative to S->dir)
 * planted to TARGET (relative to the victim); returns its exit status,
 * its standard error into *ERR. */
static int run_with_link(scene *s, const char *name, const char *target, char **err)
{
    char *link_path = tk_path(s->dir, name), *to = tk_path(s->victim, target);
    CU_ASSERT_EQUAL_FATAL(symlink(to, link_path), 0);
    int rc = af_run(err, "-q", "-o", s->out, W3, NULL);
    free(link_path);
    free(to);
    return rc;
}

static void test_state_folder_link(void)
{
    scene s;
    scene_open(&s, 1);
    CU_ASSERT_EQUAL_FATAL(mkdir(s.out, 0777), 0);
    char *err = NULL;
    CU_ASSERT_EQUAL(run_with_link(&s, "out/.ddor2csv", ".ddor2csv", &err), 1);
    CU_ASSERT(af_one_line(err));
    CU_ASSERT(err && strstr(err, "/.ddor2csv: "));
    free(err);
    char *link_path = tk_path(s.out, ".ddor2csv"), *csv = tk_path(s.out, "reports.csv");
    CU_ASSERT(is_link(link_path));
    CU_ASSERT(access(csv, F_OK) != 0);
    free(link_path);
    free(csv);
    scene_close(&s);
}

static void test_staging_links(void)
{
    scene s;
    scene_open(&s, 0);
    /* Named as a killed run's staging folder, beside the output folder
     * and inside it. */
    CU_ASSERT_EQUAL(run_with_link(&s, ".out.ddor2csv-AbCdEfGhIjKl", "", NULL), 0);
    CU_ASSERT_EQUAL(run_with_link(&s, "out/.ddor2csv-staging-AbCdEfGhIjKl", "", NULL), 0);
    af_assert_column(s.out, "report_id", "2017-02-04|2017-02-11");
    char *beside = tk_path(s.dir, ".out.ddor2csv-AbCdEfGhIjKl");
    char *inside = tk_path(s.out, ".ddor2csv-staging-AbCdEfGhIjKl");
    CU_ASSERT(is_link(beside));
    CU_ASSERT(is_link(inside));
    /* Another run with both there. */
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", s.out, W2L, NULL), 0);
    af_assert_column(s.out, "report_id", "2017-02-04|2017-02-04-2|2017-02-11");
    free(beside);
    free(inside);
    scene_close(&s);
}

/* The lock, the list of reports: a link is refused, in one line naming
 * it, and nothing is written. */
static void expect_refused(const char *name, const char *target, const char *said)
{
    scene s;
    scene_open(&s, 0);
    char *path = tk_path(s.out, name), *to = tk_path(s.victim, target);
    CU_ASSERT_EQUAL_FATAL(unlink(path), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(to, path), 0);
    char *before = folder_snapshot(s.out, 1), *err = NULL;
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", s.out, W3, NULL), 1);
    CU_ASSERT(af_one_line(err));
    if (!err || !strstr(err, said))
        fprintf(stderr, "\n  want %s in: %s", said, err ? err : "(nothing)\n");
    CU_ASSERT(err && strstr(err, said));
    free(err);
    char *after = folder_snapshot(s.out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(after);
    free(before);
    free(to);
    free(path);
    scene_close(&s);
}

static void test_lock_link(void)
{
    expect_refused(".ddor2csv/lock", ".ddor2csv/lock", "/.ddor2csv/lock: ");
}

static void test_list_link(void)
{
    expect_refused(".ddor2csv/reports", ".ddor2csv/reports", "/.ddor2csv/reports: ");
}

/* A kept result replaced by a link: not read through (the report is
 * read again from its copy) and not written through (replaced). */
static void test_result_link(void)
{
    scene s;
    scene_open(&s, 0);
    char *result = tk_path(s.out, ".ddor2csv/" W2T_SHA ".result");
    CU_ASSERT_EQUAL_FATAL(unlink(result), 0);
    CU_ASSERT_EQUAL(run_with_link(&s, "out/.ddor2csv/" W2T_SHA ".result", "reports.csv",
                                  NULL), 0);
    struct stat st;
    CU_ASSERT(lstat(result, &st) == 0 && S_ISREG(st.st_mode));
    char *ref = tk_path(s.dir, "ref");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", ref, W2T, W3, NULL), 0);
    CU_ASSERT(af_same_output(s.out, ref));
    free(ref);
    free(result);
    scene_close(&s);
}

/* Writes TEXT as the archive's record of a landing under way, at PATH,
 * as a run killed while landing leaves it. */
static void put_landing_record(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
}

/* A staging folder a killed run left, beside the output folder or inside
 * it, and named in the archive's record of the landing under way, is
 * removed by the next run; a folder merely named like one (another
 * archive, say) is not the program's to touch. */
static void test_stale_staging_removed(void)
{
    scene s;
    scene_open(&s, 0);
    char *beside = tk_path(s.dir, ".out.ddor2csv-ZyXwVuTsRqPo");
    char *inside = tk_path(s.out, ".ddor2csv-staging-ZyXwVuTsRqPo");
    char *record = tk_path(s.out, ".ddor2csv/landing");
    CU_ASSERT_EQUAL_FATAL(mkdir(beside, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(inside, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, beside, "reports.csv"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, beside, "datapackage.json"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, beside, ".ddor2csv/reports"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, beside, ".ddor2csv/" W2T_SHA ".pdf"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, inside, "declined_detainers.csv"), 0);
    put_landing_record(record, "beside .out.ddor2csv-ZyXwVuTsRqPo\n");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", s.out, W3, NULL), 0);
    CU_ASSERT(access(beside, F_OK) != 0);
    CU_ASSERT(access(record, F_OK) != 0);
    /* Not named in the record: left whole. */
    char *kept = tk_path(inside, "declined_detainers.csv");
    CU_ASSERT(access(kept, F_OK) == 0);
    free(kept);

    /* Named, and holding what a run killed while it wrote the list of
     * reports or the record of the output files there leaves (made inside
     * the output folder, a staging folder is its own archive folder too):
     * removed all the same. */
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, inside, "reports"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, inside, "outputs"), 0);
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W2T, inside, "tmp-AbCdEfGhIjKl"), 0);
    put_landing_record(record, "inside .ddor2csv-staging-ZyXwVuTsRqPo\n");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", s.out, W2L, NULL), 0);
    CU_ASSERT(access(inside, F_OK) != 0);
    CU_ASSERT(access(record, F_OK) != 0);
    af_assert_column(s.out, "report_id", "2017-02-04|2017-02-04-2|2017-02-11");
    free(record);
    free(beside);
    free(inside);
    scene_close(&s);
}

/* ---- A full disk ------------------------------------------------------ */

/* Fills the file system of DIR with FILLER until about LEFT bytes are
 * free.  Returns 0, or -1 when it cannot. */
static int fill(const char *dir, const char *filler, long long left)
{
    struct statvfs vfs;
    if (statvfs(dir, &vfs) != 0)
        return -1;
    long long avail = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
    long long size = avail - left;
    FILE *f = fopen(filler, "wb");
    if (!f)
        return -1;
    static char block[4096];
    for (long long n = 0; n < size; n += (long long)sizeof block) {
        size_t k = size - n < (long long)sizeof block ? (size_t)(size - n) : sizeof block;
        if (fwrite(block, 1, k, f) != k)
            break;
    }
    return fclose(f) == 0 || errno == ENOSPC ? 0 : -1;
}

/* A run adding W3 to OUT (holding W2T) on a file system with only LEFT
 * bytes free fails, saying SAID, and leaves the folder as it was. */
static void full_disk(const char *mnt, const char *out, long long left, const char *said)
{
    char *filler = tk_path(mnt, "filler");
    CU_ASSERT_EQUAL_FATAL(fill(mnt, filler, left), 0);
    char *before = folder_snapshot(out, 1), *err = NULL;
    CU_ASSERT_EQUAL(af_run(&err, "-q", "-o", out, W3, NULL), 1);
    if (!err || !strstr(err, said) || !strstr(err, "No space left on device"))
        fprintf(stderr, "\n  want %s in: %s", said, err ? err : "(nothing)\n");
    CU_ASSERT(err && strstr(err, said) && strstr(err, "No space left on device"));
    free(err);
    char *after = folder_snapshot(out, 1);
    if (strcmp(before, after) != 0)
        fprintf(stderr, "\n  before:\n%s  after:\n%s", before, after);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(before);
    free(after);
    unlink(filler);
    free(filler);
}

/* Exit status 0, W2T and W3 in OUT: the failed runs left no space taken. */
static void recovers(const char *out)
{
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W3, NULL), 0);
    af_assert_column(out, "report_id", "2017-02-04|2017-02-11");
}

static void test_disk_full(void)
{
    char *dir = tk_tempdir();
    char *mnt = tk_path(dir, "mnt");
    CU_ASSERT_EQUAL_FATAL(mkdir(mnt, 0777), 0);
    if (mount("tmpfs", mnt, "tmpfs", 0, "size=600k") != 0) {
        fprintf(stderr, "\n  cannot mount a small tmpfs (%s): the full disk is not tested\n",
                strerror(errno));
        tk_rmtree(dir);
        free(mnt);
        free(dir);
        return;
    }
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(W3, &st), 0);
    long long copy = ((long long)st.st_size + 4095) / 4096 * 4096;
    /* OUT below the mount: the folder is exchanged; the mount itself
     * (its parent on another file system): files renamed into it. */
    char *below = tk_path(mnt, "out");
    const char *outs[] = { below, mnt };
    for (int k = 0; k < 2; k++) {
        const char *out = outs[k];
        CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
        /* No room for the copy of the PDF. */
        full_disk(mnt, out, 16384, "cannot keep a copy in the output folder");
        /* Room for the copy and the result, not for the datasets. */
        full_disk(mnt, out, copy + 16384, "cannot write");
        recovers(out);
        if (k == 0)
            tk_rmtree(below);
    }
    CU_ASSERT_EQUAL(umount(mnt), 0);
    free(below);
    tk_rmtree(dir);
    free(mnt);
    free(dir);
}

/* A landing cut short while files were renamed in one by one leaves its
 * record: the next run lands although it adds nothing, and the datasets
 * match the list of reports again. */
static void test_cut_landing_mended(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out"), *ref = tk_path(dir, "ref");
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", ref, W2T, NULL), 0);
    /* As a run killed between two renames leaves it: one dataset of
     * another run, and the record naming its (gone) staging folder. */
    CU_ASSERT_EQUAL_FATAL(folder_put_file(W3, out, "reports.csv"), 0);
    char *record = tk_path(out, ".ddor2csv/landing");
    put_landing_record(record, "inside .ddor2csv-staging-AbCdEfGhIjKl\n");
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
    CU_ASSERT(af_same_output(out, ref));
    CU_ASSERT(access(record, F_OK) != 0);
    free(record);
    free(ref);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

/* A damaged copy of a report's PDF is mended by adding the PDF again. */
static void test_damaged_copy_mended(void)
{
    char *dir = tk_tempdir();
    char *out = tk_path(dir, "out");
    CU_ASSERT_EQUAL_FATAL(af_run(NULL, "-q", "-o", out, W2T, NULL), 0);
    char *copy = tk_path(out, ".ddor2csv/" W2T_SHA ".pdf");
    FILE *f = fopen(copy, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fseek(f, 100, SEEK_SET);
    fputc('X', f);            /* the same size, other bytes */
    fclose(f);
    CU_ASSERT_EQUAL(af_run(NULL, "-q", "--force", "-o", out, W2T, NULL), 0);
    size_t a_len = 0, b_len = 0;
    char *a = tk_slurp(copy, &a_len), *b = tk_slurp(W2T, &b_len);
    CU_ASSERT(a && b && a_len == b_len && memcmp(a, b, a_len) == 0);
    free(a);
    free(b);
    free(copy);
    free(out);
    tk_rmtree(dir);
    free(dir);
}

void suite_archive_writers(void)
{
    CU_pSuite s = CU_add_suite("archive folder: writers, links, full disks", NULL, NULL);
    CU_add_test(s, "--no-wait fails at once; otherwise a run waits", test_lock);
    CU_add_test(s, "two runs at once, the folder exchanged", test_race_exchanged);
    CU_add_test(s, "two runs at once, files renamed into place", test_race_in_place);
    CU_add_test(s, "the archive's folder as a link", test_state_folder_link);
    CU_add_test(s, "staging folders as links", test_staging_links);
    CU_add_test(s, "the lock as a link", test_lock_link);
    CU_add_test(s, "the list of reports as a link", test_list_link);
    CU_add_test(s, "a kept result as a link", test_result_link);
    CU_add_test(s, "a killed run's staging folders are removed", test_stale_staging_removed);
    CU_add_test(s, "a full disk changes nothing", test_disk_full);
    CU_add_test(s, "a landing cut short is mended", test_cut_landing_mended);
    CU_add_test(s, "a damaged copy is mended", test_damaged_copy_mended);
}
