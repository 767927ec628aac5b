#!/bin/sh
# Regenerate every golden screen from tests/tui/scripts (after a deliberate change to the
# interface or its translations); review with `git diff tests/tui/goldens`.
set -e
cd "$(dirname "$0")/../.."
make --no-print-directory all
rm -f tests/tui/goldens/*.txt
XASO_UPDATE_GOLDENS=1 XASO_BIN=build/xaso sh tests/cli/test_tui.sh | grep -c 'updated' |
    sed 's/$/ golden screens written to tests\/tui\/goldens/'
