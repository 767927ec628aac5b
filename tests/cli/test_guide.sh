#!/bin/sh
# The user guides and the man pages cannot fall behind the program:
# - every screen and command example in docs/guide/{vi,en} is regenerated from the program
#   (docs/guide/captures.sh, headless and with a fixed date) and must equal the marked block in the
#   guide; a difference names the capture (fix: `make guide`, then review `git diff docs/guide`);
# - both guides have the same sections (anchors) and the same captures, and their links resolve;
# - every command and option that `xaso --help` and `xaso help COMMAND` list is in xaso(1);
# - the man pages render without groff warnings; `make install` installs them and the guides.
. tests/cli/lib.sh
GUIDE_VI="$ROOT/docs/guide/vi/huong-dan-su-dung.md"
GUIDE_EN="$ROOT/docs/guide/en/user-guide.md"
MAN1="$ROOT/docs/man/xaso.1"

# ---------- captures ----------
if XASO_BIN="$XASO" sh "$ROOT/docs/guide/captures.sh" "$TMP/captures" >"$TMP/cap.log" 2>&1; then
    pass "the captures are generated"
else
    fail "the captures are generated" "$(head -c 800 "$TMP/cap.log")"
fi
sh "$ROOT/docs/guide/captures.sh" --compare "$TMP/captures" "$GUIDE_VI" "$GUIDE_EN" \
    >"$TMP/differ" 2>&1
n=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    name=${line##*: }
    diff_text=$(awk -v n="$name" '$0 == "<!-- capture: " n " -->" {on = 1; next}
        on && /^<!-- \/capture -->$/ {exit} on && !/^```/ {print}' "${line%%: *}" |
        diff - "$TMP/captures/$name.txt" 2>&1 | head -n 12)
    fail "guide capture $name matches the program (run make guide)" "${line%%: *}" "$diff_text"
done <"$TMP/differ"
[ "$n" -eq 0 ] && pass "every capture in the guides matches the program"
# every capture is shown (a script that dumps what no guide shows is a mistake)
unused=$(for f in "$TMP"/captures/*.txt; do
    n=$(basename "$f" .txt)
    grep -qx "<!-- capture: $n -->" "$GUIDE_VI" "$GUIDE_EN" || echo "$n"
done)
[ -z "$unused" ] && pass "every capture is shown in a guide" ||
    fail "every capture is shown in a guide" "unused: $(echo $unused)"
total=$(grep -c '^<!-- capture: ' "$GUIDE_VI" "$GUIDE_EN" | awk -F: '{s += $2} END {print s}')
[ "$total" -gt 40 ] && pass "the guides show $total captures" || fail "the guides show captures" "only $total"

# ---------- the two guides have the same structure ----------
anchors() { sed -n 's/^<a id="\([a-z0-9-]*\)"><\/a>$/\1/p' "$1"; }
captures() { sed -n 's/^<!-- capture: \(.*\)-\(vi\|en\) -->$/\1/p' "$1"; }
anchors "$GUIDE_VI" >"$TMP/a-vi"; anchors "$GUIDE_EN" >"$TMP/a-en"
captures "$GUIDE_VI" >"$TMP/c-vi"; captures "$GUIDE_EN" >"$TMP/c-en"
expect_same "the guides have the same sections (anchors)" "$TMP/a-vi" "$TMP/a-en"
expect_same "the guides show the same captures" "$TMP/c-vi" "$TMP/c-en"
if grep -q '^<!-- capture: .*-en -->$' "$GUIDE_VI" || grep -q '^<!-- capture: .*-vi -->$' "$GUIDE_EN"; then
    fail "each guide shows captures in its own language"
else
    pass "each guide shows captures in its own language"
fi
for guide in "$GUIDE_VI" "$GUIDE_EN"; do
    anchors "$guide" >"$TMP/anchors"
    bad=$(grep -o '](#[a-z0-9-]*)' "$guide" | sed 's/](#\(.*\))/\1/' | sort -u |
        while read -r a; do grep -qx "$a" "$TMP/anchors" || echo "$a"; done)
    [ -z "$bad" ] && pass "links resolve in $(basename "$guide")" ||
        fail "links resolve in $(basename "$guide")" "no anchor: $bad"
done

# ---------- context help: every screen has a section in both guides ----------
# F1 on a screen shows the guide's section named by the table in src/util/guide.c
# (tests/unit/test_guide.c checks that each of its anchors has text in both guides); here: every
# screen of the interface (tui_screen_ops.id in src/tui) has an entry in that table. Forms are
# exempt (their F1 explains the field: forms/forms/NAME.yaml), and so is the help screen itself.
awk '/tui_screen_ops [A-Za-z_]+ = \{/ {look = 3}
    look > 0 { if (match($0, /"[a-z][a-z-]*"/)) { print substr($0, RSTART + 1, RLENGTH - 2); look = 0; next }
               look-- }' "$ROOT"/src/tui/*.c | sort -u >"$TMP/screens"
sed -n '/help_entries\[\] = {/,/^};/p' "$ROOT/src/util/guide.c" | grep -o '{"[a-z-]*"' | tr -d '{"' |
    sort -u >"$TMP/helped"
unhelped=$(grep -vxF -f "$TMP/helped" "$TMP/screens" | grep -vx 'form\|help')
[ "$(wc -l <"$TMP/screens")" -ge 10 ] && [ -z "$unhelped" ] &&
    pass "every screen ($(wc -l <"$TMP/screens" | tr -d ' ')) has a help section (src/util/guide.c)" ||
    fail "every screen has a help section in src/util/guide.c" "none for: $(echo $unhelped)"
for anchor in $(sed -n '/help_entries\[\] = {/,/^};/p' "$ROOT/src/util/guide.c" |
        grep -o '"[a-z-]*"},' | tr -d '"},'); do
    grep -qx "<a id=\"$anchor\"></a>" "$GUIDE_VI" || echo "vi:$anchor"
    grep -qx "<a id=\"$anchor\"></a>" "$GUIDE_EN" || echo "en:$anchor"
done >"$TMP/no-anchor"
[ ! -s "$TMP/no-anchor" ] && pass "every help anchor is in both guides" ||
    fail "every help anchor is in both guides" "missing: $(tr '\n' ' ' <"$TMP/no-anchor")"

# ---------- xaso(1) covers every command and option ----------
XASO_LANG=en "$XASO" --help >"$TMP/help" 2>&1
sed -n '/^Commands:/,/^$/p' "$TMP/help" | sed -n 's/^  \([a-z][a-z-]*\)\( [a-z][a-z-]*\)\{0,1\}\( .*\)\{0,1\}$/\1\2/p' |
    sed 's/ *$//' >"$TMP/commands"
[ "$(wc -l <"$TMP/commands")" -ge 10 ] && pass "--help lists $(wc -l <"$TMP/commands") commands" ||
    fail "--help lists the commands" "$(cat "$TMP/commands")"
sed 's/\\-/-/g' "$MAN1" >"$TMP/man1" # roff's \- is a plain -
missing=""
while IFS= read -r cmd; do
    if ! grep -qx "\.SS $cmd" "$TMP/man1"; then missing="$missing [$cmd]"; continue; fi
    # each option of the command's usage line is described in its section
    XASO_LANG=en "$XASO" help $cmd 2>/dev/null | head -n 1 | grep -o -- '--[a-z][a-z-]*' | sort -u |
        while read -r opt; do
            awk -v c=".SS $cmd" '$0 == c {on = 1; next} on && /^\.S[HS] / {exit} on {print}' \
                "$TMP/man1" | grep -q -- "$opt" || echo "[$cmd $opt]"
        done >>"$TMP/missing-opts"
done <"$TMP/commands"
[ -z "$missing" ] && pass "xaso.1 has a section for every command" ||
    fail "xaso.1 has a section for every command" "missing:$missing"
[ ! -s "$TMP/missing-opts" ] && pass "xaso.1 describes every option of every command" ||
    fail "xaso.1 describes every option of every command" "missing: $(tr '\n' ' ' <"$TMP/missing-opts")"
# and the other way: every command xaso.1 describes is one the program has
awk '/^\.SH COMMANDS/ {on = 1; next} on && /^\.SH / {exit} on && /^\.SS / {sub(/^\.SS /, ""); print}' \
    "$TMP/man1" >"$TMP/man-commands"
extra=$(grep -vxF -f "$TMP/commands" "$TMP/man-commands")
[ -s "$TMP/man-commands" ] && [ -z "$extra" ] &&
    pass "every command in xaso.1 is one the program has" ||
    fail "every command in xaso.1 is one the program has" "not in --help: $(echo $extra)"
# the exit codes: those --help lists are those xaso.1 describes
sed -n 's/^Exit codes: //p' "$TMP/help" | grep -o '[0-9][0-9]*' | sort -n >"$TMP/codes-help"
awk '/^\.SH EXIT STATUS/ {on = 1; next} on && /^\.SH / {exit} on && /^\.B [0-9]+$/ {print $2}' \
    "$TMP/man1" | sort -n >"$TMP/codes-man"
expect_same "--help and xaso.1 list the same exit codes" "$TMP/codes-help" "$TMP/codes-man"
grep -q -- '--user LOGIN' "$TMP/help" && head -n 1 "$TMP/help" | grep -q -- '--user' &&
    pass "--help shows the global --user option" || fail "--help shows the global --user option"
XASO_LANG=en "$XASO" help plan import >"$TMP/help-cmd" 2>&1
grep -q 'man xaso, section plan import' "$TMP/help-cmd" && grep -q -- '--user LOGIN' "$TMP/help-cmd" &&
    pass "help COMMAND names the global options and the man page" ||
    fail "help COMMAND names the global options and the man page" "$(cat "$TMP/help-cmd")"
for opt in $(sed -n '/^Options:/,/^$/p' "$TMP/help" | grep -o -- '^  --[a-z-]*'); do
    grep -q -- "$opt" "$TMP/man1" || echo "$opt"
done >"$TMP/missing-global"
[ ! -s "$TMP/missing-global" ] && pass "xaso.1 describes every global option" ||
    fail "xaso.1 describes every global option" "$(cat "$TMP/missing-global")"
for var in $(grep -rhoE 'getenv\("[A-Z_]+"\)' "$ROOT/src" | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
    case $var in XASO_TEST_*|XASO_SCRIPT*|XASO_SETUP_SCRIPT|XASO_BROWSE_START|HOME|USER) continue ;; esac
    grep -q "$var" "$TMP/man1" || echo "$var"
done >"$TMP/missing-env"
[ ! -s "$TMP/missing-env" ] && pass "xaso.1 describes every environment variable the program reads" ||
    fail "xaso.1 describes every environment variable" "$(tr '\n' ' ' <"$TMP/missing-env")"

# ---------- the man pages render cleanly ----------
if command -v groff >/dev/null 2>&1; then
    for page in "$ROOT"/docs/man/*.[15]; do
        groff -k -man -Tutf8 -ww -z "$page" >"$TMP/groff" 2>&1
        [ ! -s "$TMP/groff" ] && pass "$(basename "$page") renders without warnings" ||
            fail "$(basename "$page") renders without warnings" "$(head -n 5 "$TMP/groff")"
    done
else
    pass "# skip: groff is not installed (apt-get install groff-base)"
fi

# ---------- make install puts them where man and the interface find them ----------
DEST="$TMP/root"
run make -s -C "$ROOT" BUILD="$BUILD" PREFIX=/usr/local DESTDIR="$DEST" install
expect_rc "make install" 0
for f in share/man/man1/xaso.1 share/man/man5/xaso-plan.5 share/man/man5/xaso-bundle.5 \
         share/doc/xaso/huong-dan-su-dung.md share/doc/xaso/user-guide.md; do
    [ -f "$DEST/usr/local/$f" ] && pass "installed: $f" || fail "installed: $f"
done
if command -v man >/dev/null 2>&1; then
    MANPATH="$DEST/usr/local/share/man" man -P cat xaso 2>/dev/null | grep -q "bundle verify" &&
        pass "man xaso works after install" || fail "man xaso works after install"
fi
run make -s -C "$ROOT" BUILD="$BUILD" PREFIX=/usr/local DESTDIR="$DEST" uninstall
[ -e "$DEST/usr/local/share/man/man1/xaso.1" ] || [ -e "$DEST/usr/local/share/doc/xaso" ] &&
    fail "uninstall removes the man pages and guides" || pass "uninstall removes the man pages and guides"
finish
