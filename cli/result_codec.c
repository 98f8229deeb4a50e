/*
 * The byte format of a converted input; see result_codec.h.
 *
 * Numbers are LEB128 varints (signed ones zigzag-encoded, since -1 means
 * "not stated"), strings a varint length then the bytes.  A leading magic
 * number catches a buffer that is not ours at all.  Records are written
 * field by field in the order of their structs, so that adding a field is
 * a change in one place of each direction.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "result_codec.h"

#define CODEC_MAGIC 0x44444f52u   /* "DDOR" */
/* The layout's version, after the magic: raised with every change of the
 * fields, so that bytes of another layout are refused whole rather than
 * read field by field into the wrong places.  2: the file's state. */
#define CODEC_VERSION 3

/* ---- Writing ---------------------------------------------------------- */

static int put_bytes(codec_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n) {
            if (cap > SIZE_MAX / 2)
                return -1;
            cap *= 2;
        }
        unsigned char *data = realloc(b->data, cap);
        if (!data)
            return -1;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

static int put_uint(codec_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        unsigned char byte = v & 0x7f;
        v >>= 7;
        tmp[n++] = byte | (v ? 0x80 : 0);
    } while (v);
    return put_bytes(b, tmp, n);
}

static int put_int(codec_buf *b, int64_t v)
{
    uint64_t u = (uint64_t)v;
    return put_uint(b, (u << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

static int put_str(codec_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return put_uint(b, n) || put_bytes(b, s, n) ? -1 : 0;
}

/* Each of these returns nonzero when any write failed. */
static int put_declined(codec_buf *b, const ddor_declined *d)
{
    return put_int(b, d->page) | put_str(b, d->state) |
           put_str(b, d->state_raw) | put_str(b, d->county) |
           put_str(b, d->facility) | put_str(b, d->citizenship) |
           put_str(b, d->country_code) | put_str(b, d->issued) |
           put_str(b, d->declined) | put_str(b, d->issued_raw) |
           put_str(b, d->declined_raw) | put_str(b, d->crime) |
           put_str(b, d->crime_status);
}

static int put_top(codec_buf *b, const ddor_top *t)
{
    return put_int(b, t->page) | put_int(b, t->rank) | put_str(b, t->state) |
           put_str(b, t->state_raw) | put_str(b, t->county) |
           put_int(b, t->detainers);
}

static int put_policy(codec_buf *b, const ddor_policy *q)
{
    return put_int(b, q->page) | put_str(b, q->state) |
           put_str(b, q->state_raw) | put_str(b, q->jurisdiction) |
           put_str(b, q->policy);
}

static int put_unparsed(codec_buf *b, const ddor_unparsed *u)
{
    return put_int(b, u->page) | put_str(b, u->text) | put_str(b, u->why);
}

/* A heading not found is one byte: 0. */
static int put_heading(codec_buf *b, const ddor_heading *h)
{
    if (!h->text)
        return put_uint(b, 0);
    return put_uint(b, 1) | put_int(b, h->page) | put_str(b, h->text) |
           put_int(b, h->lines);
}

static int put_report(codec_buf *b, const ddor_report *r)
{
    int bad = put_int(b, r->pages) | put_int(b, r->words) |
              put_uint(b, r->is_ddor != 0) | put_uint(b, r->sections) |
              put_uint(b, r->tables) | put_str(b, r->period_start) |
              put_str(b, r->period_end) | put_int(b, r->detainers_issued) |
              put_int(b, r->declined_stated);
    bad |= put_uint(b, r->ndeclined);
    for (size_t i = 0; i < r->ndeclined && !bad; i++)
        bad |= put_declined(b, &r->declined[i]);
    bad |= put_uint(b, r->ntop);
    for (size_t i = 0; i < r->ntop && !bad; i++)
        bad |= put_top(b, &r->top[i]);
    bad |= put_uint(b, r->npolicies);
    for (size_t i = 0; i < r->npolicies && !bad; i++)
        bad |= put_policy(b, &r->policies[i]);
    bad |= put_uint(b, r->nunparsed);
    for (size_t i = 0; i < r->nunparsed && !bad; i++)
        bad |= put_unparsed(b, &r->unparsed[i]);
    for (int i = 0; i < DDOR_NSECTIONS && !bad; i++)
        bad |= put_heading(b, &r->headings[i]);
    return bad;
}

static int put_file(codec_buf *b, const emit_file_state *f)
{
    return put_uint(b, f->dev) | put_uint(b, f->ino) | put_uint(b, f->size) |
           put_int(b, f->mtime_s) | put_int(b, f->mtime_ns) |
           put_int(b, f->ctime_s) | put_int(b, f->ctime_ns);
}

static const char *const statuses[] = { "ok", "warning", "error" };
enum { NSTATUSES = sizeof statuses / sizeof statuses[0] };

int codec_encode(codec_buf *b, const emit_source *src)
{
    uint64_t status = NSTATUSES;
    for (uint64_t i = 0; i < NSTATUSES; i++)
        if (src->status && strcmp(src->status, statuses[i]) == 0)
            status = i;
    if (status == NSTATUSES)
        return -1;
    int bad = put_uint(b, CODEC_MAGIC) | put_uint(b, CODEC_VERSION) |
              put_str(b, src->sha256) | put_file(b, &src->file) |
              put_str(b, src->pdf_date) |
              put_int(b, src->pages) | put_uint(b, status) |
              put_str(b, src->message) | put_uint(b, src->over_limit != 0) |
              put_uint(b, src->reused != 0) |
              put_uint(b, src->report != NULL);
    if (!bad && src->report)
        bad = put_report(b, src->report);
    return bad ? -1 : 0;
}

void codec_buf_free(codec_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ---- Reading ---------------------------------------------------------- */

typedef struct {
    const unsigned char *p, *end;
    int bad;                  /* sticky: once set, every read fails */
} reader;

static uint64_t get_uint(reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; !r->bad; shift += 7) {
        if (r->p == r->end || shift > 63) {
            r->bad = 1;
            break;
        }
        unsigned char byte = *r->p++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
    return 0;
}

static int64_t get_int(reader *r)
{
    uint64_t u = get_uint(r);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* An int field: refused when out of the range of int. */
static int get_small(reader *r)
{
    int64_t v = get_int(r);
    if (v < INT32_MIN || v > INT32_MAX) {
        r->bad = 1;
        return 0;
    }
    return (int)v;
}

/* A malloc'd string, never NULL on success ("" when empty); NULL once the
 * reader has failed.  A string holding a NUL byte is refused: every string
 * of a report is C text. */
static char *get_str(reader *r)
{
    uint64_t n = get_uint(r);
    if (r->bad || n > (uint64_t)(r->end - r->p) ||
        memchr(r->p, '\0', (size_t)n)) {
        r->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        r->bad = 1;
        return NULL;
    }
    memcpy(s, r->p, (size_t)n);
    s[n] = '\0';
    r->p += n;
    return s;
}

/* A string into a fixed buffer of SIZE bytes (the report's dates). */
static void get_fixed(reader *r, char *dst, size_t size)
{
    char *s = get_str(r);
    if (s && strlen(s) < size)
        memcpy(dst, s, strlen(s) + 1);
    else
        r->bad = 1;
    free(s);
}

/* A record count into *WANT, and its zeroed array.  Each record takes at
 * least one byte, so a count larger than the bytes left is a lie: refusing
 * it keeps a corrupted count from asking for gigabytes. */
static void *get_array(reader *r, size_t *want, size_t elem)
{
    uint64_t n = get_uint(r);
    *want = 0;
    if (r->bad || n > (uint64_t)(r->end - r->p)) {
        r->bad = 1;
        return NULL;
    }
    void *a = calloc(n ? (size_t)n : 1, elem);
    if (!a) {
        r->bad = 1;
        return NULL;
    }
    *want = (size_t)n;
    return a;
}

static void get_declined(reader *r, ddor_declined *d)
{
    d->page = get_small(r);
    d->state = get_str(r);        d->state_raw = get_str(r);
    d->county = get_str(r);       d->facility = get_str(r);
    d->citizenship = get_str(r);  d->country_code = get_str(r);
    d->issued = get_str(r);       d->declined = get_str(r);
    d->issued_raw = get_str(r);   d->declined_raw = get_str(r);
    d->crime = get_str(r);        d->crime_status = get_str(r);
}

static void get_top(reader *r, ddor_top *t)
{
    t->page = get_small(r);
    t->rank = get_int(r);
    t->state = get_str(r);
    t->state_raw = get_str(r);
    t->county = get_str(r);
    t->detainers = get_int(r);
}

static void get_policy(reader *r, ddor_policy *q)
{
    q->page = get_small(r);
    q->state = get_str(r);
    q->state_raw = get_str(r);
    q->jurisdiction = get_str(r);
    q->policy = get_str(r);
}

static void get_unparsed(reader *r, ddor_unparsed *u)
{
    u->page = get_small(r);
    u->text = get_str(r);
    u->why = get_str(r);
}

static void get_heading(reader *r, ddor_heading *h)
{
    if (!get_uint(r))
        return;
    h->page = get_small(r);
    h->text = get_str(r);
    h->lines = get_int(r);
}

/* Reads the records of one kind.  The count is raised before each record
 * is read: the array is zeroed, so a record that fails half-way holds
 * only strings or NULLs, and ddor_report_free frees exactly what exists. */
#define GET_RECORDS(r, array, count, get)                                  \
    do {                                                                   \
        size_t want_;                                                      \
        (array) = get_array((r), &want_, sizeof *(array));                 \
        for (size_t i_ = 0; i_ < want_ && !(r)->bad; i_++) {               \
            (count) = i_ + 1;                                              \
            get((r), &(array)[i_]);                                        \
        }                                                                  \
    } while (0)

static ddor_report *get_report(reader *r)
{
    ddor_report *rep = calloc(1, sizeof *rep);
    if (!rep) {
        r->bad = 1;
        return NULL;
    }
    rep->pages = get_small(r);
    rep->words = get_small(r);
    rep->is_ddor = get_uint(r) != 0;
    rep->sections = (unsigned)get_uint(r);
    rep->tables = (unsigned)get_uint(r);
    get_fixed(r, rep->period_start, sizeof rep->period_start);
    get_fixed(r, rep->period_end, sizeof rep->period_end);
    rep->detainers_issued = get_int(r);
    rep->declined_stated = get_int(r);
    GET_RECORDS(r, rep->declined, rep->ndeclined, get_declined);
    GET_RECORDS(r, rep->top, rep->ntop, get_top);
    GET_RECORDS(r, rep->policies, rep->npolicies, get_policy);
    GET_RECORDS(r, rep->unparsed, rep->nunparsed, get_unparsed);
    for (int i = 0; i < DDOR_NSECTIONS && !r->bad; i++)
        get_heading(r, &rep->headings[i]);
    return rep;
}

static void get_file(reader *r, emit_file_state *f)
{
    f->dev = get_uint(r);
    f->ino = get_uint(r);
    f->size = get_uint(r);
    f->mtime_s = get_int(r);
    f->mtime_ns = get_int(r);
    f->ctime_s = get_int(r);
    f->ctime_ns = get_int(r);
}

int codec_decode(const unsigned char *data, size_t len, emit_source *src)
{
    memset(src, 0, sizeof *src);
    reader r = { data, data + len, 0 };
    if (get_uint(&r) != CODEC_MAGIC || get_uint(&r) != CODEC_VERSION)
        r.bad = 1;
    get_fixed(&r, src->sha256, sizeof src->sha256);
    get_file(&r, &src->file);
    get_fixed(&r, src->pdf_date, sizeof src->pdf_date);
    src->pages = get_small(&r);
    uint64_t status = get_uint(&r);
    if (status >= NSTATUSES)
        r.bad = 1;
    else
        src->status = statuses[status];
    src->message = get_str(&r);
    src->over_limit = get_uint(&r) != 0;
    src->reused = get_uint(&r) != 0;
    if (get_uint(&r) && !r.bad)
        src->report = get_report(&r);
    /* Trailing bytes mean the buffer is not what was written. */
    if (!r.bad && r.p != r.end)
        r.bad = 1;
    if (r.bad) {
        emit_source_clear(src);
        memset(src, 0, sizeof *src);
        return -1;
    }
    return 0;
}
