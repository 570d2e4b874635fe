import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/chart/render-chart.js';
import { errorsAsJson } from '../../../src/cli/errors-as-json.js';

describe('errorsAsJson', () => {
  it('carries a template error\'s file, line and hint, and the exit code text mode would have', async () => {
    const failure = await renderChart('charts/redis', { releaseName: 'r' }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeDefined();
    const report = errorsAsJson([failure], []);
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ severity: 'error', file: expect.stringMatching(/charts\/redis\/templates\/.+\.yaml$/), line: expect.any(Number), message: expect.stringContaining('auth.password') });
    expect(errorsAsJson.exitCode(failure)).toBe(1);
    expect(errorsAsJson([], [])).toEqual({ ok: true, errors: [], warnings: [] });
  });
});
