/* libFuzzer's entry point for the parser target (parser_target.c). */
#include <stdlib.h>
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_parser_one(data, size) != 0)
        abort();                  /* a broken property is a finding too */
    return 0;
}
