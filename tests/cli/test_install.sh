#!/bin/sh
# make install / uninstall into a DESTDIR: the installed program runs and finds its data there.
. tests/cli/lib.sh
export XASO_LANG=en
ROOTDIR="$TMP/root"
PREFIX_DIR=$(sed -n "s/.*-DXASO_DATADIR='\"\(.*\)\/share\/xaso\"'.*/\1/p" "$BUILD/flags")
[ -n "$PREFIX_DIR" ] || PREFIX_DIR=/usr/local

run make -s BUILD="$BUILD" PREFIX="$PREFIX_DIR" DESTDIR="$ROOTDIR" install
expect_rc "make install into DESTDIR" 0
BIN="$ROOTDIR$PREFIX_DIR/bin/xaso"
[ -x "$BIN" ] && pass "the program is installed" || fail "the program is installed" "$BIN"
[ -f "$ROOTDIR$PREFIX_DIR/share/xaso/forms/plans/ngoc-son-2026.yaml" ] && pass "plans are installed" || fail "plans are installed"
[ -f "$ROOTDIR$PREFIX_DIR/share/xaso/forms/calendar.yaml" ] && pass "the calendar is installed" || fail "the calendar is installed"
run "$BIN" --version; expect_rc "installed program runs" 0
# DESTDIR is a staging area: point the program at its data there
XASO_DATADIR="$ROOTDIR$PREFIX_DIR/share/xaso" run "$BIN" --demo plan list
expect_rc "installed program opens the demo" 0; expect_out "installed demo lists the plan" "ngoc-son-2026"
run make -s BUILD="$BUILD" PREFIX="$PREFIX_DIR" DESTDIR="$ROOTDIR" uninstall
expect_rc "make uninstall" 0
[ -e "$BIN" ] && fail "uninstall removes the program" || pass "uninstall removes the program"
[ -e "$ROOTDIR$PREFIX_DIR/share/xaso" ] && fail "uninstall removes the data" || pass "uninstall removes the data"
finish
