// Charts: kcc template charts (Handlebars) and Helm charts (Go templates, rendered by Helm's own engine, go-template/).
export { renderChart, type RenderChartOptions, type RenderedChart } from './render-chart.js';
export type { ChartMetadata, ChartDependency } from './chart-metadata.js';
export { loadChart, type LoadedChart } from './load-chart.js';
export { lintChart, type ChartLintResult } from './lint-chart.js';
export { createChart } from './new-chart.js';
export { mergeValues, coalesceValues, type Values } from './values.js';
export { applySetArgument } from './set-values.js';
export { collectUserValues, type UserValueSources } from './user-values.js';
export { TemplateChart, type TemplateChartProps } from './template-chart.js';
export { HelmChart, type HelmChartProps } from './helm-chart.js';
export { runHelmTemplate, type HelmTemplateOptions } from './helm-template.js';
export { buildDependencies, listDependencies, pullChart, updateDependencies, type DependencyOptions, type PullOptions } from './repository/index.js';
