# The layout sweep's table, from the records tests/sweep/run writes into
# OUTDIR/layouts.tsv, one a line, fields separated by tabs:
#
#   layout NAME PRODUCER      starts a layout
#   params LINE               what the layout is
#   skipped REASON            not tried (LibreOffice missing)
#   unmade REASON             its PDF or expected datasets could not be made
#   unscored REASON           converted, but no score came out
#   dataset ... / report ...  its score (format: tests/sweep/score.c)
#   converted STATUS MESSAGE  ddor2csv's exit status and first message
#
# Prints, per producer and in total, the layouts, the expected Section II
# rows, the exact-match F1 of each dataset, the reports with a warning or
# an error, the lines left unparsed, the reports whose stated count is not
# their rows, the layouts with no PDF and those failing; then what fails
# in each failing layout.  Variables: elapsed (seconds), out (the folder).
# Exit status 1 when any layout fails, 2 on a record it does not know.

BEGIN {
    FS = "\t"
    SECTION_II = "declined_detainers"
    TOTAL = "total"
}

$1 == "layout"    { finish(); begin($2, $3); next }
$1 == "params"    { params = $2; next }
$1 == "skipped"   { skipped = $2; next }
$1 == "unmade"    { unmade = $2; next }
$1 == "unscored"  { unscored = $2; next }
$1 == "dataset"   { dataset($2, $3, $4, $5); next }
$1 == "report"    { report($2, $3, $4, $5); next }
$1 == "converted" { exit_status = $2; stderr_line = $3; next }
{
    printf "table.awk: line %d: unknown record '%s'\n", NR, $1 > "/dev/stderr"
    broken = 1
    exit 2
}

function begin(layout_name, layout_producer) {
    name = layout_name
    producer = layout_producer
    params = skipped = unmade = unscored = differs = ""
    exit_status = stderr_line = status = stated = rows = message = ""
    reports = 0
    if (!(producer in known_producer)) {
        known_producer[producer] = 1
        producers[++nproducers] = producer
    }
}

# Adds N to counter WHAT of this layout's producer and of the total.
function tally(what, n) {
    count[producer, what] += n
    count[TOTAL, what] += n
}

function join(a, b, sep) {
    return a == "" ? b : b == "" ? a : a sep b
}

function dataset(ds, expected, extracted, matched) {
    if (!(ds in known_dataset)) {
        known_dataset[ds] = 1
        datasets[++ndatasets] = ds
    }
    tally("expected " ds, expected)
    tally("extracted " ds, extracted)
    tally("matched " ds, matched)
    if (ds == SECTION_II)
        tally("rows", expected)
    if (matched != expected || matched != extracted)
        differs = differs sprintf("\n    %s: %d of %d rows missing, %d rows not expected",
                                  ds, expected - matched, expected, extracted - matched)
}

function report(report_status, declined_stated, declined_rows, report_message) {
    reports++
    status = report_status
    stated = declined_stated
    rows = declined_rows
    message = report_message
    if (status == "warning" || status == "error")
        tally(status, 1)
    # "unparsed lines: 2 in tables (first: ...)", doc/ddor2csv.1, CHECKS
    if (match(message, /unparsed lines: [0-9]+/))
        tally("unparsed", substr(message, RSTART + 16, RLENGTH - 16))
    if (stated != "" && stated != rows)
        tally("miscounted", 1)
}

# Ends the layout read so far: counts it, and keeps what fails in it.
function finish(    why) {
    if (name == "")
        return
    if (skipped != "") {
        tally("skipped", 1)
        skip_reason[producer] = skipped
        return
    }
    tally("layouts", 1)
    if (unmade != "") {
        tally("unmade", 1)
        why = "no PDF: " unmade
    } else if (unscored != "") {
        why = unscored
    } else {
        tally("scored", 1)
        if (reports == 0)
            why = sprintf("no reports.csv (ddor2csv exit status %s%s)", exit_status,
                          stderr_line == "" ? "" : ": " stderr_line)
        else if (status != "ok")
            why = "status " status
        if (reports > 0 && stated != "" && stated != rows)
            why = join(why, "stated " stated ", rows " rows, "; ")
        if (why == "" && differs != "")
            why = "datasets differ"
    }
    if (why == "")
        return
    tally("failing", 1)
    failure[++nfailures] = name " (" producer "): " why "\n    params: " params \
        (message == "" ? "" : "\n    message: " message) differs
}

# Exact-match F1 of dataset DS over the layouts of P scored: with
# P = matched/extracted and R = matched/expected, 2PR/(P+R) is
# 2 matched/(expected + extracted), which is also right when either is
# 0; 1 when both are.  Truncated, not rounded, so that 1.000 means every
# row.
function f1(p, ds,    e, x) {
    if (!count[p, "scored"])
        return "-"
    e = count[p, "expected " ds]
    x = count[p, "extracted " ds]
    if (e + x == 0)
        return "1.000"
    return sprintf("%.3f", int(2000 * count[p, "matched " ds] / (e + x)) / 1000)
}

function table_row(label, p,    i) {
    printf "%-12s %7d %8d", label, count[p, "layouts"], count[p, "rows"]
    for (i = 1; i <= ndatasets; i++)
        printf " %8s", f1(p, datasets[i])
    printf " %7d %5d %8d %10d %6d %7d\n", count[p, "warning"], count[p, "error"],
           count[p, "unparsed"], count[p, "miscounted"], count[p, "unmade"],
           count[p, "failing"]
}

END {
    finish()
    if (broken)
        exit 2
    printf "%29s %s\n", "", "exact-match F1 of each dataset's rows"
    printf "%-12s %7s %8s", "producer", "layouts", "II rows"
    for (i = 1; i <= ndatasets; i++) {
        heading = datasets[i]
        sub(/_.*/, "", heading)
        printf " %8s", heading
    }
    printf " %7s %5s %8s %10s %6s %7s\n", "warning", "error", "unparsed",
           "miscounted", "no PDF", "failing"
    for (i = 1; i <= nproducers; i++)
        if (count[producers[i], "layouts"])
            table_row(producers[i], producers[i])
    table_row(TOTAL, TOTAL)
    print ""
    print "II rows: Section II rows expected.  reports ... country: exact-match F1 of"
    print "  each dataset's rows (1.000: every row, nothing more).  warning, error:"
    print "  reports of that status.  unparsed: lines left unparsed in tables."
    print "  miscounted: reports whose stated count is not their rows.  no PDF:"
    print "  layouts whose PDF could not be made.  failing: any of these."
    for (i = 1; i <= nproducers; i++)
        if (count[producers[i], "skipped"])
            printf "\nSKIPPED: %d %s layouts (%s)\n", count[producers[i], "skipped"],
                   producers[i], skip_reason[producers[i]]
    if (nfailures) {
        printf "\nfailing layouts: %d of %d (each one's files in %s/NAME/)\n",
               nfailures, count[TOTAL, "layouts"], out
        for (i = 1; i <= nfailures; i++)
            print failure[i]
    }
    printf "\n%d layouts, %d failing%s, in %d s\n", count[TOTAL, "layouts"], nfailures,
           count[TOTAL, "skipped"] ? ", " count[TOTAL, "skipped"] " SKIPPED" : "", elapsed
    exit (nfailures > 0 ? 1 : 0)
}
