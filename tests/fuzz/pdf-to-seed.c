/*
 * pdf-to-seed: the pages of a PDF, as extract reads them, in the parser
 * fuzzer's input format (page_codec.h), so that fuzzing starts from the
 * layouts of real reports.
 *
 *   pdf-to-seed IN.pdf OUTDIR
 *
 * writes OUTDIR/NAME.txt (every page: the cross-page paths) and
 * OUTDIR/NAME-pN.txt (page N alone: small inputs mutate faster), where
 * NAME is IN's base name without ".pdf".  The output depends only on the
 * PDF and on Poppler's reading of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../extract/extract.h"
#include "page_codec.h"

static FILE *create(const char *dir, const char *name, int page)
{
    char path[4096];
    if (page > 0)
        snprintf(path, sizeof path, "%s/%s-p%d.txt", dir, name, page);
    else
        snprintf(path, sizeof path, "%s/%s.txt", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        perror(path);
    return f;
}

static int finish(FILE *f)
{
    return (ferror(f) | fclose(f)) ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: pdf-to-seed IN.pdf OUTDIR\n");
        return 2;
    }
    extract_status st;
    extract_doc *doc = extract_open(argv[1], &st, NULL);
    if (!doc) {
        fprintf(stderr, "pdf-to-seed: %s: %s\n", argv[1], extract_status_reason(st));
        return 1;
    }
    const char *base = strrchr(argv[1], '/');
    char name[256];
    snprintf(name, sizeof name, "%s", base ? base + 1 : argv[1]);
    char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".pdf") == 0)
        *dot = '\0';

    int rc = 0;
    FILE *all = create(argv[2], name, 0);
    if (!all)
        rc = 1;
    for (int i = 0; rc == 0 && i < extract_page_count(doc); i++) {
        extract_page page;
        if (extract_load_page(doc, i, &page) != EXTRACT_OK) {
            fprintf(stderr, "pdf-to-seed: %s: page %d unreadable\n", argv[1], i + 1);
            rc = 1;
            break;
        }
        fuzz_page_encode(all, &page);
        FILE *one = create(argv[2], name, i + 1);
        if (one)
            fuzz_page_encode(one, &page);
        if (!one || finish(one) != 0)
            rc = 1;
        extract_page_free(&page);
    }
    if (all && finish(all) != 0)
        rc = 1;
    extract_close(doc);
    return rc;
}
