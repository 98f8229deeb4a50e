/*
 * The table of ids: open addressing with linear probing, kept at most half
 * full so that probes stay short; FNV-1a as the hash, which spreads ids
 * that differ in their last characters only ("2017-01-28-2", "-3", ...)
 * as well as any.  See id_table.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "id_table.h"

static size_t hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return (size_t)h;
}

/* The slot of KEY, or the free slot where it would go. */
static id_entry *slot_of(const id_table *t, const char *key)
{
    size_t i = hash(key) & t->mask;
    while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0)
        i = (i + 1) & t->mask;
    return &t->slots[i];
}

int id_table_init(id_table *t, size_t expected)
{
    size_t size = 16;
    while (size / 2 < expected) {
        if (size > SIZE_MAX / 2 / sizeof *t->slots)
            return -1;
        size *= 2;
    }
    t->slots = calloc(size, sizeof *t->slots);
    if (!t->slots)
        return -1;
    t->mask = size - 1;
    t->count = 0;
    return 0;
}

id_entry *id_table_find(const id_table *t, const char *key)
{
    id_entry *e = slot_of(t, key);
    return e->key ? e : NULL;
}

/* Moves every entry into a table twice the size. */
static int grow(id_table *t)
{
    id_table bigger;
    if (id_table_init(&bigger, t->mask + 1) != 0)
        return -1;
    for (size_t i = 0; i <= t->mask; i++)
        if (t->slots[i].key)
            *slot_of(&bigger, t->slots[i].key) = t->slots[i];
    bigger.count = t->count;
    free(t->slots);
    *t = bigger;
    return 0;
}

id_entry *id_table_add(id_table *t, const char *key)
{
    id_entry *e = slot_of(t, key);
    if (e->key)
        return e;
    if ((t->count + 1) * 2 > t->mask + 1) {
        if (grow(t) != 0)
            return NULL;
        e = slot_of(t, key);
    }
    e->key = key;
    e->flags = 0;
    e->next = 0;
    t->count++;
    return e;
}

void id_table_free(id_table *t)
{
    free(t->slots);
    t->slots = NULL;
    t->mask = 0;
    t->count = 0;
}
