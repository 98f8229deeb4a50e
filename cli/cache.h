/*
 * The cache of an output folder: the conversion of every input of the last
 * run, keyed by the SHA-256 of the input's bytes, so that re-running over
 * an archive that gained one report parses only that one.
 *
 * It lives in DIR/.ddor2csv-cache/, one file per input.  Each entry is
 * stamped with the identity of the program that wrote it (its version and
 * a digest of its executable), so an upgraded or rebuilt program never
 * reuses what an older one parsed.  An entry that is missing, stamped by
 * another program, or damaged is simply a miss; nothing the cache holds
 * can make a run fail.
 */
#ifndef DDOR_CLI_CACHE_H
#define DDOR_CLI_CACHE_H

#include <stddef.h>
#include "../emit/emit.h"

/* The cache's subfolder of the output folder. */
#define CACHE_FOLDER ".ddor2csv-cache"

typedef struct cache cache;

/* The cache of output folder DIR (nothing is created until an entry is
 * stored).  Never returns NULL (exits when out of memory). */
cache *cache_open(const char *dir);

/* Fills *SRC from the entry for SHA256 (its source_file left NULL) and
 * marks the entry as used by this run.  Returns 0 on a hit, -1 on a
 * miss. */
int cache_load(cache *c, const char *sha256, emit_source *src);

/* Stores LEN bytes of encoded result (result_codec.h) for SHA256 and marks
 * the entry as used.  Returns 0, or -1 with *err set to a malloc'd reason;
 * the run goes on without that entry. */
int cache_store(cache *c, const char *sha256, const unsigned char *bytes,
                size_t len, char **err);

/* The SHA-256 of the input file PATH into HEX, remembered from the last
 * run when the file is unchanged (digest_index.h).  Returns 0, or -1 with
 * errno set. */
int cache_digest(cache *c, const char *path, char hex[65]);

/* Removes every entry this run did not use, so the cache holds exactly
 * the inputs of the datasets beside it, and saves the digests of this
 * run's inputs. */
void cache_prune(cache *c);

void cache_close(cache *c);

#endif
