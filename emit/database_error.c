/*
 * SQLite's failures as the rest of the program reports them: an errno for
 * the caller to act on, and a reason with SQLite's own words for the
 * person reading the message ("cannot write ddor.sqlite: ...").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "database.h"

int database_errno(int rc)
{
    switch (rc & 0xff) {      /* the primary code of an extended one */
    case SQLITE_NOMEM:
        return ENOMEM;
    case SQLITE_FULL:         /* the in-memory database reached its limit */
    case SQLITE_TOOBIG:       /* a value or a statement over SQLite's limits */
        return EFBIG;
    case SQLITE_CONSTRAINT:   /* a value the schema forbids */
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
        return EINVAL;
    default:
        return EIO;
    }
}

char *database_reason(const char *prefix, const char *text)
{
    size_t size = strlen(prefix) + strlen(text) + 3;
    char *reason = malloc(size);
    if (reason)
        snprintf(reason, size, "%s: %s", prefix, text);
    return reason;
}

int database_fail(sqlite3 *db, int rc, const char *doing, char **why)
{
    /* sqlite3_errmsg says "out of memory" when DB itself could not be
     * made, and never returns NULL. */
    const char *text = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    free(*why);
    *why = database_reason(doing, text);
    errno = database_errno(rc);
    return -1;
}
