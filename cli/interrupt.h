/*
 * SIGINT, SIGTERM and SIGHUP during a run.
 *
 * Killed outright by one of them, the program would leave its workers
 * running and what it was writing half done.  Instead the handlers only
 * note the signal; the worker loop sees the note, stops and collects its
 * children, and the caller removes what the run was writing, then ends
 * by the same signal, so that whoever started the program still learns
 * from its exit status that it was interrupted, and by what.
 */
#ifndef DDOR_CLI_INTERRUPT_H
#define DDOR_CLI_INTERRUPT_H

#include <signal.h>

/* Installs the handlers.  A signal the program was started ignoring (as
 * nohup does with SIGHUP) stays ignored. */
void interrupt_install(void);

/* 0, or the first of the signals caught since interrupt_install. */
int interrupt_signal(void);

/* Ends the process by SIG: its default action restored, the signal
 * unblocked and raised, so that the exit status names it. */
_Noreturn void interrupt_exit(int sig);

/* Around fork(): interrupt_hold blocks the signals (into *SAVED, the mask
 * before), so that a child cannot run a handler of the parent's before it
 * has dropped them; the parent then calls interrupt_release(SAVED), the
 * child interrupt_child_reset(SAVED), which gives it back the dispositions
 * the program started with (a child must die of these signals, as any
 * process would) and then the mask. */
void interrupt_hold(sigset_t *saved);
void interrupt_release(const sigset_t *saved);
void interrupt_child_reset(const sigset_t *saved);

#endif
