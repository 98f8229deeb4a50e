/*
 * The worker processes; see workers.h.
 *
 * The parent forks one child per input, up to the limit of jobs, and
 * waits in poll() on the children's pipes.  A child's result is read as
 * it arrives (a large report does not fit in a pipe's buffer, so the
 * child would block if the parent waited for its exit first); the end of
 * the pipe means the child has finished, one way or another, and
 * waitpid() then says which way.  A child past its deadline is killed.
 * Every child is waited for before workers_run returns, so that none is
 * left behind, running or a zombie, when the program ends.
 *
 * A signal noted by interrupt.h ends the run early: every child still
 * running is killed and waited for, and workers_run returns the signal
 * for the caller to remove what the run was writing.
 *
 * The parent never opens an input with Poppler (it only sets up Poppler's
 * global tables from a built-in document, extract_prepare), and holds no
 * thread, so fork() is safe at any time.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include "../explain/explain.h"
#include "../parse/cells.h"
#include "clock.h"
#include "diag.h"
#include "fault.h"
#include "interrupt.h"
#include "result_codec.h"
#include "workers.h"

/* How a child that sent its result ends; any other exit is a failure. */
enum { EXIT_SENT = 0, EXIT_NO_MEMORY = 3, EXIT_PIPE = 4 };

/* How often the caller's tick runs while children work, in ms.  Also
 * the longest poll() ever waits: a signal that lands after the loop
 * looked for one but before poll() began does not interrupt it, and is
 * then seen this much later at most. */
#define TICK_MS 200

typedef struct {
    pid_t pid;                /* 0: the slot is free */
    int fd;                   /* read end of the child's pipe */
    size_t index;             /* the input */
    codec_buf buf;            /* what the child sent so far */
    double deadline;          /* monotonic seconds; 0: none */
    int timed_out;
} slot;

/* ---- The child -------------------------------------------------------- */

/* AddressSanitizer reserves terabytes of address space up front, so an
 * address-space limit would stop a sanitized build from starting. */
#if defined(__SANITIZE_ADDRESS__)
#define LIMIT_ADDRESS_SPACE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LIMIT_ADDRESS_SPACE 0
#endif
#endif
#ifndef LIMIT_ADDRESS_SPACE
#define LIMIT_ADDRESS_SPACE 1
#else
/* LeakSanitizer checks at exit(), which a child never calls. */
#include <sanitizer/lsan_interface.h>
#define CHECK_LEAKS() __lsan_do_leak_check()
#endif
#ifndef CHECK_LEAKS
#define CHECK_LEAKS() ((void)0)
#define WAIT_FOR_EXIT 0
#else
/* A leak found after the result was sent must still fail the run. */
#define WAIT_FOR_EXIT 1
#endif

/* Under valgrind, likewise: memcheck reports a worker's errors and leaks
 * as it exits, through its exit status (--error-exitcode). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

static void limit_memory(long mb)
{
    if (!LIMIT_ADDRESS_SPACE || mb <= 0)
        return;
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = (rlim_t)mb * 1024 * 1024;
    (void)setrlimit(RLIMIT_AS, &rl);
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* SRC as failed with REASON (malloc'd, taken over). */
static void child_failure(emit_source *src, const char *path, char *reason,
                          int over_limit)
{
    memset(src, 0, sizeof *src);
    src->source_file = path;
    src->status = "error";
    src->message = reason;
    src->over_limit = over_limit;
}

/* The result the archive keeps for IN's bytes, as read now, into *SRC.
 * Returns 0, or -1 when there is none. */
static int kept_result(archive *archive, const ddor_input *in, emit_source *src)
{
    unsigned char *data;
    size_t len;
    if (archive_result_read(archive, in->sha256, &data, &len) != 0)
        return -1;
    int ok = codec_decode(data, len, src) == 0;
    free(data);
    if (ok && strcmp(src->sha256, in->sha256) != 0) {
        emit_source_clear(src);
        ok = 0;
    }
    if (!ok)
        return -1;
    src->source_file = in->path;
    src->file = in->file;     /* this file, as it was read now */
    src->reused = 1;
    return 0;
}

/* Converts PATH (input INDEX) into *SRC.  The file is read here, once,
 * under the child's timeout and memory limit, never by the parent; the
 * bytes hashed are the bytes parsed, and the bytes kept. */
static void convert_input(const char *path, size_t index, pid_t parent,
                          const worker_limits *limits, emit_source *src)
{
    ddor_input in;
    char *why = NULL;
    int got = ddor_input_read(path, limits->convert.max_size_mb, &in, &why);
    if (got == DDOR_INPUT_NO_MEMORY)
        diag_out_of_memory();
    if (got != DDOR_INPUT_OK) {
        child_failure(src, path, why, got == DDOR_INPUT_TOO_LARGE);
        return;
    }
    if (limits->reuse && limits->archive && kept_result(limits->archive, &in, src) == 0) {
        ddor_input_free(&in);
        return;
    }
    fault_inject(path);
    char *pages = limits->explain_dir
                      ? explain_staging_folder(limits->explain_dir, (long)parent, index)
                      : NULL;
    ddor_convert(&in, &limits->convert, src, pages);
    free(pages);
    /* A report is added with a copy of its PDF, so that a later build can
     * read it again; without one it is not added. */
    if (limits->archive && emit_source_converted(src) &&
        archive_pdf_keep(limits->archive, in.sha256, in.data, in.len) != 0) {
        char reason[160];
        snprintf(reason, sizeof reason, "cannot keep a copy in the output folder: %s",
                 strerror(errno));
        emit_source_clear(src);
        child_failure(src, path, strdup(reason), 0);
        if (!src->message)
            diag_out_of_memory();
    }
    ddor_input_free(&in);
}

/* Converts PATH (input INDEX) and sends the result down FD.  Never
 * returns: _exit, not exit, so that nothing of the parent's (stdio
 * buffers, atexit handlers) runs twice. */
static _Noreturn void run_child(const char *path, size_t index, int fd,
                                pid_t parent, const worker_limits *limits)
{
#ifdef __linux__
    /* A child outlives nothing: if the parent is killed, so is it. */
    (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent)
        _exit(EXIT_PIPE);
    limit_memory(limits->max_memory_mb);
    diag_out_of_memory_exits(EXIT_NO_MEMORY);

    emit_source src;
    convert_input(path, index, parent, limits, &src);
    codec_buf buf = { 0 };
    int status = EXIT_SENT;
    if (codec_encode(&buf, &src) != 0)
        status = EXIT_NO_MEMORY;
    else if (write_all(fd, buf.data, buf.len) != 0)
        status = EXIT_PIPE;
    /* Freed although the process ends, so that leak checkers following
     * the child see only real leaks. */
    codec_buf_free(&buf);
    emit_source_clear(&src);
    cells_cleanup();
    close(fd);
    CHECK_LEAKS();
    _exit(status);
}

/* ---- The parent ------------------------------------------------------- */

/* The parent's bookkeeping, reachable from a static while children run: a
 * child inherits the parent's heap, and a leak checker in the child would
 * otherwise take memory only the parent's stack points to for a leak. */
static struct {
    slot *slots;
    struct pollfd *pfd;
    long *owner;
    pid_t *exiting;           /* children that sent their result */
    size_t nexiting, capexiting;
} pool;

/* Waits for PID, however many signals interrupt the wait. */
static void wait_for(pid_t pid, int *wstatus)
{
    while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
        ;
}

/* Collects the children that sent their result and have exited since;
 * with BLOCK, waits for all of them.  While the run goes on they are not
 * waited for: tearing down a process that mapped Poppler takes a few
 * milliseconds, and a complete result does not depend on how the
 * process then ends, so its slot takes the next input meanwhile.  At
 * the end of the run the rest is waited for, since a child the program
 * leaves behind is re-parented and lingers as a zombie until its new
 * parent collects it. */
static void reap_exited(int block)
{
    size_t keep = 0;
    for (size_t i = 0; i < pool.nexiting; i++) {
        int wstatus;
        if (block)
            wait_for(pool.exiting[i], &wstatus);
        else if (waitpid(pool.exiting[i], &wstatus, WNOHANG) == 0)
            pool.exiting[keep++] = pool.exiting[i];
    }
    pool.nexiting = keep;
}

static void reap_later(pid_t pid)
{
    if (pool.nexiting == pool.capexiting) {
        size_t cap = pool.capexiting ? pool.capexiting * 2 : 16;
        pid_t *p = realloc(pool.exiting, cap * sizeof *p);
        if (!p)
            diag_out_of_memory();
        pool.exiting = p;
        pool.capexiting = cap;
    }
    pool.exiting[pool.nexiting++] = pid;
}

/* RESULT failed with REASON. */
static void set_failure(emit_source *result, const char *path,
                        const char *reason)
{
    memset(result, 0, sizeof *result);
    result->source_file = path;
    result->status = "error";
    result->message = strdup(reason);
    if (!result->message)
        diag_out_of_memory();
}

/* Starts the child for input INDEX in slot S.  Returns 0, or -1 with errno
 * set when no process or pipe could be made. */
static int spawn(slot *s, slot *slots, long nslots, char *const *paths,
                 size_t index, const worker_limits *limits)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    pid_t parent = getpid();
    sigset_t mask;
    interrupt_hold(&mask);
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        interrupt_release(&mask);
        close(pipefd[0]);
        close(pipefd[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        interrupt_child_reset(&mask);
        close(pipefd[0]);
        for (long i = 0; i < nslots; i++)
            if (slots[i].pid)
                close(slots[i].fd);
        run_child(paths[index], index, pipefd[1], parent, limits);
    }
    interrupt_release(&mask);
    close(pipefd[1]);
    (void)fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
    memset(s, 0, sizeof *s);
    s->pid = pid;
    s->fd = pipefd[0];
    s->index = index;
    s->deadline = limits->timeout > 0 ? clock_seconds() + limits->timeout : 0;
    return 0;
}

/* Reads what the child of S has written.  Returns 1 at the end of the
 * pipe, 0 when more may come. */
static int drain(slot *s)
{
    unsigned char block[1 << 16];
    for (;;) {
        ssize_t got = read(s->fd, block, sizeof block);
        if (got > 0) {
            if (s->buf.cap - s->buf.len < (size_t)got) {
                size_t cap = s->buf.cap ? s->buf.cap : sizeof block;
                while (cap - s->buf.len < (size_t)got)
                    cap *= 2;
                unsigned char *data = realloc(s->buf.data, cap);
                if (!data)
                    diag_out_of_memory();
                s->buf.data = data;
                s->buf.cap = cap;
            }
            memcpy(s->buf.data + s->buf.len, block, (size_t)got);
            s->buf.len += (size_t)got;
        } else if (got == 0) {
            return 1;
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return 0;
        } else {
            return 1;         /* a broken pipe ends like a dead child */
        }
    }
}

/* Collects the child of S, turns how it ended into the input's result,
 * tells the caller, and frees the slot.  A result that decodes is
 * complete (the child wrote it all before closing the pipe, and an
 * encoding cut short never decodes), so its process is not waited for;
 * only a sanitizer build waits, because its exit status carries the
 * leak check. */
static void finish(slot *s, char *const *paths, emit_source *results,
                   const worker_limits *limits, const worker_events *events)
{
    close(s->fd);
    const char *path = paths[s->index];
    emit_source *result = &results[s->index];
    int sent = !s->timed_out &&
               codec_decode(s->buf.data, s->buf.len, result) == 0;
    char reason[64] = "";
    if (sent && !WAIT_FOR_EXIT && !RUNNING_ON_VALGRIND) {
        reap_later(s->pid);
    } else {
        int wstatus = 0;
        wait_for(s->pid, &wstatus);
        if (s->timed_out)
            snprintf(reason, sizeof reason, "timed out after %g s", limits->timeout);
        else if (WIFSIGNALED(wstatus))
            snprintf(reason, sizeof reason, "crashed (signal %d)", WTERMSIG(wstatus));
        else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == EXIT_NO_MEMORY)
            snprintf(reason, sizeof reason, "out of memory");
        else if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != EXIT_SENT)
            snprintf(reason, sizeof reason, "worker failed (exit status %d)",
                     WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
        else if (!sent)
            snprintf(reason, sizeof reason, "worker sent an unreadable result");
        if (reason[0] && sent) {
            emit_source_clear(result);
            sent = 0;
        }
    }
    if (sent)
        result->source_file = path;
    else
        set_failure(result, path, reason);
    if (events->done)
        events->done(events->ctx, s->index, sent ? s->buf.data : NULL,
                     sent ? s->buf.len : 0);
    codec_buf_free(&s->buf);
    s->pid = 0;
}

/* How long poll() may wait: until the nearest deadline, and no longer
 * than a tick. */
static int wait_ms(const slot *slots, long nslots)
{
    double nearest = 0;
    for (long i = 0; i < nslots; i++)
        if (slots[i].pid && slots[i].deadline > 0 &&
            (nearest == 0 || slots[i].deadline < nearest))
            nearest = slots[i].deadline;
    int ms = TICK_MS;
    if (nearest > 0) {
        double left = (nearest - clock_seconds()) * 1000.0 + 1.0;
        int until = left < 0 ? 0 : left > 1e9 ? 1000000000 : (int)left;
        if (until < ms)
            ms = until;
    }
    return ms;
}

/* The run was interrupted: kills every child still at work and waits for
 * it, and for those that sent their result.  Their inputs get no result;
 * the caller abandons the run. */
static void stop_all(slot *slots, long nslots)
{
    for (long i = 0; i < nslots; i++)
        if (slots[i].pid)
            kill(slots[i].pid, SIGKILL);
    for (size_t i = 0; i < pool.nexiting; i++)
        kill(pool.exiting[i], SIGKILL);
    for (long i = 0; i < nslots; i++) {
        slot *s = &slots[i];
        if (!s->pid)
            continue;
        int wstatus;
        close(s->fd);
        wait_for(s->pid, &wstatus);
        codec_buf_free(&s->buf);
        s->pid = 0;
    }
}

int workers_run(char *const *paths, size_t n,
                emit_source *results, const worker_limits *limits,
                const worker_events *events)
{
    long nslots = limits->jobs;
    if ((size_t)nslots > n)
        nslots = n ? (long)n : 1;
    slot *slots = pool.slots = calloc((size_t)nslots, sizeof *slots);
    struct pollfd *pfd = pool.pfd = calloc((size_t)nslots, sizeof *pfd);
    long *owner = pool.owner = calloc((size_t)nslots, sizeof *owner);
    if (!slots || !pfd || !owner)
        diag_out_of_memory();

    size_t next = 0;
    long active = 0;
    int sig = 0;
    while (next < n || active > 0) {
        /* Looked at before any new child is started, and again after
         * every poll(), which a signal interrupts. */
        if ((sig = interrupt_signal()) != 0) {
            stop_all(slots, nslots);
            break;
        }
        for (long i = 0; i < nslots && next < n && !interrupt_signal(); i++) {
            if (slots[i].pid)
                continue;
            size_t index = next;
            if (events->admit && events->admit(events->ctx, index)) {
                next++;
                i--;          /* the slot is still free */
                continue;
            }
            if (spawn(&slots[i], slots, nslots, paths, index, limits) == 0) {
                next++;
                active++;
            } else if (active == 0) {
                /* Nothing running will free resources: give up on this
                 * input rather than wait forever. */
                char reason[96];
                snprintf(reason, sizeof reason, "cannot start a worker: %s",
                         strerror(errno));
                set_failure(&results[index], paths[index], reason);
                if (events->done)
                    events->done(events->ctx, index, NULL, 0);
                next++;
            } else {
                break;        /* retried when a running child ends */
            }
        }
        if (active == 0)
            continue;

        long nfds = 0;
        for (long i = 0; i < nslots; i++) {
            if (!slots[i].pid)
                continue;
            pfd[nfds].fd = slots[i].fd;
            pfd[nfds].events = POLLIN;
            pfd[nfds].revents = 0;
            owner[nfds++] = i;
        }
        int ready = poll(pfd, (nfds_t)nfds, wait_ms(slots, nslots));
        if (ready < 0 && errno != EINTR)
            diag("poll: %s", strerror(errno));
        /* A signal from the terminal reaches the children too: those it
         * killed are not failures of their inputs to report. */
        if (interrupt_signal())
            continue;
        for (long k = 0; k < nfds && ready > 0; k++) {
            slot *s = &slots[owner[k]];
            if (pfd[k].revents && drain(s)) {
                finish(s, paths, results, limits, events);
                active--;
            }
        }
        double t = clock_seconds();
        for (long i = 0; i < nslots; i++) {
            slot *s = &slots[i];
            if (s->pid && s->deadline > 0 && t >= s->deadline) {
                kill(s->pid, SIGKILL);
                s->timed_out = 1;
                finish(s, paths, results, limits, events);
                active--;
            }
        }
        reap_exited(0);
        if (events->tick)
            events->tick(events->ctx);
    }
    reap_exited(1);
    free(pool.exiting);
    free(owner);
    free(pfd);
    free(slots);
    memset(&pool, 0, sizeof pool);
    return sig;
}
