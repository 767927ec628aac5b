#!/usr/bin/env python3
"""Convert the three transcribed sample plans into xaso plan files (format version 1).

    python3 tools/convert-samples.py [--samples DIR] [--out DIR]

Reads shared/samples/plan-*.yaml (a transcription of scanned plans, with the
printed text kept beside normalised values) and writes forms/plans/<key>.yaml
in the format of docs/plan-format.md.  The written files are then re-read and
checked (counts, identities, unit references, allowed keys and types, NFC, no
tabs/anchors, shared unit codes, budget sums); any problem stops the script
with a non-zero exit status.  Developer tool: needs python3 and PyYAML, not
run by CI.  Re-run it rather than editing the output by hand.

Decisions taken here (comparators, timelines, unit codes, notes) are written
next to the code that takes them; the plan-level notes in each output file say
what was assumed.
"""

import argparse
import collections
import datetime
import os
import re
import sys
import unicodedata

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


class ConvertError(Exception):
    pass


def die(msg):
    raise ConvertError(msg)


def nfc(x):
    """NFC-normalise every string in a loaded YAML tree."""
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [nfc(v) for v in x]
    if isinstance(x, dict):
        return {nfc(k): nfc(v) for k, v in x.items()}
    return x


def fold(s):
    """Case- and diacritics-insensitive key for matching unit references."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("đ", "d").replace("Đ", "D").casefold()
    s = re.sub(r"[\u2010-\u2015\-]+", "-", s)
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip()


def cf(s):
    """What xaso compares unit references by: NFC + case folding."""
    return unicodedata.normalize("NFC", s).casefold()


def sentence(s):
    s = s.strip()
    if s and s[-1] not in ".!?":
        s += "."
    return s


def join_notes(parts):
    out = []
    for p in parts:
        if p is None:
            continue
        p = sentence(p)
        if p and p not in out:
            out.append(p)
    return " ".join(out) if out else None


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def quote(s):
    return "“" + s + "”"


def split_paren(s):
    """'Phòng X (theo Phụ lục 2 dòng 5)' -> ('Phòng X', 'theo Phụ lục 2 dòng 5')."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", s)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return s.strip(), None


# --------------------------------------------------------------------------------------------
# Trailing comments of the samples carry information too ("# in là 852016/ND-CP", ...).
# They are collected by path and merged into notes; the English ones are translated.
# --------------------------------------------------------------------------------------------

COMMENT_VI = {
    '"86:" is OCR of "Số:"': "“86:” là OCR của “Số:”",
    'in là "852016/ND-CP"': "in là “852016/ND-CP”",
    'unit cell garbled ("G o,"); % inferred': "ô đơn vị bị OCR vỡ (“G o,”); đơn vị “%” là suy ra",
    'row number printed "g", unit cell ") Y"': "số thứ tự in thành “g”, ô đơn vị thành “) Y”",
    "name/unit cell garbled (\"n;'hé.sé ... o,\")": "ô tên/đơn vị bị OCR vỡ (“n;'hé.sé ... o,”)",
    'row number printed "0"; name text legible': "số thứ tự in thành “0”; tên đọc được",
    'cell heavily garbled; "Cơ bản hoàn thành" and unit "Dữ liệu" reconstructed':
        "ô bị OCR vỡ nặng; “Cơ bản hoàn thành” và đơn vị “Dữ liệu” là tái dựng",
    'unit split across lines "nghiép/1.0 ... 00 dan"': "đơn vị bị ngắt dòng trong OCR (“nghiép/1.0 ... 00 dan”)",
    'printed "Quy 1112026"': "OCR đọc “Quy 1112026”",
    'printed "9 111/2026"': "OCR đọc “9 111/2026”",
    '"nền tảng tích hợp, chia sẻ dữ liệu của [tỉnh]" — word after "của" missing in OCR':
        "“nền tảng tích hợp, chia sẻ dữ liệu của [tỉnh]” — chữ sau “của” bị mất trong OCR",
    'STT printed "2" a second time': "STT in “2” lần thứ hai",
    "STT missing in OCR": "STT không có trong bản OCR",
    "not present in OCR text": "không có trong bản OCR",
    '"lién 4p" read as "liên thông"': "OCR “lién 4p” được đọc là “liên thông”",
    "whenever a difficulty arises": "khi có khó khăn, vướng mắc",
    'printed "IQO%" read as 100%': "OCR đọc “IQO%”, hiểu là 100%",
    '"xom, kh01 khu vyc dan sinh"': "OCR đọc “xom, kh01 khu vyc dan sinh”",
    "header block (Số ...-KH/ĐU, place/date line) is absent from the OCR":
        "phần đầu văn bản (Số ...-KH/ĐU, dòng địa danh/ngày) không có trong bản OCR",
    'outside the usual cadence list: text says "định kỳ ... theo quy định"':
        "văn bản ghi “định kỳ ... theo quy định”, không nêu chu kỳ",
    "event-driven: when practice requires changes": "theo sự kiện: khi thực tế phát sinh cần điều chỉnh",
    "outside the usual cadence list: distribution of the plan itself": "gửi chính bản Kế hoạch (nơi nhận)",
}


def collect_comments(text):
    """Map YAML paths (tuples of keys/indices) to the trailing comment on that value's line."""
    lines = text.split("\n")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    out = {}

    def tail(mark_line, col, skip_colon):
        rest = lines[mark_line][col:]
        if skip_colon:
            rest = rest.lstrip()
            if rest.startswith(":"):
                rest = rest[1:]
        rest = rest.strip()
        if rest.startswith("#"):
            return rest[1:].strip()
        return None

    def walk(n, path):
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                p = path + (k.value,)
                if isinstance(v, yaml.ScalarNode) or getattr(v, "flow_style", False):
                    c = tail(v.end_mark.line, v.end_mark.column, False)
                else:
                    c = tail(k.end_mark.line, k.end_mark.column, True)
                if c:
                    out[p] = COMMENT_VI.get(c, c)
                walk(v, p)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, path + (i,))

    walk(node, ())
    return out


# --------------------------------------------------------------------------------------------
# Units.  One table per plan: the sample's units in their order, then the units this
# conversion had to add.  Codes are unique in the office: `vhxh` and `kinh-te` are shared by
# name ("Phòng Văn hóa - Xã hội", "Phòng Kinh tế" in Ngọc Sơn and Thuận Lợi); every other body
# of a commune gets the commune as suffix (ubnd-ngoc-son, ca-thuan-loi, mttq-bac-son, ...),
# bodies above the commune are named by their own place (so-khcn-thanh-hoa, thi-uy-bim-son).
# kind: office = a body of the commune's own political system that carries tasks or reports
# (UBND and its offices, Công an, MTTQ, Đảng ủy, schools, health station, community teams);
# group = a vague collective; external = outside the commune (province, Sở, thị xã, Thị ủy)
# or a company (telecoms, banks, e-wallets).
# --------------------------------------------------------------------------------------------

SHARED_UNITS = {
    # code: (name, kind, note) -- identical in every file that declares them
    "vhxh": ("Phòng Văn hóa - Xã hội", "office",
             "Cơ quan thường trực Ban Chỉ đạo chuyển đổi số của xã/phường; đầu mối hướng dẫn, đôn đốc và tổng hợp báo cáo"),
    "kinh-te": ("Phòng Kinh tế", "office", None),
}

# sample: name of the unit in the sample (None = added here); drop: aliases moved to the note.
UNIT_SPECS = {
    "ngoc-son-2026": [
        dict(sample="Ủy ban nhân dân phường Ngọc Sơn", code="ubnd-ngoc-son", kind="office"),
        dict(sample="Chủ tịch UBND phường - Trưởng Ban Chỉ đạo CĐS phường", code="ct-ubnd-ngoc-son", kind="office"),
        dict(sample="Ban Chỉ đạo về phát triển khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số và thực hiện Đề án 06 phường",
             code="bcd-ngoc-son", kind="office"),
        dict(sample="Tổ giúp việc Ban Chỉ đạo", code="to-giup-viec-ngoc-son", kind="office"),
        dict(sample="Tổ kiểm tra, giám sát (do UBND phường thành lập)", code="to-kiem-tra-ngoc-son",
             name="Tổ kiểm tra, giám sát", kind="office", note="Do UBND phường thành lập (Mục III.1.1)"),
        dict(sample="Phòng Văn hóa - Xã hội", code="vhxh"),
        dict(sample="Văn phòng HĐND và UBND phường", code="vp-ngoc-son", kind="office"),
        dict(sample="Trung tâm Phục vụ hành chính công phường", code="pvhcc-ngoc-son", kind="office"),
        dict(sample="Trung tâm Cung ứng Dịch vụ công", code="cudvc-ngoc-son", kind="office"),
        dict(sample="Phòng Kinh tế", code="kinh-te"),
        dict(sample="Công an phường", code="ca-ngoc-son", kind="office"),
        dict(sample="Ủy ban Mặt trận Tổ quốc Việt Nam phường và các đoàn thể", code="mttq-ngoc-son", kind="office",
             requested=True),
        dict(sample="Các tổ chức chính trị - xã hội", code="ctxh-ngoc-son", kind="group",
             drop={"chính trị - phường hội": "Bản in: “chính trị - phường hội” (lỗi thay “xã” → “phường”)"}),
        dict(sample="Doanh nghiệp bưu chính, viễn thông hoạt động trên địa bàn phường", code="dn-vt-ngoc-son",
             kind="external", requested=True),
        dict(sample="Tổ công nghệ số cộng đồng", code="to-cnscd-ngoc-son", kind="office",
             drop={"TH công nghệ số cộng đồng (OCR)": "OCR có chỗ đọc “TH công nghệ số cộng đồng”"}),
        dict(sample="Tổ ứng cứu CNTT", code="to-ung-cuu-ngoc-son", kind="office"),
        dict(sample="Tổ dân phố", code="tdp-ngoc-son", kind="office"),
        dict(sample="Sở Khoa học và Công nghệ (tỉnh Thanh Hóa)", code="so-khcn-thanh-hoa",
             name="Sở Khoa học và Công nghệ tỉnh Thanh Hóa", kind="external"),
        dict(sample="Trung tâm học tập cộng đồng", code="tthtcd-ngoc-son", kind="office"),
        dict(sample="Cơ sở y tế", code="yte-ngoc-son", kind="office",
             drop={"Cosoye (OCR)": "Phụ lục 2 dòng 11 in “Cosoye” (OCR)"}),
        dict(sample="Các trường học trên địa bàn", code="truong-hoc-ngoc-son", kind="office"),
        dict(sample="Các phòng, ban, ngành, đơn vị liên quan (chung chung)", code="lien-quan-ngoc-son",
             name="Các phòng, ban, ngành, đơn vị liên quan", kind="group"),
        dict(sample="UBND tỉnh Thanh Hóa", code="ubnd-tinh-thanh-hoa", kind="external"),
        dict(sample="Đảng ủy phường; HĐND phường", code="tt-du-hdnd-ngoc-son", name="Thường trực Đảng ủy, HĐND phường",
             kind="office", aliases=["Đảng ủy phường", "HĐND phường"]),
        dict(sample=None, code="nguoi-dung-dau-ngoc-son", name="Người đứng đầu các cơ quan, đơn vị", kind="group",
             note="Trách nhiệm gắn với cá nhân người đứng đầu từng cơ quan, đơn vị (Mục III.1.1)"),
        dict(sample=None, code="don-vi-duoc-giao-ngoc-son", name="Các đơn vị được giao nhiệm vụ, chỉ tiêu", kind="group",
             note="Mọi đơn vị có nhiệm vụ, chỉ tiêu phụ trách trong kế hoạch (Mục III.1.1)"),
        dict(sample=None, code="doan-tn-ngoc-son", name="Đoàn Thanh niên phường", kind="office",
             aliases=["Đoàn thanh niên"],
             note="Văn bản không nêu tên; người chép suy ra từ “chương trình thanh niên với chuyển đổi số” (III.1.8-8). Thuộc khối Mặt trận và các đoàn thể"),
        dict(sample=None, code="ngan-hang-ngoc-son", name="Các ngân hàng", kind="external",
             note="Các ngân hàng trên địa bàn (Mục III.2.4)"),
        dict(sample=None, code="vi-dien-tu-ngoc-son", name="Các tổ chức cung ứng ví điện tử", kind="external",
             aliases=["Ví điện tử"], note="Văn bản ghi “phối hợp với các ngân hàng và ví điện tử” (Mục III.2.4)"),
    ],
    "thuan-loi-2026": [
        dict(sample="Ủy ban nhân dân xã Thuận Lợi", code="ubnd-thuan-loi", kind="office"),
        dict(sample="Chủ tịch UBND xã", code="ct-ubnd-thuan-loi", kind="office"),
        dict(sample="Phòng Văn hóa - Xã hội", code="vhxh"),
        dict(sample="Văn phòng HĐND và UBND xã", code="vp-thuan-loi", kind="office"),
        dict(sample="Trung tâm Phục vụ hành chính công xã", code="pvhcc-thuan-loi", kind="office"),
        dict(sample="Phòng Kinh tế", code="kinh-te"),
        dict(sample="Trung tâm Dịch vụ tổng hợp", code="dvth-thuan-loi", kind="office"),
        dict(sample="Công an xã", code="ca-thuan-loi", kind="office"),
        dict(sample="Ủy ban MTTQ và các đoàn thể cấp xã", code="mttq-thuan-loi", kind="office", requested=True),
        dict(sample="Doanh nghiệp bưu chính, viễn thông - công nghệ thông tin trên địa bàn xã", code="dn-bcvt-thuan-loi",
             kind="external", requested=True),
        dict(sample="Tổ Công nghệ số cộng đồng", code="to-cnscd-thuan-loi", kind="office"),
        dict(sample="Sở Khoa học và Công nghệ tỉnh", code="so-khcn-tinh", kind="external",
             note="Tỉnh không ghi trong bản OCR"),
        dict(sample="UBND tỉnh", code="ubnd-tinh", kind="external", note="Tỉnh không ghi trong bản OCR"),
        dict(sample="Đảng ủy xã", code="du-thuan-loi", kind="office"),
        dict(sample="Các phòng, ban, đơn vị trực thuộc (chung chung)", code="lien-quan-thuan-loi",
             name="Các phòng, ban, đơn vị trực thuộc", kind="group"),
    ],
    "bac-son-2025-2030": [
        dict(sample="Ban Thường vụ Đảng ủy phường Bắc Sơn", code="btv-du-bac-son", kind="office"),
        dict(sample="Ban Chấp hành Đảng bộ phường Bắc Sơn", code="bch-db-bac-son", kind="office"),
        dict(sample="Cấp ủy Đảng phường", code="cap-uy-bac-son", kind="office"),
        dict(sample="Ủy ban nhân dân phường Bắc Sơn", code="ubnd-bac-son", kind="office"),
        dict(sample="Hội đồng nhân dân phường Bắc Sơn (Thường trực)", code="hdnd-bac-son",
             name="Hội đồng nhân dân phường Bắc Sơn", kind="office",
             note="Nơi nhận là Thường trực HĐND (“TT.HĐND”)"),
        dict(sample="Ủy ban Mặt trận Tổ quốc Việt Nam phường", code="mttq-bac-son", kind="office"),
        dict(sample="Các đoàn thể chính trị - xã hội phường", code="doan-the-bac-son", kind="group"),
        dict(sample="Văn phòng Đảng ủy phường", code="vpdu-bac-son", kind="office"),
        dict(sample="Các chi bộ trực thuộc Đảng ủy phường", code="chi-bo-bac-son", kind="office"),
        dict(sample="Cơ sở y tế trên địa bàn phường", code="yte-bac-son", kind="office"),
        dict(sample="Cơ sở giáo dục trên địa bàn phường", code="giao-duc-bac-son", kind="office"),
        dict(sample="Ủy ban nhân dân thị xã Bỉm Sơn", code="ubnd-thi-xa-bim-son", kind="external",
             note="Cấp huyện (thị xã) — đã bỏ từ 01/7/2025"),
        dict(sample="Thị ủy Bỉm Sơn", code="thi-uy-bim-son", kind="external",
             drop={"TTr. Thị ủy (Thường trực Thị ủy)": None,
                   "TU (trong số hiệu 20-CTr/TU)": "“TU” trong số hiệu 20-CTr/TU"},
             aliases=["TTr. Thị ủy", "Thường trực Thị ủy"]),
        dict(sample="Ban Tuyên giáo Thị ủy Bỉm Sơn", code="btg-thi-uy-bim-son", kind="external"),
        dict(sample="Tỉnh ủy Thanh Hóa / Ban Thường vụ Tỉnh ủy", code="tinh-uy-thanh-hoa", name="Tỉnh ủy Thanh Hóa",
             kind="external", aliases=["Ban Thường vụ Tỉnh ủy"],
             note="Bản chép ghi “Tỉnh ủy Thanh Hóa / Ban Thường vụ Tỉnh ủy” (căn cứ 06-NQ/TU)"),
        dict(sample="Các cơ quan chức năng cấp tỉnh, thị xã", code="cq-chuc-nang-bac-son", kind="external",
             note="Tập hợp không xác định"),
        dict(sample="Cơ quan chuyên môn cấp trên", code="cq-cap-tren-bac-son", kind="external",
             note="Tập hợp không xác định"),
        dict(sample="Cơ quan có thẩm quyền", code="cq-tham-quyen-bac-son", kind="external",
             note="Tập hợp không xác định"),
        dict(sample="Các doanh nghiệp viễn thông", code="dn-vt-bac-son", kind="external"),
        dict(sample="Tổ chức kinh tế, doanh nghiệp, hợp tác xã trên địa bàn", code="to-chuc-kt-bac-son",
             kind="external"),
        dict(sample=None, code="lien-quan-bac-son", name="Các đơn vị liên quan", kind="group",
             note="Tập hợp không xác định (Mục IV.1)"),
    ],
}

# References in the samples that are neither a unit name nor an abbreviation of it.
# A single code makes the string an alias of that unit; several codes mean the printed
# text names several bodies at once (kept in the item's note).
REF_MAP = {
    "ngoc-son-2026": {
        "Ban Chỉ đạo": ["bcd-ngoc-son"],
        "Ủy ban MTTQ Việt Nam phường": ["mttq-ngoc-son"],
        "Các phòng": ["lien-quan-ngoc-son"],
        "Các cơ quan liên quan": ["lien-quan-ngoc-son"],
        "Các phòng, ban, đơn vị": ["lien-quan-ngoc-son"],
        "Các đơn vị liên quan": ["lien-quan-ngoc-son"],
        "Ngành y tế": ["yte-ngoc-son"],
        "Sở Khoa học và Công nghệ": ["so-khcn-thanh-hoa"],
        "Doanh nghiệp viễn thông": ["dn-vt-ngoc-son"],
    },
    "thuan-loi-2026": {
        "Các cơ quan, đơn vị, tổ chức có liên quan": ["lien-quan-thuan-loi"],
        "Các cơ quan, đơn vị có liên quan": ["lien-quan-thuan-loi"],
        "Các đơn vị có liên quan": ["lien-quan-thuan-loi"],
        "Các phòng, ban": ["lien-quan-thuan-loi"],
        "Doanh nghiệp BCVT-CNTT": ["dn-bcvt-thuan-loi"],
    },
    "bac-son-2025-2030": {
        "Cấp ủy Đảng, chính quyền phường": ["cap-uy-bac-son", "ubnd-bac-son"],
        "Mặt trận Tổ quốc và các đoàn thể": ["mttq-bac-son", "doan-the-bac-son"],
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội": ["mttq-bac-son", "doan-the-bac-son"],
    },
}

ROLE_VI = {
    "issuer": "ban hành kế hoạch", "lead": "chủ trì", "coordinator": "phối hợp",
    "report-hub": "đầu mối tổng hợp báo cáo", "report-recipient": "nhận báo cáo", "reporter": "báo cáo",
    "executor": "thực hiện", "plan-recipient": "nơi nhận kế hoạch", "basis-issuer": "ban hành văn bản căn cứ",
    "basis issuer": "ban hành văn bản căn cứ", "approver": "phê duyệt", "monitor": "theo dõi, giám sát",
    "recipient T/h": "nơi nhận để thực hiện (T/h)", "recipient B/c": "nơi nhận để báo cáo (B/c)",
    "drafter (mở đầu)": "xây dựng kế hoạch (theo đoạn mở đầu)", "target subject": "đối tượng của chỉ tiêu",
    "subject": "đối tượng được nhắc tới", "subject (III.2)": "đối tượng được nhắc tới (Mục III.2)",
    "recipient of proposals": "nơi nhận đề xuất", "recipient of proposals (III.4)": "nơi nhận đề xuất (Mục III.4)",
    "coordinator (III.6)": "phối hợp (Mục III.6)", "coordinator (IV.1)": "phối hợp (Mục IV.1)",
    "lead (nhiệm vụ III.1)": "chủ trì (nhiệm vụ III.1)", "lead (cùng MTTQ)": "chủ trì (cùng MTTQ)",
    "responsible (mục tiêu II.4 y tế)": "phụ trách (mục tiêu II.4, y tế)",
}


class Units:
    """The units of one plan file, with reference resolution."""

    def __init__(self, key, sample_units):
        self.key = key
        self.list = []          # ordered dicts for output
        self.by_code = {}
        self.requested_codes = set()
        self.used = set()
        by_name = {u["name"]: u for u in sample_units}
        seen_samples = set()
        for spec in UNIT_SPECS[key]:
            su = None
            if spec["sample"] is not None:
                su = by_name.get(spec["sample"])
                if su is None:
                    die(f"{key}: unit spec names unknown sample unit {spec['sample']!r}")
                seen_samples.add(spec["sample"])
            code = spec["code"]
            if code in SHARED_UNITS:
                name, kind, note = SHARED_UNITS[code]
                notes = [note]
            else:
                name = spec.get("name") or su["name"]
                kind = spec["kind"]
                notes = [su.get("note") if su else None, spec.get("note")]
            aliases = []
            drop = spec.get("drop", {})
            if su:
                for a in as_list(su.get("abbr")) + as_list(su.get("printed_variants")):
                    if a in drop:
                        if drop[a]:
                            notes.append(drop[a])
                        continue
                    aliases.append(a)
                if su.get("ocr_uncertain"):
                    notes.append("Tên đọc từ bản OCR, không chắc chắn")
            aliases += spec.get("aliases", [])
            u = {"code": code, "name": name, "aliases": [], "kind": kind,
                 "_notes": notes, "_roles": su.get("roles", []) if su else [],
                 "_sample_note": bool(su and su.get("note")) or bool(spec.get("note"))}
            self.list.append(u)
            if code in self.by_code:
                die(f"{key}: unit code {code} declared twice")
            self.by_code[code] = u
            for a in aliases:
                self.add_alias(u, a)
            if spec.get("requested"):
                self.requested_codes.add(code)
        missing = set(by_name) - seen_samples
        if missing:
            die(f"{key}: sample units without a spec: {sorted(missing)}")

    def add_alias(self, u, a):
        if cf(a) == cf(u["name"]) or any(cf(a) == cf(x) for x in u["aliases"]):
            return
        for other in self.list:
            if other is not u and (cf(a) == cf(other["name"]) or any(cf(a) == cf(x) for x in other["aliases"])):
                die(f"{self.key}: alias {a!r} of {u['code']} already names {other['code']}")
        u["aliases"].append(a)

    def resolve(self, s):
        """Printed reference -> list of unit codes (fails loudly when nothing matches)."""
        m = REF_MAP.get(self.key, {})
        if s in m:
            codes = m[s]
            for c in codes:
                if c not in self.by_code:
                    die(f"{self.key}: REF_MAP sends {s!r} to undeclared unit {c}")
            if len(codes) == 1:
                self.add_alias(self.by_code[codes[0]], s)
            self.used.update(codes)
            return list(codes)
        hits = [u for u in self.list
                if fold(s) == fold(u["name"]) or fold(s) == fold(u["code"])
                or any(fold(s) == fold(a) for a in u["aliases"])]
        if len(hits) != 1:
            die(f"{self.key}: unit reference {s!r} matches {len(hits)} units "
                f"({[h['code'] for h in hits]}); add it to REF_MAP or UNIT_SPECS")
        u = hits[0]
        self.add_alias(u, s)  # keeps the printed spelling when it differs only in case/diacritics
        self.used.add(u["code"])
        return [u["code"]]

    def output(self):
        out = []
        for u in self.list:
            notes = list(u["_notes"])
            if u["code"] not in self.used and u["code"] not in SHARED_UNITS and u["_roles"] and not u["_sample_note"]:
                roles = [ROLE_VI.get(r, r) for r in u["_roles"]]
                notes.append("Vai trò trong kế hoạch: " + ", ".join(roles))
            d = {"code": Plain(u["code"]), "name": u["name"]}
            if u["aliases"]:
                d["aliases"] = u["aliases"]
            d["kind"] = Plain(u["kind"])
            n = join_notes(notes)
            if n:
                d["note"] = n
            out.append(d)
        return out


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def fmt_num(v):
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def convert_target(t, ctx, path):
    units, com = ctx["units"], ctx["comments"]
    cmp_ = t.get("comparator")
    val = t.get("value")
    unit = t.get("unit")
    raw = t.get("value_raw")
    craw = t.get("comparator_raw")
    notes = [t.get("note")]
    out = {"code": t["code"]}
    if ctx["key"] == "ngoc-son-2026" and t.get("source") == "Phụ lục 1":
        out["section"] = "PL1"
    out["group"] = t.get("group")
    out["name"] = t["name"]

    target = raw
    denominator = None
    numeric = isinstance(val, (int, float)) and not isinstance(val, bool)

    # -- comparator, value, unit ---------------------------------------------------------
    if isinstance(val, str):                       # "Cơ bản hoàn thành": a status, not a number
        comparator, value = "text", None
    elif unit == "boolean" or val is True:         # yes/no objective: the target state is "done" (1)
        comparator, value = "boolean", 1
        unit = None
    elif not numeric:                              # qualitative objective with no number
        comparator, value = "text", None
        unit = None
    else:
        value = val
        maintain = bool(craw and fold(craw).startswith("duy tri")) or \
            (cmp_ == "=" and re.match(r"^(tiep tuc )?duy tri", fold(t["name"])))
        if cmp_ == "=":
            # The samples mark a bare "X%" / "đạt X" as "="; in these plans it means "reach at least".
            comparator = "maintain" if maintain else ">="
        elif cmp_ in (">=", ">", "<=", "<"):
            comparator = cmp_
        else:
            die(f"{ctx['key']} target {t['code']}: unexpected comparator {cmp_!r}")
    if raw and comparator == "text" and t.get("unit") is None:
        target = None          # III.20: value_raw describes unreadable cells, it is not printed text
    # units of measure: "% X" is a percentage of X (X is the denominator); growth rates stay as printed
    if unit == "qualitative":
        unit = None
    if unit and unit.startswith("% ") and "tăng" not in unit:
        denominator = unit[2:].strip()
        unit = "%"

    # -- printed target for samples that keep only the wording (Bắc Sơn) ----------------------
    if target is None and craw:
        if craw.startswith("(bare value)"):
            target = craw[len("(bare value)"):].strip()
            notes.append("Bản in chỉ ghi con số, không có từ so sánh")
        elif "..." in craw and numeric and comparator == ">":
            suffix = "%" if unit == "%" else " " + unit
            target = f"trên {fmt_num(value)}{suffix}"      # obvious: "trên" + value + unit
            notes.append("Diễn đạt trong văn bản: " + quote(craw))
        elif re.search(r"\d", craw):
            target = craw
        elif craw == "(hoạt động)":
            notes.append("Mục tiêu dạng hoạt động (có/không), không có giá trị đo")
        elif fold(craw) not in fold(t["name"]):
            notes.append("Diễn đạt trong văn bản: " + quote(craw))
    if ctx["comments"].get(path + ("ocr_uncertain",), "").startswith("OCR đọc “IQO%”"):
        target = "100%"                                   # printed "100%", OCR read "IQO%"

    out["target"] = target
    out["comparator"] = comparator
    if value is not None:
        out["value"] = value
    out["unit"] = unit

    # -- horizon / due --------------------------------------------------------------------
    dl = t.get("deadline")
    hz = t.get("horizon")
    if isinstance(hz, int):
        out["horizon"] = hz
    elif isinstance(dl, int):
        out["horizon"] = dl
    elif isinstance(dl, datetime.date):
        out["horizon"] = dl.year
    if isinstance(dl, datetime.date) and dl != datetime.date(dl.year, 12, 31):
        out["due"] = dl
    if t.get("deadline_raw"):
        notes.append("Thời hạn in: " + quote(t["deadline_raw"]))

    # -- responsible ----------------------------------------------------------------------
    resp = t.get("responsible")
    if resp:
        refs = as_list(resp)
        if len(refs) > 1:
            # the format has one responsible unit; the plan names several subjects
            notes.append("Định dạng chỉ có một đơn vị phụ trách: ghi " + quote(refs[-1]) + "; chủ thể còn lại: "
                         + ", ".join(quote(r) for r in refs[:-1]))
            refs = [refs[-1]]
        name, paren = split_paren(refs[0])
        codes = units.resolve(name)
        out["responsible"] = Plain(codes[0])
        if paren:
            notes.append("Đơn vị phụ trách: " + paren)

    out["denominator"] = denominator
    if t.get("population") and not denominator:
        out["denominator"] = "Người dân " + t["population"]
    if t.get("denominator"):
        notes.append("Mẫu số: " + t["denominator"])
    out["source"] = t.get("source")

    # -- everything else goes into the note -------------------------------------------------
    w = t.get("wording")
    if w and fold(w) not in fold(target or ""):
        notes.append("Diễn đạt trong văn bản: " + quote(w))
    if t.get("measurement"):
        notes.append("Cách đo: " + t["measurement"])
    if t.get("baseline"):
        notes.append("Mốc so sánh: " + t["baseline"])
    if t.get("recurrence"):
        notes.append("Tần suất: " + t["recurrence"])
    if t.get("unit_note"):
        notes.append(t["unit_note"])
    if raw and target is None:
        notes.append("Bản chép ghi: " + raw)
    if t.get("see_also"):
        notes.append("Xem thêm: " + "; ".join(as_list(t["see_also"])))
    if t.get("ocr_uncertain"):
        c = com.get(path + ("ocr_uncertain",))
        notes.append("OCR không chắc chắn" + (": " + c if c else ""))
    out["note"] = join_notes(notes)
    return {k: v for k, v in out.items() if v is not None}


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


def quarter_bounds(year, q):
    start = datetime.date(year, 3 * q - 2, 1)
    end_month = 3 * q
    nxt = datetime.date(year + (end_month == 12), end_month % 12 + 1, 1)
    return start, nxt - datetime.timedelta(days=1)


RECURRENCE_VI = {"weekly": "hằng tuần", "monthly": "hằng tháng", "quarterly": "hằng quý", "6-month": "6 tháng",
                 "9-month": "9 tháng", "yearly": "hằng năm", "periodic-unspecified": "định kỳ, không nêu chu kỳ",
                 "event-driven + định kỳ theo quy định": "theo sự kiện và định kỳ theo quy định"}


def convert_timeline(t, ctx, notes):
    tl = t.get("timeline") or {}
    kind = tl.get("kind")
    raw = t.get("timeline_raw")
    rec = tl.get("recurrence")
    out = {"timeline": raw}
    if kind == "ongoing":
        if rec == "yearly" and not tl.get("due"):
            out["timeline_kind"] = "yearly"
        else:
            out["timeline_kind"] = "ongoing"
    elif kind == "unspecified":
        out["timeline_kind"] = "text" if raw else "none"
    elif kind == "on-request":
        out["timeline_kind"] = "on-request"
    elif kind == "quarter":
        start, due = quarter_bounds(tl["year"], tl["quarter"])
        if tl.get("due") and tl["due"] != due:
            die(f"{ctx['key']} task {t['code']}: quarter due {tl['due']} != {due}")
        out.update(timeline_kind="quarter", start=start, due=due)
    elif kind == "year":
        out.update(timeline_kind="year", start=datetime.date(tl["year"], 1, 1),
                   due=tl.get("due") or datetime.date(tl["year"], 12, 31))
    elif kind == "by-date":
        due = tl["due"]
        if tl.get("inclusive") is False:
            due = due - datetime.timedelta(days=1)   # "trước ngày 20/11": the last allowed day is 19/11
        out.update(timeline_kind="by-date", due=due)
        if tl.get("then"):
            notes.append("Sau mốc này: " + tl["then"])
    else:
        die(f"{ctx['key']} task {t['code']}: unknown timeline kind {kind!r}")
    if rec and out["timeline_kind"] == "ongoing":
        notes.append("Tần suất (theo bản chép): " + ", ".join(RECURRENCE_VI.get(r, r) for r in as_list(rec)))
    out["timeline_kind"] = Plain(out["timeline_kind"])
    return out


def convert_task(t, ctx, path):
    units, com, key = ctx["units"], ctx["comments"], ctx["key"]
    notes = [t.get("note")]
    out = {"code": t["code"]}
    kind = t.get("task_type")
    if kind is None:
        # Bắc Sơn does not type its tasks: III = nhiệm vụ, IV (Tổ chức thực hiện) = standing duties
        kind = "duty" if t["code"].startswith("IV") else "task"
    out["kind"] = Plain(kind)
    out["group"] = ctx["group_fix"](t.get("group"))
    out["name"] = t["name"]
    out["expected_result"] = t.get("expected_result")

    tl_notes = []
    tl = convert_timeline(t, ctx, tl_notes)
    c = com.get(path + ("timeline_raw",))
    if c:
        tl_notes.insert(0, "Thời gian: " + c)

    # -- assignments ------------------------------------------------------------------------
    lead, coords, requested = [], [], []

    def add(lst, codes):
        for c_ in codes:
            if c_ not in lst:
                lst.append(c_)

    def resolve_all(refs, role_label):
        codes, printed = [], []
        for r in refs:
            cs = units.resolve(r)
            if len(cs) > 1:
                notes.append(f"{role_label} in trong văn bản: " + quote(r))
            codes.append(cs)
            printed.append(r)
        flat = []
        for cs in codes:
            for c_ in cs:
                if c_ not in flat:
                    flat.append(c_)
        if sum(len(cs) for cs in codes) > len(flat) and len(refs) > 1:
            notes.append(f"{role_label} in trong văn bản: " + "; ".join(quote(x) for x in printed))
        return flat

    sample_lead = as_list(t.get("lead"))
    lead_codes = resolve_all(sample_lead, "Chủ trì")
    if sample_lead and t.get("lead_explicit") is False:
        notes.append("Chủ trì không ghi ở gạch đầu dòng này; suy ra từ câu dẫn của mục")
    implied = t.get("lead_implied")
    if implied:
        default_src = {"ngoc-son-2026": "từ Mục IV", "thuan-loi-2026": "từ Mục III"}.get(key, "")
        parts = re.split(r"\s*;\s*|\s+/\s+", split_paren(implied)[0]) if ";" in implied or " / " in implied \
            else [split_paren(implied)[0]]
        # "Phòng Kinh tế; Tổ công nghệ số cộng đồng (Mục IV.6, IV.10)": the parenthesis belongs to the list
        imp_codes = []
        for p in parts:
            add(imp_codes, units.resolve(split_paren(p)[0]))
        add(lead_codes, imp_codes)
        src = "" if "(" in implied else f" ({default_src})" if default_src else ""
        notes.append("Chủ trì do người chép suy ra, không ghi cạnh nhiệm vụ: " + implied + src)
    for c_ in lead_codes:
        if c_ in units.requested_codes and ctx["chain"] == "ubnd":
            add(requested, [c_])       # MTTQ, telecoms: only asked ("đề nghị"), not assigned
        else:
            add(lead, [c_])
    if requested and not sample_lead:
        notes.append("Đơn vị này chỉ được “đề nghị” nên ghi ở requested, không phải chủ trì")
    add(coords, resolve_all(as_list(t.get("coordinators")), "Phối hợp"))

    out.update(tl)
    out["lead"] = [Plain(c_) for c_ in lead] or None
    out["coordinators"] = [Plain(c_) for c_ in coords] or None
    out["requested"] = [Plain(c_) for c_ in requested] or None
    out["source"] = t.get("source")

    notes.extend(tl_notes)
    if t.get("see_also"):
        notes.append("Xem thêm: " + "; ".join(as_list(t["see_also"])))
    if t.get("ocr_uncertain"):
        c = com.get(path + ("ocr_uncertain",))
        notes.append("OCR không chắc chắn" + (": " + c if c else ""))
    out["note"] = join_notes(notes)
    return {k: v for k, v in out.items() if v is not None}


# --------------------------------------------------------------------------------------------
# Projects, reporting, header
# --------------------------------------------------------------------------------------------


def convert_project(p, ctx, path):
    com = ctx["comments"]
    notes = [p.get("note")]
    out = {"code": p["code"], "section": p.get("section"), "group": p.get("group"), "name": p["name"],
           "legal_basis": p.get("basis")}
    out["budget"] = Flow({"total": p["total"], "province": p["provincial_budget"],
                          "commune": p.get("commune_budget", 0), "other": p["other_sources"]})
    out["this_year"] = Flow({"total": p["need_this_year"], "province": p["need_this_year_provincial"],
                             "commune": p.get("need_this_year_commune", 0), "other": p["need_this_year_other"]})
    out["source"] = p.get("source")
    if "code_printed" in p:
        if p["code_printed"] is None:
            notes.append(f"STT không có trong bản OCR; mã “{p['code']}” theo thứ tự dòng")
        else:
            notes.append(f"STT in là “{p['code_printed']}” (trùng dòng trên); mã “{p['code']}” theo thứ tự dòng")
    if p.get("amounts_raw"):
        notes.append("Các ô số tiền theo OCR: " + quote(p["amounts_raw"]))
    if p.get("ocr_uncertain"):
        notes.append("OCR không chắc chắn")
    out["note"] = join_notes(notes)
    return {k: v for k, v in out.items() if v is not None}


CADENCES = {"weekly", "monthly", "quarterly", "6-month", "9-month", "yearly", "on-request", "on-event", "once"}
CADENCE_MAP = {None: "unspecified", "periodic-unspecified": "unspecified", "one-off": "once"}
CADENCE_VI = {"weekly": "hằng tuần", "monthly": "hằng tháng", "quarterly": "hằng quý", "6-month": "6 tháng",
              "9-month": "9 tháng", "yearly": "hằng năm"}
KIND_VI = {"proposal": "đề xuất", "monitoring": "theo dõi, kiểm tra, giám sát (không phải báo cáo văn bản có hạn)"}


def convert_reporting(r, ctx, path):
    com = ctx["comments"]
    extra = []
    if r.get("cadence_raw"):
        extra.append("Kỳ báo cáo trong văn bản: " + quote(r["cadence_raw"]))
    c = com.get(path + ("cadence",))
    cad = r.get("cadence")
    if c and (cad is None or cad in CADENCE_MAP):
        extra.append("Kỳ báo cáo: " + c)
    if r.get("kind"):
        extra.append("Loại: " + KIND_VI.get(r["kind"], r["kind"]))
    if r.get("note"):
        extra.append(r["note"])
    to = r.get("to")
    to_note = r.get("to_note") or com.get(path + ("to",))
    if to is None and to_note:
        to_note = to_note.rstrip(".")
        to = "(" + to_note + ")" if fold(to_note).startswith("khong") else "(không ghi; " + to_note + ")"
    base = {"code": r["id"], "cadence": None, "deadline_rule": r.get("deadline_rule"), "from": r.get("from"),
            "to": to, "channel": r.get("channel"), "content": None, "source": r.get("source")}
    if cad == "on-request" and r["id"] == "R3" and ctx["key"] == "bac-son-2025-2030":
        cad = "on-event"   # "khi có nội dung, nhiệm vụ do thực tế phát sinh": an event, not a request
    cads = cad if isinstance(cad, list) else [cad]
    out = []
    for i, one in enumerate(cads):
        d = dict(base)
        one = CADENCE_MAP.get(one, one)
        if one not in CADENCES and one != "unspecified":
            die(f"{ctx['key']} reporting {r['id']}: unknown cadence {one!r}")
        d["cadence"] = Plain(one)
        notes = list(extra)
        if len(cads) > 1:
            # One sentence lists several periods: one obligation per period (R1a, R1b, ...)
            d["code"] = r["id"] + "abcdefghij"[i]
            notes.insert(0, f"kỳ {CADENCE_VI.get(one, one)} — văn bản gộp {len(cads)} kỳ trong một câu, tách thành "
                         f"{r['id']}a–{r['id']}{'abcdefghij'[len(cads) - 1]}")
        d["content"] = r["content"] + (" (" + "; ".join(n.rstrip(".") for n in notes) + ")" if notes else "")
        out.append({k: v for k, v in d.items() if v is not None})
    return out


def convert_basis(b, ctx, path):
    com = ctx["comments"]
    notes = [b.get("note")]
    if b.get("issuer") is None:
        c = com.get(path + ("issuer",))
        if c:
            notes.append("Cơ quan ban hành " + c)
    if b.get("date_raw"):
        notes.append("Ngày in: " + b["date_raw"])
    if b.get("issuer_variants"):
        notes.append("Cơ quan ban hành được ghi: " + "; ".join(b["issuer_variants"]))
    if b.get("cited_in"):
        notes.append("Dẫn tại: " + b["cited_in"])
    if b.get("source"):
        notes.append("Dẫn tại: " + b["source"])
    if b.get("ocr_uncertain"):
        c = com.get(path + ("ocr_uncertain",))
        notes.append("OCR không chắc chắn" + (": " + c if c else ""))
    out = {"symbol": b.get("symbol"), "kind": b.get("kind"), "name": b.get("name"), "date": b.get("date"),
           "issuer": b.get("issuer"), "subject": b.get("subject"), "note": join_notes(notes)}
    return {k: v for k, v in out.items() if v is not None}


def convert_recipients(lst):
    out = []
    for r in lst or []:
        d = {"name": r["to"]}
        if r.get("purpose"):
            d["purpose"] = r["purpose"]
        out.append(Flow(d))
    return out


def split_signer(s):
    if not s:
        return None, None
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", s)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return s, None


# --------------------------------------------------------------------------------------------
# Per-plan header notes (what the transcription says about the document as a whole)
# --------------------------------------------------------------------------------------------


COMPARATOR_NOTE = ("Chỉ tiêu in số trần hoặc “đạt X” được ghi comparator “>=” (đạt tối thiểu X, cách hiểu thông "
                   "thường của các kế hoạch này); “Duy trì X” → “maintain”; mục tiêu có/không → “boolean” (value 1); "
                   "mục tiêu định tính không có số → “text”")


def conv_note(key, sample_name):
    return (f"Chuyển từ bản chép tay/OCR shared/samples/{sample_name} bằng tools/convert-samples.py "
            "(converted from the transcription by tools/convert-samples.py)")


def header_ngoc_son(s, com):
    p = s["plan"]
    signer, signer_note = split_signer(p.get("signed"))
    bt = s["budget_totals"]["printed"]
    g, a, b = bt["grand_total"], bt["A_chi_dau_tu_phat_trien"], bt["B_chi_thuong_xuyen"]
    roadmap = [m for m in s.get("milestones", []) if not m.get("derived")]
    notes = [
        "Đơn vị tiền của Phụ lục 3 không in trong văn bản; giả định là triệu đồng (tổng 7,100 ⇒ 7,1 tỷ đồng). "
        "Số tiền in dùng dấu phẩy ngăn cách hàng nghìn (“7,100”, “2,500”), có ô in không dấu (“5350”, “1750”)",
        f"Tổng Phụ lục 3 theo bản in: {g['total']:,} = A. Chi đầu tư phát triển {a['total']:,} "
        f"(NS tỉnh {a['provincial']:,}; nguồn khác {a['other']:,}) + B. Chi thường xuyên {b['total']:,} "
        f"(nguồn khác {b['other']:,}); NS tỉnh {g['provincial']:,}, nguồn khác {g['other']:,}; nhu cầu năm 2026 "
        "bằng tổng mức đầu tư ở mọi dòng. Mục I (dự án năm 2025 chuyển tiếp) trống ở cả A và B. Mỗi dòng chỉ in "
        "một trong hai cột nguồn (NS tỉnh hoặc nguồn khác); cột nào được suy ra từ tổng nhóm. Dòng A.II.3 và B.II.4 "
        "bị OCR vỡ và được tái dựng cho khớp tổng, nên phép cộng không kiểm tra độc lập hai dòng này. "
        "STT nhóm A.II in 1, 2, 2; dòng B.II.5 không có STT",
        "Số ký hiệu: " + com.get(("plan", "number_raw"), "") + "; dòng ngày tháng có OCR “0l” (= 01)",
        "Người ký: " + signer_note if signer_note else None,
        "Dấu vết văn bản mẫu: văn bản được sửa từ mẫu của xã bằng cách thay “xã” → “phường”, nên “xã hội” bị in "
        "thành “phường hội” (“Phường hội số”, “Phòng Văn hóa và phường hội”, “chính trị - phường hội”, “trợ cấp "
        "phường hội”, “an sinh phường hội”); bản này khôi phục “xã hội”. Các dấu vết khác giữ như bản in: “thôn”, "
        "“nhà văn hóa thôn”, “phường vùng cao biên giới”, “6 tháng cuối năm 2025”, “cấp huyện”",
        "Bố cục: " + "; ".join(p.get("sections", [])),
        "Mã trong thân văn bản (dạng “II.2.1-1”, “IV.2-3”) do người chép đặt theo vị trí gạch đầu dòng; mã phụ lục "
        "là số thứ tự in trong bảng (chỉ tiêu Phụ lục 1 có section “PL1”, nhiệm vụ Phụ lục 2 có mã “PL2.n”). "
        "Phụ lục 1 không có cột đơn vị phụ trách; cột Ghi chú của Phụ lục 2 để trống ở mọi dòng. "
        "Một số chỉ tiêu, nhiệm vụ xuất hiện cả ở thân văn bản và phụ lục với chi tiết khác nhau — xem “Xem thêm” "
        "trong ghi chú từng mục",
        COMPARATOR_NOTE,
        "Các chỉ tiêu Mục II.2.1 (Hạ tầng số) có câu dẫn “Phối hợp với các đơn vị cung cấp dịch vụ viễn thông "
        "phấn đấu:”",
        "Lộ trình (Mục III.2.5): " + "; ".join(f"{m['when']} — {m['what']}" for m in roadmap) if roadmap else None,
        conv_note("ngoc-son-2026", "plan-phuong-ngoc-son-2026.yaml"),
    ]
    level = {"ward": "phuong", "commune": "xa"}[p["level"]]
    return {
        "key": Plain("ngoc-son-2026"),
        "symbol": p["number"],
        "symbol_printed": p.get("number_raw") if p.get("number_raw") != p["number"] else None,
        "title": p["title"],
        "chain": Plain("ubnd"),
        "issuer": p["issuer"],
        "level": Plain(level),
        "place": p["place"],
        "date": p["date"],
        "date_printed": p.get("date_raw"),
        "period": Flow(dict(p["period"])),
        "money_unit": "triệu đồng",
        "signer": signer,
        "note": join_notes(notes),
    }


def header_thuan_loi(s, com):
    p = s["plan"]
    signer, signer_note = split_signer(p.get("signed"))
    place, place_note = split_paren(p["place"])
    ms = s.get("milestones", [])
    notes = [
        "Bản OCR không có số ký hiệu, ngày ban hành và tên tỉnh (phần đầu văn bản bị mất hoặc không được quét)",
        "Địa danh: " + place_note if place_note else None,
        p.get("place_note"),
        "Người ký: " + signer_note if signer_note else None,
        "Văn bản không có phụ lục: không có bảng chỉ tiêu, bảng phân công nhiệm vụ, bảng kinh phí (không có dự án). "
        "Kinh phí chỉ nêu ở Mục III.4: Phòng Kinh tế tham mưu, Chủ tịch UBND xã phê duyệt “căn cứ khả năng cân "
        "đối ngân sách”",
        "Văn bản không có mục “Thời gian thực hiện”: không nhiệm vụ nào có hạn hay quý; các cụm “thường xuyên”, "
        "“định kỳ 6 tháng”, “theo hướng dẫn của tỉnh”, “khi có yêu cầu” chỉ nằm trong câu, còn “ongoing” ở các "
        "nhiệm vụ khác là cách hiểu của người chép. Mục II không nêu đơn vị chủ trì; đơn vị chỉ được giao ở Mục III, "
        "nên chủ trì của nhiệm vụ Mục II là suy ra từ Mục III",
        COMPARATOR_NOTE,
        "Bố cục: " + "; ".join(p.get("sections", [])),
        "Mã trong văn bản (dạng “I.2.1-1”, “III.1-5”) do người chép đặt theo mục và vị trí gạch đầu dòng",
    ]
    for m in ms:
        if m.get("derived"):
            continue
        notes.append(f"Mốc: {m['when']} — {m['what']}" + (f" ({m['note'].rstrip('.')})" if m.get("note") else ""))
    notes.append(conv_note("thuan-loi-2026", "plan-xa-thuan-loi-2026.yaml"))
    return {
        "key": Plain("thuan-loi-2026"),
        "title": p["title"],
        "chain": Plain("ubnd"),
        "issuer": p["issuer"],
        "level": Plain({"ward": "phuong", "commune": "xa"}[p["level"]]),
        "place": place,
        "period": Flow(dict(p["period"])),
        "signer": signer,
        "note": join_notes(notes),
    }


def header_bac_son(s, com):
    p = s["plan"]
    per = {k: v for k, v in p["period"].items() if v is not None}
    tgt = s["targets"]
    n25 = sum(1 for t in tgt if t.get("horizon") == 2025)
    n30 = sum(1 for t in tgt if t.get("horizon") == 2030)
    nun = sum(1 for t in tgt if not isinstance(t.get("horizon"), int))
    notes = [
        "Kế hoạch của Đảng ủy (chuỗi Đảng) thực hiện Nghị quyết 06-NQ/TU của Tỉnh ủy Thanh Hóa. Cấp trên trực tiếp: "
        + p.get("parent_admin", ""),
        p.get("number_note"),
        p.get("date_note"),
        "Chủ thể ban hành: " + p["issuer_note"] if p.get("issuer_note") else None,
        p.get("period_note"),
        f"Mốc: mục tiêu năm 2025 ({n25} chỉ tiêu, Mục II.1), mục tiêu/định hướng đến năm 2030 ({n30} chỉ tiêu, "
        f"Mục II.2); {nun} chỉ tiêu của Mục II.3 và II.4 không ghi mốc nên không có horizon",
        p.get("signer_note"),
        COMPARATOR_NOTE,
        "Bố cục: " + p["structure"] if p.get("structure") else None,
        "Mục đích, yêu cầu (Mục I): " + " ".join(p.get("purpose", [])) if p.get("purpose") else None,
        "Văn bản không đánh mã chỉ tiêu, nhiệm vụ: mọi mã (dạng “II.1.1-a”, “III.4-d-gd1”) do người chép đặt theo "
        "mục và thứ tự" if s.get("code_synthetic") else None,
        "Không có thời hạn nào cho nhiệm vụ; “ongoing” là cách hiểu của người chép (kế hoạch kéo dài đến 2030). "
        "Phần lớn nhiệm vụ không nêu chủ trì; phân công rõ chỉ có ở Mục IV",
        "Kênh báo cáo: " + s["reporting_channel_note"] if s.get("reporting_channel_note") else None,
        "Dự án, kinh phí: " + s["projects_note"] if s.get("projects_note") else None,
        "Nơi nhận in tắt: " + "; ".join(f"{d['abbr']} = {d['to']}" for d in p.get("distribution", []) if d.get("abbr")),
        "Ghi chú OCR: " + " ".join(sentence(x) for x in s.get("ocr_notes", [])) if s.get("ocr_notes") else None,
        conv_note("bac-son-2025-2030", "plan-dang-uy-phuong-bac-son-2025-2030.yaml"),
    ]
    if p.get("admin_level") != "ward":
        die("bac-son: expected admin_level ward")
    return {
        "key": Plain("bac-son-2025-2030"),
        "title": p["title"],
        "chain": Plain("dang"),
        "issuer": p["issuer"],
        "level": Plain("phuong"),
        "place": p["place"],
        "period": Flow(per),
        "note": join_notes(notes),
        "horizons": [Flow({"year": h["year"], "label": h["heading"], "kind": Plain(h["kind"])})
                     for h in p.get("horizons", [])],
    }


def group_fix_bac_son(groups):
    """Bắc Sơn repeats long task headings as 'III.1. Tăng cường ... ...': use the full heading so that
    one printed section is one group."""
    full = {}
    for g in groups:
        if g and "..." not in g:
            full[g.split(" ", 1)[0]] = g

    def fix(g):
        if not g or "..." not in g:
            return g
        num = g.split(" ", 1)[0]
        head, _, rest = g.partition(" ...")
        if num not in full:
            return g
        rest = rest.strip()
        rest = rest.replace("— Đẩy mạnh ứng dụng công nghệ số trên một số lĩnh vực",
                            "— Đẩy mạnh ứng dụng công nghệ số trên một số lĩnh vực để thúc đẩy phát triển xã hội số") \
            if not rest.endswith("xã hội số") else rest
        return full[num] + (" " + rest if rest else "")

    return fix


PLANS = [
    dict(key="ngoc-son-2026", sample="plan-phuong-ngoc-son-2026.yaml", header=header_ngoc_son, chain="ubnd",
         counts=dict(targets=88, tasks=102, projects=8)),
    dict(key="thuan-loi-2026", sample="plan-xa-thuan-loi-2026.yaml", header=header_thuan_loi, chain="ubnd",
         counts=dict(targets=26, tasks=58, projects=0)),
    dict(key="bac-son-2025-2030", sample="plan-dang-uy-phuong-bac-son-2025-2030.yaml", header=header_bac_son,
         chain="dang", counts=dict(targets=36, tasks=44, projects=0)),
]

FILE_TITLES = {
    "ngoc-son-2026": ("Kế hoạch Chuyển đổi số trên địa bàn phường Ngọc Sơn năm 2026 (số 27/KH-UBND, 15/01/2026)",
                      "Digital-transformation plan of Ngọc Sơn ward (Thanh Hóa) for 2026, People's Committee"),
    "thuan-loi-2026": ("Kế hoạch Chuyển đổi số trên địa bàn xã Thuận Lợi năm 2026 (không rõ số, ngày)",
                       "Digital-transformation plan of Thuận Lợi commune for 2026, People's Committee"),
    "bac-son-2025-2030": ("Kế hoạch của Ban Thường vụ Đảng ủy phường Bắc Sơn về chuyển đổi số đến năm 2025, "
                          "định hướng đến năm 2030",
                          "Party-committee plan of Bắc Sơn ward (Bỉm Sơn, Thanh Hóa): targets for 2025 and 2030"),
}


def convert_plan(spec, samples_dir):
    path = os.path.join(samples_dir, spec["sample"])
    with open(path, encoding="utf-8") as f:
        text = unicodedata.normalize("NFC", f.read())
    s = nfc(yaml.safe_load(text))
    com = collect_comments(text)
    key = spec["key"]
    units = Units(key, s.get("units", []))
    groups = [t.get("group") for t in s.get("tasks", [])]
    ctx = dict(key=key, units=units, comments=com, chain=spec["chain"],
               group_fix=group_fix_bac_son(groups) if key == "bac-son-2025-2030" else (lambda g: g))

    plan = spec["header"](s, com)
    p = s["plan"]
    plan["basis"] = [convert_basis(b, ctx, ("plan", "basis", i)) for i, b in enumerate(p.get("basis", []))]
    plan["recipients"] = convert_recipients(p.get("recipients") or p.get("distribution"))
    targets = [convert_target(t, ctx, ("targets", i)) for i, t in enumerate(s.get("targets", []))]
    tasks = [convert_task(t, ctx, ("tasks", i)) for i, t in enumerate(s.get("tasks", []))]
    projects = [convert_project(x, ctx, ("projects", i)) for i, x in enumerate(s.get("projects") or [])]
    reporting = []
    for i, r in enumerate(s.get("reporting", [])):
        reporting.extend(convert_reporting(r, ctx, ("reporting", i)))
    doc = {"xaso-plan": 1, "plan": {k: v for k, v in plan.items() if v not in (None, [])},
           "units": units.output(), "targets": targets, "tasks": tasks}
    if projects:
        doc["projects"] = projects
    doc["reporting"] = reporting
    return doc


# --------------------------------------------------------------------------------------------
# Writer: a small YAML emitter so the files look the way people expect
# --------------------------------------------------------------------------------------------


class Plain(str):
    """An identifier or enumeration value, written without quotes."""


class Flow(dict):
    """A short mapping written in flow style: {from: 2026, to: 2026}."""


PLAIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def qstr(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F or ch in "\x85\u2028\u2029\ufeff":
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(v):
    if isinstance(v, Plain):
        s = str(v)
        if not PLAIN_RE.match(s) or yaml.safe_load(s) != s:
            die(f"not a safe plain scalar: {s!r}")
        return s
    if isinstance(v, bool):
        die("booleans are not used in plan files")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        if "e" in r or "inf" in r or "nan" in r:
            die(f"float {v!r} not representable plainly")
        return r
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, str):
        return qstr(v)
    die(f"cannot write scalar {v!r}")


def flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {scalar(x)}" for k, x in v.items()) + "}"
    return "[" + ", ".join(scalar(x) for x in v) + "]"


def emit_map(d, indent, lines, first_prefix=None):
    pad = " " * indent
    for i, (k, v) in enumerate(d.items()):
        lead = first_prefix if (i == 0 and first_prefix is not None) else pad
        if isinstance(v, Flow) or (isinstance(v, list) and all(not isinstance(x, dict) for x in v)):
            lines.append(f"{lead}{k}: {flow(v)}")
        elif isinstance(v, dict):
            lines.append(f"{lead}{k}:")
            emit_map(v, indent + 2, lines)
        elif isinstance(v, list):
            lines.append(f"{lead}{k}:")
            emit_list(v, indent + 2, lines)
        else:
            lines.append(f"{lead}{k}: {scalar(v)}")


def emit_list(lst, indent, lines, group_key=None):
    pad = " " * indent
    prev = object()
    for item in lst:
        if group_key and item.get(group_key) != prev:
            g = item.get(group_key)
            sec = item.get("section")
            label = g if group_key == "group" else f"{sec} — {item.get('group')}"
            if lines and lines[-1].strip() and not lines[-1].endswith(":"):
                lines.append("")
            lines.append(f"{pad}# --- {label} ---")
            prev = g
        if isinstance(item, Flow):
            lines.append(f"{pad}- {flow(item)}")
        elif isinstance(item, dict):
            emit_map(item, indent + 2, lines, first_prefix=pad + "- ")
        else:
            lines.append(f"{pad}- {scalar(item)}")


def render(doc, key, sample):
    vi, en = FILE_TITLES[key]
    lines = [
        f"# {vi}",
        f"# {en}.",
        "# Tệp kế hoạch xaso, định dạng phiên bản 1 (docs/plan-format.md) — xaso plan file, format version 1.",
        f"# Chuyển từ bản chép (transcription) shared/samples/{sample} bằng tools/convert-samples.py;",
        "# converted by tools/convert-samples.py — sửa script và chạy lại thay vì sửa tay (re-run, do not hand-edit).",
        "",
    ]
    for k, v in doc.items():
        if k == "xaso-plan":
            lines.append(f"{k}: {scalar(v)}")
        elif k == "plan":
            lines.append("")
            lines.append("plan:")
            emit_map(v, 2, lines)
        else:
            lines.append("")
            lines.append(f"{k}:")
            if k in ("targets", "tasks"):
                emit_list(v, 2, lines, group_key="group")
            elif k == "projects":
                emit_list(v, 2, lines, group_key="section")
            else:
                emit_list(v, 2, lines)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Checks on the written files
# --------------------------------------------------------------------------------------------


class StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    keys = set()
    for k, _ in node.value:
        kv = loader.construct_object(k, deep=deep)
        if kv in keys:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {kv!r}", k.start_mark)
        keys.add(kv)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

TEXT = "text"
NUM = "number"
DATE = "date"
YEAR = "year"
TEXTLIST = "textlist"
REFLIST = "reflist"
REF = "ref"
ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
UNIT_CODE_RE = re.compile(r"^[a-z0-9-]+$")

SCHEMA = {
    "top": {"xaso-plan": "int", "plan": "map", "units": "list", "targets": "list", "tasks": "list",
            "projects": "list", "reporting": "list"},
    "plan": {"key": "id", "symbol": TEXT, "symbol_printed": TEXT, "title": TEXT, "chain": {"ubnd", "dang"},
             "issuer": TEXT, "level": {"xa", "phuong", "dac-khu", "tinh"}, "place": TEXT, "date": DATE,
             "date_printed": TEXT, "period": "period", "money_unit": TEXT, "signer": TEXT, "note": TEXT,
             "horizons": "list", "basis": "list", "recipients": "list"},
    "period": {"from": YEAR, "to": YEAR},
    "horizon": {"year": YEAR, "label": TEXT, "kind": {"target", "orientation"}},
    "basis": {"symbol": TEXT, "kind": TEXT, "name": TEXT, "date": DATE, "issuer": TEXT, "subject": TEXT,
              "note": TEXT},
    "recipient": {"name": TEXT, "purpose": TEXT},
    "unit": {"code": "unitcode", "name": TEXT, "aliases": TEXTLIST, "kind": {"office", "group", "external"},
             "note": TEXT},
    "target": {"code": TEXT, "section": TEXT, "group": TEXT, "name": TEXT, "target": TEXT,
               "comparator": {">=", ">", "=", "<=", "<", "maintain", "boolean", "text"}, "value": NUM,
               "unit": TEXT, "horizon": YEAR, "due": DATE, "responsible": REF, "numerator": TEXT,
               "denominator": TEXT, "source": TEXT, "note": TEXT},
    "task": {"code": TEXT, "section": TEXT, "kind": {"task", "solution", "duty"}, "group": TEXT, "name": TEXT,
             "expected_result": TEXT, "timeline": TEXT,
             "timeline_kind": {"none", "ongoing", "yearly", "year", "quarter", "month", "by-date", "done", "event",
                               "on-request", "text"},
             "start": DATE, "due": DATE, "lead": REFLIST, "coordinators": REFLIST, "requested": REFLIST,
             "source": TEXT, "note": TEXT},
    "project": {"code": TEXT, "section": TEXT, "group": TEXT, "name": TEXT, "legal_basis": TEXT, "budget": "money",
                "this_year": "money", "disbursements": "list", "source": TEXT, "note": TEXT},
    "money": {"total": NUM, "province": NUM, "commune": NUM, "other": NUM},
    "reporting": {"code": TEXT, "cadence": {"weekly", "monthly", "quarterly", "6-month", "9-month", "yearly",
                                            "on-request", "on-event", "once", "unspecified"},
                  "deadline_rule": TEXT, "from": TEXT, "to": TEXT, "channel": TEXT, "content": TEXT, "source": TEXT},
}
REQUIRED = {"plan": {"key", "title"}, "unit": {"code", "name"}, "target": {"code", "name"},
            "task": {"code", "name"}, "project": {"code", "name"}, "reporting": {"code"}}


def check_file(path, expect):
    errs = []

    def err(where, msg):
        errs.append(f"{path}: {where}: {msg}")

    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{path}: invalid UTF-8: {e}"], {}, {}
    if "\t" in text:
        err("file", "contains a tab")
    if not unicodedata.is_normalized("NFC", text):
        err("file", "text is not NFC")
    try:
        for ev in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                err(f"line {ev.start_mark.line + 1}", "anchor or alias")
        doc = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as e:
        err("yaml", str(e).replace("\n", " "))
        return errs, {}, {}

    unit_names = {}
    refs = set()

    def check_value(where, t, v):
        if isinstance(t, set):
            if not isinstance(v, str) or v not in t:
                err(where, f"{v!r} not one of {sorted(t)}")
        elif t == TEXT:
            if not isinstance(v, str) or not v.strip():
                err(where, f"expected non-empty text, got {v!r}")
            elif not unicodedata.is_normalized("NFC", v):
                err(where, "text not NFC")
        elif t == "id":
            if not isinstance(v, str) or not ID_RE.match(v):
                err(where, f"bad key {v!r}")
        elif t == "unitcode":
            if not isinstance(v, str) or not UNIT_CODE_RE.match(v):
                err(where, f"bad unit code {v!r}")
        elif t == NUM:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                err(where, f"expected number, got {v!r}")
        elif t == YEAR:
            if isinstance(v, bool) or not isinstance(v, int) or not 1900 < v < 2100:
                err(where, f"expected year, got {v!r}")
        elif t == DATE:
            if not isinstance(v, datetime.date) or isinstance(v, datetime.datetime):
                err(where, f"expected date, got {v!r}")
        elif t == TEXTLIST:
            if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
                err(where, f"expected non-empty list of text, got {v!r}")
        elif t in (REF, REFLIST):
            lst = v if t == REFLIST else [v]
            if not isinstance(lst, list) or not lst:
                err(where, f"expected list of unit references, got {v!r}")
                return
            if t == REFLIST and len(set(lst)) != len(lst):
                err(where, f"duplicate reference in {lst}")
            for x in lst:
                if not isinstance(x, str):
                    err(where, f"bad unit reference {x!r}")
                else:
                    refs.add((where, x))

    def check_map(where, kind, m):
        if not isinstance(m, dict):
            err(where, f"expected mapping for {kind}")
            return
        schema = SCHEMA[kind]
        for k, v in m.items():
            if k not in schema:
                err(where, f"unknown key {k!r}")
                continue
            t = schema[k]
            if t == "period":
                check_map(f"{where}.{k}", "period", v)
            elif t == "money":
                check_map(f"{where}.{k}", "money", v)
            elif t in ("map", "list", "int"):
                pass
            else:
                check_value(f"{where}.{k}", t, v)
        for k in REQUIRED.get(kind, ()):
            if k not in m:
                err(where, f"missing required key {k!r}")

    if not isinstance(doc, dict):
        return [f"{path}: not a mapping"], {}, {}
    for k in doc:
        if k not in SCHEMA["top"]:
            err("top", f"unknown key {k!r}")
    if doc.get("xaso-plan") != 1 or isinstance(doc.get("xaso-plan"), bool):
        err("top", "xaso-plan must be 1")
    plan = doc.get("plan")
    check_map("plan", "plan", plan)
    for i, h in enumerate(plan.get("horizons", [])):
        check_map(f"plan.horizons[{i}]", "horizon", h)
    for i, b in enumerate(plan.get("basis", [])):
        check_map(f"plan.basis[{i}]", "basis", b)
    for i, r in enumerate(plan.get("recipients", [])):
        check_map(f"plan.recipients[{i}]", "recipient", r)
    for sect, kind in (("units", "unit"), ("targets", "target"), ("tasks", "task"), ("projects", "project"),
                       ("reporting", "reporting")):
        lst = doc.get(sect, [])
        if not isinstance(lst, list):
            err(sect, "expected a list")
            continue
        for i, item in enumerate(lst):
            check_map(f"{sect}[{i}] ({item.get('code') if isinstance(item, dict) else '?'})", kind, item)

    # identity
    for sect in ("targets", "tasks", "projects"):
        ids = collections.Counter((x.get("section"), x.get("code")) for x in doc.get(sect, []))
        for k, n in ids.items():
            if n > 1:
                err(sect, f"(section, code) {k} occurs {n} times")
    rc = collections.Counter(r.get("code") for r in doc.get("reporting", []))
    for k, n in rc.items():
        if n > 1:
            err("reporting", f"code {k} occurs {n} times")

    # units and references (resolved as xaso does: code, name or alias after NFC + case folding)
    lookup = {}
    for u in doc.get("units", []):
        for s in [u["code"], u["name"]] + u.get("aliases", []):
            c = cf(s)
            if c in lookup and lookup[c] != u["code"]:
                err("units", f"{s!r} names both {lookup[c]} and {u['code']}")
            lookup[c] = u["code"]
        if u["code"] in unit_names:
            err("units", f"unit code {u['code']} declared twice")
        unit_names[u["code"]] = (u["name"], u.get("kind", "office"), u.get("note"))
    for where, r in refs:
        if cf(r) not in lookup:
            err(where, f"unit reference {r!r} does not resolve")
        elif r not in unit_names:
            err(where, f"unit reference {r!r} is not written as a unit code")

    # tasks: dates consistent
    for t in doc.get("tasks", []):
        if "start" in t and "due" in t and t["start"] > t["due"]:
            err(f"task {t['code']}", "start after due")
        if t.get("timeline_kind") in ("quarter", "year", "by-date") and "due" not in t:
            err(f"task {t['code']}", "dated timeline without due")

    # counts
    for sect, n in expect.items():
        got = len(doc.get(sect, []))
        if got != n:
            err(sect, f"expected {n} items, got {got}")
    return errs, doc, unit_names


def summary(key, doc):
    tg, tk, pr, un, rp = (doc.get(k, []) for k in ("targets", "tasks", "projects", "units", "reporting"))
    c = collections.Counter
    roles = c()
    for t in tk:
        for r in ("lead", "coordinators", "requested"):
            roles[r] += len(t.get(r, []))
    nolead = sum(1 for t in tk if not t.get("lead"))
    lines = [
        f"{key}: {len(tg)} targets, {len(tk)} tasks, {len(pr)} projects, {len(un)} units, {len(rp)} reporting",
        "  targets by comparator: " + ", ".join(f"{k} {v}" for k, v in c(t.get('comparator') for t in tg).most_common()),
        "  targets by horizon: " + ", ".join(f"{k} {v}" for k, v in c(t.get('horizon', '-') for t in tg).most_common()),
        "  tasks by kind: " + ", ".join(f"{k} {v}" for k, v in c(t.get('kind') for t in tk).most_common()),
        "  tasks by timeline_kind: " + ", ".join(f"{k} {v}" for k, v in c(t.get('timeline_kind') for t in tk).most_common()),
        f"  assignments: lead {roles['lead']}, coordinators {roles['coordinators']}, requested {roles['requested']}; "
        f"tasks without lead {nolead}; targets with responsible {sum(1 for t in tg if 'responsible' in t)}",
        "  units by kind: " + ", ".join(f"{k} {v}" for k, v in c(u.get('kind') for u in un).most_common()),
        "  reporting by cadence: " + ", ".join(f"{k} {v}" for k, v in c(r.get('cadence') for r in rp).most_common()),
    ]
    if pr:
        tot = {k: sum(p["budget"][k] for p in pr) for k in ("total", "province", "commune", "other")}
        lines.append(f"  project budget: total {tot['total']}, province {tot['province']}, "
                     f"commune {tot['commune']}, other {tot['other']}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", default=None, help="folder of the transcribed samples (default: ../shared/samples "
                    "next to the repository, or $XASO_SAMPLES)")
    ap.add_argument("--out", default=os.path.join(ROOT, "forms", "plans"))
    args = ap.parse_args()
    samples = args.samples or os.environ.get("XASO_SAMPLES") or os.path.join(os.path.dirname(ROOT), "shared", "samples")
    if not os.path.isdir(samples):
        samples = "/work/shared/samples"
    try:
        rendered = []
        for spec in PLANS:
            doc = convert_plan(spec, samples)
            rendered.append((spec, render(doc, spec["key"], spec["sample"])))
        os.makedirs(args.out, exist_ok=True)
        for spec, text in rendered:
            p = os.path.join(args.out, spec["key"] + ".yaml")
            tmp = p + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.replace(tmp, p)
        all_errs, units_by_file, docs = [], {}, {}
        for spec in PLANS:
            p = os.path.join(args.out, spec["key"] + ".yaml")
            errs, doc, units = check_file(p, spec["counts"])
            all_errs += errs
            units_by_file[spec["key"]] = units
            docs[spec["key"]] = doc
        # the same unit code in two files must be the same unit
        seen = {}
        for key, units in units_by_file.items():
            for code, info in units.items():
                if code in seen and seen[code][1] != info:
                    all_errs.append(f"unit {code}: {seen[code][0]} has {seen[code][1]!r}, {key} has {info!r}")
                seen.setdefault(code, (key, info))
        # Ngọc Sơn budget
        ns = docs["ngoc-son-2026"].get("projects", [])
        for part in ("budget", "this_year"):
            tot = {k: sum(p[part][k] for p in ns) for k in ("total", "province", "commune", "other")}
            if tot != {"total": 7100, "province": 4700, "commune": 0, "other": 2400}:
                all_errs.append(f"ngoc-son-2026 projects {part} sums to {tot}, expected 7100 = 4700 + 0 + 2400")
            for p in ns:
                b = p[part]
                if b["province"] + b["commune"] + b["other"] != b["total"]:
                    all_errs.append(f"ngoc-son-2026 project {p.get('section')}/{p['code']} {part}: parts != total")
        if all_errs:
            print("\n".join(all_errs), file=sys.stderr)
            print(f"convert-samples: {len(all_errs)} problem(s)", file=sys.stderr)
            return 1
        for spec in PLANS:
            print(summary(spec["key"], docs[spec["key"]]))
        shared = sorted(c for c in seen if sum(c in u for u in units_by_file.values()) > 1)
        print("unit codes shared across files: " + ", ".join(shared))
        print("all checks passed; wrote " + ", ".join(os.path.join(os.path.relpath(args.out, ROOT), s["key"] + ".yaml")
                                                       for s in PLANS))
        return 0
    except ConvertError as e:
        print(f"convert-samples: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
