/*
 * A converted input as bytes, and back.
 *
 * Every input is converted in a child process (see workers.h), which hands
 * its result to the parent through a pipe; the same bytes are what the
 * cache keeps in the output folder (see cache.h).  The format is private
 * to one build of the program: the cache stamps its entries with the
 * program's identity, so bytes are never read by another version.  Still,
 * the decoder trusts nothing: a truncated or corrupted buffer is refused,
 * never read past its end, and never makes it allocate more than the
 * buffer could describe.
 */
#ifndef DDOR_CLI_RESULT_CODEC_H
#define DDOR_CLI_RESULT_CODEC_H

#include <stddef.h>
#include "../emit/emit.h"

typedef struct {
    unsigned char *data;      /* malloc'd */
    size_t len, cap;
} codec_buf;

/* Appends the encoding of SRC (sha256, the file's state, pages, status,
 * message and the parsed report, not source_file or report_id) to BUF.  Returns 0, or -1
 * when out of memory. */
int codec_encode(codec_buf *buf, const emit_source *src);

/* Fills *SRC (from scratch; source_file is left NULL) from the LEN bytes
 * at DATA, which must hold exactly one encoding.  Returns 0, or -1 when
 * the bytes are not a valid encoding or memory ran out; *SRC is then
 * empty. */
int codec_decode(const unsigned char *data, size_t len, emit_source *src);

void codec_buf_free(codec_buf *buf);

#endif
