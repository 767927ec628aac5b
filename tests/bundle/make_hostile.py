#!/usr/bin/env python3
"""Makes the corpus of hostile and broken bundles from one valid bundle (python3 zipfile/struct,
in memory; nothing of the input is extracted). Each file is named after what is wrong with it;
tests/cli/test_bundle.sh checks that `xaso bundle verify` gives its specific message.

    python3 tests/bundle/make_hostile.py VALID.zip OUT_DIR
"""
import hashlib
import io
import os
import struct
import sys
import zipfile
import zlib


def entries(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def write(path, items, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, compress)


def rehash(items, top):
    """Recompute manifests so that only the intended fault remains."""
    files = dict(items)
    lines = sorted("%s  %s\n" % (hashlib.sha256(d).hexdigest(), n[len(top) + 1:])
                   for n, d in items if n.startswith(top + "/data/"))
    files[top + "/manifest-sha256.txt"] = "".join(
        sorted(lines, key=lambda l: l.split("  ", 1)[1])).encode()
    tags = ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"]
    files[top + "/tagmanifest-sha256.txt"] = "".join(
        "%s  %s\n" % (hashlib.sha256(files[top + "/" + t]).hexdigest(), t) for t in tags).encode()
    return [(n, files[n]) for n, _ in items]


def replace(items, name, data):
    return [(n, data if n == name else d) for n, d in items]


def main(valid, out):
    os.makedirs(out, exist_ok=True)
    items = entries(valid)
    top = items[0][0].split("/", 1)[0]
    csv = top + "/data/tasks.csv"
    p = lambda name: os.path.join(out, name)

    # names
    write(p("traversal.zip"), items + [(top + "/../evil.txt", b"x")])
    write(p("absolute.zip"), items + [("/etc/evil.txt", b"x")])
    write(p("backslash.zip"), items + [(top + "\\data\\evil.txt", b"x")])
    write(p("drive-letter.zip"), items + [("C:/evil.txt", b"x")])
    write(p("duplicate.zip"), items + [(csv, b"key\r\n")])
    write(p("two-tops.zip"), items + [("other/bagit.txt", b"x")])
    write(p("non-ascii-name.zip"), items + [(top + "/data/b\u00e1o-c\u00e1o.txt", b"x")])

    # contents
    changed = bytearray(dict(items)[csv])
    changed[-3] ^= 0x01
    write(p("wrong-hash.zip"), replace(items, csv, bytes(changed)))
    write(p("missing-file.zip"), [(n, d) for n, d in items if n != top + "/data/units.csv"])
    write(p("extra-file.zip"), items + [(top + "/data/extra.txt", b"not in the manifest")])
    man = top + "/manifest-sha256.txt"
    write(p("bad-manifest-line.zip"), replace(items, man, dict(items)[man] + b"not a line\n"))
    info = top + "/bag-info.txt"
    bad_oxum = b"\n".join(l if not l.startswith(b"Payload-Oxum") else b"Payload-Oxum: 1.1"
                          for l in dict(items)[info].split(b"\n"))
    write(p("oxum.zip"), rehash(replace(items, info, bad_oxum), top))
    bad_utf8 = dict(items)[csv].replace("Phụ lục".encode(), b"Ph\xff l\xfbc", 1)
    write(p("invalid-utf8.zip"), rehash(replace(items, csv, bad_utf8), top))
    bad_header = dict(items)[csv].replace(b"key,section", b"id,section", 1)
    write(p("datapackage-mismatch.zip"), rehash(replace(items, csv, bad_header), top))
    bad_fk = dict(items)[top + "/data/assignments.csv"].replace(
        b"\r\n", "\r\nNO-SUCH-TASK,vhxh,lead,chủ trì,0\r\n".encode(), 1)
    write(p("foreign-key.zip"), rehash(replace(items, top + "/data/assignments.csv", bad_fk), top))

    # bombs: one honest header with a huge ratio, one that lies about its size
    big = b"\0" * (64 << 20)
    write(p("ratio-bomb.zip"), items + [(top + "/data/bomb.bin", big)])
    lie = io.BytesIO()
    write(lie, items + [(top + "/data/lie.bin", b"A" * (4 << 20))])
    raw = bytearray(lie.getvalue())
    name = (top + "/data/lie.bin").encode()
    # patch the uncompressed size in the local header (offset 22) and central directory (24)
    i = raw.find(b"PK\x03\x04" + b"\x14\x00")
    while i >= 0:
        n = struct.unpack_from("<H", raw, i + 26)[0]
        if raw[i + 30:i + 30 + n] == name:
            struct.pack_into("<I", raw, i + 22, 1000)
        i = raw.find(b"PK\x03\x04", i + 4)
    i = raw.find(b"PK\x01\x02")
    while i >= 0:
        n = struct.unpack_from("<H", raw, i + 28)[0]
        if raw[i + 46:i + 46 + n] == name:
            struct.pack_into("<I", raw, i + 24, 1000)
        i = raw.find(b"PK\x01\x02", i + 4)
    open(p("size-lie.zip"), "wb").write(raw)

    # not a zip, truncated, empty
    open(p("not-a-zip.zip"), "wb").write(b"This is a text file, not a bundle.\n" * 20)
    whole = open(valid, "rb").read()
    open(p("truncated.zip"), "wb").write(whole[:len(whole) // 2])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
