/**
 * The three units in which a place in a text can be counted, branded so they cannot be mixed:
 * - CodePoint: an offset in the document's plain text counted in Unicode code points (W3C selectors);
 * - Utf16Index: an index into a JavaScript string (UTF-16 code units);
 * - PmPos: a ProseMirror document position.
 */
export type CodePoint = number & { readonly __brand: 'CodePoint' };
export type Utf16Index = number & { readonly __brand: 'Utf16Index' };
export type PmPos = number & { readonly __brand: 'PmPos' };

export const asCodePoint = (n: number): CodePoint => n as CodePoint;
export const asUtf16 = (n: number): Utf16Index => n as Utf16Index;
export const asPmPos = (n: number): PmPos => n as PmPos;
