#!/bin/sh
# Decomposed text (NFD, as pasted from old documents or file names from other systems) through
# every door: plan files, command-line arguments, search, evidence file names, the keyboard
# (headless script), pasted text (tmux), a user's form file, bundles (their CSV tables, imported by
# a province). What is stored is NFC (tests/cli/nfc_check.py reads every text value of the
# database). The calendar file is checked by tests/unit/test_format.c (test_calendar_file_nfc).
. tests/cli/lib.sh
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
[ "$B" = "$ROOT/build" ] || export XASO_LOCALEDIR="$B/locale" XASO_DATADIR="$ROOT"
export XASO_LANG=en
nfd() { python3 -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFD", sys.stdin.read()))'; }
is_nfc() { python3 -c 'import sys, unicodedata; sys.exit(0 if unicodedata.is_normalized("NFC", sys.stdin.read()) else 1)'; }
DB="$TMP/nfd.db"

# --- the inputs really are decomposed ---------------------------------------------------------
nfd <"$ROOT/tests/fixtures/small-plan.yaml" >"$TMP/plan-nfd.yaml"
if is_nfc <"$TMP/plan-nfd.yaml"; then fail "the NFD plan file is decomposed"; else pass "the NFD plan file is decomposed"; fi

# --- command-line arguments: init --name ----------------------------------------------------------
name=$(printf 'UBND xã Thử Nghiệm' | nfd)
run "$XASO" --db "$DB" init --code 40001 --name "$name" --province "$(printf 'Thanh Hóa' | nfd)"
expect_rc "init with NFD arguments" 0
run sqlite3 "$DB" "SELECT name = 'UBND xã Thử Nghiệm', province = 'Thanh Hóa' FROM office"
expect_out "init --name and --province are stored NFC" "1|1"

# --- plan files -----------------------------------------------------------------------------------
run "$XASO" --db "$DB" plan import "$TMP/plan-nfd.yaml"
expect_rc "an NFD plan file imports" 0
run sqlite3 "$DB" "SELECT count(*) FROM task WHERE name = 'Tổ chức tập huấn chuyển đổi số'"
expect_out "task names are stored NFC (equal to the precomposed text)" "1"
run sqlite3 "$DB" "SELECT title FROM plan"
expect_out "the plan title is stored NFC" "Kế hoạch thử nghiệm chuyển đổi số năm 2026"
# importing the NFC file afterwards changes nothing: the same text
run "$XASO" --db "$DB" plan import "$ROOT/tests/fixtures/small-plan.yaml"
expect_out "the NFC file is the same plan: nothing changed" "nothing changed"

# --- search queries ------------------------------------------------------------------------------
run "$XASO" --db "$DB" search "chuyển đổi số"; cp "$TMP/out" "$TMP/nfc-search"
run "$XASO" --db "$DB" search "$(printf 'chuyển đổi số' | nfd)"
expect_same "an NFD query finds what the NFC query finds" "$TMP/nfc-search" "$TMP/out"
expect_out "and shows it in the stored (NFC) spelling" "[chuyển đổi số]"
if is_nfc <"$TMP/out"; then pass "search output is NFC"; else fail "search output is NFC"; fi

# --- evidence file names and reasons -----------------------------------------------------------------
task=$(sqlite3 "$DB" "SELECT code FROM task WHERE name = 'Tổ chức tập huấn chuyển đổi số'")
fname=$(printf 'Biên bản tập huấn.pdf' | nfd)
printf '%%PDF-1.4 test\n' >"$TMP/$fname"
run "$XASO" --db "$DB" evidence add --plan test-2026 --task "$task" --period 2026Q3 "$TMP/$fname"
expect_rc "evidence with an NFD file name is attached" 0
run sqlite3 "$DB" "SELECT count(*) FROM evidence WHERE original_name = 'Biên bản tập huấn.pdf'"
expect_out "the evidence file name is stored NFC" "1"
id=$(sqlite3 "$DB" "SELECT id FROM evidence LIMIT 1")
if [ -n "$id" ]; then
    run "$XASO" --db "$DB" evidence appraise "$id" rejected --reason "$(printf 'Ảnh mờ, không đọc được' | nfd)"
    expect_rc "an NFD rejection reason is accepted" 0
    run sqlite3 "$DB" "SELECT count(*) FROM evidence WHERE appraisal_reason = 'Ảnh mờ, không đọc được'"
    expect_out "the rejection reason is stored NFC" "1"
fi

# --- the keyboard (headless script: the marks arrive as keys of their own) --------------------------
DEMO="$TMP/demo.db"
"$XASO" --demo plan list >/dev/null && cp "$XDG_DATA_HOME/xaso/demo.db" "$DEMO"
sqlite3 "$DEMO" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
{ printf 'press 6 n\ntype nfd\npress Enter\ntype '; printf 'Tổ số hóa thôn Đông' | nfd
  printf '\npress Enter Enter Space\npress F2\n'; } >"$TMP/keys.script"
mkdir -p "$TMP/keys"
(cd "$TMP/keys" && XDG_CONFIG_HOME=/nonexistent/xaso-config XASO_SCRIPT="$TMP/keys.script" \
    "$XASO" --db "$DEMO") >"$TMP/keys.log" 2>&1
run sqlite3 "$DEMO" "SELECT count(*) FROM unit WHERE name = 'Tổ số hóa thôn Đông'"
expect_out "text typed decomposed at the keyboard is stored NFC" "1"

# --- pasted text (a real terminal: tmux pastes the decomposed text in one go) ----------------------
if command -v tmux >/dev/null 2>&1; then
    SOCK="$TMP/tmux.sock"
    T() { tmux -S "$SOCK" "$@"; }
    T -f /dev/null new-session -d -s nfc -x 80 -y 24 \
        "env TERM=screen LANG=C.UTF-8 HOME='$HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
         XDG_CONFIG_HOME=/nonexistent/xaso-config XASO_TODAY=2026-11-23 '$XASO' --db '$DEMO'; \
         sleep 30"
    wait_pane() { i=0; while [ $i -lt 100 ]; do T capture-pane -p -t nfc >"$TMP/pane" 2>/dev/null
        grep -qF -- "$1" "$TMP/pane" && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
    wait_pane "DEMO" >/dev/null
    T send-keys -t nfc 6 n
    sleep 0.5
    T send-keys -t nfc -l "pst"
    T send-keys -t nfc Enter
    T set-buffer "$(printf 'Nhóm dán văn bản Ấp Bắc' | nfd)"
    T paste-buffer -p -t nfc
    T send-keys -t nfc Enter Enter Space F2
    i=0
    while [ $i -lt 50 ] && [ "$(sqlite3 "$DEMO" "SELECT count(*) FROM unit WHERE code = 'pst'" 2>/dev/null)" != 1 ]; do
        sleep 0.2; i=$((i + 1)); done
    T kill-server 2>/dev/null
    run sqlite3 "$DEMO" "SELECT count(*) FROM unit WHERE name = 'Nhóm dán văn bản Ấp Bắc'"
    expect_out "text pasted decomposed into a form is stored NFC" "1"
else
    pass "pasted text (skipped: tmux is not installed)"
fi

# --- form files (a user's override in XDG_CONFIG_HOME) -----------------------------------------------
mkdir -p "$TMP/config/xaso/forms"
sed 's/^title: "Target value"/title: "Giá trị chỉ tiêu của tỉnh"/' \
    "$ROOT/tests/tui/entry/config/xaso/forms/target-value.yaml" | nfd \
    >"$TMP/config/xaso/forms/target-value.yaml"
printf 'press 3 v\npress C-p\npress Backspace Backspace\ntype Q3\npress Enter\npress F9\ndump form\n' \
    >"$TMP/form.script"
mkdir -p "$TMP/form"
(cd "$TMP/form" && XDG_CONFIG_HOME="$TMP/config" XASO_SCRIPT="$TMP/form.script" \
    "$XASO" --db "$DEMO" --lang en) >"$TMP/form.log" 2>&1
if grep -qF "Giá trị chỉ tiêu của tỉnh" "$TMP/form/form" 2>/dev/null && is_nfc <"$TMP/form/form"; then
    pass "a decomposed user form file shows its title NFC"
else
    fail "a decomposed user form file shows its title NFC" "$(cat "$TMP/form.log" "$TMP/form/form" 2>&1 | head -n 30)"
fi

# --- bundles (their CSV tables): a province imports a bundle whose text is decomposed ------------------
run "$XASO" --db "$DB" progress set --plan test-2026 --task "$task" --period 2026Q3 --status in-progress \
    --completion 50 --done "$(printf 'Đã tổ chức 02 lớp tập huấn' | nfd)"
expect_rc "progress set with NFD --done text" 0
run sqlite3 "$DB" "SELECT count(*) FROM task_update WHERE done_text = 'Đã tổ chức 02 lớp tập huấn'"
expect_out "the --done text is stored NFC" "1"
mkdir -p "$TMP/bundle"
XASO_TODAY=2026-09-25 "$XASO" --db "$DB" report finalise --plan test-2026 --period 2026Q3 >"$TMP/fin.out" 2>&1
XASO_TODAY=2026-09-25 "$XASO" --db "$DB" report build --plan test-2026 --period 2026Q3 -o "$TMP/bundle" >"$TMP/build.out" 2>&1
zip=$(ls "$TMP/bundle"/*.zip 2>/dev/null | head -n 1)
if [ -n "$zip" ]; then
    python3 "$ROOT/tests/cli/rebag.py" "$zip" "$TMP/nfd-bundle.zip" \
        .csv "Tổ chức tập huấn chuyển đổi số" "$(printf 'Tổ chức tập huấn chuyển đổi số' | nfd)" \
        .csv "Đã tổ chức 02 lớp tập huấn" "$(printf 'Đã tổ chức 02 lớp tập huấn' | nfd)"
    if unzip -p "$TMP/nfd-bundle.zip" '*.csv' | is_nfc; then
        fail "the rebuilt bundle's CSV is decomposed"
    else
        pass "the rebuilt bundle's CSV is decomposed"
    fi
    P="$TMP/province.db"
    "$XASO" --db "$P" init --code 38 --name "UBND tỉnh Thử Nghiệm" --level tinh >/dev/null
    "$XASO" --db "$P" plan import "$ROOT/tests/fixtures/small-plan.yaml" >/dev/null
    run "$XASO" --db "$P" bundle import "$TMP/nfd-bundle.zip"
    expect_rc "a bundle with decomposed CSV text imports" 0
    run sqlite3 "$P" "SELECT count(*) FROM recv_task WHERE done_text = 'Đã tổ chức 02 lớp tập huấn'"
    expect_out "the bundle's CSV text is stored NFC" "1"
    if python3 "$ROOT/tests/cli/nfc_check.py" "$P" >"$TMP/out" 2>&1; then
        pass "every text value in the receiving database is NFC"
    else
        fail "every text value in the receiving database is NFC" "$(head -n 10 "$TMP/out")"
    fi
else
    fail "a bundle is built for the NFD import" "$(cat "$TMP/fin.out" "$TMP/build.out")"
fi

# --- everything stored ------------------------------------------------------------------------------
if python3 "$ROOT/tests/cli/nfc_check.py" "$DB" --count 20 >"$TMP/out" 2>&1; then
    pass "every text value in the database is NFC"
else
    fail "every text value in the database is NFC" "$(head -n 10 "$TMP/out")"
fi
finish
