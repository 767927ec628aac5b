#!/bin/sh
# XASO_BIN for `make check-valgrind`: the real binary under valgrind's memcheck. Any invalid read
# or write, use of uninitialised memory, or definitely lost block makes the run exit 99 (which
# the command-line tests report as a wrong exit code). XASO_REAL_BIN is the binary.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --suppressions="$(dirname "$0")/xaso.supp" \
    "${XASO_REAL_BIN:?}" "$@"
