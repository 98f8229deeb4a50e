/*
 * The cache of an output folder; see cache.h.
 *
 * An entry is the file DIR/.ddor2csv-cache/<sha256>:
 *
 *     ddor2csv cache\n
 *     <stamp>\n
 *     <encoded result, result_codec.h>
 *
 * Entries are written to a temporary name and renamed, like the datasets,
 * but not synced to the disk: an entry lost or torn by a system crash is
 * refused when read and the input is parsed again, which costs time, never
 * correctness.
 */
#define _GNU_SOURCE           /* dl_iterate_phdr */
#include <dirent.h>
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cache.h"
#include "diag.h"
#include "digest_index.h"
#include "file_digest.h"
#include "result_codec.h"

#define CACHE_MAGIC "ddor2csv cache\n"
#define DIGEST_INDEX "files"    /* the inputs' digests, digest_index.h */

struct cache {
    char *dir;                /* DIR/.ddor2csv-cache */
    char *stamp;              /* "VERSION EXE-SHA256" */
    char (*used)[65];         /* entries this run loaded or stored */
    size_t nused, capused;
    digest_index *files;      /* the inputs' digests by their stat */
};

static char *format(const char *fmt, const char *a, const char *b)
{
    size_t size = strlen(fmt) + strlen(a) + strlen(b) + 1;
    char *s = malloc(size);
    if (!s)
        diag_out_of_memory();
    snprintf(s, size, fmt, a, b);
    return s;
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
 * build ID is part of it; without one, a digest of the executable (a few
 * milliseconds), and where even that cannot be read, the version alone. */
static char *program_stamp(void)
{
    char exe[65] = "";
    struct build_id id = { exe, sizeof exe, 0 };
    dl_iterate_phdr(find_build_id, &id);
    if (!id.found && file_sha256("/proc/self/exe", exe) != 0)
        snprintf(exe, sizeof exe, "unknown");
    return format("%s %s", DDOR_VERSION, exe);
}

cache *cache_open(const char *dir)
{
    cache *c = calloc(1, sizeof *c);
    if (!c)
        diag_out_of_memory();
    c->dir = format("%s/%s", dir, CACHE_FOLDER);
    c->stamp = program_stamp();
    char *index = format("%s/%s", c->dir, DIGEST_INDEX);
    c->files = digest_index_load(index);
    free(index);
    return c;
}

int cache_digest(cache *c, const char *path, char hex[65])
{
    return digest_index_file(c->files, path, hex);
}

static int is_key(const char *name)
{
    if (strlen(name) != 64)
        return 0;
    return strspn(name, "0123456789abcdef") == 64;
}

static void mark_used(cache *c, const char *sha256)
{
    if (c->nused == c->capused) {
        size_t cap = c->capused ? c->capused * 2 : 64;
        char (*used)[65] = realloc(c->used, cap * sizeof *used);
        if (!used)
            diag_out_of_memory();
        c->used = used;
        c->capused = cap;
    }
    memcpy(c->used[c->nused++], sha256, 65);
}

/* The whole file at PATH, malloc'd; NULL when it cannot be read. */
static unsigned char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *data = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        (data = malloc((size_t)st.st_size + 1)) != NULL) {
        *len = fread(data, 1, (size_t)st.st_size + 1, f);
        /* A file that changed size while read is not trusted. */
        if (*len != (size_t)st.st_size || ferror(f)) {
            free(data);
            data = NULL;
        }
    }
    fclose(f);
    return data;
}

int cache_load(cache *c, const char *sha256, emit_source *src)
{
    memset(src, 0, sizeof *src);
    if (!is_key(sha256))
        return -1;
    char *path = format("%s/%s", c->dir, sha256);
    size_t len = 0;
    unsigned char *data = read_whole(path, &len);
    free(path);
    if (!data)
        return -1;

    size_t magic = strlen(CACHE_MAGIC), stamp = strlen(c->stamp);
    int hit = len > magic + stamp + 1 &&
              memcmp(data, CACHE_MAGIC, magic) == 0 &&
              memcmp(data + magic, c->stamp, stamp) == 0 &&
              data[magic + stamp] == '\n';
    size_t head = magic + stamp + 1;
    if (hit && codec_decode(data + head, len - head, src) != 0)
        hit = 0;
    /* An entry filed under another digest is not this input's.  (An
     * input that is no PDF has no digest of its own in its result.) */
    if (hit && src->sha256[0] && strcmp(src->sha256, sha256) != 0) {
        emit_source_clear(src);
        memset(src, 0, sizeof *src);
        hit = 0;
    }
    free(data);
    if (!hit)
        return -1;
    mark_used(c, sha256);
    return 0;
}

static int write_all(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

int cache_store(cache *c, const char *sha256, const unsigned char *bytes,
                size_t len, char **err)
{
    *err = NULL;
    if (!is_key(sha256))
        return 0;             /* an unreadable input has no entry */
    if (mkdir(c->dir, 0777) != 0 && errno != EEXIST) {
        *err = format("%s: %s", c->dir, strerror(errno));
        return -1;
    }
    char *path = format("%s/%s", c->dir, sha256);
    char *tmp = format("%s/.%s.XXXXXX", c->dir, sha256);
    int fd = mkstemp(tmp);
    /* mkstemp makes the file private; an entry is as readable as the
     * datasets beside it. */
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    int ok = f && write_all(f, CACHE_MAGIC, strlen(CACHE_MAGIC)) == 0 &&
             write_all(f, c->stamp, strlen(c->stamp)) == 0 &&
             write_all(f, "\n", 1) == 0 && write_all(f, bytes, len) == 0;
    if (f) {
        if (fclose(f) != 0)
            ok = 0;
    } else if (fd >= 0) {
        close(fd);
    }
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        *err = format("%s: %s", c->dir, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
    } else {
        mark_used(c, sha256);
    }
    free(tmp);
    free(path);
    return ok ? 0 : -1;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

void cache_prune(cache *c)
{
    DIR *d = opendir(c->dir);
    if (!d)
        return;
    /* qsort and bsearch want an array even when it is empty. */
    if (c->nused)
        qsort(c->used, c->nused, sizeof *c->used, compare_keys);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        /* Besides unused entries, temporary files left by a run that was
         * killed go. */
        if (is_key(name) && c->nused &&
            bsearch(name, c->used, c->nused, sizeof *c->used, compare_keys))
            continue;
        if (!is_key(name) && name[0] != '.')
            continue;         /* the index, or not ours: left alone */
        char *path = format("%s/%s", c->dir, name);
        (void)unlink(path);
        free(path);
    }
    closedir(d);
    /* Best effort: without the index, the next run reads every input. */
    char *index = format("%s/%s", c->dir, DIGEST_INDEX);
    (void)digest_index_save(c->files, index);
    free(index);
}

void cache_close(cache *c)
{
    if (!c)
        return;
    free(c->dir);
    free(c->stamp);
    free(c->used);
    digest_index_free(c->files);
    free(c);
}
