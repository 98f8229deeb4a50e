/*
 * What the cell recognizers (parse/cells_*.c) share and nothing else sees:
 * the spelling-insensitive name key and the sorted name index built on it.
 * Their patterns go through the compile-once layer of regex.h.
 *
 * None of this is thread-safe: patterns and indexes are built on first use
 * into static storage without locking.  A conversion runs in one thread of
 * its own process, which is all the program needs.
 */
#ifndef DDOR_CELLS_INTERNAL_H
#define DDOR_CELLS_INTERNAL_H

#include <stddef.h>

/* ---- names ------------------------------------------------------------- */

/* Writes into OUT the comparison key of a name: ASCII letters lower-cased,
 * Latin-1 letters folded to their base letter ("Türkiye" -> "turkiye"),
 * '&' spelled "and", a leading "St."/"St" spelled "saint", and every space
 * and punctuation mark (ASCII or U+2000..U+206F) dropped.  Returns the key
 * length, or 0 when the key is empty or does not fit in SIZE bytes. */
size_t cells_name_key(const char *name, char *out, size_t size);

enum { CELLS_KEY_MAX = 256 };

/* Name -> code lookup.  Entries carry a rank: when several entries share a
 * key, the lowest rank wins, and a key that the lowest rank maps to two
 * different codes is ambiguous and dropped. */
typedef struct {
    char *key;
    const char *code;                 /* static storage, never freed */
    int rank;
} cells_name_entry;

typedef struct {
    cells_name_entry *v;
    size_t n, cap;
    int sealed;
} cells_name_index;

void cells_name_index_add(cells_name_index *ix, const char *name,
                          const char *code, int rank);
void cells_name_index_seal(cells_name_index *ix);
const char *cells_name_index_find(const cells_name_index *ix, const char *text);
void cells_name_index_free(cells_name_index *ix);

/* ---- the modules' own state -------------------------------------------- */

void cells_countries_cleanup(void);
void cells_states_cleanup(void);

/* Reports an allocation failure and aborts: a recognizer that cannot
 * allocate a few bytes has no useful way to go on. */
void cells_oom(void);

#endif
