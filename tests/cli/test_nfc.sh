#!/bin/sh
# Decomposed text (NFD, as pasted from old documents or file names from other systems) through
# every door: plan files, command-line arguments, search, evidence file names. What is stored is
# NFC (tests/cli/nfc_check.py reads every text value of the database). The calendar file is
# checked by tests/unit/test_format.c (test_calendar_file_nfc); forms and bundles go through the
# same strict YAML reader and are NFC-normalised there.
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

# --- everything stored ------------------------------------------------------------------------------
if python3 "$ROOT/tests/cli/nfc_check.py" "$DB" --count 20 >"$TMP/out" 2>&1; then
    pass "every text value in the database is NFC"
else
    fail "every text value in the database is NFC" "$(head -n 10 "$TMP/out")"
fi
finish
