#!/usr/bin/env bash
# Upload throughput on loopback, not run in CI: the sample's generated client against the sample's service (the
# generated server), then curl sending the same parts to the same server, alternating, ROUNDS times each.
#
#   sample/Uploads.Sample/measure-throughput.sh [size-MiB] [part-size] [parallelism]    (defaults: 256 8M 4)
#
# Both sides send the parts of one Upload with the same parallelism; "parts" is the time from the first part sent to
# the last part acknowledged (the generated client also computes the file's md5 meanwhile, as the demo does);
# "complete" is the server assembling the parts and checking the md5. MiB/s = file size / parts time.
set -euo pipefail

size_mib=${1:-256}
part_size=${2:-8M}
parallelism=${3:-4}
rounds=${ROUNDS:-3}
port=${PORT:-5181}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/uploads-throughput.XXXXXX")
artifacts=${ARTIFACTS:-$work/artifacts}
base="http://127.0.0.1:$port/v1"
server=

cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "Building (Release)..." >&2
dotnet build "$here" -c Release --artifacts-path "$artifacts" -nologo -v q >&2
dll="$artifacts/bin/Uploads.Sample/release/Uploads.Sample.dll"

file="$work/file.bin"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$file"
bytes=$(stat -c %s "$file")
md5=$(md5sum "$file" | cut -d' ' -f1)
mkdir -p "$work/parts"
split -b "$part_size" -d -a 4 "$file" "$work/parts/part-"
part_count=$(ls "$work/parts" | wc -l)

dotnet "$dll" serve --port "$port" --data-dir "$work/data" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "$base/uploads" -X POST -H 'Content-Type: application/json' -d '{}' && break
    sleep 0.1
done

now() { date +%s.%N; }
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }

generated_client() {
    local line
    line=$(dotnet "$dll" "$file" --base-url "$base" --part-size "$part_size" --parallelism "$parallelism" 2>/dev/null | grep '^Sent ')
    # Sent 32 part(s), 256.0 MiB in 2.10 s (121.9 MiB/s); completed in 3.40 s in all.
    local parts_s all_s
    parts_s=$(sed -E 's/.* in ([0-9.]+) s \(.*/\1/' <<< "$line")
    all_s=$(sed -E 's/.*completed in ([0-9.]+) s in all.*/\1/' <<< "$line")
    echo "generated client  parts ${parts_s} s  $(rate "$parts_s") MiB/s   create+parts+complete ${all_s} s"
}

curl_parts() {
    local id start parted end ids
    start=$(now)
    id=$(curl -sf "$base/uploads" -H 'Content-Type: application/json' \
        -d "{\"filename\":\"file.bin\",\"purpose\":\"assistants\",\"bytes\":$bytes,\"mime_type\":\"application/octet-stream\"}" |
        grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
    rm -rf "$work/responses" && mkdir -p "$work/responses"
    local parts_start
    parts_start=$(now)
    ls "$work/parts" | xargs -P "$parallelism" -I{} curl -sf -o "$work/responses/{}.json" -F "data=@$work/parts/{}" "$base/uploads/$id/parts"
    parted=$(now)
    ids=$(for f in $(ls "$work/responses" | sort); do grep -o '"id":"[^"]*"' "$work/responses/$f" | head -1 | cut -d'"' -f4; done |
        awk 'BEGIN { ORS = "" } { printf "%s\"%s\"", (NR > 1 ? "," : ""), $0 }')
    curl -sf -o /dev/null "$base/uploads/$id/complete" -H 'Content-Type: application/json' -d "{\"part_ids\":[$ids],\"md5\":\"$md5\"}"
    end=$(now)
    local parts_s all_s
    parts_s=$(awk -v a="$parts_start" -v b="$parted" 'BEGIN { printf "%.2f", b - a }')
    all_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    echo "curl              parts ${parts_s} s  $(rate "$parts_s") MiB/s   create+parts+complete ${all_s} s"
}

echo "$size_mib MiB file, $part_count parts of $part_size, $parallelism in parallel, $rounds rounds, server $base"
for round in $(seq "$rounds"); do
    echo "round $round"
    generated_client
    curl_parts
done
