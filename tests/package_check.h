/*
 * A validator of output folders for the tests: it reads DIR/datapackage.json
 * (a Frictionless Data Package of Tabular Data Resources) and checks the
 * files it describes against it, the way a Frictionless validator would:
 * the descriptor's own shape; each resource's file, encoding and line ends;
 * the header against the schema's fields; every value against its field's
 * type (string, integer, date) and constraints (required, minimum, enum,
 * pattern), with missingValues; primary keys unique; foreign keys
 * resolved.  CSV and JSON Lines resources are both understood.
 */
#ifndef DDOR_TEST_PACKAGE_CHECK_H
#define DDOR_TEST_PACKAGE_CHECK_H

#include <stddef.h>

/* What a JSON value was (CSV cells are all text).  A JSON integer's TEXT
 * is the integer as json-glib read it, which is as it was written (see
 * json_strict.h).  A number with a fraction or an exponent json-glib keeps
 * only as a double: its TEXT is the double's shortest form, not the bytes
 * written, so such a cell is never taken for an integer, nor for equal to
 * a CSV value. */
enum { PC_TEXT, PC_INTEGER, PC_FRACTION };

/* One cell: TEXT is NULL for a JSON null; NUMBER is one of the above. */
typedef struct {
    char *text;
    int number;
} pc_cell;

/* A dataset read back: its column names (the CSV header, the JSON keys of
 * the first object) and its rows. */
typedef struct {
    char **names;
    size_t ncols;
    pc_cell **rows;
    size_t *nfields;          /* cells of each row */
    size_t nrows;
} pc_table;

/* Read a CSV file (a leading byte-order mark is dropped) or a JSON Lines
 * file (each line one object; its keys are checked against the first
 * object's).  Return 0, or -1 with the reason in WHY. */
int pc_read_csv(const char *path, pc_table *t, char *why, size_t size);
int pc_read_jsonl(const char *path, pc_table *t, char *why, size_t size);
void pc_table_free(pc_table *t);

/* Validates folder DIR against DIR/datapackage.json.  Returns the number
 * of problems found (0: valid); the first ones are described, one a line,
 * in REPORT (SIZE bytes). */
int pc_check_folder(const char *dir, char *report, size_t size);

#endif
