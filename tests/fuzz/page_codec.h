/*
 * The parser fuzzer's input format: synthetic pages of positioned words,
 * as text, so that seeds made from real reports can be read and edited by
 * hand and libFuzzer's mutations (digits, words, whole lines) stay
 * meaningful.  One record per line ('\n'):
 *
 *     P <width> <height>       starts a page (points)
 *     Y <y0> <y1> <size>       top, bottom and font size of the words below
 *     <x0> <x1> <text>         a word: left and right edge, then its text
 *
 * Every byte string decodes to valid pages, since Poppler's output is not
 * under our control either:
 *   - a number is an optional '-', digits and an optional fraction; one
 *     that is missing reads as 0 (page sizes as Letter), and each is
 *     clamped to a sane range; edges given in the wrong order are swapped;
 *   - a word's text is the rest of its line without ASCII white space,
 *     control characters and NUL (extract's words never hold them); other
 *     bytes, invalid UTF-8 included, are passed through; a word left empty
 *     is dropped;
 *   - words before the first P line go on a Letter page;
 *   - pages, words and text lengths are capped to keep each run fast (a
 *     word is cut before a whole character, so valid UTF-8 stays valid).
 */
#ifndef DDOR_FUZZ_PAGE_CODEC_H
#define DDOR_FUZZ_PAGE_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "../../extract/extract.h"

#define FUZZ_MAX_PAGES 64
#define FUZZ_MAX_WORDS 20000      /* over all pages */
#define FUZZ_MAX_TEXT  256        /* bytes of one word */

/* Decodes DATA into *npages pages (a malloc'd array, lines built with
 * extract_build_lines); free them with fuzz_pages_free.  Returns NULL with
 * *npages = 0 when the input holds no page at all. */
extract_page *fuzz_pages_decode(const uint8_t *data, size_t size, size_t *npages);

void fuzz_pages_free(extract_page *pages, size_t npages);

/* Writes PAGE in the format above (the inverse of decoding, to 1/1000 pt). */
void fuzz_page_encode(FILE *out, const extract_page *page);

#endif
