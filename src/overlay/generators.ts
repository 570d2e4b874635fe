import { basename } from 'node:path';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import type { FileLoader } from './loader.js';
import type { GeneratorArgs, GeneratorOptions } from './kustomization-types.js';
import { Resource, type GeneratorBehavior } from './resource.js';

/**
 * configMapGenerator and secretGenerator: build a ConfigMap or Secret from literals, files and env
 * files. Key rules follow kustomize: "k=v" literals (surrounding quotes dropped), "key=path" or
 * "path" files (non-UTF-8 content goes to binaryData), KEY=VALUE env lines with # comments.
 */
export function generate(
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  globalOptions: GeneratorOptions | undefined,
  loader: FileLoader,
  where: SourceLocation,
  field: string,
  step: string,
): Resource {
  if (!args.name) throw new KccError(`${field} needs a name`, { location: where, field });
  // kustomize reads an unknown behavior, "add" among them, as create.
  const behavior = (args.behavior === 'add' ? 'create' : (args.behavior ?? 'create')) as GeneratorBehavior;
  if (!['create', 'merge', 'replace'].includes(behavior)) {
    throw new KccError(`behavior must be create, merge or replace, not '${args.behavior}'`, { location: where, field: `${field}.behavior` });
  }
  const text: Record<string, string> = {};
  const binary: Record<string, string> = {};
  const add = (key: string, value: string | Buffer, origin: string): void => {
    if (key in text || key in binary) {
      throw new KccError(`key '${key}' is defined twice in ${kind} '${args.name}' (again by ${origin})`, { location: where, field });
    }
    if (typeof value === 'string') text[key] = value;
    else if (isUtf8(value)) text[key] = value.toString('utf8');
    else binary[key] = encodeBase64(value);
  };
  for (const literal of args.literals ?? []) {
    const [key, value] = parseLiteral(literal, where, field);
    add(key, value, `literal '${literal}'`);
  }
  for (const entry of args.files ?? []) {
    const eq = entry.indexOf('=');
    const key = eq === -1 ? basename(entry) : entry.slice(0, eq);
    const path = eq === -1 ? entry : entry.slice(eq + 1);
    if (!key) throw new KccError(`file source '${entry}' has an empty key`, { location: where, field: `${field}.files` });
    const { bytes } = loader.readBytes(path, where, `${field}.files`);
    add(key, bytes, `file '${path}'`);
  }
  for (const envFile of [...(args.env ? [args.env] : []), ...(args.envs ?? [])]) {
    const { text: content } = loader.readText(envFile, where, `${field}.envs`);
    for (const [key, value] of parseEnvFile(content, envFile, where)) add(key, value, `env file '${envFile}'`);
  }

  const options = mergeOptions(globalOptions, args.options);
  const metadata: KubeObject['metadata'] = { name: args.name };
  if (args.namespace) metadata.namespace = args.namespace;
  if (options.labels && Object.keys(options.labels).length) metadata.labels = stringValues(options.labels);
  if (options.annotations && Object.keys(options.annotations).length) metadata.annotations = stringValues(options.annotations);
  const object: KubeObject = { apiVersion: 'v1', kind, metadata };
  if (kind === 'ConfigMap') {
    if (Object.keys(text).length) object.data = text;
    if (Object.keys(binary).length) object.binaryData = binary;
  } else {
    object.type = args.type ?? 'Opaque';
    const data: Record<string, string> = {};
    for (const [key, value] of Object.entries(text)) data[key] = encodeBase64(Buffer.from(value, 'utf8'));
    Object.assign(data, binary);
    // kustomize always writes a Secret's data map, empty or not (a ConfigMap's only when it has keys).
    object.data = data;
  }
  if (options.immutable) object.immutable = true;
  const resource = Resource.of(object, { ...where, kind: 'generated' });
  resource.generated = { behavior, hashSuffix: !options.disableNameSuffixHash };
  resource.touch(step);
  return resource;
}

function mergeOptions(global: GeneratorOptions | undefined, local: GeneratorOptions | undefined): GeneratorOptions {
  return {
    labels: { ...global?.labels, ...local?.labels },
    annotations: { ...global?.annotations, ...local?.annotations },
    disableNameSuffixHash: local?.disableNameSuffixHash ?? global?.disableNameSuffixHash ?? false,
    immutable: local?.immutable ?? global?.immutable ?? false,
  };
}

function stringValues(map: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v ?? '')]));
}

function parseLiteral(literal: string, where: SourceLocation, field: string): [string, string] {
  const eq = String(literal).indexOf('=');
  if (eq <= 0) throw new KccError(`literal '${literal}' must look like key=value`, { location: where, field: `${field}.literals` });
  return [literal.slice(0, eq), unquote(literal.slice(eq + 1))];
}

/** kustomize drops one pair of matching surrounding quotes from literal values. */
function unquote(value: string): string {
  if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) return value.slice(1, -1);
  return value;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * Base64 as kustomize (kyaml) writes generated data: past 70 characters, broken into lines of 70,
 * each ending in a newline. The hash suffix is computed over this text, so it must match exactly.
 */
export function encodeBase64(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  if (encoded.length < 70) return encoded;
  return encoded.replace(/.{1,70}/g, '$&\n');
}

export function parseEnvFile(content: string, file: string, where: SourceLocation): [string, string][] {
  const pairs: [string, string][] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    if (!ENV_NAME.test(key)) {
      throw new KccError(`'${key}' is not a valid environment variable name (${file} line ${index + 1})`, { location: where });
    }
    // A bare KEY takes its value from kcc's own environment, as kustomize does.
    pairs.push([key, eq === -1 ? (process.env[key] ?? '') : line.slice(eq + 1)]);
  });
  return pairs;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
