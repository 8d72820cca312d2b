#!/usr/bin/env bash
# Peer benchmark: `enroll run flows/20i.yaml` against the same flow hand-written in
# Playwright (bench/peer/playwright/20i.mjs) and in chromedp (bench/peer/chromedp),
# whole process each (browser start to exit), on one bundled 20i mock started once.
#
#   bench/peer/run.sh [N]      # N rounds (default 8, or $N); `make bench-peer N=8`
#
# Each round runs each once, in an order that rotates from round to round, each
# after a POST /_mock/reset (the account back to 2FA off; not timed). Every run must exit
# 0 and print its success line, or the benchmark stops: a broken peer cannot look fast.
# Wall and CPU time (user+sys of the process and every process it started) come from
# bench/peer/proctime (see its doc comment for why not /usr/bin/time). It prints each
# one's median, and the median over rounds of enroll/Playwright and enroll/chromedp.
# Screenshots are off in all three (enroll: --screenshots failures); a fourth run,
# enroll-shots, is enroll with its default step screenshots, to say what they cost.
set -euo pipefail

N=${1:-${N:-8}}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/peer/run.sh [N]  (N rounds, a positive integer)" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PEER=$ROOT/bench/peer
cd "$ROOT"
for tool in go node npm curl; do
	command -v "$tool" >/dev/null || { echo "bench-peer: $tool not found (Node 20.19+ from Debian: apt-get install -y nodejs npm)" >&2; exit 2; }
done

WORK=$(mktemp -d -t enroll-bench-peer.XXXXXX)
SERVER=
cleanup() {
	if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "building enroll, the chromedp peer and proctime; npm ci for the Playwright peer"
go build -o "$WORK/enroll" ./cmd/enroll
# One browser binary for all three: the one enroll starts headless (its headless shell
# where it is installed, as Playwright does; ENROLL_CHROME when set).
ENROLL_CHROME=$("$WORK/enroll" version --browser-path) || exit 2
export ENROLL_CHROME
go build -o "$WORK/chromedp-peer" ./bench/peer/chromedp
go build -o "$WORK/proctime" ./bench/peer/proctime
# playwright-core downloads no browser; the peer drives $ENROLL_CHROME.
(cd "$PEER" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# One mock for the whole benchmark, with its control surface (reset).
"$WORK/enroll" serve --control --quiet 20i >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do # up to 10 s for the line "20i URL EMAIL"
	[[ -s $WORK/serve.out ]] && break
	kill -0 "$SERVER" 2>/dev/null || break
	sleep 0.1
done
read -r _ URL EMAIL <"$WORK/serve.out" || true
[[ $URL == http://* && -n $EMAIL ]] || { echo "bench-peer: enroll serve did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
export ENROLL_20I_EMAIL=$EMAIL
# The seeded account's password (mocksites/README.md); set it to run against another.
export ENROLL_20I_PASSWORD=${ENROLL_20I_PASSWORD:-Purple-Teal-2026!}
mkdir -p "$WORK/artifacts"

# enroll-shots is enroll with its default step screenshots (a picture after every guide
# step, for doc writers): what they cost, next to the three with screenshots off.
TOOLS=(enroll playwright chromedp enroll-shots)
# Each tool's command (into CMD), and the line its output must contain when it passed.
set_cmd() {
	case $1 in
	enroll) CMD=("$WORK/enroll" run --screenshots failures --artifacts "$WORK/artifacts" --base-url "$URL" flows/20i.yaml) ;;
	enroll-shots) CMD=("$WORK/enroll" run --screenshots steps --artifacts "$WORK/artifacts" --base-url "$URL" flows/20i.yaml) ;;
	playwright) CMD=(node "$PEER/playwright/20i.mjs" "$URL") ;;
	chromedp) CMD=("$WORK/chromedp-peer" "$URL") ;;
	esac
}
success_of() {
	case $1 in
	enroll | enroll-shots) echo "1 flow: 1 passed" ;;
	playwright) echo "PASSED 20i peer=playwright" ;;
	chromedp) echo "PASSED 20i peer=chromedp" ;;
	esac
}

# once TOOL: reset the mock, run TOOL under proctime, check its outcome; leaves
# "wall user sys" in $WORK/time.
once() {
	local tool=$1 log=$WORK/$1.log rc=0
	curl -fsS -X POST "$URL/_mock/reset" | grep -q '"ok":true' || { echo "bench-peer: the mock's reset failed" >&2; exit 1; }
	set_cmd "$tool"
	"$WORK/proctime" -o "$WORK/time" -- "${CMD[@]}" >"$log" 2>&1 || rc=$?
	if [[ $rc -ne 0 ]] || ! grep -qF "$(success_of "$tool")" "$log"; then
		echo "bench-peer: $tool failed (exit $rc); its output:" >&2
		grep -v 'dbus\|Failed to connect to the bus' "$log" | tail -20 >&2
		exit 1
	fi
}

RESULTS=$PEER/results
mkdir -p "$RESULTS"
RAW=$RESULTS/$(date -u +%Y%m%dT%H%M%SZ).tsv
echo -e "round\ttool\twall_s\tuser_s\tsys_s" >"$RAW"

echo "$(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) cores  load $(cut -d' ' -f1-3 /proc/loadavg)  $("$ENROLL_CHROME" --version 2>/dev/null | head -1)  node $(node --version)  enroll $(git describe --always --dirty 2>/dev/null || echo '?')"
echo "mock: $URL; warming up (one unmeasured run of each)"
for tool in "${TOOLS[@]}"; do once "$tool"; done

for ((r = 1; r <= N; r++)); do
	for ((k = 0; k < ${#TOOLS[@]}; k++)); do
		tool=${TOOLS[$(((r - 1 + k) % ${#TOOLS[@]}))]}
		once "$tool"
		read -r wall user sys <"$WORK/time"
		printf '%d\t%s\t%s\t%s\t%s\n' "$r" "$tool" "$wall" "$user" "$sys" >>"$RAW"
		awk -v r="$r" -v n="$N" -v t="$tool" -v w="$wall" -v u="$user" -v s="$sys" \
			'BEGIN { printf "round %d/%d  %-10s wall %6.2f s  cpu %6.2f s\n", r, n, t, w, u + s }'
	done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); raw figures: ${RAW#"$ROOT"/}"

# Medians: of each tool's runs, and over rounds of the ratio of the same round's runs.
awk -F'\t' '
function median(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
NR > 1 { wall[$1, $2] = $3; cpu[$1, $2] = $4 + $5; if ($1 > rounds) rounds = $1 }
END {
	split("enroll playwright chromedp enroll-shots", tools, " ")
	printf "\n%-28s %10s %10s\n", "median of " rounds " runs", "wall s", "cpu s"
	for (t = 1; t <= 4; t++) {
		for (r = 1; r <= rounds; r++) { w[r] = wall[r, tools[t]]; c[r] = cpu[r, tools[t]] }
		printf "%-28s %10.2f %10.2f\n", tools[t], median(w, rounds), median(c, rounds)
	}
	printf "\n%-28s %10s %10s\n", "median ratio over rounds", "wall", "cpu"
	for (t = 2; t <= 3; t++) {
		for (r = 1; r <= rounds; r++) { w[r] = wall[r, "enroll"] / wall[r, tools[t]]; c[r] = cpu[r, "enroll"] / cpu[r, tools[t]] }
		printf "%-28s %9.2fx %9.2fx\n", "enroll / " tools[t], median(w, rounds), median(c, rounds)
	}
	for (r = 1; r <= rounds; r++) { w[r] = wall[r, "enroll-shots"] - wall[r, "enroll"]; c[r] = cpu[r, "enroll-shots"] - cpu[r, "enroll"] }
	printf "%-28s %8.2f s %8.2f s\n", "step screenshots cost", median(w, rounds), median(c, rounds)
}' "$RAW"
