/* Running the program under a subreaper; see subreaper.h. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "subreaper.h"
#include "testkit.h"

/* How long a worker runs before the signal: long enough that it is in
 * its conversion (or its fault), not still starting. */
#define SETTLE_S 0.3
/* How long the program may take to start a worker at all. */
#define START_LIMIT_S 20.0

/* The parent of process PID, from /proc/PID/stat; -1 when it is gone.
 * The command name may hold spaces and parentheses, so the fields are
 * read after the last ')'. */
static pid_t parent_of(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t got = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[got] = '\0';
    char *end = strrchr(line, ')');
    char state;
    long ppid;
    if (!end || sscanf(end + 1, " %c %ld", &state, &ppid) != 2)
        return -1;
    return (pid_t)ppid;
}

/* How many processes have PARENT for parent; with KILL, each is sent
 * SIGKILL too. */
static int children_of(pid_t parent, int kill_them)
{
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 0 || parent_of((pid_t)pid) != parent)
            continue;
        n++;
        if (kill_them)
            kill((pid_t)pid, SIGKILL);
    }
    closedir(d);
    return n;
}

static pid_t start(const sr_spec *spec)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (spec->env_name)
            setenv(spec->env_name, spec->env_value, 1);
        FILE *null = freopen("/dev/null", "w", stdout);
        null = null ? freopen("/dev/null", "w", stderr) : NULL;
        (void)null;
        execv(spec->argv[0], (char *const *)spec->argv);
        _exit(127);
    }
    return pid;
}

/* Waits until process PID has a child, for START_LIMIT_S at most. */
static int await_worker(pid_t pid)
{
    double limit = tk_now() + START_LIMIT_S;
    while (tk_now() < limit) {
        if (children_of(pid, 0) > 0)
            return 1;
        tk_sleep(0.01);
    }
    return 0;
}

/* The subreaper: runs the program, then counts and collects whatever of
 * it is left.  Writes the outcome to FD. */
static _Noreturn void harness(const sr_spec *spec, int fd)
{
    sr_outcome o = { 0 };
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
        _exit(2);
    double t0 = tk_now();
    pid_t pid = start(spec);
    if (pid < 0)
        _exit(2);
    if (spec->signal) {
        o.had_worker = await_worker(pid);
        tk_sleep(SETTLE_S);
        t0 = tk_now();
        kill(pid, spec->signal);
    }
    while (waitpid(pid, &o.status, 0) < 0)
        if (errno != EINTR)
            _exit(2);
    o.seconds = tk_now() - t0;
    /* The program's own children were re-parented here before it could
     * be waited for: whatever is here now, zombie or running, it left. */
    o.left = children_of(getpid(), 1);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
        ;
    if (write(fd, &o, sizeof o) != (ssize_t)sizeof o)
        _exit(2);
    _exit(0);
}

int sr_run(const sr_spec *spec, sr_outcome *outcome)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        harness(spec, p[1]);
    }
    close(p[1]);
    ssize_t got;
    while ((got = read(p[0], outcome, sizeof *outcome)) < 0 && errno == EINTR)
        ;
    close(p[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return got == (ssize_t)sizeof *outcome && WIFEXITED(status) &&
                   WEXITSTATUS(status) == 0
               ? 0
               : -1;
}
