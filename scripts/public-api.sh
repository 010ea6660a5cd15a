#!/usr/bin/env bash
# Counts the public declarations of the two libraries from their symbol graphs
# (`swift package dump-symbol-graph`, run in the current folder: public symbols, members included, synthesized ones and
# those of other modules' protocols left out). Usage: scripts/public-api.sh [--list]
set -euo pipefail
# run from the package root
swift package dump-symbol-graph >/dev/null 2>&1
graphs=.build/$(uname -m)-unknown-linux-gnu/symbolgraph
[ -d "$graphs" ] || graphs=$(dirname "$(find .build -path '*symbolgraph/PolicyKit.symbols.json' | head -1)")
python3 - "$graphs" "${1:-}" <<'PY'
import json, sys, os
folder, mode = sys.argv[1], sys.argv[2]
total = 0
for module in ("PolicyKit", "PolicyLua"):
    graph = json.load(open(os.path.join(folder, module + ".symbols.json")))
    symbols = [s for s in graph["symbols"]
               if s.get("accessLevel") == "public" and not s["identifier"]["precise"].startswith("s:SY")
               and "::SYNTHESIZED::" not in s["identifier"]["precise"]]
    total += len(symbols)
    print(f"{module}: {len(symbols)} public declarations")
    if mode == "--list":
        for s in sorted(symbols, key=lambda s: ".".join(s["pathComponents"])):
            print("   ", s["kind"]["identifier"].replace("swift.", ""), ".".join(s["pathComponents"]))
print(f"total: {total}")
PY
