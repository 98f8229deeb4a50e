/*
 * The list of an archive's reports, DIR/.ddor2csv/reports:
 *
 *     ddor2csv reports 1 next=NEXT
 *     ADDED<TAB>SHA256<TAB>REPORT_ID<TAB>SOURCE_FILE
 *     ...
 *
 * in the order the reports were added.  NEXT is the number the next report
 * added gets, so that numbers are never reused after a removal.  A file
 * name may hold any byte but NUL: a backslash, a tab and a line end in it
 * are written \\, \t and \n.
 *
 * A list that does not read so is not guessed at: the run stops and says
 * where, since writing datasets from half a list would drop reports.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAGIC "ddor2csv reports 1 next="
/* The list of an archive of ten thousand reports is about 1.5 MB. */
#define MAX_LIST_BYTES (256u << 20)

size_t archive_count(const archive *a) { return a->n; }

const archive_report *archive_report_at(const archive *a, size_t i)
{
    return i < a->n ? &a->reports[i] : NULL;
}

int archive_is_removed(const archive *a, size_t i)
{
    return i < a->n && a->removed[i];
}

void archive_start_over(archive *a)
{
    for (size_t i = 0; i < a->n; i++)
        a->removed[i] = 1;
    a->next_added = 1;
}

void archive_remove(archive *a, size_t i)
{
    if (i < a->n)
        a->removed[i] = 1;
}

/* Linear: these serve the few --remove arguments of a run; adding, which
 * every input of a run goes through, finds digests by a hash table. */
long archive_find_id(const archive *a, const char *id)
{
    for (size_t i = 0; i < a->n; i++)
        if (!a->removed[i] && a->reports[i].report_id &&
            strcmp(a->reports[i].report_id, id) == 0)
            return (long)i;
    return -1;
}

long archive_find_source(const archive *a, const char *source_file)
{
    for (size_t i = 0; i < a->n; i++)
        if (!a->removed[i] && strcmp(a->reports[i].source_file, source_file) == 0)
            return (long)i;
    return -1;
}

/* The digest's first 16 hex digits: uniform, since digests are. */
static size_t sha_hash(const char *sha256)
{
    size_t h = 0;
    for (int i = 0; i < 16; i++)
        h = h * 16 + (size_t)(sha256[i] <= '9' ? sha256[i] - '0' : sha256[i] - 'a' + 10);
    return h;
}

long archive_find_sha(const archive *a, const char *sha256)
{
    if (!a->nslot)
        return -1;
    for (size_t h = sha_hash(sha256) & (a->nslot - 1); a->slot[h];
         h = (h + 1) & (a->nslot - 1)) {
        size_t i = a->slot[h] - 1;
        if (!a->removed[i] && strcmp(a->reports[i].sha256, sha256) == 0)
            return (long)i;
    }
    return -1;
}

static void *checked(void *p);

static void slot_put(archive *a, size_t i)
{
    size_t h = sha_hash(a->reports[i].sha256) & (a->nslot - 1);
    while (a->slot[h])
        h = (h + 1) & (a->nslot - 1);
    a->slot[h] = i + 1;
}

/* Keeps the table at most half full, so that probes stay short. */
static void slot_grow(archive *a)
{
    if (a->nslot >= 2 * (a->n + 1))
        return;
    size_t nslot = a->nslot ? 2 * a->nslot : 128;
    while (nslot < 2 * (a->n + 1))
        nslot *= 2;
    free(a->slot);
    a->slot = checked(calloc(nslot, sizeof *a->slot));
    a->nslot = nslot;
    for (size_t i = 0; i < a->n; i++)
        slot_put(a, i);
}

static void *checked(void *p)
{
    if (!p) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    return p;
}

static size_t append(archive *a, const char *sha256, unsigned long added,
                     char *report_id, char *source_file)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->reports = checked(realloc(a->reports, a->cap * sizeof *a->reports));
        a->removed = checked(realloc(a->removed, a->cap));
    }
    archive_report *r = &a->reports[a->n];
    memcpy(r->sha256, sha256, 65);
    r->added = added;
    r->report_id = report_id;
    r->source_file = source_file;
    a->removed[a->n] = 0;
    slot_grow(a);
    slot_put(a, a->n);
    return a->n++;
}

size_t archive_add(archive *a, const char *sha256, const char *source_file)
{
    long known = archive_find_sha(a, sha256);
    if (known >= 0)
        return (size_t)known;
    return append(a, sha256, a->next_added++, NULL,
                  checked(strdup(source_file)));
}

void archive_set_id(archive *a, size_t i, const char *report_id)
{
    if (i < a->n && !a->reports[i].report_id)
        a->reports[i].report_id = checked(strdup(report_id));
}

static int is_sha(const char *s, size_t len)
{
    return len == 64 && strspn(s, "0123456789abcdef") >= 64;
}

/* FIELD unescaped in place. */
static void unescape(char *field)
{
    char *out = field;
    for (const char *p = field; *p; p++) {
        if (*p == '\\' && (p[1] == '\\' || p[1] == 't' || p[1] == 'n')) {
            p++;
            *out++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : '\\';
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
}

/* Reads one line of the list.  Returns 0, or -1 when it does not read. */
static int read_line(archive *a, char *line)
{
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    char *tab3 = tab2 ? strchr(tab2 + 1, '\t') : NULL;
    if (!tab3 || strchr(tab3 + 1, '\t'))
        return -1;
    *tab1 = *tab2 = *tab3 = '\0';
    char *end;
    errno = 0;
    unsigned long added = strtoul(line, &end, 10);
    if (errno || *end || end == line || added == 0 || added >= a->next_added ||
        !is_sha(tab1 + 1, strlen(tab1 + 1)) || !tab2[1] ||
        archive_find_sha(a, tab1 + 1) >= 0 ||
        (a->n && added <= a->reports[a->n - 1].added))
        return -1;
    unescape(tab2 + 1);
    unescape(tab3 + 1);
    append(a, tab1 + 1, added, checked(strdup(tab2 + 1)),
           checked(strdup(tab3 + 1)));
    return 0;
}

int reports_load(archive *a, char **err)
{
    a->next_added = 1;
    unsigned char *data;
    size_t len;
    if (fs_read_file(a->state_fd, REPORTS_FILE, MAX_LIST_BYTES, &data, &len) != 0) {
        if (errno == ENOENT)
            return 0;         /* a new archive */
        *err = checked(malloc(256));
        snprintf(*err, 256, "%s/" ARCHIVE_FOLDER "/" REPORTS_FILE ": %s", a->dir,
                 errno == ELOOP ? "a link, not the archive's list" : strerror(errno));
        return -1;
    }
    char *text = checked(realloc(data, len + 1));
    text[len] = '\0';
    size_t line_no = 1;
    int ok = memchr(text, '\0', len) == NULL &&
             strncmp(text, MAGIC, strlen(MAGIC)) == 0;
    char *line = text, *nl = NULL;
    if (ok) {
        char *end;
        errno = 0;
        a->next_added = strtoul(text + strlen(MAGIC), &end, 10);
        ok = !errno && *end == '\n' && a->next_added >= 1;
        line = end + 1;
    }
    while (ok && *line) {
        line_no++;
        nl = strchr(line, '\n');
        if (!nl) {
            ok = 0;           /* cut short */
            break;
        }
        *nl = '\0';
        ok = read_line(a, line) == 0;
        line = nl + 1;
    }
    free(text);
    if (!ok) {
        *err = checked(malloc(256 + strlen(a->dir)));
        snprintf(*err, 256 + strlen(a->dir),
                 "%s/" ARCHIVE_FOLDER "/" REPORTS_FILE ": damaged at line %zu; "
                 "nothing was changed", a->dir, line_no);
        reports_free(a);
        return -1;
    }
    return 0;
}

/* Appends TEXT escaped to the growing buffer. */
typedef struct { char *p; size_t len, cap; } buffer;

static void put(buffer *b, const char *s, size_t n)
{
    if (b->cap - b->len < n + 1) {
        while (b->cap - b->len < n + 1)
            b->cap = b->cap ? 2 * b->cap : 4096;
        b->p = checked(realloc(b->p, b->cap));
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void put_escaped(buffer *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            put(b, "\\\\", 2);
        else if (*s == '\t')
            put(b, "\\t", 2);
        else if (*s == '\n')
            put(b, "\\n", 2);
        else
            put(b, s, 1);
    }
}

char *reports_text(const archive *a, size_t *len)
{
    buffer b = { 0 };
    char head[64];
    snprintf(head, sizeof head, MAGIC "%lu\n", a->next_added);
    put(&b, head, strlen(head));
    for (size_t i = 0; i < a->n; i++) {
        const archive_report *r = &a->reports[i];
        if (a->removed[i] || !r->report_id)
            continue;
        char num[32];
        snprintf(num, sizeof num, "%lu\t", r->added);
        put(&b, num, strlen(num));
        put(&b, r->sha256, 64);
        put(&b, "\t", 1);
        put_escaped(&b, r->report_id);
        put(&b, "\t", 1);
        put_escaped(&b, r->source_file);
        put(&b, "\n", 1);
    }
    *len = b.len;
    return b.p;
}

void reports_free(archive *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->reports[i].report_id);
        free(a->reports[i].source_file);
    }
    free(a->reports);
    free(a->removed);
    free(a->slot);
    a->reports = NULL;
    a->removed = NULL;
    a->slot = NULL;
    a->n = a->cap = a->nslot = 0;
}
