// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto, createPrivateKey } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { PkiPaths } from './pki-paths.js';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** PKCS#8 from webcrypto, re-encoded as SEC1 "EC PRIVATE KEY", the form every Kubernetes flag accepts. */
async function privateKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'sec1' }).toString();
}

async function publicKeyPem(key: CryptoKey): Promise<string> {
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', key));
  return `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n')}-----END PUBLIC KEY-----\n`;
}

interface Issued {
  certPem: string;
  keyPem: string;
}

async function issue(ca: { cert: x509.X509Certificate; keys: CryptoKeyPair }, subject: string, usage: 'server' | 'client', sans: { dns?: string[]; ip?: string[] } = {}): Promise<Issued> {
  const keys = await newKeys();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
  ];
  const names = [...(sans.dns ?? []).map((value) => ({ type: 'dns' as const, value })), ...(sans.ip ?? []).map((value) => ({ type: 'ip' as const, value }))];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + TEN_YEARS_MS),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions,
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys.privateKey) };
}

/**
 * Generates the cluster's CA and every certificate its components need. ECDSA P-256 keeps this
 * well under a second (RSA 2048 would take several), and every Kubernetes component accepts it.
 */
export async function generatePki(paths: PkiPaths, serviceClusterIp: string): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const caKeys = await newKeys();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=kcc-ca',
    keys: caKeys,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + TEN_YEARS_MS),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const ca = { cert: caCert, keys: caKeys };
  const [apiserver, admin, controllerManager, scheduler, serviceAccount] = await Promise.all([
    issue(ca, 'CN=kube-apiserver', 'server', {
      dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
      ip: ['127.0.0.1', serviceClusterIp],
    }),
    issue(ca, 'CN=kcc-admin, O=system:masters', 'client'),
    issue(ca, 'CN=system:kube-controller-manager', 'client'),
    issue(ca, 'CN=system:kube-scheduler', 'client'),
    newKeys(),
  ]);
  const files: [string, string][] = [
    [paths.caCert, caCert.toString('pem') + '\n'],
    [paths.caKey, await privateKeyPem(caKeys.privateKey)],
    [paths.apiserverCert, apiserver.certPem],
    [paths.apiserverKey, apiserver.keyPem],
    [paths.adminCert, admin.certPem],
    [paths.adminKey, admin.keyPem],
    [paths.controllerManagerCert, controllerManager.certPem],
    [paths.controllerManagerKey, controllerManager.keyPem],
    [paths.schedulerCert, scheduler.certPem],
    [paths.schedulerKey, scheduler.keyPem],
    [paths.serviceAccountKey, await privateKeyPem(serviceAccount.privateKey)],
    [paths.serviceAccountPub, await publicKeyPem(serviceAccount.publicKey)],
  ];
  await Promise.all(files.map(([file, content]) => writeFile(file, content, { mode: 0o600 })));
}
