// Batch work: a Job computing pi, and a CronJob printing the date every minute.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'jobs');

new k8s.Job(chart, 'pi', {
  metadata: { name: 'pi' },
  spec: {
    backoffLimit: 4,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
  },
});

new k8s.CronJob(chart, 'hello', {
  metadata: { name: 'hello' },
  spec: {
    schedule: '* * * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }] },
        },
      },
    },
  },
});
