#!/bin/sh
# Screens and command-line examples for the user guides, made by the real program.
#
#   sh docs/guide/captures.sh [OUTDIR]      write every capture as OUTDIR/NAME-vi.txt, NAME-en.txt
#                                           (default docs/guide/captures)
#   sh docs/guide/captures.sh --rewrite DIR GUIDE…
#                                           put DIR/NAME.txt between the markers of each GUIDE:
#                                             <!-- capture: NAME -->
#                                             ```text
#                                             …
#                                             ```
#                                             <!-- /capture -->
#   sh docs/guide/captures.sh --compare DIR GUIDE…
#                                           print the name of every marked block that differs
#                                           from DIR/NAME.txt (or has no capture); exit 1 if any
#
# `make guide` runs the first two; tests/cli/test_guide.sh the first and the third. Everything runs
# with a fixed date (XASO_TODAY, XASO_NOW), a temporary HOME and the demo database, once in the
# default language (Vietnamese, "-vi") and once with XASO_LANG=en ("-en"), so a capture changes
# only when the program does.
#
# Screens: every docs/guide/scripts/NAME.script (the headless syntax of tests/tui/scripts: press,
# type, resize, dump) runs on its own fresh copy of the demo; each `dump X` becomes the capture
# X-vi / X-en. A NAME.setup beside it runs first as the first-run office set-up, on no database.
# Command-line examples: the `cli` lines below, run in order in one folder per language.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# ---------- rewrite and compare: the marked blocks of the guides ----------
blocks_awk='
function flush_block() {
    if (mode == "rewrite") {
        print "```text"
        while ((getline line < (dir "/" name ".txt")) > 0) print line
        close(dir "/" name ".txt")
        print "```"
    } else {
        file = dir "/" name ".txt"; want = ""; n = 0
        while ((getline line < file) > 0) { want = want line "\n"; n++ }
        close(file)
        if (n == 0 || got != want) { print FILENAME ": " name; bad = 1 }
    }
}
/^<!-- capture: [A-Za-z0-9._-]+ -->$/ {
    if (inblock) { print FILENAME ":" FNR ": capture " name " is not closed" > "/dev/stderr"; bad = 1 }
    name = $3; inblock = 1; got = ""; fence = 0
    if (mode == "rewrite") print
    next
}
/^<!-- \/capture -->$/ && inblock {
    flush_block(); inblock = 0
    if (mode == "rewrite") print
    next
}
inblock {
    # inside: the fences are ours; the text between them is the capture
    if ($0 ~ /^```/) { fence++; next }
    if (fence == 1) got = got $0 "\n"
    next
}
mode == "rewrite" { print }
END {
    if (inblock) { print FILENAME ": capture " name " is not closed" > "/dev/stderr"; bad = 1 }
    exit bad
}'

if [ "${1:-}" = --rewrite ] || [ "${1:-}" = --compare ]; then
    mode=${1#--}
    dir=$2
    shift 2
    status=0
    for guide in "$@"; do
        if [ "$mode" = rewrite ]; then
            for name in $(sed -n 's/^<!-- capture: \([A-Za-z0-9._-]*\) -->$/\1/p' "$guide"); do
                [ -f "$dir/$name.txt" ] || { echo "$guide: no capture $name in $dir" >&2; status=1; }
            done
            [ "$status" -eq 0 ] || continue
            awk -v mode=rewrite -v dir="$dir" "$blocks_awk" "$guide" >"$guide.tmp" &&
                mv "$guide.tmp" "$guide" || { rm -f "$guide.tmp"; status=1; }
        else
            awk -v mode=compare -v dir="$dir" "$blocks_awk" "$guide" || status=1
        fi
    done
    exit $status
fi

# ---------- generate ----------
OUT=${1:-$ROOT/docs/guide/captures}
case "$OUT" in /*) ;; *) OUT="$(pwd)/$OUT" ;; esac
XASO=${XASO_BIN:-$ROOT/build/xaso}
case "$XASO" in /*) ;; *) XASO="$ROOT/$XASO" ;; esac
[ -x "$XASO" ] || { echo "captures.sh: no program at $XASO (run make)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.txt

export XASO_TODAY=2026-11-23 XASO_NOW=2026-11-23T08:00:00Z NO_COLOR='' USER=canbo
export LANG=C.UTF-8 LC_ALL='' XASO_DATADIR="$ROOT"
export XDG_CONFIG_HOME=/nonexistent/xaso-config # the help screen shows this path
# the translations built with this program (BUILD/locale), not those of another build
if [ -d "$(dirname "$XASO")/locale" ]; then
    XASO_LOCALEDIR="$(dirname "$XASO")/locale"
    export XASO_LOCALEDIR
fi
unset XASO_DB XASO_LANG LANGUAGE XASO_SCRIPT XASO_SETUP_SCRIPT XASO_SCRIPT_OUTPUT XASO_SCRIPT_TERM \
    XDG_DATA_HOME XASO_PIN XASO_NEW_PIN XASO_PASSPHRASE XASO_BROWSE_START
failures=0

# The demo, built once and copied for each script and each language.
export HOME="$TMP/demo-home"
mkdir -p "$HOME"
"$XASO" --demo plan list >/dev/null 2>"$TMP/demo.log" ||
    { echo "captures.sh: the demo does not build: $(cat "$TMP/demo.log")" >&2; exit 1; }
DEMO_DATA="$HOME/.local/share/xaso"

# A pretend USB stick with a scanned minute and a photo, for the evidence screens.
make_media() { # DIR
    mkdir -p "$1/USB/Tai-lieu"
    printf '%%PDF-1.4\n%% Biên bản nghiệm thu\n%%%%EOF\n' >"$1/USB/bien-ban-nghiem-thu.pdf"
    printf '\377\330\377\340\000\020JFIF\000' >"$1/USB/anh-lop-tap-huan.jpg"
}

lang_env() { # LANG_CODE: the environment of one language
    if [ "$1" = en ]; then export XASO_LANG=en; else unset XASO_LANG; fi
}

for script in "$ROOT"/docs/guide/scripts/*.script; do
    [ -f "$script" ] || continue
    name=$(basename "$script" .script)
    for lang in vi en; do
        dir="$TMP/screens/$name-$lang"
        export HOME="$dir/home"
        mkdir -p "$HOME/.local/share" "$dir/out"
        make_media "$dir/out/media"
        (
            lang_env "$lang"
            cd "$dir/out" || exit 1
            if [ -f "${script%.script}.setup" ]; then
                XASO_SETUP_SCRIPT="${script%.script}.setup" XASO_SCRIPT="$script" "$XASO"
            else
                cp -R "$DEMO_DATA" "$HOME/.local/share/xaso"
                XASO_BROWSE_START=media XASO_SCRIPT="$script" "$XASO" --demo
            fi
        ) >"$dir/log" 2>&1
        rc=$?
        if [ "$rc" -ne 0 ]; then
            echo "captures.sh: $name ($lang) exit $rc: $(head -c 400 "$dir/log")" >&2
            failures=$((failures + 1))
        fi
        for dump in "$dir/out"/*; do
            [ -f "$dump" ] && cp "$dump" "$OUT/$(basename "$dump")-$lang.txt"
        done
    done
done

# ---------- command-line examples ----------
# cli NAME MAXLINES ARG… : runs `xaso ARG…` in the language's folder; the capture shows the
# command as typed ("$ xaso …"), then what it printed (stdout and stderr, in order), cut after
# MAXLINES lines (0: all; FIRST+LAST: the first and the last lines) with "…", then the exit code when it is not 0. Paths under the
# temporary HOME read as ~.
quote() {
    for a in "$@"; do
        case "$a" in
        *[!A-Za-z0-9_./:=,@%+-]* | '') printf ' "%s"' "$a" ;;
        *) printf ' %s' "$a" ;;
        esac
    done
}
cli() {
    name=$1 max=$2
    shift 2
    file="$OUT/$name-$lang.txt"
    printf '$ xaso%s\n' "$(quote "$@")" >"$file"
    "$XASO" "$@" >"$TMP/cli.out" 2>&1
    rc=$?
    sed -e "s|$HOME|~|g" -e "s|$WORK/||g" -e "s|$WORK|.|g" "$TMP/cli.out" >"$TMP/cli.clean"
    first=${max%+*} last=0
    case "$max" in *+*) last=${max#*+} ;; esac
    if [ $((first + last)) -gt 0 ] && [ "$(wc -l <"$TMP/cli.clean")" -gt $((first + last)) ]; then
        head -n "$first" "$TMP/cli.clean" >>"$file"
        echo "…" >>"$file"
        [ "$last" -gt 0 ] && tail -n "$last" "$TMP/cli.clean" >>"$file"
    else
        cat "$TMP/cli.clean" >>"$file"
    fi
    if [ "$rc" -ne 0 ]; then
        if [ "$lang" = vi ]; then echo "(mã thoát $rc)" >>"$file"; else echo "(exit code $rc)" >>"$file"; fi
    fi
}

for lang in vi en; do
    WORK="$TMP/cli-$lang"
    export HOME="$WORK/home"
    mkdir -p "$HOME/.local/share" "$WORK/usb"
    cp -R "$DEMO_DATA" "$HOME/.local/share/xaso"
    cp "$ROOT/forms/plans/ngoc-son-2026.yaml" "$WORK/"
    make_media "$WORK"
    cp "$WORK/USB/bien-ban-nghiem-thu.pdf" "$WORK/bien-ban.pdf"
    lang_env "$lang"
    cd "$WORK" || exit 1

    # Help and version
    cli version 0 --version
    cli help-report-build 0 help report build
    # First set-up of an office's own database, importing the province's plan
    cli init 0 init --code 16012 --name "UBND phường Ngọc Sơn" --province "Thanh Hóa" --level phuong
    cli plan-import 0 plan import ngoc-son-2026.yaml
    cli plan-import-again 0 plan import ngoc-son-2026.yaml
    cli plan-list 0 plan list
    # Progress, values and evidence on the demo
    cli progress-set 0 --demo progress set --plan 27/KH-UBND --task PL2.8 --period 2026Q3 \
        --status in-progress --completion 80 --done "Đã khảo sát 12 tổ dân phố"
    cli value-set 0 --demo value set --plan 27/KH-UBND --target II.2.1-2 --period 2026Q3 \
        --numerator 45 --denominator 60
    cli evidence-add 0 --demo evidence add --plan 27/KH-UBND --task PL2.1 --period 2026Q3 bien-ban.pdf
    cli evidence-list 0 --demo evidence list --plan 27/KH-UBND --period 2026Q3
    cli search-cli 8 --demo search chuyen doi so --limit 5
    # Checking, finalising, building and verifying the report
    cli report-check 4+1 --demo report check --plan 27/KH-UBND --period 2026Q3
    cli report-finalise 2+2 --demo report finalise --plan 27/KH-UBND --period 2026Q3
    cli report-build 0 --demo report build --plan 27/KH-UBND --period 2026Q3 -o usb
    bundle=$(ls usb/*.zip 2>/dev/null | head -n 1)
    cli bundle-verify 0 bundle verify "${bundle:-usb/none.zip}"
    # The receiving side (the province, or the commune's standing office): its own database
    cli recv-init 0 --db tinh.db init --code 38 --name "Sở Khoa học và Công nghệ tỉnh Thanh Hóa" \
        --province "Thanh Hóa" --level tinh
    "$XASO" --db tinh.db plan import ngoc-son-2026.yaml >/dev/null 2>&1
    cli sender-add 0 --db tinh.db sender add ngoc-son "UBND phường Ngọc Sơn"
    cli bundle-import 0 --db tinh.db bundle import usb
    cli bundle-receipts 0 --db tinh.db bundle receipts
    cli received-matrix 0 --db tinh.db received matrix --plan 27/KH-UBND --from 2026Q1 --to 2026Q4
    cli received-missing 0 --db tinh.db received missing --period 2026Q3
    cli bundle-return 0 --db tinh.db bundle return ngoc-son 27/KH-UBND 2026Q3 \
        --reason "Thiếu minh chứng nhiệm vụ PL2.5" -o usb
    returned=$(ls usb/*.json 2>/dev/null | head -n 1)
    # Back at the commune: the returned report
    cli report-receipt 0 --demo report receipt "${returned:-usb/none.json}"
    # a returned report is corrected directly, finalised and built again
    cli returned-fix 0 --demo evidence add --plan 27/KH-UBND --task PL2.5 --period 2026Q3 bien-ban.pdf
    cli report-finalise-again 0+2 --demo report finalise --plan 27/KH-UBND --period 2026Q3
    cli report-build-again 0 --demo report build --plan 27/KH-UBND --period 2026Q3 -o usb
    # reopening a finalised or packaged report, to change it before it is sent
    cli report-reopen 0 --demo report reopen --plan 27/KH-UBND --period 2026Q3 \
        --reason "Bổ sung kết quả nhiệm vụ PL2.8"
    # Backups of the office's own database
    cli backup 0 backup -o ban-sao.db
    cli restore 0 restore ban-sao.db
    cd "$ROOT" || exit 1
done

# No capture may be empty: a script that dumps nothing or a command that printed nothing is a
# mistake in this file.
for f in "$OUT"/*.txt; do
    [ -s "$f" ] || { echo "captures.sh: empty capture $(basename "$f")" >&2; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ]
