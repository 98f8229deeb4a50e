/*
 * The cells of a dataset as JSON Lines: each row one JSON object on one
 * line, its keys the names of the CSV header, in the same order.
 *
 * The values are the CSV's without its spreadsheet conventions: an empty
 * (unknown) cell is null, a numeric cell a JSON number, and text is the
 * value itself, without the apostrophe that guards CSV cells against
 * formula evaluation.  JSON is read by programs, which evaluate nothing;
 * a guard there would only alter the data (a county "-" would read "'-").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "csv_writer.h"
#include "json_text.h"

static void put_json(void *ctx, const char *bytes, size_t len)
{
    csvw_put(ctx, bytes, len);
}

/* Opens the object or separates members, then writes the key of the
 * current cell.  Returns 0, or -1 when the row has more cells than the
 * header has names (a writer's mistake: the output would be wrong). */
static int begin_member(csv_writer *w)
{
    if (w->fields >= w->nkeys) {
        csvw_fail(w, EINVAL);
        return -1;
    }
    csvw_put(w, w->fields == 0 ? "{" : ",", 1);
    json_string(put_json, w, w->keys[w->fields]);
    csvw_put(w, ":", 1);
    w->fields++;
    return 0;
}

void jsonl_text(csv_writer *w, const char *s)
{
    if (w->err || begin_member(w) != 0)
        return;
    if (!s || !s[0])
        csvw_put(w, "null", 4);
    else
        json_string(put_json, w, s);
}

void jsonl_long(csv_writer *w, long v)
{
    if (w->err || begin_member(w) != 0)
        return;
    char buf[32];
    int len = v < 0 ? snprintf(buf, sizeof buf, "null")
                    : snprintf(buf, sizeof buf, "%ld", v);
    csvw_put(w, buf, (size_t)len);
}

void jsonl_row_end(csv_writer *w)
{
    if (w->fields != w->nkeys)
        csvw_fail(w, EINVAL);
    csvw_put(w, "}\n", 2);
    w->fields = 0;
}

void jsonl_header(csv_writer *w, const char *const *names)
{
    w->keys = names;
    w->nkeys = 0;
    while (names[w->nkeys])
        w->nkeys++;
    w->fields = 0;
}
