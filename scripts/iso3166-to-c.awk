# iso3166-to-c.awk: Debian iso-codes JSON -> C tables of parse/iso3166.h.
#
#   awk -f scripts/iso3166-to-c.awk iso_3166-1.json iso_3166-2.json > iso3166.gen.c
#
# The country names are taken from the distribution's data rather than typed
# by hand, so they follow ISO's renamings (Türkiye, Czechia, North Macedonia)
# without anyone editing a list.
#
# The input is the pretty-printed JSON that iso-codes ships: one object per
# entry, each member on its own line as  "key": "string",  and the closing
# brace on a line of its own.  The reader is line oriented and relies on
# nothing else: member order, indentation and trailing commas may change.
# It must run under mawk (Debian's default awk), so it uses only POSIX awk.
#
# Strings are decoded from JSON (\" \\ \/ \b \f \n \r \t \uXXXX, surrogate
# pairs included) and re-encoded as C string literals.  UTF-8 text such as
# "Côte d'Ivoire" is passed through byte for byte; \u escapes become octal
# UTF-8 bytes, so the output does not depend on the awk's locale.  A '?' is
# always escaped so that no "??x" can be read as a C trigraph.

BEGIN {
    hexdigits = "0123456789abcdef"
    ncountries = 0
    nus = 0
    inobj = 0
}

# The member list of each entry starts afresh at every opening brace.
/^[ \t]*\{[ \t\r]*$/ {
    inobj = 1
    split("", member)
    next
}

/^[ \t]*\}[ \t]*,?[ \t\r]*$/ {
    if (inobj)
        flush_entry()
    inobj = 0
    next
}

inobj && /^[ \t]*"[A-Za-z0-9_]+"[ \t]*:[ \t]*"/ {
    line = $0
    sub(/^[ \t]*"/, "", line)
    key = line
    sub(/".*$/, "", key)
    sub(/^[A-Za-z0-9_]+"[ \t]*:[ \t]*"/, "", line)
    sub(/[ \t]*,?[ \t\r]*$/, "", line)
    if (!closed_string(line)) {
        printf("%s:%d: unterminated string\n", FILENAME, FNR) > "/dev/stderr"
        failed = 1
        exit 1
    }
    member[key] = json_to_c(substr(line, 1, length(line) - 1))
    next
}

# Whether S ends with a quote that is not itself escaped (an odd number of
# backslashes before it would make it part of the string).
function closed_string(s,    n, k) {
    n = length(s)
    if (n == 0 || substr(s, n, 1) != "\"")
        return 0
    k = 0
    while (n - 1 - k >= 1 && substr(s, n - 1 - k, 1) == "\\")
        k++
    return k % 2 == 0
}

# An entry of iso_3166-1 has an alpha_2 member; one of iso_3166-2 a code.
function flush_entry(    code) {
    if ("alpha_2" in member) {
        if (!("name" in member)) {
            printf("%s:%d: %s has no name\n", FILENAME, FNR, member["alpha_2"]) > "/dev/stderr"
            failed = 1
            exit 1
        }
        ncountries++
        c_alpha2[ncountries] = member["alpha_2"]
        c_name[ncountries] = member["name"]
        c_official[ncountries] = ("official_name" in member) ? member["official_name"] : ""
        c_common[ncountries] = ("common_name" in member) ? member["common_name"] : ""
    } else if ("code" in member && member["code"] ~ /^US-[A-Z][A-Z]$/) {
        code = member["code"]
        nus++
        u_code[nus] = substr(code, 4, 2)
        u_name[nus] = member["name"]
        u_type[nus] = ("type" in member) ? member["type"] : ""
    }
}

# JSON string body -> C string literal body.
function json_to_c(s,    out, i, n, ch, nx, cp, lo) {
    out = ""
    n = length(s)
    for (i = 1; i <= n; i++) {
        ch = substr(s, i, 1)
        if (ch == "\\") {
            i++
            nx = substr(s, i, 1)
            if (nx == "\"")      out = out "\\\""
            else if (nx == "\\") out = out "\\\\"
            else if (nx == "/")  out = out "/"
            else if (nx == "b")  out = out "\\b"
            else if (nx == "f")  out = out "\\f"
            else if (nx == "n")  out = out "\\n"
            else if (nx == "r")  out = out "\\r"
            else if (nx == "t")  out = out "\\t"
            else if (nx == "u") {
                cp = hex4(substr(s, i + 1, 4))
                i += 4
                # A high surrogate followed by an escaped low one is one
                # code point beyond the Basic Multilingual Plane.
                if (cp >= 55296 && cp <= 56319 && substr(s, i + 1, 2) == "\\u") {
                    lo = hex4(substr(s, i + 3, 4))
                    if (lo >= 56320 && lo <= 57343) {
                        cp = 65536 + (cp - 55296) * 1024 + (lo - 56320)
                        i += 6
                    }
                }
                out = out utf8_octal(cp)
            } else {
                printf("%s:%d: bad escape \\%s\n", FILENAME, FNR, nx) > "/dev/stderr"
                failed = 1
                exit 1
            }
        } else if (ch == "\"") {
            out = out "\\\""
        } else if (ch == "?") {
            out = out "\\?"
        } else {
            out = out ch
        }
    }
    return out
}

function hex4(h,    v, k, d) {
    if (h !~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) {
        printf("%s:%d: bad \\u escape\n", FILENAME, FNR) > "/dev/stderr"
        failed = 1
        exit 1
    }
    h = tolower(h)
    v = 0
    for (k = 1; k <= 4; k++) {
        d = index(hexdigits, substr(h, k, 1)) - 1
        v = v * 16 + d
    }
    return v
}

# The UTF-8 bytes of code point CP, each as a three-digit octal escape
# (three digits, so a following digit cannot extend the escape).
function utf8_octal(cp) {
    if (cp < 128)
        return octal(cp)
    if (cp < 2048)
        return octal(192 + int(cp / 64)) octal(128 + cp % 64)
    if (cp < 65536)
        return octal(224 + int(cp / 4096)) octal(128 + int(cp / 64) % 64) octal(128 + cp % 64)
    return octal(240 + int(cp / 262144)) octal(128 + int(cp / 4096) % 64) \
           octal(128 + int(cp / 64) % 64) octal(128 + cp % 64)
}

function octal(b) {
    return sprintf("\\%o%o%o", int(b / 64), int(b / 8) % 8, b % 8)
}

function cstr(s) {
    return (s == "") ? "NULL" : "\"" s "\""
}

END {
    if (failed)
        exit 1
    # Every later step trusts these tables, so an input that yields nothing
    # (a changed file layout, a wrong path) must fail the build, not produce
    # an empty list.
    if (ncountries < 200 || nus < 50) {
        printf("iso3166-to-c.awk: only %d countries and %d US subdivisions read; input layout changed?\n",
               ncountries, nus) > "/dev/stderr"
        exit 1
    }
    print "/* Generated by scripts/iso3166-to-c.awk from Debian's iso-codes; do not edit. */"
    print "#include <stddef.h>"
    print "#include \"iso3166.h\""
    print ""
    print "const iso3166_country iso3166_countries[] = {"
    for (i = 1; i <= ncountries; i++)
        printf("    { \"%s\", %s, %s, %s },\n", c_alpha2[i], cstr(c_name[i]),
               cstr(c_official[i]), cstr(c_common[i]))
    print "};"
    printf("const size_t iso3166_ncountries = %d;\n\n", ncountries)
    print "const iso3166_us_subdivision iso3166_us[] = {"
    for (i = 1; i <= nus; i++)
        printf("    { \"%s\", %s, %s },\n", u_code[i], cstr(u_name[i]), cstr(u_type[i]))
    print "};"
    printf("const size_t iso3166_nus = %d;\n", nus)
}
