/* Internal to convert/: the reasons a conversion fails, worded as users
 * read them in reports.csv and on standard error.  Memory for a reason is
 * a few bytes; running out of it aborts, as it does in the parser. */
#ifndef DDOR_CONVERT_REASONS_H
#define DDOR_CONVERT_REASONS_H

/* A malloc'd copy of TEXT. */
char *reason_text(const char *text);

/* "REASON: DETAIL", or REASON alone when there is no detail (malloc'd). */
char *reason_join(const char *reason, const char *detail);

/* N with a comma between groups of three digits: "50,000". */
void reason_grouped(long long n, char buf[32]);

/* "too many pages (2,001 > --max-pages 2000)": what went over which
 * option, the option's value as the user would type it (malloc'd). */
char *reason_over_limit(const char *what, const char *found,
                        const char *option, long limit);

#endif
