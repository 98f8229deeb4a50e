/*
 * ddor-sweep-score: how much of a report's datasets ddor2csv got right.
 *
 *   ddor-sweep-score EXPECTED_DIR GOT_DIR
 *
 * reads the six datasets (reports.csv, declined_detainers.csv, ... in the
 * order ddor2csv writes them) from both folders and counts, for each, the
 * rows of GOT_DIR that are rows of EXPECTED_DIR: every field equal as a
 * string, rows taken as a multiset (a row expected twice and extracted
 * once matches once).  A dataset missing from GOT_DIR has no rows.  The
 * layout sweep (tests/sweep/run) runs it on every layout and adds up the
 * counts into exact-match precision and recall.
 *
 * Output, on standard output, one record a line, fields separated by a
 * tab, no header line:
 *
 *   dataset NAME EXPECTED EXTRACTED MATCHED
 *       one line per dataset, six in all, in the order above: the data
 *       rows (header not counted) of EXPECTED_DIR/NAME.csv and of
 *       GOT_DIR/NAME.csv, and how many of them match.  When the header
 *       rows differ, no row matches.
 *   report STATUS DECLINED_STATED DECLINED_ROWS MESSAGE
 *       one line per data row of GOT_DIR/reports.csv (none when there is
 *       no such file): the columns of that name, empty when missing; tabs
 *       and line breaks in them are written as spaces.
 *
 * For example:
 *
 *   dataset	reports	1	1	0
 *   dataset	declined_detainers	25	24	24
 *   ...
 *   report	warning	25	24	declined count: report states 25, 24 rows extracted
 *
 * Exit status: 0 when every dataset matches exactly (matched = expected =
 * extracted), 1 when one differs, 2 on bad usage or when a file cannot be
 * read or is not valid CSV (said on standard error).  A missing file in
 * EXPECTED_DIR cannot be read.
 */
#include <stdio.h>
#include <string.h>
#include "scoring.h"

static const char usage[] = "usage: ddor-sweep-score EXPECTED_DIR GOT_DIR\n";

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-') {
        fputs(usage, stderr);
        return 2;
    }
    int rc = sweep_score_dirs(stdout, argv[1], argv[2]);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("ddor-sweep-score: standard output");
        return 2;
    }
    return rc < 0 ? 2 : rc;
}
