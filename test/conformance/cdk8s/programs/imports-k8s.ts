// The generated classes of `cdk8s import` (here cdk8s-plus-32's own imports/k8s), with the
// number-or-string unions (IntOrString, Quantity) and a JSON patch on a generated class.
import { App, Chart, JsonPatch } from 'cdk8s';
import { IntOrString, KubeConfigMap, KubeDeployment, KubeIngress, KubeService, Quantity } from 'cdk8s-plus-32/lib/imports/k8s.js';

const app = new App();
const chart = new Chart(app, 'typed', { namespace: 'typed' });
const labels = { app: 'hello' };
new KubeConfigMap(chart, 'config', { data: { GREETING: 'hello' } });
const deployment = new KubeDeployment(chart, 'deployment', {
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    strategy: { rollingUpdate: { maxSurge: IntOrString.fromString('25%'), maxUnavailable: IntOrString.fromNumber(0) } },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: 'hello',
            image: 'paulbouwer/hello-kubernetes:1.10',
            ports: [{ containerPort: 8080 }],
            resources: { requests: { cpu: Quantity.fromString('100m'), memory: Quantity.fromString('64Mi') }, limits: { memory: Quantity.fromNumber(134217728) } },
            readinessProbe: { httpGet: { path: '/', port: IntOrString.fromNumber(8080) } },
          },
        ],
      },
    },
  },
});
deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 5));
const service = new KubeService(chart, 'service', { spec: { type: 'ClusterIP', selector: labels, ports: [{ port: 80, targetPort: IntOrString.fromNumber(8080) }] } });
new KubeIngress(chart, 'ingress', {
  spec: { rules: [{ host: 'hello.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name, port: { number: 80 } } } }] } }] },
});
app.synth();
