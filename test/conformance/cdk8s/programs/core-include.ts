// Include: existing manifests become ApiObjects of the chart, found and patched afterwards.
import { ApiObject, App, Chart, Include, JsonPatch } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'vendor', { namespace: 'vendor', labels: { source: 'upstream' } });
const upstream = new Include(chart, 'upstream', { url: 'fixtures/upstream.yaml' });

const deployment = upstream.apiObjects.find((o) => o.kind === 'Deployment')!;
deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 3));
deployment.metadata.addLabel('patched', 'true');
const unnamed = upstream.node.children.find((c) => ApiObject.isApiObject(c) && c.kind === 'ConfigMap' && !c.name.startsWith('upstream-settings'));
ApiObject.of(unnamed!).addJsonPatch(JsonPatch.add('/data/extra', 'yes'));
app.synth();
