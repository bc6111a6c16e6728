// An independent check of Accord's signatures, with Node's own crypto and nothing from the
// app: the format exactly as docs/signatures.md describes it.
import { createHash, createPublicKey, verify } from "node:crypto";

/** Canonical JSON: object keys sorted at every level, no whitespace. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The bytes a signature for `purpose` covers. */
export function signedBytes(purpose, value) {
  return Buffer.from(`accord-signature/1\n${purpose}\n${canonicalJson(value)}`, "utf8");
}

/** Whether `signature` (as it travels in a file) is its key's signature of `bytes`. */
export function holds(signature, bytes) {
  const key = createPublicKey({ key: Buffer.from(signature.public_key, "base64"), format: "der", type: "spki" });
  const bytesOfSignature = Buffer.from(signature.signature, "base64");
  if (signature.algorithm === "Ed25519") return verify(null, bytes, key, bytesOfSignature);
  return verify("sha256", bytes, { key, dsaEncoding: "ieee-p1363" }, bytesOfSignature);
}

/** The key's fingerprint as Accord shows it: "3F9A 07C2 11D4 E85B". */
export function fingerprint(signature) {
  const digest = createHash("sha256").update(Buffer.from(signature.public_key, "base64")).digest("hex");
  return digest.slice(0, 16).toUpperCase().match(/.{4}/g).join(" ");
}

/** `bytes` with one bit of one byte changed. */
export function oneByteChanged(bytes, at = Math.floor(bytes.length / 2)) {
  const changed = Buffer.from(bytes);
  changed[at] ^= 1;
  return changed;
}
