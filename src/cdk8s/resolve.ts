import { KccError } from '../core/errors.js';
import { Lazy } from './lazy.js';
import type { ApiObject } from './api-object.js';

/** One value being resolved: a resolver may replace it. */
export class ResolutionContext {
  /** The value set by `replaceValue`. */
  replacedValue: any;
  /** Whether `replaceValue` was called. */
  replaced = false;

  constructor(
    /** The ApiObject being resolved. */
    readonly obj: ApiObject,
    /** The path of keys to the value. */
    readonly key: string[],
    /** The value. */
    readonly value: any,
  ) {}

  replaceValue(newValue: any): void {
    this.replacedValue = newValue;
    this.replaced = true;
  }
}

/** Turns special values (lazy values, value objects) into plain JSON at synth. */
export interface IResolver {
  resolve(context: ResolutionContext): void;
}

/** Resolves `Lazy` values. */
export class LazyResolver implements IResolver {
  resolve(context: ResolutionContext): void {
    if (context.value instanceof Lazy) context.replaceValue(context.value.produce());
  }
}

/** Resolves any object with a `resolve()` method (an implicit token). */
export class ImplicitTokenResolver implements IResolver {
  resolve(context: ResolutionContext): void {
    if (typeof context.value.resolve === 'function') context.replaceValue(context.value.resolve());
  }
}

/**
 * Resolves the number-or-string union classes that `cdk8s import` generates (IntOrString,
 * Quantity...) to `{ value }`, which the generated toJson functions then read.
 */
export class NumberStringUnionResolver implements IResolver {
  private static readonly TYPES = ['number', 'string'];

  resolve(context: ResolutionContext): void {
    if (context.value.constructor === Object) return;
    if (NumberStringUnionResolver.TYPES.includes(typeof context.value.value)) context.replaceValue({ value: context.value.value });
  }
}

/** The resolvers every app has, after its own. */
export function builtInResolvers(): IResolver[] {
  return [new LazyResolver(), new ImplicitTokenResolver(), new NumberStringUnionResolver()];
}

/** The resolvers of the app `apiObject` belongs to (an App made by kcc's own API has the built-in ones). */
function resolversOf(apiObject: ApiObject): { resolvers: IResolver[]; builtInOnly: boolean } {
  const root = apiObject.node.root as { resolvers?: IResolver[]; builtInResolversOnly?: boolean };
  if (root.resolvers) return { resolvers: root.resolvers, builtInOnly: root.builtInResolversOnly ?? false };
  return { resolvers: defaultResolvers, builtInOnly: true };
}
const defaultResolvers = builtInResolvers();

/**
 * Resolves every value of `value` (deeply) with the app's resolvers, as cdk8s does: the first
 * resolver that replaces a value wins and the replacement is resolved again.
 */
export function resolve(key: string[], value: any, apiObject: ApiObject): any {
  const { resolvers, builtInOnly } = resolversOf(apiObject);
  return resolveWith(key, value, apiObject, resolvers, builtInOnly);
}

function resolveWith(key: string[], value: any, apiObject: ApiObject, resolvers: IResolver[], builtInOnly: boolean): any {
  if (value == null) return value;
  // The built-in resolvers never replace a primitive: skip them for the bulk of the values.
  if (builtInOnly && typeof value !== 'object' && typeof value !== 'function') return value;
  const context = new ResolutionContext(apiObject, key, value);
  for (const resolver of resolvers) {
    resolver.resolve(context);
    if (context.replaced) return resolveWith(key, context.replacedValue, apiObject, resolvers, builtInOnly);
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveWith([...key, `${i}`], item, apiObject, resolvers, builtInOnly));
  if (value.constructor == Object) {
    const result: Record<string, unknown> = {};
    for (const k in value) {
      if (Object.prototype.hasOwnProperty.call(value, k)) result[k] = resolveWith([...key, k], value[k], apiObject, resolvers, builtInOnly);
    }
    return result;
  }
  return value;
}

/**
 * `sanitizeValue(resolve([], value, apiObject), options)` in one pass, for apps with only the
 * built-in resolvers (nearly all): the same result without a context object and a key path per
 * value. `sortKeys: false` when the order does not matter (kcc's writer orders keys itself).
 */
export function resolveAndSanitize(value: any, apiObject: ApiObject, options: SanitizeOptions = {}): any {
  const { resolvers, builtInOnly } = resolversOf(apiObject);
  if (!builtInOnly) return sanitizeValue(resolveWith([], value, apiObject, resolvers, false), options);
  return resolveBuiltIn(value, options.filterEmptyArrays ?? false, options.filterEmptyObjects ?? false, options.sortKeys ?? true);
}

function resolveBuiltIn(value: any, filterEmptyArrays: boolean, filterEmptyObjects: boolean, sortKeys: boolean): any {
  if (value == null) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (filterEmptyArrays && value.length === 0) return undefined;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = resolveBuiltIn(value[i], filterEmptyArrays, filterEmptyObjects, sortKeys);
    return out;
  }
  // The built-in resolvers, in their order: Lazy, implicit token, number/string union.
  if (value instanceof Lazy) return resolveBuiltIn(value.produce(), filterEmptyArrays, filterEmptyObjects, sortKeys);
  if (typeof value.resolve === 'function') return resolveBuiltIn(value.resolve(), filterEmptyArrays, filterEmptyObjects, sortKeys);
  const constructor = value.constructor;
  if (constructor !== Object) {
    const inner = typeof value.value;
    if (inner === 'number' || inner === 'string') return { value: value.value };
    return sanitizeValue(value);
  }
  const keys = Object.keys(value);
  if (sortKeys) keys.sort();
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = resolveBuiltIn(value[key], filterEmptyArrays, filterEmptyObjects, sortKeys);
    if (item != null) {
      out[key] = item;
      empty = false;
    }
  }
  return filterEmptyObjects && empty ? undefined : out;
}

export interface SanitizeOptions {
  readonly filterEmptyArrays?: boolean;
  readonly filterEmptyObjects?: boolean;
  /** @default true */
  readonly sortKeys?: boolean;
}

/**
 * Plain JSON as cdk8s renders it: null and undefined members dropped, keys sorted, optionally
 * empty arrays and objects dropped. Anything but plain objects, arrays and primitives is an error.
 */
export function sanitizeValue(value: any, options: SanitizeOptions = {}): any {
  if (value == null) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (options.filterEmptyArrays && value.length === 0) return undefined;
    return value.map((item) => sanitizeValue(item, options));
  }
  if (value.constructor?.name !== 'Object') {
    throw new KccError(`can't render non-simple object of type '${value.constructor?.name}'`, {
      hint: 'values in a manifest must be plain objects, arrays, strings, numbers or booleans (or Lazy values producing them)',
    });
  }
  const keys = Object.keys(value);
  if (options.sortKeys ?? true) keys.sort();
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = sanitizeValue(value[key], options);
    if (item != null) {
      result[key] = item;
      empty = false;
    }
  }
  if (options.filterEmptyObjects && empty) return undefined;
  return result;
}
