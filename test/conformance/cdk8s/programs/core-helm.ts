// Helm: a chart rendered by the real `helm template` (HELM_BIN, set by the test), its objects
// found and patched like any other ApiObject.
import { App, Chart, Helm, JsonPatch } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'release', { namespace: 'apps', labels: { managed: 'cdk8s' } });
const webapp = new Helm(chart, 'webapp', {
  chart: 'fixtures/hello-chart',
  releaseName: 'shop',
  namespace: 'apps',
  helmExecutable: process.env.HELM_BIN ?? 'helm',
  values: { replicaCount: 2, mode: 'prod' },
});
const deployment = webapp.apiObjects.find((o) => o.kind === 'Deployment')!;
deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { 'example.com/patched': 'true' }));
deployment.metadata.addLabel('found', 'yes');
app.synth();
