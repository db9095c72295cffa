// SHA-256 without I/O or Node: a pure-JS implementation (@noble/hashes) so that lib/ stays
// runnable anywhere. It is ~10× slower than the platform's; callers hashing megabytes (price
// imports) pass the platform's function in instead (see barsChecksum).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Hex SHA-256 of a string's UTF-8 bytes. */
export type Sha256Hex = (text: string) => string;

export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));
