#!/bin/sh
# Regenerate every golden screen from tests/tui/scripts (after a deliberate change to the
# interface or its translations); review with `git diff tests/tui/goldens`.
set -e
cd "$(dirname "$0")/../.."
make --no-print-directory all
rm -f tests/tui/goldens/*.txt
XASO_UPDATE_GOLDENS=1 XASO_BIN=build/xaso sh tests/cli/test_tui.sh | grep -c 'updated' |
    sed 's/$/ golden screens written to tests\/tui\/goldens/'
# the data-entry screens (their own scripts, each on its own copy of the demo database)
rm -f tests/tui/entry/goldens/*.txt
XASO_UPDATE_GOLDENS=1 XASO_BIN=build/xaso sh tests/cli/test_tui_forms.sh | grep -c 'updated' |
    sed 's/$/ data-entry golden screens written to tests\/tui\/entry\/goldens/'
# staff accounts: the sign-in screen and the first administrator
rm -f tests/tui/accounts/goldens/*.txt
XASO_UPDATE_GOLDENS=1 XASO_BIN=build/xaso BUILD=build sh tests/cli/test_tui_accounts.sh | grep -c 'updated' |
    sed 's/$/ staff-account golden screens written to tests\/tui\/accounts\/goldens/'
