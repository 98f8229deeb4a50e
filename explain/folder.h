/*
 * Internal to explain/: folders and files reached from the descriptor of
 * the folder that holds them, never through a link.
 *
 * The --explain folder may be shared, and anything in it may be swapped
 * for a link at any moment.  So a name is only ever looked up in a folder
 * already open (openat and its kin), with O_NOFOLLOW: a link planted under
 * a name the program uses makes the call fail instead of reaching
 * whatever the link points at.  Only the folder named on the command line
 * is opened by its path, as the user named it.
 */
#ifndef DDOR_EXPLAIN_FOLDER_H
#define DDOR_EXPLAIN_FOLDER_H

#include <dirent.h>
#include <stddef.h>
#include <sys/types.h>

/* The folder PATH, as named (links in PATH followed: the user chose it).
 * Returns a descriptor, or -1 with errno set. */
int folder_open_path(const char *path);

/* The folder NAME in the folder AT, never through a link, and only when
 * it belongs to this user (else -1 with errno EPERM).  Returns a
 * descriptor, or -1 with errno set (ELOOP when NAME is a link). */
int folder_open(int at, const char *name);

/* Creates the folder NAME in AT with MODE (less the umask) and opens it
 * as folder_open does.  With EXCLUSIVE a NAME that already exists fails
 * (EEXIST); without, an existing folder of this user's is opened. */
int folder_make(int at, const char *name, mode_t mode, int exclusive);

/* Why folder_open or folder_make failed with errno E, for a message. */
const char *folder_error(int e);

/* Removes NAME from AT if it is a regular file of this user's (a link, a
 * folder or another's file is left alone).  Returns 1 when removed. */
int folder_remove_own_file(int at, const char *name);

/* The entries of the folder FD, from the first; FD stays open after
 * closedir.  NULL with errno set when they cannot be read. */
DIR *folder_list(int fd);

/* Removes from the folder FD every regular file of this user's whose name
 * OURS accepts (given ARG), and nothing else; FD stays open. */
void folder_remove_own_files(int fd, int (*ours)(const char *name, void *arg),
                             void *arg);

/* A file written under a new hidden name in its folder, then renamed to
 * its own name: readers see the old complete file or the new complete
 * one.  The rename replaces whatever has the name, a link included,
 * without writing through it. */
typedef struct {
    int at;                   /* the folder */
    const char *name;         /* the final name */
    char temp[256];           /* ".NAME.XXXXXX", "" once renamed or removed */
    int fd;                   /* open for writing; -1 once closed */
} at_file;

/* Creates the hidden file for AT/NAME (O_EXCL, never through a link), mode
 * 0666 less the umask.  Returns 0, or -1 with errno set. */
int at_file_open(at_file *f, int at, const char *name);

/* Writes LEN bytes of DATA to F.  Returns 0, or -1 with errno set. */
int at_file_write(at_file *f, const void *data, size_t len);

/* Closes F (after an fsync when SYNC) and renames it to its name.
 * Returns 0, or -1 with errno set; the hidden file stays for
 * at_file_discard. */
int at_file_commit(at_file *f, int sync);

/* Closes and removes what is left of F.  Keeps errno. */
void at_file_discard(at_file *f);

/* Whether NAME has the shape of a hidden name at_file_open gives, and
 * then the final name it was for, into FINAL. */
int at_file_target(const char *name, char final[256]);

#endif
