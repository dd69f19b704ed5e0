#!/usr/bin/env bash
# The frontend plugins' own JavaScript, as their package build ships it to an
# app (dependencies stay external: Backstage, React and @backstage/ui are the
# app's): bytes of every dist/*.js, raw and gzipped (gzip -9, as served).
#
#   ./portalw yarn bench:bundle-size
set -euo pipefail
cd "$(dirname "$0")/../.."
# The package build wants the declaration files tsc emits; removed at the end.
trap 'rm -rf dist-types' EXIT
yarn tsc >/dev/null
printf '%-34s %10s %10s %8s\n' package 'JS bytes' 'gzip' files
for dir in plugins/integrated-ops plugins/ops-requests; do
  name=$(node -p "require('./$dir/package.json').name")
  rm -rf "$dir/dist"
  yarn workspace "$name" backstage-cli package build >/dev/null
  mapfile -t files < <(find "$dir/dist" -name '*.js' -not -name '*.map')
  raw=$(cat "${files[@]}" | wc -c)
  gz=0
  for f in "${files[@]}"; do gz=$((gz + $(gzip -9c "$f" | wc -c))); done
  printf '%-34s %10d %10d %8d\n' "$name" "$raw" "$gz" "${#files[@]}"
  rm -rf "$dir/dist"
done
