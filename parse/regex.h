/*
 * A thin layer over PCRE2 for the recognizers: patterns are compiled once,
 * on first use, into a process-wide list that regex_cleanup() frees.
 * Not thread-safe: a conversion runs in one thread.
 */
#ifndef DDOR_REGEX_H
#define DDOR_REGEX_H

#include <stddef.h>

typedef struct regex regex;

/* A pattern compiled with PCRE2_UTF | PCRE2_CASELESS | FLAGS; compiling a
 * bad pattern is a programming error and aborts with the message. */
regex *regex_get(regex **slot, const char *pattern, unsigned flags);

/* Matches SUBJECT; on success returns 1 and fills up to NCAP capture pairs
 * (start, end byte offsets; -1 for an unset group) in CAP[2*NCAP]. */
int regex_match(regex *re, const char *subject, size_t len, int *cap, int ncap);

/* Copies capture group G of the last match (CAP from regex_match) into a
 * malloc'd string; "" for an unset group. */
char *regex_group(const char *subject, const int *cap, int g);

void regex_cleanup(void);

#endif
