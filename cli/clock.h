/* Seconds on the monotonic clock, for deadlines and rates; it does not
 * jump when the wall clock is set. */
#ifndef DDOR_CLI_CLOCK_H
#define DDOR_CLI_CLOCK_H

double clock_seconds(void);

#endif
