# xaso — build, test and install.  `make`, `make check`, `make check-asan`, `make install`.
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
VERSION := 0.1.0

CC ?= cc
PKGS := ncursesw sqlite3 yaml-0.1 libzip libutf8proc libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))

WARN := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
SANITIZE ?=
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SANITIZE) \
              -Iinclude $(PKG_CFLAGS) -DXASO_VERSION='"$(VERSION)"' \
              -DXASO_DATADIR='"$(PREFIX)/share/xaso"' -DXASO_LOCALEDIR='"$(PREFIX)/share/locale"' \
              -MMD -MP
LDLIBS := $(PKG_LIBS) -lm

LIB_SRC := $(sort $(filter-out src/main.c src/tui/%, $(wildcard src/*.c src/*/*.c)))
TUI_SRC := $(sort $(wildcard src/tui/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/src/main.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MO := $(patsubst locale/%.po,$(BUILD)/locale/%/LC_MESSAGES/xaso.mo,$(wildcard locale/*.po))

.PHONY: all check check-asan check-valgrind unit install uninstall clean bench fuzz FORCE
all: $(BUILD)/xaso $(MO)

# Objects depend on the flags they were built with (PREFIX is compiled in): a change rebuilds.
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(ALL_CFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS)' > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libxaso.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/xaso: $(MAIN_OBJ) $(TUI_OBJ) $(BUILD)/libxaso.a
	$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_OBJ) $(TUI_OBJ) $(BUILD)/libxaso.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libxaso.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit -o $@ $< \
	    $(BUILD)/libxaso.a $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/locale/%/LC_MESSAGES/xaso.mo: locale/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

unit: $(UNIT_BIN)

# Every test: cmocka unit tests, then command-line tests against the real binary.
check: all $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

check-asan:
	$(MAKE) BUILD=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' check

# valgrind (memcheck) over every unit test (--leak-check=full) and the command-line tests in
# VALGRIND_CLI, whose binary runs under valgrind through tests/valgrind/xaso.sh. Any error fails.
VALGRIND_CLI ?= test_plan test_backup test_progress test_search test_injection test_perms test_receive
check-valgrind: all $(UNIT_BIN)
	@set -e; fails=0; for t in $(UNIT_BIN); do \
	    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	        --suppressions=tests/valgrind/xaso.supp $$t >$(BUILD)/valgrind.log 2>&1 || \
	        { cat $(BUILD)/valgrind.log; echo "valgrind: $$t FAILED"; fails=$$((fails + 1)); }; \
	done; \
	for t in $(VALGRIND_CLI); do \
	    XASO_REAL_BIN=$(CURDIR)/$(BUILD)/xaso XASO_BIN=tests/valgrind/xaso.sh BUILD=$(BUILD) \
	        XASO_CRASH_RUNS=5 sh tests/cli/$$t.sh >$(BUILD)/valgrind.log 2>&1 || \
	        { grep -v '^ok' $(BUILD)/valgrind.log; echo "valgrind: $$t FAILED"; fails=$$((fails + 1)); }; \
	done; \
	echo "check-valgrind: $$fails failed"; [ $$fails -eq 0 ]

# Fuzzing (libFuzzer, clang): every tests/fuzz/fuzz_*.c runs FUZZ_SECONDS from its seed corpus in
# tests/fuzz/corpus/NAME; new inputs go to build-fuzz/corpus/NAME, crashes to build-fuzz/crashes/.
FUZZ_SECONDS ?= 15
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS='-O1 -g' \
	    SANITIZE='-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all' \
	    build-fuzz/libxaso.a
	@mkdir -p build-fuzz/crashes
	@set -e; for src in $(FUZZ_SRC); do \
	    name=$$(basename $$src .c | sed 's/^fuzz_//'); \
	    clang $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	        $$src build-fuzz/libxaso.a $(LDLIBS) -o build-fuzz/fuzz_$$name; \
	    mkdir -p build-fuzz/corpus/$$name tests/fuzz/corpus/$$name; \
	    echo "fuzz $$name: $(FUZZ_SECONDS) s"; \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	    build-fuzz/fuzz_$$name build-fuzz/corpus/$$name tests/fuzz/corpus/$$name \
	        -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
	        -artifact_prefix=build-fuzz/crashes/$$name- -print_final_stats=1 2>&1 | \
	        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|SUMMARY|Test unit written' || true; \
	    if ls build-fuzz/crashes/$$name-* >/dev/null 2>&1; then echo "fuzz $$name: CRASH"; exit 1; fi; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/xaso
	install -m 0755 $(BUILD)/xaso $(DESTDIR)$(PREFIX)/bin/xaso
	cp -R forms $(DESTDIR)$(PREFIX)/share/xaso/
	for mo in $(MO); do lang=$$(basename $$(dirname $$(dirname $$mo))); \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	    install -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/xaso.mo; done
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/doc/xaso
	install -m 0644 docs/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 docs/man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 0644 docs/guide/vi/huong-dan-su-dung.md docs/guide/en/user-guide.md \
	    $(DESTDIR)$(PREFIX)/share/doc/xaso/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/xaso
	rm -rf $(DESTDIR)$(PREFIX)/share/xaso
	rm -f $(DESTDIR)$(PREFIX)/share/locale/*/LC_MESSAGES/xaso.mo
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/xaso.1 $(DESTDIR)$(PREFIX)/share/man/man5/xaso-plan.5 \
	    $(DESTDIR)$(PREFIX)/share/man/man5/xaso-bundle.5
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/xaso

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# The full-screen interface: regenerate the golden screens; benchmark 100,000 tasks (not in check).
.PHONY: goldens
goldens: all
	sh tests/tui/update-goldens.sh

bench: all
	sh tests/bench/bench.sh $(BENCH_TASKS)

# ---------- translations ----------
# `make update-po` extracts every marked string (_, N_, P_) from the sources into locale/xaso.pot
# and merges it into each locale/LANG.po; translate what is new or fuzzy, then `make`.
# tests/cli/test_i18n.sh (run by `make check`) fails when vi.po is incomplete or fuzzy, when
# xaso.pot is older than the sources, or when a user-visible string is not marked.
POT_SRC = $(sort $(wildcard src/*.c src/*/*.c src/*/*.h include/xaso/*.h))
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
    --add-comments=TRANSLATORS: --package-name=xaso --package-version=$(VERSION) \
    --msgid-bugs-address=xaso --sort-by-file
.PHONY: update-po pot
pot:
	@mkdir -p $(BUILD)
	xgettext $(XGETTEXT_FLAGS) -o $(BUILD)/xaso.pot $(POT_SRC)
update-po: pot
	@sed -e '/^"POT-Creation-Date:/d' $(BUILD)/xaso.pot > locale/xaso.pot
	@for po in locale/*.po; do \
	    msgmerge --quiet --update --backup=none --no-fuzzy-matching $$po locale/xaso.pot || exit 1; \
	    case $$po in */en.po) msgen -o $$po $$po || exit 1;; esac; \
	    printf '%s: ' $$po; msgfmt --check --statistics -o /dev/null $$po; done

# ---------- user guides ----------
# `make guide` runs the program headless (docs/guide/scripts) and on the command line with a fixed
# date and the demo, writes the captures to docs/guide/captures/ and puts each one into the marked
# blocks of the guides. tests/cli/test_guide.sh fails when a guide no longer matches the program.
GUIDES := docs/guide/vi/huong-dan-su-dung.md docs/guide/en/user-guide.md
.PHONY: guide
guide: all
	XASO_BIN=$(BUILD)/xaso sh docs/guide/captures.sh docs/guide/captures
	sh docs/guide/captures.sh --rewrite docs/guide/captures $(GUIDES)
