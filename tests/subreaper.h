/*
 * Running the program where the children it leaves behind can be seen.
 *
 * The program runs under a process of the test's own that is a
 * subreaper (prctl PR_SET_CHILD_SUBREAPER): a worker the program did not
 * wait for, still running or a zombie, is re-parented to that process
 * when the program ends, instead of to init, and is counted there.
 */
#ifndef DDOR_TESTS_SUBREAPER_H
#define DDOR_TESTS_SUBREAPER_H

typedef struct {
    const char *const *argv;  /* the program and its arguments, NULL-ended */
    const char *env_name;     /* one environment variable to set ... */
    const char *env_value;    /* ... to this value (NULL name: none) */
    int signal;               /* sent once a worker has been running for a
                                 moment; 0: none, the program runs to its end */
} sr_spec;

typedef struct {
    int status;               /* the program's wait status */
    int had_worker;           /* a worker was seen before the signal */
    double seconds;           /* from the signal (or the start) to the end */
    int left;                 /* processes it left behind */
} sr_outcome;

/* Runs SPEC's program, standard output and error discarded.  Returns 0,
 * or -1 when the harness itself could not run. */
int sr_run(const sr_spec *spec, sr_outcome *outcome);

#endif
