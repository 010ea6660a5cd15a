#!/usr/bin/env python3
"""Validate project and instrument YAML files against the JSON Schemas in instruments/schema/.

Usage: python3 Tests/SchemaFixtures/validate.py FILE.yaml [FILE.yaml ...]

Prints one line per file, `path: valid` or `path: invalid: <first error>`, and exits 1 when a
file is invalid (2 on usage errors).

Which schema: the `# yaml-language-server: $schema=...` comment on the first line, if any, names
it (project.schema.json or instrument.schema.json); otherwise a file called `project.yaml` or
`project-*.yaml` is a project file and every other file an instrument file.

YAML is read as the loader and editors read it, with YAML 1.2's core schema: days (2024-11-15)
stay strings, they are not turned into dates, so that the schema's `day` pattern and
`format: date` apply to them; only `true`/`false` (in three spellings) are booleans (`yes`,
`no`, `on`, `off` stay words); only decimal numbers are numbers (`0x1F`, `0o17`, `1_000`,
`1:30`, `.inf` and `.nan` stay words, which the loader refuses where a number is expected).
"""

import json
import os
import re
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "instruments", "schema"))
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


class Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema resolution and no timestamps: days stay strings."""


Loader.yaml_implicit_resolvers = {}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
# A decimal integer, also with leading zeros (YAML 1.1 would read 010 as octal).
Loader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))


def load_schema(name):
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_name(path, text):
    first = text.splitlines()[0] if text else ""
    match = MODELINE.match(first)
    if match:
        return os.path.basename(match.group(1))
    base = os.path.basename(path)
    if base == "project.yaml" or base.startswith("project-"):
        return "project.schema.json"
    return "instrument.schema.json"


def location(error):
    parts = [str(p) for p in error.absolute_path]
    return "/".join(parts) if parts else "(root)"


def best_error(validator, document):
    errors = list(validator.iter_errors(document))
    if not errors:
        return None
    # jsonschema's most relevant error (deep errors first, not a oneOf/anyOf wrapper).
    error = jsonschema.exceptions.best_match(errors)
    if error.validator in ("oneOf", "anyOf", "contains"):
        # The default message repeats the whole instance; the schema's description says more.
        what = error.schema.get("description", "see the schema")
        kind = "no item matches" if error.validator == "contains" else "matches no single alternative"
        return f"{location(error)}: {kind}: {what}"
    return f"{location(error)}: {error.message}"


def validate(path, validators):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        return f"cannot read: {e.strerror}"
    name = schema_name(path, text)
    if name not in validators:
        return f"unknown schema {name}"
    try:
        document = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        return f"YAML error: {str(e).splitlines()[0]}"
    if isinstance(document, dict) and "schema" in document and next(iter(document)) != "schema":
        return "(root): the first key must be 'schema'"
    return best_error(validators[name], document)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    validators = {
        name: load_schema(name) for name in ("project.schema.json", "instrument.schema.json")
    }
    failed = False
    for path in argv[1:]:
        error = validate(path, validators)
        if error is None:
            print(f"{path}: valid")
        else:
            failed = True
            print(f"{path}: invalid: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
