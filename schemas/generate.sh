#!/usr/bin/env bash
# Regenerate schemas/argo-workflows.schema.json from a pinned PyPI package.
#
#   schemas/generate.sh            write schemas/argo-workflows.schema.json
#   schemas/generate.sh --check    regenerate into a temp file and fail if the committed file differs
#   schemas/generate.sh OUT.json   write somewhere else
#
# Source: the `hera` wheel (PyPI), whose pydantic models hera generates from Argo Workflows'
# api/openapi-spec/swagger.json. schemas/hera_models_to_schema.py reads those models with
# Python's `ast` (stdlib only, nothing from the wheel is imported or run) and rebuilds Argo's
# api/jsonschema/schema.json layout. See schemas/SOURCE.md for provenance and limits.
#
# Set HERA_WHEEL=/path/to/hera-7.1.0-py3-none-any.whl to use an already downloaded wheel
# (it is still checked against the pinned sha256). Set PYTHON to choose the interpreter.
set -euo pipefail

HERA_VERSION="7.1.0"
HERA_WHEEL_NAME="hera-${HERA_VERSION}-py3-none-any.whl"
HERA_WHEEL_SHA256="1957348f770c06aec1b8f8c10c83b62fc03ec51df3c65208dcff672ff5ed145c"
PYTHON="${PYTHON:-python3}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/argo-workflows.schema.json"
check=0
case "${1:-}" in
  --check) check=1 ;;
  -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  "") ;;
  -*) echo "generate.sh: unknown option $1" >&2; exit 2 ;;
  *) target="$1" ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ -n "${HERA_WHEEL:-}" ]]; then
  cp "$HERA_WHEEL" "$tmp/$HERA_WHEEL_NAME"
else
  # --require-hashes makes pip itself refuse any other file; --no-deps: only the wheel is needed.
  printf 'hera==%s --hash=sha256:%s\n' "$HERA_VERSION" "$HERA_WHEEL_SHA256" > "$tmp/requirements.txt"
  "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: \
    --require-hashes -r "$tmp/requirements.txt" --dest "$tmp" >&2
fi

wheel="$tmp/$HERA_WHEEL_NAME"
[[ -f "$wheel" ]] || { echo "generate.sh: $HERA_WHEEL_NAME was not downloaded" >&2; exit 1; }
actual="$(sha256sum "$wheel" | cut -d' ' -f1)"
if [[ "$actual" != "$HERA_WHEEL_SHA256" ]]; then
  echo "generate.sh: sha256 mismatch for $HERA_WHEEL_NAME: got $actual, pinned $HERA_WHEEL_SHA256" >&2
  exit 1
fi

"$PYTHON" "$here/hera_models_to_schema.py" "$wheel" "$tmp/schema.json" >&2

if [[ "$check" == 1 ]]; then
  if cmp -s "$tmp/schema.json" "$target"; then
    echo "generate.sh: $target is up to date ($(sha256sum "$target" | cut -d' ' -f1))"
    exit 0
  fi
  echo "generate.sh: $target differs from a fresh generation; run schemas/generate.sh" >&2
  exit 1
fi

mv "$tmp/schema.json" "$target"
echo "generate.sh: wrote $target sha256 $(sha256sum "$target" | cut -d' ' -f1)"
