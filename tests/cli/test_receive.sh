#!/bin/sh
# The receiving side: a province takes in bundles from several communes (one on time, one late and
# resubmitted, one learned, one older arriving late, one tampered, one encrypted, one with values
# that fail validation, one for a period outside the plan, one for an unknown plan), imports twice,
# and checks the receipts, the submission matrix, who is missing, the combined ratios, lagging
# tasks, and returning a report to its sender with a receipt file.
. tests/cli/lib.sh
export XASO_LANG=en XASO_DATADIR="$ROOT"
unset XASO_PASSPHRASE
PLAN="$ROOT/forms/plans/ngoc-son-2026.yaml"
mkdir -p "$TMP/usb" "$TMP/late" "$TMP/again" "$TMP/bad" "$TMP/x"

# sender CODE NAME [PLANFILE]: a commune database with the plan
sender() {
    XASO_NOW=2026-06-01T08:00:00Z "$XASO" --db "$TMP/$1.db" init --code "$1" --name "$2" --level xa >/dev/null &&
    "$XASO" --db "$TMP/$1.db" plan import "${3:-$PLAN}" >/dev/null || fail "set up sender $1"
}
# build CODE PERIOD DATE OUTDIR [PLAN]: finalise on DATE and build the bundle into OUTDIR
build() {
    XASO_TODAY=$3 XASO_NOW=${3}T09:00:00Z "$XASO" --db "$TMP/$1.db" report finalise --plan "${5:-ngoc-son-2026}" --period "$2" >/dev/null &&
    XASO_TODAY=$3 XASO_NOW=${3}T09:30:00Z "$XASO" --db "$TMP/$1.db" report build --plan "${5:-ngoc-son-2026}" --period "$2" -o "$4" >"$TMP/build.out" ||
        fail "build $1 $2" "$(cat "$TMP/build.out")"
    head -n 1 "$TMP/build.out"
}
value() { # value CODE PERIOD TARGET NUM DEN
    "$XASO" --db "$TMP/$1.db" value set --plan ngoc-son-2026 --target "$3" --period "$2" --numerator "$4" --denominator "$5" >/dev/null || fail "value set $1 $3"
}

sender 40001 "UBND xã Một"; sender 40002 "UBND xã Hai"; sender 40004 "UBND xã Bốn"
sender 40005 "UBND xã Năm" "$ROOT/forms/plans/thuan-loi-2026.yaml"

# 40001: 2026Q2 and 2026Q3 on time, then a corrected 2026Q3 (resubmitted)
value 40001 2026Q2 II.2.5-3 800 1000
b1q2=$(build 40001 2026Q2 2026-06-20 "$TMP/usb")
value 40001 2026Q3 II.2.5-3 900 1000; value 40001 2026Q3 II.2.5-5 300 400
mkdir -p "$TMP/v1"; b1v1=$(build 40001 2026Q3 2026-09-25 "$TMP/v1")
XASO_NOW=2026-09-27T08:00:00Z "$XASO" --db "$TMP/40001.db" report reopen --plan ngoc-son-2026 --period 2026Q3 --reason "Sửa số liệu" >/dev/null
value 40001 2026Q3 II.2.5-3 910 1000
b1v2=$(build 40001 2026Q3 2026-09-28 "$TMP/again")
# 40002: late (after the 30/09 deadline), then resubmitted; the first one reaches the province last
value 40002 2026Q3 II.2.5-3 450 500; value 40002 2026Q3 II.2.5-5 100 200
b2v1=$(build 40002 2026Q3 2026-10-05 "$TMP/late")
XASO_NOW=2026-10-05T10:00:00Z "$XASO" --db "$TMP/40002.db" report reopen --plan ngoc-son-2026 --period 2026Q3 --reason "Bổ sung" >/dev/null
value 40002 2026Q3 II.2.5-3 460 500
b2v2=$(build 40002 2026Q3 2026-10-06 "$TMP/usb")
# 40004: not on the province's list
value 40004 2026Q3 II.2.5-3 85 100
b4=$(build 40004 2026Q3 2026-09-29 "$TMP/usb")
# 40005: another plan (unknown to the province)
b5=$(build 40005 2026Q3 2026-09-29 "$TMP/usb" thuan-loi-2026)
# tampered: one changed byte in a CSV, the manifest left alone
python3 - "$b1v1" "$TMP/bad/tampered.zip" <<'PY'
import sys, zipfile
zin = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for n in zin.namelist():
        d = zin.read(n)
        if n.endswith("data/target_values.csv"):
            d = d.replace(b"900", b"990", 1)
        z.writestr(n, d)
PY
# a consistent bag with a percentage of 150 (fails validation: one row left out, a conflict)
python3 tests/cli/rebag.py "$b4" "$TMP/bad/xaso-40004-bad-values.zip" target_values.csv ",85,," ",150,," || fail "rebag"
# a consistent bag for 2027Q3: outside the plan (2026–2026)
python3 tests/cli/rebag.py "$b1q2" "$TMP/bad/xaso-40001-2027.zip" .csv 2026Q2 2027Q3 bag-info.txt 2026Q2 2027Q3 || fail "rebag"
# encrypted
value 40004 2026Q2 II.2.5-3 70 100
XASO_TODAY=2026-06-25 XASO_NOW=2026-06-25T09:00:00Z "$XASO" --db "$TMP/40004.db" report finalise --plan ngoc-son-2026 --period 2026Q2 >/dev/null
XASO_PASSPHRASE=bi-mat XASO_TODAY=2026-06-25 "$XASO" --db "$TMP/40004.db" report build --plan ngoc-son-2026 --period 2026Q2 -o "$TMP/x" --encrypt >/dev/null || fail "encrypted build"

# --- the province ------------------------------------------------------------------------------
export XASO_TODAY=2026-10-10 XASO_NOW=2026-10-10T08:00:00Z
P="$TMP/province.db"
"$XASO" --db "$P" init --code 38 --name "UBND tỉnh Thử Nghiệm" --level tinh >/dev/null
"$XASO" --db "$P" plan import "$PLAN" >/dev/null
for s in "40001 UBND xã Một" "40002 UBND xã Hai" "40003 UBND xã Ba"; do
    set -- $s; code=$1; shift
    "$XASO" --db "$P" sender add "$code" "$*" || fail "sender add $code"
done
run "$XASO" --db "$P" sender list
expect_out "sender list shows the senders" "40003  UBND xã Ba"
cp "$P" "$TMP/province-empty.db" # the screen imports into a copy of it (below)

run "$XASO" --db "$P" bundle import "$TMP/usb" "$b1v1"
expect_rc "a folder of bundles imports in one command" 0
expect_out "the summary counts bundles and conflicts" "imported 5, updated 0, unchanged 0, ignored 0, rejected 0, conflicts 3"
expect_out "a sender not on the list is a conflict, and learned" "the sender 40004 (UBND xã Bốn) is not in this office's list of senders: added"
expect_out "an unknown plan is a conflict" "unknown plan thuan-loi-2026"
grep -q "xaso-40001-ngoc-son-2026-2026q3.zip: imported — 40001 UBND xã Một, ngoc-son-2026 2026Q3 (rows: imported " "$TMP/out" && pass "one receipt line per bundle" || fail "one receipt line per bundle" "$(cat "$TMP/out")"
count() { sqlite3 "$P" "SELECT count(*) FROM received_bundle; SELECT count(*) FROM recv_target; SELECT count(*) FROM recv_task; SELECT group_concat(state) FROM received_bundle" | tr '\n' ' '; }
before=$(count)
run "$XASO" --db "$P" bundle import "$TMP/usb" "$b1v1"
expect_rc "importing again exits 0" 0
expect_out "importing again changes nothing" "imported 0, updated 0, unchanged 5, ignored 0, rejected 0, conflicts 0"
[ "$(count)" = "$before" ] && pass "the second import left every table as it was" || fail "the second import left every table as it was" "$before" "$(count)"

# newer supersedes; older arriving late is ignored with a note
run "$XASO" --db "$P" bundle import "$b1v2" "$b2v1"
expect_rc "resubmission and late older bundle exit 0" 0
expect_out "the resubmission updates" "xaso-40001-ngoc-son-2026-2026q3.zip: updated"
expect_out "it says what it superseded" "supersedes the bundle finalised at 2026-09-25T09:00:00Z (kept in history)"
expect_out "the older one is ignored" "xaso-40002-ngoc-son-2026-2026q3.zip: ignored"
expect_out "with a note" "older than the bundle already taken in (finalised 2026-10-06T09:00:00Z, this one 2026-10-05T09:00:00Z)"
run sqlite3 "$P" "SELECT s.code || ':' || b.state FROM received_bundle b JOIN sender s ON s.id = b.sender_id WHERE b.period = '2026Q3' ORDER BY s.code, b.id"
expect_same_text() { printf '%s\n' "$2" > "$TMP/want"; expect_same "$1" "$TMP/want" "$TMP/out"; }
expect_same_text "history: superseded kept, ignored recorded" "40001:superseded
40001:current
40002:current
40002:ignored
40004:current
40005:current"

# rejected bundles change nothing
before=$(count)
run "$XASO" --db "$P" bundle import "$TMP/bad/tampered.zip"
expect_rc "a tampered bundle is rejected (65)" 65
expect_out "the receipt says why" "changed (its SHA-256 differs from manifest-sha256.txt)"
expect_out "rejected in the summary" "rejected 1"
run "$XASO" --db "$P" bundle import "$TMP/bad/xaso-40001-2027.zip"
expect_rc "a period outside the plan is rejected" 65
expect_out "the receipt names the period" "the period 2027Q3 is outside the plan (2026–2026)"
setsid "$XASO" --db "$P" bundle import "$TMP/x"/*.zip >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
expect_rc "an encrypted bundle without the passphrase is rejected" 65
expect_out "the receipt asks for the passphrase" "the bundle is encrypted: give the passphrase"
[ "$(count)" = "$before" ] && pass "rejected bundles changed no data" || fail "rejected bundles changed no data" "$before" "$(count)"
XASO_PASSPHRASE=bi-mat run "$XASO" --db "$P" bundle import "$TMP/x"
expect_rc "with the passphrase it imports" 0; expect_out "encrypted: imported" "imported 1"

# values that fail validation: the row is left out, the rest comes in
run "$XASO" --db "$P" bundle import "$TMP/bad/xaso-40004-bad-values.zip"
expect_rc "a bundle with a bad value still imports" 0
expect_out "the conflict names file and row" "conflict: data/target_values.csv:"
expect_out "and what is wrong" "II.2.5-3: 150 % is outside 0…100"
expect_out "counted" "conflicts 1"
# restore 40004's real report (newer finalisation wins: rebuild from its own database)
run "$XASO" --db "$P" bundle receipts
expect_out "receipts are listed" "rejected"
run "$XASO" --db "$P" bundle receipts --period 2026Q3
expect_out "receipts of one period" "xaso-40004-bad-values.zip"
run sqlite3 "$P" "SELECT json FROM receipt WHERE status = 'rejected' LIMIT 1"
expect_out "receipts are stored as JSON" '"status":"rejected"'

# the bad-values bundle has the same finalisation time as 40004's: it was ignored as not newer
run sqlite3 "$P" "SELECT state FROM received_bundle WHERE file_name = 'xaso-40004-bad-values.zip'"
expect_out "the same finalisation time is not newer" "ignored"

# --- views ---------------------------------------------------------------------------------------
run "$XASO" --db "$P" received matrix --plan ngoc-son-2026 --from 2026Q2 --to 2026Q3
expect_rc "received matrix exits 0" 0
expect_same_text "the submission matrix" "Sender  Name         2026Q2     2026Q3
40001   UBND xã Một  submitted  submitted
40002   UBND xã Hai  missing    late
40003   UBND xã Ba   missing    missing
40004   UBND xã Bốn  submitted  submitted"
run "$XASO" --db "$P" received missing --period 2026Q3
expect_same_text "who is missing for 2026Q3" "1 not reported for 2026Q3:
Sender  Name        Due         State
40003   UBND xã Ba  2026-09-30  missing"
run "$XASO" --db "$P" received targets --plan 27/KH-UBND --period 2026Q3
expect_rc "received targets exits 0" 0
grep -E '^II\.2\.5-3 ' "$TMP/out" | sed 's/  */ /g' | sed 's/^II.2.5-3 [^%]*% //' > "$TMP/got"
printf '%s\n' "40001 UBND xã Một 91 910 1000 not met" "40002 UBND xã Hai 92 460 500 not met" "40004 UBND xã Bốn 85 85 100 not met" "combined 90.94 1455 1600 not met" > "$TMP/want"
expect_same "ratio (> 95 %): sum of numerators over sum of denominators (1455/1600, not the mean 89.33), each sender's verdict" "$TMP/want" "$TMP/got"
grep -E '^II\.2\.5-5 .*combined' "$TMP/out" | grep -q " 66.67 *400 *600 " && pass "a second ratio combines only the senders with data (400/600)" || fail "a second ratio combines only the senders with data" "$(grep -E '^II\.2\.5-5' "$TMP/out")"
run "$XASO" --db "$P" received tasks --period 2026Q3 --sender 40002 --warning overdue
expect_rc "received tasks exits 0" 0
expect_out "lagging tasks of one sender" "40002   ngoc-son-2026  PL2.1"
if grep -q "^40001" "$TMP/out"; then fail "the sender filter works"; else pass "the sender filter works"; fi

# --- the Received screen (headless) ---------------------------------------------------------------
# Goldens in tests/tui/received/goldens; XASO_UPDATE_GOLDENS=1 rewrites them.
RG="$ROOT/tests/tui/received/goldens"
mkdir -p "$TMP/tui/media/usb" "$TMP/tui/media/enc" "$TMP/tui/media/out"
# screens DB LANG SCRIPT-LINE…: the interface run headless in $TMP/tui (the browser starts at media)
screens() {
    db=$1 lang=$2; shift 2
    printf '%s\n' "$@" > "$TMP/tui/s.script"
    (cd "$TMP/tui" && XASO_BROWSE_START=media XASO_SCRIPT="$TMP/tui/s.script" "$XASO" --db "$db" --lang "$lang" >/dev/null 2>"$TMP/err") ||
        fail "headless Received screen" "$(cat "$TMP/err")"
}
# goldens NAME…: $TMP/tui/NAME.txt as tests/tui/received/goldens/NAME.txt
goldens() {
    for g; do
        if [ -n "${XASO_UPDATE_GOLDENS:-}" ]; then mkdir -p "$RG"; cp "$TMP/tui/$g.txt" "$RG/$g.txt"; pass "golden $g updated"
        elif cmp -s "$TMP/tui/$g.txt" "$RG/$g.txt"; then pass "golden $g"
        else fail "golden $g" "$(diff "$RG/$g.txt" "$TMP/tui/$g.txt" | head -n 20)"; fi
    done
}
# consolidated targets (cursor on II.2.5-3, the 36th: its combined ratio under the list) and
# lagging tasks, all, then overdue of one sender
screens "$P" vi "press R c" "press$(printf ' Down%.0s' $(seq 35))" "dump received-targets-vi-80x24.txt" \
    "press l" "dump received-tasks-vi-80x24.txt" "press w f" "dump received-tasks-filtered-vi-80x24.txt" \
    "resize 120 40" "dump received-tasks-filtered-vi-120x40.txt" "press c" "dump received-targets-vi-120x40.txt"
goldens received-targets-vi-80x24 received-targets-vi-120x40 received-tasks-vi-80x24 \
    received-tasks-filtered-vi-80x24 received-tasks-filtered-vi-120x40
grep -q "1.455 / 1.600" "$TMP/tui/received-targets-vi-80x24.txt" && grep -q "^II.2.5-3 .* 91 ✗ .* 92 ✗ .* 85 ✗ .*90,94" "$TMP/tui/received-targets-vi-80x24.txt" &&
    pass "the screen shows each sender's value and the combined ratio 1455/1600" || fail "the screen shows the combined ratio" "$(grep -A1 "II.2.5-3" "$TMP/tui/received-targets-vi-80x24.txt")"
grep -q "^40001 .*PL2.1" "$TMP/tui/received-tasks-filtered-vi-80x24.txt" && ! grep -q "^40002" "$TMP/tui/received-tasks-filtered-vi-80x24.txt" &&
    pass "lagging tasks filtered by sender and warning" || fail "lagging tasks filtered by sender and warning"

# --- returning a report ----------------------------------------------------------------------------
run "$XASO" --db "$P" bundle return 40004 27/KH-UBND 2026Q3 --reason "Thiếu số liệu chỉ tiêu II.2.5-5" -o "$TMP"
expect_rc "bundle return exits 0" 0
R=$(sed -n 's/^returned; give the sender this receipt file: //p' "$TMP/out")
[ -f "$R" ] && pass "a receipt file is written" || fail "a receipt file is written" "$(cat "$TMP/out")"
grep -q "\"bundle_sha256\": \"$(sha256sum "$b4" | cut -d' ' -f1)\"" "$R" && pass "the receipt names the bundle's SHA-256" || fail "the receipt names the bundle's SHA-256"
run "$XASO" --db "$P" received matrix --plan ngoc-son-2026 --from 2026Q3 --to 2026Q3
expect_out "the matrix shows it returned" "40004   UBND xã Bốn  returned"
sed 's/Thiếu số liệu/Đủ số liệu/' "$R" > "$TMP/edited.json"
run "$XASO" --db "$TMP/40004.db" report receipt "$TMP/edited.json"
expect_rc "an edited receipt is refused" 65
run "$XASO" --db "$TMP/40001.db" report receipt "$R"
expect_rc "another office's receipt is refused" 65
run "$XASO" --db "$TMP/40004.db" report receipt "$R"
expect_rc "report receipt exits 0" 0
expect_out "the sender is told" "returned by the receiver"
run sqlite3 "$TMP/40004.db" "SELECT r.state || '|' || r.returned_reason FROM report r WHERE r.period = '2026Q3'"
expect_out "the sender's report is returned, with the reason" "returned|Thiếu số liệu chỉ tiêu II.2.5-5"
run "$XASO" --db "$P" bundle accept 40001 ngoc-son-2026 2026Q3 -o "$TMP"
A=$(sed -n 's/^accepted; give the sender this receipt file: //p' "$TMP/out")
run "$XASO" --db "$TMP/40001.db" report receipt "$A"
expect_out "an acceptance marks the sender's report submitted" "accepted by the receiver"
[ "$(sqlite3 "$TMP/40001.db" "SELECT state FROM report WHERE period = '2026Q3'")" = submitted ] && pass "the sender's report is submitted" || fail "the sender's report is submitted"


# --- the Received screen: the matrix (symbol and word), who is missing ----------------------------
screens "$P" vi "press R" "dump received-vi-80x24.txt" "resize 120 40" "dump received-vi-120x40.txt"
screens "$P" en "press R" "dump received-en-80x24.txt"
goldens received-vi-80x24 received-vi-120x40 received-en-80x24

# --- importing through the screen: a folder from the stick, then an encrypted bundle, then a return
cp "$TMP/usb"/*.zip "$TMP/tui/media/usb/"; cp "$TMP/x"/*.zip "$TMP/tui/media/enc/"
cp "$TMP/province-empty.db" "$TMP/screen.db"; cp "$TMP/province-empty.db" "$TMP/cli.db"
screens "$TMP/screen.db" vi "press R i" "dump received-browser-vi-80x24.txt" "press Down Down Enter F2" \
    "dump received-receipt-vi-80x24.txt" "resize 120 40" "dump received-receipt-vi-120x40.txt" "resize 80 24" \
    "press Esc i Enter Enter" "dump received-passphrase-vi-80x24.txt" "type bi-mat" "press Enter" "dump enc-receipt.txt" \
    "press Esc Down Down Down t" "type Thiếu số liệu chỉ tiêu II.2.5-5" "press Enter Down Enter F2" \
    "dump received-return-confirm-vi-80x24.txt" "press y" "dump received-returned-vi-80x24.txt"
goldens received-browser-vi-80x24 received-receipt-vi-80x24 received-receipt-vi-120x40 \
    received-passphrase-vi-80x24 received-return-confirm-vi-80x24 received-returned-vi-80x24
run "$XASO" --db "$TMP/cli.db" --lang vi bundle import "$TMP/usb"
grep -qxF " $(tail -n 1 "$TMP/out")" "$TMP/tui/received-receipt-vi-80x24.txt" && pass "the screen's receipt sums up as the command line's" ||
    fail "the screen's receipt sums up as the command line's" "$(tail -n 1 "$TMP/out")"
for f in "$TMP/usb"/*.zip; do
    grep -qF "$(basename "$f"): $(grep -F "$(basename "$f"):" "$TMP/out" | sed 's/^[^:]*: //; s/ — .*//')" "$TMP/tui/received-receipt-vi-120x40.txt" ||
        fail "receipt line of $(basename "$f") on screen"
done
pass "one receipt line per bundle on screen, with the command line's status"
rcpt() { sqlite3 "$1" "SELECT json || '|' || status || '|' || conflicts FROM receipt ORDER BY id LIMIT 4; SELECT s.code || ' ' || b.plan_key || ' ' || b.period || ' ' || b.sha256 FROM received_bundle b JOIN sender s ON s.id = b.sender_id ORDER BY b.id LIMIT 4; SELECT count(*) FROM recv_target; SELECT count(*) FROM recv_task"; }
rcpt "$TMP/cli.db" > "$TMP/want"; sqlite3 "$TMP/screen.db" "SELECT count(*) FROM recv_target WHERE bundle_id > 4; SELECT count(*) FROM recv_task WHERE bundle_id > 4" > "$TMP/enc-rows"
rcpt "$TMP/screen.db" | head -n 8 > "$TMP/got"; head -n 8 "$TMP/want" > "$TMP/want8"
expect_same "the screen stores the same receipts and bundles as xaso bundle import" "$TMP/want8" "$TMP/got"
grep -q "đã nhập 1, cập nhật 0" "$TMP/tui/enc-receipt.txt" && [ "$(sqlite3 "$TMP/screen.db" "SELECT status FROM receipt WHERE file_name = 'xaso-40004-ngoc-son-2026-2026q2.zip'")" = imported ] &&
    pass "an encrypted bundle imports with the passphrase typed on screen" || fail "an encrypted bundle imports with the passphrase typed on screen" "$(cat "$TMP/tui/enc-receipt.txt")"
R="$TMP/tui/media/out/xaso-40004-ngoc-son-2026-2026q3.returned.json"
[ -f "$R" ] && grep -q '"answer": "returned"' "$R" && grep -q "Thiếu số liệu chỉ tiêu II.2.5-5" "$R" &&
    pass "returning on screen writes the receipt file into the chosen folder" || fail "returning on screen writes the receipt file" "$(ls "$TMP/tui/media/out")"
[ "$(sqlite3 "$TMP/screen.db" "SELECT b.state || '|' || b.returned_reason FROM received_bundle b JOIN sender s ON s.id = b.sender_id WHERE s.code = '40004' AND b.period = '2026Q3'")" = "returned|Thiếu số liệu chỉ tiêu II.2.5-5" ] &&
    pass "…and marks the report returned with its reason" || fail "…and marks the report returned with its reason"
grep -q "^40004 .*bị trả lại" "$TMP/tui/received-returned-vi-80x24.txt" && pass "the matrix shows it returned at once" || fail "the matrix shows it returned at once"

# --- passing a combined report upward: the province's own bundle, taken in one level up ----------
# (40004's 2026Q3 report is returned now: left out; 40003 never sent; 40005 reports another plan)
mkdir -p "$TMP/up"
run "$XASO" --db "$P" received bundle --plan ngoc-son-2026 --period 2026Q3 -o "$TMP/up"
expect_rc "received bundle exits 0" 0
expect_out "it says who went in" "senders included: 2, expected senders left out: 1 (88 targets, 204 tasks)"
C=$(head -n 1 "$TMP/out")
[ "$(basename "$C")" = xaso-38-ngoc-son-2026-2026q3.zip ] && pass "the bundle has the office's standard name" || fail "the bundle has the office's standard name" "$C"
run "$XASO" bundle verify "$C"; expect_rc "the consolidated bundle passes bundle verify" 0
run python3 tests/bundle/bagit_check.py "$C"; expect_rc "the independent BagIt checker accepts it" 0
CACHE="$ROOT/${BUILD:-build}/npm-datapackage"
[ -d "$CACHE/node_modules/datapackage" ] || CACHE="$ROOT/build/npm-datapackage"
if [ -d "$CACHE/node_modules/datapackage" ] && command -v node >/dev/null 2>&1; then
    rm -rf "$TMP/xc"; mkdir -p "$TMP/xc"; (cd "$TMP/xc" && unzip -q "$C")
    run env NODE_PATH="$CACHE/node_modules" node tests/bundle/datapackage_check.js "$TMP"/xc/*/data/datapackage.json
    expect_rc "the npm datapackage validator accepts it" 0
else
    echo "ok - npm datapackage validator # skipped: run test_bundle.sh first to install it"
fi
unzip -p "$C" '*/data/senders.csv' | tr -d '\r' > "$TMP/got"
printf '%s\n' "code,name,included,state,state_label,bundle_sha256,finalised_at" \
    "40001,UBND xã Một,true,submitted,đã gửi,$(sha256sum "$b1v2" | cut -d' ' -f1),2026-09-28T09:00:00Z" \
    "40002,UBND xã Hai,true,late,gửi muộn,$(sha256sum "$b2v2" | cut -d' ' -f1),2026-10-06T09:00:00Z" \
    "40003,UBND xã Ba,false,missing,chưa gửi,," "40004,UBND xã Bốn,false,returned,bị trả lại,," > "$TMP/want"
expect_same "senders.csv: who is included, late, returned, missing" "$TMP/want" "$TMP/got"
unzip -p "$C" '*/data/target_values.csv' | tr -d '\r' | grep '^II\.2\.5-3,' | cut -d, -f1-8 > "$TMP/got"
echo "II.2.5-3,2026Q3,91.3333333333333,,1370,1500,false,not-met" > "$TMP/want"
expect_same "the combined ratio goes upward with its counts (910+460)/(1000+500)" "$TMP/want" "$TMP/got"
unzip -p "$C" '*/data/tasks.csv' | grep -q '^40002/PL2\.1,.*,UBND xã Hai,' && pass "tasks across senders, keyed and led by the sender" || fail "tasks across senders, keyed and led by the sender"
N="$TMP/national.db"
"$XASO" --db "$N" init --code 01 --name "Bộ Thử Nghiệm" --level tinh >/dev/null
"$XASO" --db "$N" plan import "$PLAN" >/dev/null
"$XASO" --db "$N" sender add 38 "UBND tỉnh Thử Nghiệm"
run "$XASO" --db "$N" bundle import "$TMP/up"
expect_rc "the level above imports it" 0
expect_out "with a clean receipt" "imported 1, updated 0, unchanged 0, ignored 0, rejected 0, conflicts 0"
run "$XASO" --db "$N" received targets --plan ngoc-son-2026 --period 2026Q3
grep -E '^II\.2\.5-3 ' "$TMP/out" | sed 's/  */ /g' | sed 's/^II.2.5-3 [^%]*% //' > "$TMP/got"
printf '%s\n' "38 UBND tỉnh Thử Nghiệm 91.3333333333333 1370 1500 not met" "combined 91.33 1370 1500 not met" > "$TMP/want"
expect_same "one level up, the counts still combine (1370/1500)" "$TMP/want" "$TMP/got"
run "$XASO" --db "$N" received missing --period 2026Q3
expect_out "and the province counts as reported" "everyone has reported for 2026Q3"
rm -f "$TMP/up"/*.zip
run "$XASO" --db "$P" received bundle --plan 27/KH-UBND --period 2026Q3 -o "$TMP/up"
[ "$(sha256sum < "$(head -n 1 "$TMP/out")")" = "$(sha256sum < "$C")" ] && pass "the same consolidated data builds the same bytes (plan by symbol)" || fail "the same consolidated data builds the same bytes"
run "$XASO" --db "$N" bundle import "$TMP/up"
expect_out "the same consolidated data again: unchanged" "unchanged 1"
run "$XASO" --db "$P" received bundle --plan ngoc-son-2026 --period 2025Q3 -o "$TMP/up"
expect_rc "nothing received for a period: refused" 66
expect_err "…saying so" "nothing has been received for ngoc-son-2026 2025Q3"

# --- only an administrator receives -----------------------------------------------------------------
export XASO_TEST_KDF_ITERATIONS=1000
A="$TMP/auth.db"; cp "$P" "$A"
XASO_NEW_PIN=lan-2026 "$XASO" --db "$A" account add --login lan --name "Nguyễn Thị Lan" --role admin >/dev/null || fail "admin account"
XASO_PIN=lan-2026 XASO_NEW_PIN=xem-2026 "$XASO" --db "$A" --user lan account add --login xem --name "Người Xem" --role viewer >/dev/null || fail "viewer account"
snap() { sqlite3 "$A" "SELECT count(*) FROM received_bundle; SELECT count(*) FROM receipt; SELECT count(*) FROM sender; SELECT group_concat(state) FROM received_bundle" | tr '\n' ' '; }
before=$(snap)
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem bundle import "$TMP/again"
expect_rc "a read-only account cannot import (77)" 77; expect_err "…told why" "may not receive bundles (role: read-only)"
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem bundle return 40001 ngoc-son-2026 2026Q3 --reason "x" -o "$TMP"
expect_rc "…nor return a report" 77
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem bundle accept 40001 ngoc-son-2026 2026Q3 -o "$TMP"
expect_rc "…nor accept one" 77
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem sender add 40009 "UBND xã Chín"
expect_rc "…nor change the sender list" 77
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem received bundle --plan ngoc-son-2026 --period 2026Q3 -o "$TMP/up"
expect_rc "…nor build the consolidated bundle" 77
[ "$(snap)" = "$before" ] && pass "refused: nothing changed, not even a receipt" || fail "refused: nothing changed" "$before" "$(snap)"
XASO_PIN=xem-2026 run "$XASO" --db "$A" --user xem received matrix --plan ngoc-son-2026
expect_rc "a read-only account may look at the matrix" 0
screens "$A" vi "type xem" "press Enter" "type xem-2026" "press Enter" "press R i" "dump refused-import.txt" \
    "press t" "dump refused-return.txt"
grep -q "Người Xem (xem)" "$TMP/tui/refused-import.txt" &&
    ! grep -q "Import bundles:\|Nhập gói báo cáo:" "$TMP/tui/refused-import.txt" && pass "the screen refuses a read-only account the import, naming the person" ||
    fail "the screen refuses a read-only account the import" "$(tail -n 3 "$TMP/tui/refused-import.txt")"
grep -q "Người Xem" "$TMP/tui/refused-return.txt" && pass "…and the return" || fail "…and the return" "$(tail -n 3 "$TMP/tui/refused-return.txt")"
[ "$(snap)" = "$before" ] && pass "refused on screen: nothing changed" || fail "refused on screen: nothing changed" "$before" "$(snap)"
XASO_PIN=lan-2026 run "$XASO" --db "$A" --user lan bundle import "$TMP/again"
expect_rc "the administrator imports" 0

# --- file names are data: no escape sequence from a name reaches the terminal --------------------
H="$TMP/hostile.db"; cp "$TMP/province-empty.db" "$H"; mkdir -p "$TMP/names"
cp "$b4" "$TMP/names/$(printf 'a\033]0;PWNED\007\033[2Jb.zip')"
cp "$b1q2" "$TMP/names/$(printf 'fat-\377\376-name.zip')"
run "$XASO" --db "$H" bundle import "$TMP/names"
expect_rc "bundles with odd file names import" 0
if grep -q "$(printf '\033')" "$TMP/out" "$TMP/err"; then fail "no ESC byte in bundle import's output" "$(od -c "$TMP/out" | head)"; else pass "no ESC byte in bundle import's output"; fi
expect_out "the name is shown without its control characters" "a]0;PWNED[2Jb.zip: imported"
expect_out "a name that is not UTF-8 is shown with replacement characters" "fat-��-name.zip: imported"
[ "$(sqlite3 "$H" "SELECT count(*) FROM receipt WHERE file_name = 'a]0;PWNED[2Jb.zip' OR file_name = 'fat-��-name.zip'")" = 2 ] &&
    pass "the cleaned names are what is stored" || fail "the cleaned names are what is stored" "$(sqlite3 "$H" "SELECT file_name FROM receipt")"
sqlite3 "$H" "UPDATE receipt SET file_name = 'old' || char(27) || '[2J' || char(155) || 'x.zip' WHERE id = 1"
run "$XASO" --db "$H" bundle receipts
if grep -q "$(printf '\033')" "$TMP/out" || ! grep -q "oldx.zip\|old\[2Jx.zip" "$TMP/out"; then fail "bundle receipts drops control characters of stored names" "$(od -c "$TMP/out" | head)"; else pass "bundle receipts drops control characters of stored names"; fi

# --- a receipt on the sender: the report must exist, the bundle must be the one it built ---------
sender 40007 "UBND xã Bảy"; mkdir -p "$TMP/s7" "$TMP/s7r"
b7=$(build 40007 2026Q3 2026-09-29 "$TMP/s7")
"$XASO" --db "$H" bundle import "$b7" >/dev/null
run "$XASO" --db "$H" bundle return 40007 ngoc-son-2026 2026Q3 --reason "Thiếu minh chứng" -o "$TMP/s7r"
R7=$(sed -n 's/^returned; give the sender this receipt file: //p' "$TMP/out")
[ -f "$R7" ] && ! ls -A "$TMP/s7r" | grep -q '^\.xaso-tmp' && pass "the receipt file is in place, no temporary file left" || fail "the receipt file is in place" "$(ls -A "$TMP/s7r")"
run "$XASO" --db "$H" bundle return 40007 ngoc-son-2026 2026Q3 --reason "Lần hai" -o "$TMP/no-such-folder/r.json"
[ "$rc" -ne 0 ] && [ "$(sqlite3 "$H" "SELECT count(*) FROM receipt WHERE status = 'returned'")" = 1 ] &&
    pass "a receipt file that cannot be written: nothing recorded" || fail "a receipt file that cannot be written: nothing recorded" "rc $rc"
XASO_NOW=2026-06-01T08:00:00Z "$XASO" --db "$TMP/fresh7.db" init --code 40007 --name "UBND xã Bảy" --level xa >/dev/null
"$XASO" --db "$TMP/fresh7.db" plan import "$PLAN" >/dev/null
run "$XASO" --db "$TMP/fresh7.db" report receipt "$R7"
expect_rc "a receipt for a report this database does not have is refused" 65
expect_err "…saying so" "no report for plan ngoc-son-2026, period 2026Q3 in this database"
[ "$(sqlite3 "$TMP/fresh7.db" "SELECT count(*) FROM report")" = 0 ] && pass "…and no report row is made up" || fail "…and no report row is made up"
cp "$TMP/40007.db" "$TMP/40007b.db"
XASO_NOW=2026-09-30T08:00:00Z "$XASO" --db "$TMP/40007b.db" report reopen --plan ngoc-son-2026 --period 2026Q3 --reason "Sửa" >/dev/null
XASO_TODAY=2026-09-30 XASO_NOW=2026-09-30T09:00:00Z "$XASO" --db "$TMP/40007b.db" report finalise --plan ngoc-son-2026 --period 2026Q3 >/dev/null
XASO_TODAY=2026-09-30 XASO_NOW=2026-09-30T09:30:00Z "$XASO" --db "$TMP/40007b.db" report build --plan ngoc-son-2026 --period 2026Q3 -o "$TMP/s7" >/dev/null
run "$XASO" --db "$TMP/40007b.db" report receipt "$R7"
expect_rc "a receipt for a bundle other than the one built is refused" 65
expect_err "…saying so" "the receipt answers another bundle"
[ "$(sqlite3 "$TMP/40007b.db" "SELECT state FROM report WHERE period = '2026Q3'")" = packaged ] && pass "…and the report is left packaged" || fail "…and the report is left packaged"
run "$XASO" --db "$TMP/40007.db" report receipt "$R7"
expect_rc "the receipt for the bundle built is taken" 0
[ "$(sqlite3 "$TMP/40007.db" "SELECT state FROM report WHERE period = '2026Q3'; SELECT group_concat(from_state || '>' || to_state) FROM (SELECT * FROM report_event ORDER BY id DESC LIMIT 2); SELECT count(DISTINCT action) || ':' || min(action) FROM (SELECT action FROM audit ORDER BY id DESC LIMIT 2)" | tr '\n' ' ')" = "returned submitted>returned,packaged>submitted 1:report.receipt " ] &&
    pass "packaged → submitted → returned is one change" || fail "packaged → submitted → returned is one change" "$(sqlite3 "$TMP/40007.db" "SELECT action FROM audit ORDER BY id DESC LIMIT 3")"

finish
