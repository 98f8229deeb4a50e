/*
 * emit: the exact bytes of every dataset, built from reports made in
 * memory, and the atomic writing of the output folder.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "../archive/archive.h"
#include "../emit/emit.h"
#include "report_builder.h"
#include "suites.h"
#include "testkit.h"

/* ---- looking at the output ------------------------------------------- */

/* Dataset NAME as written by emit_dataset (malloc'd; NULL on failure). */
static char *render(const char *name, const emit_source *s, size_t n, int excel)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return NULL;
    emit_options opt = { .excel = excel };
    int rc = emit_dataset(out, name, EMIT_CSV, s, n, &opt);
    fclose(out);
    CU_ASSERT_EQUAL(rc, 0);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Compares bytes and shows both sides when they differ. */
static void check_text(char *actual, const char *expected, unsigned line)
{
    int same = actual && strcmp(actual, expected) == 0;
    if (!same)
        fprintf(stderr, "\ntest_emit.c:%u: expected\n[%s]\ngot\n[%s]\n", line,
                expected, actual ? actual : "(null)");
    CU_assertImplementation(same, line, "output matches", __FILE__, "", CU_FALSE);
    free(actual);
}
#define CHECK_TEXT(actual, expected) check_text((actual), (expected), __LINE__)

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int c;
    while (out && (c = fgetc(f)) != EOF)
        fputc(c, out);
    if (out)
        fclose(out);
    fclose(f);
    return buf;
}

/* Names in DIR that start with a dot (other than . and ..): temporaries. */
static int hidden_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
            strcmp(e->d_name, "..") != 0)
            count++;
    closedir(d);
    return count;
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = tk_path(path, e->d_name);
            remove_tree(child);
            free(child);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* ---- dataset names ---------------------------------------------------- */

static void test_dataset_names(void)
{
    static const char *const want[] = {
        "reports", "declined_detainers", "top_jurisdictions",
        "policy_jurisdictions", "crime_summary", "country_summary", NULL
    };
    for (size_t i = 0; want[i]; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(emit_dataset_names[i]);
        CU_ASSERT_STRING_EQUAL(emit_dataset_names[i], want[i]);
        CU_ASSERT_TRUE(emit_is_dataset(want[i]));
    }
    CU_ASSERT_PTR_NULL(emit_dataset_names[6]);
    CU_ASSERT_FALSE(emit_is_dataset("Reports"));
    CU_ASSERT_FALSE(emit_is_dataset("reports.csv"));
    CU_ASSERT_FALSE(emit_is_dataset(""));
    CU_ASSERT_FALSE(emit_is_dataset(NULL));

    FILE *out = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    errno = 0;
    CU_ASSERT_EQUAL(emit_dataset(out, "nope", EMIT_CSV, NULL, 0, NULL), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    CU_ASSERT_EQUAL(ftell(out), 0);
    fclose(out);
}

/* ---- quoting, guard, numbers, line ends -------------------------------- */

static void test_quoting_only_when_needed(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    rb_add_policy(r, "CA", "plain", "Will not honor detainers");
    rb_add_policy(r, "CA", "Santa Clara, County", "a \"quoted\" word");
    rb_add_policy(r, "NY", "New York\nCity", "cr\rhere");
    rb_add_policy(r, "PR", "Peña Blanca São", "ends with quote\"");
    rb_add_policy(r, "", "", "");
    emit_source s[] = { rb_converted("w1.pdf", r) };
    emit_assign_ids(s, 1);
    CHECK_TEXT(render("policy_jurisdictions", s, 1, 0),
               "report_id,state,jurisdiction,policy\n"
               "2017-01-28,CA,plain,Will not honor detainers\n"
               "2017-01-28,CA,\"Santa Clara, County\",\"a \"\"quoted\"\" word\"\n"
               "2017-01-28,NY,\"New York\nCity\",\"cr\rhere\"\n"
               "2017-01-28,PR,Peña Blanca São,\"ends with quote\"\"\"\n"
               "2017-01-28,,,\n");
    rb_clear_all(s, 1);
}

static void test_formula_guard(void)
{
    ddor_report *r = rb_new_report("");
    rb_add_policy(r, "=1+2", "+SUM(A1)", "-2");
    rb_add_policy(r, "@cmd", "\tTab", "\rCR");
    rb_add_policy(r, "=a,b", "a=b", "'quoted already");
    rb_add_policy(r, "x-", " =spaced", "-");
    rb_add_top(r, 1, "=TX", "-Harris County", 51);
    rb_add_top(r, 10, "TX", "Travis County", 0);
    emit_source s[] = { rb_converted("dir/-odd.pdf", r) };
    emit_assign_ids(s, 1);
    CU_ASSERT_STRING_EQUAL(s[0].report_id, "-odd");
    CHECK_TEXT(render("policy_jurisdictions", s, 1, 0),
               "report_id,state,jurisdiction,policy\n"
               "'-odd,'=1+2,'+SUM(A1),'-2\n"
               "'-odd,'@cmd,'\tTab,\"'\rCR\"\n"
               "'-odd,\"'=a,b\",a=b,'quoted already\n"
               "'-odd,x-, =spaced,'-\n");
    /* Numbers in numeric columns are never guarded. */
    CHECK_TEXT(render("top_jurisdictions", s, 1, 0),
               "report_id,rank,state,county,detainers_issued\n"
               "'-odd,1,'=TX,'-Harris County,51\n"
               "'-odd,10,TX,Travis County,0\n");
    rb_clear_all(s, 1);
}

static void test_unknown_numbers_are_empty(void)
{
    ddor_report *r = rb_new_report("2017-02-04");
    rb_add_top(r, -1, "NV", "Clark County", -1);
    rb_add_top(r, 2, "", "", 1234567);
    rb_add_declined(r, 0, (rb_declined_row){ "", "", "", "", "", "", "", "", "" });
    emit_source s[] = { rb_converted("w2.pdf", r) };
    s[0].pages = 0;
    r->pages = 0;
    emit_assign_ids(s, 1);
    CHECK_TEXT(render("top_jurisdictions", s, 1, 0),
               "report_id,rank,state,county,detainers_issued\n"
               "2017-02-04,,NV,Clark County,\n"
               "2017-02-04,2,,,1234567\n");
    CHECK_TEXT(render("declined_detainers", s, 1, 0),
               "report_id,row,page,state,county,facility,citizenship,"
               "country_code,detainer_issued,detainer_declined,crime,crime_status\n"
               "2017-02-04,1,,,,,,,,,,\n");
    CHECK_TEXT(render("reports", s, 1, 0),
               "report_id,source_file,sha256,pages,period_start,period_end,"
               "detainers_issued,declined_stated,declined_rows,status,message,added,superseded_by\n"
               "2017-02-04,w2.pdf,a000000000000000000000000000000000000000000000000000000000000000"
               ",,2017-02-04,,,,1,ok,,,\n");
    rb_clear_all(s, 1);
}

static void test_excel_bom_and_crlf(void)
{
    ddor_report *r = rb_new_report("2017-01-28");
    rb_add_top(r, 1, "NV", "Clark County", 51);
    rb_add_policy(r, "OR", "Washington County", "two\nlines");
    emit_source s[] = { rb_converted("w1.pdf", r) };
    emit_assign_ids(s, 1);
    CHECK_TEXT(render("top_jurisdictions", s, 1, 1),
               "\xEF\xBB\xBFreport_id,rank,state,county,detainers_issued\r\n"
               "2017-01-28,1,NV,Clark County,51\r\n");
    /* Only row ends change: a line break inside a cell is the cell's. */
    CHECK_TEXT(render("policy_jurisdictions", s, 1, 1),
               "\xEF\xBB\xBFreport_id,state,jurisdiction,policy\r\n"
               "2017-01-28,OR,Washington County,\"two\nlines\"\r\n");
    /* Without the option: no mark, LF. */
    CHECK_TEXT(render("top_jurisdictions", s, 1, 0),
               "report_id,rank,state,county,detainers_issued\n"
               "2017-01-28,1,NV,Clark County,51\n");
    rb_clear_all(s, 1);
}

static void test_write_errors_are_reported(void)
{
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        return;    /* no /dev/full: nothing to check against */
    ddor_report *r = rb_new_report("2017-01-28");
    for (int i = 0; i < 2000; i++)
        rb_add_policy(r, "CA", "Alameda County", "Will not honor detainers");
    emit_source s[] = { rb_converted("w1.pdf", r) };
    emit_assign_ids(s, 1);
    errno = 0;
    CU_ASSERT_EQUAL(emit_dataset(full, "policy_jurisdictions", EMIT_CSV, s, 1, NULL), -1);
    CU_ASSERT_EQUAL(errno, ENOSPC);
    fclose(full);
    rb_clear_all(s, 1);
}

/* ---- report ids --------------------------------------------------------- */

/* Editions of one period: ordered by period then order added; the current
 * one by the PDFs' dates when all have one, else the one added last. */
static void test_editions(void)
{
    emit_source s[4];
    s[0] = rb_converted("reissue.pdf", rb_new_report("2017-02-04"));
    s[1] = rb_converted("first.pdf", rb_new_report("2017-02-04"));
    s[2] = rb_converted("later.pdf", rb_new_report("2017-02-11"));
    s[3] = rb_converted("earlier.pdf", rb_new_report("2017-01-28"));
    unsigned long added[4] = { 2, 1, 3, 4 };
    const char *dates[4] = { "2017-02-06T10:00:00Z", "2017-02-07T09:00:00Z", "", "" };
    for (int i = 0; i < 4; i++) {
        s[i].added = added[i];
        snprintf(s[i].pdf_date, sizeof s[i].pdf_date, "%s", dates[i]);
    }
    emit_order_sources(s, 4);
    CU_ASSERT_STRING_EQUAL(s[0].source_file, "earlier.pdf");
    CU_ASSERT_STRING_EQUAL(s[1].source_file, "first.pdf");
    CU_ASSERT_STRING_EQUAL(s[2].source_file, "reissue.pdf");
    CU_ASSERT_STRING_EQUAL(s[3].source_file, "later.pdf");
    emit_assign_ids(s, 4);
    CU_ASSERT_STRING_EQUAL(s[2].report_id, "2017-02-04-2");
    /* Dated: the first added is the later edition by its date. */
    emit_supersede(s, 4);
    CU_ASSERT_PTR_NULL(s[0].superseded_by);
    CU_ASSERT_PTR_NULL(s[1].superseded_by);
    CU_ASSERT(s[2].superseded_by && strcmp(s[2].superseded_by, "2017-02-04") == 0);
    CU_ASSERT_PTR_NULL(s[3].superseded_by);
    /* One edition without a date: the one added last is current. */
    s[1].pdf_date[0] = '\0';
    emit_supersede(s, 4);
    CU_ASSERT(s[1].superseded_by && strcmp(s[1].superseded_by, "2017-02-04-2") == 0);
    CU_ASSERT_PTR_NULL(s[2].superseded_by);
    /* The same date: the order added decides. */
    snprintf(s[1].pdf_date, sizeof s[1].pdf_date, "%s", s[2].pdf_date);
    emit_supersede(s, 4);
    CU_ASSERT(s[1].superseded_by && strcmp(s[1].superseded_by, "2017-02-04-2") == 0);
    rb_clear_all(s, 4);
}

static void test_report_ids(void)
{
    emit_source s[] = {
        rb_converted("a.pdf", rb_new_report("2017-01-28")),
        rb_converted("b.pdf", rb_new_report("2017-01-28")),
        rb_converted("/x/y/Weekly-3.PDF", rb_new_report("")),
        rb_converted("2017-01-28-2.pdf", rb_new_report("")),
        rb_converted("c.pdf", rb_new_report("2017-01-28")),
        rb_failed("bad.pdf", "not a PDF"),
        rb_failed("dir/bad.Pdf", "encrypted"),
        rb_failed("report.pdf.pdf", "encrypted"),
        rb_failed("notes.txt", "not a PDF"),
        rb_converted("2017-02-04.pdf", rb_new_report("")),
        rb_converted("corrected.pdf", rb_new_report("2017-02-04")),
    };
    size_t n = sizeof s / sizeof *s;
    static const char *const want[] = {
        "2017-01-28",
        "2017-01-28-3",     /* -2 is the natural id of a later file */
        "Weekly-3",
        "2017-01-28-2",
        "2017-01-28-4",
        "bad",
        "bad-2",
        "report.pdf",
        "notes.txt",
        "2017-02-04",
        "2017-02-04-2",
    };
    emit_assign_ids(s, n);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(s[i].report_id);
        if (strcmp(s[i].report_id, want[i]) != 0)
            fprintf(stderr, "\nid %zu: want %s got %s\n", i, want[i], s[i].report_id);
        CU_ASSERT_STRING_EQUAL(s[i].report_id, want[i]);
    }
    /* Assigning again gives the same ids (and frees the old ones). */
    emit_assign_ids(s, n);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_STRING_EQUAL(s[i].report_id, want[i]);
    rb_clear_all(s, n);
    CU_ASSERT_PTR_NULL(s[0].report_id);
    CU_ASSERT_PTR_NULL(s[0].report);
    CU_ASSERT_PTR_NULL(s[0].message);
    emit_assign_ids(NULL, 0);
}

/* ---- one-to-one datasets ------------------------------------------------ */

static void test_reports_dataset(void)
{
    ddor_report *r1 = rb_new_report("2017-01-28");
    snprintf(r1->period_end, sizeof r1->period_end, "2017-02-03");
    r1->pages = 35;
    r1->detainers_issued = 3083;
    r1->declined_stated = 206;
    rb_add_offense(r1, "Mexico", "MX", "Assault", "charged");
    rb_add_offense(r1, "Mexico", "MX", "Assault", "charged");
    ddor_report *r2 = rb_new_report("2017-02-11");
    snprintf(r2->period_end, sizeof r2->period_end, "2017-02-17");
    r2->pages = 25;
    r2->detainers_issued = 0;
    emit_source s[] = {
        rb_converted("in/weekly-1.pdf", r1),
        rb_failed("in/scan.pdf", "no text layer (scanned?)"),
        rb_converted("in/weekly, 3.pdf", r2),
        rb_failed("missing.pdf", "cannot open: No such file or directory"),
        rb_failed("=evil.pdf", ""),
    };
    size_t n = sizeof s / sizeof *s;
    snprintf(s[1].sha256, sizeof s[1].sha256, "%064d", 7);
    s[1].pages = 4;
    s[2].status = "warning";
    free(s[2].message);
    s[2].message = rb_text_copy("stated 5 declined, extracted 0; 2 lines unparsed");
    free(s[4].message);
    s[4].message = NULL;
    emit_assign_ids(s, n);
    CHECK_TEXT(render("reports", s, n, 0),
               "report_id,source_file,sha256,pages,period_start,period_end,"
               "detainers_issued,declined_stated,declined_rows,status,message,added,superseded_by\n"
               "2017-01-28,in/weekly-1.pdf,a000000000000000000000000000000000000000000000000000000000000000"
               ",35,2017-01-28,2017-02-03,3083,206,2,ok,,,\n"
               "scan,in/scan.pdf,0000000000000000000000000000000000000000000000000000000000000007"
               ",4,,,,,,error,no text layer (scanned?),,\n"
               "2017-02-11,\"in/weekly, 3.pdf\",a000000000000000000000000000000000000000000000000000000000000000"
               ",25,2017-02-11,2017-02-17,0,,0,warning,\"stated 5 declined, extracted 0; 2 lines unparsed\",,\n"
               "missing,missing.pdf,,,,,,,,error,cannot open: No such file or directory,,\n"
               "'=evil,'=evil.pdf,,,,,,,,error,,,\n");
    rb_clear_all(s, n);
}

static void test_declined_dataset(void)
{
    ddor_report *r1 = rb_new_report("2017-01-28");
    rb_add_declined(r1, 4, (rb_declined_row){ "CA", "Alameda County", "Santa Rita Jail",
                    "Cambodia", "KH", "2017-01-30", "2017-02-01",
                    "Domestic Violence", "convicted" });
    rb_add_declined(r1, 5, (rb_declined_row){ "TX", "Travis County",
                    "Travis County Correctional Complex", "Korea, South", "KR",
                    "2017-02-01", "2017-02-01", "Assault", "charged" });
    ddor_report *r2 = rb_new_report("2017-02-04");
    rb_add_declined(r2, 2, (rb_declined_row){ "PA", "Luzerne County", "Wilkes-Barre Jail",
                    "Mexico", "MX", "2017-02-05", "", "", "" });
    ddor_report *broken = rb_new_report("2017-03-01");
    rb_add_declined(broken, 2, (rb_declined_row){ "PA", "Chester County", "Jail",
                    "Mexico", "MX", "", "", "", "" });
    emit_source s[] = {
        rb_converted("w1.pdf", r1),
        rb_failed("scan.pdf", "no text layer (scanned?)"),
        rb_converted("w2.pdf", broken),
        rb_converted("w3.pdf", r2),
    };
    size_t n = sizeof s / sizeof *s;
    /* A source marked failed contributes no rows, even with a report. */
    s[2].status = "error";
    emit_assign_ids(s, n);
    CU_ASSERT_STRING_EQUAL(s[2].report_id, "w2");
    CHECK_TEXT(render("declined_detainers", s, n, 0),
               "report_id,row,page,state,county,facility,citizenship,"
               "country_code,detainer_issued,detainer_declined,crime,crime_status\n"
               "2017-01-28,1,4,CA,Alameda County,Santa Rita Jail,Cambodia,KH,"
               "2017-01-30,2017-02-01,Domestic Violence,convicted\n"
               "2017-01-28,2,5,TX,Travis County,Travis County Correctional Complex,"
               "\"Korea, South\",KR,2017-02-01,2017-02-01,Assault,charged\n"
               "2017-02-04,1,2,PA,Luzerne County,Wilkes-Barre Jail,Mexico,MX,"
               "2017-02-05,,,\n");
    CHECK_TEXT(render("reports", s, n, 0),
               "report_id,source_file,sha256,pages,period_start,period_end,"
               "detainers_issued,declined_stated,declined_rows,status,message,added,superseded_by\n"
               "2017-01-28,w1.pdf,a000000000000000000000000000000000000000000000000000000000000000"
               ",3,2017-01-28,,,,2,ok,,,\n"
               "scan,scan.pdf,,,,,,,,error,no text layer (scanned?),,\n"
               "w2,w2.pdf,a000000000000000000000000000000000000000000000000000000000000000"
               ",3,,,,,,error,,,\n"
               "2017-02-04,w3.pdf,a000000000000000000000000000000000000000000000000000000000000000"
               ",3,2017-02-04,,,,1,ok,,,\n");
    rb_clear_all(s, n);
}

static void test_failed_sources_only_in_reports(void)
{
    emit_source s[] = { rb_failed("a.pdf", "not a PDF"), rb_failed("b.pdf", "encrypted") };
    emit_assign_ids(s, 2);
    static const char *const headers[] = {
        "report_id,source_file,sha256,pages,period_start,period_end,"
        "detainers_issued,declined_stated,declined_rows,status,message,added,superseded_by\n"
        "a,a.pdf,,,,,,,,error,not a PDF,,\n"
        "b,b.pdf,,,,,,,,error,encrypted,,\n",
        "report_id,row,page,state,county,facility,citizenship,country_code,"
        "detainer_issued,detainer_declined,crime,crime_status\n",
        "report_id,rank,state,county,detainers_issued\n",
        "report_id,state,jurisdiction,policy\n",
        "report_id,crime,convicted,charged,total\n",
        "report_id,citizenship,country_code,declined\n",
    };
    for (size_t i = 0; emit_dataset_names[i]; i++)
        CHECK_TEXT(render(emit_dataset_names[i], s, 2, 0), headers[i]);
    rb_clear_all(s, 2);
    CHECK_TEXT(render("crime_summary", NULL, 0, 0),
               "report_id,crime,convicted,charged,total\n");
}

/* ---- summaries ----------------------------------------------------------- */

static void test_crime_summary(void)
{
    ddor_report *r1 = rb_new_report("2017-01-28");
    rb_add_offense(r1, "Mexico", "MX", "Driving Under Influence", "convicted");
    rb_add_offense(r1, "Mexico", "MX", "Assault", "charged");
    rb_add_offense(r1, "Mexico", "MX", "Burglary", "");
    rb_add_offense(r1, "Mexico", "MX", "Driving Under Influence", "convicted");
    rb_add_offense(r1, "Mexico", "MX", "", "");           /* not recorded */
    rb_add_offense(r1, "Mexico", "MX", "Assault", "convicted");
    rb_add_offense(r1, "Mexico", "MX", "Driving Under Influence", "");
    rb_add_offense(r1, "Mexico", "MX", "Assault", "charged");
    rb_add_offense(r1, "Mexico", "MX", "assault", "charged");
    rb_add_offense(r1, "Mexico", "MX", "Domestic Violence, Simple", "charged");
    rb_add_offense(r1, "Mexico", "MX", "", "charged");
    ddor_report *r2 = rb_new_report("2017-02-04");
    rb_add_offense(r2, "Mexico", "MX", "Sex Assault", "convicted");
    ddor_report *none = rb_new_report("2017-02-11");
    rb_add_offense(none, "Mexico", "MX", "", "");
    emit_source s[] = {
        rb_converted("w1.pdf", r1),
        rb_failed("x.pdf", "not a PDF"),
        rb_converted("w3.pdf", none),
        rb_converted("w2.pdf", r2),
    };
    size_t n = sizeof s / sizeof *s;
    emit_assign_ids(s, n);
    /* Ties (3 and 3, then 1 and 1 and 1) fall back to strcmp order, in
     * which upper case sorts before lower case. */
    CHECK_TEXT(render("crime_summary", s, n, 0),
               "report_id,crime,convicted,charged,total\n"
               "2017-01-28,Assault,1,2,3\n"
               "2017-01-28,Driving Under Influence,2,0,3\n"
               "2017-01-28,Burglary,0,0,1\n"
               "2017-01-28,\"Domestic Violence, Simple\",0,1,1\n"
               "2017-01-28,assault,0,1,1\n"
               "2017-02-04,Sex Assault,1,0,1\n");
    rb_clear_all(s, n);
}

static void test_country_summary(void)
{
    ddor_report *r1 = rb_new_report("2017-01-28");
    rb_add_offense(r1, "Mexico", "MX", "Assault", "charged");
    rb_add_offense(r1, "Guatemala", "", "", "");
    rb_add_offense(r1, "Korea, South", "KR", "", "");
    rb_add_offense(r1, "Mexico", "MX", "", "");
    rb_add_offense(r1, "Guatemala", "GT", "", "");
    rb_add_offense(r1, "", "", "Assault", "charged");      /* no citizenship */
    rb_add_offense(r1, "Mexico", "MX", "", "");
    rb_add_offense(r1, "Guatemala", "", "", "");
    rb_add_offense(r1, "Atlantis", "", "", "");
    rb_add_offense(r1, "Honduras", "HN", "", "");
    ddor_report *r2 = rb_new_report("2017-02-04");
    rb_add_offense(r2, "El Salvador", "SV", "", "");
    rb_add_offense(r2, "Mexico", "MX", "", "");
    rb_add_offense(r2, "El Salvador", "SV", "", "");
    emit_source s[] = { rb_converted("w1.pdf", r1), rb_converted("w2.pdf", r2) };
    emit_assign_ids(s, 2);
    CHECK_TEXT(render("country_summary", s, 2, 0),
               "report_id,citizenship,country_code,declined\n"
               "2017-01-28,Guatemala,GT,3\n"
               "2017-01-28,Mexico,MX,3\n"
               "2017-01-28,Atlantis,,1\n"
               "2017-01-28,Honduras,HN,1\n"
               "2017-01-28,\"Korea, South\",KR,1\n"
               "2017-02-04,El Salvador,SV,2\n"
               "2017-02-04,Mexico,MX,1\n");
    rb_clear_all(s, 2);
}

/* ---- the output folder --------------------------------------------------- */

static char *make_scratch(void)
{
    char tmpl[] = "/tmp/ddor-emit-test.XXXXXX";
    char *dir = mkdtemp(tmpl);
    return dir ? rb_text_copy(dir) : NULL;
}

/* Two sources with rows in every dataset. */
static void sample_sources(emit_source s[2], const char *period)
{
    ddor_report *r = rb_new_report(period);
    r->detainers_issued = 3083;
    rb_add_top(r, 1, "NV", "Clark County", 51);
    rb_add_policy(r, "CA", "Santa Clara County", "Will not honor detainers");
    rb_add_offense(r, "Mexico", "MX", "Assault", "charged");
    for (int i = 0; i < 400; i++)
        rb_add_offense(r, "Mexico", "MX", "Driving Under Influence", "convicted");
    s[0] = rb_converted("w1.pdf", r);
    s[1] = rb_failed("scan.pdf", "no text layer (scanned?)");
    emit_assign_ids(s, 2);
}

static void check_folder_matches(const char *dir, const emit_source *s, size_t n)
{
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        char file[64];
        snprintf(file, sizeof file, "%s.csv", emit_dataset_names[i]);
        char *path = tk_path(dir, file);
        char *want = render(emit_dataset_names[i], s, n, 0);
        char *got = slurp(path);
        CU_ASSERT_PTR_NOT_NULL(got);
        CU_ASSERT(want && got && strcmp(want, got) == 0);
        free(want);
        free(got);
        free(path);
    }
}

/* Lands S[0..N-1] in the archive folder DIR as its datasets, each source
 * a report of its own (a made-up digest by its place).  Returns what
 * archive_land returned, or -1 when the folder cannot be opened; *ERR as
 * they set it (ERR may be NULL). */
static int land_folder(const char *dir, const emit_source *s, size_t n,
                       const emit_options *opt, char **err)
{
    char *reason = NULL;
    archive *a = archive_open(dir, NULL, &reason);
    int rc = -1;
    if (a) {
        for (size_t i = 0; i < n; i++) {
            char sha[65];
            snprintf(sha, sizeof sha, "%064zx", i + 1);
            archive_set_id(a, archive_add(a, sha, s[i].source_file), s[i].report_id);
        }
        rc = archive_land(a, s, n, opt, &reason);
        archive_close(a);
    }
    if (err)
        *err = reason;
    else
        free(reason);
    return rc;
}

static void test_landing_writes_every_dataset(void)
{
    char *scratch = make_scratch();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    char *dir = tk_path(scratch, "out");
    emit_source s[2];
    sample_sources(s, "2017-01-28");

    mode_t old_mask = umask(027);
    char *err = NULL;
    int rc = land_folder(dir, s, 2, NULL, &err);
    umask(old_mask);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NULL(err);
    free(err);
    check_folder_matches(dir, s, 2);
    CU_ASSERT_EQUAL(hidden_files(dir), 1);     /* .ddor2csv */

    struct stat st;
    char *reports = tk_path(dir, "reports.csv");
    CU_ASSERT_EQUAL_FATAL(stat(reports, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
    CU_ASSERT_EQUAL(stat(dir, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0750);

    /* A second run over an existing folder (given with a trailing slash)
     * replaces the datasets, with the excel options this time. */
    rb_clear_all(s, 2);
    sample_sources(s, "2017-02-04");
    char *slashed = tk_path(dir, "");
    emit_options excel = { .excel = 1 };
    CU_ASSERT_EQUAL(land_folder(slashed, s, 2, &excel, &err), 0);
    CU_ASSERT_PTR_NULL(err);
    char *got = slurp(reports);
    CU_ASSERT(got && strncmp(got, "\xEF\xBB\xBFreport_id,", 13) == 0);
    CU_ASSERT(got && strstr(got, "\r\n2017-02-04,w1.pdf,") != NULL);
    free(got);
    CU_ASSERT_EQUAL(hidden_files(dir), 1);     /* .ddor2csv */

    free(slashed);
    free(reports);
    rb_clear_all(s, 2);
    remove_tree(scratch);
    free(dir);
    free(scratch);
}

static void test_landing_unusable_folder(void)
{
    char *scratch = make_scratch();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    emit_source s[2];
    sample_sources(s, "2017-01-28");
    char *file = tk_path(scratch, "somefile");
    FILE *f = fopen(file, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("not a folder\n", f);
    fclose(f);

    /* Below a regular file: the folder cannot be created. */
    char *below = tk_path(file, "sub");
    char *err = NULL;
    CU_ASSERT_EQUAL(land_folder(below, s, 2, NULL, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err);
    CU_ASSERT(err && strstr(err, "/sub: cannot create output folder: Not a directory"));
    free(err);

    /* The folder is a regular file. */
    err = NULL;
    CU_ASSERT_EQUAL(land_folder(file, s, 2, NULL, &err), -1);
    CU_ASSERT(err && strstr(err, "somefile: output folder is not a directory"));
    free(err);
    char *kept = slurp(file);
    CU_ASSERT(kept && strcmp(kept, "not a folder\n") == 0);
    free(kept);

    /* More than one missing level is not created. */
    char *deep = tk_path(scratch, "a/b");
    err = NULL;
    CU_ASSERT_EQUAL(land_folder(deep, s, 2, NULL, &err), -1);
    CU_ASSERT(err && strstr(err, "a/b: cannot create output folder: No such file or directory"));
    free(err);
    CU_ASSERT_EQUAL(access(deep, F_OK), -1);

    /* A NULL err is allowed. */
    CU_ASSERT_EQUAL(land_folder(below, s, 2, NULL, NULL), -1);

    free(deep);
    free(below);
    free(file);
    rb_clear_all(s, 2);
    remove_tree(scratch);
    free(scratch);
}

/* A failure after some datasets were written keeps the previous ones. */
static void test_landing_failure_keeps_previous(void)
{
    char *scratch = make_scratch();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    emit_source old[2], fresh[2];
    sample_sources(old, "2017-01-28");
    sample_sources(fresh, "2017-02-04");
    char *err = NULL;
    CU_ASSERT_EQUAL_FATAL(land_folder(scratch, old, 2, NULL, &err), 0);

    /* Writes past a file size limit fail (EFBIG once SIGXFSZ is ignored):
     * reports.csv fits, declined_detainers.csv does not. */
    struct rlimit saved, small;
    CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = 2048;
    void (*saved_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    CU_ASSERT_EQUAL(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = land_folder(scratch, fresh, 2, NULL, &err);
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, saved_handler);
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT(err && strcmp(err, "cannot write declined_detainers.csv: File too large") == 0);
    free(err);
    check_folder_matches(scratch, old, 2);
    CU_ASSERT_EQUAL(hidden_files(scratch), 1);

    /* A dataset's name taken by a folder: the rename would fail, so
     * nothing is replaced. */
    char *blocker = tk_path(scratch, "country_summary.csv");
    CU_ASSERT_EQUAL(unlink(blocker), 0);
    CU_ASSERT_EQUAL(mkdir(blocker, 0700), 0);
    err = NULL;
    CU_ASSERT_EQUAL(land_folder(scratch, fresh, 2, NULL, &err), -1);
    CU_ASSERT(err && strncmp(err, "cannot rename country_summary.csv into place: ", 46) == 0);
    free(err);
    char *reports = tk_path(scratch, "reports.csv");
    char *want = render("reports", old, 2, 0);
    char *got = slurp(reports);
    CU_ASSERT(want && got && strcmp(want, got) == 0);
    free(want);
    free(got);
    CU_ASSERT_EQUAL(hidden_files(scratch), 1);

    free(reports);
    free(blocker);
    rb_clear_all(old, 2);
    rb_clear_all(fresh, 2);
    remove_tree(scratch);
    free(scratch);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Replacing the datasets keeps everything else in the folder: the user's
 * files and links, the archive's own folder; the folder is exchanged as a
 * whole, except when it holds a folder of the user's, where the datasets
 * are renamed in one by one. */
static void test_landing_keeps_other_entries(void)
{
    char *scratch = make_scratch();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    char *dir = tk_path(scratch, "out");
    emit_source s[2];
    sample_sources(s, "2017-01-28");
    char *err = NULL;
    CU_ASSERT_EQUAL_FATAL(land_folder(dir, s, 2, NULL, &err), 0);

    char *notes = tk_path(dir, "notes.txt"), *link = tk_path(dir, "link");
    char *lock = tk_path(dir, ".ddor2csv/lock");
    write_text(notes, "mine\n");
    CU_ASSERT_EQUAL(symlink("notes.txt", link), 0);
    ino_t before = inode_of(dir), notes_inode = inode_of(notes);
    ino_t lock_inode = inode_of(lock);

    rb_clear_all(s, 2);
    sample_sources(s, "2017-02-04");
    CU_ASSERT_EQUAL(land_folder(dir, s, 2, NULL, &err), 0);
    CU_ASSERT_PTR_NULL(err);
    check_folder_matches(dir, s, 2);
    CU_ASSERT_NOT_EQUAL(inode_of(dir), before);      /* exchanged */
    CU_ASSERT_EQUAL(inode_of(notes), notes_inode);    /* the same file */
    CU_ASSERT_EQUAL(inode_of(lock), lock_inode);      /* the same lock */
    char *text = slurp(link);
    CU_ASSERT(text && strcmp(text, "mine\n") == 0);
    free(text);
    CU_ASSERT_EQUAL(hidden_files(dir), 1);            /* .ddor2csv only */
    CU_ASSERT_EQUAL(hidden_files(scratch), 0);        /* no staging left */

    /* A folder of the user's cannot be carried over: the datasets are
     * renamed into the same folder instead, and the user's folder stays. */
    char *theirs = tk_path(dir, "drafts"), *draft = tk_path(theirs, "d.txt");
    CU_ASSERT_EQUAL(mkdir(theirs, 0700), 0);
    write_text(draft, "draft\n");
    before = inode_of(dir);
    rb_clear_all(s, 2);
    sample_sources(s, "2017-02-11");
    CU_ASSERT_EQUAL(land_folder(dir, s, 2, NULL, &err), 0);
    check_folder_matches(dir, s, 2);
    CU_ASSERT_EQUAL(inode_of(dir), before);
    text = slurp(draft);
    CU_ASSERT(text && strcmp(text, "draft\n") == 0);
    free(text);
    CU_ASSERT_EQUAL(hidden_files(dir), 1);
    CU_ASSERT_EQUAL(hidden_files(scratch), 0);

    free(draft);
    free(theirs);
    free(lock);
    free(link);
    free(notes);
    rb_clear_all(s, 2);
    remove_tree(scratch);
    free(dir);
    free(scratch);
}

void suite_emit(void)
{
    CU_pSuite s = CU_add_suite("emit", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "dataset names", test_dataset_names);
    CU_add_test(s, "quoting only when needed", test_quoting_only_when_needed);
    CU_add_test(s, "formula guard", test_formula_guard);
    CU_add_test(s, "unknown numbers are empty", test_unknown_numbers_are_empty);
    CU_add_test(s, "excel: BOM and CRLF", test_excel_bom_and_crlf);
    CU_add_test(s, "write errors are reported", test_write_errors_are_reported);
    CU_add_test(s, "report ids", test_report_ids);
    CU_add_test(s, "editions of a period", test_editions);
    CU_add_test(s, "reports dataset", test_reports_dataset);
    CU_add_test(s, "declined_detainers dataset", test_declined_dataset);
    CU_add_test(s, "failed sources only in reports", test_failed_sources_only_in_reports);
    CU_add_test(s, "crime_summary", test_crime_summary);
    CU_add_test(s, "country_summary", test_country_summary);
    CU_add_test(s, "landing writes every dataset", test_landing_writes_every_dataset);
    CU_add_test(s, "landing: unusable folder", test_landing_unusable_folder);
    CU_add_test(s, "landing: failure keeps previous", test_landing_failure_keeps_previous);
    CU_add_test(s, "landing: other entries of the folder kept", test_landing_keeps_other_entries);
}
