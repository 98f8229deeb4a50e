/* SHA-256 of a file with GLib's GChecksum (GLib comes with Poppler's
 * GLib interface, and extract computes a report's digest the same way). */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>
#include "file_digest.h"

int file_sha256(const char *path, char hex[65])
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char block[1 << 16];
    ssize_t got;
    for (;;) {
        got = read(fd, block, sizeof block);
        if (got > 0)
            g_checksum_update(sum, block, (gssize)got);
        else if (!(got < 0 && errno == EINTR))
            break;
    }
    int saved = errno;
    close(fd);
    if (got < 0) {
        g_checksum_free(sum);
        errno = saved;
        return -1;
    }
    memcpy(hex, g_checksum_get_string(sum), 64);
    hex[64] = '\0';
    g_checksum_free(sum);
    return 0;
}
