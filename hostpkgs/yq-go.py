# hostpkgs' stand-in for mikefarah's yq (v4, "yq-go"), which is not installed on this machine.
# It covers what flakegen's scripts use: rendering JSON (or YAML) documents as YAML or JSON.
#
#   yq [eval|e] [-P] [-o yaml|json] [-p yaml|json] [-r] [-I N] [-e] [-n] [EXPRESSION] [FILE…]
#
# EXPRESSION is `.` (default) or a simple path: .a.b, .a[0], ."a b", .["a b"], .[] and pipes of
# those. Anything else is refused with exit status 1 rather than guessed. YAML output follows yq's
# layout: block style, sequences indented under their key, multi-line strings as literal blocks,
# scalars printed bare.
import json
import re
import sys

import yaml

PROGRAM = "yq"


def fail(message, status=1):
    sys.stderr.write(f"Error: {message}\n")
    sys.exit(status)


class Options:
    def __init__(self):
        self.output = "yaml"
        self.input = None
        self.indent = 2
        self.unwrap = None
        self.exit_status = False
        self.null_input = False
        self.positionals = []


def parse_arguments(argv):
    options = Options()
    i = 0
    only_positionals = False

    def value_of(flag):
        nonlocal i
        if "=" in argv[i] and argv[i].startswith("--"):
            return argv[i].split("=", 1)[1]
        if i + 1 >= len(argv):
            fail(f"flag needs an argument: {flag}")
        i += 1
        return argv[i]

    while i < len(argv):
        arg = argv[i]
        if only_positionals or arg == "-" or not arg.startswith("-"):
            options.positionals.append(arg)
        elif arg == "--":
            only_positionals = True
        elif arg in ("-P", "--prettyPrint", "-C", "--colors", "-M", "--no-colors", "-N",
                     "--no-doc"):
            pass
        elif arg in ("-V", "--version"):
            print("yq (hostpkgs stand-in for https://github.com/mikefarah/yq) version v4")
            sys.exit(0)
        elif arg in ("-h", "--help"):
            print(__doc__ or "usage: yq [eval] [-P] [-o yaml|json] [EXPRESSION] [FILE...]")
            sys.exit(0)
        elif arg in ("-j", "--tojson"):
            options.output = "json"
        elif arg in ("-o", "--output-format") or arg.startswith("--output-format="):
            options.output = value_of(arg)
        elif arg.startswith("-o") and len(arg) > 2:
            options.output = arg[2:].lstrip("=")
        elif arg in ("-p", "--input-format") or arg.startswith("--input-format="):
            options.input = value_of(arg)
        elif arg.startswith("-p") and len(arg) > 2:
            options.input = arg[2:].lstrip("=")
        elif arg in ("-I", "--indent") or arg.startswith("--indent="):
            options.indent = int(value_of(arg))
        elif arg.startswith("-I") and len(arg) > 2:
            options.indent = int(arg[2:].lstrip("="))
        elif arg in ("-r", "--unwrapScalar", "--unwrapScalar=true"):
            options.unwrap = True
        elif arg == "--unwrapScalar=false":
            options.unwrap = False
        elif arg in ("-e", "--exit-status"):
            options.exit_status = True
        elif arg in ("-n", "--null-input"):
            options.null_input = True
        else:
            fail(f"unknown flag {arg} (this yq is a small stand-in, see hostpkgs/README.md)")
        i += 1
    options.output = {"y": "yaml", "yml": "yaml", "j": "json"}.get(options.output, options.output)
    if options.output not in ("yaml", "json"):
        fail(f"unsupported output format {options.output!r} (yaml and json only)")
    if options.input is not None:
        options.input = {"y": "yaml", "yml": "yaml", "j": "json"}.get(options.input, options.input)
        if options.input not in ("yaml", "json"):
            fail(f"unsupported input format {options.input!r} (yaml and json only)")
    return options


# ---- expressions -----------------------------------------------------------------------------

TOKEN = re.compile(r'\.\[\]|\[\]|\.?\[(-?\d+)\]|\.?\["((?:[^"\\]|\\.)*)"\]|\."((?:[^"\\]|\\.)*)"'
                   r'|\.([A-Za-z_][A-Za-z0-9_-]*)')


def compile_path(stage):
    stage = stage.strip()
    if stage == ".":
        return []
    steps = []
    position = 0
    while position < len(stage):
        match = TOKEN.match(stage, position)
        if not match:
            fail(f"unsupported expression {stage!r} (only paths like .a.b[0] are supported)")
        if match.group(0) in (".[]", "[]"):
            steps.append(("each", None))
        elif match.group(1) is not None:
            steps.append(("index", int(match.group(1))))
        else:
            key = match.group(2) if match.group(2) is not None else match.group(3)
            if key is not None:
                key = json.loads(f'"{key}"')
            else:
                key = match.group(4)
            steps.append(("key", key))
        position = match.end()
    return steps


def evaluate(steps, value):
    results = [value]
    for kind, argument in steps:
        following = []
        for current in results:
            if kind == "each":
                if isinstance(current, dict):
                    following.extend(current.values())
                elif isinstance(current, list):
                    following.extend(current)
                elif current is not None:
                    fail("cannot iterate over a scalar")
            elif kind == "index":
                if isinstance(current, list):
                    following.append(current[argument] if -len(current) <= argument < len(current)
                                     else None)
                elif current is None:
                    following.append(None)
                else:
                    fail(f"cannot index {type(current).__name__} with a number")
            else:
                if isinstance(current, dict):
                    following.append(current.get(argument))
                elif current is None:
                    following.append(None)
                else:
                    fail(f"cannot index {type(current).__name__} with {argument!r}")
        results = following
    return results


# ---- input and output ------------------------------------------------------------------------

def read_documents(text, input_format):
    if input_format != "yaml":
        decoder = json.JSONDecoder()
        documents = []
        position = 0
        try:
            while True:
                while position < len(text) and text[position].isspace():
                    position += 1
                if position >= len(text):
                    return documents
                document, position = decoder.raw_decode(text, position)
                documents.append(document)
        except json.JSONDecodeError as error:
            if input_format == "json":
                fail(f"bad JSON: {error}")
    try:
        return [document for document in yaml.safe_load_all(text)]
    except yaml.YAMLError as error:
        fail(f"bad YAML: {error}")


class Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def represent_string(dumper, data):
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


Dumper.add_representer(str, represent_string)


def render(value, options):
    unwrap = options.unwrap if options.unwrap is not None else options.output == "yaml"
    if unwrap and isinstance(value, str):
        return value + "\n"
    if options.output == "json":
        if options.indent == 0:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
        return json.dumps(value, ensure_ascii=False, indent=options.indent) + "\n"
    text = yaml.dump(value, Dumper=Dumper, default_flow_style=False, sort_keys=False,
                     allow_unicode=True, indent=max(options.indent, 2), width=2 ** 30)
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]
    return text


def main(argv):
    options = parse_arguments(argv)
    positionals = options.positionals
    if positionals and positionals[0] in ("eval", "e"):
        positionals = positionals[1:]
    elif positionals and positionals[0] in ("eval-all", "ea"):
        fail("eval-all is not supported by this stand-in")
    expression = "."
    files = []
    if positionals:
        if len(positionals) == 1 and positionals[0] != "-" and not positionals[0].startswith(".") \
                and _is_file(positionals[0]):
            files = positionals
        else:
            expression, files = positionals[0], positionals[1:]
    stages = [compile_path(stage) for stage in expression.split("|")]

    if options.null_input:
        documents = [None]
    else:
        documents = []
        for name in files or ["-"]:
            if name == "-":
                text = sys.stdin.read()
            else:
                try:
                    with open(name, encoding="utf-8") as handle:
                        text = handle.read()
                except OSError as error:
                    fail(str(error))
            input_format = options.input
            if input_format is None and name.endswith(".json"):
                input_format = "json"
            documents.extend(read_documents(text, input_format))

    # Results of one document follow each other; documents are separated by `---` in YAML.
    rendered_documents = []
    last = None
    for document in documents:
        results = [document]
        for steps in stages:
            results = [result for value in results for result in evaluate(steps, value)]
        for result in results:
            last = result
        rendered_documents.append("".join(render(result, options) for result in results))
    separator = "---\n" if options.output == "yaml" else ""
    sys.stdout.write(separator.join(rendered_documents))
    if options.exit_status and (last is None or last is False):
        sys.exit(1)


def _is_file(name):
    try:
        with open(name, "rb"):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    main(sys.argv[1:])
