/*
 * What a run left in its output folder: the checks of the tests that
 * stop runs part way (killed, interrupted), which must leave the
 * previous datasets whole, and nothing of their own beside them.
 */
#ifndef DDOR_TESTS_OUTPUT_FOLDER_H
#define DDOR_TESTS_OUTPUT_FOLDER_H

/* Does every dataset of DIR equal that of REF, byte for byte? */
int folder_same_datasets(const char *dir, const char *ref);

/* Only datasets, their description, the archive's own folder and the user's
 * file USER_FILE are in DIR: no temporary file, no staging folder.  Any
 * other entry is named on stderr. */
int folder_only_expected(const char *dir, const char *user_file);

/* Entries of DIR whose name starts with PREFIX. */
int folder_count_prefixed(const char *dir, const char *prefix);

#endif
