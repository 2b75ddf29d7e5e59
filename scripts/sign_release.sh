#!/usr/bin/env bash
# Writes DIR/SHA256SUMS for the release binaries in DIR and signs it with the Ed25519 private key KEY
# (PKCS#8 PEM): DIR/SHA256SUMS.sig is the raw 64-byte signature of `openssl pkeyutl -sign -rawin`,
# DIR/release-signing.pub the public key (SPKI PEM). The signature is verified before it is kept; with
# EXPECTED_PUB (the key published in the repository), a different signing key is refused.
# Usage: scripts/sign_release.sh DIR KEY [EXPECTED_PUB]
set -euo pipefail
dir=$1
key=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
expected=${3:+$(cd "$(dirname "$3")" && pwd)/$(basename "$3")}
cd "$dir"
ls mcp-orchestration-* >/dev/null
sha256sum mcp-orchestration-* | LC_ALL=C sort -k2 > SHA256SUMS
openssl pkey -in "$key" -pubout -out release-signing.pub
if [ -n "$expected" ] && ! cmp -s release-signing.pub "$expected"; then
  echo "error: the signing key is not the one published in $expected" >&2
  exit 1
fi
openssl pkeyutl -sign -inkey "$key" -rawin -in SHA256SUMS -out SHA256SUMS.sig
openssl pkeyutl -verify -pubin -inkey release-signing.pub -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig
