#!/usr/bin/env python3
"""Fails when a target imports a module it does not declare as a dependency in Package.swift.

`swift build --explicit-target-dependency-import-check error` was found not to catch an undeclared
`import Xlsx` in the command line on this Linux toolchain (the module is reachable through another
dependency, so the build succeeds); this check reads the manifest (`swift package dump-package`) and
every target's Swift sources, and compares each `import` with the target's DIRECT dependencies.

  scripts/check-imports.py              check the package in the current folder (exit 1 on a violation)
  scripts/check-imports.py --self-test  plant violations in a made-up package and check they are caught

A module that Package.swift cannot name (a C target inside another package, not one of its products)
is allowed only where UNDECLARABLE lists it, for that target, with the product it comes with declared;
each allowed import is printed as a note. Anywhere else it is a failure like any undeclared import.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

# Modules of the toolchain and the system, importable by any target.
SYSTEM = {
    "Swift", "_Concurrency", "_StringProcessing", "Foundation", "FoundationEssentials", "FoundationXML",
    "FoundationNetworking", "Dispatch", "Glibc", "Musl", "Darwin", "Android", "WinSDK", "os",
    "Synchronization", "Observation", "RegexBuilder", "Distributed", "CoreFoundation",
    "zlib",  # Apple's SDK module (imported under #if canImport(zlib))
}
TEST_ONLY = {"Testing", "XCTest"}
# (target, module): (the product it comes with, why). SwiftPM can only depend on another package's
# products; these modules are targets inside it, reachable through the product the target declares.
UNDECLARABLE = {
    ("LocatedYAML", "CYaml"): (
        "Yams", "libyaml's event API, to refuse anchors and aliases before Yams composes (no public API)"),
}

IMPORT = re.compile(
    r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def declared(target):
    names = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def swift_files(root, excluded):
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            s for s in subfolders if os.path.relpath(os.path.join(folder, s), root) not in excluded)
        for name in sorted(files):
            if name.endswith(".swift"):
                yield os.path.join(folder, name)


def imports(path):
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            match = IMPORT.match(line)
            if match:
                yield number, match.group(1)


def check(package_root, manifest):
    """Returns (violations, notes): lines 'path:line: target imports X, not declared'."""
    violations, notes = [], []
    local = {t["name"] for t in manifest["targets"]}
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        default = "Tests" if target["type"] == "test" else "Sources"
        root = os.path.join(package_root, target.get("path") or os.path.join(default, target["name"]))
        allowed = declared(target) | SYSTEM | {target["name"]}
        if target["type"] == "test":
            allowed |= TEST_ONLY
        undeclarable = {
            module for (owner, module), (product, _) in UNDECLARABLE.items()
            if owner == target["name"] and product in declared(target)}
        for path in swift_files(root, set(target.get("exclude") or [])):
            for number, module in imports(path):
                if module in allowed:
                    continue
                where = f"{os.path.relpath(path, package_root)}:{number}"
                if module in undeclarable:
                    product, reason = UNDECLARABLE[(target["name"], module)]
                    notes.append(f"{where}: {target['name']} imports {module} (inside {product}): {reason}")
                else:
                    known = "a target of this package" if module in local else "not a dependency"
                    violations.append(
                        f"{where}: {target['name']} imports {module} ({known}), not declared in Package.swift")
    return violations, notes


def manifest_of(package_root):
    output = subprocess.run(
        ["swift", "package", "dump-package"], cwd=package_root, check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def self_test():
    """A made-up manifest and sources: the clean package passes; each planted import is caught."""
    manifest = {"targets": [
        {"name": "Core", "type": "regular", "dependencies": []},
        {"name": "Writer", "type": "regular", "dependencies": [{"byName": ["Core", None]}]},
        {"name": "App", "type": "executable", "dependencies": [
            {"byName": ["Core", None]}, {"product": ["Yams", "Yams", None, None]}]},
        {"name": "LocatedYAML", "type": "regular", "dependencies": [{"product": ["Yams", "Yams", None, None]}]},
        {"name": "AppTests", "type": "test", "dependencies": [{"byName": ["App", None]}], "exclude": ["Fixtures"]},
    ]}
    files = {
        "Sources/Core/Money.swift": "import Foundation\n",
        "Sources/Writer/Writer.swift": "import Core\n#if canImport(Glibc)\n  import Glibc\n#endif\n",
        "Sources/App/main.swift": "import Core\nimport Yams\n",
        "Sources/LocatedYAML/Reader.swift": "import Yams\n\ninternal import CYaml\n",
        "Tests/AppTests/AppTests.swift": "import Testing\n@testable import App\n",
        "Tests/AppTests/Fixtures/Planted.swift": "import Writer\n",
    }
    with tempfile.TemporaryDirectory() as root:
        def write(relative, text):
            os.makedirs(os.path.dirname(os.path.join(root, relative)), exist_ok=True)
            with open(os.path.join(root, relative), "w", encoding="utf-8") as file:
                file.write(text)

        for relative, text in files.items():
            write(relative, text)
        violations, notes = check(root, manifest)
        assert violations == [], violations
        assert [note.split(" (inside")[0] for note in notes] == [
            "Sources/LocatedYAML/Reader.swift:3: LocatedYAML imports CYaml"], notes
        # The violation of issue 11: the front end imports the xlsx writer behind another target.
        write("Sources/App/Output.swift", "import Foundation\nimport Writer\n")
        write("Sources/Core/Leak.swift", "@preconcurrency import struct Yams.Node\n")
        write("Tests/AppTests/More.swift", "import Core\n")
        # libyaml's module is allowed in the one target that needs it, not in every target that has Yams.
        write("Sources/App/Events.swift", "private import CYaml\n")
        violations, _ = check(root, manifest)
        assert violations == [
            "Sources/Core/Leak.swift:1: Core imports Yams (not a dependency), not declared in Package.swift",
            "Sources/App/Events.swift:1: App imports CYaml (not a dependency), not declared in Package.swift",
            "Sources/App/Output.swift:2: App imports Writer (a target of this package), not declared in Package.swift",
            "Tests/AppTests/More.swift:1: AppTests imports Core (a target of this package), not declared in Package.swift",
        ], violations
    print("check-imports self-test: 4 planted imports caught, the clean package passes")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return 0
    root = os.getcwd()
    violations, notes = check(root, manifest_of(root))
    for note in notes:
        print("note: " + note)
    for violation in violations:
        print("error: " + violation, file=sys.stderr)
    if violations:
        print(f"check-imports: {len(violations)} undeclared import(s)", file=sys.stderr)
        return 1
    print("check-imports: every target imports only what it declares")
    return 0


if __name__ == "__main__":
    sys.exit(main())
