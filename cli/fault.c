/* Faults on purpose, in the test build only; see fault.h. */
#include "fault.h"

#ifndef DDOR_FAULTS

void fault_inject(const char *path)
{
    (void)path;
}

void fault_commit_step(const char *what)
{
    (void)what;
}

#else

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "diag.h"

static void misbehave(const char *kind)
{
    if (strcmp(kind, "crash") == 0) {
        /* The default action, not a sanitizer's handler, so that the
         * parent sees the signal itself. */
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
    } else if (strcmp(kind, "abort") == 0) {
        abort();
    } else if (strcmp(kind, "hang") == 0) {
        for (;;)
            pause();
    } else if (strcmp(kind, "hog") == 0) {
        /* Touched and chained from a volatile, so that the memory is
         * really taken and the compiler cannot drop the allocations. */
        static void *volatile chain;
        for (;;) {
            char *block = malloc(64 << 20);
            if (!block)
                diag_out_of_memory();
            memset(block, 1, 64 << 20);
            *(void **)block = chain;
            chain = block;
        }
    } else if (strcmp(kind, "exit") == 0) {
        _exit(7);
    }
}

/* The KIND of the first KIND:TEXT pair of DDOR2CSV_FAULT whose TEXT is
 * in SUBJECT, copied into KIND; 0 when none is. */
static int fault_for(const char *subject, char kind[16])
{
    const char *spec = getenv("DDOR2CSV_FAULT");
    char *copy = spec ? strdup(spec) : NULL;
    if (!copy)
        return 0;
    int found = 0;
    for (char *save = NULL, *pair = strtok_r(copy, ",", &save); pair && !found;
         pair = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(pair, ':');
        if (!colon || colon[1] == '\0')
            continue;
        *colon = '\0';
        if (strstr(subject, colon + 1)) {
            strncpy(kind, pair, 15);
            kind[15] = '\0';
            found = 1;
        }
    }
    free(copy);
    return found;
}

void fault_inject(const char *path)
{
    char kind[16];
    if (fault_for(path, kind))
        misbehave(kind);
}

void fault_commit_step(const char *what)
{
    char kind[16];
    if (fault_for(what, kind) && strcmp(kind, "slow") == 0) {
        struct timespec pause = { 0, 30 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

#endif
