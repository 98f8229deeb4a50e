/*
 * Digests of input files, remembered by the files' identity and times, so
 * that a re-run over an archive of hundreds of unchanged reports need not
 * read every byte of them again to know they are unchanged.
 *
 * A file is taken to hold the bytes it held when it was hashed when its
 * device, inode, size, modification time and status-change time are all
 * as they were then, the rule of git's index and of make.  Any write to a
 * file sets its status-change time, which no program can set back.  A
 * digest is remembered only for a file whose times were at least a second
 * old when it was hashed, so that a write within the same tick of a coarse
 * file-system clock cannot go unnoticed.
 */
#ifndef DDOR_CLI_DIGEST_INDEX_H
#define DDOR_CLI_DIGEST_INDEX_H

typedef struct digest_index digest_index;

/* The index kept in the file PATH (empty when it is missing or cannot be
 * read).  Never returns NULL (exits when out of memory). */
digest_index *digest_index_load(const char *path);

/* The SHA-256 of the file at FILE into HEX: the remembered one when the
 * file is as it was, else computed.  Either way the digest is remembered
 * for the next save.  Returns 0, or -1 with errno set. */
int digest_index_file(digest_index *ix, const char *file, char hex[65]);

/* Writes the digests of this run's files to PATH, replacing it whole.
 * Returns 0, or -1 with errno set. */
int digest_index_save(digest_index *ix, const char *path);

void digest_index_free(digest_index *ix);

#endif
