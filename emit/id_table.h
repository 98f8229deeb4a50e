/*
 * id_table: a set of strings, each with a little state, found in constant
 * time; what lets report ids be handed out in O(n) rather than by
 * scanning every id already given for each new one.
 *
 * The table borrows its keys: each must stay unchanged, and allocated,
 * for as long as the table is used.
 */
#ifndef DDOR_EMIT_ID_TABLE_H
#define DDOR_EMIT_ID_TABLE_H

#include <stddef.h>

typedef struct {
    const char *key;          /* NULL: the slot is free */
    unsigned flags;           /* the caller's */
    size_t next;              /* the caller's; 0 when added */
} id_entry;

typedef struct {
    id_entry *slots;
    size_t mask;              /* slots - 1, slots a power of two */
    size_t count;
} id_table;

/* An empty table with room for EXPECTED keys before it has to grow.
 * Returns 0, or -1 when out of memory. */
int id_table_init(id_table *t, size_t expected);

/* The entry of KEY, or NULL when KEY was never added.  The pointer is
 * good until the next id_table_add. */
id_entry *id_table_find(const id_table *t, const char *key);

/* The entry of KEY, added (flags and next 0) when it was not there; NULL
 * when out of memory.  Good until the next id_table_add. */
id_entry *id_table_add(id_table *t, const char *key);

void id_table_free(id_table *t);

#endif
