// Generates schemas/crds/: the CustomResourceDefinitions kcc validates without being given them,
// for kinds the kubernetes.io docs use that are not built in. Each file holds what validation
// reads of one CRD (group, kind, scope, served versions and their openAPIV3Schema, descriptions
// left out); index.json maps apiVersion/kind to its file and says where each came from.
//   node scripts/gen-crd-schemas.mjs
// Sources (read here only, never at run time):
// - Gateway API, standard channel: ../shared/corpus/crds/gateway-api-standard/, copied from
//   kubernetes-sigs/gateway-api config/crd/standard at commit 4564255ac2c3 (see its README.md);
// - CSI volume snapshots: scripts/crd-sources/volume-snapshot-crds.yaml (written down from
//   kubernetes-csi/external-snapshotter; the commits are in its header).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gatewayDir = join(root, '..', 'shared', 'corpus', 'crds', 'gateway-api-standard');
const SOURCES = [
  ...['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants'].map((plural) => ({
    file: join(gatewayDir, `gateway.networking.k8s.io_${plural}.yaml`),
    source: 'kubernetes-sigs/gateway-api config/crd/standard @ 4564255ac2c3',
  })),
  { file: join(root, 'scripts', 'crd-sources', 'volume-snapshot-crds.yaml'), source: 'kubernetes-csi/external-snapshotter client/config/crd (scripts/crd-sources/volume-snapshot-crds.yaml)' },
];

/** A schema without its descriptions (a property that is itself named "description" stays). */
function withoutDescriptions(value) {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (typeof value !== 'object' || value === null) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'description' && typeof item === 'string') continue;
    if (key === 'properties' && item && typeof item === 'object') {
      out.properties = Object.fromEntries(Object.entries(item).map(([name, schema]) => [name, withoutDescriptions(schema)]));
    } else out[key] = key === 'enum' || key === 'default' || key === 'example' ? item : withoutDescriptions(item);
  }
  return out;
}

function essentials(crd) {
  const { group, names, scope, versions } = crd.spec;
  return {
    apiVersion: crd.apiVersion,
    kind: crd.kind,
    metadata: { name: crd.metadata.name },
    spec: {
      group,
      names: { kind: names.kind, plural: names.plural },
      scope,
      versions: versions
        .filter((version) => version.served !== false)
        .map((version) => ({ name: version.name, served: true, schema: { openAPIV3Schema: withoutDescriptions(version.schema.openAPIV3Schema) } })),
    },
  };
}

const outDir = join(root, 'schemas', 'crds');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = { generatedBy: 'scripts/gen-crd-schemas.mjs', kinds: {}, sources: {} };
for (const { file, source } of SOURCES) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const crd = document.toJS();
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    const out = essentials(crd);
    const name = `${out.metadata.name}.json`;
    writeFileSync(join(outDir, name), `${JSON.stringify(out, null, 1)}\n`);
    index.sources[out.metadata.name] = source;
    for (const version of out.spec.versions) index.kinds[`${out.spec.group}/${version.name}/${out.spec.names.kind}`] = name;
  }
}
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
console.log(`schemas/crds: ${Object.keys(index.sources).length} CRDs, ${Object.keys(index.kinds).length} apiVersion/kinds`);
