/**
 * Check one annotation against the W3C Web Annotation test suite kept in ../shared (outside this repo):
 * the Working Group's JSON Schemas (draft-04), 54 MUST assertions plus the SHOULD/MAY probes.
 * The recipe is the one in ../shared/conformance/web-annotation/README.md: register the six definition
 * files under their own ids, compile each assertion once, and count an assertion as passed when the
 * validation result equals its `expectedResult`. The suite may be absent (CI without ../shared):
 * `W3C_SUITE_AVAILABLE` says so, and tests skip on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/** The suite's folder: ../shared/conformance/web-annotation relative to the repository root. */
export const W3C_SUITE_DIR = fileURLToPath(new URL('../../shared/conformance/web-annotation/', import.meta.url));
export const W3C_SUITE_AVAILABLE = existsSync(`${W3C_SUITE_DIR}annotations/annotationMusts.test`);

// Both packages are CommonJS; their default export arrives wrapped under some loaders.
type AjvInstance = {
  addSchema(schema: object): unknown;
  addVocabulary(words: string[]): unknown;
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
};
type AjvClass = new (options: object) => AjvInstance;
const Ajv04 = ((Ajv04Module as unknown as { default?: unknown }).default ?? Ajv04Module) as unknown as AjvClass;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: AjvInstance) => void;

export type AssertionLevel = 'must' | 'should' | 'may';

interface Check {
  file: string;
  level: AssertionLevel;
  expectValid: boolean;
  message: string;
  validate: ReturnType<AjvInstance['compile']>;
}

export interface AssertionFailure {
  file: string;
  level: AssertionLevel;
  message: string;
  /** Ajv's reasons, when the annotation was expected to be valid. */
  errors: string[];
}

export interface ConformanceResult {
  /** True when every MUST assertion passed. */
  conforms: boolean;
  /** How many assertions of each level ran. */
  counts: Record<AssertionLevel, number>;
  failures: AssertionFailure[];
}

const MANIFESTS = ['annotations/annotationMusts.test', 'annotations/annotationOptionals.test', 'annotations/annotationsAgentOptionals.test'];
const DEFINITIONS = ['id', 'annotations', 'bodyTarget', 'choiceSet', 'otherProperties', 'specificResource'];

/** JSON.parse reviver repairing the upstream `"$ref "` typo (README, Gotchas 1), in memory only. */
function repairRef(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && '$ref ' in value) {
    const record = value as Record<string, unknown>;
    record.$ref = record['$ref '];
    delete record['$ref '];
  }
  return value;
}

const load = (relative: string): Record<string, unknown> => JSON.parse(readFileSync(`${W3C_SUITE_DIR}${relative}`, 'utf8'), repairRef) as Record<string, unknown>;

let compiled: Check[] | undefined;

/** Compile every assertion of the three manifests once (about a second). */
function checks(): Check[] {
  if (compiled) return compiled;
  if (!W3C_SUITE_AVAILABLE) throw new Error(`The W3C Web Annotation test suite is not at ${W3C_SUITE_DIR}`);
  const ajv = new Ajv04({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(['assertionType', 'expectedResult', 'onUnexpectedResult', 'errorMessage']);
  for (const name of DEFINITIONS) ajv.addSchema(load(`definitions/${name}.json`));
  const out: Check[] = [];
  for (const manifest of MANIFESTS) {
    for (const file of load(manifest).assertions as string[]) {
      const schema = load(file);
      out.push({
        file,
        level: (schema.assertionType as AssertionLevel | undefined) ?? 'must',
        expectValid: (schema.expectedResult ?? 'valid') === 'valid',
        message: String(schema.errorMessage ?? schema.title ?? file),
        validate: ajv.compile(schema),
      });
    }
  }
  compiled = out;
  return out;
}

/** Run every assertion of the suite on one annotation (a parsed JSON value). */
export function checkW3cAnnotation(annotation: unknown): ConformanceResult {
  const counts: Record<AssertionLevel, number> = { must: 0, should: 0, may: 0 };
  const failures: AssertionFailure[] = [];
  for (const check of checks()) {
    counts[check.level]++;
    const valid = check.validate(annotation);
    if (valid === check.expectValid) continue;
    const errors = (check.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    failures.push({ file: check.file, level: check.level, message: check.message, errors });
  }
  return { conforms: !failures.some((f) => f.level === 'must'), counts, failures };
}

/** The MUST failures of one annotation, as lines a test can print: empty when it conforms. */
export function w3cMustFailures(annotation: unknown): string[] {
  return checkW3cAnnotation(annotation)
    .failures.filter((f) => f.level === 'must')
    .map((f) => `${f.file}: ${f.message}${f.errors.length ? ` (${f.errors.slice(0, 3).join('; ')})` : ''}`);
}
