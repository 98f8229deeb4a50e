/*
 * id_name: report ids fit to name a folder (--explain DIR/<report_id>/),
 * private to emit/.  emit_report_id_is_safe (emit.h) states the rules;
 * the functions here make any text follow them.
 */
#ifndef DDOR_EMIT_ID_NAME_H
#define DDOR_EMIT_ID_NAME_H

#include <stddef.h>

/* The id LEN bytes of TEXT make, malloc'd (NULL when out of memory):
 *   - bytes that are not UTF-8 become U+FFFD (as in the datasets);
 *   - control characters (C0, DEL, C1) and '/' become '_';
 *   - a leading '.' gets a '_' before it ("." -> "_.", ".x" -> "_.x");
 *   - the id is cut to EMIT_REPORT_ID_MAX bytes, between characters;
 *   - nothing left gives "report";
 *   - "index.html", in any case, gets a '_' after it (the name of the
 *     page beside the report folders).
 * Text that already follows the rules comes back unchanged. */
char *id_from_text(const char *text, size_t len);

/* The id a file name makes: the last non-empty component of PATH (so
 * "dir/sub/" gives "sub", not the whole path), without a final ".pdf" in
 * any case, through id_from_text.  NULL when out of memory. */
char *id_from_file_name(const char *path);

/* The length of the longest start of the UTF-8 text ID that is at most
 * MAX bytes and ends between characters. */
size_t id_cut(const char *id, size_t max);

#endif
