/*
 * datapackage.json and --format jsonl: the descriptor validated against
 * the datasets actually written for every fixture report (and the
 * validator shown to catch broken ones); the JSON Lines datasets read back
 * and compared, value by value, with the CSV ones; JSON escaping; the
 * command line of --format.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../emit/json_text.h"
#include "../parse/cells.h"
#include "json_strict.h"
#include "package_check.h"
#include "suites.h"
#include "testkit.h"

static const char *const REPORTS[] = {
    "fixtures/reports/weekly-1.pdf",
    "fixtures/reports/weekly-1-legal-nostate.pdf",
    "fixtures/reports/weekly-2-landscape.pdf",
    "fixtures/reports/weekly-2-tight.pdf",
    "fixtures/reports/weekly-3-a4.pdf",
    "fixtures/reports/office-libreoffice.pdf",
    NULL
};

/* Runs the command with OPTIONS (NULL-terminated, at most 8) followed by
 * every fixture report into DIR.  Returns the exit status. */
static int convert_all(const char *dir, const char *const *options)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = "-q";
    argv[n++] = "-o";
    argv[n++] = dir;
    for (int i = 0; options && options[i]; i++)
        argv[n++] = options[i];
    for (int i = 0; REPORTS[i]; i++)
        argv[n++] = REPORTS[i];
    argv[n] = NULL;
    char *err = NULL;
    int rc = tk_run(argv, NULL, &err);
    if (rc != 0)
        fprintf(stderr, "\n  exit %d: %s", rc, err ? err : "");
    free(err);
    return rc;
}

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(text, 1, len, f) == len;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Validates DIR; on problems, shows them. */
static int valid_folder(const char *dir)
{
    char report[4096];
    int n = pc_check_folder(dir, report, sizeof report);
    if (n != 0)
        fprintf(stderr, "\n  %s: %d problems:\n%s", dir, n, report);
    return n == 0;
}

/* The descriptor of DIR, parsed (free with json_node_unref), or NULL. */
static JsonNode *read_package(const char *dir)
{
    char *path = tk_path(dir, "datapackage.json");
    size_t len;
    char *text = tk_slurp(path, &len);
    char why[200] = "unreadable";
    JsonNode *package = text ? js_parse(text, len, why, sizeof why) : NULL;
    if (!package)
        fprintf(stderr, "\n  %s: %s", path, why);
    free(path);
    free(text);
    return package;
}

/* The object named NAME in the array NODE, or NULL. */
static JsonNode *named(JsonNode *node, const char *name)
{
    JsonArray *list = js_array(node);
    guint n = list ? json_array_get_length(list) : 0;
    for (guint i = 0; i < n; i++) {
        const char *s = js_string(json_array_get_element(list, i), "name");
        if (s && strcmp(s, name) == 0)
            return json_array_get_element(list, i);
    }
    return NULL;
}

static JsonNode *resource_named(JsonNode *package, const char *name)
{
    return named(js_get(package, "resources"), name);
}

static JsonNode *field_named(JsonNode *resource, const char *name)
{
    return named(js_get(js_get(resource, "schema"), "fields"), name);
}

/* The strings of array V joined with commas, into BUF. */
static const char *joined(JsonNode *v, char *buf, size_t size)
{
    JsonArray *array = js_array(v);
    guint n = array ? json_array_get_length(array) : 0;
    buf[0] = '\0';
    for (guint i = 0; i < n; i++) {
        const char *s = js_text(json_array_get_element(array, i));
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? "," : "", s ? s : "?");
    }
    return buf;
}

/* ---- the JSON reading the checks rely on ---------------------------------- */

/* json-glib with the checks json_strict.h adds: what RFC 8259 refuses is
 * refused, whichever of the two refuses it. */
static void test_json_read_strictly(void)
{
    static const char *const good[] = {
        "{}", "[]", "null", "0", "-0.5e+3", "\"a\\u00e9\\ud83d\\ude00\\n\"",
        " {\"a\": [1, true, false, null, {\"b\": \"\"}]} ", "1.0", "0.5E-3",
        "-9223372036854775808", "9223372036854775807", "{\"a\":{\"a\":1},\"b\":{\"a\":2}}",
        "\t{\"a\" :\r\n1}\n", NULL
    };
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "01", "1.", "-",
        "+1", ".5", "\"tab\there\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"",
        "\"\xC3\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "{\"a\":1,\"a\":2}",
        "[1] [2]", "nul", "'a'", "{a:1}",
        /* what json-glib 1.6 takes on its own */
        " ", "{} {}", "1 {}", "{\"a\":{\"x\":1,\"x\":2}}", "/* c */ 1", "0x10", "1e",
        "\"line\nend\"", "\"\\U0041\"", "\"\\u00G1\"", "\xEF\xBB\xBF{}", "var a = {}",
        "nulls", "[1]x",
        /* what it reads other than as written */
        "-0", "9223372036854775808", "99999999999999999999", "\"a\\u0000b\"",
        "{\"a\\u0000\":1}", NULL
    };
    char why[160];
    for (int i = 0; good[i]; i++) {
        JsonNode *v = js_parse(good[i], strlen(good[i]), why, sizeof why);
        if (!v)
            fprintf(stderr, "\n  refused %s: %s", good[i], why);
        CU_ASSERT_PTR_NOT_NULL(v);
        if (v)
            json_node_unref(v);
    }
    for (int i = 0; bad[i]; i++) {
        JsonNode *v = js_parse(bad[i], strlen(bad[i]), why, sizeof why);
        if (v) {
            fprintf(stderr, "\n  accepted %s", bad[i]);
            json_node_unref(v);
        }
        CU_ASSERT_PTR_NULL(v);
        CU_ASSERT(why[0] != '\0');
    }
    /* Bytes after the length given are not read: a line of JSON Lines is
     * parsed where it lies in the file. */
    JsonNode *v = js_parse("{}\n{\"a\":", 2, why, sizeof why);
    CU_ASSERT_PTR_NOT_NULL(v);
    if (v)
        json_node_unref(v);
    const char *s = "\"a\\u00e9\\ud83d\\ude00\\\"\\\\\\/\"";
    v = js_parse(s, strlen(s), why, sizeof why);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_STRING_EQUAL(js_text(v), "a\xC3\xA9\xF0\x9F\x98\x80\"\\/");
    json_node_unref(v);
    /* Integers and other numbers told apart, as the descriptor's integer
     * fields need. */
    const char *numbers = "[7, 7.0, 7e0, \"7\", -12]";
    v = js_parse(numbers, strlen(numbers), why, sizeof why);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    JsonArray *a = js_array(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT(js_is_integer(json_array_get_element(a, 0)));
    CU_ASSERT(!js_is_integer(json_array_get_element(a, 1)));
    CU_ASSERT(!js_is_integer(json_array_get_element(a, 2)));
    CU_ASSERT(!js_is_integer(json_array_get_element(a, 3)));
    CU_ASSERT_EQUAL(json_node_get_int(json_array_get_element(a, 4)), -12);
    json_node_unref(v);
    /* Members in the order written (the JSON Lines keys are a header). */
    const char *members = "{\"b\":1,\"a\":2,\"c\":3}";
    v = js_parse(members, strlen(members), why, sizeof why);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    JsonObjectIter it;
    const char *key, *order[] = { "b", "a", "c" };
    size_t k = 0;
    json_object_iter_init_ordered(&it, json_node_get_object(v));
    for (; json_object_iter_next_ordered(&it, &key, NULL) && k < 3; k++)
        CU_ASSERT_STRING_EQUAL(key, order[k]);
    CU_ASSERT_EQUAL(k, 3);
    json_node_unref(v);
}

/* ---- the JSON string writer ------------------------------------------------ */

static char *json_of(const char *s)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    json_string(json_put_file, f, s);
    fclose(f);
    return out;
}

static void test_json_string_escapes(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "plain", "\"plain\"" },
        { "", "\"\"" },
        { "say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"" },
        { "a\nb\rc\td\be\ff", "\"a\\nb\\rc\\td\\be\\ff\"" },
        { "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
        { "Côte d’Ivoire 😀", "\"Côte d’Ivoire 😀\"" },
        /* Latin-1, a stray continuation byte, an overlong slash, a
         * surrogate, a sequence cut short at the end */
        { "caf\xE9!", "\"caf\\ufffd!\"" },
        { "\x80x", "\"\\ufffdx\"" },
        { "\xC0\xAF", "\"\\ufffd\\ufffd\"" },
        { "\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },
        { "ab\xE2\x82", "\"ab\\ufffd\\ufffd\"" },
        { "=1+2", "\"=1+2\"" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = json_of(cases[i].in);
        if (strcmp(got, cases[i].out) != 0)
            fprintf(stderr, "\n  %s -> %s, want %s", cases[i].in, got, cases[i].out);
        CU_ASSERT_STRING_EQUAL(got, cases[i].out);
        /* And a reader takes every one of them, and reads back what was
         * written when it was well-formed UTF-8 (the rest reads U+FFFD,
         * as the expected text says). */
        char why[160];
        JsonNode *v = js_parse(got, strlen(got), why, sizeof why);
        if (!v)
            fprintf(stderr, "\n  %s refused: %s", got, why);
        CU_ASSERT_PTR_NOT_NULL(v);
        if (v && g_utf8_validate(cases[i].in, -1, NULL))
            CU_ASSERT(g_strcmp0(js_text(v), cases[i].in) == 0);
        if (v)
            json_node_unref(v);
        free(got);
    }
    char *null_string = json_of(NULL);
    CU_ASSERT_STRING_EQUAL(null_string, "\"\"");
    free(null_string);
}

/* ---- datapackage.json against the datasets ------------------------------------ */

static void test_package_describes_csv(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    CU_ASSERT_EQUAL_FATAL(convert_all(dir, NULL), 0);
    CU_ASSERT(valid_folder(dir));

    JsonNode *package = read_package(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(package);
    /* Every dataset, in order, at its CSV path. */
    JsonArray *list = js_array(js_get(package, "resources"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(list);
    size_t count = 0;
    while (emit_dataset_names[count])
        count++;
    CU_ASSERT_EQUAL_FATAL(json_array_get_length(list), count);
    for (size_t i = 0; i < count; i++) {
        JsonNode *r = json_array_get_element(list, (guint)i);
        char path[64];
        snprintf(path, sizeof path, "%s.csv", emit_dataset_names[i]);
        CU_ASSERT_STRING_EQUAL(js_string(r, "name"), emit_dataset_names[i]);
        CU_ASSERT_STRING_EQUAL(js_string(r, "path"), path);
        CU_ASSERT_STRING_EQUAL(js_string(r, "encoding"), "utf-8");
        JsonNode *dialect = js_get(r, "dialect");
        CU_ASSERT_STRING_EQUAL(js_string(dialect, "lineTerminator"), "\n");
        /* The formula guard is part of the values as written: said. */
        const char *about = js_string(r, "description");
        CU_ASSERT(about && strstr(about, "apostrophe") != NULL);
        /* Every dataset but reports refers to it. */
        JsonNode *fks = js_get(js_get(r, "schema"), "foreignKeys");
        CU_ASSERT_EQUAL(fks != NULL, i > 0);
    }
    char buf[256];
    JsonNode *schema = js_get(resource_named(package, "reports"), "schema");
    CU_ASSERT_STRING_EQUAL(joined(js_get(schema, "primaryKey"), buf, sizeof buf), "report_id");
    schema = js_get(resource_named(package, "declined_detainers"), "schema");
    CU_ASSERT_STRING_EQUAL(joined(js_get(schema, "primaryKey"), buf, sizeof buf),
                           "report_id,row");
    CU_ASSERT_STRING_EQUAL(joined(js_get(schema, "missingValues"), buf, sizeof buf), "");
    /* Rank can be missing: no key may rest on it. */
    schema = js_get(resource_named(package, "top_jurisdictions"), "schema");
    CU_ASSERT_PTR_NULL(js_get(schema, "primaryKey"));

    JsonNode *declined = resource_named(package, "declined_detainers");
    CU_ASSERT_STRING_EQUAL(js_string(field_named(declined, "detainer_issued"), "type"), "date");
    CU_ASSERT_STRING_EQUAL(js_string(field_named(declined, "row"), "type"), "integer");
    CU_ASSERT_STRING_EQUAL(joined(js_get(js_get(field_named(declined, "crime_status"),
                                                "constraints"), "enum"), buf, sizeof buf),
                           "convicted,charged");
    json_node_unref(package);
    tk_rmtree(dir);
    free(dir);
}

static void test_package_describes_excel(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *const excel[] = { "--excel", NULL };
    CU_ASSERT_EQUAL_FATAL(convert_all(dir, excel), 0);
    CU_ASSERT(valid_folder(dir));
    JsonNode *package = read_package(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(package);
    JsonNode *r = resource_named(package, "declined_detainers");
    CU_ASSERT_STRING_EQUAL(js_string(r, "encoding"), "utf-8-sig");
    CU_ASSERT_STRING_EQUAL(js_string(js_get(r, "dialect"), "lineTerminator"), "\r\n");
    const char *about = js_string(r, "description");
    CU_ASSERT(about && strstr(about, "byte-order mark") != NULL);
    json_node_unref(package);

    /* A descriptor that says LF over CRLF files is caught. */
    char *descriptor = tk_path(dir, "datapackage.json");
    char *lf = tk_path(dir, "lf");
    const char *argv[] = { "-q", "-o", lf, REPORTS[0], NULL };
    CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 0);
    char *lf_descriptor = tk_path(lf, "datapackage.json");
    size_t len;
    char *text = tk_slurp(lf_descriptor, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL(write_file(descriptor, text, len), 0);
    char report[4096];
    CU_ASSERT(pc_check_folder(dir, report, sizeof report) > 0);
    CU_ASSERT(strstr(report, "byte-order mark") != NULL);
    CU_ASSERT(strstr(report, "lines do not end as the dialect says") != NULL);
    free(text);
    free(lf_descriptor);
    free(lf);
    free(descriptor);
    tk_rmtree(dir);
    free(dir);
}

/* Replaces the first FROM after the header of DIR/FILE with TO (or, with
 * FROM NULL, appends the file's first data row again), checks the folder
 * and expects a problem that mentions WANT; then puts the file back. */
static void expect_caught(const char *dir, const char *file, const char *from,
                          const char *to, const char *want)
{
    char *path = tk_path(dir, file);
    size_t len;
    char *original = tk_slurp(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(original);
    char *body = strchr(original, '\n') + 1;
    size_t size = len + strlen(to ? to : "") + len + 1;
    char *broken = calloc(size, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(broken);
    if (from) {
        char *at = strstr(body, from);
        CU_ASSERT_PTR_NOT_NULL_FATAL(at);
        memcpy(broken, original, (size_t)(at - original));
        strcat(broken, to);
        strcat(broken, at + strlen(from));
    } else {
        char *end = strchr(body, '\n') + 1;
        memcpy(broken, original, len);
        memcpy(broken + len, body, (size_t)(end - body));
    }
    CU_ASSERT_EQUAL(write_file(path, broken, strlen(broken)), 0);
    char report[4096];
    int n = pc_check_folder(dir, report, sizeof report);
    if (n == 0 || !strstr(report, want))
        fprintf(stderr, "\n  %s: wanted a problem with \"%s\", got:\n%s", file, want, report);
    CU_ASSERT(n > 0);
    CU_ASSERT(strstr(report, want) != NULL);
    CU_ASSERT_EQUAL(write_file(path, original, len), 0);
    CU_ASSERT_EQUAL(pc_check_folder(dir, report, sizeof report), 0);
    free(broken);
    free(original);
    free(path);
}

static void test_validator_catches_broken_datasets(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *argv[] = { "-q", "-o", dir, "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL_FATAL(tk_run(argv, NULL, NULL), 0);
    CU_ASSERT_FATAL(valid_folder(dir));

    tk_csv csv;
    char *declined = tk_path(dir, "declined_detainers.csv");
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(declined, &csv), 0);
    CU_ASSERT_FATAL(csv.nrows > 2);
    char issued[16], state[8], id[32];
    snprintf(issued, sizeof issued, ",%s,", csv.rows[1][tk_csv_col(&csv, "detainer_issued")]);
    snprintf(state, sizeof state, ",%s,", csv.rows[1][tk_csv_col(&csv, "state")]);
    snprintf(id, sizeof id, "%s,", csv.rows[1][0]);
    tk_csv_free(&csv);
    free(declined);

    expect_caught(dir, "declined_detainers.csv", NULL, NULL, "primary key value");
    expect_caught(dir, "declined_detainers.csv", issued, ",2017-02-30,", "is not a date");
    expect_caught(dir, "declined_detainers.csv", issued, ",02/01/2017,", "is not a date");
    expect_caught(dir, "declined_detainers.csv", state, ",ZZ,", "is not in its enum");
    expect_caught(dir, "declined_detainers.csv", ",convicted", ",Convicted", "is not in its enum");
    expect_caught(dir, "declined_detainers.csv", ",1,", ",one,", "is not an integer");
    expect_caught(dir, "declined_detainers.csv", id, ",", "required but missing");
    expect_caught(dir, "top_jurisdictions.csv", id, "1999-01-01,", "is not in reports");
    expect_caught(dir, "reports.csv", ",ok", ",fine", "is not in its enum");
    expect_caught(dir, "reports.csv", ",ok", ",ok,extra", "fields, not");
    expect_caught(dir, "crime_summary.csv", id, "", "fields, not");
    expect_caught(dir, "datapackage.json", "\"name\": \"row\"", "\"name\": \"rows\"",
                  "header is not the schema's field names");
    expect_caught(dir, "datapackage.json", "\"path\": \"reports.csv\"",
                  "\"path\": \"reports.tsv\"", "reports.tsv: missing");
    expect_caught(dir, "datapackage.json", "]\n}", "],\n}", "not JSON");

    /* The sha256 pattern: one character short. */
    char *reports = tk_path(dir, "reports.csv");
    CU_ASSERT_EQUAL_FATAL(tk_csv_read(reports, &csv), 0);
    char sha[80], short_sha[80];
    snprintf(sha, sizeof sha, ",%s,", csv.rows[1][tk_csv_col(&csv, "sha256")]);
    snprintf(short_sha, sizeof short_sha, ",%s,", csv.rows[1][tk_csv_col(&csv, "sha256")] + 1);
    tk_csv_free(&csv);
    free(reports);
    expect_caught(dir, "reports.csv", sha, short_sha, "does not match");
    tk_rmtree(dir);
    free(dir);
}

/* The codes the parser can emit are inside the descriptor's vocabularies:
 * the enums come from the tables it recognises them with. */
static void test_vocabularies_cover_the_parser(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(emit_datapackage(f, EMIT_CSV, NULL), 0);
    fclose(f);
    char why[160];
    JsonNode *package = js_parse(text, len, why, sizeof why);
    free(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(package);
    JsonNode *declined = resource_named(package, "declined_detainers");
    JsonArray *states = js_array(js_get(js_get(field_named(declined, "state"),
                                               "constraints"), "enum"));
    JsonArray *countries = js_array(js_get(js_get(field_named(declined, "country_code"),
                                                  "constraints"), "enum"));
    CU_ASSERT_FATAL(states && countries);
    guint nstates = json_array_get_length(states);
    guint ncountries = json_array_get_length(countries);
    static const char *const state_names[] = {
        "Texas", "TX", "District of Columbia", "Washington D.C.", "Puerto Rico",
        "Guam", "U.S. Virgin Islands", "Northern Mariana Islands", "Wyoming", NULL
    };
    for (int i = 0; state_names[i]; i++) {
        const char *code = cells_state_code(state_names[i]);
        CU_ASSERT_PTR_NOT_NULL(code);
        int found = 0;
        for (guint k = 0; code && k < nstates; k++)
            found |= g_strcmp0(js_text(json_array_get_element(states, k)), code) == 0;
        CU_ASSERT(found);
    }
    static const char *const country_names[] = {
        "Mexico", "Korea, South", "Burma", "Kosovo", "Côte d'Ivoire", "Zaire",
        "Hong Kong", "Czech Republic", NULL
    };
    for (int i = 0; country_names[i]; i++) {
        const char *code = cells_country_code(country_names[i]);
        CU_ASSERT_PTR_NOT_NULL(code);
        int found = 0;
        for (guint k = 0; code && k < ncountries; k++)
            found |= g_strcmp0(js_text(json_array_get_element(countries, k)), code) == 0;
        if (!found)
            fprintf(stderr, "\n  %s (%s) not in the enum", country_names[i], code);
        CU_ASSERT(found);
    }
    /* Not a free-for-all: two letters each, about 250 of them. */
    CU_ASSERT(ncountries > 240 && ncountries < 260);
    for (guint k = 0; k < ncountries; k++) {
        const char *code = js_text(json_array_get_element(countries, k));
        CU_ASSERT(code && strlen(code) == 2);
    }
    json_node_unref(package);
}

/* ---- JSON Lines ----------------------------------------------------------- */

/* The CSV cell of a text value: guarded as the contract says. */
static int same_text(const char *csv, const char *json)
{
    if (json[0] && strchr("=+-@\t\r", json[0]))
        return csv[0] == '\'' && strcmp(csv + 1, json) == 0;
    return strcmp(csv, json) == 0;
}

/* Reads DIR/NAME.csv and DIR2/NAME.jsonl and compares them value by
 * value; returns the number of rows compared, -1 on a difference. */
static long compare_dataset(const char *csv_dir, const char *json_dir, const char *name)
{
    char file[64], why[512];
    snprintf(file, sizeof file, "%s.csv", name);
    char *csv_path = tk_path(csv_dir, file);
    snprintf(file, sizeof file, "%s.jsonl", name);
    char *json_path = tk_path(json_dir, file);
    pc_table c, j;
    long result = -1;
    int csv_ok = pc_read_csv(csv_path, &c, why, sizeof why) == 0;
    if (!csv_ok)
        fprintf(stderr, "\n  %s", why);
    int json_ok = pc_read_jsonl(json_path, &j, why, sizeof why) == 0;
    if (!json_ok)
        fprintf(stderr, "\n  %s", why);
    free(csv_path);
    free(json_path);
    if (!csv_ok || !json_ok) {
        if (csv_ok)
            pc_table_free(&c);
        if (json_ok)
            pc_table_free(&j);
        return -1;
    }
    int same = c.nrows == j.nrows && (j.nrows == 0 || c.ncols == j.ncols);
    for (size_t k = 0; same && k < j.ncols; k++)
        same = strcmp(c.names[k], j.names[k]) == 0;
    for (size_t r = 0; same && r < c.nrows; r++) {
        for (size_t k = 0; same && k < c.ncols; k++) {
            const char *cv = c.rows[r][k].text;
            const pc_cell *jc = &j.rows[r][k];
            if (!jc->text)
                same = cv[0] == '\0';           /* unknown: empty, null */
            else if (jc->number == PC_INTEGER)
                same = strcmp(cv, jc->text) == 0;
            else if (jc->number == PC_FRACTION)
                same = 0;    /* the CSV's numbers are integers (and the JSON
                              * number's text is not as written) */
            else
                same = jc->text[0] != '\0' && same_text(cv, jc->text);
            if (!same)
                fprintf(stderr, "\n  %s row %zu %s: csv '%s', json %s", name, r + 1,
                        c.names[k], cv, jc->text ? jc->text : "null");
        }
    }
    if (same)
        result = (long)c.nrows;
    pc_table_free(&c);
    pc_table_free(&j);
    return result;
}

/* Copies the file FROM to TO. */
static int copy_file(const char *from, const char *to)
{
    size_t len;
    char *bytes = tk_slurp(from, &len);
    int rc = bytes ? write_file(to, bytes, len) : -1;
    free(bytes);
    return rc;
}

static int hidden_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            strcmp(e->d_name, ".ddor2csv"))
            n++;
    closedir(d);
    return n;
}

static void test_jsonl_same_values_as_csv(void)
{
    char *scratch = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(scratch);
    /* A name that needs JSON escapes, on a re-issue of a report (other
     * bytes, the same period), and a failed input. */
    char *odd = tk_path(scratch, "we\"ird\\ name,\t2.pdf");
    char *bad = tk_path(scratch, "-bad=1.pdf");
    CU_ASSERT_EQUAL_FATAL(copy_file("fixtures/reports/weekly-3-a4.pdf", odd), 0);
    FILE *reissue = fopen(odd, "a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(reissue);
    fputs("% re-issued\n", reissue);
    fclose(reissue);
    CU_ASSERT_EQUAL_FATAL(write_file(bad, "not a PDF\n", 10), 0);
    char *csv_dir = tk_path(scratch, "csv");
    char *json_dir = tk_path(scratch, "json");
    const char *inputs[] = { odd, bad, NULL };
    const char *const jsonl[] = { "--format", "jsonl", "-j", "2", NULL };
    const char *const csv[] = { "--format=csv", NULL };
    for (int pass = 0; pass < 2; pass++) {
        const char *argv[32];
        int n = 0;
        argv[n++] = "-q";
        argv[n++] = "-o";
        argv[n++] = pass ? json_dir : csv_dir;
        for (const char *const *o = pass ? jsonl : csv; *o; o++)
            argv[n++] = *o;
        for (int i = 0; REPORTS[i]; i++)
            argv[n++] = REPORTS[i];
        argv[n++] = inputs[0];
        argv[n++] = inputs[1];
        argv[n] = NULL;
        /* The bad input fails the run; the others are written. */
        CU_ASSERT_EQUAL(tk_run(argv, NULL, NULL), 1);
    }
    long rows = 0;
    for (int i = 0; emit_dataset_names[i]; i++) {
        long n = compare_dataset(csv_dir, json_dir, emit_dataset_names[i]);
        CU_ASSERT(n > 0);
        rows += n;
        /* No CSV in a JSON Lines folder, and the reverse. */
        char file[64];
        snprintf(file, sizeof file, "%s.csv", emit_dataset_names[i]);
        char *stray = tk_path(json_dir, file);
        CU_ASSERT_EQUAL(access(stray, F_OK), -1);
        free(stray);
    }
    CU_ASSERT(rows > 500);               /* about 850 from the fixtures */
    /* The JSON Lines folder is valid against its own descriptor, which
     * also checks that integers are JSON numbers. */
    CU_ASSERT(valid_folder(json_dir));
    CU_ASSERT(valid_folder(csv_dir));
    CU_ASSERT_EQUAL(hidden_entries(json_dir), 0);

    /* The values themselves: the id unguarded, the name unescaped. */
    pc_table t;
    char why[256];
    char *reports = tk_path(json_dir, "reports.jsonl");
    CU_ASSERT_EQUAL_FATAL(pc_read_jsonl(reports, &t, why, sizeof why), 0);
    /* The failed input is not in the folder; the re-issue is, after the
     * edition it supersedes (the period's last row). */
    CU_ASSERT_EQUAL_FATAL(t.nrows, 7);
    CU_ASSERT_STRING_EQUAL(t.rows[6][1].text, odd);
    CU_ASSERT_STRING_EQUAL(t.rows[6][0].text, "2017-02-11-2");
    CU_ASSERT_STRING_EQUAL(t.rows[5][12].text, "2017-02-11-2");  /* superseded_by */
    CU_ASSERT_PTR_NULL(t.rows[6][12].text);           /* the current edition */
    CU_ASSERT_STRING_EQUAL(t.rows[6][11].text, "7");  /* added */
    CU_ASSERT_EQUAL(t.rows[6][11].number, PC_INTEGER);  /* a number */
    CU_ASSERT_EQUAL(t.rows[0][3].number, PC_INTEGER);   /* pages: a number */
    pc_table_free(&t);
    free(reports);

    JsonNode *package = read_package(json_dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(package);
    JsonNode *r = resource_named(package, "crime_summary");
    CU_ASSERT_STRING_EQUAL(js_string(r, "path"), "crime_summary.jsonl");
    CU_ASSERT_STRING_EQUAL(js_string(r, "format"), "jsonl");
    CU_ASSERT_PTR_NULL(js_get(r, "dialect"));
    json_node_unref(package);

    free(csv_dir);
    free(json_dir);
    free(odd);
    free(bad);
    tk_rmtree(scratch);
    free(scratch);
}

static void test_jsonl_table_to_stdout(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *pdf = "fixtures/reports/weekly-2-landscape.pdf";
    const char *folder[] = { "-q", "--format", "jsonl", "-o", dir, pdf, NULL };
    CU_ASSERT_EQUAL_FATAL(tk_run(folder, NULL, NULL), 0);
    for (int i = 0; emit_dataset_names[i]; i++) {
        const char *argv[] = { "-q", "-t", emit_dataset_names[i], "--format", "jsonl",
                               pdf, NULL };
        char *out = NULL;
        CU_ASSERT_EQUAL(tk_run(argv, &out, NULL), 0);
        char file[64];
        snprintf(file, sizeof file, "%s.jsonl", emit_dataset_names[i]);
        char *path = tk_path(dir, file);
        char *want = tk_slurp(path, NULL);
        /* The one difference: on standard output no report is in a
         * folder, so none has its order of adding. */
        char *added = want ? strstr(want, "\"added\":1,") : NULL;
        if (added) {
            char *edited = malloc(strlen(want) + 4);
            CU_ASSERT_PTR_NOT_NULL_FATAL(edited);
            sprintf(edited, "%.*s\"added\":null,%s", (int)(added - want), want,
                    added + strlen("\"added\":1,"));
            free(want);
            want = edited;
        }
        CU_ASSERT(out && want && strcmp(out, want) == 0);
        CU_ASSERT(out && out[0] == '{');
        free(want);
        free(path);
        free(out);
    }
    tk_rmtree(dir);
    free(dir);
}

/* A failure to put one file in place replaces none of them, descriptor
 * included, and leaves no temporary file. */
static void test_jsonl_written_atomically(void)
{
    char *dir = tk_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    const char *first[] = { "-q", "--format", "jsonl", "-o", dir,
                            "fixtures/reports/weekly-3-a4.pdf", NULL };
    CU_ASSERT_EQUAL_FATAL(tk_run(first, NULL, NULL), 0);
    char *reports = tk_path(dir, "reports.jsonl");
    char *descriptor = tk_path(dir, "datapackage.json");
    char *before = tk_slurp(reports, NULL);
    char *before_descriptor = tk_slurp(descriptor, NULL);
    char *blocker = tk_path(dir, "crime_summary.jsonl");
    CU_ASSERT_EQUAL(unlink(blocker), 0);
    CU_ASSERT_EQUAL(mkdir(blocker, 0700), 0);

    const char *second[] = { "-q", "--format", "jsonl", "-o", dir,
                             "fixtures/reports/weekly-1.pdf", NULL };
    char *err = NULL;
    CU_ASSERT_EQUAL(tk_run(second, NULL, &err), 1);
    CU_ASSERT(err && strstr(err, "cannot rename crime_summary.jsonl into place") != NULL);
    char *after = tk_slurp(reports, NULL);
    char *after_descriptor = tk_slurp(descriptor, NULL);
    CU_ASSERT(before && after && strcmp(before, after) == 0);
    CU_ASSERT(before_descriptor && after_descriptor &&
              strcmp(before_descriptor, after_descriptor) == 0);
    CU_ASSERT_EQUAL(hidden_entries(dir), 0);

    /* Once the name is free again, the whole set is replaced. */
    CU_ASSERT_EQUAL(rmdir(blocker), 0);
    CU_ASSERT_EQUAL(tk_run(second, NULL, NULL), 0);
    free(after);
    after = tk_slurp(reports, NULL);
    CU_ASSERT(before && after && strcmp(before, after) != 0);
    CU_ASSERT(valid_folder(dir));
    CU_ASSERT_EQUAL(hidden_entries(dir), 0);

    free(err);
    free(after);
    free(after_descriptor);
    free(before);
    free(before_descriptor);
    free(blocker);
    free(descriptor);
    free(reports);
    tk_rmtree(dir);
    free(dir);
}

static void test_format_option(void)
{
    const char *pdf = "fixtures/reports/weekly-3-a4.pdf";
    char *err = NULL;
    const char *unknown[] = { "--format", "xml", pdf, NULL };
    CU_ASSERT_EQUAL(tk_run(unknown, NULL, &err), 2);
    CU_ASSERT(err && strstr(err, "ddor2csv: unknown format 'xml' in --format 'xml' "
                                 "(choose from csv, jsonl, xlsx, sqlite, separated by commas)"));
    free(err);
    /* A list names formats, each between commas: none may be empty. */
    const char *bad_lists[][2] = { { "csv,", "''" }, { ",csv", "''" }, { "csv,,xlsx", "''" },
                                   { "csv,XLSX", "'XLSX'" }, { "", "''" },
                                   { "csv xlsx", "'csv xlsx'" } };
    for (size_t i = 0; i < sizeof bad_lists / sizeof bad_lists[0]; i++) {
        err = NULL;
        const char *argv[] = { "--format", bad_lists[i][0], pdf, NULL };
        CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 2);
        char want[64];
        snprintf(want, sizeof want, "unknown format %s in --format '%s'", bad_lists[i][1],
                 bad_lists[i][0]);
        CU_ASSERT(err && strstr(err, want));
        free(err);
    }
    /* -t is a text stream of one format; the others go to a folder. */
    const char *streams[] = { "xlsx", "sqlite", "csv,jsonl", "csv,sqlite" };
    for (size_t i = 0; i < sizeof streams / sizeof streams[0]; i++) {
        err = NULL;
        const char *argv[] = { "-t", "reports", "--format", streams[i], pdf, NULL };
        CU_ASSERT_EQUAL(tk_run(argv, NULL, &err), 2);
        CU_ASSERT(err && strstr(err, "-t writes one dataset to standard output as csv or jsonl"));
        free(err);
    }
    err = NULL;
    const char *no_csv[] = { "--excel", "--format", "xlsx,sqlite", pdf, NULL };
    CU_ASSERT_EQUAL(tk_run(no_csv, NULL, &err), 2);
    CU_ASSERT(err && strstr(err, "--excel applies to CSV only"));
    free(err);
    err = NULL;
    const char *excel[] = { "--excel", "--format=jsonl", "-t", "reports", pdf, NULL };
    CU_ASSERT_EQUAL(tk_run(excel, NULL, &err), 2);
    CU_ASSERT(err && strstr(err, "--excel applies to CSV only"));
    free(err);
    const char *missing[] = { pdf, "--format", NULL };
    CU_ASSERT_EQUAL(tk_run(missing, NULL, NULL), 2);
    char *out = NULL;
    const char *help[] = { "--help", NULL };
    CU_ASSERT_EQUAL(tk_run(help, &out, NULL), 0);
    CU_ASSERT(out && strstr(out, "--format=LIST") && strstr(out, "datapackage.json"));
    free(out);
}

void suite_package(void)
{
    CU_pSuite s = CU_add_suite("datapackage and JSON Lines", NULL, NULL);
    if (!s)
        return;
    CU_add_test(s, "JSON read strictly", test_json_read_strictly);
    CU_add_test(s, "JSON strings escaped", test_json_string_escapes);
    CU_add_test(s, "datapackage.json describes the CSV", test_package_describes_csv);
    CU_add_test(s, "datapackage.json describes --excel", test_package_describes_excel);
    CU_add_test(s, "the validator catches broken datasets",
                test_validator_catches_broken_datasets);
    CU_add_test(s, "vocabularies cover the parser", test_vocabularies_cover_the_parser);
    CU_add_test(s, "jsonl: the same values as CSV", test_jsonl_same_values_as_csv);
    CU_add_test(s, "jsonl: -t to stdout", test_jsonl_table_to_stdout);
    CU_add_test(s, "jsonl: written atomically", test_jsonl_written_atomically);
    CU_add_test(s, "--format on the command line", test_format_option);
}
