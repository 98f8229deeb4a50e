/*
 * Report ids as folder names; see id_name.h.  An id is one path component
 * under --explain DIR, so a file name must not take the id out of DIR
 * ("..", a '/'), hide it (a leading '.'), take the place of index.html,
 * or carry bytes a file system or a terminal would choke on.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emit.h"
#include "id_name.h"
#include "utf8_clean.h"

/* The name of the page --explain writes beside the report folders. */
#define INDEX_PAGE "index.html"

size_t id_cut(const char *id, size_t max)
{
    size_t len = strlen(id);
    if (len <= max)
        return len;
    /* Back from the cut to the first byte of a character: UTF-8
     * continuation bytes are 10xxxxxx. */
    while (max > 0 && ((unsigned char)id[max] & 0xC0) == 0x80)
        max--;
    return max;
}

int emit_report_id_is_safe(const char *id)
{
    if (!id || !id[0] || id[0] == '.' || strlen(id) > EMIT_REPORT_ID_MAX ||
        !utf8_is_valid(id) || strcasecmp(id, INDEX_PAGE) == 0)
        return 0;
    for (const char *s = id; *s; s += utf8_sequence_length(s))
        if (*s == '/' || utf8_control_length(s))
            return 0;
    return 1;
}

char *id_from_text(const char *text, size_t len)
{
    char *part = strndup(text, len);
    char *clean = part ? utf8_clean(part) : NULL;
    free(part);
    if (!clean)
        return NULL;
    /* One byte of room for the '_' before a leading '.', one for the one
     * after "index.html", and the "report" of an empty id. */
    char *id = malloc(strlen(clean) + sizeof "report" + 2);
    if (!id) {
        free(clean);
        return NULL;
    }
    char *o = id;
    if (clean[0] == '.')
        *o++ = '_';
    for (const char *s = clean; *s; ) {
        size_t control = utf8_control_length(s);
        if (control || *s == '/') {
            *o++ = '_';
            s += control ? control : 1;
            continue;
        }
        size_t n = utf8_sequence_length(s);
        memcpy(o, s, n);
        o += n;
        s += n;
    }
    *o = '\0';
    free(clean);
    id[id_cut(id, EMIT_REPORT_ID_MAX)] = '\0';
    if (!id[0])
        strcpy(id, "report");
    else if (strcasecmp(id, INDEX_PAGE) == 0)
        strcat(id, "_");
    return id;
}

char *id_from_file_name(const char *path)
{
    path = path ? path : "";
    /* The last component that is not empty: "dir/sub/" names "sub". */
    size_t end = strlen(path);
    while (end > 0 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t len = end - start;
    if (len > 4 && strncasecmp(path + start + len - 4, ".pdf", 4) == 0)
        len -= 4;
    return id_from_text(path + start, len);
}
