# Agora's two commands:  `make run`  and  `make test`  (see README.md).
# Every target installs what it needs first (Debian packages, npm packages).

SHELL := /bin/bash
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
DATA ?= ./data
JOBS ?= $(shell nproc)
export CCACHE_DIR ?= $(HOME)/.cache/ccache
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: all build run test deps npm web server server-asan unit bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

npm: deps
	@scripts/npm-install.sh

web: npm
	npm run build -w web --silent

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGORA_TESTS=ON

server: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

$(ASAN_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAGORA_SANITIZE=ON -DAGORA_TESTS=ON

server-asan: deps $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j $(JOBS)

## make build: install dependencies and build build/agora and the web client
build: server web

## make run: build, then serve http://127.0.0.1:8080 from ./data
run: build
	./$(BUILD_DIR)/agora serve --data $(DATA)

## make test: build and run every test (unit, integration, browser; then again under ASan+UBSan)
test: build server-asan
	@scripts/run-tests.sh $(BUILD_DIR) $(ASAN_DIR)

## make fuzz: build the libFuzzer targets with clang and run each for FUZZ_SECONDS (default 20)
fuzz: deps
	@scripts/fuzz.sh

## make bench: measure GET /api/v1/me and /healthz against nginx (see bench/README.md)
bench: build
	@bench/run.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-fuzz web/dist
