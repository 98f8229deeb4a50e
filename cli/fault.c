/* Faults on purpose, in the test build only; see fault.h. */
#include "fault.h"

#ifndef DDOR_FAULTS

void fault_inject(const char *path)
{
    (void)path;
}

#else

#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

void fault_inject(const char *path)
{
    const char *spec = getenv("DDOR2CSV_FAULT");
    if (!spec)
        return;
    char *copy = strdup(spec);
    if (!copy)
        return;
    for (char *save = NULL, *pair = strtok_r(copy, ",", &save); pair;
         pair = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(pair, ':');
        if (!colon || colon[1] == '\0')
            continue;
        *colon = '\0';
        if (strstr(path, colon + 1)) {
            char kind[16];
            strncpy(kind, pair, sizeof kind - 1);
            kind[sizeof kind - 1] = '\0';
            free(copy);
            misbehave(kind);
            return;
        }
    }
    free(copy);
}

#endif
