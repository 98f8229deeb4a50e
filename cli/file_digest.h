/* The SHA-256 of a file, read in pieces so that size costs no memory. */
#ifndef DDOR_CLI_FILE_DIGEST_H
#define DDOR_CLI_FILE_DIGEST_H

/* Writes the lowercase hex SHA-256 of the file at PATH to HEX.  Returns 0,
 * or -1 with errno set. */
int file_sha256(const char *path, char hex[65]);

#endif
