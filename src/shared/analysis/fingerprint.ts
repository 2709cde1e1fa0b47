/**
 * FNV-1a, 64 bits, as hex. Fingerprints must be identical across runs and machines and need no
 * cryptographic strength; a pure function keeps the pure layers free of node:crypto.
 */
export function fingerprintHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}
