import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from './schema.js';

/**
 * The scenario schema's validator precompiled by ajv's standalone mode — present only in the
 * bundled CLI, whose bundler (packages/cli/scripts/bundle.mjs) puts the generated module
 * (packages/cli/scripts/scenario-validator.mjs) in place of this file. Running from sources or
 * from dist it is undefined and schema.ts compiles the schema itself (issue 8, cold start).
 */
export interface PrecompiledScenarioValidator {
  /** The text of schema/scenario.schema.json the code was generated from. */
  schemaText: string;
  /** The validator, its errors' `schema`/`parentSchema` pointing into `root` (that text, parsed). */
  create(root: JsonSchema): ValidateFunction;
}

export const precompiledScenarioValidator: PrecompiledScenarioValidator | undefined = undefined;
