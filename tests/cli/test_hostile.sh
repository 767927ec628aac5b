#!/bin/sh
# Hostile plan files: refused quickly, with a message, in bounded memory, changing nothing.
. tests/cli/lib.sh
export XASO_LANG=en
DB="$TMP/office.db"
run "$XASO" --db "$DB" plan import "$ROOT/tests/fixtures/small-plan.yaml"; expect_rc "setup" 0
before=$(sqlite3 "$DB" .dump | sha256sum)
unchanged() { [ "$(sqlite3 "$DB" .dump | sha256sum)" = "$before" ] && pass "$1 changes nothing" || fail "$1 changes nothing"; }
# peak memory of a run in KiB (GNU time is not installed everywhere: use /proc via a wrapper)
peak_kb() { "$@" >/dev/null 2>&1 & pid=$!; max=0
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null); [ -n "$kb" ] && [ "$kb" -gt "$max" ] && max=$kb
        sleep 0.02; done; wait "$pid"; echo "$max"; }

# "Billion laughs": nested aliases would expand to 10^9 items.
cat > "$TMP/laughs.yaml" <<'YAML'
xaso-plan: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
YAML
run "$XASO" --db "$DB" plan import "$TMP/laughs.yaml"
expect_rc "billion laughs is refused" 65; expect_err "billion laughs: anchors refused at their place" "laughs.yaml:2:4: anchors"
unchanged "billion laughs"

# Deep nesting: 100,000 levels of [ ... ]
awk 'BEGIN { printf "xaso-plan: 1\nplan: "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' > "$TMP/deep.yaml"
run "$XASO" --db "$DB" plan import "$TMP/deep.yaml"
expect_rc "deep nesting is refused" 65; expect_err "deep nesting message" "nesting deeper than"
unchanged "deep nesting"

# A 100 MB file: refused by size without reading it all.
head -c 100000000 /dev/zero | tr '\0' 'a' > "$TMP/huge.yaml"
kb=$(peak_kb "$XASO" --db "$DB" plan import "$TMP/huge.yaml")
run "$XASO" --db "$DB" plan import "$TMP/huge.yaml"
expect_rc "a 100 MB file is refused" 65; expect_err "a 100 MB file: too large" "too large"
case "$BUILD" in
*asan*) echo "# memory not measured under the sanitizers ($kb KiB with their shadow memory)" ;;
*) [ "$kb" -lt 100000 ] && pass "refusing 100 MB takes less than 100 MB of memory ($kb KiB)" \
       || fail "refusing 100 MB takes less than 100 MB of memory" "$kb KiB" ;;
esac
unchanged "a 100 MB file"

# Many small items (a long but legal list): bounded by the node limit or accepted.
awk 'BEGIN { print "xaso-plan: 1\nplan: {key: k, title: t}\nunits:"; for (i = 0; i < 3000000; i++) print "  - x" }' > "$TMP/many.yaml"
run "$XASO" --db "$DB" plan import "$TMP/many.yaml"
expect_rc "three million list items are refused" 65; expect_err "many items message" "too many values"
unchanged "many items"

# A UTF-8 byte-order mark is accepted (Windows editors write one).
printf '\357\273\277' > "$TMP/bom.yaml"; cat "$ROOT/tests/fixtures/small-plan.yaml" >> "$TMP/bom.yaml"
run "$XASO" --db "$TMP/bom.db" plan import "$TMP/bom.yaml"
expect_rc "a file with a BOM imports" 0
# NUL bytes and UTF-16 are refused with a message
printf 'xaso-plan: 1\000\n' > "$TMP/nul.yaml"
run "$XASO" --db "$DB" plan import "$TMP/nul.yaml"; expect_rc "a NUL byte is refused" 65; expect_err "NUL message" "NUL byte"
printf '\377\376x\000a\000' > "$TMP/utf16.yaml"
run "$XASO" --db "$DB" plan import "$TMP/utf16.yaml"; expect_rc "UTF-16 is refused" 65
unchanged "NUL and UTF-16 files"
# Escape sequences in names are stored without the control characters
sed 's/name: "Tỷ lệ phủ sóng 5G"/name: "Tỷ lệ \\e]0;pwned\\a\\e[2J phủ sóng 5G"/' "$ROOT/tests/fixtures/small-plan.yaml" > "$TMP/esc.yaml"
run "$XASO" --db "$TMP/esc.db" plan import "$TMP/esc.yaml"; expect_rc "a name with escape sequences imports" 0
run sqlite3 "$TMP/esc.db" "SELECT count(*) FROM target WHERE name GLOB '*'||char(27)||'*' OR name GLOB '*'||char(7)||'*'"
expect_out "no control character is stored" "0"
finish
