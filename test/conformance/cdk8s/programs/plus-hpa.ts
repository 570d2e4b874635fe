// cdk8s-plus: a HorizontalPodAutoscaler on a Deployment, with metrics and scaling policies.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'scale');
const deployment = new kplus.Deployment(chart, 'worker', {
  containers: [{ image: 'example.com/worker:5', resources: { cpu: { request: kplus.Cpu.millis(200) } } }],
});
new kplus.HorizontalPodAutoscaler(chart, 'worker-hpa', {
  target: deployment,
  minReplicas: 2,
  maxReplicas: 10,
  metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
  scaleUp: { stabilizationWindow: Duration.minutes(1), policies: [{ replicas: kplus.Replicas.absolute(2), duration: Duration.minutes(1) }] },
});
app.synth();
