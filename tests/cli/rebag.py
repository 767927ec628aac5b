#!/usr/bin/env python3
"""Rewrite entries of a bundle and make the bag consistent again (manifests, Payload-Oxum):
rebag.py IN.zip OUT.zip SUFFIX OLD NEW [SUFFIX OLD NEW …]. A test helper: it builds bundles whose
bag is valid but whose content is whatever the test wants (bad values, another period)."""
import hashlib, sys, zipfile

src, dst, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
zin = zipfile.ZipFile(src)
names = zin.namelist()
top = names[0].split("/")[0]
data = {n: zin.read(n) for n in names if not n.endswith("/")}
for i in range(0, len(edits), 3):
    suffix, old, new = edits[i:i + 3]
    for n in data:
        if n.endswith(suffix):
            data[n] = data[n].replace(old.encode(), new.encode())
payload = sorted(n for n in data if n.startswith(top + "/data/"))
man = "".join("%s  %s\n" % (hashlib.sha256(data[n]).hexdigest(), n[len(top) + 1:]) for n in payload)
data[top + "/manifest-sha256.txt"] = man.encode()
oxum = "%d.%d" % (sum(len(data[n]) for n in payload), len(payload))
info = data[top + "/bag-info.txt"].decode().splitlines()
info = [("Payload-Oxum: " + oxum) if l.startswith("Payload-Oxum:") else l for l in info]
data[top + "/bag-info.txt"] = ("\n".join(info) + "\n").encode()
tags = sorted(n for n in data if not n.startswith(top + "/data/") and not n.endswith("tagmanifest-sha256.txt"))
tm = "".join("%s  %s\n" % (hashlib.sha256(data[n]).hexdigest(), n[len(top) + 1:]) for n in tags)
data[top + "/tagmanifest-sha256.txt"] = tm.encode()
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        if n in data:
            z.writestr(n, data[n])
