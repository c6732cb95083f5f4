# genai-c — the two commands a newcomer runs are `make demo` and `make test`.
# Everything builds out of tree: build/ (warnings as errors) and build-asan/
# (AddressSanitizer + UndefinedBehaviorSanitizer).

BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all build deps test test-fast test-asan test-tsan demo bench generate check-generated clean help
.PHONY: fuzz test-fuzz fuzz-build

all: build

help:
	@echo "make deps       install build and test dependencies (apt-get, npm)"
	@echo "make            build the library, CLI, emulator, examples and tests into $(BUILD)/"
	@echo "make demo       build, start the emulator (or use GEMINI_API_KEY), run the examples and the CLI"
	@echo "make test       the whole suite, then again under ASan+UBSan, and the concurrency tests under TSan"
	@echo "make bench      the benchmarks (bench/RESULTS.md records their results)"
	@echo "make fuzz       every libFuzzer target for FUZZ_SECONDS (default 600) each, in $(FUZZ_BUILD)/ (docs/fuzzing.md)"
	@echo "make test-fuzz  a 60-second smoke run of every fuzz target"
	@echo "make generate   regenerate include/genai/types.h and src/wire/types_gen.* from spec/"

deps:
	tools/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGENAI_ENABLE_SANITIZERS=ON $(CMAKE_ARGS)

test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -LE valgrind

# The tests of concurrency, under ThreadSanitizer.
$(TSAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGENAI_ENABLE_TSAN=ON -DGENAI_BUILD_EXAMPLES=OFF $(CMAKE_ARGS)

test-tsan: $(TSAN_BUILD)/CMakeCache.txt
	cmake -S . -B $(TSAN_BUILD) > /dev/null # new test files: configure again before naming targets
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target integration_test_threads integration_test_async integration_test_adc integration_test_live integration_test_live_keepalive integration_test_files_async genai-emulator
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --test-dir $(TSAN_BUILD) --output-on-failure -R 'integration.test_(threads|async|adc|live|live_keepalive|files_async)$$'

# libFuzzer targets (docs/fuzzing.md): clang, the library instrumented, ASan+UBSan.
# Corpora, crash reproducers and logs stay in $(FUZZ_BUILD)/fuzz/.
$(FUZZ_BUILD)/CMakeCache.txt:
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENAI_BUILD_FUZZERS=ON \
	  -DGENAI_BUILD_TESTS=OFF -DGENAI_BUILD_EXAMPLES=OFF -DGENAI_BUILD_CLI=OFF -DGENAI_BUILD_EMULATOR=OFF $(CMAKE_ARGS)

fuzz-build: $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target genai_fuzzers

# The targets run side by side, one per core; each fails on a crash, a broken
# invariant, a leak, a timeout or any sanitizer report.
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --test-dir $(FUZZ_BUILD)/fuzz --output-on-failure -j $(JOBS) \
	  --timeout $$(( $(FUZZ_SECONDS) + 600 ))
	@cat $(FUZZ_BUILD)/fuzz/logs/*.summary

# The smoke run of make test (and of CI): one minute per target.
test-fuzz: FUZZ_SECONDS = 60
test-fuzz: fuzz

test: test-fast test-asan test-tsan test-fuzz
	@echo "make test: all suites passed (normal, ASan+UBSan and TSan builds)"

demo: build
	tools/demo.sh $(BUILD)

bench: build
	bench/run.sh $(BUILD)

generate:
	python3 tools/gen_types.py

check-generated:
	python3 tools/gen_types.py --check

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
