/*
 * Reading an input file once; see convert.h.
 *
 * The file is opened with O_NONBLOCK, so that a FIFO with no writer does
 * not block the open (the worker would sit there until its timeout, and
 * the user be told "timed out" instead of what is wrong), and is then
 * refused unless fstat says it is a regular file: a FIFO, a device (/dev/zero never ends), a
 * folder or a socket is no report.  No more than max-size + 1 bytes are
 * read whatever the file claims, so that a file growing while it is read
 * stays bounded too.  Once read, the file is examined again before the
 * bytes are hashed: when its size or times moved, what was read
 * may be half old and half new, and is refused rather than parsed and
 * filed under a digest no version of the file ever had.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "convert.h"
#include "input_seam.h"
#include "reasons.h"

#define MEGABYTE (1024ULL * 1024)

static void (*seam_after_read)(const char *path);

void convert_input_seam(void (*after_read)(const char *path))
{
    seam_after_read = after_read;
}

/* "file too large (12.3 MB > --max-size 10)": the size in tenths of a
 * megabyte, rounded up, so that the size shown is above the limit shown. */
static char *too_large(uint64_t bytes, long max_size_mb)
{
    uint64_t tenths = (bytes / MEGABYTE) * 10 +
                      ((bytes % MEGABYTE) * 10 + MEGABYTE - 1) / MEGABYTE;
    char size[48];
    snprintf(size, sizeof size, "%llu.%llu MB",
             (unsigned long long)(tenths / 10),
             (unsigned long long)(tenths % 10));
    return reason_over_limit("file too large", size, "max-size", max_size_mb);
}

static char *cannot_read(int err)
{
    return reason_join("cannot read file", strerror(err));
}

/* Reads FD to its end, or to WANT bytes, into a malloc'd buffer of
 * *LEN bytes sized for the SIZE bytes fstat announced.  Returns it, or
 * NULL with errno set (ENOMEM: no memory for it). */
static unsigned char *read_all(int fd, uint64_t size, uint64_t want,
                               size_t *len)
{
    /* One byte over what is announced: reading it, or the end of the
     * file, tells whether the file grew. */
    uint64_t first = size < want ? size + 1 : want;
    if (first > SIZE_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    size_t cap = (size_t)first, n = 0;
    unsigned char *data = malloc(cap ? cap : 1);
    if (!data)
        return NULL;
    for (;;) {
        if (n == cap) {
            if (cap >= want)
                break;
            size_t more = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            if (more > want)
                more = (size_t)want;
            unsigned char *grown = realloc(data, more);
            if (!grown) {
                free(data);
                errno = ENOMEM;
                return NULL;
            }
            data = grown;
            cap = more;
        }
        ssize_t got = read(fd, data + n, cap - n);
        if (got > 0) {
            n += (size_t)got;
        } else if (got == 0) {
            break;
        } else if (errno != EINTR) {
            int saved = errno;
            free(data);
            errno = saved;
            return NULL;
        }
    }
    *len = n;
    return data;
}

/* Fails with REASON (malloc'd, taken over); returns CODE. */
static int refuse(int fd, ddor_input *in, char **reason, char *why, int code)
{
    if (fd >= 0)
        close(fd);
    ddor_input_free(in);
    *reason = why;
    return code;
}

int ddor_input_read(const char *path, long max_size_mb, ddor_input *in,
                    char **reason)
{
    memset(in, 0, sizeof *in);
    *reason = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return refuse(fd, in, reason, cannot_read(errno), DDOR_INPUT_FAILED);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return refuse(fd, in, reason, cannot_read(errno), DDOR_INPUT_FAILED);
    if (!S_ISREG(st.st_mode))
        return refuse(fd, in, reason, reason_text("not a regular file"),
                      DDOR_INPUT_FAILED);
    /* Reads of a regular file wait for the disk as they always do: the
     * flag was for the open only, and a file system that honoured it
     * would fail a read with EAGAIN. */
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    emit_file_state opened = emit_file_state_of(&st);
    uint64_t limit = max_size_mb > 0 ? (uint64_t)max_size_mb * MEGABYTE : 0;
    if (limit && opened.size > limit)
        return refuse(fd, in, reason, too_large(opened.size, max_size_mb),
                      DDOR_INPUT_TOO_LARGE);

    in->data = read_all(fd, opened.size, limit ? limit + 1 : UINT64_MAX,
                        &in->len);
    if (!in->data)
        return errno == ENOMEM
                   ? refuse(fd, in, reason, NULL, DDOR_INPUT_NO_MEMORY)
                   : refuse(fd, in, reason, cannot_read(errno),
                            DDOR_INPUT_FAILED);
    if (seam_after_read)
        seam_after_read(path);
    if (fstat(fd, &st) != 0)
        return refuse(fd, in, reason, cannot_read(errno), DDOR_INPUT_FAILED);
    emit_file_state after = emit_file_state_of(&st);
    /* Grown past the limit while read: as large as what was seen. */
    if (limit && in->len > limit)
        return refuse(fd, in, reason,
                      too_large(after.size > in->len ? after.size : in->len,
                                max_size_mb),
                      DDOR_INPUT_TOO_LARGE);
    if (!emit_file_state_same(&opened, &after) || in->len != opened.size)
        return refuse(fd, in, reason, reason_text("changed while being read"),
                      DDOR_INPUT_FAILED);
    close(fd);

    /* GLib's SHA-256, which comes with Poppler's GLib interface. */
    gchar *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, in->data,
                                             in->len);
    g_strlcpy(in->sha256, sum, sizeof in->sha256);
    g_free(sum);
    in->path = path;
    in->file = opened;
    return DDOR_INPUT_OK;
}

void ddor_input_free(ddor_input *in)
{
    free(in->data);
    memset(in, 0, sizeof *in);
}
