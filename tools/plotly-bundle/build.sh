#!/usr/bin/env bash
# Rebuild dashboard/vendor/plotly-partial.min.js (+ .gz, .br): plotly.js at the version the installed plotly
# Python package ships (figures and browser agree), with only the trace types of entry.js.
# esbuild options follow plotly.js's own esbuild-config.js. Needs node + npm; node_modules/
# stays here, untracked. Run: tools/plotly-bundle/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
version="$("$python" -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())')"
pinned="$(node -p "require('$here/package.json').devDependencies['plotly.js']")"
if [ "$version" != "$pinned" ]; then
  echo "plotly (Python) ships plotly.js $version but package.json pins $pinned: update package.json" >&2
  exit 1
fi
cd "$here"
npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
traces="scatter $(sed -n 's/.*require("plotly.js\/lib\/\([a-z0-9]*\)").*/\1/p' entry.js | grep -v '^core$' | tr '\n' ' ')"
out="$root/dashboard/vendor/plotly-partial.min.js"
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
  --define:global=window --define:define.amd=false --define:process.env.NODE_DEBUG=false \
  --loader:.css=empty --legal-comments=none --log-level=warning --outfile="$out.tmp"
{
  printf '/*! plotly.js v%s partial bundle: %s| (c) Plotly, Inc. MIT License | built by tools/plotly-bundle/build.sh */\n' \
    "$version" "$traces"
  cat "$out.tmp"
} > "$out"
rm -f "$out.tmp"
printf '{"plotly.js": "%s", "traces": "%s"}\n' "$version" "${traces% }" > "$here/VERSION.json"
gzip -9 -n -k -f "$out"
"$python" -c 'import brotli, sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[1] + ".br", "wb").write(brotli.compress(d, quality=11))' "$out"
ls -l "$out" "$out.gz" "$out.br"
