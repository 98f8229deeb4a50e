/* printf into a string of the right size: paths and reasons in emit/. */
#ifndef DDOR_EMIT_TEXT_FORMAT_H
#define DDOR_EMIT_TEXT_FORMAT_H

/* A malloc'd string, or NULL with errno ENOMEM. */
char *text_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
