/*
 * The colours of the page images: one per column, the same for a column
 * wherever it is (the state column is blue in every table), none of them
 * red, which marks what the parser could not place.
 */
#include <string.h>
#include "explain.h"

static const struct {
    const char *role;
    double rgb[3];
} PALETTE[] = {
    { "state",       { 0.12, 0.47, 0.71 } },
    { "county",      { 1.00, 0.50, 0.05 } },
    { "facility",    { 0.17, 0.63, 0.17 } },
    { "citizenship", { 0.58, 0.40, 0.74 } },
    { "crime",       { 0.55, 0.34, 0.29 } },
    { "status",      { 0.89, 0.47, 0.76 } },
    { "issued",      { 0.74, 0.74, 0.13 } },
    { "declined",    { 0.09, 0.75, 0.81 } },
    { "rank",        { 0.40, 0.50, 0.60 } },
    { "count",       { 0.00, 0.50, 0.50 } },
    { "policy",      { 0.85, 0.65, 0.10 } },
};

#define NPALETTE (sizeof PALETTE / sizeof PALETTE[0])

const char *explain_role_at(size_t i)
{
    return i < NPALETTE ? PALETTE[i].role : NULL;
}

void explain_role_colour(const char *role, double rgb[3])
{
    for (size_t i = 0; i < NPALETTE; i++)
        if (strcmp(PALETTE[i].role, role) == 0) {
            memcpy(rgb, PALETTE[i].rgb, sizeof PALETTE[i].rgb);
            return;
        }
    rgb[0] = rgb[1] = rgb[2] = 0.45;  /* a column the palette does not know */
}
