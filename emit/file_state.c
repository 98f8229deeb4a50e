/* A file's identity and times, as ddor_input_read records them; see
 * emit_file_state in emit/emit.h for why these fields. */
#include <string.h>
#include <sys/stat.h>
#include "emit.h"

emit_file_state emit_file_state_of(const struct stat *st)
{
    emit_file_state f;
    memset(&f, 0, sizeof f);
    f.dev = (uint64_t)st->st_dev;
    f.ino = (uint64_t)st->st_ino;
    f.size = (uint64_t)st->st_size;
    f.mtime_s = st->st_mtim.tv_sec;
    f.mtime_ns = st->st_mtim.tv_nsec;
    f.ctime_s = st->st_ctim.tv_sec;
    f.ctime_ns = st->st_ctim.tv_nsec;
    return f;
}

int emit_file_state_same(const emit_file_state *a, const emit_file_state *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
           a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}
