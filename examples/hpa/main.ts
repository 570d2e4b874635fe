// The HorizontalPodAutoscaler walkthrough: php-apache, scaled on CPU (autoscaling/v2 and v1 forms).
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'hpa');
const labels = { run: 'php-apache' };

new k8s.Deployment(chart, 'deployment', {
  metadata: { name: 'php-apache' },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } } }],
      },
    },
  },
});

new k8s.Service(chart, 'service', { metadata: { name: 'php-apache', labels }, spec: { ports: [{ port: 80 }], selector: labels } });

new k8s.HorizontalPodAutoscaler(chart, 'hpa', {
  metadata: { name: 'php-apache' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
});

// The same autoscaler in the older autoscaling/v1 form (targetCPUUtilizationPercentage).
new k8s.autoscalingV1.HorizontalPodAutoscaler(chart, 'hpa-v1', {
  metadata: { name: 'php-apache-v1' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
});
