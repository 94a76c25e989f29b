export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}
/** A seeded revision of `text` with about `rate` of its characters changed, and where each old span went. */
export declare function reviseText(
  text: string,
  options?: { seed?: number; rate?: number },
): { text: string; edits: TextEdit[]; changed: number; spanAfter(from: number, to: number): { from: number; to: number; cost: number } };
