#!/usr/bin/env bash
# Counts the public declarations of the three libraries from their symbol graphs
# (`swift package dump-symbol-graph`, run in the current folder: public symbols, members included, synthesized ones and
# those of other modules' protocols left out). Usage: scripts/public-api.sh [--list | --check]
#   --list   every public declaration, by module
#   --check  fails (exit 1), naming them, when a public declaration has no documentation comment
#            or a public type is listed in no topic group (`- ``Type```) of its module's DocC
#            catalogue (make test runs it: what stays public is documented and curated)
set -euo pipefail
# run from the package root
graphs=.build/$(uname -m)-unknown-linux-gnu/symbolgraph
rm -f "$graphs"/PolicyKit.symbols.json "$graphs"/PolicyLua.symbols.json "$graphs"/PolicyWorkbook.symbols.json
# dump-symbol-graph exits 1 when the test modules are not built (a fresh clone): the libraries'
# graphs are still written, so its status is not the test; the graphs' presence is.
swift package dump-symbol-graph >/dev/null 2>&1 || true
[ -f "$graphs/PolicyKit.symbols.json" ] || graphs=$(dirname "$(find .build -path '*symbolgraph/PolicyKit.symbols.json' | head -1)")
for module in PolicyKit PolicyLua PolicyWorkbook; do
  [ -f "$graphs/$module.symbols.json" ] || { echo "public-api.sh: no symbol graph for $module (swift package dump-symbol-graph failed)" >&2; exit 1; }
done
python3 - "$graphs" "${1:-}" <<'PY'
import glob, json, re, sys, os
folder, mode = sys.argv[1], sys.argv[2]
total, undocumented = 0, []
for module in ("PolicyKit", "PolicyLua", "PolicyWorkbook"):
    graph = json.load(open(os.path.join(folder, module + ".symbols.json")))
    symbols = [s for s in graph["symbols"]
               if s.get("accessLevel") == "public" and not s["identifier"]["precise"].startswith("s:SY")
               and "::SYNTHESIZED::" not in s["identifier"]["precise"]]
    total += len(symbols)
    print(f"{module}: {len(symbols)} public declarations")
    ordered = sorted(symbols, key=lambda s: ".".join(s["pathComponents"]))
    if mode == "--list":
        for s in ordered:
            print("   ", s["kind"]["identifier"].replace("swift.", ""), ".".join(s["pathComponents"]))
    undocumented += [f"{module}.{'.'.join(s['pathComponents'])} is public but has no documentation comment" for s in ordered
                     if not any(line.get("text", "").strip() for line in (s.get("docComment") or {}).get("lines", []))]
    catalogue = "".join(open(f, encoding="utf-8").read() for f in glob.glob(f"Sources/{module}/{module}.docc/*.md"))
    listed = set(re.findall(r"^- ``([A-Za-z0-9_]+)``", catalogue, re.M))
    types = sorted({s["pathComponents"][0] for s in symbols if len(s["pathComponents"]) == 1
                    and s["kind"]["identifier"] in ("swift.struct", "swift.class", "swift.enum", "swift.protocol", "swift.typealias", "swift.actor")})
    undocumented += [f"{module}.{name} is public but no topic group of Sources/{module}/{module}.docc lists it" for name in types if name not in listed]
print(f"total: {total}")
if mode == "--check":
    for name in undocumented:
        print(f"public-api.sh: {name}", file=sys.stderr)
    if undocumented:
        sys.exit(1)
    print("every public declaration is documented, every public type listed in a topic group")
PY
