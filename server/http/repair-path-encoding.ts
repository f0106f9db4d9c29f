import 'server-only';

// Next.js decodes a dynamic segment with decodeURIComponent before any page or route handler runs. A
// path that is not UTF-8 (`/l/%FF`, an overlong `%C0%AF`) or has a broken escape (`%E0%A4%A`) makes it
// throw, and in an App-Router-only build its 400 then fails to render: the client got a bare 500. A
// segment that decodes to a NUL (`/api/credentials/%00`) reached PostgreSQL, which refuses NUL in text:
// a 500 too. So proxy.ts, which runs before that decoding, answers the API with a 400 and renders pages
// at the path this file makes safe (issue 16).

const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/g;
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;

function bytesOf(escapes: string): Uint8Array {
  return Uint8Array.from(escapes.slice(1).split('%'), (hex) => parseInt(hex, 16));
}

function decodeStrictly(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** What a segment Next cannot decode stands for: a stray % for itself, bytes that are not UTF-8 for U+FFFD (as browsers read them). */
function decodeLeniently(segment: string): string {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  return segment.replace(STRAY_PERCENT, '%25').replace(ESCAPES, (escapes) => decoder.decode(bytesOf(escapes)));
}

function repairSegment(segment: string): string {
  const decoded = decodeStrictly(segment);
  if (decoded !== null && !CONTROL_CHARACTER.test(decoded)) return segment;
  return encodeURIComponent((decoded ?? decodeLeniently(segment)).replace(CONTROL_CHARACTERS, '\uFFFD'));
}

/**
 * Null when every segment of this (still percent-encoded) path decodes to text without control
 * characters; otherwise the path with each other segment made so: the address of nothing, which each
 * page answers as it answers any unknown token.
 */
export function repairPathEncoding(pathname: string): string | null {
  const segments = pathname.split('/');
  const repaired = segments.map(repairSegment);
  return repaired.every((segment, i) => segment === segments[i]) ? null : repaired.join('/');
}
