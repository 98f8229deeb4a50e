/*
 * The formats of an archive folder: a run that lands writes the output
 * files of its formats and takes away those of other formats that earlier
 * runs wrote, so that no file in the folder looks current while it lacks
 * the reports added since (or holds one taken out).  It takes away only
 * the very files it wrote, as DIR/.ddor2csv/outputs records them: a link
 * planted under a recorded name (even one to the very file recorded), a
 * file put in a recorded file's place,
 * a recorded file edited or given to another user, a file under an output
 * name that no run recorded, and any name the record holds that is not an
 * output file's are all left alone.
 *
 * Each test runs three ways: with the folder exchanged for a new one, and
 * with the files renamed into place one by one, which a folder of the
 * user's inside the output folder forces, and so does running in the
 * output folder itself.  Runs killed at every step of landing leave the
 * old formats or the new ones, never a folder without either.
 */
#define _GNU_SOURCE           /* realpath */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include "../emit/emit.h"
#include "../emit/output_files.h"
#include "archive_folder.h"
#include "output_folder.h"
#include "package_check.h"
#include "suites.h"
#include "testkit.h"

/* How a run puts its files in place. */
enum { EXCHANGED, USER_FOLDER, CURRENT_FOLDER };

/* A scratch folder, with OUT the output folder in it, and the reports as
 * absolute paths (a run in OUT must find them too). */
typedef struct {
    char *dir, *out;
    int way;
    char *w1, *w2t, *w3;
} scene;

static char *absolute(const char *path)
{
    char *p = realpath(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    return p;
}

static void scene_open(scene *s, int way)
{
    s->dir = tk_tempdir();
    s->out = tk_path(s->dir, "out");
    s->way = way;
    s->w1 = absolute(W1);
    s->w2t = absolute(W2T);
    s->w3 = absolute(W3);
    CU_ASSERT_EQUAL_FATAL(mkdir(s->out, 0777), 0);
    if (way == USER_FOLDER) {
        char *mine = tk_path(s->out, "mine");
        CU_ASSERT_EQUAL_FATAL(mkdir(mine, 0777), 0);
        free(mine);
    }
}

static void scene_close(scene *s)
{
    tk_rmtree(s->dir);
    free(s->dir);
    free(s->out);
    free(s->w1);
    free(s->w2t);
    free(s->w3);
}

/* Runs the program with -q, -o and the arguments that follow (up to
 * NULL) into S's folder, the way S says; its standard error into *ERR
 * unless ERR is NULL.  Returns its exit status. */
static int run(const scene *s, char **err, ...)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = "-q";
    argv[n++] = "-o";
    argv[n++] = s->way == CURRENT_FOLDER ? "." : s->out;
    va_list ap;
    va_start(ap, err);
    const char *arg;
    while ((arg = va_arg(ap, const char *)) != NULL && n < 31)
        argv[n++] = arg;
    va_end(ap);
    argv[n] = NULL;
    tk_spec spec = { .dir = s->way == CURRENT_FOLDER ? s->out : NULL };
    return tk_run_with(&spec, argv, NULL, err);
}

/* A reference folder NAME in S's scratch folder, made by one run of the
 * arguments that follow (up to NULL) the way that exchanges folders. */
static char *reference(const scene *s, const char *name, ...)
{
    const char *argv[32] = { "-q", "-o" };
    char *ref = tk_path(s->dir, name);
    int n = 2;
    argv[n++] = ref;
    va_list ap;
    va_start(ap, name);
    const char *arg;
    while ((arg = va_arg(ap, const char *)) != NULL && n < 31)
        argv[n++] = arg;
    va_end(ap);
    argv[n] = NULL;
    CU_ASSERT_EQUAL_FATAL(tk_run(argv, NULL, NULL), 0);
    return ref;
}

/* DIR/<dataset>.EXT of dataset I. */
static char *dataset_path(const char *dir, size_t i, const char *ext)
{
    char name[64];
    snprintf(name, sizeof name, "%s.%s", emit_dataset_names[i], ext);
    return tk_path(dir, name);
}

/* How many datasets DIR holds as .EXT files. */
static int datasets_in(const char *dir, const char *ext)
{
    int n = 0;
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        char *path = dataset_path(dir, i, ext);
        n += access(path, F_OK) == 0;
        free(path);
    }
    return n;
}

/* Every dataset of DIR as .EXT is REF's, byte for byte (quietly: the
 * tests of killed runs ask which of two it is). */
static int same_datasets(const char *dir, const char *ref, const char *ext)
{
    int same = 1;
    for (size_t i = 0; emit_dataset_names[i] && same; i++) {
        char *a = dataset_path(dir, i, ext), *b = dataset_path(ref, i, ext);
        size_t alen = 0, blen = 0;
        char *x = tk_slurp(a, &alen), *y = tk_slurp(b, &blen);
        same = x && y && alen == blen && memcmp(x, y, alen) == 0;
        free(x);
        free(y);
        free(a);
        free(b);
    }
    return same;
}

/* DIR/datapackage.json describes every dataset as its .EXT file (its
 * name, a JSON string, is there, and no other format's), and the files
 * are valid against it. */
static int describes(const char *dir, const char *ext)
{
    static const char *const exts[] = { "csv", "jsonl" };
    char *path = tk_path(dir, "datapackage.json");
    char *text = tk_slurp(path, NULL);
    free(path);
    int ok = text != NULL;
    for (size_t i = 0; ok && emit_dataset_names[i]; i++) {
        for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
            char quoted[96];
            snprintf(quoted, sizeof quoted, "\"%s.%s\"", emit_dataset_names[i], exts[k]);
            if ((strstr(text, quoted) != NULL) != (strcmp(exts[k], ext) == 0))
                ok = 0;
        }
    }
    free(text);
    char report[4096];
    int problems = pc_check_folder(dir, report, sizeof report);
    if (problems)
        fprintf(stderr, "\n  %s: %d problems:\n%s", dir, problems, report);
    return ok && problems == 0;
}

static void put_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_ino : 0;
}

/* The file at PATH holds TEXT. */
static int holds(const char *path, const char *text)
{
    char *got = tk_slurp(path, NULL);
    int same = got && strcmp(got, text) == 0;
    free(got);
    return same;
}

/* ---- Switching formats ------------------------------------------------ */

static void switching(int way)
{
    scene s;
    scene_open(&s, way);
    char *one_csv = reference(&s, "one-csv", s.w1, NULL);
    char *one_jsonl = reference(&s, "one-jsonl", "--format", "jsonl", s.w1, NULL);
    char *two = reference(&s, "two", "--format", "csv,jsonl", s.w1, s.w2t, NULL);

    CU_ASSERT_EQUAL(run(&s, NULL, s.w1, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 6);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 0);
    CU_ASSERT(same_datasets(s.out, one_csv, "csv"));
    CU_ASSERT(describes(s.out, "csv"));
    CU_ASSERT(!describes(s.out, "jsonl"));

    /* Nothing new, but another format: the run lands, the CSVs go. */
    ino_t was = inode_of(s.out);
    char *err = NULL;
    CU_ASSERT_EQUAL(run(&s, &err, "--format", "jsonl", s.w1, NULL), 0);
    CU_ASSERT_STRING_EQUAL(err ? err : "?", "");
    free(err);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 6);
    CU_ASSERT(same_datasets(s.out, one_jsonl, "jsonl"));
    CU_ASSERT(describes(s.out, "jsonl"));
    CU_ASSERT(!describes(s.out, "csv"));
    /* The way asked for was the way taken. */
    if (way == EXCHANGED) {
        CU_ASSERT_NOT_EQUAL(inode_of(s.out), was);
    } else {
        CU_ASSERT_EQUAL(inode_of(s.out), was);
    }

    /* Both, a report added: the descriptor is of the CSVs. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv,jsonl", s.w2t, NULL), 0);
    CU_ASSERT(same_datasets(s.out, two, "csv"));
    CU_ASSERT(same_datasets(s.out, two, "jsonl"));
    CU_ASSERT(describes(s.out, "csv"));

    /* CSV alone again: the JSON Lines go. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", s.w2t, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 0);
    CU_ASSERT(same_datasets(s.out, two, "csv"));
    CU_ASSERT(describes(s.out, "csv"));

    /* The same once more: nothing to add, the folder's format: nothing
     * written. */
    char *before = folder_snapshot(s.out, 1);
    CU_ASSERT_EQUAL(run(&s, NULL, s.w1, s.w2t, NULL), 0);
    char *after = folder_snapshot(s.out, 1);
    if (strcmp(before, after) != 0)
        fprintf(stderr, "\n  before:\n%s  after:\n%s", before, after);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(before);
    free(after);

    /* No staging folder left, beside the folder or in it. */
    CU_ASSERT_EQUAL(folder_count_prefixed(s.dir, ".out.ddor2csv-"), 0);
    CU_ASSERT_EQUAL(folder_count_prefixed(s.out, ".ddor2csv-staging-"), 0);
    free(one_csv);
    free(one_jsonl);
    free(two);
    scene_close(&s);
}

static void test_switching_exchanged(void) { switching(EXCHANGED); }
static void test_switching_user_folder(void) { switching(USER_FOLDER); }
static void test_switching_current_folder(void) { switching(CURRENT_FOLDER); }

/* ---- What is not the program's to take away --------------------------- */

#define VICTIM_TEXT "the victim's own file\n"
#define NOTES_TEXT "my notes\n"
#define EDIT_TEXT "{\"mine\": true}\n"
#define OTHER_UID 4242

/* A line of the record of output files naming the file ST as NAME. */
static void record_line(FILE *f, const struct stat *st, const char *name)
{
    fprintf(f, "%llu %llu %lld %lld %ld %s\n", (unsigned long long)st->st_dev,
            (unsigned long long)st->st_ino, (long long)st->st_size,
            (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec, name);
}

/* The files a csv,jsonl run wrote, then changed by the user, or by
 * someone else who shares the folder, before a run in CSV alone. */
static void not_ours(int way)
{
    scene s;
    scene_open(&s, way);
    char *victim = tk_path(s.dir, "victim.txt"), *notes = tk_path(s.out, "notes.txt");
    char *sqlite = tk_path(s.out, "ddor.sqlite");
    put_text(victim, VICTIM_TEXT);
    put_text(notes, NOTES_TEXT);
    /* Named as the output file of a format no run here asks for. */
    put_text(sqlite, "my database\n");
    CU_ASSERT_EQUAL_FATAL(run(&s, NULL, "--format", "csv,jsonl", s.w1, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(datasets_in(s.out, "jsonl"), 6);

    /* A link planted under a recorded name. */
    char *planted = dataset_path(s.out, 0, "jsonl");
    CU_ASSERT_EQUAL_FATAL(unlink(planted), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(victim, planted), 0);
    /* Another file put in a recorded file's place (the same bytes, a new
     * inode). */
    char *replaced = dataset_path(s.out, 1, "jsonl"), *copy = tk_path(s.dir, "copy");
    size_t len = 0;
    char *bytes = tk_slurp(replaced, &len);
    FILE *f = fopen(copy, "wb");
    CU_ASSERT_FATAL(bytes && f && fwrite(bytes, 1, len, f) == len);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
    CU_ASSERT_EQUAL_FATAL(rename(copy, replaced), 0);
    ino_t replaced_ino = inode_of(replaced);
    /* A recorded file the user edited in place. */
    char *edited = dataset_path(s.out, 2, "jsonl");
    put_text(edited, EDIT_TEXT);
    /* A recorded file given to another user (where this run may). */
    char *given = dataset_path(s.out, 3, "jsonl");
    int chowned = chown(given, OTHER_UID, OTHER_UID) == 0;
    if (!chowned)
        fprintf(stderr, "\n  cannot chown (%s): a file of another user is not tested\n",
                strerror(errno));
    /* A recorded file moved out of the folder, and a link to it in its
     * place: the link is the user's, though what it leads to is ours. */
    char *linked = dataset_path(s.out, 4, "jsonl"), *moved = tk_path(s.dir, "moved");
    CU_ASSERT_EQUAL_FATAL(rename(linked, moved), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(moved, linked), 0);
    /* The record edited to name the user's notes and a path out, with
     * their very identities. */
    char *record = tk_path(s.out, ".ddor2csv/outputs");
    struct stat st_notes, st_victim;
    CU_ASSERT_EQUAL_FATAL(stat(notes, &st_notes), 0);
    CU_ASSERT_EQUAL_FATAL(stat(victim, &st_victim), 0);
    f = fopen(record, "a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    record_line(f, &st_notes, "notes.txt");
    record_line(f, &st_victim, "../victim.txt");
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);

    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", s.w2t, NULL), 0);
    af_assert_column(s.out, "report_id", "2017-01-28|2017-02-04");

    struct stat st;
    CU_ASSERT(lstat(planted, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(holds(victim, VICTIM_TEXT));
    CU_ASSERT_EQUAL(inode_of(replaced), replaced_ino);
    CU_ASSERT(holds(replaced, bytes));
    CU_ASSERT(holds(edited, EDIT_TEXT));
    if (chowned)
        CU_ASSERT(lstat(given, &st) == 0 && st.st_uid == OTHER_UID);
    CU_ASSERT(holds(notes, NOTES_TEXT));
    CU_ASSERT(holds(sqlite, "my database\n"));
    CU_ASSERT(lstat(victim, &st) == 0 && st.st_ino == st_victim.st_ino &&
              st.st_mtim.tv_sec == st_victim.st_mtim.tv_sec &&
              st.st_mtim.tv_nsec == st_victim.st_mtim.tv_nsec);
    CU_ASSERT(lstat(linked, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(access(moved, F_OK) == 0);
    /* The one the run wrote and nobody touched went. */
    char *gone = dataset_path(s.out, 5, "jsonl");
    CU_ASSERT_EQUAL(lstat(gone, &st), -1);
    free(gone);

    /* Nor does a later run take what it left alone. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", s.w3, NULL), 0);
    CU_ASSERT(lstat(planted, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT_EQUAL(inode_of(replaced), replaced_ino);
    CU_ASSERT(holds(edited, EDIT_TEXT));
    CU_ASSERT(access(given, F_OK) == 0);
    CU_ASSERT(holds(notes, NOTES_TEXT));
    free(record);
    free(moved);
    free(linked);
    free(given);
    free(edited);
    free(bytes);
    free(copy);
    free(replaced);
    free(planted);
    free(sqlite);
    free(notes);
    free(victim);
    scene_close(&s);
}

static void test_not_ours_exchanged(void) { not_ours(EXCHANGED); }
static void test_not_ours_user_folder(void) { not_ours(USER_FOLDER); }
static void test_not_ours_current_folder(void) { not_ours(CURRENT_FOLDER); }

/* A file under an output name that no run recorded (the user's own
 * reports.jsonl, or one written by a version before the record) is left
 * alone by runs in other formats. */
static void unrecorded(int way)
{
    scene s;
    scene_open(&s, way);
    CU_ASSERT_EQUAL_FATAL(run(&s, NULL, s.w1, NULL), 0);
    char *mine = dataset_path(s.out, 0, "jsonl");
    put_text(mine, EDIT_TEXT);
    ino_t ino = inode_of(mine);
    CU_ASSERT_EQUAL(run(&s, NULL, s.w2t, NULL), 0);
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", s.w3, NULL), 0);
    af_assert_column(s.out, "report_id", "2017-01-28|2017-02-04|2017-02-11");
    CU_ASSERT(holds(mine, EDIT_TEXT));
    CU_ASSERT_EQUAL(inode_of(mine), ino);
    free(mine);
    scene_close(&s);
}

static void test_unrecorded_exchanged(void) { unrecorded(EXCHANGED); }
static void test_unrecorded_user_folder(void) { unrecorded(USER_FOLDER); }

/* The record as a link: not read through (so it names nothing), not
 * written through (replaced by the program's own). */
static void test_record_link(void)
{
    scene s;
    scene_open(&s, EXCHANGED);
    CU_ASSERT_EQUAL_FATAL(run(&s, NULL, s.w1, NULL), 0);
    char *record = tk_path(s.out, ".ddor2csv/outputs");
    char *victim = tk_path(s.dir, "victim-record");
    CU_ASSERT_EQUAL_FATAL(rename(record, victim), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(victim, record), 0);
    char *before = tk_slurp(victim, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(before);

    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "jsonl", s.w1, NULL), 0);
    /* The CSVs, which only the linked-to record names, are carried. */
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 6);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 6);
    struct stat st;
    CU_ASSERT(lstat(record, &st) == 0 && S_ISREG(st.st_mode));
    CU_ASSERT(holds(victim, before));

    /* The program's own record from now on. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", s.w1, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 0);
    free(before);
    free(victim);
    free(record);
    scene_close(&s);
}

/* ---- Taking reports out, failed inputs -------------------------------- */

static void test_remove_and_fresh(void)
{
    scene s;
    scene_open(&s, EXCHANGED);
    char *missing = tk_path(s.dir, "wekly-3.pdf");
    CU_ASSERT_EQUAL_FATAL(run(&s, NULL, "--format", "jsonl", s.w1, s.w2t, NULL), 0);

    /* --remove in the folder's format: that format alone. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "jsonl", "--remove", "2017-02-04", NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 6);
    pc_table t;
    char why[256];
    char *reports = dataset_path(s.out, 0, "jsonl");
    CU_ASSERT_EQUAL_FATAL(pc_read_jsonl(reports, &t, why, sizeof why), 0);
    CU_ASSERT_EQUAL(t.nrows, 1);
    pc_table_free(&t);

    /* --remove without --format: the folder keeps its format, and no file
     * of it still holds the report taken out. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--remove", "2017-01-28", NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 6);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    CU_ASSERT_EQUAL_FATAL(pc_read_jsonl(reports, &t, why, sizeof why), 0);
    CU_ASSERT_EQUAL(t.nrows, 0);
    pc_table_free(&t);
    CU_ASSERT(describes(s.out, "jsonl"));

    /* A run whose every input fails changes nothing, whatever its
     * format, --fresh or not. */
    char *before = folder_snapshot(s.out, 1);
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "jsonl", missing, NULL), 1);
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "jsonl", "--fresh", missing, NULL), 1);
    char *after = folder_snapshot(s.out, 1);
    CU_ASSERT_STRING_EQUAL(after, before);
    free(after);
    free(before);

    /* One that fails among others lands them in its format. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "jsonl", missing, s.w3, NULL), 1);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 6);

    /* --fresh without --format starts over in the folder's format ... */
    CU_ASSERT_EQUAL(run(&s, NULL, "--fresh", s.w1, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    CU_ASSERT_EQUAL_FATAL(pc_read_jsonl(reports, &t, why, sizeof why), 0);
    CU_ASSERT_EQUAL(t.nrows, 1);
    pc_table_free(&t);

    /* ... and in the one it names. */
    CU_ASSERT_EQUAL(run(&s, NULL, "--format", "csv", "--fresh", s.w1, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "jsonl"), 0);
    af_assert_column(s.out, "report_id", "2017-01-28");
    af_assert_column(s.out, "added", "1");
    free(reports);
    free(missing);
    scene_close(&s);
}

/* A run without --format writes the formats the folder has, whichever
 * they are, and a new folder in CSV. */
static void test_formats_kept(void)
{
    scene s;
    scene_open(&s, EXCHANGED);
    CU_ASSERT_EQUAL_FATAL(run(&s, NULL, "--format", "xlsx,sqlite", s.w1, NULL), 0);
    CU_ASSERT_EQUAL(run(&s, NULL, s.w2t, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 0);
    char *book = tk_path(s.out, OUTPUT_WORKBOOK), *db = tk_path(s.out, OUTPUT_DATABASE);
    char *json = tk_path(s.out, "datapackage.json");
    struct stat st;
    CU_ASSERT(stat(book, &st) == 0 && st.st_size > 0);
    CU_ASSERT(stat(json, &st) != 0);
    /* The database holds both reports: it was written again. */
    sqlite3 *conn = NULL;
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(db, &conn, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(conn, "SELECT group_concat(report_id, '|') FROM "
                                       "(SELECT report_id FROM reports ORDER BY report_id)",
                                       -1, &q, NULL), SQLITE_OK);
    CU_ASSERT(q && sqlite3_step(q) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(q, 0), "2017-01-28|2017-02-04") == 0);
    sqlite3_finalize(q);
    sqlite3_close(conn);

    /* A folder whose files are not recorded (or all gone) is CSV. */
    CU_ASSERT_EQUAL(unlink(book), 0);
    CU_ASSERT_EQUAL(unlink(db), 0);
    CU_ASSERT_EQUAL(run(&s, NULL, s.w3, NULL), 0);
    CU_ASSERT_EQUAL(datasets_in(s.out, "csv"), 6);
    CU_ASSERT(stat(book, &st) != 0 && stat(db, &st) != 0);
    free(json);
    free(db);
    free(book);
    scene_close(&s);
}

/* ---- Killed runs ------------------------------------------------------ */

#define KILLS 16
#define USER_FILE "notes.txt"

static const char *const old_inputs[] = { W1, NULL };
static const char *const new_inputs[] = {
    "fixtures/reports/weekly-2-landscape.pdf", W3, NULL
};

/* A folder of CSVs, and runs into it in JSON Lines killed at moments
 * spread over a whole run: each leaves the CSVs of the old reports and
 * no JSON Lines, or the JSON Lines of the new ones and no CSV.  With
 * IN_PLACE (a folder of the user's in the output folder), where the
 * files are renamed in one by one, a kill between two renames may leave
 * both: then one whole set is there, old or new, and the record of the
 * landing, whose successor mends the folder.  Either way the next run,
 * in either format, leaves its own files alone. */
static void killed(int in_place)
{
    char *scratch = tk_tempdir();
    char *old_ref = tk_path(scratch, "old"), *new_ref = tk_path(scratch, "new");
    char *out = tk_path(scratch, "out"), *timed = tk_path(scratch, "timed");
    char *user = tk_path(out, USER_FILE), *landing = tk_path(out, ".ddor2csv/landing");
    CU_ASSERT_EQUAL_FATAL(folder_run(old_ref, "csv", old_inputs), 0);
    CU_ASSERT_EQUAL_FATAL(folder_run(new_ref, "jsonl", new_inputs), 0);
    const char *folders[] = { out, timed };
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL_FATAL(mkdir(folders[i], 0777), 0);
        if (in_place) {
            char *mine = tk_path(folders[i], "mine");
            CU_ASSERT_EQUAL_FATAL(mkdir(mine, 0777), 0);
            free(mine);
        }
        CU_ASSERT_EQUAL_FATAL(
            folder_run(folders[i], "csv", old_inputs), 0);
    }

    /* How long a whole slowed-down run takes here, from the folder each
     * round starts from: the kills are spread over that time. */
    double whole = folder_time_run(timed, "csv", old_inputs, "jsonl", new_inputs);
    CU_ASSERT_FATAL(whole > 0);
    CU_ASSERT_FATAL(same_datasets(timed, new_ref, "jsonl") && datasets_in(timed, "csv") == 0);
    put_text(user, NOTES_TEXT);

    unsigned seed = 20172;
    int kept_old = 0, got_new = 0, mixed = 0;
    for (int i = 0; i < KILLS; i++) {
        /* Each round starts from the CSVs of the old reports alone: the
         * run before it mends whatever the last kill left. */
        CU_ASSERT_EQUAL(folder_run(out, "csv", old_inputs), 0);
        CU_ASSERT(same_datasets(out, old_ref, "csv"));
        CU_ASSERT_EQUAL(datasets_in(out, "jsonl"), 0);
        CU_ASSERT(describes(out, "csv"));

        double u = (double)rand_r(&seed) / ((double)RAND_MAX + 1.0);
        double delay = whole * ((double)i + u) / KILLS;
        folder_kill_after(out, "jsonl", new_inputs, delay);

        int old_csv = same_datasets(out, old_ref, "csv");
        int new_jsonl = same_datasets(out, new_ref, "jsonl");
        int csv = datasets_in(out, "csv"), jsonl = datasets_in(out, "jsonl");
        if (old_csv && jsonl == 0) {
            kept_old++;
        } else if (new_jsonl && csv == 0) {
            got_new++;
        } else {
            mixed++;
            /* Never a folder without one whole set, and never one its
             * successor does not know to mend. */
            if (!old_csv && !new_jsonl)
                fprintf(stderr, "\n  killed after %.3f s: neither set whole "
                                "(%d CSV, %d JSON Lines)\n", delay, csv, jsonl);
            CU_ASSERT(old_csv || new_jsonl);
            CU_ASSERT_EQUAL(access(landing, F_OK), 0);
        }
        const char *left[] = { USER_FILE, "mine", ".ddor2csv-staging-*", NULL };
        CU_ASSERT(folder_holds_only(out, left, 1));
        CU_ASSERT(holds(user, NOTES_TEXT));

        /* Whatever the kill left, the next run lands its own formats and
         * nothing of the others: every other round in JSON Lines here,
         * the others in CSV at the start of the next round. */
        if (i % 2 == 0) {
            CU_ASSERT_EQUAL(folder_run(out, "jsonl", new_inputs), 0);
            CU_ASSERT(same_datasets(out, new_ref, "jsonl"));
            CU_ASSERT_EQUAL(datasets_in(out, "csv"), 0);
            CU_ASSERT_EQUAL(access(landing, F_OK), -1);
        }
    }
    fprintf(stderr, "\n  %d kills (%s): old %d, new %d, mended by the next run %d\n",
            KILLS, in_place ? "renamed in" : "exchanged", kept_old, got_new, mixed);
    if (!in_place)
        CU_ASSERT_EQUAL(mixed, 0);
    /* The kills fell both before the files were replaced and after:
     * otherwise this test proved nothing about the moments between. */
    CU_ASSERT(kept_old > 0);
    CU_ASSERT(got_new > 0);

    /* A complete run leaves its own formats alone, and nothing of the
     * killed ones. */
    CU_ASSERT_EQUAL(folder_run(out, "jsonl", new_inputs), 0);
    CU_ASSERT(same_datasets(out, new_ref, "jsonl"));
    CU_ASSERT_EQUAL(datasets_in(out, "csv"), 0);
    CU_ASSERT(describes(out, "jsonl"));
    const char *mine[] = { USER_FILE, "mine", NULL };
    CU_ASSERT(folder_holds_only(out, mine, 1));
    CU_ASSERT_EQUAL(access(landing, F_OK), -1);
    CU_ASSERT_EQUAL(folder_count_prefixed(scratch, ".out.ddor2csv-"), 0);
    CU_ASSERT(holds(user, NOTES_TEXT));

    free(landing);
    free(user);
    free(timed);
    free(out);
    free(new_ref);
    free(old_ref);
    tk_rmtree(scratch);
    free(scratch);
}

static void test_killed_exchanged(void) { killed(0); }
static void test_killed_in_place(void) { killed(1); }

void suite_archive_formats(void)
{
    CU_pSuite s = CU_add_suite("archive folder: formats switched", NULL, NULL);
    CU_add_test(s, "csv, jsonl, both, csv: the folder exchanged", test_switching_exchanged);
    CU_add_test(s, "csv, jsonl, both, csv: renamed in (a folder of the user's)",
                test_switching_user_folder);
    CU_add_test(s, "csv, jsonl, both, csv: renamed in (the current folder)",
                test_switching_current_folder);
    CU_add_test(s, "links, replaced, edited, others' files left: exchanged",
                test_not_ours_exchanged);
    CU_add_test(s, "links, replaced, edited, others' files left: a user's folder",
                test_not_ours_user_folder);
    CU_add_test(s, "links, replaced, edited, others' files left: the current folder",
                test_not_ours_current_folder);
    CU_add_test(s, "a file no run recorded is left: exchanged", test_unrecorded_exchanged);
    CU_add_test(s, "a file no run recorded is left: renamed in", test_unrecorded_user_folder);
    CU_add_test(s, "the record as a link", test_record_link);
    CU_add_test(s, "--remove, --fresh and failed inputs", test_remove_and_fresh);
    CU_add_test(s, "without --format, the folder's formats", test_formats_kept);
    CU_add_test(s, "killed while exchanged: old or new formats", test_killed_exchanged);
    CU_add_test(s, "killed while renamed in: one whole set, mended",
                test_killed_in_place);
}
