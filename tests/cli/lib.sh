# Helpers for command-line tests: TAP-like "ok - name" / "not ok - name" lines.
# Each test script sources this file and calls `finish` at the end.
set -u
XASO=${XASO_BIN:-build/xaso}
case "$XASO" in /*) ;; *) XASO="$(pwd)/$XASO" ;; esac
ROOT=$(pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config"
unset XASO_DB XASO_LANG LANGUAGE
export LANG=C.UTF-8 LC_ALL=
mkdir -p "$HOME"
_fails=0

pass() { echo "ok - $1"; }
fail() { echo "not ok - $1"; shift; for line in "$@"; do echo "#   $line"; done; _fails=$((_fails + 1)); }

# run CMD… : runs, keeping stdout in $TMP/out, stderr in $TMP/err and the exit code in $rc.
run() { "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }

# expect_rc NAME CODE : the last run exited with CODE.
expect_rc() {
    if [ "$rc" -eq "$2" ]; then pass "$1"; else
        fail "$1" "exit code $rc, expected $2" "stderr: $(head -c 600 "$TMP/err")"; fi
}
# expect_out NAME TEXT : stdout contains TEXT (fixed string).
expect_out() {
    if grep -qF -- "$2" "$TMP/out"; then pass "$1"; else
        fail "$1" "stdout lacks: $2" "stdout: $(head -c 600 "$TMP/out")"; fi
}
# expect_err NAME TEXT : stderr contains TEXT (fixed string).
expect_err() {
    if grep -qF -- "$2" "$TMP/err"; then pass "$1"; else
        fail "$1" "stderr lacks: $2" "stderr: $(head -c 600 "$TMP/err")"; fi
}
# expect_same NAME FILE1 FILE2 : identical files.
expect_same() {
    if cmp -s "$2" "$3"; then pass "$1"; else
        fail "$1" "files differ: $2 $3" "$(diff "$2" "$3" | head -n 20)"; fi
}
finish() { [ "$_fails" -eq 0 ]; }
