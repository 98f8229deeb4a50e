/*
 * Command-line parsing with getopt_long.  GNU getopt's own messages would
 * be prefixed with argv[0] ("./build/ddor2csv: ..."), so it is silenced
 * and every usage error is reported here in the program's one-line form,
 * followed by the hint to --help, exit status 2.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../emit/emit.h"
#include "../explain/explain.h"
#include "diag.h"
#include "options.h"

#ifndef DDOR_VERSION
#error "DDOR_VERSION must be defined by the build (see the Makefile)"
#endif

#define DEFAULT_OUTDIR "ddor-csv"
#define DEFAULT_TIMEOUT 60          /* seconds; the demo takes a tenth of one */
#define DEFAULT_MAX_MEMORY 2048     /* MB; a 5,000-row report needs ~100 */
/* Bounds on what one input may hold, far above any real report, so that
 * none is ever refused, yet low enough that a hostile or broken file is
 * refused with a reason instead of running into the timeout or the memory
 * limit.  A real report is a few hundred kilobytes to a few megabytes. */
#define DEFAULT_MAX_SIZE 512        /* MB */
/* The longest real report has a few hundred pages; 2,000 pages of one
 * line take a third of a second, so 10,000 take a few seconds. */
#define DEFAULT_MAX_PAGES 10000
/* A dense table page holds one or two thousand words.  A page of 50,000
 * words takes about a second and 100 MB, one of 100,000 twice that: well
 * within the default timeout and memory, and the bound keeps a page of
 * millions of words from reaching them.  (Poppler reads a page's text
 * before the words are counted; its own cost is what --timeout and
 * --max-memory bound.) */
#define DEFAULT_MAX_WORDS 100000

/* Long-only options get values outside the range of characters. */
enum {
    OPT_STRICT = 256, OPT_EXCEL, OPT_TIMEOUT, OPT_FORCE, OPT_MAX_MEMORY,
    OPT_FORMAT, OPT_MAX_SIZE, OPT_MAX_PAGES, OPT_MAX_WORDS, OPT_EXPLAIN,
    OPT_HELP, OPT_VERSION, OPT_REMOVE, OPT_FRESH, OPT_NO_WAIT
};

static const char short_options[] = ":o:t:j:q";

static const struct option long_options[] = {
    { "outdir",  required_argument, NULL, 'o' },
    { "table",   required_argument, NULL, 't' },
    { "jobs",    required_argument, NULL, 'j' },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "force",   no_argument,       NULL, OPT_FORCE },
    { "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
    { "max-size",  required_argument, NULL, OPT_MAX_SIZE },
    { "max-pages", required_argument, NULL, OPT_MAX_PAGES },
    { "max-words", required_argument, NULL, OPT_MAX_WORDS },
    { "strict",  no_argument,       NULL, OPT_STRICT },
    { "excel",   no_argument,       NULL, OPT_EXCEL },
    { "format",  required_argument, NULL, OPT_FORMAT },
    { "explain", required_argument, NULL, OPT_EXPLAIN },
    { "remove",  required_argument, NULL, OPT_REMOVE },
    { "fresh",   no_argument,       NULL, OPT_FRESH },
    { "no-wait", no_argument,       NULL, OPT_NO_WAIT },
    { "quiet",   no_argument,       NULL, 'q' },
    { "help",    no_argument,       NULL, OPT_HELP },
    { "version", no_argument,       NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 }
};

/* "reports, declined_detainers, ..." into BUF, for help and errors. */
static void dataset_list(char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                 emit_dataset_names[i]);
    }
}

/* "Datasets: reports, ...", wrapped to fit an 80-column terminal. */
static void print_dataset_names(void)
{
    int column = printf("Datasets:");
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        int width = (int)strlen(emit_dataset_names[i]) + 2;
        if (column + 1 + width > 78)
            column = printf("\n ");
        column += printf(" %s%s", emit_dataset_names[i],
                         emit_dataset_names[i + 1] ? "," : ".");
    }
    printf("\n");
}

static void print_help(void)
{
    printf(
"Usage: " DIAG_PROGRAM " [OPTION]... REPORT.pdf|FOLDER|-...\n"
"Convert the PDF reports of ICE's Declined Detainer Outcome Report into CSV\n"
"datasets.  The output folder is an archive: each run adds its reports to\n"
"those already there, and every dataset holds all of them, every row tagged\n"
"with its report_id.  A FOLDER stands for every *.pdf file below it, in\n"
"sorted order; - reads such names from standard input, one per line.\n"
"\n"
"  -o, --outdir=DIR   the archive: every dataset as DIR/<dataset>.csv, and\n"
"                       DIR/datapackage.json that describes them\n"
"                       (default: ./" DEFAULT_OUTDIR ")\n"
"      --remove=ID|FILE  take a report out of DIR: by its report_id, or\n"
"                       the one with FILE's bytes or added as FILE\n"
"      --fresh        start DIR over with this run's reports only\n"
"      --no-wait      fail at once when another run is writing DIR,\n"
"                       instead of waiting for it\n"
"  -t, --table=NAME   write only dataset NAME, to standard output\n"
"  -j, --jobs=N       files to convert at once, N >= 1 (default: the number\n"
"                       of CPUs)\n"
"      --timeout=SECONDS  give up on a file after SECONDS (default: %d;\n"
"                       0: no limit)\n"
"      --max-memory=MB    memory one file may take (default: %d; 0: no limit)\n"
"      --max-size=MB      refuse a file larger than MB (default: %d; 0: no\n"
"                       limit)\n"
"      --max-pages=N      refuse a PDF of more than N pages (default: %d;\n"
"                       0: no limit)\n"
"      --max-words=N      refuse a PDF with a page of more than N words\n"
"                       (default: %d; 0: no limit)\n"
"      --force        parse every report again, even those whose result\n"
"                       DIR keeps from an earlier run\n"
"      --strict       exit with status 1 when any report has a warning\n"
"      --excel        UTF-8 byte-order mark and CRLF line ends, for\n"
"                       spreadsheet programs\n"
"      --format=LIST  the formats to write, a comma-separated list of:\n"
"                       csv (the default for a new DIR; then DIR's own);\n"
"                       jsonl, one JSON object per row, as\n"
"                       DIR/<dataset>.jsonl; xlsx, a workbook with a sheet\n"
"                       per dataset, DIR/ddor.xlsx; sqlite, a database\n"
"                       with a table per dataset, DIR/ddor.sqlite\n"
"                       (with -t: csv or jsonl, to stdout)\n"
"      --explain=DIR  also draw every page as DIR/<report_id>/page-001.png,\n"
"                       ... (%d dpi) with what was read on it marked, and\n"
"                       list the reports in DIR/index.html\n"
"  -q, --quiet        no progress or summary on standard error\n"
"      --help         display this help and exit\n"
"      --version      output version information and exit\n"
"\n", DEFAULT_TIMEOUT, DEFAULT_MAX_MEMORY, DEFAULT_MAX_SIZE,
       DEFAULT_MAX_PAGES, DEFAULT_MAX_WORDS, EXPLAIN_DPI);
    print_dataset_names();
    printf(
"\n"
"Exit status: 0 if every report was converted, 1 if any failed (or had a\n"
"warning, with --strict), 2 for bad usage.\n"
"\n"
"Examples:\n"
"  " DIAG_PROGRAM " -o out weekly-*.pdf\n"
"  " DIAG_PROGRAM " -t declined_detainers report.pdf > rows.csv\n"
"  find archive -name '*.pdf' -newer last-run | " DIAG_PROGRAM " -o out -\n"
"\n"
"The columns of each dataset are described in " DIAG_PROGRAM "(1).\n");
}

/* Help and version go to stdout; a failed write (a closed pipe, a full
 * disk) must not pass for success. */
static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        diag("write error: %s", strerror(errno));
        return 1;
    }
    return 0;
}

static int parse_jobs(const char *text, long *jobs)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || n < 1 || n > INT_MAX)
        return -1;
    *jobs = n;
    return 0;
}

/* SECONDS: a decimal number, 0 or more, at most a day. */
static int parse_seconds(const char *text, double *seconds)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !(v >= 0) ||
        v > 86400)
        return -1;
    *seconds = v;
    return 0;
}

/* MB: a whole number, 0 or more, below 2^40 (a terabyte in megabytes). */
static int parse_megabytes(const char *text, long *mb)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v < 0 ||
        v > (1L << 20) * 1024 - 1)
        return -1;
    *mb = v;
    return 0;
}

/* N: a whole number, 0 or more, at most a billion. */
static int parse_count(const char *text, long *n)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v < 0 ||
        v > 1000000000L)
        return -1;
    *n = v;
    return 0;
}

/* --format LIST: formats separated by commas, each named once or more;
 * the last --format given counts.  Returns 0, or -1 after the usage
 * message. */
static int parse_formats(const char *list, unsigned *formats)
{
    unsigned set = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        char name[16];
        int f = -1;
        if (len > 0 && len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            f = emit_format_named(name);
        }
        if (f < 0) {
            diag_usage("unknown format '%.*s' in --format '%s' (choose from "
                       "csv, jsonl, xlsx, sqlite, separated by commas)",
                       (int)(len < 64 ? len : 64), p, list);
            return -1;
        }
        set |= EMIT_FORMAT_BIT(f);
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    *formats = set;
    return 0;
}

static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? n : 1;
}

/* The option as the user typed it, for messages: "--outdir" or "-o". */
static void report_missing_argument(char **argv, int optind_now, int opt)
{
    const char *arg = optind_now > 0 ? argv[optind_now - 1] : "";
    if (strncmp(arg, "--", 2) == 0)
        diag_usage("option '%s' requires an argument", arg);
    else
        diag_usage("option requires an argument -- '%c'", opt);
}

/* GNU getopt sets optopt to 0 for an unknown long option, to the option's
 * value for a long option given an argument it does not take, and to the
 * character for an unknown short option. */
static void report_unknown_option(char **argv, int optind_now, int opt)
{
    const char *arg = optind_now > 0 ? argv[optind_now - 1] : "";
    if (opt == 0) {
        diag_usage("unrecognized option '%s'", arg);
        return;
    }
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == opt && o->has_arg == no_argument &&
            strncmp(arg, "--", 2) == 0 && strchr(arg, '=')) {
            diag_usage("option '--%s' doesn't allow an argument", o->name);
            return;
        }
    diag_usage("invalid option -- '%c'", opt);
}

int options_parse(int argc, char **argv, cli_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->outdir = DEFAULT_OUTDIR;
    opt->jobs = 0;
    opt->timeout = DEFAULT_TIMEOUT;
    opt->max_memory_mb = DEFAULT_MAX_MEMORY;
    opt->max_size_mb = DEFAULT_MAX_SIZE;
    opt->max_pages = DEFAULT_MAX_PAGES;
    opt->max_words = DEFAULT_MAX_WORDS;
    opterr = 0;

    int c;
    while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (optarg[0] == '\0') {
                diag_usage("the output folder name is empty");
                return 2;
            }
            opt->outdir = optarg;
            break;
        case 't':
            if (!emit_is_dataset(optarg)) {
                char names[512];
                dataset_list(names, sizeof names);
                diag_usage("unknown dataset '%s' (choose from %s)", optarg, names);
                return 2;
            }
            opt->table = optarg;
            break;
        case 'j':
            if (parse_jobs(optarg, &opt->jobs) != 0) {
                diag_usage("invalid number of jobs '%s' (a whole number, at least 1)",
                           optarg);
                return 2;
            }
            break;
        case 'q':
            opt->quiet = 1;
            break;
        case OPT_TIMEOUT:
            if (parse_seconds(optarg, &opt->timeout) != 0) {
                diag_usage("invalid timeout '%s' (seconds, 0 for no limit)",
                           optarg);
                return 2;
            }
            break;
        case OPT_MAX_MEMORY:
            if (parse_megabytes(optarg, &opt->max_memory_mb) != 0) {
                diag_usage("invalid memory limit '%s' (megabytes, 0 for no limit)",
                           optarg);
                return 2;
            }
            break;
        case OPT_MAX_SIZE:
            if (parse_megabytes(optarg, &opt->max_size_mb) != 0) {
                diag_usage("invalid file size limit '%s' (megabytes, 0 for no limit)",
                           optarg);
                return 2;
            }
            break;
        case OPT_MAX_PAGES:
            if (parse_count(optarg, &opt->max_pages) != 0) {
                diag_usage("invalid page limit '%s' (a whole number, 0 for no limit)",
                           optarg);
                return 2;
            }
            break;
        case OPT_MAX_WORDS:
            if (parse_count(optarg, &opt->max_words) != 0) {
                diag_usage("invalid word limit '%s' (a whole number, 0 for no limit)",
                           optarg);
                return 2;
            }
            break;
        case OPT_FORCE:
            opt->force = 1;
            break;
        case OPT_REMOVE: {
            char **grown = realloc(opt->removals,
                                   (size_t)(opt->nremovals + 1) * sizeof *grown);
            if (!grown)
                diag_out_of_memory();
            opt->removals = grown;
            opt->removals[opt->nremovals++] = optarg;
            break;
        }
        case OPT_FRESH:
            opt->fresh = 1;
            break;
        case OPT_NO_WAIT:
            opt->no_wait = 1;
            break;
        case OPT_STRICT:
            opt->strict = 1;
            break;
        case OPT_EXCEL:
            opt->excel = 1;
            break;
        case OPT_FORMAT:
            if (parse_formats(optarg, &opt->formats) != 0)
                return 2;
            break;
        case OPT_EXPLAIN:
            if (optarg[0] == '\0') {
                diag_usage("the --explain folder name is empty");
                return 2;
            }
            opt->explain_dir = optarg;
            break;
        case OPT_HELP:
            print_help();
            return finish_stdout();
        case OPT_VERSION:
            printf(DIAG_PROGRAM " " DDOR_VERSION "\n");
            return finish_stdout();
        case ':':
            report_missing_argument(argv, optind, optopt);
            return 2;
        default:
            report_unknown_option(argv, optind, optopt);
            return 2;
        }
    }

    /* The byte-order mark and CRLF are for spreadsheet programs that
     * open CSV; the other formats have their own encodings. */
    if (opt->excel && opt->formats && !(opt->formats & EMIT_FORMAT_BIT(EMIT_CSV))) {
        diag_usage("--excel applies to CSV only, and --format does not ask for csv");
        return 2;
    }
    /* -t writes one dataset to a pipe: a text stream, one format. */
    if (opt->table && opt->formats &&
        opt->formats != EMIT_FORMAT_BIT(EMIT_CSV) &&
        opt->formats != EMIT_FORMAT_BIT(EMIT_JSONL)) {
        diag_usage("-t writes one dataset to standard output as csv or jsonl; "
                   "xlsx, sqlite and lists are written to an output folder");
        return 2;
    }
    /* A run may only take reports out of the archive. */
    if (optind >= argc && !opt->nremovals) {
        diag_usage("no input files");
        return 2;
    }
    if (opt->table && (opt->nremovals || opt->fresh)) {
        diag_usage("--remove and --fresh change an archive folder, not -t's output");
        return 2;
    }
    if (opt->jobs == 0)
        opt->jobs = online_cpus();
    opt->inputs = argv + optind;
    opt->ninputs = argc - optind;
    return OPTIONS_RUN;
}

void options_free(cli_options *opt)
{
    free(opt->removals);
    opt->removals = NULL;
    opt->nremovals = 0;
}
