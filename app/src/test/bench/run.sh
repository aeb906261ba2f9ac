#!/usr/bin/env bash
# GUI benchmark (not a test; ./bench gui runs it): open-to-rendered for the largest corpus binary (or FILE), and
# the symbol filter on 200k synthetic symbols. Headless (Monocle) by default; XVFB=1 runs it on a real X display
# under xvfb-run. ROUNDS (default 5) measured rounds after one warm-up.
#   app/src/test/bench/run.sh [FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$root"
mvn -q -B -o test-compile -pl app -am >&2
cp_file="$root/app/target/bench-classpath.txt"
mvn -q -B -o dependency:build-classpath -pl app -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
# the reactor's own modules first (the classpath file names the ~/.m2 snapshots, which may be stale)
cp="$root/app/target/test-classes:$root/app/target/classes:$root/parsers/target/classes:$root/parsers/target/test-classes"
cp="$cp:$root/model/target/classes:$(cat "$cp_file")"
headless=(-Dtestfx.headless=true -Dprism.order=sw -Dprism.text=t2k -Dglass.platform=Monocle -Dmonocle.platform=Headless
          -Dheadless.geometry=1600x1000-32 -Djava.awt.headless=true)
if [ "${XVFB:-0}" = 1 ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx3g -Dbench.rounds="${ROUNDS:-5}" -Dprism.order=sw -Dproject.root="$root" -cp "$cp" \
    dev.crosslens.app.bench.GuiBench "$@"
fi
exec java -Xmx3g -Dbench.rounds="${ROUNDS:-5}" "${headless[@]}" -Dproject.root="$root" -cp "$cp" dev.crosslens.app.bench.GuiBench "$@"
