// cdk8s-plus: ConfigMaps (data, binary data, immutable), Secrets (basic auth, docker config,
// TLS, opaque), environment from whole ConfigMaps and volumes of them.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'config', { labels: { app: 'settings' } });
const settings = new kplus.ConfigMap(chart, 'settings', { data: { 'app.properties': 'a=1\nb=2\n' }, immutable: true });
settings.addData('EXTRA', 'yes');
settings.addBinaryData('logo.bin', 'aGVsbG8=');
new kplus.BasicAuthSecret(chart, 'basic', { username: 'admin', password: 'not-a-real-password' });
new kplus.TlsSecret(chart, 'tls', { tlsCert: 'CERT', tlsKey: 'KEY' });
const opaque = new kplus.Secret(chart, 'opaque', { metadata: { name: 'explicit-secret' } });
opaque.addStringData('token', 'abc');
const pod = new kplus.Pod(chart, 'reader', { containers: [{ image: 'busybox:1.36', command: ['sleep', '3600'] }] });
pod.containers[0]!.env.copyFrom(kplus.Env.fromConfigMap(settings, 'CFG_'));
pod.containers[0]!.mount('/etc/settings', kplus.Volume.fromConfigMap(chart, 'settings-volume', settings));
pod.containers[0]!.mount('/etc/secret', kplus.Volume.fromSecret(chart, 'secret-volume', opaque));
app.synth();
