/* libFuzzer's entry point for the CSV round trip (csv_target.c). */
#include <stdlib.h>
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_csv_one(data, size) != 0)
        abort();                  /* a cell that did not read back */
    return 0;
}
