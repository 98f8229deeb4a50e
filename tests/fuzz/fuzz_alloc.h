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

#endif
