// A CertificateSigningRequest for a user's client certificate (cluster-scoped).
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';
import { JANE_CSR } from './jane-csr.js';

const app = new App();
const chart = new Chart(app, 'csr');

new k8s.CertificateSigningRequest(chart, 'jane', {
  metadata: { name: 'jane' },
  spec: {
    request: JANE_CSR,
    signerName: 'kubernetes.io/kube-apiserver-client',
    expirationSeconds: 86400,
    usages: ['client auth'],
  },
});
