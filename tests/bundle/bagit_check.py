#!/usr/bin/env python3
"""An independent BagIt 1.0 checker (RFC 8493) for zipped bags, written from the RFC with the
standard library only (zipfile, hashlib) -- not with xaso's code. Reads the zip in memory, never
extracts. Exit 0 when the bag is valid, 1 with one line per problem otherwise.

    python3 tests/bundle/bagit_check.py BUNDLE.zip
"""
import hashlib
import sys
import zipfile


def main(path):
    problems = []
    with zipfile.ZipFile(path) as z:
        names = [i.filename for i in z.infolist() if not i.filename.endswith("/")]
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) != 1 or any("/" not in n for n in names):
            return ["the zip must hold exactly one top-level folder (RFC 8493 section 4.2 "
                    "serialization: one bag per archive, in a folder)"]
        top = tops.pop()
        files = {n[len(top) + 1:]: n for n in names}

        def read(rel):
            return z.read(files[rel])

        # 2.1.1 bagit.txt: exactly these two lines
        if "bagit.txt" not in files:
            return ["bagit.txt is missing"]
        lines = read("bagit.txt").decode("utf-8").splitlines()
        if lines != ["BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8"]:
            problems.append("bagit.txt is not the BagIt 1.0 declaration: %r" % lines)

        # 2.1.3 payload manifest(s): manifest-<alg>.txt; we need sha256
        def parse_manifest(rel):
            entries = {}
            for n, line in enumerate(read(rel).decode("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                parts = line.split(None, 1)
                if len(parts) != 2 or len(parts[0]) != 64:
                    problems.append("%s line %d is malformed" % (rel, n))
                    continue
                p = parts[1].replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
                if p in entries:
                    problems.append("%s lists %s twice" % (rel, p))
                entries[p] = parts[0].lower()
            return entries

        if "manifest-sha256.txt" not in files:
            return problems + ["manifest-sha256.txt is missing"]
        manifest = parse_manifest("manifest-sha256.txt")
        payload = sorted(r for r in files if r.startswith("data/"))
        for rel in payload:
            if rel not in manifest:
                problems.append("%s is in the payload but not in the manifest" % rel)
        octets = 0
        for rel, digest in sorted(manifest.items()):
            if not rel.startswith("data/"):
                problems.append("manifest names %s outside data/" % rel)
            if rel not in files:
                problems.append("%s is in the manifest but missing" % rel)
                continue
            data = read(rel)
            octets += len(data)
            if hashlib.sha256(data).hexdigest() != digest:
                problems.append("%s does not match its manifest checksum" % rel)

        # 2.2.2 bag-info.txt: label: value, continuation lines start with whitespace
        info = {}
        if "bag-info.txt" in files:
            label = None
            for line in read("bag-info.txt").decode("utf-8").splitlines():
                if line[:1] in (" ", "\t") and label:
                    info[label] += " " + line.strip()
                elif ":" in line:
                    label, value = line.split(":", 1)
                    info[label.strip()] = value.strip()
                elif line.strip():
                    problems.append("bag-info.txt line is not 'Label: value': %r" % line)
        oxum = info.get("Payload-Oxum")
        if oxum:
            want = "%d.%d" % (octets, len(payload))
            if oxum != want:
                problems.append("Payload-Oxum %s, the payload is %s" % (oxum, want))
        for label in ("Source-Organization", "External-Identifier", "Bagging-Date",
                      "Bag-Software-Agent"):
            if label not in info:
                problems.append("bag-info.txt lacks %s" % label)

        # 2.2.1 tag manifest
        if "tagmanifest-sha256.txt" in files:
            for rel, digest in parse_manifest("tagmanifest-sha256.txt").items():
                if rel.startswith("data/") or rel not in files:
                    problems.append("tagmanifest names %s, not a tag file of the bag" % rel)
                elif hashlib.sha256(read(rel)).hexdigest() != digest:
                    problems.append("%s does not match its tag manifest checksum" % rel)
    return problems


if __name__ == "__main__":
    found = main(sys.argv[1])
    for p in found:
        print("bagit_check: %s: %s" % (sys.argv[1], p))
    if not found:
        print("bagit_check: %s: valid BagIt 1.0 bag" % sys.argv[1])
    sys.exit(1 if found else 0)
