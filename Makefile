# Thin wrapper around ./configure, meson and ninja; the build lives in build/.
#   make              configure if needed, then build
#   make check        install what is missing, fetch fixtures, build, run all but the slow suite
#   make check-slow   the same with every suite, the slow one included
#   make bench        build and run the benchmarks in tests/bench (reported, never asserted)
#   make demo         install what is missing, build, run the most capable real thing emu does
#   make install      install under the configured prefix
#   make clean        remove the build directory
BUILD ?= build
NINJA ?= ninja
SUITES_FAST = --no-suite slow

.PHONY: all deps fixtures check check-slow bench demo install clean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	./configure

deps:
	scripts/install-deps

fixtures:
	scripts/fetch-fixtures

check: deps
	$(MAKE) all
	scripts/fetch-fixtures
	scripts/run-tests $(BUILD) $(SUITES_FAST)

check-slow: deps
	$(MAKE) all
	scripts/fetch-fixtures
	scripts/run-tests $(BUILD)

bench: all
	tests/bench/run $(BUILD)

demo: deps
	$(MAKE) all
	scripts/fetch-fixtures
	scripts/demo $(BUILD)

install: all
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD)
