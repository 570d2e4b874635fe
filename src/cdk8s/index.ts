/**
 * kcc's implementation of the cdk8s-core API (`cdk8s` 2.x). Programs and libraries written for
 * cdk8s (cdk8s-plus, `cdk8s import` output) run unmodified: under `kcc synth`, `import ... from
 * 'cdk8s'` and `require('cdk8s')` resolve here (see project/run-program.ts). Objects get the
 * names cdk8s gives them and go through kcc's validation, ordering and output.
 */
export { ApiObject, type ApiObjectProps } from './api-object.js';
export { App, YamlOutputType, type AppProps } from './app.js';
export { Chart, type ChartProps } from './chart.js';
export { Cron, type CronOptions } from './cron.js';
export { DependencyGraph, DependencyVertex } from './dependency.js';
export { Duration, type TimeConversionOptions } from './duration.js';
export { Helm, type HelmProps } from './helm.js';
export { Include, type IncludeProps } from './include.js';
export { JsonPatch } from '../core/json-patch.js';
export { Lazy, type IAnyProducer } from './lazy.js';
export { ApiObjectMetadataDefinition, type ApiObjectMetadata, type ApiObjectMetadataDefinitionOptions, type OwnerReference } from './metadata.js';
export { Names, type NameOptions } from './names.js';
export { ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver, ResolutionContext, resolve, type IResolver } from './resolve.js';
export { Size, SizeRoundingBehavior, type SizeConversionOptions } from './size.js';
export { Testing } from './testing.js';
export { Yaml } from './yaml.js';
