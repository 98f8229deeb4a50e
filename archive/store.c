/*
 * What the archive keeps of each report, in its own folder: a copy of the
 * PDF (<sha256>.pdf) and what this build of the program read from it
 * (<sha256>.result), both named by the digest of the PDF's bytes.
 *
 * A result is the converted report as bytes (result_codec.h), stamped
 * with the identity of the program that wrote it (its version and a
 * digest of its executable), so an upgraded or rebuilt program never
 * reuses what an older one read: it reads the kept PDF again instead.  A
 * result that is missing, stamped by another build, or damaged is simply
 * not there; a copy is checked against its digest by whoever reads it.
 *
 *     ddor2csv cache\n
 *     <stamp>\n
 *     <encoded result>
 *
 * Files are written to a temporary name and renamed, and not synced: a
 * file lost or torn by a system crash is refused when read, which costs
 * time, never correctness.  A run that does not land removes what it
 * wrote (a disk filled by a failed run would make the next one fail too).
 */
#define _GNU_SOURCE           /* dl_iterate_phdr */
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include "internal.h"

#define CACHE_MAGIC "ddor2csv cache\n"
/* No result is larger than this; a bigger file is not one of ours. */
#define MAX_RESULT_BYTES (1u << 30)

static void *checked(void *p)
{
    if (!p) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    return p;
}

/* The GNU build ID of the running program, as hex into HEX: a digest of
 * the executable that the linker writes into it (Debian's toolchain always
 * does), so reading it costs nothing.  Returns 0, or -1 when there is
 * none. */
struct build_id { char *hex; size_t size; int found; };

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct build_id *id = data;
    /* The first object listed is the program itself. */
    for (int i = 0; i < info->dlpi_phnum && !id->found; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
            const unsigned char *name = p + sizeof *note;
            const unsigned char *desc = name + ((note->n_namesz + 3) & ~3u);
            const unsigned char *next = desc + ((note->n_descsz + 3) & ~3u);
            if (next > end)
                break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                memcmp(name, "GNU", 4) == 0 && note->n_descsz > 0 &&
                note->n_descsz * 2 < id->size) {
                for (unsigned k = 0; k < note->n_descsz; k++)
                    snprintf(id->hex + 2 * k, 3, "%02x", desc[k]);
                id->found = 1;
                break;
            }
            p = next;
        }
    }
    return 1;                 /* only the program, not its libraries */
}

/* The program's identity.  The version alone would let a build from a
 * newer source with the same version number reuse an older parse, so the
 * build ID is part of it; without one, a digest of the executable, and
 * where even that cannot be read, the version alone. */
char *store_stamp(void)
{
    char exe[65] = "";
    struct build_id id = { exe, sizeof exe, 0 };
    dl_iterate_phdr(find_build_id, &id);
    if (!id.found) {
        GMappedFile *f = g_mapped_file_new("/proc/self/exe", FALSE, NULL);
        gchar *sum = f ? g_compute_checksum_for_data(
                             G_CHECKSUM_SHA256,
                             (const guchar *)g_mapped_file_get_contents(f),
                             g_mapped_file_get_length(f)) : NULL;
        snprintf(exe, sizeof exe, "%s", sum ? sum : "unknown");
        g_free(sum);
        if (f)
            g_mapped_file_unref(f);
    }
    size_t size = strlen(DDOR_VERSION) + 1 + strlen(exe) + 1;
    char *stamp = checked(malloc(size));
    snprintf(stamp, size, "%s %s", DDOR_VERSION, exe);
    return stamp;
}

static int is_sha(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* "<sha256><suffix>" into NAME. */
static void entry_name(char name[80], const char *sha256, const char *suffix)
{
    snprintf(name, 80, "%.64s%s", sha256, suffix);
}

int archive_result_read(archive *a, const char *sha256, unsigned char **data,
                        size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!is_sha(sha256))
        return -1;
    char name[80];
    entry_name(name, sha256, RESULT_SUFFIX);
    unsigned char *file;
    size_t size;
    if (fs_read_file(a->state_fd, name, MAX_RESULT_BYTES, &file, &size) != 0)
        return -1;
    size_t magic = strlen(CACHE_MAGIC), stamp = strlen(a->stamp);
    if (size <= magic + stamp + 1 || memcmp(file, CACHE_MAGIC, magic) != 0 ||
        memcmp(file + magic, a->stamp, stamp) != 0 || file[magic + stamp] != '\n') {
        free(file);
        return -1;
    }
    size_t head = magic + stamp + 1;
    memmove(file, file + head, size - head);
    *data = file;
    *len = size - head;
    return 0;
}

int archive_result_write(archive *a, const char *sha256,
                         const unsigned char *data, size_t len, char **err)
{
    *err = NULL;
    if (!is_sha(sha256))
        return 0;             /* bytes that could not be read: nothing to keep */
    size_t magic = strlen(CACHE_MAGIC), stamp = strlen(a->stamp);
    unsigned char *file = checked(malloc(magic + stamp + 1 + len));
    memcpy(file, CACHE_MAGIC, magic);
    memcpy(file + magic, a->stamp, stamp);
    file[magic + stamp] = '\n';
    memcpy(file + magic + stamp + 1, data, len);
    char name[80];
    entry_name(name, sha256, RESULT_SUFFIX);
    int rc = fs_write_file(a->state_fd, name, file, magic + stamp + 1 + len, 0);
    free(file);
    if (rc != 0) {
        size_t size = strlen(a->dir) + 128;
        *err = checked(malloc(size));
        snprintf(*err, size, "%s/" ARCHIVE_FOLDER ": %s", a->dir, strerror(errno));
    }
    return rc;
}

int archive_pdf_keep(const archive *a, const char *sha256,
                     const unsigned char *data, size_t len)
{
    if (!is_sha(sha256)) {
        errno = EINVAL;
        return -1;
    }
    char name[80];
    entry_name(name, sha256, PDF_SUFFIX);
    /* A copy already kept is rewritten unless it holds these very bytes:
     * a damaged one is mended by adding its PDF again. */
    unsigned char *kept;
    size_t kept_len;
    if (fs_read_file(a->state_fd, name, len, &kept, &kept_len) == 0) {
        int same = kept_len == len && memcmp(kept, data, len) == 0;
        free(kept);
        if (same)
            return 0;
    }
    /* Synced: unlike a result, a copy cannot be made again once the
     * input is gone. */
    return fs_write_file(a->state_fd, name, data, len, 1);
}

char *archive_pdf_path(const archive *a, const char *sha256)
{
    size_t size = strlen(a->real_dir) + sizeof ARCHIVE_FOLDER + 80;
    char *path = checked(malloc(size));
    snprintf(path, size, "%s/" ARCHIVE_FOLDER "/%.64s" PDF_SUFFIX, a->real_dir,
             sha256);
    return path;
}

/* Is NAME "<sha256><suffix>" for one of the two suffixes?  Its digest
 * into SHA. */
static int store_entry(const char *name, char sha[65])
{
    size_t len = strlen(name);
    if (len != 64 + strlen(PDF_SUFFIX) && len != 64 + strlen(RESULT_SUFFIX))
        return 0;
    if (strcmp(name + 64, PDF_SUFFIX) != 0 && strcmp(name + 64, RESULT_SUFFIX) != 0)
        return 0;
    memcpy(sha, name, 64);
    sha[64] = '\0';
    return is_sha(sha);
}

void store_clean_temp(archive *a)
{
    for (size_t i = 0; i < a->before.n; i++)
        if (strncmp(a->before.names[i], TEMP_PREFIX, strlen(TEMP_PREFIX)) == 0)
            (void)fs_remove_ours(a->state_fd, a->before.names[i]);
}

void store_roll_back(archive *a)
{
    /* Under the lock no one else writes here: what was not here when the
     * run began, this run wrote, in the parent or in a worker (which
     * keeps the PDF copies, and may have died before saying so). */
    name_set now;
    if (fs_list(a->state_fd, &now) != 0)
        return;
    for (size_t i = 0; i < now.n; i++) {
        char sha[65];
        if (store_entry(now.names[i], sha) && !name_set_has(&a->before, now.names[i]))
            (void)fs_remove_ours(a->state_fd, now.names[i]);
    }
    name_set_free(&now);
}

void store_prune(archive *a)
{
    name_set now;
    if (fs_list(a->state_fd, &now) != 0)
        return;
    for (size_t i = 0; i < now.n; i++) {
        char sha[65];
        if (store_entry(now.names[i], sha) && archive_find_sha(a, sha) < 0)
            (void)fs_remove_ours(a->state_fd, now.names[i]);
    }
    name_set_free(&now);
}
