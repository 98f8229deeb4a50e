/* The wording of failures; see reasons.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reasons.h"

/* A reason is a few dozen bytes: a process that cannot find them cannot
 * go on either, and the worker running it is reported as failed. */
static void *must(void *p)
{
    if (!p)
        abort();
    return p;
}

char *reason_text(const char *text)
{
    return must(strdup(text));
}

char *reason_join(const char *reason, const char *detail)
{
    if (!detail || !*detail)
        return reason_text(reason);
    size_t size = strlen(reason) + 2 + strlen(detail) + 1;
    char *text = must(malloc(size));
    snprintf(text, size, "%s: %s", reason, detail);
    return text;
}

void reason_grouped(long long n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? 0 : n);
    int out = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
}

char *reason_over_limit(const char *what, const char *found,
                        const char *option, long limit)
{
    char *text = must(malloc(128));
    snprintf(text, 128, "%s (%s > --%s %ld)", what, found, option, limit);
    return text;
}
