/*
 * Faults on purpose, for the tests of worker isolation.
 *
 * Only the test build of the program (build/ddor2csv-faults, compiled
 * with DDOR_FAULTS) has them; in the program users run, fault_inject does
 * nothing.  The tests cannot rely on finding a PDF that really crashes or
 * hangs Poppler, so they name inputs that must misbehave instead.
 */
#ifndef DDOR_CLI_FAULT_H
#define DDOR_CLI_FAULT_H

/* Called in a worker before it converts PATH.  With DDOR_FAULTS, the
 * environment variable DDOR2CSV_FAULT holds KIND:TEXT pairs separated by
 * commas; when PATH contains TEXT, the worker misbehaves as KIND says:
 *   crash  dies of SIGSEGV          abort  calls abort()
 *   hang   sleeps for ever          hog    allocates memory until refused
 *   exit   exits with status 7, sending nothing */
void fault_inject(const char *path);

/* Called between the steps of putting the datasets in place (emit_options'
 * step).  With DDOR_FAULTS, a pair slow:TEXT makes each step whose
 * description contains TEXT ("commit" names them all) take 30 ms longer,
 * so that a test killing the program at random moments often lands
 * inside them. */
void fault_commit_step(const char *what);

#endif
