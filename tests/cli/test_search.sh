#!/bin/sh
# xaso search: case, diacritics and đ ignored, ranked, the match marked in its own spelling, kept
# up to date with every change (even one made with the sqlite3 shell).
. tests/cli/lib.sh
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
[ "$B" = "$ROOT/build" ] || export XASO_LOCALEDIR="$B/locale" XASO_DATADIR="$ROOT"
export XASO_LANG=en
DB="$TMP/search.db"

# --- the demo -----------------------------------------------------------------------------------
run "$XASO" --demo search chuyen doi so;        expect_rc "search exits 0" 0; cp "$TMP/out" "$TMP/plain"
expect_out "finds the task in its own spelling, marked" "Tổ chức tập huấn về [chuyển đổi số]"
expect_out "counts the results" " results"
run "$XASO" --demo search "CHUYỂN ĐỔI SỐ";       expect_same "upper case with marks: the same results" "$TMP/plain" "$TMP/out"
run "$XASO" --demo search "chuyển đổi số";       expect_same "lower case with marks: the same results" "$TMP/plain" "$TMP/out"
nfd=$(printf 'chuye\314\202\314\211n \304\221o\314\202\314\211i so\314\202\314\201')
run "$XASO" --demo search "$nfd";                expect_same "decomposed (NFD) query: the same results" "$TMP/plain" "$TMP/out"
run "$XASO" --demo search "tap huan chuyen doi so" --limit 3
first=$(sed -n 2p "$TMP/out")
[ "$first" = "  Tổ chức [tập huấn] về [chuyển đổi số]" ] && pass "the closest match ranks first" || fail "the closest match ranks first" "$(head -n 6 "$TMP/out")"
run "$XASO" --demo search chuy --in tasks --limit 5
expect_out "a prefix finds the whole word (search as you type)" "[Chuyển] đổi số"
if grep -v '^  ' "$TMP/out" | grep -v '^5 results' | grep -qv '^Task '; then fail "--in tasks finds only tasks" "$(cat "$TMP/out")"; else pass "--in tasks finds only tasks"; fi
run "$XASO" --demo search "kinh phi" --in updates --limit 1
expect_out "task updates are searched" "difficulties: Thiếu [kinh phí] triển khai"
run "$XASO" --demo --lang vi search "chuyen doi so" --in tasks --limit 1
expect_out "in Vietnamese: kinds named in Vietnamese" "Nhiệm vụ "
expect_out "in Vietnamese: results counted in Vietnamese" "1 kết quả"

# --- the three sample plans: "dang uy" finds Đảng ủy in the Bắc Sơn plan ---------------------------
run "$XASO" --db "$DB" plan import "$ROOT"/forms/plans/*.yaml; expect_rc "the samples import" 0
run "$XASO" --db "$DB" search dang uy --plan bac-son-2025-2030 --limit 100
expect_rc "search --plan exits 0" 0
expect_out "dang uy finds the Bắc Sơn plan itself" "Kế hoạch của Ban Thường vụ [Đảng ủy] về chuyển đổi số"
expect_out "dang uy finds units named Đảng ủy" "[Đảng ủy]"
if grep -q "ngoc-son\|27/KH-UBND" "$TMP/out"; then fail "--plan keeps to one plan"; else pass "--plan keeps to one plan"; fi
run "$XASO" --db "$DB" search "DANG UY" --plan bac-son-2025-2030 --limit 100
cp "$TMP/out" "$TMP/upper"; run "$XASO" --db "$DB" search "đảng ủy" --plan bac-son-2025-2030 --limit 100
expect_same "DANG UY = đảng ủy" "$TMP/upper" "$TMP/out"

# --- changes are found at once --------------------------------------------------------------------
run "$XASO" --db "$DB" search zorblax;           expect_out "nothing found is said" "Nothing found for \"zorblax\""
sqlite3 "$DB" "UPDATE task SET name = 'Số hóa hồ sơ Zorblax đặc biệt' WHERE id = (SELECT min(id) FROM task)" 2>"$TMP/err" \
    && pass "a change from the sqlite3 shell works (triggers use only built-in SQL)" || fail "a change from the sqlite3 shell works" "$(cat "$TMP/err")"
run "$XASO" --db "$DB" search zorblax dac;       expect_out "the renamed task is found at once" "Số hóa hồ sơ [Zorblax đặc] biệt"
sed 's/name: "Tổ chức tập huấn về chuyển đổi số"/name: "Tổ chức tập huấn về Quixotrop số"/' \
    "$ROOT/forms/plans/ngoc-son-2026.yaml" >"$TMP/revised.yaml"
run "$XASO" --db "$DB" plan import "$TMP/revised.yaml"; expect_out "a revised plan imports" "1 updated"
run "$XASO" --db "$DB" search quixotrop;         expect_out "a name changed by import is found" "Tổ chức tập huấn về [Quixotrop] số"
run "$XASO" --db "$DB" search "Tổ chức tập huấn về chuyển đổi số" --in tasks --plan 27/KH-UBND
if grep -q "^  Tổ chức tập huấn về \[chuyển đổi số\]$" "$TMP/out"; then fail "the old name is gone"; else pass "the old name is gone"; fi
n=$(sqlite3 "$DB" "SELECT count(*) FROM search_index WHERE kind = 'task'")
m=$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE name <> ''")
[ "$n" -ge "$m" ] && pass "every task is indexed" || fail "every task is indexed" "$n index rows, $m tasks"

# --- usage --------------------------------------------------------------------------------------
run "$XASO" --db "$DB" search;                   expect_rc "search without TEXT: 64" 64
run "$XASO" --db "$DB" search " -- ";            expect_rc "search without a letter: 64" 64
run "$XASO" --db "$DB" search x --in nothing;    expect_rc "unknown kind: 64" 64; expect_err "the kinds are listed" "use plans, targets, tasks"
run "$XASO" --db "$DB" search x --plan nope;     expect_rc "unknown plan: 66" 66; expect_err "unknown plan named" "no plan \"nope\""
run "$XASO" --db "$TMP/none.db" search x;        expect_rc "missing database: 66" 66
run "$XASO" help search;                         expect_out "help search" "Usage: xaso search TEXT"
finish
