/*
 * measure: runs a command several times and prints its median wall time
 * and peak resident memory, for `make bench`.
 *
 *     measure RUNS COMMAND [ARG]...
 *
 * prints one line "SECONDS KILOBYTES": the median wall-clock time of the
 * RUNS runs (after one run to warm the page cache, not counted), and the
 * median of their peak resident set sizes.  The peak is what wait4()
 * reports, the largest of the process and of every child it waited for,
 * so it covers ddor2csv's worker processes and a shell's commands alike.
 * The command's output goes to /dev/null; a run that fails stops
 * everything, since its time would mean nothing.
 */
#define _DEFAULT_SOURCE       /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One run: its wall time into *seconds and peak RSS (KB) into *kb. */
static int run_once(char **argv, double *seconds, long *kb)
{
    double start = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *seconds = now() - start;
    *kb = ru.ru_maxrss;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "measure: %s failed (status %d)\n", argv[0], status);
        return -1;
    }
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    int runs = argc > 2 ? atoi(argv[1]) : 0;
    if (runs < 1) {
        fprintf(stderr, "usage: measure RUNS COMMAND [ARG]...\n");
        return 2;
    }
    double *secs = calloc((size_t)runs, sizeof *secs);
    double *mem = calloc((size_t)runs, sizeof *mem);
    double s;
    long kb;
    if (run_once(argv + 2, &s, &kb) != 0)
        return 1;
    for (int i = 0; i < runs; i++) {
        if (run_once(argv + 2, &s, &kb) != 0)
            return 1;
        secs[i] = s;
        mem[i] = (double)kb;
    }
    printf("%.6f %.0f\n", median(secs, runs), median(mem, runs));
    free(secs);
    free(mem);
    return 0;
}
