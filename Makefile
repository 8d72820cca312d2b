# enroll: see README.md. `make run` runs a bundled flow; `make test` runs every test.
# Both first make sure Chromium and oathtool are installed (.ci/tools).
GO       ?= go
BIN      := bin/enroll
# FUZZTIME is go test's -fuzztime: a count of inputs (10000x) or a duration (10m)
FUZZTIME ?= 10000x
# E2E_LABELS filters the e2e suite by ginkgo label: make e2e E2E_LABELS=20i
E2E_LABELS ?=

# Packages with goroutines (servers, the browser, the runner) and those that drive them
# run under the race detector in `make test`; the others (pure code: otp, qr, flow) run
# once without it.
RACE_DIRS := mocksites runner report internal/browser internal/cli conform
RACE      := $(foreach d,$(RACE_DIRS),./$(d)/...)
empty     :=
space     := $(empty) $(empty)
NORACE     = $$($(GO) list ./... | grep -vE '/($(subst $(space),|,$(RACE_DIRS)))(/|$$)')
GOFILES    = $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*')

.PHONY: deps tools build run test e2e bench bench-peer fuzz lint serve clean

## deps: make sure Chromium and oathtool are installed, and download the Go modules
deps: tools
	$(GO) mod download

## tools: install Chromium and oathtool from Debian packages when missing, or say how
tools:
	@./.ci/tools

## build: build bin/enroll
build:
	$(GO) build -o $(BIN) ./cmd/enroll

## run: run guide 003 (flows/20i.yaml) in headless Chromium against its bundled mock site
run: tools build
	./$(BIN) run --report json=artifacts/report.json --report junit=artifacts/report.xml flows/20i.yaml

## test: vet, gofmt, every test (unit, browser, the ginkgo e2e suite), -race, short fuzzing
test: tools lint
	$(GO) test -count=1 -race $(RACE)
	$(GO) test -count=1 -timeout 60m $(NORACE)
	@$(MAKE) --no-print-directory fuzz FUZZTIME=10000x

## e2e: only the ginkgo end-to-end suite, verbose (E2E_LABELS=20i to filter)
e2e: tools
	$(GO) test -count=1 -timeout 60m -v ./e2e/ -ginkgo.no-color $(if $(E2E_LABELS),-ginkgo.label-filter='$(E2E_LABELS)')

## bench: the benchmarks, 6 runs each (compare with benchstat)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./...

## bench-peer: enroll against Playwright and hand-written chromedp, whole process, N rounds (bench/peer/README.md)
bench-peer: tools
	./bench/peer/run.sh $(N)

## fuzz: each fuzz target for FUZZTIME inputs (10000x by default; FUZZTIME=10m for a time)
fuzz:
	@./.ci/fuzz $(FUZZTIME)

## lint: go vet and gofmt
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## serve: start every bundled mock site until Ctrl-C (prints each site's URL and account)
serve: build
	./$(BIN) serve

## clean: remove the binary and the artifacts of `make run`
clean:
	rm -rf bin artifacts
