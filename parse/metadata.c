/*
 * Report metadata from its prose: the period covered, the national total
 * of detainers issued, the number of declined detainers stated, and which
 * sections are present.  The prose is every line outside the tables, page
 * furniture aside, joined with spaces, so a sentence wrapped over two
 * lines reads whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "regex.h"
#include "cells.h"

/* [0-9] rather than \d throughout: patterns run with Unicode properties,
 * where \d would take any script's digits, which atoi cannot read. */
#define MONTH "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?"
#define DASH "(?:\\x{2013}|\\x{2014}|-|to|through|and|until)"

int is_section_heading(const char *text, unsigned *section)
{
    static regex *re;
    int cap[6];
    /* Case matters: "section 9(b)" of an executive order is prose.  Roman
     * numerals, or digits followed by a colon ("Section 2:"). */
    regex_get(&re, "^(?-i:Section|SECTION)\\s+(?:(?-i:(IV|III|II|I))\\s*[:.\\-\\x{2013}\\x{2014}]"
                   "|([1-4])\\s*:)", 0);
    if (!regex_match(re, text, strlen(text), cap, 3))
        return 0;
    if (cap[4] >= 0) {
        static const unsigned bit[] = { DDOR_SECTION_I, DDOR_SECTION_II,
                                        DDOR_SECTION_III, DDOR_SECTION_IV };
        *section = bit[text[cap[4]] - '1'];
        return 1;
    }
    int len = cap[3] - cap[2];
    *section = len == 1 ? DDOR_SECTION_I
             : len == 3 ? DDOR_SECTION_III
             : text[cap[2]] == 'I' && text[cap[2] + 1] == 'I' ? DDOR_SECTION_II
             : DDOR_SECTION_IV;
    return 1;
}

static int month_number(const char *s)
{
    static const char *const names = "janfebmaraprmayjunjulaugsepoctnovdec";
    char m[4] = { 0 };
    for (int i = 0; i < 3 && s[i]; i++)
        m[i] = (char)(s[i] | 0x20);
    const char *hit = strstr(names, m);
    return hit && (hit - names) % 3 == 0 ? (int)(hit - names) / 3 + 1 : 0;
}

static int group_int(const char *s, const int *cap, int g)
{
    return cap[2 * g] < 0 ? -1 : atoi(s + cap[2 * g]);
}

/* Validates a date through the cell recognizer and stores it as ISO. */
static int set_date(char out[11], int y, int m, int d)
{
    char buf[32];
    if (y < 100)
        y += 2000;
    snprintf(buf, sizeof buf, "%d/%d/%d", m, d, y);
    return cells_date(buf, out);
}

static void read_period(const char *prose, ddor_report *r)
{
    static regex *words, *numeric;
    int a[14], b[14];
    regex_get(&words, "\\b" MONTH "\\s+([0-9]{1,2})(?:,\\s*([0-9]{4}))?,?\\s*" DASH
                      "\\s*(?:" MONTH "\\s+)?([0-9]{1,2}),\\s*([0-9]{4})\\b", 0);
    regex_get(&numeric, "\\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\\s*" DASH
                        "\\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\\b", 0);
    size_t len = strlen(prose);
    int hw = regex_match(words, prose, len, a, 7);
    int hn = regex_match(numeric, prose, len, b, 7);
    if (hw && (!hn || a[0] <= b[0])) {
        int m1 = month_number(prose + a[2]);
        int m2 = a[8] >= 0 ? month_number(prose + a[8]) : m1;
        int y2 = group_int(prose, a, 6);
        int y1 = a[6] >= 0 ? group_int(prose, a, 3) : (m1 > m2 ? y2 - 1 : y2);
        if (set_date(r->period_start, y1, m1, group_int(prose, a, 2)) &&
            set_date(r->period_end, y2, m2, group_int(prose, a, 5)))
            return;
    } else if (hn) {
        if (set_date(r->period_start, group_int(prose, b, 3), group_int(prose, b, 1),
                     group_int(prose, b, 2)) &&
            set_date(r->period_end, group_int(prose, b, 6), group_int(prose, b, 4),
                     group_int(prose, b, 5)))
            return;
    }
    r->period_start[0] = r->period_end[0] = '\0';
}

/* The first number that PATTERN captures in any of its groups. */
static long stated(const char *prose, regex **slot, const char *pattern)
{
    int cap[8];
    regex *re = regex_get(slot, pattern, 0);
    if (!regex_match(re, prose, strlen(prose), cap, 4))
        return -1;
    for (int g = 1; g < 4; g++)
        if (cap[2 * g] >= 0) {
            char *num = regex_group(prose, cap, g);
            long v;
            int ok = cells_integer(num, &v);
            free(num);
            return ok ? v : -1;
        }
    return -1;
}

int metadata_names_report(const char *text)
{
    static regex *title;
    int cap[2];
    regex *re = regex_get(&title, "declined\\s+detainer", 0);
    return regex_match(re, text, strlen(text), cap, 1);
}

void metadata_read(const char *prose, const struct ddor_parser *p, ddor_report *r)
{
    static regex *issued, *declined;
    read_period(prose, r);
    r->detainers_issued = stated(prose, &issued,
        "\\bissued\\s+([0-9][0-9,]*)\\s+detainers\\b"
        "|\\b([0-9][0-9,]*)\\s+detainers\\s+(?:were\\s+)?issued\\b");
    r->declined_stated = stated(prose, &declined,
        "\\b([0-9][0-9,]*)\\s+declined\\s+detainers\\b"
        "|\\bdeclined\\s+(?:a\\s+total\\s+of\\s+)?([0-9][0-9,]*)\\s+(?:ICE\\s+)?detainers\\b"
        "|\\b([0-9][0-9,]*)\\s+(?:ICE\\s+)?detainers\\s+(?:were|have\\s+been|had\\s+been)\\s+declined\\b");

    /* A Declined Detainer (Outcome) Report names itself, in its title or
     * its running header (lines that are not prose, so each line was
     * looked at as its page arrived), and has its sections or tables. */
    int named = p->names_report || metadata_names_report(prose);
    r->is_ddor = named && (r->sections || r->tables);
}
