import { stripLineMarkers } from '../../../src/chart/line-markers.js';
import { TemplateEngine } from '../../../src/chart/template-engine.js';

/** Renders one template string with the chart engine, markers removed; partials as name -> source. */
export function renderText(source: string, context: unknown = {}, partials: Record<string, string> = {}, maxDepth?: number): string {
  const engine = new TemplateEngine(maxDepth);
  for (const [name, text] of Object.entries(partials)) engine.addPartialFile(`templates/_${name}.hbs`, text, 'test');
  return stripLineMarkers(engine.compileTemplate('templates/test.yaml', source, 'test')(context)).lines.join('\n');
}
