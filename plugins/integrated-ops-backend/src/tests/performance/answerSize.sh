#!/usr/bin/env bash
# Bytes of one lookup answer on the running portal (./portalw start), side by
# side: the default (best match in full, the others in brief) and detail=full,
# as JSON and gzip on the wire; and the MCP action's text (the minified JSON
# output the mcp-actions backend sends), compact and full.
#
#   plugins/integrated-ops-backend/src/tests/performance/answerSize.sh [query] [base-url]
set -euo pipefail
q=${1:-10.20.3.14}
base=${2:-http://localhost:7007}
token=$(curl -sf "$base/api/auth/guest/refresh" -H 'X-Requested-With: XMLHttpRequest' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')
auth=(-H "Authorization: Bearer $token")
bytes() { curl -sf "$@" -o /dev/null -w '%{size_download}' "${auth[@]}"; }
mcp() {
  curl -sf -X POST "${auth[@]}" -H 'Content-Type: application/json' \
    "$base/api/integrated-ops/.backstage/actions/v1/actions/integrated-ops:ops-lookup/invoke" \
    -d "{\"query\":\"$q\",\"detail\":\"$1\"}" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).output).length))'
}
url="$base/api/integrated-ops/lookup?q=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$q")"
printf '%-28s %12s %12s\n' "lookup of $q" default 'detail=full'
printf '%-28s %12s %12s\n' 'HTTP JSON bytes' "$(bytes "$url")" "$(bytes "$url&detail=full")"
printf '%-28s %12s %12s\n' 'HTTP gzip bytes on the wire' "$(bytes --compressed "$url")" "$(bytes --compressed "$url&detail=full")"
printf '%-28s %12s %12s\n' 'MCP text bytes' "$(mcp compact)" "$(mcp full)"
