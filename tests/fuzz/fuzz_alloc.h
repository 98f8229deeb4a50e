/* Allocation for the fuzz targets' own bookkeeping: running out of memory
 * there is no finding about the code under test, so it just stops. */
#ifndef DDOR_FUZZ_ALLOC_H
#define DDOR_FUZZ_ALLOC_H

#include <stdlib.h>

static inline void *fuzz_realloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        abort();
    return p;
}

/* Room for NEED elements of SIZE bytes in P (capacity *CAP), doubling:
 * growing one element at a time costs a copy of the whole array each
 * time under AddressSanitizer, whose realloc always moves. */
static inline void *fuzz_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    *cap = c;
    return fuzz_realloc(p, c * size);
}

#endif
