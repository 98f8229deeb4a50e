/* Signals that end a run; see interrupt.h. */
#include <signal.h>
#include <stddef.h>
#include <unistd.h>
#include "interrupt.h"

static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT (sizeof caught / sizeof caught[0])

/* The dispositions the program started with, for its children. */
static struct sigaction original[NCAUGHT];
static int installed;

/* Written by the handler, read by the worker loop: nothing else is safe
 * to share with a handler. */
static volatile sig_atomic_t received;

static void note(int sig)
{
    if (!received)
        received = sig;
}

static void caught_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < NCAUGHT; i++)
        sigaddset(set, caught[i]);
}

void interrupt_install(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = note;
    /* Each handler blocks the others, so that two signals at once
     * cannot interleave their notes.  No SA_RESTART: poll() and
     * waitpid() return EINTR, and the loop sees the note at once. */
    caught_set(&sa.sa_mask);
    for (size_t i = 0; i < NCAUGHT; i++) {
        if (sigaction(caught[i], NULL, &original[i]) != 0)
            continue;
        if (original[i].sa_handler == SIG_IGN)
            continue;
        (void)sigaction(caught[i], &sa, NULL);
    }
    installed = 1;
}

int interrupt_signal(void)
{
    return received;
}

_Noreturn void interrupt_exit(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    (void)sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Only reached when SIG does not end a process by default. */
    _exit(128 + sig);
}

void interrupt_hold(sigset_t *saved)
{
    sigset_t set;
    caught_set(&set);
    (void)sigprocmask(SIG_BLOCK, &set, saved);
}

void interrupt_release(const sigset_t *saved)
{
    (void)sigprocmask(SIG_SETMASK, saved, NULL);
}

void interrupt_child_reset(const sigset_t *saved)
{
    if (installed)
        for (size_t i = 0; i < NCAUGHT; i++)
            (void)sigaction(caught[i], &original[i], NULL);
    received = 0;
    interrupt_release(saved);
}
