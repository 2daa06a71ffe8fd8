#!/usr/bin/env bash
# Lays out the BUILT kernel, runtime and protocol of a worktree as a user's node_modules holds
# them (package.json exports switched to dist, as publishConfig says), so that a profile or an
# A/B run measures what users run: `bash bench/layout-dist.sh <worktree> <out-dir>`.
set -euo pipefail
WT=$(cd "$1" && pwd)
OUT=$2
rm -rf "$OUT/node_modules"
mkdir -p "$OUT/node_modules/@ecology" "$OUT/node_modules/@jitl"
for p in kernel runtime protocol; do
  d="$OUT/node_modules/@ecology/$p"
  mkdir -p "$d"
  node -e "const p = require('$WT/packages/$p/package.json'); if (p.publishConfig?.exports) p.exports = p.publishConfig.exports; require('node:fs').writeFileSync('$d/package.json', JSON.stringify(p))"
  cp -r "$WT/packages/$p/dist" "$d/dist"
done
link() { ln -s "$(readlink -f "$WT/packages/$1/node_modules/$2")" "$OUT/node_modules/$2"; }
link kernel better-sqlite3
for dep in quickjs-emscripten-core source-map-js acorn @jitl/quickjs-wasmfile-release-sync; do link runtime "$dep"; done
