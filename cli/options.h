/* The command line of ddor2csv: what the user asked for, validated. */
#ifndef DDOR_CLI_OPTIONS_H
#define DDOR_CLI_OPTIONS_H

typedef struct {
    const char *outdir;       /* -o: folder of the datasets */
    const char *table;        /* -t: the one dataset for stdout, or NULL */
    long jobs;                /* -j: files at once (validated, >= 1) */
    double timeout;           /* --timeout: seconds per file; 0: none */
    long max_memory_mb;       /* --max-memory: per worker; 0: none */
    long max_size_mb;         /* --max-size: per input file; 0: none */
    long max_pages;           /* --max-pages: per input; 0: none */
    long max_words;           /* --max-words: per page; 0: none */
    int force;                /* --force: parse every input again */
    int strict;               /* --strict: warnings fail the run */
    int excel;                /* --excel: BOM + CRLF */
    unsigned formats;         /* --format: EMIT_FORMAT_BITs; 0 is CSV */
    int quiet;                /* -q: no progress or summary */
    const char *explain_dir;  /* --explain: folder of page images, or NULL */
    char **removals;          /* --remove ID|FILE, in order (malloc'd) */
    int nremovals;
    int fresh;                /* --fresh: start the archive over */
    int no_wait;              /* --no-wait: fail when another run holds DIR */
    char **inputs;            /* the REPORT.pdf arguments, in order */
    int ninputs;
} cli_options;

/* What options_parse decided. */
enum {
    OPTIONS_RUN = -1          /* convert the inputs; otherwise exit status */
};

/* Parses ARGV into *OPT.  Returns OPTIONS_RUN, or the status to exit with
 * at once: 0 after --help or --version, 1 when those could not be written,
 * 2 after a usage error (already reported on stderr). */
int options_parse(int argc, char **argv, cli_options *opt);

void options_free(cli_options *opt);

#endif
