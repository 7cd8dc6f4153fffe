#!/bin/sh
# `make run`: the daemon on bundled example bulletins, served locally. It shows the first ingest,
# then publishes a revised work report and shows the indicator change the daemon finds.
set -eu
BIN=${BIN:-.build/release/bulletind}
STATE=${STATE:-.run-state}
EXAMPLES=Examples/bulletins

rm -rf "$STATE"
mkdir -p "$STATE/www"
cp "$EXAMPLES/hexi-2024-work-report.txt" "$EXAMPLES/hexi-2023-statistical-bulletin.txt" "$STATE/www/"
cp "$EXAMPLES/hexi-2023-bulletin-gb2312.html" "$STATE/www/hexi-2023-bulletin.html"

# A local web server on a free port (it answers If-Modified-Since with 304, as real servers do).
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$STATE/www" >"$STATE/www.log" 2>&1 &
SERVER=$!
DAEMON=""
cleanup() {
    [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null || true
    kill "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
PORT=""
for _ in $(seq 50); do
    PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$STATE/www.log" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { echo "error: the local web server did not start: $(cat "$STATE/www.log")" >&2; exit 1; }
sed -e "s#@PORT@#$PORT#g" -e "s#@STATE@/alerts#$STATE/alerts#g" -e "s#@STATE@#$STATE/store#g" \
    Examples/demo/bulletind.yaml >"$STATE/bulletind.yaml"
CONFIG="$STATE/bulletind.yaml"

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    limit=$1; what=$2; shift 2
    i=0
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ "$i" -le $((limit * 10)) ] || { echo "error: no $what after $limit s" >&2; exit 1; }
        sleep 0.1
    done
}
versions_of() { "$BIN" status --config "$CONFIG" --format jsonl | grep "\"id\":\"$1\"" | grep -q "\"versions\":$2"; }

echo "== what the parser reads in the 2024 work report"
"$BIN" parse "$STATE/www/hexi-2024-work-report.txt" | head -20
echo "   … (bulletind parse FILE shows them all)"

echo
echo "== bulletind run --config $CONFIG   (the daemon; its log follows)"
"$BIN" check-config --config "$CONFIG"
"$BIN" run --config "$CONFIG" &
DAEMON=$!
wait_for 30 "first snapshot" versions_of hexi-report 1
wait_for 30 "first snapshot" versions_of hexi-bulletin 1
wait_for 30 "first snapshot" versions_of hexi-statistics 1
echo
echo "== first ingest: a snapshot of each bulletin"
"$BIN" status --config "$CONFIG"
"$BIN" history --config "$CONFIG" hexi-report

echo
echo "== the city publishes a revised work report"
cp "$EXAMPLES/hexi-2024-work-report-revised.txt" "$STATE/www/hexi-2024-work-report.txt"
touch -d "@$(($(date +%s) + 2))" "$STATE/www/hexi-2024-work-report.txt"  # newer than the copy it replaces
wait_for 30 "revision" versions_of hexi-report 2
echo
echo "== what changed"
"$BIN" diff --config "$CONFIG" hexi-report
wait_for 30 "alert" grep -q 1292.8 "$STATE/alerts.jsonl"
echo
echo "== the alerts, with each sink's delivery"
"$BIN" events --config "$CONFIG" --source hexi-report
echo
echo "== the GDP alert as the file sink received it ($STATE/alerts.jsonl)"
grep '"1292.8"' "$STATE/alerts.jsonl" | head -1

echo
echo "== stopping the daemon (SIGTERM), then verifying every snapshot"
kill -TERM "$DAEMON"
wait "$DAEMON" || { echo "error: the daemon exited with status $?" >&2; exit 1; }
DAEMON=""
"$BIN" verify --config "$CONFIG"
echo
echo "The store is in $STATE/store; try: $BIN history --config $CONFIG hexi-report --indicator 地区生产总值"
