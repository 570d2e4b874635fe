import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { CertificateSigningRequest as CsrObject, type CertificateSigningRequestSpec } from '../k8s/certificates-v1.js';
import type { Duration } from './probe.js';

export interface CertificateSigningRequestProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** The PEM text of the request (`openssl req -new ...`); kcc base64-encodes it. */
  readonly request: string;
  /** @default kubernetes.io/kube-apiserver-client (a user's client certificate) */
  readonly signerName?: string;
  /** @default ['client auth'] */
  readonly usages?: CertificateSigningRequestSpec['usages'];
  /** @default the signer's default */
  readonly expiration?: Duration;
}

/** Asks the cluster to sign a certificate (the docs' new-user flow); approve with `kubectl certificate approve`. */
export class CertificateSigningRequest extends Construct {
  readonly apiObject: CsrObject;

  constructor(scope: Construct, id: string, props: CertificateSigningRequestProps) {
    super(scope, id);
    if (!props.request.includes('-----BEGIN CERTIFICATE REQUEST-----')) {
      throw new KccError('request is not a PEM certificate request', {
        location: captureCreationSite()?.location,
        hint: 'pass the text of the .csr file (-----BEGIN CERTIFICATE REQUEST-----), not base64',
      });
    }
    this.apiObject = new CsrObject(this, 'Resource', {
      metadata: props.metadata,
      spec: {
        request: Buffer.from(props.request).toString('base64'),
        signerName: props.signerName ?? 'kubernetes.io/kube-apiserver-client',
        usages: [...(props.usages ?? ['client auth'])],
        ...(props.expiration ? { expirationSeconds: props.expiration.toSeconds() } : {}),
      },
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}
