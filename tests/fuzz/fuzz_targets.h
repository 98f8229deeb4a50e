/*
 * The fuzz targets' logic, callable without libFuzzer so that the test
 * suite replays regression inputs through the very same code.  Each returns
 * 0, or -1 after printing to stderr what property the input broke; memory
 * errors are left to the sanitizers.
 */
#ifndef DDOR_FUZZ_TARGETS_H
#define DDOR_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/* Pages decoded from DATA (page_codec.h) -> parser -> checks -> every
 * dataset in memory, each read back as well-formed CSV. */
int fuzz_parser_one(const uint8_t *data, size_t size);

/* Cells split from DATA -> csv_writer -> libcsv's reader: every cell reads
 * back as written (formula guard included).  DATA[0] holds the options:
 *   bit 0     excel (byte-order mark, CRLF)
 *   bits 1-3  cells per row, minus one
 *   bit 4     the first row goes through csvw_row (the header path)
 *   bit 5     each row ends with a numeric cell, from its first cell's bytes
 *   bit 6     empty cells are written as NULL
 *   bit 7     then again into a stream too small for them, whose failure
 *             csvw_finish must report
 * and the rest, split at NUL bytes, is the text cells. */
int fuzz_csv_one(const uint8_t *data, size_t size);

#endif
