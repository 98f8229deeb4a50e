/* What a failed input must leave behind, for the suites of bad input. */
#ifndef DDOR_TEST_EXPECT_FAILURE_H
#define DDOR_TEST_EXPECT_FAILURE_H

/* Runs `ddor2csv OPTIONS... -q -o DIR FILE` (OPTIONS NULL-terminated, or
 * NULL for none) into a fresh folder and asserts the failure of FILE:
 * exactly the one line "ddor2csv: FILE: REASON" on stderr, exit status 1,
 * no dataset written (a failed input changes nothing) and no stray file;
 * and with -t reports, one row of status error and REASON as message. */
void expect_failure(const char *const *options, const char *file,
                    const char *reason);

/* Asserts that DIR holds only datasets and the archive's own folder, no
 * temporary file left behind in either. */
void expect_clean_folder(const char *dir);

#endif
