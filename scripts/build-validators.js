// Compiles the validators of every built-in kind (schemas/k8s/) into one module,
// dist/validators/builtin-kinds.cjs, and writes their schemas with each definition once,
// dist/validators/builtin-schemas.json, after tsc (see src/schema/builtin-validators.ts and
// COMBINED_SCHEMAS_FILE in src/schema/schema-store.ts for why).
// Skipped when the schemas, ajv and the compiler are unchanged since the last build: compiling
// takes several seconds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { BUILTIN_VALIDATORS_FILE, compileBuiltinValidators } = await import(join(root, 'dist/schema/builtin-validators.js'));
const { COMBINED_SCHEMAS_FILE, combineKindSchemas } = await import(join(root, 'dist/schema/schema-store.js'));

const hash = createHash('sha256');
const schemaDir = join(root, 'schemas/k8s');
for (const file of readdirSync(schemaDir).sort()) hash.update(file).update(readFileSync(join(schemaDir, file)));
for (const file of ['dist/schema/builtin-validators.js', 'dist/schema/schema-validator.js', 'dist/schema/schema-store.js', 'node_modules/ajv/package.json']) hash.update(readFileSync(join(root, file)));
const inputs = hash.digest('hex');
const stampFile = `${BUILTIN_VALIDATORS_FILE}.inputs`;

if (existsSync(BUILTIN_VALIDATORS_FILE) && existsSync(COMBINED_SCHEMAS_FILE) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === inputs) {
  console.log('dist/validators: up to date');
} else {
  const code = compileBuiltinValidators();
  mkdirSync(dirname(BUILTIN_VALIDATORS_FILE), { recursive: true });
  writeFileSync(BUILTIN_VALIDATORS_FILE, code);
  const schemas = JSON.stringify(combineKindSchemas());
  writeFileSync(COMBINED_SCHEMAS_FILE, schemas);
  writeFileSync(stampFile, inputs);
  console.log(`dist/validators: builtin-kinds.cjs ${Math.round(code.length / 1024)} KB, builtin-schemas.json ${Math.round(schemas.length / 1024)} KB`);
}
