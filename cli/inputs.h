/*
 * The inputs of a run: the command-line arguments turned into a list of
 * files.  An argument names a file (taken as it is, whatever its name), a
 * folder (every *.pdf file below it, in sorted path order), or is "-": a
 * list of such arguments read from standard input, one per line, so that
 * `find ... | ddor2csv -o out -` works.
 */
#ifndef DDOR_CLI_INPUTS_H
#define DDOR_CLI_INPUTS_H

#include <stddef.h>

typedef struct {
    char **paths;             /* malloc'd, in the order of the arguments */
    size_t n, cap;
    int failed;               /* an argument yielded nothing: reported */
} input_list;

/* Expands the N arguments ARGS into *LIST (zeroed by the caller).  A
 * folder that cannot be read, or holds no PDF file, is reported on stderr
 * and sets LIST->failed; the run goes on with the rest. */
void inputs_expand(char *const *args, size_t n, input_list *list);

void inputs_free(input_list *list);

#endif
