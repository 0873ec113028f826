"""Regenerate the EcoLogits part of models.yaml, and the compact cache aicost reads.

    python -m aicost.build_models MODELS_JSON [--models models.yaml]   # then the cache
    python -m aicost.build_models --cache [--models models.yaml]        # the cache only

MODELS_JSON is `ecologits/data/models.json` of the EcoLogits 0.11.3 wheel (MPL-2.0 data,
reused with attribution: source `ecologits-models-0.11.3` of factors.yaml):

    pip download --no-deps ecologits==0.11.3 -d /tmp/eco && cd /tmp/eco && unzip -o *.whl

Every model of that file becomes one entry below the marker line of models.yaml, unless a
hand-written entry above the marker already names it (as its id or an alias): the hand-written
entry wins. Nothing above the marker is touched. Sizes are copied as EcoLogits gives them: a
number for a published size (status `secondary`: the authors' figure, seen through EcoLogits),
a range for a closed model (status `assumption`: EcoLogits' guess). Then the cache
`aicost/models.cache.json` is rewritten from a full, checked parse of models.yaml. A
maintainer's tool: the CLI never runs it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

MARKER = (
    "  # --- generated from EcoLogits 0.11.3: do not edit below this line by hand"
    " (python -m aicost.build_models) ---"
)
AS_OF = "2026-10"  # EcoLogits 0.11.3
CHECKED = "2026-11-25"

# EcoLogits' provider -> the `locations` profile of models.yaml.
LOCATIONS = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google_genai": "google",
    "mistralai": "mistral",
    "cohere": "cohere",
    "huggingface_hub": "open-us",
}
# Who makes the model: EcoLogits' provider, or the Hugging Face organisation.
MAKERS = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google_genai": "google",
    "mistralai": "mistral",
    "cohere": "cohere",
    "meta-llama": "meta",
    "google": "google",
    "microsoft": "microsoft",
    "mistral-community": "mistral",
    "CohereForAI": "cohere",
    "databricks": "databricks",
}
# Family from the start of a name, in order: what people call the line of models.
FAMILIES = [
    (r"^(claude)", "claude"),
    (r"^(gpt-oss)", "gpt-oss"),
    (r"^(gpt|chat-latest)", "gpt"),
    (r"^o\d", "o-series"),
    (r"^gemini", "gemini"),
    (r"^(codegemma|gemma)", "gemma"),
    (r"^(codellama|llama|meta-llama|llamaguard|prompt-guard)", "llama"),
    (
        r"^(mistral|mixtral|ministral|codestral|magistral|mathstral|voxtral|labs-leanstral)",
        "mistral",
    ),
    (r"^(command|c4ai-command)", "command"),
    (r"^(aya|c4ai-aya)", "aya"),
    (r"^phi", "phi"),
    (r"^dolly", "dolly"),
    (r"^dbrx", "dbrx"),
    (r"^(zai-glm|glm)", "glm"),
]
# Models that think before answering by default: the `reasoning` answer profile.
REASONING = re.compile(r"^(o\d|gpt-5(?!.*chat)|gpt-6|magistral)|reasoning|thinking")
# Sizes published but weights not downloadable, as far as aicost knows.
NOT_OPEN = re.compile(r"^mistral-medium")
_DATE_SUFFIX = re.compile(r"-(20\d\d-?\d\d-?\d\d|\d{4})$")


def family_of(model_id: str) -> str:
    for pattern, family in FAMILIES:
        if re.search(pattern, model_id):
            return family
    return model_id.split("-")[0]


def _label(name: str, provider: str) -> str:
    """'claude-sonnet-4-5' -> 'Claude Sonnet 4.5'; 'gpt-4o-mini' -> 'GPT-4o mini'."""
    if provider == "huggingface_hub":
        return name.split("/", 1)[1].replace("-", " ").replace("_", " ")
    text = name
    date = _DATE_SUFFIX.search(text)
    suffix = f" ({date.group(1)})" if date else ""
    text = text[: date.start()] if date else text
    if text.startswith("claude"):
        text = re.sub(r"(?<=\d)-(?=\d)", ".", text)
    if text.startswith("gpt-"):
        head, _, rest = text[4:].partition("-")
        return f"GPT-{head}" + (" " + rest.replace("-", " ") if rest else "") + suffix
    words = [w if any(c.isdigit() for c in w) else w.capitalize() for w in text.split("-")]
    return " ".join(words) + suffix


def _short_names(model_id: str) -> list[str]:
    """Shorter names people type: 'mistral-large' for 'mistral-large-latest', 'llama-3-8b' for
    'meta-llama-3-8b'."""
    names = []
    if model_id.endswith("-latest") and model_id != "chat-latest":  # not plain 'chat'
        names.append(model_id.removesuffix("-latest"))
    if model_id.startswith("meta-llama-"):
        names.append(model_id.removeprefix("meta-"))
    return names


def _precision(name: str) -> str:
    low = name.lower()
    if "fp8" in low:
        return "fp8"
    if "int8" in low:
        return "int8"
    if "4bit" in low or "awq" in low:
        return "int4"
    return "bf16"


def _params(value: object) -> str:
    if isinstance(value, dict) and "min" in value:
        return f"[{value['min']:g}, {value['max']:g}]"
    assert isinstance(value, (int, float)), value
    return f"{value:g}"


def _yaml_str(text: str) -> str:
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ._()/+-]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _key(name: str) -> str:
    return re.sub(r"[\s_.]+", "-", name.strip().lower())


def build_entries(data: dict[str, object], taken: set[str]) -> list[str]:
    """One YAML line per EcoLogits model not named by a hand-written entry (`taken`: name keys
    already used)."""
    models = data["models"]
    assert isinstance(models, list)
    extra_names: dict[str, list[str]] = {}
    for a in data.get("aliases", []):  # type: ignore[attr-defined]
        extra_names.setdefault(a["alias"], []).append(a["name"])
    used = set(taken)
    every_name = {_key(m["name"].rpartition("/")[2]) for m in models}
    rows: list[str] = []
    for m in models:
        name = m["name"]
        provider = m["provider"]
        org, _, short = name.rpartition("/")
        model_id = short.lower()
        aliases = [name] if org else []
        for other in extra_names.get(name, []):
            if name.startswith(other) and _DATE_SUFFIX.search(name):
                model_id, aliases = other.lower(), [name, *aliases]  # the short name is the id
            else:
                aliases.append(other)
        keys = {_key(n) for n in (model_id, *aliases)}
        if keys & taken:
            continue  # a hand-written entry describes this model
        if _key(model_id) in used:
            if org:
                model_id = f"{org.lower()}-{model_id}"
            else:
                continue  # the same name spelt twice by EcoLogits (mistral-medium-3-5 / 3.5)
            keys = {_key(n) for n in (model_id, *aliases)}
        aliases = [a for a in dict.fromkeys(aliases) if _key(a) != _key(model_id)]
        if {_key(a) for a in aliases} & used:
            continue
        used |= keys
        for short in _short_names(model_id):  # the names people type, when free
            if _key(short) not in used and _key(short) not in every_name:
                aliases.append(short)
                used.add(_key(short))
        arch = m["architecture"]
        params = arch["parameters"]
        warnings = m.get("warnings") or []
        closed = "model-arch-not-released" in warnings
        if isinstance(params, dict) and "total" in params:
            total, active = params["total"], params["active"]
        else:
            total, active = params, None
        fields = [
            "kind: text",
            f"en: {_yaml_str(_label(name, provider))}",
            f"provider: {MAKERS[org or provider]}",
            f"family: {family_of(model_id)}",
        ]
        if aliases:
            fields.append("aliases: [" + ", ".join(_yaml_str(a) for a in aliases) + "]")
        fields.append(f"open_weights: {str(not closed and not NOT_OPEN.match(model_id)).lower()}")
        fields.append(f"total_params_b: {_params(total)}")
        if active is not None:
            fields.append(f"active_params_b: {_params(active)}")
        if _precision(name) != "bf16":
            fields.append(f"precision: {_precision(name)}")
        fields.append(f"location: {LOCATIONS[provider]}")
        if REASONING.search(model_id):
            fields.append("answer: reasoning")
        fields += [
            "source: ecologits-models-0.11.3",
            f"status: {'assumption' if closed else 'secondary'}",
            f'as_of: "{AS_OF}"',
            f'checked: "{CHECKED}"',
        ]
        notes = []
        if closed:
            notes.append("size not published: EcoLogits' guess")
        if "model-arch-multimodal" in warnings:
            notes.append("multimodal")
        if notes:
            fields.append("note: " + _yaml_str("; ".join(notes)))
        rows.append(f"  {_yaml_str(model_id)}: {{" + ", ".join(fields) + "}")
    return rows


def hand_written_names(head: str) -> set[str]:
    """The name keys (ids and aliases) of the entries above the marker."""
    from aicost.yamlfile import load_yaml_text

    data = load_yaml_text(head, "models.yaml")
    names: set[str] = set()
    for model_id, entry in (data.get("models") or {}).items():
        names.add(_key(model_id))
        names.update(_key(a) for a in entry.get("aliases") or [])
    return names


def write_cache(models: Path) -> int:
    from aicost.models import CACHE_PATH, parse_file, to_cache

    catalogue = parse_file(str(models), str(models))
    CACHE_PATH.write_text(to_cache(catalogue), encoding="utf-8")
    return len(catalogue)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models_json", nargs="?", type=Path, help="EcoLogits' models.json")
    parser.add_argument("--models", type=Path, default=Path("models.yaml"))
    parser.add_argument("--cache", action="store_true", help="rewrite the cache only")
    args = parser.parse_args(argv)
    if not args.cache:
        if args.models_json is None:
            print("give EcoLogits' models.json, or --cache", file=sys.stderr)
            return 2
        text = args.models.read_text(encoding="utf-8")
        if MARKER not in text:
            print(f"{args.models}: marker line not found:\n{MARKER}", file=sys.stderr)
            return 2
        head = text.split(MARKER)[0]
        data = json.loads(args.models_json.read_text(encoding="utf-8"))
        rows = build_entries(data, hand_written_names(head))
        args.models.write_text(head + MARKER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
        print(f"{args.models}: {len(rows)} generated entries", file=sys.stderr)
    count = write_cache(args.models)
    print(f"aicost/models.cache.json: {count} models", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
