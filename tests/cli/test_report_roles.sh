#!/bin/sh
# Reports and staff accounts (issue 9): only an administrator finalises, reopens and packages a
# report; unit staff and read-only accounts are refused with 77 and nothing changes (no database
# row, no file at the target); the bundle's bag-info.txt and its report document name who
# finalised the report and who built the bundle.
. tests/cli/lib.sh
export XASO_LANG=en XASO_DATADIR="$ROOT" XASO_TODAY=2026-09-20 XASO_NOW=2026-09-20T08:00:00Z
export XASO_TEST_KDF_ITERATIONS=1000 # PBKDF2 rounds for test accounts only (fast under ASan)
unset XASO_PASSPHRASE
DB="$TMP/office.db"
OUT="$TMP/usb"; mkdir -p "$OUT"
dump() { sqlite3 "$DB" .dump | sha256sum; }
as() { u=$1 p=$2; shift 2; XASO_PIN=$p "$XASO" --db "$DB" --user "$u" "$@"; } # as LOGIN PIN …
state() { sqlite3 "$DB" "SELECT state FROM report WHERE period = '2026Q3' AND sender = ''"; }

XASO_NEW_PIN=lan-2026 run "$XASO" --db "$DB" init --code 40001 --name "UBND xã Thử Nghiệm" \
    --admin lan --admin-name "Nguyễn Thị Lan"
expect_rc "the office and its administrator" 0
run as lan lan-2026 plan import "$ROOT/tests/fixtures/small-plan.yaml"; expect_rc "plan imported" 0
XASO_NEW_PIN=hoa-2026 run as lan lan-2026 account add --login hoa --name "Lê Thị Hoa" --role unit --unit vhxh
expect_rc "unit staff account" 0
XASO_NEW_PIN=ct-20261 run as lan lan-2026 account add --login chu.tich --name "Hoàng Văn Chủ" --role viewer
expect_rc "read-only account" 0
run as lan lan-2026 value set --plan test-2026 --target I.1 --period 2026Q3 --no-data
run as lan lan-2026 value set --plan test-2026 --target I.2 --period 2026Q3 --numerator 85 --denominator 100
run as lan lan-2026 progress set --plan test-2026 --task 1 --period 2026Q3 --status in-progress --completion 40
# reading a report creates its draft record: do that first, so that only the refusals are compared
run as lan lan-2026 report check --plan test-2026 --period 2026Q3; expect_rc "the report checks clean" 0

refused() { # name login pin command…
    name=$1; shift
    before=$(dump)
    run as "$@"
    expect_rc "$name: refused (77)" 77
    expect_err "$name: says it is not allowed" "not allowed"
    [ "$(dump)" = "$before" ] && pass "$name: nothing changed" || fail "$name: nothing changed" "$(head -c 300 "$TMP/err")"
}
refused "unit staff finalise the report"  hoa hoa-2026 report finalise --plan test-2026 --period 2026Q3
refused "viewer finalises the report"     chu.tich ct-20261 report finalise --plan test-2026 --period 2026Q3
[ "$(state)" = draft ] && pass "the report is still a draft" || fail "the report is still a draft"
refused "unit staff finalise a unit report never read" hoa hoa-2026 report finalise --plan test-2026 --period 2026Q3 --unit vhxh
run as lan lan-2026 report finalise --plan test-2026 --period 2026Q3
expect_rc "the administrator finalises" 0
run sqlite3 "$DB" "SELECT finalised_by FROM report WHERE period = '2026Q3' AND sender = ''"
expect_out "the report records who finalised it" "Nguyễn Thị Lan (lan)"
refused "unit staff build the bundle"     hoa hoa-2026 report build --plan test-2026 --period 2026Q3 -o "$OUT"
refused "viewer builds the bundle"        chu.tich ct-20261 report build --plan test-2026 --period 2026Q3 -o "$OUT"
[ -z "$(ls -A "$OUT")" ] && pass "a refused build leaves nothing at the target" || fail "a refused build leaves nothing at the target" "$(ls -A "$OUT")"
refused "unit staff reopen the report"    hoa hoa-2026 report reopen --plan test-2026 --period 2026Q3 --reason "Sửa số liệu"
[ "$(state)" = finalised ] && pass "the report is still finalised" || fail "the report is still finalised"

# the administrator packages it: bag-info.txt and the document name both people
XASO_NEW_PIN=tuan-2026 run as lan lan-2026 account add --login tuan --name "Phạm Văn Tuấn" --role admin
run as tuan tuan-2026 report build --plan test-2026 --period 2026Q3 -o "$OUT"
expect_rc "another administrator builds the bundle" 0; expect_out "safe to unplug" "Safe to unplug"
ZIP=$(head -n 1 "$TMP/out")
unzip -p "$ZIP" '*/bag-info.txt' > "$TMP/bag-info.txt"
for want in "Contact-Name: Phạm Văn Tuấn (tuan)" "Xaso-Finalised-By: Nguyễn Thị Lan (lan)" \
    "Xaso-Finalised-At: 2026-09-20T08:00:00Z" "Xaso-Built-By: Phạm Văn Tuấn (tuan)"; do
    grep -qxF "$want" "$TMP/bag-info.txt" && pass "bag-info.txt: $want" || fail "bag-info.txt: $want" "$(cat "$TMP/bag-info.txt")"
done
unzip -p "$ZIP" '*/data/bao-cao-2026Q3.docx' > "$TMP/r.docx"
python3 -c "import sys, zipfile, re; print(re.sub('<[^>]+>', '', zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode()))" "$TMP/r.docx" > "$TMP/doc.txt"
grep -qF "Người hoàn thành báo cáo: Nguyễn Thị Lan (lan) (lúc 08:00 ngày 20/09/2026); người lập gói báo cáo: Phạm Văn Tuấn (tuan)." "$TMP/doc.txt" \
    && pass "the report document names who finalised and who built it" || fail "the report document names who finalised and who built it" "$(grep -o 'Người hoàn thành[^.]*' "$TMP/doc.txt")"
unzip -p "$ZIP" '*/data/report.csv' | grep -qF "Nguyễn Thị Lan (lan)" && pass "report.csv has finalised_by" || fail "report.csv has finalised_by"
run "$XASO" bundle verify "$ZIP"; expect_rc "the bundle verifies" 0
run python3 "$ROOT/tests/bundle/bagit_check.py" "$ZIP"; expect_rc "the independent BagIt checker accepts it" 0
[ "$(state)" = packaged ] && pass "the report is packaged" || fail "the report is packaged"
run sqlite3 "$DB" "SELECT actor FROM report_event WHERE to_state = 'packaged'"
expect_out "the packaging is audited with the name" "Phạm Văn Tuấn (tuan)"
finish
