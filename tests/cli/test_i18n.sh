#!/bin/sh
# Translations: the catalogues are complete and up to date, every user-visible string is marked,
# Vietnamese is the default on a C.UTF-8 machine, and --lang / XASO_LANG / the config file / the
# locale choose English.
. tests/cli/lib.sh
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac

# --- where the catalogues are found (src/util/i18n.c) -----------------------------------------
# From any build folder: BUILD/xaso reads BUILD/locale, whatever BUILD is called.
DESC_VI="Quản lý kế hoạch chuyển đổi số"
env -u XASO_LOCALEDIR -u XASO_DATADIR -u XASO_LANG LANG=C.UTF-8 "$XASO" --help >"$TMP/out" 2>&1
expect_out "the program finds the catalogue of its own build folder ($(basename "$B"))" "$DESC_VI"
# Installed: PREFIX/bin/xaso reads PREFIX/share/locale (a copy elsewhere than the compiled PREFIX).
mkdir -p "$TMP/inst/bin" "$TMP/inst/share/locale/vi/LC_MESSAGES"
cp "$XASO" "$TMP/inst/bin/xaso"
env -u XASO_LOCALEDIR -u XASO_DATADIR -u XASO_LANG LANG=C.UTF-8 "$TMP/inst/bin/xaso" --help >"$TMP/out" 2>&1
# (the compiled-in PREFIX is the last place looked in: where xaso is installed there, as after the
# README's first command, the copy finds that catalogue, rightly)
if [ -f "${PREFIX:-/usr/local}/share/locale/vi/LC_MESSAGES/xaso.mo" ]; then
    pass "without a catalogue the messages stay in English # skip: xaso is installed in ${PREFIX:-/usr/local}"
elif grep -qF "$DESC_VI" "$TMP/out"; then
    fail "without a catalogue the messages stay in English" "$(head -n 3 "$TMP/out")"
else
    pass "without a catalogue the messages stay in English"
fi
cp "$B/locale/vi/LC_MESSAGES/xaso.mo" "$TMP/inst/share/locale/vi/LC_MESSAGES/"
env -u XASO_LOCALEDIR -u XASO_DATADIR -u XASO_LANG LANG=C.UTF-8 "$TMP/inst/bin/xaso" --help >"$TMP/out" 2>&1
expect_out "an installed program reads PREFIX/share/locale" "$DESC_VI"
# XASO_LOCALEDIR comes first.
mkdir -p "$TMP/mine/vi/LC_MESSAGES"
cat >"$TMP/mine.po" <<'EOF'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Keeps a commune's digital-transformation plans, progress and reports.\n\n"
msgstr "Danh mục riêng của tỉnh.\n\n"
EOF
msgfmt -o "$TMP/mine/vi/LC_MESSAGES/xaso.mo" "$TMP/mine.po"
env -u XASO_DATADIR -u XASO_LANG LANG=C.UTF-8 XASO_LOCALEDIR="$TMP/mine" "$TMP/inst/bin/xaso" --help >"$TMP/out" 2>&1
expect_out "XASO_LOCALEDIR overrides where the catalogue is read" "Danh mục riêng của tỉnh"

# The rest of the tests read this build's catalogues and forms.
[ "$B" = "$ROOT/build" ] || export XASO_LOCALEDIR="$B/locale" XASO_DATADIR="$ROOT"

# --- the catalogues -------------------------------------------------------------------------
stats=$(msgfmt --check --statistics -o /dev/null locale/vi.po 2>&1)
case "$stats" in
    *untranslated*|*fuzzy*) fail "vi.po is complete" "$stats" "$(msgattrib --untranslated --no-obsolete locale/vi.po | grep '^msgid' | head -n 10)" ;;
    *translated*) pass "vi.po is complete ($stats)" ;;
    *) fail "vi.po is complete" "$stats" ;;
esac
[ -z "$(msgattrib --only-fuzzy --no-obsolete locale/vi.po)" ] && pass "vi.po has no fuzzy entry" || fail "vi.po has no fuzzy entry"
msgfmt --check -o /dev/null locale/en.po 2>"$TMP/err" && pass "en.po compiles" || fail "en.po compiles" "$(head -c 600 "$TMP/err")"

# xaso.pot holds exactly the strings marked in the sources (make update-po was run).
make -s --no-print-directory BUILD="$TMP/pot" pot >/dev/null 2>"$TMP/err" || fail "strings can be extracted" "$(head -c 600 "$TMP/err")"
if msgcmp --use-untranslated locale/xaso.pot "$TMP/pot/xaso.pot" >"$TMP/err" 2>&1; then
    pass "every marked string is in xaso.pot"
else
    fail "every marked string is in xaso.pot (run make update-po, then translate)" "$(head -n 10 "$TMP/err")"
fi
if msgcmp --use-untranslated "$TMP/pot/xaso.pot" locale/xaso.pot >"$TMP/err" 2>&1; then
    pass "xaso.pot holds no string the sources no longer use"
else
    fail "xaso.pot holds no string the sources no longer use (run make update-po)" "$(head -n 10 "$TMP/err")"
fi
# every string of the sources has a Vietnamese translation (not only those in xaso.pot)
if msgcmp locale/vi.po "$TMP/pot/xaso.pot" >"$TMP/err" 2>&1; then
    pass "every marked string is translated into Vietnamese"
else
    fail "every marked string is translated into Vietnamese" "$(head -n 10 "$TMP/err")"
fi
# the same format specifiers, in the same order (msgfmt --check checks c-format entries)
msgfmt --check-format -o /dev/null locale/vi.po 2>"$TMP/err" && pass "vi.po keeps every format specifier" || fail "vi.po keeps every format specifier" "$(head -n 10 "$TMP/err")"

# --- unmarked strings -------------------------------------------------------------------------
if perl tests/cli/lint_i18n.pl src/*.c src/*/*.c >"$TMP/out" 2>&1; then
    pass "no user-visible string literal is left unmarked"
else
    fail "no user-visible string literal is left unmarked" "$(head -n 20 "$TMP/out")"
fi
# the lint itself finds what it should
printf 'void f(void) { printf("Hello %%s\\n", x); fprintf(stderr, "%%s\\n", y); puts(_("ok")); }\n' >"$TMP/lint.c"
perl tests/cli/lint_i18n.pl "$TMP/lint.c" >"$TMP/out" 2>&1
if grep -q 'printf("Hello' "$TMP/out" && [ "$(wc -l <"$TMP/out")" -eq 1 ]; then pass "the lint finds an unmarked string and only that"
else fail "the lint finds an unmarked string and only that" "$(cat "$TMP/out")"; fi

# --- the language in use ------------------------------------------------------------------------
# lib.sh: LANG=C.UTF-8, LC_ALL empty, no XASO_LANG, no LANGUAGE, an empty config folder.
run "$XASO" --help
expect_rc "--help exits 0" 0
expect_out "C.UTF-8: --help is Vietnamese" "Cách dùng: xaso"
expect_out "C.UTF-8: commands are explained in Vietnamese" "Các lệnh:"
expect_out "C.UTF-8: options in Vietnamese" "ngôn ngữ hiển thị (mặc định: tiếng Việt)"
if grep -qE 'Usage|Commands|Options|Exit codes' "$TMP/out"; then fail "no English left in the Vietnamese --help" "$(grep -E 'Usage|Commands|Options|Exit codes' "$TMP/out")"; else pass "no English left in the Vietnamese --help"; fi
if grep -q 'Project-Id-Version\|Plural-Forms' "$TMP/out"; then fail "an empty string is not translated into the catalogue header"; else pass "an empty string is not translated into the catalogue header"; fi
expect_out "summaries aligned by display width, not bytes" "  plan import TỆP…           nhập tệp kế hoạch"
run "$XASO" help search
expect_out "C.UTF-8: help for a command is Vietnamese" "tìm kế hoạch, chỉ tiêu, nhiệm vụ"
run "$XASO" frobnicate
expect_rc "unknown command: 64" 64
expect_err "C.UTF-8: errors are Vietnamese" "không có lệnh \"frobnicate\""
expect_err "C.UTF-8: the hint is Vietnamese" "Xem thêm: xaso --help"
run "$XASO" --db "$TMP/none.db" plan list
expect_rc "missing database: 66" 66
expect_err "C.UTF-8: a library error is Vietnamese" "chưa có cơ sở dữ liệu ở đây"
LANGUAGE=en run "$XASO" --help
expect_out "LANGUAGE is ignored (as glibc does in C.UTF-8)" "Cách dùng: xaso"
LC_ALL=C run "$XASO" --help
expect_out "LC_ALL=C: Vietnamese, the default" "Cách dùng: xaso"

run "$XASO" --lang en --help
expect_out "--lang en: --help is English" "Usage: xaso"
expect_out "--lang en: commands in English" "Commands:"
if grep -q 'Cách dùng\|Các lệnh' "$TMP/out"; then fail "no Vietnamese in the English --help"; else pass "no Vietnamese in the English --help"; fi
run "$XASO" --lang en frobnicate
expect_err "--lang en: errors are English" "unknown command \"frobnicate\""
expect_err "--lang en: the hint is English" "Try: xaso --help"
run "$XASO" --lang=en --db "$TMP/none.db" plan list
expect_err "--lang=en: a library error is English" "no database here"
XASO_LANG=en run "$XASO" --help
expect_out "XASO_LANG=en chooses English" "Usage: xaso"
XASO_LANG=en run "$XASO" --lang vi --help
expect_out "--lang wins over XASO_LANG" "Cách dùng: xaso"
LANG=en_US.UTF-8 run "$XASO" --help
expect_out "an English locale chooses English" "Usage: xaso"
LANG=en_US.UTF-8 LC_MESSAGES=vi_VN.UTF-8 run "$XASO" --help
expect_out "LC_MESSAGES before LANG" "Cách dùng: xaso"
mkdir -p "$XDG_CONFIG_HOME/xaso"
printf '# my settings\nlang = en\n' >"$XDG_CONFIG_HOME/xaso/config"
run "$XASO" --help
expect_out "lang = en in the config file chooses English" "Usage: xaso"
XASO_LANG=vi run "$XASO" --help
expect_out "XASO_LANG wins over the config file" "Cách dùng: xaso"
rm -f "$XDG_CONFIG_HOME/xaso/config"
run "$XASO" --lang fr --help
expect_rc "--lang fr is refused" 64
expect_err "--lang fr: said in Vietnamese" "không hỗ trợ ngôn ngữ \"fr\""

# --- numbers and periods on the command line (through the catalogue) ---------------------------
run "$XASO" --demo search "tap huan" --in tasks --limit 1
expect_out "results counted in Vietnamese" "1 kết quả"
run "$XASO" --lang en --demo search "tap huan" --in tasks --limit 2
expect_out "results counted in English, plural" "2 results"
finish
