/* PCRE2 compile-once cache; see regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "regex.h"

struct regex {
    pcre2_code *code;
    pcre2_match_data *md;
    regex **slot;             /* reset to NULL by regex_cleanup */
    struct regex *next;
};

static regex *all;

regex *regex_get(regex **slot, const char *pattern, unsigned flags)
{
    if (*slot)
        return *slot;
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_CASELESS | PCRE2_UCP | flags,
                                     &err, &off, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "ddor2csv: bad pattern at %zu: %s: %s\n",
                (size_t)off, msg, pattern);
        abort();
    }
    /* JIT makes the row recognizers several times faster; without JIT
     * support PCRE2 interprets, which is merely slower. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    regex *re = malloc(sizeof *re);
    if (!re)
        abort();
    re->code = code;
    re->md = pcre2_match_data_create_from_pattern(code, NULL);
    if (!re->md)
        abort();
    re->slot = slot;
    re->next = all;
    all = re;
    *slot = re;
    return re;
}

int regex_match(regex *re, const char *subject, size_t len, int *cap, int ncap)
{
    /* NO_UTF_CHECK would be faster, but text from a damaged PDF may hold
     * invalid UTF-8, which must fail the match rather than crash it. */
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md, NULL);
    if (rc < 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    int pairs = (int)pcre2_get_ovector_count(re->md);
    for (int i = 0; i < ncap; i++) {
        if (i < pairs && i < rc && ov[2 * i] != PCRE2_UNSET) {
            cap[2 * i] = (int)ov[2 * i];
            cap[2 * i + 1] = (int)ov[2 * i + 1];
        } else {
            cap[2 * i] = cap[2 * i + 1] = -1;
        }
    }
    return 1;
}

char *regex_group(const char *subject, const int *cap, int g)
{
    int a = cap[2 * g], b = cap[2 * g + 1];
    size_t n = (a < 0 || b < a) ? 0 : (size_t)(b - a);
    char *s = malloc(n + 1);
    if (!s)
        abort();
    if (n)
        memcpy(s, subject + a, n);
    s[n] = '\0';
    return s;
}

void regex_cleanup(void)
{
    while (all) {
        regex *next = all->next;
        pcre2_match_data_free(all->md);
        pcre2_code_free(all->code);
        *all->slot = NULL;
        free(all);
        all = next;
    }
}
