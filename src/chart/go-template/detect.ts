import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Which language a chart's templates are written in. */
export type TemplateLanguage = 'go-template' | 'handlebars';

// Marks that only one of the two languages writes. Go: `{{-`/`-}}` trimming, `.Values`-style
// fields with a leading dot, `{{ end }}`, `define`/`include` of named templates, `{{/* */}}`
// comments. Handlebars (kcc's own charts): `{{#if}}`/`{{/if}}` blocks, `{{~` trimming, `this`,
// `{{! }}` comments, `{{> partial}}`.
const GO_MARKS = /\{\{-|-\}\}|\{\{\s*\/\*|\{\{[-\s]*end[-\s]*\}\}|\{\{[-\s]*(?:define|template|range|with|else if)\s|\{\{[^}]*?[\s(|]\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\{\{[-\s]*\.(?:Values|Release|Chart)\b|\{\{[-\s]*\$[\w]*\s*:?=/g;
const HANDLEBARS_MARKS = /\{\{~|~\}\}|\{\{#|\{\{\/(?!\*)|\{\{!|\{\{>|\{\{else\}\}|\bthis\b(?=[^{}]*\}\})/g;

/** Bytes read from each template file: enough to see a chart's style without reading it all. */
const SAMPLE_BYTES = 16_384;

/**
 * Tells a Helm (Go text/template) chart from a kcc (Handlebars) one by its files, so both are
 * accepted wherever a chart is: a `.tpl` partial or an explicit `kcc.dev/template-language`
 * annotation decides at once; otherwise the marks only one language writes are counted over the
 * templates. A chart with no template syntax at all renders the same either way and stays on
 * kcc's own engine.
 */
export function detectTemplateLanguage(chartDir: string): TemplateLanguage {
  const declared = declaredLanguage(chartDir);
  if (declared) return declared;
  const files = templateFiles(join(chartDir, 'templates'));
  if (files.some((file) => file.endsWith('.tpl'))) return 'go-template';
  if (files.some((file) => file.endsWith('.hbs'))) return 'handlebars';
  let go = 0;
  let handlebars = 0;
  for (const file of files) {
    const text = readSample(file);
    go += text.match(GO_MARKS)?.length ?? 0;
    handlebars += text.match(HANDLEBARS_MARKS)?.length ?? 0;
  }
  return go > handlebars ? 'go-template' : 'handlebars';
}

/** `annotations: {kcc.dev/template-language: go-template}` in Chart.yaml, for charts that are ambiguous. */
function declaredLanguage(chartDir: string): TemplateLanguage | undefined {
  let text: string;
  try {
    text = readFileSync(join(chartDir, 'Chart.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  const match = /^\s+["']?kcc\.dev\/template-language["']?\s*:\s*["']?([\w-]+)/m.exec(text);
  if (!match) return undefined;
  if (match[1] === 'go-template' || match[1] === 'helm') return 'go-template';
  if (match[1] === 'handlebars') return 'handlebars';
  return undefined;
}

function templateFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((file) => statSync(file).isFile())
      .sort();
  } catch {
    return [];
  }
}

function readSample(file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > SAMPLE_BYTES ? text.slice(0, SAMPLE_BYTES) : text;
  } catch {
    return '';
  }
}
