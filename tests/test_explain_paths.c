/*
 * --explain in a folder others can write to: a link planted under a name
 * the program uses (a dead run's staging folder, a report's folder,
 * index.html, a page image) is never written or deleted through, a report
 * id that is no plain file name gets no folder, and replacing an earlier
 * run's pages removes only page images the program wrote.
 *
 * Each test fills a "victim" folder outside the --explain folder, plants
 * its link, runs, and checks the victim is exactly as it was.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../explain/explain.h"
#include "../extract/extract.h"
#include "suites.h"
#include "testkit.h"

#define REPORT "fixtures/reports/weekly-1.pdf"
#define REPORT_ID "2017-01-28"
#define REPORT_PAGES 35

/* What the victim folder holds: names a run could mistake for its own,
 * and one it never would. */
static const char *const VICTIM[][2] = {
    { "page-001.png", "the victim's first page" },
    { "page-036.png", "the victim's last page" },
    { "failed.txt", "the victim's note" },
    { "index.html", "the victim's page" },
    { "keep.txt", "the victim's own file" },
};
#define NVICTIM (sizeof VICTIM / sizeof VICTIM[0])

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* BASE/victim, filled; returns its path (malloc'd). */
static char *make_victim(const char *base)
{
    char *victim = tk_path(base, "victim");
    CU_ASSERT_EQUAL_FATAL(mkdir(victim, 0777), 0);
    for (size_t i = 0; i < NVICTIM; i++) {
        char *path = tk_path(victim, VICTIM[i][0]);
        write_file(path, VICTIM[i][1]);
        free(path);
    }
    return victim;
}

/* How many entries FOLDER has, "." and ".." aside. */
static int count_entries(const char *folder)
{
    DIR *d = opendir(folder);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* FILE is a regular file (not a link) holding exactly TEXT. */
static void assert_file(const char *path, const char *text)
{
    struct stat st;
    CU_ASSERT(lstat(path, &st) == 0 && S_ISREG(st.st_mode));
    char *got = tk_slurp(path, NULL);
    if (!got || strcmp(got, text) != 0)
        fprintf(stderr, "\n  %s changed\n", path);
    CU_ASSERT(got && strcmp(got, text) == 0);
    free(got);
}

/* The victim holds what make_victim put there, and nothing more. */
static void assert_victim_untouched(const char *victim)
{
    for (size_t i = 0; i < NVICTIM; i++) {
        char *path = tk_path(victim, VICTIM[i][0]);
        assert_file(path, VICTIM[i][1]);
        free(path);
    }
    CU_ASSERT_EQUAL(count_entries(victim), (int)NVICTIM);
}

static int is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int is_regular(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

/* DIR/ID/page-001.png ... page-PAGES.png are regular files, and the
 * page after them is not there. */
static void assert_pages(const char *dir, const char *id, int pages)
{
    char path[1200];
    int present = 0;
    for (int p = 1; p <= pages; p++) {
        snprintf(path, sizeof path, "%s/%s/page-%03d.png", dir, id, p);
        present += is_regular(path);
    }
    CU_ASSERT_EQUAL(present, pages);
    snprintf(path, sizeof path, "%s/%s/page-%03d.png", dir, id, pages + 1);
    struct stat st;
    CU_ASSERT(lstat(path, &st) != 0);
}

/* No staging folder of a run is left in DIR, nor a hidden temporary. */
static void assert_no_staging(const char *dir, const char *planted)
{
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        int hidden = e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
                     strcmp(e->d_name, "..") != 0 &&
                     !(planted && strcmp(e->d_name, planted) == 0);
        if (hidden)
            fprintf(stderr, "\n  left in %s: %s\n", dir, e->d_name);
        CU_ASSERT(!hidden);
    }
    closedir(d);
}

/* Runs --explain DIR on the report, the datasets into OUT; returns the
 * exit status, its standard error into *err (may be NULL). */
static int run_explain(const char *dir, const char *out, char **err)
{
    const char *argv[] = { "-q", "--explain", dir, "-o", out, REPORT, NULL };
    return tk_run(argv, NULL, err);
}

/* A scratch folder with an --explain folder and an output folder in it. */
typedef struct {
    char *base, *dir, *out, *victim;
} scene;

static void scene_open(scene *s)
{
    s->base = tk_tempdir();
    s->dir = tk_path(s->base, "explain");
    s->out = tk_path(s->base, "out");
    CU_ASSERT_EQUAL_FATAL(mkdir(s->dir, 0777), 0);
    s->victim = make_victim(s->base);
}

static void scene_close(scene *s)
{
    tk_rmtree(s->base);
    free(s->base);
    free(s->dir);
    free(s->out);
    free(s->victim);
}

/* A link named like the staging folder of a run that no longer runs
 * (no process has the largest pid) is not emptied through. */
static void test_stale_staging_link(void)
{
    scene s;
    scene_open(&s);
    const char *name = ".pages-2147483647-0";
    char *link = tk_path(s.dir, name);
    CU_ASSERT_EQUAL_FATAL(symlink(s.victim, link), 0);
    char *err = NULL;
    CU_ASSERT_EQUAL(run_explain(s.dir, s.out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);
    assert_victim_untouched(s.victim);
    CU_ASSERT(is_link(link));
    assert_pages(s.dir, REPORT_ID, REPORT_PAGES);
    assert_no_staging(s.dir, name);
    free(link);
    scene_close(&s);
}

/* A report's folder that is a link to another folder: the run says so in
 * one line and fails, writing and deleting nothing in the target. */
static void test_report_folder_link(void)
{
    scene s;
    scene_open(&s);
    char *link = tk_path(s.dir, REPORT_ID);
    CU_ASSERT_EQUAL_FATAL(symlink(s.victim, link), 0);
    char *err = NULL;
    CU_ASSERT_EQUAL(run_explain(s.dir, s.out, &err), 1);
    char want[1200];
    snprintf(want, sizeof want, "ddor2csv: " REPORT ": pages not drawn: "
                                "%s: a link, not followed\n", link);
    CU_ASSERT_STRING_EQUAL(err ? err : "", want);
    free(err);
    assert_victim_untouched(s.victim);
    CU_ASSERT(is_link(link));
    assert_no_staging(s.dir, NULL);
    free(link);
    scene_close(&s);
}

/* index.html planted as a link to another's file: the link is replaced
 * by the index, the file it pointed at is untouched. */
static void test_index_link(void)
{
    scene s;
    scene_open(&s);
    char *link = tk_path(s.dir, "index.html");
    char *target = tk_path(s.victim, "index.html");
    CU_ASSERT_EQUAL_FATAL(symlink(target, link), 0);
    CU_ASSERT_EQUAL(run_explain(s.dir, s.out, NULL), 0);
    assert_victim_untouched(s.victim);
    CU_ASSERT(is_regular(link));
    char *html = tk_slurp(link, NULL);
    CU_ASSERT(html && strstr(html, "<td>" REPORT_ID "</td>"));
    free(html);
    assert_pages(s.dir, REPORT_ID, REPORT_PAGES);
    assert_no_staging(s.dir, NULL);
    free(target);
    free(link);
    scene_close(&s);
}

/* What explain_publish told its caller. */
static int problems;
static char last_problem[512];

static void note_problem(const char *source_file, const char *reason)
{
    (void)source_file;
    problems++;
    snprintf(last_problem, sizeof last_problem, "%s", reason);
}

/* Report ids that are no plain file name, DIR/../../victim among them,
 * get no folder: their pages are dropped with a note, while a report
 * with a plain id beside them has its page published. */
static void test_unsafe_report_ids(void)
{
    static const char *const IDS[] = {
        "../../victim", "../victim", "..", ".", ".hidden", "index.html",
        "a/b", "tab\there", "line\nbreak", "",
    };
    enum { NBAD = sizeof IDS / sizeof IDS[0] };
    scene s;
    scene_open(&s);
    /* DIR two levels below the base, so that ../../victim is the victim. */
    free(s.dir);
    s.dir = tk_path(s.base, "a");
    CU_ASSERT_EQUAL_FATAL(mkdir(s.dir, 0777), 0);
    char *dir = tk_path(s.dir, "explain");
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0777), 0);

    static const tk_placed TEXT[] = { { "One page", 72, 72 } };
    char *pdf = tk_draw_pdf(TEXT, 1);
    extract_status st;
    extract_doc *doc = extract_open(pdf, &st, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    emit_source sources[NBAD + 1];
    memset(sources, 0, sizeof sources);
    long run = (long)getpid();
    for (size_t i = 0; i <= NBAD; i++) {
        char *folder = explain_staging_folder(dir, run, i);
        char *err = NULL;
        CU_ASSERT_EQUAL(explain_draw_pages(doc, NULL, folder, &err), 0);
        free(err);
        free(folder);
        sources[i].source_file = pdf;
        sources[i].pages = 1;
        sources[i].status = "ok";
        sources[i].report_id = (char *)(i < NBAD ? IDS[i] : "plain");
    }
    extract_close(doc);

    problems = 0;
    char *err = NULL;
    CU_ASSERT_EQUAL(explain_publish(dir, run, sources, NBAD + 1, note_problem,
                                    &err), -1);
    CU_ASSERT_PTR_NULL(err);
    free(err);
    CU_ASSERT_EQUAL(problems, NBAD);
    CU_ASSERT_PTR_NOT_NULL(strstr(last_problem, "cannot name a folder"));
    assert_victim_untouched(s.victim);
    assert_pages(dir, "plain", 1);
    /* Nothing but the plain report's folder and the index in DIR, nothing
     * but DIR in its parent, and the index a file. */
    CU_ASSERT_EQUAL(count_entries(dir), 2);
    CU_ASSERT_EQUAL(count_entries(s.dir), 1);
    char *index = tk_path(dir, "index.html");
    CU_ASSERT(is_regular(index));
    free(index);
    unlink(pdf);
    free(pdf);
    free(dir);
    scene_close(&s);
}

/* A link planted under the name of this very run's staging folder: the
 * worker draws nothing through it, leaves its note nowhere through it,
 * and publishing takes nothing from it nor empties it. */
static void test_own_staging_link(void)
{
    scene s;
    scene_open(&s);
    long run = (long)getpid();
    char *folder = explain_staging_folder(s.dir, run, 0);
    CU_ASSERT_EQUAL_FATAL(symlink(s.victim, folder), 0);
    extract_status st;
    extract_doc *doc = extract_open("fixtures/reports/weekly-3-a4.pdf", &st, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    char *err = NULL;
    CU_ASSERT_EQUAL(explain_draw_pages(doc, NULL, folder, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "File exists"));
    explain_note_failure(folder, err ? err : "?");
    free(err);
    extract_close(doc);
    assert_victim_untouched(s.victim);

    emit_source source = { .source_file = "weekly-3-a4.pdf", .pages = 4,
                           .status = "ok", .report_id = "2017-02-11" };
    problems = 0;
    CU_ASSERT_EQUAL(explain_publish(s.dir, run, &source, 1, note_problem, &err), -1);
    free(err);
    CU_ASSERT_EQUAL(problems, 1);
    CU_ASSERT_STRING_EQUAL(last_problem, "0 of 4 pages drawn");
    assert_victim_untouched(s.victim);
    CU_ASSERT(is_link(folder));
    free(folder);
    scene_close(&s);
}

/* Replacing an earlier run's pages goes only for regular files named
 * page-NNN.png: a link with such a name (to the victim's page), a folder
 * with such a name, and the user's own files stay; a hard link to the
 * victim's file under such a name goes, the victim's file staying. */
static void test_only_page_files_removed(void)
{
    scene s;
    scene_open(&s);
    CU_ASSERT_EQUAL_FATAL(run_explain(s.dir, s.out, NULL), 0);
    char *report = tk_path(s.dir, REPORT_ID);
    static const char *const MINE[][2] = {
        { "notes.txt", "mine" }, { "page-1.png", "not a page name" },
        { "page-001.png.bak", "a copy" }, { "failed.txt", "my note" },
        { "Page-040.png", "another case" },
    };
    enum { NMINE = sizeof MINE / sizeof MINE[0] };
    char path[1200], target[1200];
    for (size_t i = 0; i < NMINE; i++) {
        snprintf(path, sizeof path, "%s/%s", report, MINE[i][0]);
        write_file(path, MINE[i][1]);
    }
    snprintf(path, sizeof path, "%s/page-036.png", report);
    snprintf(target, sizeof target, "%s/page-036.png", s.victim);
    CU_ASSERT_EQUAL_FATAL(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/page-037.png", report);
    CU_ASSERT_EQUAL_FATAL(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/page-037.png/inside.txt", report);
    write_file(path, "inside");
    snprintf(path, sizeof path, "%s/page-038.png", report);
    snprintf(target, sizeof target, "%s/keep.txt", s.victim);
    CU_ASSERT_EQUAL_FATAL(link(target, path), 0);

    CU_ASSERT_EQUAL(run_explain(s.dir, s.out, NULL), 0);
    assert_victim_untouched(s.victim);
    for (size_t i = 0; i < NMINE; i++) {
        snprintf(path, sizeof path, "%s/%s", report, MINE[i][0]);
        assert_file(path, MINE[i][1]);
    }
    snprintf(path, sizeof path, "%s/page-036.png", report);
    CU_ASSERT(is_link(path));
    snprintf(path, sizeof path, "%s/page-037.png/inside.txt", report);
    assert_file(path, "inside");
    snprintf(path, sizeof path, "%s/page-038.png", report);
    CU_ASSERT(access(path, F_OK) != 0);
    for (int p = 1; p <= REPORT_PAGES; p++) {
        snprintf(path, sizeof path, "%s/page-%03d.png", report, p);
        CU_ASSERT(is_regular(path));
    }
    CU_ASSERT_EQUAL(count_entries(report), REPORT_PAGES + NMINE + 2);
    free(report);
    scene_close(&s);
}

/* A second run puts new images in place of the first's, removes a page
 * the report no longer has, and leaves the user's own file alone. */
static void test_second_run_replaces_pages(void)
{
    scene s;
    scene_open(&s);
    CU_ASSERT_EQUAL_FATAL(run_explain(s.dir, s.out, NULL), 0);
    char path[1200];
    snprintf(path, sizeof path, "%s/" REPORT_ID "/page-001.png", s.dir);
    struct stat first;
    CU_ASSERT_EQUAL_FATAL(lstat(path, &first), 0);
    snprintf(path, sizeof path, "%s/" REPORT_ID "/notes.txt", s.dir);
    write_file(path, "the user's notes");
    snprintf(path, sizeof path, "%s/" REPORT_ID "/page-%03d.png", s.dir,
             REPORT_PAGES + 1);
    write_file(path, "a page of a longer earlier run");

    char *err = NULL;
    CU_ASSERT_EQUAL(run_explain(s.dir, s.out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);
    assert_pages(s.dir, REPORT_ID, REPORT_PAGES);
    snprintf(path, sizeof path, "%s/" REPORT_ID "/page-001.png", s.dir);
    struct stat second;
    CU_ASSERT_EQUAL(lstat(path, &second), 0);
    CU_ASSERT(second.st_ino != first.st_ino);
    snprintf(path, sizeof path, "%s/" REPORT_ID "/notes.txt", s.dir);
    assert_file(path, "the user's notes");
    snprintf(path, sizeof path, "%s/" REPORT_ID, s.dir);
    CU_ASSERT_EQUAL(count_entries(path), REPORT_PAGES + 1);
    assert_victim_untouched(s.victim);
    assert_no_staging(s.dir, NULL);
    scene_close(&s);
}

void suite_explain_paths(void)
{
    CU_pSuite s = CU_add_suite("explain: links and names planted", NULL, NULL);
    CU_add_test(s, "a dead run's staging folder as a link", test_stale_staging_link);
    CU_add_test(s, "a report's folder as a link", test_report_folder_link);
    CU_add_test(s, "index.html as a link", test_index_link);
    CU_add_test(s, "report ids that are no plain name", test_unsafe_report_ids);
    CU_add_test(s, "this run's staging folder as a link", test_own_staging_link);
    CU_add_test(s, "only page images removed", test_only_page_files_removed);
    CU_add_test(s, "a second run replaces the pages", test_second_run_replaces_pages);
}
