"""The .strive package file: a sealed and signed zip. See docs/sync-format.md.

Layout::

    "STRIVEPK"  8 bytes magic
    H           4 bytes, big endian: header length
    header      H bytes of UTF-8 JSON (clear text: format, sender, recipient, range, seal params)
    N           8 bytes, big endian: body length
    body        N bytes: AES-256-GCM(zip), key from X25519(ephemeral, recipient) + HKDF-SHA256,
                associated data = the header bytes
    signature   64 bytes: Ed25519 over "strive-package-sig-v1" + SHA-256(everything before)

The reader checks, in this order and before anything is applied: magic, lengths (truncated),
format version, signature, recipient, sender, decryption, then every zip entry (allowed
names only, bounded inflation, SHA-256 against the manifest).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..errors import UserError
from ..i18n import N_, Message, os_reason
from ..storage.schema import KNOWN_REVISIONS
from . import FORMAT_VERSION
from .keys import Identity, b64, box_fingerprint, unb64

MAGIC = b"STRIVEPK"
SEAL_ALG = "X25519-HKDF-SHA256-AES-256-GCM"
SIG_CONTEXT = b"strive-package-sig-v1"
CHUNK = 1 << 20  # compressed and encrypted a MiB at a time (see build_zip, seal)
HKDF_INFO = b"strive-package-v1"

MAX_FILE = 1 << 30            # 1 GiB sealed file (hard ceiling; Limits.package is the working limit)
MAX_HEADER = 64 * 1024
MAX_ENTRY = 1 << 30           # 1 GiB for one inflated entry
MAX_TOTAL = 2 << 30           # 2 GiB inflated in all
MAX_RATIO = 200               # inflated / compressed, above RATIO_FLOOR bytes
RATIO_FLOOR = 16 << 20
MAX_ENTRIES = 100_000

ENTRY_NAME = re.compile(r"^(manifest\.json|receipts\.json|trust\.json|recovery\.json|settings\.json|audit\.jsonl|records/[a-z_]{1,40}\.jsonl|"
                        r"attachments/[0-9a-f]{64})$")


@dataclass(frozen=True)
class Limits:
    """Size limits of a package received (bytes). Each can be changed per data folder with the
    settings ``sync.max_package_mb``, ``sync.max_attachment_mb`` and ``sync.max_content_mb``
    (docs/sync-format.md, section 6). The defaults keep an import's memory under 300 MB: the
    sealed file and its decrypted copy, then the inflated entries, are held in memory."""

    package: int = 64 << 20      # the sealed file
    attachment: int = 20 << 20   # one attached file (what the attachments service accepts)
    content: int = 128 << 20     # every entry of the inner archive, inflated, together

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> Limits:
        out = {}
        for fld, key in (("package", "sync.max_package_mb"), ("attachment", "sync.max_attachment_mb"),
                         ("content", "sync.max_content_mb")):
            try:
                mb = int(values.get(key, ""))
            except ValueError:
                continue
            if mb > 0:
                out[fld] = mb << 20
        return cls(**out)


class PackageRejected(UserError):
    """The whole file is refused; nothing was applied."""


class SenderNotAccepted(UserError):
    """Valid package from an installation headquarters has not accepted (yet)."""

    def __init__(self, text: str, header: dict[str, Any], **args: object) -> None:
        super().__init__(text, **args)
        self.header = header


@dataclass
class Package:
    header: dict[str, Any]
    manifest: dict[str, Any]
    entries: dict[str, bytes] = field(default_factory=dict)

    @property
    def package_id(self) -> str:
        return str(self.header["package_id"])

    @property
    def sender_id(self) -> str:
        return str(self.header["sender"]["id"])

    def jsonl(self, name: str) -> list[dict[str, Any]]:
        raw = self.entries.get(name, b"")
        return [json.loads(line) for line in raw.splitlines() if line.strip()]


# ---- writing ---------------------------------------------------------------------------------

def build_zip(manifest: dict[str, Any], entries: dict[str, bytes]) -> bytes:
    """The inner archive: every entry, then manifest.json listing their SHA-256 and size."""
    manifest = dict(manifest)
    manifest["entries"] = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                           for name, data in sorted(entries.items())}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, sort_keys=True))
        for name, data in sorted(entries.items()):
            if name.startswith("attachments/"):
                zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
            else:
                # In slices: zlib holds the GIL for the whole of one call, and a package of
                # 100,000 people compressed in one go would hold the window (whose thread needs
                # the GIL to paint) for a tenth of a second.
                with zf.open(name, "w") as entry:
                    view = memoryview(data)
                    for at in range(0, len(view), CHUNK):
                        entry.write(view[at:at + CHUNK])
    return buf.getvalue()


def _derive(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=HKDF_INFO).derive(shared)


def seal(sender: Identity, recipient: dict[str, Any], header: dict[str, Any], payload: bytes) -> bytes:
    """Encrypt *payload* to ``recipient`` (id, name, box_pub bytes) and sign it as *sender*."""
    eph = X25519PrivateKey.generate()
    salt, nonce = os.urandom(32), os.urandom(12)
    rpub = X25519PublicKey.from_public_bytes(recipient["box_pub"])
    key = _derive(eph.exchange(rpub), salt)
    header = dict(header)
    header.setdefault("format", FORMAT_VERSION)
    header["sender"] = {"id": sender.installation_id, "name": sender.name,
                        "community_id": sender.community_id, "is_hq": sender.is_hq,
                        "sign_pub": b64(sender.sign_pub), "box_pub": b64(sender.box_pub)}
    header["recipient"] = {"id": recipient["id"], "name": recipient.get("name", ""),
                           "box_fp": box_fingerprint(recipient["box_pub"])}
    header["seal"] = {"alg": SEAL_ALG, "epk": b64(eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)),
                      "salt": b64(salt), "nonce": b64(nonce)}
    hbytes = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    # AES-GCM in slices, the same bytes as AESGCM(key).encrypt(nonce, payload, hbytes) (ciphertext,
    # then the 16-byte tag): one call over a large package would hold the GIL, and the window, for
    # as long as it takes.
    enc = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    enc.authenticate_additional_data(hbytes)
    view = memoryview(payload)
    parts = [enc.update(view[at:at + CHUNK]) for at in range(0, len(view), CHUNK)]
    parts.append(enc.finalize())
    parts.append(enc.tag)
    body = b"".join(parts)
    out = b"".join((MAGIC, struct.pack(">I", len(hbytes)), hbytes, struct.pack(">Q", len(body)), body))
    sig = sender.sign_key.sign(SIG_CONTEXT + hashlib.sha256(out).digest())
    return out + sig


def write_file(path: Path, data: bytes) -> None:
    """Write *data* atomically: a temporary name in the same folder, flushed and fsynced, then
    renamed. A failed write (full stick, removed stick) leaves nothing under *path* and no
    temporary file behind."""
    tmp = path.with_name("." + path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise UserError(N_("The package could not be written to {path}: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---- reading ---------------------------------------------------------------------------------

def _reject(text: str, **args: object) -> PackageRejected:
    return PackageRejected(text, **args)


def read_header(data: bytes, name: str) -> tuple[dict[str, Any], bytes, bytes]:
    """Check the container and the signature; return (header, signed part, body)."""
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise _reject(N_("{file} is not a STRIVE sync package."), file=name)
    pos = len(MAGIC)
    if len(data) < pos + 4:
        raise _reject(N_("{file} is incomplete (the file was cut short). Ask for it to be sent again."), file=name)
    (hlen,) = struct.unpack(">I", data[pos:pos + 4])
    pos += 4
    if hlen > MAX_HEADER:
        raise _reject(N_("{file} is damaged or was altered: its header is not readable."), file=name)
    if len(data) < pos + hlen + 8 + 64:
        raise _reject(N_("{file} is incomplete (the file was cut short). Ask for it to be sent again."), file=name)
    hbytes = data[pos:pos + hlen]
    pos += hlen
    (blen,) = struct.unpack(">Q", data[pos:pos + 8])
    pos += 8
    if len(data) < pos + blen + 64:
        raise _reject(N_("{file} is incomplete (the file was cut short). Ask for it to be sent again."), file=name)
    if len(data) > pos + blen + 64:
        raise _reject(N_("{file} is damaged or was altered: it has extra bytes at the end."), file=name)
    try:
        header = json.loads(hbytes.decode("utf-8"))
        fmt = int(header["format"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _reject(N_("{file} is damaged or was altered: its header is not readable."), file=name) from None
    if fmt > FORMAT_VERSION:
        raise _reject(N_("{file} was written by a newer version of STRIVE Desktop (package format {fmt}). "
                         "Install the newer version to import it."), file=name, fmt=fmt)
    view = memoryview(data)  # no copies of a large file
    signed = view[: pos + blen]
    sig = bytes(view[pos + blen:])
    try:
        sender_pub = unb64(header["sender"]["sign_pub"])
        Ed25519PublicKey.from_public_bytes(sender_pub).verify(sig, SIG_CONTEXT + hashlib.sha256(signed).digest())
    except (InvalidSignature, ValueError, KeyError, TypeError):
        raise _reject(N_("{file} is damaged or was altered on the way (the signature does not match). "
                         "Ask for it to be sent again."), file=name) from None
    return header, bytes(signed), bytes(view[pos:pos + blen])


def _check_header(header: Any, name: str) -> None:
    """The header's fields have the types the reader relies on."""
    try:
        ok = (isinstance(header, dict) and isinstance(header["sender"], dict) and isinstance(header["recipient"], dict)
              and isinstance(header["seal"], dict) and isinstance(header["sender"]["id"], str)
              and isinstance(header["sender"].get("name", ""), str) and isinstance(header["package_id"], str)
              and re.fullmatch(r"[0-9a-f-]{1,36}", header["package_id"]) is not None
              and isinstance(header["kind"], str) and _is_range(header["range"]))
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise _reject(N_("{file} is damaged or was altered: its header is not readable."), file=name)


def _is_range(r: Any) -> bool:
    return (isinstance(r, list) and len(r) == 2 and all(type(x) is int and x >= 0 for x in r))


def open_package(data: bytes, name: str, me: Identity, accepted_sign_pub: bytes | None,
                 sender_known: bool, limits: Limits | None = None) -> Package:
    """Every check before anything is applied. Raises PackageRejected or SenderNotAccepted."""
    header, _signed, body = read_header(data, name)
    _check_header(header, name)
    rec = header.get("recipient") or {}
    if rec.get("box_fp") != box_fingerprint(me.box_pub):
        raise _reject(N_("{file} is meant for another installation ({name}), not for this one."),
                      file=name, name=rec.get("name") or rec.get("id") or "?")
    sender = header["sender"]
    if sender.get("id") == me.installation_id:
        raise _reject(N_("{file} was written by this installation itself."), file=name)
    sign_pub = unb64(sender["sign_pub"])
    if accepted_sign_pub is None:
        if sender_known or not me.is_hq:
            what = N_("{file} comes from {name}, an installation that has not been accepted yet. "
                      "It waits until headquarters accepts that installation.") if me.is_hq else \
                N_("{file} comes from {name}, which is not this installation's headquarters. "
                   "Import the headquarters key file first.")
        else:
            what = N_("{file} comes from {name}, an installation that has not been accepted yet. "
                      "It waits until headquarters accepts that installation.")
        raise SenderNotAccepted(what, header, file=name, name=sender.get("name") or sender.get("id"))
    if sign_pub != accepted_sign_pub:
        raise _reject(N_("{file} claims to come from {name} but is signed with a different key. "
                         "It was not imported."), file=name, name=sender.get("name", "?"))
    seal_p = header.get("seal") or {}
    if seal_p.get("alg") != SEAL_ALG:
        raise _reject(N_("{file} uses an unknown encryption ({alg})."), file=name, alg=str(seal_p.get("alg")))
    try:
        epk = X25519PublicKey.from_public_bytes(unb64(seal_p["epk"]))
        key = _derive(me.box_key.exchange(epk), unb64(seal_p["salt"]))
        hlen = struct.unpack(">I", data[8:12])[0]
        payload = AESGCM(key).decrypt(unb64(seal_p["nonce"]), body, data[12:12 + hlen])
    except (InvalidTag, ValueError, KeyError):
        raise _reject(N_("{file} cannot be decrypted: it is damaged or was not sealed for this installation."),
                      file=name) from None
    del body, _signed
    return read_zip(payload, name, header, limits or Limits())


def _bounded_read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: int) -> bytes:
    # never more than the entry says it holds (its declared size was checked against the limits)
    limit = min(MAX_ENTRY, budget, info.file_size, max(RATIO_FLOOR, info.compress_size * MAX_RATIO))
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            out += chunk
            if len(out) > limit:
                raise _reject(N_("{file} was refused: an entry inflates far beyond any real package "
                                 "(a so-called zip bomb)."), file=name)
    return bytes(out)


def _too_big(name: str, what: str, limit: int) -> PackageRejected:
    if what == "attachment":
        return _reject(N_("{file} was refused: an attached file in it is larger than the limit of {mb} MB. "
                          "The limit can be raised in the settings of this data folder."), file=name, mb=limit >> 20)
    return _reject(N_("{file} was refused: its content is larger than the limit of {mb} MB (or it is a so-called "
                      "zip bomb). The limit can be raised in the settings of this data folder."),
                   file=name, mb=limit >> 20)


def _referenced(raw: bytes) -> set[str]:
    """Every sha256 value an attachment record of the package names (any write of the field)."""
    out: set[str] = set()
    for line in raw.splitlines():
        try:
            out.update(v for _i, v in json.loads(line)["f"]["sha256"] if isinstance(v, str))
        except (ValueError, KeyError, TypeError):
            continue
    return out


def read_zip(payload: bytes, name: str, header: dict[str, Any], limits: Limits | None = None) -> Package:
    limits = limits or Limits()
    bad = N_("{file} is damaged: {reason}")
    try:
        zf = zipfile.ZipFile(io.BytesIO(payload))
    except (zipfile.BadZipFile, OSError):
        raise _reject(bad, file=name, reason=Message(N_("the archive is not readable"))) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _reject(bad, file=name, reason=Message(N_("too many entries")))
        seen: set[str] = set()
        for info in infos:
            n = info.filename
            if not ENTRY_NAME.match(n) or n in seen or info.is_dir():
                raise _reject(N_("{file} was refused: it contains an entry ({entry}) outside the allowed "
                                 "names, which could write outside its folder."), file=name, entry=n[:80])
            seen.add(n)
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise _reject(N_("{file} was refused: an entry inflates far beyond any real package "
                             "(a so-called zip bomb)."), file=name)
        if sum(i.file_size for i in infos) > limits.content:
            raise _too_big(name, "content", limits.content)
        for info in infos:
            if info.filename.startswith("attachments/") and info.file_size > limits.attachment:
                raise _too_big(name, "attachment", limits.attachment)
        budget = min(MAX_TOTAL, limits.content)
        entries: dict[str, bytes] = {}
        # records first: an attached file no record of the package refers to is refused unread
        infos.sort(key=lambda i: i.filename.startswith("attachments/"))
        refs: set[str] | None = None
        try:
            for info in infos:
                if info.filename.startswith("attachments/") and refs is None:
                    refs = _referenced(entries.get("records/attachments.jsonl", b""))
                if refs is not None and info.filename[12:] not in refs:
                    raise _reject(N_("{file} was refused: it contains a file ({entry}) that no record of the "
                                     "package refers to."), file=name, entry=info.filename[:80])
                data = _bounded_read(zf, info, name, budget)
                if len(data) != info.file_size:
                    raise _reject(bad, file=name, reason=Message(N_("{entry} is not the size it declares"),
                                                                 entry=info.filename[:80]))
                budget -= len(data)
                entries[info.filename] = data
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise _reject(bad, file=name, reason=Message(N_("an entry cannot be read ({error})"),
                                                         error=str(exc)[:100])) from None
    if "manifest.json" not in entries:
        raise _reject(bad, file=name, reason=Message(N_("there is no manifest")))
    try:
        manifest = json.loads(entries.pop("manifest.json").decode("utf-8"))
        listed: dict[str, Any] = manifest["entries"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _reject(bad, file=name, reason=Message(N_("the manifest is not readable"))) from None
    if not isinstance(listed, dict) or any(not isinstance(v, dict) for v in listed.values()):
        raise _reject(bad, file=name, reason=Message(N_("the manifest is not readable")))
    counts = manifest.get("counts", {})
    if not (isinstance(manifest.get("format", 0), int) and isinstance(counts, dict)
            and all(type(v) is int for v in counts.values())):
        raise _reject(bad, file=name, reason=Message(N_("the manifest is not readable")))
    if set(listed) != set(entries):
        raise _reject(bad, file=name, reason=Message(N_("the entries do not match the manifest")))
    for n, data in entries.items():
        if hashlib.sha256(data).hexdigest() != listed[n].get("sha256"):
            raise _reject(bad, file=name, reason=Message(N_("{entry} does not match its hash"), entry=n))
    if int(manifest.get("format", 0)) > FORMAT_VERSION:
        raise _reject(N_("{file} was written by a newer version of STRIVE Desktop (package format {fmt}). "
                         "Install the newer version to import it."), file=name, fmt=manifest.get("format"))
    schema = manifest.get("schema")
    if schema not in KNOWN_REVISIONS:
        raise _reject(N_("{file} was written by a newer version of STRIVE Desktop (database schema "
                         "{schema}). Install the newer version to import it."), file=name, schema=str(schema))
    for k in ("package_id", "range", "kind"):
        if manifest.get(k) != header.get(k):
            raise _reject(bad, file=name, reason=Message(N_("the manifest does not match the header")))
    if manifest.get("sender") != header["sender"]["id"]:
        raise _reject(bad, file=name, reason=Message(N_("the manifest does not match the header")))
    lines = {n[8:-6]: sum(1 for line in io.BytesIO(data) if line.strip())
             for n, data in entries.items() if n.startswith("records/")}
    if {t: c for t, c in lines.items() if c} != {t: c for t, c in counts.items() if c}:
        raise _reject(bad, file=name, reason=Message(N_("the record counts do not match the manifest")))
    return Package(header, manifest, entries)
