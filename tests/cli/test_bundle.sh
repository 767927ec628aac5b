#!/bin/sh
# Reports and bundles from the command line: evidence, the whole-report check, finalise / reopen
# and the lock, building bundles for the demo and the three sample plans, checking them with
# `xaso bundle verify`, an independent BagIt checker (tests/bundle/bagit_check.py), the npm
# `datapackage` validator, a corpus of hostile zips, encryption, determinism, and a target that
# fills up mid-write.
. tests/cli/lib.sh
export XASO_LANG=en XASO_DATADIR="$ROOT" XASO_TODAY=2026-09-20 XASO_NOW=2026-09-20T08:00:00Z
unset XASO_PASSPHRASE
BUNDLE="$ROOT/tests/bundle"
OUT="$TMP/usb"; mkdir -p "$OUT"
state() { sqlite3 "$1" "SELECT state FROM report WHERE period = '$2' AND sender = ''"; }

# --- the demo, as a new user would -----------------------------------------------------------
DEMO="$XDG_DATA_HOME/xaso/demo.db"
run "$XASO" --demo report check --plan 27/KH-UBND --period 2026Q3
expect_rc "report check on the demo passes (warnings only)" 0
expect_out "check lists missing updates" "[no-update] task"
expect_out "check lists completions without evidence" "[evidence-missing]"
run "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q3 -o "$OUT"
expect_rc "a draft cannot be packaged" 65; expect_err "build says to finalise first" "finalise it first"
printf 'biên bản' > "$TMP/bien-ban.pdf"
run "$XASO" --demo evidence add --plan 27/KH-UBND --task PL2.5 --period 2026Q3 "$TMP/bien-ban.pdf"
expect_rc "evidence add exits 0" 0; expect_out "evidence add prints the hash" "SHA-256"
sha=$(sha256sum "$TMP/bien-ban.pdf" | cut -d' ' -f1)
[ -f "$DEMO.evidence/$sha" ] && pass "evidence stored by SHA-256 next to the database" || fail "evidence stored by SHA-256 next to the database"
[ "$(stat -c %a "$DEMO.evidence/$sha")" = 600 ] && [ "$(stat -c %a "$DEMO.evidence")" = 700 ] && pass "evidence is 0600 in a 0700 folder" || fail "evidence is 0600 in a 0700 folder"
run "$XASO" --demo evidence add --plan 27/KH-UBND --task PL2.5 --period 2026Q3 "$TMP/bien-ban.pdf"
expect_out "the same file twice is attached once" "already attached"
run "$XASO" --demo evidence list --plan 27/KH-UBND --period 2026Q3
expect_out "evidence list shows it" "bien-ban.pdf"
head -c 3000000 /dev/zero > "$TMP/big.bin"
XASO_EVIDENCE_MAX_MB=2 run "$XASO" --demo evidence add --plan 27/KH-UBND --task PL2.5 --period 2026Q3 "$TMP/big.bin"
expect_rc "evidence over the size limit is refused" 65; expect_err "the limit is explained" "larger than the limit of 2 MiB"
ev=$(sqlite3 "$DEMO" "SELECT max(id) FROM evidence")
run "$XASO" --demo evidence appraise "$ev" rejected
expect_rc "a rejection needs a reason" 65
run "$XASO" --demo evidence appraise "$ev" rejected --reason "Ảnh mờ"
expect_rc "evidence appraise exits 0" 0
run sqlite3 "$DEMO" "SELECT count(*) FROM audit WHERE action = 'evidence.appraise'"
expect_out "appraisal is audited" "1"
run "$XASO" --demo report check --plan 27/KH-UBND --period 2026Q3
expect_rc "rejected evidence on a done task is an error" 65; expect_out "the error names the task" "[evidence-rejected]"
run "$XASO" --demo report finalise --plan 27/KH-UBND --period 2026Q3
expect_rc "finalise is refused while errors remain" 65
[ "$(state "$DEMO" 2026Q3)" = draft ] && pass "a refused finalise leaves a draft" || fail "a refused finalise leaves a draft"
run "$XASO" --demo evidence appraise "$ev" accepted
run "$XASO" --demo report finalise --plan 27/KH-UBND --period 2026Q3
expect_rc "finalise exits 0" 0; expect_out "finalise says the data is locked" "locked"
run "$XASO" --demo evidence add --plan 27/KH-UBND --task PL2.3 --period 2026Q3 "$TMP/bien-ban.pdf"
expect_rc "a finalised period is locked" 77
run "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q3 -o "$OUT"
expect_rc "report build exits 0" 0; expect_out "build prints the SHA-256" "SHA-256 "
expect_out "build says safe to unplug" "Safe to unplug"
ZIP=$(head -n 1 "$TMP/out")
[ "$(state "$DEMO" 2026Q3)" = packaged ] && pass "the report is packaged" || fail "the report is packaged"
[ "$(sha256sum "$ZIP" | cut -d' ' -f1)" = "$(sed -n 's/^SHA-256 //p' "$TMP/out")" ] && pass "printed SHA-256 is the file's" || fail "printed SHA-256 is the file's"
run "$XASO" bundle verify "$ZIP"; expect_rc "bundle verify accepts it" 0
run python3 "$BUNDLE/bagit_check.py" "$ZIP"; expect_rc "the independent BagIt checker accepts it" 0
run unzip -tq "$ZIP"; expect_rc "any unzip reads it" 0
run unzip -Z1 "$ZIP"
expect_out "evidence named by SHA-256" "/data/evidence/$sha.pdf"
expect_out "report document inside" "/data/bao-cao-2026Q3.docx"
if LC_ALL=C grep -q '[^ -~]' "$TMP/out"; then fail "entry names are ASCII"; else pass "entry names are ASCII"; fi
unzip -p "$ZIP" '*/data/tasks.csv' > "$TMP/tasks.csv"
grep -q "Tổ chức tập huấn về chuyển đổi số" "$TMP/tasks.csv" && pass "CSV keeps Vietnamese in UTF-8" || fail "CSV keeps Vietnamese in UTF-8"
unzip -p "$ZIP" '*/data/bao-cao-2026Q3.docx' > "$TMP/r.docx"
python3 - "$TMP/r.docx" >"$TMP/docx.txt" 2>&1 <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith(".xml") or n.endswith(".rels"):
        xml.dom.minidom.parseString(z.read(n))
print(z.read("word/document.xml").decode())
PY
[ $? -eq 0 ] && pass "every part of the .docx is well-formed XML" || fail "every part of the .docx is well-formed XML" "$(head -c 300 "$TMP/docx.txt")"
for want in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "/BC-UBND" "Nơi nhận:" "Ngọc Sơn, ngày 20 tháng 09 năm 2026" "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"; do
    grep -qF "$want" "$TMP/docx.txt" && pass "report document has \"$want\"" || fail "report document has \"$want\""
done
# the summary page up front (issue 10), numbers written the Vietnamese way, who finalised and built
python3 - "$TMP/docx.txt" <<'PY' >"$TMP/summary.txt" 2>&1
import re, sys
doc = open(sys.argv[1]).read()
text = lambda s: re.sub(r"<[^>]+>", "", s)
summary, sep, rest = doc.partition('<w:br w:type="page"/>')
checks = {
    "the summary comes first, then a page break, then the report":
        "TÓM TẮT KẾT QUẢ" in text(summary) and "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text(rest),
    "the summary has the headline figures": all(w in text(summary) for w in
        ("Chỉ tiêu: ", "Nhiệm vụ: ", "Cảnh báo: ", "Kinh phí: ", "đã giải ngân")),
    "the summary has the group table with bars": "Chỉ tiêu theo nhóm" in text(summary) and "█" in summary,
    "the summary has the unit scorecard": "Số nhiệm vụ chủ trì" in text(summary) and "VHXH" in text(summary),
    "the summary names who finalised and who built it":
        "Người hoàn thành báo cáo: " in text(summary) and "người lập gói báo cáo: " in text(summary),
    "numbers are rounded with a decimal comma": "60,96%" in text(rest) and "60,955" not in doc,
    "money has Vietnamese thousands": "7.100" in text(summary),
}
bad = [k for k, ok in checks.items() if not ok]
for k, ok in checks.items():
    print(("ok - " if ok else "not ok - ") + k)
sys.exit(1 if bad else 0)
PY
cat "$TMP/summary.txt"; grep -q "^not ok" "$TMP/summary.txt" && _fails=$((_fails + 1))
unzip -p "$ZIP" '*/data/scorecard.csv' > "$TMP/scorecard.csv"
head -n 1 "$TMP/scorecard.csv" | grep -q "^unit_code,unit_name,tasks_led,on_time,late,overdue" && pass "the bundle has the unit scorecard CSV" || fail "the bundle has the unit scorecard CSV"
grep -q "^vhxh,Phòng Văn hóa - Xã hội,16," "$TMP/scorecard.csv" && pass "the scorecard CSV has each unit's figures" || fail "the scorecard CSV has each unit's figures" "$(head -c 300 "$TMP/scorecard.csv")"
unzip -p "$ZIP" '*/data/datapackage.json' | python3 -c "
import json, sys
r = [x for x in json.load(sys.stdin)['resources'] if x['name'] == 'scorecard'][0]['schema']
assert r['primaryKey'] == ['unit_code'], r
assert r['foreignKeys'] == [{'fields': ['unit_code'], 'reference': {'resource': 'units', 'fields': ['code']}}]
assert {f['name']: f['type'] for f in r['fields']}['avg_completion'] == 'number'
" && pass "datapackage.json describes the scorecard with keys and types" || fail "datapackage.json describes the scorecard with keys and types"
unzip -p "$ZIP" '*/bag-info.txt' > "$TMP/bag-info.txt"
for tag in "Contact-Name: " "Xaso-Finalised-By: " "Xaso-Finalised-At: 20" "Xaso-Built-By: "; do
    grep -q "^$tag" "$TMP/bag-info.txt" && pass "bag-info.txt has $tag" || fail "bag-info.txt has $tag" "$(cat "$TMP/bag-info.txt")"
done
# a second build: the same payload bytes; only Bagging-Date and what depends on it may differ
mkdir -p "$TMP/again"
XASO_TODAY=2026-09-21 run "$XASO" --demo report build --plan 27/KH-UBND --period 2026Q3 -o "$TMP/again/copy.zip"
expect_rc "a packaged report can be built again" 0
unzip -p "$ZIP" '*/manifest-sha256.txt' > "$TMP/m1"; unzip -p "$TMP/again/copy.zip" '*/manifest-sha256.txt' > "$TMP/m2"
expect_same "identical data gives identical payload bytes" "$TMP/m1" "$TMP/m2"
unzip -p "$TMP/again/copy.zip" '*/bag-info.txt' | grep -q "Bagging-Date: 2026-09-21" && pass "Bagging-Date is the day of the build" || fail "Bagging-Date is the day of the build"
unzip -Z1 "$TMP/again/copy.zip" | grep -q "^copy/bagit.txt" && pass "the top folder is named like the zip" || fail "the top folder is named like the zip"
# one changed byte: verify names the file
cp "$ZIP" "$TMP/tampered.zip"
off=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); i=[x for x in z.infolist() if x.filename.endswith('tasks.csv')][0]; print(i.header_offset+30+len(i.filename)+len(i.extra)+10)" "$TMP/tampered.zip")
printf 'Z' | dd of="$TMP/tampered.zip" bs=1 seek="$off" conv=notrunc 2>/dev/null
run "$XASO" bundle verify "$TMP/tampered.zip"
expect_rc "a changed byte is refused" 65; expect_err "verify names the changed file" "data/tasks.csv"
# reopen is explicit and recorded
run "$XASO" --demo report reopen --plan 27/KH-UBND --period 2026Q3
expect_rc "reopen needs a reason" 64
run "$XASO" --demo report reopen --plan 27/KH-UBND --period 2026Q3 --reason "Bổ sung minh chứng"
expect_rc "reopen exits 0" 0
run sqlite3 "$DEMO" "SELECT to_state, note FROM report_event WHERE note = 'Bổ sung minh chứng'"
expect_out "reopen is recorded with its reason" "draft|Bổ sung minh chứng"

# --- the three sample plans with some progress -------------------------------------------------
DB="$TMP/office.db"
"$XASO" --db "$DB" init --code 40123 --name "UBND xã Thử Nghiệm" --level xa >/dev/null
"$XASO" --db "$DB" plan import "$ROOT"/forms/plans/*.yaml >/dev/null
sqlite3 "$DB" "INSERT INTO task_update (task_id, period, status, completion, done_text, difficulties)
  SELECT id, '2026Q3', CASE WHEN pos % 3 = 0 THEN 'done' ELSE 'in-progress' END,
         CASE WHEN pos % 3 = 0 THEN 100 ELSE 40 END, '=HYPERLINK(\"x\") Đã triển khai', '- Thiếu kinh phí'
  FROM task;
  INSERT INTO target_value (target_id, period, value, no_data)
  SELECT id, '2026Q3', CASE WHEN measure_unit = '%' THEN min(value, 100) * 0.8 ELSE value END,
         value IS NULL FROM target;"
for plan in ngoc-son-2026 thuan-loi-2026 bac-son-2025-2030; do
    run "$XASO" --db "$DB" report finalise --plan "$plan" --period 2026Q3
    expect_rc "$plan: finalise" 0
    run "$XASO" --db "$DB" report build --plan "$plan" --period 2026Q3 -o "$OUT"
    expect_rc "$plan: build" 0
    zip=$(head -n 1 "$TMP/out")
    run "$XASO" bundle verify "$zip"; expect_rc "$plan: xaso bundle verify" 0
    run python3 "$BUNDLE/bagit_check.py" "$zip"; expect_rc "$plan: independent BagIt checker" 0
done
unzip -p "$zip" '*/data/task_updates.csv' | grep -q "\"'=HYPERLINK" && pass "formula injection neutralised in CSV text" || fail "formula injection neutralised in CSV text"

# --- the npm datapackage validator (cached in a folder this test creates) ---------------------
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
    CACHE="$ROOT/${BUILD:-build}/npm-datapackage"
    if [ ! -d "$CACHE/node_modules/datapackage" ]; then
        mkdir -p "$CACHE" && (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error \
            --prefix "$CACHE" datapackage@1.1.10 >/dev/null 2>&1)
    fi
    for z in "$OUT"/*.zip; do
        rm -rf "$TMP/x"; mkdir -p "$TMP/x"; (cd "$TMP/x" && unzip -q "$z")
        run env NODE_PATH="$CACHE/node_modules" node "$BUNDLE/datapackage_check.js" "$TMP"/x/*/data/datapackage.json
        expect_rc "npm datapackage validates $(basename "$z")" 0
    done
else
    echo "ok - npm datapackage validator # skipped: npm is not installed"
fi

# --- encryption -------------------------------------------------------------------------------
XASO_PASSPHRASE="mật khẩu tỉnh" run "$XASO" --db "$DB" report build --plan thuan-loi-2026 --period 2026Q3 -o "$TMP/enc.zip" --encrypt
expect_rc "encrypted build exits 0" 0; expect_out "says it is encrypted" "AES-256"
XASO_PASSPHRASE="mật khẩu tỉnh" run "$XASO" bundle verify "$TMP/enc.zip"; expect_rc "encrypted bundle verifies with its passphrase" 0
XASO_PASSPHRASE="sai" run "$XASO" bundle verify "$TMP/enc.zip"; expect_rc "wrong passphrase is refused" 65
expect_err "wrong passphrase named" "wrong passphrase"
run "$XASO" bundle verify "$TMP/enc.zip" </dev/null; expect_rc "no passphrase is refused" 65

# --- hostile and broken zips ------------------------------------------------------------------
python3 "$BUNDLE/make_hostile.py" "$ZIP" "$TMP/hostile" 2>/dev/null
check_hostile() { # file expected-message
    run "$XASO" bundle verify "$TMP/hostile/$1"
    expect_rc "$1 is refused" 65; expect_err "$1: $2" "$2"
}
check_hostile traversal.zip "contains \"..\""
check_hostile absolute.zip "entry name is absolute"
check_hostile backslash.zip "contains a backslash"
check_hostile drive-letter.zip "starts with a drive letter"
check_hostile duplicate.zip "appears more than once"
check_hostile two-tops.zip "more than one top-level folder"
check_hostile non-ascii-name.zip "not plain ASCII"
check_hostile wrong-hash.zip "data/tasks.csv: changed"
check_hostile missing-file.zip "data/units.csv: missing"
check_hostile extra-file.zip "data/extra.txt: extra file"
check_hostile bad-manifest-line.zip "is not \"<sha256> <path>\""
check_hostile oxum.zip "Payload-Oxum says 1 bytes in 1 files"
check_hostile invalid-utf8.zip "data/tasks.csv: invalid UTF-8 on line 2"
check_hostile datapackage-mismatch.zip "header does not match"
check_hostile foreign-key.zip "\"NO-SUCH-TASK\" is not in data/tasks.csv"
check_hostile ratio-bomb.zip "past the ratio limit"
check_hostile size-lie.zip "larger than its header declares"
check_hostile not-a-zip.zip "not a zip file"
check_hostile truncated.zip "truncated or damaged"
find "$TMP" -name 'evil.txt' | grep -q . && fail "verify never writes entries to disk" || pass "verify never writes entries to disk"

# --- a target that fills up mid-write ----------------------------------------------------------
# The kernel's file-size limit (ulimit -f, SIGXFSZ ignored) makes write(2) fail with EFBIG part
# way through, as a full stick does with ENOSPC. Evidence of 2 MB makes the zip larger than 1 MB.
head -c 2000000 /dev/urandom > "$TMP/photo.bin"
sqlite3 "$DB" "UPDATE report SET state = 'draft' WHERE period = '2026Q3'"
"$XASO" --db "$DB" evidence add --plan thuan-loi-2026 --task 1 --period 2026Q3 "$TMP/photo.bin" >/dev/null 2>&1 ||
    "$XASO" --db "$DB" evidence add --plan thuan-loi-2026 --task "$(sqlite3 "$DB" "SELECT t.key FROM task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'thuan-loi-2026' ORDER BY pos LIMIT 1")" --period 2026Q3 "$TMP/photo.bin" >/dev/null
"$XASO" --db "$DB" report finalise --plan thuan-loi-2026 --period 2026Q3 >/dev/null
mkdir -p "$TMP/full"
before=$(sqlite3 "$DB" "SELECT state, (SELECT count(*) FROM report_event) FROM report WHERE period = '2026Q3' AND plan_id = (SELECT id FROM plan WHERE key = 'thuan-loi-2026')")
(trap '' XFSZ; ulimit -f 2048; "$XASO" --db "$DB" report build --plan thuan-loi-2026 --period 2026Q3 -o "$TMP/full") >"$TMP/out" 2>"$TMP/err"; rc=$?
expect_rc "a full target fails the build" 74; expect_err "and says so" "the target is full"
[ -z "$(ls -A "$TMP/full")" ] && pass "nothing partial is left on the target" || fail "nothing partial is left on the target" "$(ls -A "$TMP/full")"
after=$(sqlite3 "$DB" "SELECT state, (SELECT count(*) FROM report_event) FROM report WHERE period = '2026Q3' AND plan_id = (SELECT id FROM plan WHERE key = 'thuan-loi-2026')")
[ "$before" = "$after" ] && pass "the report state is unchanged" || fail "the report state is unchanged" "$before -> $after"
run "$XASO" --db "$DB" report build --plan thuan-loi-2026 --period 2026Q3 -o "$TMP/nowhere/x.zip"
expect_rc "a missing folder is refused" 73
finish
