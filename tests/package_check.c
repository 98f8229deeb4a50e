/* The output-folder validator of the tests; see package_check.h. */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_strict.h"
#include "package_check.h"
#include "testkit.h"

/* ---- reading datasets ------------------------------------------------ */

static void *checked(void *p)
{
    if (!p)
        abort();
    return p;
}

static void set_why(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

static void add_row(pc_table *t, pc_cell *cells, size_t n)
{
    t->rows = checked(realloc(t->rows, (t->nrows + 1) * sizeof *t->rows));
    t->nfields = checked(realloc(t->nfields, (t->nrows + 1) * sizeof *t->nfields));
    t->rows[t->nrows] = cells;
    t->nfields[t->nrows] = n;
    t->nrows++;
}

int pc_read_csv(const char *path, pc_table *t, char *why, size_t size)
{
    memset(t, 0, sizeof *t);
    tk_csv csv;
    if (tk_csv_read(path, &csv) != 0 || csv.nrows == 0) {
        if (csv.rows)
            tk_csv_free(&csv);
        set_why(why, size, "%s: unreadable or not CSV", path);
        return -1;
    }
    char *first = csv.rows[0][0];
    if (strncmp(first, "\xEF\xBB\xBF", 3) == 0)
        memmove(first, first + 3, strlen(first + 3) + 1);
    t->ncols = csv.nfields[0];
    t->names = csv.rows[0];
    for (size_t r = 1; r < csv.nrows; r++) {
        pc_cell *cells = checked(calloc(csv.nfields[r] + 1, sizeof *cells));
        for (size_t f = 0; f < csv.nfields[r]; f++)
            cells[f].text = csv.rows[r][f];
        free(csv.rows[r]);
        add_row(t, cells, csv.nfields[r]);
    }
    free(csv.rows);
    free(csv.nfields);
    return 0;
}

/* One JSON value as a cell: text, a number or null (TEXT NULL).  Returns
 * -1 for anything else. */
static int to_cell(JsonNode *v, pc_cell *cell)
{
    if (JSON_NODE_HOLDS_NULL(v))
        return 0;
    if (!JSON_NODE_HOLDS_VALUE(v))
        return -1;
    GType type = json_node_get_value_type(v);
    char number[G_ASCII_DTOSTR_BUF_SIZE];
    if (type == G_TYPE_STRING) {
        cell->text = checked(strdup(json_node_get_string(v)));
        return 0;
    }
    if (type == G_TYPE_INT64) {
        snprintf(number, sizeof number, "%" G_GINT64_FORMAT, json_node_get_int(v));
        cell->number = PC_INTEGER;
    } else if (type == G_TYPE_DOUBLE) {
        g_ascii_dtostr(number, sizeof number, json_node_get_double(v));
        cell->number = PC_FRACTION;
    } else {
        return -1;                            /* true or false */
    }
    cell->text = checked(strdup(number));
    return 0;
}

int pc_read_jsonl(const char *path, pc_table *t, char *why, size_t size)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *text = tk_slurp(path, &len);
    if (!text) {
        set_why(why, size, "%s: unreadable", path);
        return -1;
    }
    int rc = 0;
    if (len > 0 && text[len - 1] != '\n') {
        set_why(why, size, "%s: the last line has no line end", path);
        rc = -1;
    }
    size_t line = 0;
    for (char *p = text; rc == 0 && p < text + len; line++) {
        char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        /* Each line on its own: one JSON text, an object. */
        char reason[256];
        JsonNode *root = js_parse(p, n, reason, sizeof reason);
        if (!root) {
            set_why(why, size, "%s line %zu: %s", path, line + 1, reason);
            rc = -1;
            break;
        }
        if (!JSON_NODE_HOLDS_OBJECT(root)) {
            set_why(why, size, "%s line %zu: not an object", path, line + 1);
            json_node_unref(root);
            rc = -1;
            break;
        }
        JsonObject *obj = json_node_get_object(root);
        size_t nkeys = json_object_get_size(obj);
        if (line == 0) {
            t->ncols = nkeys;
            t->names = checked(calloc(nkeys + 1, sizeof *t->names));
        }
        int same_keys = nkeys == t->ncols;
        pc_cell *cells = checked(calloc(nkeys + 1, sizeof *cells));
        /* The members in the order written: the keys are the header. */
        JsonObjectIter it;
        const char *key;
        JsonNode *v;
        json_object_iter_init_ordered(&it, obj);
        for (size_t k = 0; json_object_iter_next_ordered(&it, &key, &v); k++) {
            if (line == 0)
                t->names[k] = checked(strdup(key));
            same_keys = same_keys && strcmp(key, t->names[k]) == 0;
            if (to_cell(v, &cells[k]) != 0) {
                set_why(why, size, "%s line %zu: %s is neither text, number nor null",
                        path, line + 1, key);
                rc = -1;
            }
        }
        add_row(t, cells, nkeys);
        if (!same_keys && rc == 0) {
            set_why(why, size, "%s line %zu: keys differ from the first line's",
                    path, line + 1);
            rc = -1;
        }
        json_node_unref(root);
        p += n + 1;
    }
    free(text);
    if (rc != 0)
        pc_table_free(t);
    return rc;
}

void pc_table_free(pc_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t f = 0; f < t->nfields[r]; f++)
            free(t->rows[r][f].text);
        free(t->rows[r]);
    }
    for (size_t c = 0; c < t->ncols; c++)
        free(t->names[c]);
    free(t->names);
    free(t->rows);
    free(t->nfields);
    memset(t, 0, sizeof *t);
}

/* ---- problems -------------------------------------------------------- */

typedef struct {
    int count;
    char *report;
    size_t size;
} problems;

static void problem(problems *p, const char *fmt, ...)
{
    p->count++;
    size_t used = strlen(p->report);
    if (used + 2 >= p->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->report + used, p->size - used - 1, fmt, ap);
    va_end(ap);
    used = strlen(p->report);
    if (used + 1 < p->size) {
        p->report[used] = '\n';
        p->report[used + 1] = '\0';
    }
}

/* ---- values ------------------------------------------------------------ */

static int is_integer_text(const char *s)
{
    if (*s == '-')
        s++;
    return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 19;
}

static int is_date(const char *s)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/* Whether S is among the strings of ARRAY (NULL: none). */
static int in_string_array(JsonArray *array, const char *s)
{
    guint n = array ? json_array_get_length(array) : 0;
    for (guint i = 0; i < n; i++) {
        const char *item = js_text(json_array_get_element(array, i));
        if (item && strcmp(item, s) == 0)
            return 1;
    }
    return 0;
}

static int is_missing(const pc_cell *c, JsonArray *missing_values)
{
    return c->text == NULL || (!c->number && in_string_array(missing_values, c->text));
}

/* One value against its field. */
static void check_value(problems *p, const char *where, JsonNode *field,
                        const pc_cell *c, JsonArray *missing_values, int in_key,
                        int json)
{
    const char *name = js_string(field, "name");
    const char *type = js_string(field, "type");
    JsonNode *cons = js_get(field, "constraints");
    if (is_missing(c, missing_values)) {
        if (in_key || js_is_true(js_get(cons, "required")))
            problem(p, "%s: %s is required but missing", where, name);
        return;
    }
    if (strcmp(type, "integer") == 0) {
        if (json && c->number == PC_TEXT) {
            problem(p, "%s: %s is text, not a JSON number", where, name);
            return;
        }
        /* A JSON number with a fraction or an exponent is no integer, even
         * one that equals an integer (7.0, 7e0): it was not written as
         * one. */
        if (c->number == PC_FRACTION || !is_integer_text(c->text)) {
            problem(p, "%s: %s '%s' is not an integer", where, name, c->text);
            return;
        }
        /* The descriptor's check made sure a minimum is an integer. */
        JsonNode *minimum = js_get(cons, "minimum");
        if (js_is_integer(minimum) && atoll(c->text) < json_node_get_int(minimum))
            problem(p, "%s: %s %s is below the minimum %" G_GINT64_FORMAT, where, name,
                    c->text, json_node_get_int(minimum));
    } else if (c->number != PC_TEXT) {
        problem(p, "%s: %s is a number, not %s text", where, name, type);
        return;
    } else if (strcmp(type, "date") == 0 && !is_date(c->text)) {
        problem(p, "%s: %s '%s' is not a date (YYYY-MM-DD)", where, name, c->text);
        return;
    }
    JsonNode *allowed = js_get(cons, "enum");
    if (allowed && !in_string_array(js_array(allowed), c->text))
        problem(p, "%s: %s '%s' is not in its enum", where, name, c->text);
    const char *pattern = js_string(cons, "pattern");
    if (pattern) {
        /* Table Schema patterns match the whole value. */
        char anchored[256];
        snprintf(anchored, sizeof anchored, "^(%s)$", pattern);
        regex_t re;
        if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
            problem(p, "%s: %s has an unusable pattern", where, name);
            return;
        }
        if (regexec(&re, c->text, 0, NULL, 0) != 0)
            problem(p, "%s: %s '%s' does not match %s", where, name, c->text, pattern);
        regfree(&re);
    }
}

/* ---- resources ----------------------------------------------------------- */

typedef struct {
    JsonNode *descriptor;
    const char *name;
    JsonArray *fields;
    pc_table table;
    int loaded;
    int json;                 /* JSON Lines, not CSV */
} resource;

static const char *const TYPES[] = { "string", "integer", "date", NULL };

/* Field I of FIELDS. */
static JsonNode *field_at(JsonArray *fields, size_t i)
{
    return json_array_get_element(fields, (guint)i);
}

static size_t length_of(JsonArray *array)
{
    return array ? json_array_get_length(array) : 0;
}

/* Index of field NAME in FIELDS, or -1 (also for no NAME). */
static int field_index(JsonArray *fields, const char *name)
{
    for (size_t i = 0; name && i < length_of(fields); i++) {
        const char *n = js_string(field_at(fields, i), "name");
        if (n && strcmp(n, name) == 0)
            return (int)i;
    }
    return -1;
}

/* The file's bytes against the encoding and dialect. */
static void check_bytes(problems *p, const char *path, const char *format,
                        const char *encoding, JsonNode *dialect)
{
    size_t len;
    char *bytes = tk_slurp(path, &len);
    if (!bytes) {
        problem(p, "%s: missing", path);
        return;
    }
    int bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0;
    int want_bom = strcmp(encoding, "utf-8-sig") == 0;
    if (bom != want_bom)
        problem(p, "%s: %s byte-order mark, but encoding %s", path,
                bom ? "a" : "no", encoding);
    const char *eol = "\n";
    if (strcmp(format, "csv") == 0) {
        eol = js_string(dialect, "lineTerminator");
        if (!eol) {
            problem(p, "%s: the dialect has no lineTerminator", path);
            eol = "\n";
        }
    }
    size_t elen = strlen(eol);
    const char *first_nl = memchr(bytes, '\n', len);
    int header_ends_right = first_nl &&
        (size_t)(first_nl + 1 - bytes) >= elen &&
        memcmp(first_nl + 1 - elen, eol, elen) == 0 &&
        (elen == 2 || first_nl == bytes || first_nl[-1] != '\r');
    if (len > 0 && (!header_ends_right || len < elen ||
                    memcmp(bytes + len - elen, eol, elen) != 0))
        problem(p, "%s: lines do not end as the dialect says", path);
    free(bytes);
}

static void check_descriptor_of(problems *p, resource *r, const char *dir)
{
    JsonNode *d = r->descriptor;
    const char *profile = js_string(d, "profile");
    const char *path = js_string(d, "path");
    const char *format = js_string(d, "format");
    const char *encoding = js_string(d, "encoding");
    JsonNode *schema = js_get(d, "schema");
    r->fields = js_array(js_get(schema, "fields"));
    if (!profile || strcmp(profile, "tabular-data-resource") != 0)
        problem(p, "%s: not a tabular-data-resource", r->name);
    if (!path || !path[0] || path[0] == '/' || strstr(path, "..")) {
        problem(p, "%s: no path inside the folder", r->name);
        return;
    }
    if (!format || (strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0)) {
        problem(p, "%s: format must be csv or jsonl", r->name);
        return;
    }
    if (!encoding || (strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "utf-8-sig") != 0)) {
        problem(p, "%s: encoding must be utf-8 or utf-8-sig", r->name);
        return;
    }
    JsonNode *dialect = js_get(d, "dialect");
    if (strcmp(format, "csv") == 0) {
        const char *delimiter = js_string(dialect, "delimiter");
        const char *quote = js_string(dialect, "quoteChar");
        if (!delimiter || strcmp(delimiter, ",") || !quote || strcmp(quote, "\"") ||
            !js_is_true(js_get(dialect, "header")) ||
            !js_is_true(js_get(dialect, "doubleQuote")))
            problem(p, "%s: the dialect is not the comma, quote and header of RFC 4180",
                    r->name);
    } else if (dialect) {
        problem(p, "%s: a CSV dialect on a JSON Lines resource", r->name);
    }
    const char *text = js_string(d, "description");
    if (!text || !text[0])
        problem(p, "%s: no description", r->name);
    if (length_of(r->fields) == 0) {
        problem(p, "%s: the schema has no fields", r->name);
        r->fields = NULL;
        return;
    }
    for (size_t i = 0; i < length_of(r->fields); i++) {
        JsonNode *f = field_at(r->fields, i);
        const char *name = js_string(f, "name"), *type = js_string(f, "type");
        int known = 0;
        for (int k = 0; type && TYPES[k]; k++)
            known |= strcmp(type, TYPES[k]) == 0;
        if (!name || !known) {
            problem(p, "%s: field %zu has no name or an unknown type", r->name, i + 1);
            r->fields = NULL;
            return;
        }
        if (field_index(r->fields, name) != (int)i)
            problem(p, "%s: field %s named twice", r->name, name);
        const char *about = js_string(f, "description");
        if (!about || !about[0])
            problem(p, "%s: field %s has no description", r->name, name);
        /* The minimum of an integer is an integer: the values are compared
         * with it as integers. */
        JsonNode *minimum = js_get(js_get(f, "constraints"), "minimum");
        if (minimum && strcmp(type, "integer") == 0 && !js_is_integer(minimum))
            problem(p, "%s: field %s has a minimum that is not an integer", r->name, name);
    }
    JsonArray *missing = js_array(js_get(schema, "missingValues"));
    if (length_of(missing) != 1 || !in_string_array(missing, ""))
        problem(p, "%s: missingValues must be [\"\"]", r->name);

    char file[1024];
    snprintf(file, sizeof file, "%s/%s", dir, path);
    check_bytes(p, file, format, encoding, dialect);
    char why[512];
    int rc = strcmp(format, "csv") == 0 ? pc_read_csv(file, &r->table, why, sizeof why)
                                        : pc_read_jsonl(file, &r->table, why, sizeof why);
    if (rc != 0) {
        problem(p, "%s", why);
        return;
    }
    r->loaded = 1;
    r->json = strcmp(format, "jsonl") == 0;
}

/* Header, row widths and values. */
static void check_rows(problems *p, resource *r, JsonNode *schema)
{
    JsonArray *fields = r->fields;
    size_t nfields = length_of(fields);
    const pc_table *t = &r->table;
    int header_ok = t->ncols == nfields;
    for (size_t c = 0; header_ok && c < t->ncols; c++)
        header_ok = strcmp(t->names[c], js_string(field_at(fields, c), "name")) == 0;
    if (!header_ok && t->nrows + t->ncols > 0) {
        problem(p, "%s: the header is not the schema's field names in order", r->name);
        return;
    }
    JsonArray *missing = js_array(js_get(schema, "missingValues"));
    JsonArray *key = js_array(js_get(schema, "primaryKey"));
    for (size_t row = 0; row < t->nrows; row++) {
        char where[128];
        snprintf(where, sizeof where, "%s record %zu", r->name, row + 1);
        if (t->nfields[row] != nfields) {
            problem(p, "%s: %zu fields, not %zu", where, t->nfields[row], nfields);
            continue;
        }
        for (size_t c = 0; c < nfields; c++)
            check_value(p, where, field_at(fields, c), &t->rows[row][c], missing,
                        in_string_array(key, t->names[c]), r->json);
    }
}

/* Name K of a list of field names (a key), or NULL when it is no string. */
static const char *name_at(JsonArray *names, size_t k)
{
    return js_text(json_array_get_element(names, (guint)k));
}

/* Whether NAMES is a list of names of fields of R. */
static int names_known(const resource *r, JsonArray *names)
{
    if (!names)
        return 0;
    for (size_t k = 0; k < length_of(names); k++)
        if (field_index(r->fields, name_at(names, k)) < 0)
            return 0;
    return 1;
}

/* The values of the fields NAMES of row ROW, joined by a unit separator;
 * NULL when one is missing. */
static char *composite(const resource *r, JsonArray *names, size_t row,
                       JsonArray *missing)
{
    size_t size = 1;
    for (size_t k = 0; k < length_of(names); k++) {
        int c = field_index(r->fields, name_at(names, k));
        if (c < 0 || (size_t)c >= r->table.nfields[row])
            return NULL;
        const pc_cell *cell = &r->table.rows[row][c];
        if (is_missing(cell, missing))
            return NULL;
        size += strlen(cell->text) + 1;
    }
    char *s = checked(calloc(size, 1));
    for (size_t k = 0; k < length_of(names); k++) {
        int c = field_index(r->fields, name_at(names, k));
        strcat(s, r->table.rows[row][c].text);
        if (k + 1 < length_of(names))
            strcat(s, "\x1f");
    }
    return s;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The composite values of NAMES over every row of R that has them all,
 * sorted; *N gets how many.  Free with free_keys. */
static char **sorted_keys(const resource *r, JsonArray *names, JsonArray *missing,
                          size_t *n)
{
    char **keys = checked(calloc(r->table.nrows + 1, sizeof *keys));
    *n = 0;
    for (size_t row = 0; row < r->table.nrows; row++) {
        char *s = composite(r, names, row, missing);
        if (s)
            keys[(*n)++] = s;
    }
    qsort(keys, *n, sizeof *keys, by_string);
    return keys;
}

static void free_keys(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

static void check_primary_key(problems *p, const resource *r, JsonNode *schema)
{
    JsonNode *node = js_get(schema, "primaryKey");
    if (!node)
        return;
    JsonArray *key = js_array(node);
    if (!names_known(r, key)) {
        problem(p, "%s: the primary key names an unknown field", r->name);
        return;
    }
    size_t n;
    char **keys = sorted_keys(r, key, js_array(js_get(schema, "missingValues")), &n);
    for (size_t i = 1; i < n; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0)
            problem(p, "%s: primary key value '%s' repeated", r->name, keys[i]);
    free_keys(keys, n);
}

static void check_foreign_keys(problems *p, const resource *r, JsonNode *schema,
                               const resource *all, size_t nall)
{
    JsonNode *node = js_get(schema, "foreignKeys");
    if (!node)
        return;
    JsonArray *fks = js_array(node);
    if (!fks) {
        problem(p, "%s: foreignKeys is not a list", r->name);
        return;
    }
    JsonArray *missing = js_array(js_get(schema, "missingValues"));
    for (size_t i = 0; i < length_of(fks); i++) {
        JsonNode *fk = json_array_get_element(fks, (guint)i);
        JsonArray *fields = js_array(js_get(fk, "fields"));
        JsonNode *ref = js_get(fk, "reference");
        const char *target_name = js_string(ref, "resource");
        JsonArray *target_fields = js_array(js_get(ref, "fields"));
        const resource *target = NULL;
        for (size_t k = 0; target_name && k < nall; k++)
            if (all[k].name && strcmp(all[k].name, target_name) == 0)
                target = &all[k];
        if (!fields || !target_fields || length_of(fields) != length_of(target_fields) ||
            !target || !target->loaded) {
            problem(p, "%s: foreign key %zu refers to no loaded resource", r->name, i + 1);
            continue;
        }
        if (!names_known(r, fields) || !names_known(target, target_fields)) {
            problem(p, "%s: foreign key %zu names an unknown field", r->name, i + 1);
            continue;
        }
        JsonArray *target_missing = js_array(js_get(js_get(target->descriptor, "schema"),
                                                    "missingValues"));
        size_t n;
        char **known = sorted_keys(target, target_fields, target_missing, &n);
        for (size_t row = 0; row < r->table.nrows; row++) {
            char *s = composite(r, fields, row, missing);
            if (s && !bsearch(&s, known, n, sizeof *known, by_string))
                problem(p, "%s record %zu: '%s' is not in %s", r->name, row + 1, s,
                        target_name);
            free(s);
        }
        free_keys(known, n);
    }
}

int pc_check_folder(const char *dir, char *report, size_t size)
{
    problems p = { 0, report, size };
    report[0] = '\0';
    char path[1024];
    snprintf(path, sizeof path, "%s/datapackage.json", dir);
    size_t len;
    char *text = tk_slurp(path, &len);
    if (!text) {
        problem(&p, "%s: missing", path);
        return p.count;
    }
    char why[256];
    JsonNode *package = js_parse(text, len, why, sizeof why);
    free(text);
    if (!package) {
        problem(&p, "%s: not JSON: %s", path, why);
        return p.count;
    }
    const char *profile = js_string(package, "profile");
    JsonArray *list = js_array(js_get(package, "resources"));
    size_t n = length_of(list);
    if (!profile || strcmp(profile, "tabular-data-package") != 0)
        problem(&p, "the package is not a tabular-data-package");
    if (!js_string(package, "name"))
        problem(&p, "the package has no name");
    if (n == 0) {
        problem(&p, "the package has no resources");
        json_node_unref(package);
        return p.count;
    }
    resource *res = checked(calloc(n, sizeof *res));
    for (size_t i = 0; i < n; i++) {
        res[i].descriptor = json_array_get_element(list, (guint)i);
        res[i].name = js_string(res[i].descriptor, "name");
        if (!res[i].name) {
            problem(&p, "resource %zu has no name", i + 1);
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (res[k].name && strcmp(res[k].name, res[i].name) == 0)
                problem(&p, "resource %s named twice", res[i].name);
        check_descriptor_of(&p, &res[i], dir);
    }
    for (size_t i = 0; i < n; i++) {
        if (!res[i].loaded || !res[i].fields)
            continue;
        JsonNode *schema = js_get(res[i].descriptor, "schema");
        check_rows(&p, &res[i], schema);
        check_primary_key(&p, &res[i], schema);
        check_foreign_keys(&p, &res[i], schema, res, n);
    }
    for (size_t i = 0; i < n; i++)
        if (res[i].loaded)
            pc_table_free(&res[i].table);
    free(res);
    json_node_unref(package);
    return p.count;
}
