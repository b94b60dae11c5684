#!/usr/bin/env bash
# Refreshes the vendored browser libraries under src/CivilizationNews.Web/wwwroot/lib/ from npm.
# Nothing is fetched at run time and nothing comes from a CDN: this script installs the pinned
# versions into a temporary folder (install scripts off), bundles them into one plain script with
# esbuild, and copies it with the licences. node_modules is never committed.
#
#   bash scripts/refresh-browser-libs.sh
#
# Tiptap's packages are pinned to one version each (mixing 3.3x releases fails npm's peer check).
set -euo pipefail

TIPTAP=3.31.3
ESBUILD=0.28.2

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/CivilizationNews.Web/wwwroot/lib/tiptap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
echo '{ "name": "cn-browser-libs", "private": true }' > package.json
npm install --ignore-scripts --no-audit --no-fund --save-exact --cache "${HOME}/.cache/npm" \
  "@tiptap/core@$TIPTAP" "@tiptap/pm@$TIPTAP" "@tiptap/starter-kit@$TIPTAP" "@tiptap/extension-table@$TIPTAP" \
  "esbuild@$ESBUILD"

cp "$root/scripts/browser-libs/tiptap-entry.mjs" entry.mjs
# An IIFE with no eval and no injected <style>: the admin CSP is script-src 'self' and style-src 'self'.
node_modules/.bin/esbuild entry.mjs --bundle --minify --format=iife --global-name=CnTiptap \
  --target=es2020 --legal-comments=none --outfile=tiptap.min.js

if grep -q 'new Function\|eval(' tiptap.min.js; then
  echo "The bundle uses eval or new Function, which the admin CSP refuses." >&2
  exit 1
fi

mkdir -p "$out"
cp tiptap.min.js "$out/tiptap.min.js"
{
  echo "Licences of the packages bundled into tiptap.min.js (built by scripts/refresh-browser-libs.sh)."
  echo
  for dir in $(npm ls --all --parseable | grep '/node_modules/' | grep -v 'esbuild' | sed "s|^$work/||" | sort -u); do
    name="$(node -p "require('./$dir/package.json').name")"
    version="$(node -p "require('./$dir/package.json').version")"
    licence="$(node -p "require('./$dir/package.json').license")"
    echo "================================================================"
    echo "$name $version ($licence)"
    echo "================================================================"
    file="$(find "$dir" -maxdepth 1 -iname 'LICEN[CS]E*' | head -n 1)"
    if [ -n "$file" ]; then cat "$file"; else echo "(no licence file in the package; licence field: $licence)"; fi
    echo
  done
} > "$out/LICENSE"
echo "tiptap@$TIPTAP" > "$out/VERSION"
ls -l "$out"
