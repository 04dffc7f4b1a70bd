#!/usr/bin/env bash
# Refresh the vendored axe-core used by the accessibility browser tests.
#   tests/browser/vendor/refresh-axe.sh [version-spec]     (default: 4, i.e. the latest 4.x)
# Fetches the package with npm (the ordinary client, into a temporary directory), copies
# axe.min.js and its licence here, and records the version and checksums in axe.json, which
# tests/browser/test_vendor.py checks. Review the diff and commit the three files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
spec="${1:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$spec" >/dev/null)
tarball="$(ls "$work"/axe-core-*.tgz)"
tar -xzf "$tarball" -C "$work"
version="$(node -p "require('$work/package/package.json').version")"
cp "$work/package/axe.min.js" "$here/axe.min.js"
cp "$work/package/LICENSE" "$here/axe-core.LICENSE"
sha256="$(sha256sum "$here/axe.min.js" | cut -d' ' -f1)"
integrity="$(npm view --silent "axe-core@$version" dist.integrity)"
cat > "$here/axe.json" <<JSON
{
  "package": "axe-core",
  "version": "$version",
  "file": "axe.min.js",
  "sha256": "$sha256",
  "npm_integrity": "$integrity",
  "licence": "MPL-2.0"
}
JSON
echo "axe-core $version vendored (sha256 $sha256)"
