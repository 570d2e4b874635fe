// cdk8s-plus: a Job and a CronJob (Cron schedule), with restart policy and deadlines.
import { App, Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'batch', { namespace: 'batch' });
new kplus.Job(chart, 'migrate', {
  backoffLimit: 2,
  activeDeadline: Duration.minutes(10),
  ttlAfterFinished: Duration.hours(1),
  containers: [{ image: 'example.com/migrate:3', command: ['migrate', 'up'] }],
});
new kplus.CronJob(chart, 'nightly-report', {
  schedule: Cron.daily(),
  concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
  successfulJobsRetained: 2,
  failedJobsRetained: 1,
  startingDeadline: Duration.minutes(5),
  containers: [{ image: 'example.com/report:1', args: ['--since', '24h'] }],
});
new kplus.CronJob(chart, 'cleanup', {
  schedule: Cron.schedule({ minute: '*/15' }),
  containers: [{ image: 'busybox:1.36', command: ['sh', '-c', 'echo cleanup'] }],
});
app.synth();
