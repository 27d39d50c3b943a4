#!/usr/bin/env bash
# Runs L2L's own public samples, UNMODIFIED, against the local sandbox (l2l-sandbox), one
# fresh demo sandbox per sample, and fails if any sample fails.
#
# Usage:
#   scripts/run-l2l-samples.sh [--python DIR] [--javascript DIR] [--go DIR]
# where DIR is a checkout of the sample's repository (at least one is required).
#
# This script downloads nothing. Before running it:
#   1. Fetch the samples (outside this repository; never commit them):
#        git clone https://github.com/leading2lean/les-python3
#        git clone https://github.com/leading2lean/les-javascript
#        git clone https://github.com/leading2lean/les-go
#   2. Install what each sample needs, as its own header says:
#        Python 3.7+ and requests:  python3 -m venv les-python3/api/pyenv &&
#                                   les-python3/api/pyenv/bin/pip install -r les-python3/api/requirements.txt
#                                   (or any python3 that can `import requests`)
#        Node 12+ and its modules:  (cd les-javascript/api && npm ci)
#        Go 1.14+:                  e.g. `apt-get install golang-go` (Debian)
#   3. The sandbox binary is built with `cargo build -p l2l-sandbox` (cargo fetches crates as
#      any build of this workspace does), or set L2L_SANDBOX=/path/to/l2l-sandbox.
#
# How each sample is pointed at the sandbox, with configuration only:
#   - The samples build `https://<server>/api/1.0/` from their `server` argument, so the
#     sandbox serves https (--tls) and the server is `localhost:<port>`; its generated CA is
#     trusted through each runtime's own variable: REQUESTS_CA_BUNDLE (Python requests),
#     NODE_EXTRA_CA_CERTS (Node), SSL_CERT_FILE (Go on Linux).
#   - Site 1 (the demo's test site), user jsmith (L2L_SAMPLES_USER), the sandbox's key.
#   - TZ is the site's time zone (L2L_SAMPLES_TZ, the demo site's America/Los_Angeles): the
#     samples send the machine's local time, and L2L reads it as site-local time.
#   - The JavaScript sample runs with LC_ALL=en_GB.UTF-8 (L2L_SAMPLES_JS_LOCALE): its
#     apiDateFormat uses toLocaleString([], {hour12: false}), which in en-US writes midnight
#     as "24:00", a time L2L (Python) refuses; with it the sample fails on its last call, on
#     the sandbox as it would on L2L. Set L2L_SAMPLES_JS_LOCALE=en_US.UTF-8 to see that.
set -uo pipefail

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

PY_DIR="" JS_DIR="" GO_DIR=""
while [ $# -gt 0 ]; do
    case "$1" in
        --python) PY_DIR="${2:?--python takes a directory}"; shift 2 ;;
        --javascript) JS_DIR="${2:?--javascript takes a directory}"; shift 2 ;;
        --go) GO_DIR="${2:?--go takes a directory}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "run-l2l-samples: unknown argument $1" >&2; usage ;;
    esac
done
[ -n "$PY_DIR$JS_DIR$GO_DIR" ] || usage

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SITE=1
USER_NAME="${L2L_SAMPLES_USER:-jsmith}"
SITE_TZ="${L2L_SAMPLES_TZ:-America/Los_Angeles}"
JS_LOCALE="${L2L_SAMPLES_JS_LOCALE:-en_GB.UTF-8}"
TIMEOUT="${L2L_SAMPLES_TIMEOUT:-120}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/l2l-samples.XXXXXX")"
SANDBOX_PID=""

cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

die() { echo "run-l2l-samples: $*" >&2; exit 2; }

if [ -z "${L2L_SANDBOX:-}" ]; then
    (cd "$ROOT" && cargo build -q -p l2l-sandbox --bin l2l-sandbox) || die "cargo build -p l2l-sandbox failed"
    L2L_SANDBOX="${CARGO_TARGET_DIR:-$ROOT/target}/debug/l2l-sandbox"
fi
[ -x "$L2L_SANDBOX" ] || die "no sandbox binary at $L2L_SANDBOX"

# Starts a fresh demo sandbox over https; sets PORT, KEY, CA.
start_sandbox() {
    stop_sandbox
    KEY="samples-$RANDOM$RANDOM"
    CA="$WORK/ca.pem"
    local out="$WORK/sandbox.out"
    : > "$out"
    "$L2L_SANDBOX" --port 0 --tls --cert "$CA" --seed demo --api-key "$KEY" > "$out" 2>&1 &
    SANDBOX_PID=$!
    local url=""
    for _ in $(seq 1 300); do
        url="$(sed -n 's/^listening on //p' "$out")"
        [ -n "$url" ] && break
        kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$out" >&2; die "the sandbox exited"; }
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$out" >&2; die "the sandbox did not start"; }
    PORT="$(echo "$url" | sed -n 's#^https://[^:]*:\([0-9]*\)/.*#\1#p')"
    [ -n "$PORT" ] || die "cannot read the port from '$url' (was --tls honoured?)"
}

stop_sandbox() {
    if [ -n "$SANDBOX_PID" ]; then
        kill "$SANDBOX_PID" 2>/dev/null
        wait "$SANDBOX_PID" 2>/dev/null
        SANDBOX_PID=""
    fi
}

FAILED=() PASSED=()

# run NAME DIR COMMAND...: runs the command in DIR with a fresh sandbox; records the result.
run() {
    local name="$1" dir="$2"
    shift 2
    echo "=== $name: $*" | sed "s/$KEY/<key>/g"
    (cd "$dir" && timeout "$TIMEOUT" "$@")
    local rc=$?
    if [ "$rc" -eq 0 ]; then
        PASSED+=("$name")
        echo "=== $name: PASSED"
    else
        FAILED+=("$name")
        echo "=== $name: FAILED (exit $rc)"
    fi
}

if [ -n "$PY_DIR" ]; then
    [ -f "$PY_DIR/api/main.py" ] || die "$PY_DIR/api/main.py not found (a les-python3 checkout?)"
    PY="${L2L_SAMPLES_PYTHON:-}"
    if [ -z "$PY" ]; then
        if [ -x "$PY_DIR/api/pyenv/bin/python" ]; then PY="$PY_DIR/api/pyenv/bin/python"; else PY=python3; fi
    fi
    "$PY" -c "import requests" 2>/dev/null || die "$PY cannot import requests (see step 2 in this script's header)"
    start_sandbox
    run les-python3 "$PY_DIR/api" env TZ="$SITE_TZ" REQUESTS_CA_BUNDLE="$CA" \
        "$PY" main.py "localhost:$PORT" "$SITE" "$USER_NAME" "$KEY"
fi

if [ -n "$JS_DIR" ]; then
    [ -f "$JS_DIR/api/index.js" ] || die "$JS_DIR/api/index.js not found (a les-javascript checkout?)"
    [ -d "$JS_DIR/api/node_modules/axios" ] || die "$JS_DIR/api/node_modules is missing: run 'npm ci' in $JS_DIR/api"
    command -v node >/dev/null || die "node is not installed"
    start_sandbox
    run les-javascript "$JS_DIR/api" env TZ="$SITE_TZ" LC_ALL="$JS_LOCALE" NODE_EXTRA_CA_CERTS="$CA" \
        node index.js --server "localhost:$PORT" --site "$SITE" --user "$USER_NAME" --apikey "$KEY"
fi

if [ -n "$GO_DIR" ]; then
    [ -f "$GO_DIR/main.go" ] || die "$GO_DIR/main.go not found (a les-go checkout?)"
    command -v go >/dev/null || die "go is not installed (Debian: apt-get install golang-go)"
    # The repository has no go.mod and imports only the standard library.
    (cd "$GO_DIR" && GO111MODULE=off go build -o "$WORK/les-go" main.go) || die "go build failed"
    start_sandbox
    run les-go "$GO_DIR" env TZ="$SITE_TZ" SSL_CERT_FILE="$CA" \
        "$WORK/les-go" -server "localhost:$PORT" -site "$SITE" -user "$USER_NAME" -apikey "$KEY"
fi

stop_sandbox
echo "passed: ${PASSED[*]:-none}; failed: ${FAILED[*]:-none}"
[ ${#FAILED[@]} -eq 0 ]
