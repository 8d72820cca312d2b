# enroll: see README.md. `make run` runs a bundled flow; `make test` runs every test.
GO       ?= go
BIN      := bin/enroll
PKGS     := ./...
# Packages with goroutines, run under the race detector as part of `make test`.
RACE     := ./otp/... ./mocksites/... ./runner/... ./report/... ./internal/...
FUZZTIME ?= 10s

.PHONY: deps build run test unit e2e bench fuzz lint serve tools clean

## deps: download the Go modules and make sure Chromium and oathtool are installed
deps: tools
	$(GO) mod download

## tools: install Chromium and oathtool from Debian packages when they are missing
tools:
	@./.ci/tools

## build: build bin/enroll
build:
	$(GO) build -o $(BIN) ./cmd/enroll

## run: run the bundled 20i guide against its bundled mock site in headless Chromium
run: tools build
	./$(BIN) run flows/20i.yaml

## test: every test, including the browser tests and the ginkgo e2e suite
test: tools
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed on:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -race $(RACE)
	$(MAKE) fuzz FUZZTIME=5s

## e2e: only the ginkgo end-to-end suite
e2e: tools
	$(GO) test -count=1 -v ./e2e/...

## bench: the benchmarks (compare runs with benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 $(PKGS)

## fuzz: run each fuzz target for FUZZTIME
fuzz:
	@./.ci/fuzz $(FUZZTIME)

## lint: go vet and gofmt
lint:
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }

## serve: start every bundled mock site until Ctrl-C
serve: build
	./$(BIN) serve

clean:
	rm -rf bin artifacts
