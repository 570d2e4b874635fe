import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { countIssues, formatIssue, readManifestPaths, readManifestText, sortIssues, validateObjects, type ReadManifestsResult, type ValidationIssue } from '../../schema/index.js';

export default class Validate extends KccCommand {
  static override description = 'Check Kubernetes manifests (YAML or JSON) against the schemas of the pinned Kubernetes release';

  static override examples = [
    { description: 'Validate one file', command: '<%= config.bin %> validate deployment.yaml' },
    { description: 'Validate every .yaml, .yml and .json file under a directory', command: '<%= config.bin %> validate manifests/' },
    { description: 'Machine-readable report for CI', command: '<%= config.bin %> validate k8s/ --output json' },
    { description: 'Fail on warnings too (unknown custom resources, deprecated fields)', command: '<%= config.bin %> validate k8s/ --strict' },
    { description: 'Validate what another tool prints', command: 'kubectl kustomize overlays/prod | <%= config.bin %> validate -' },
  ];

  static override strict = false;
  static override args = { paths: Args.string({ description: 'manifest files or directories ("-" reads standard input)', required: true }) };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'report format', options: ['text', 'json'], default: 'text' }),
    strict: Flags.boolean({ description: 'exit 1 on warnings as well as errors', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Validate);
    const paths = argv as string[];
    const { objects, issues: readIssues, files } = paths.includes('-') ? await readWithStdin(paths) : await readManifestPaths(paths);
    const issues = sortIssues([...readIssues, ...validateObjects(objects)]);
    const { errors, warnings } = countIssues(issues);
    const summary = `${files.length} file${plural(files.length)}, ${objects.length} object${plural(objects.length)}: ${errors} error${plural(errors)}, ${warnings} warning${plural(warnings)}`;
    this.printData(flags.output, { files: files.length, objects: objects.length, errors, warnings, issues }, () => renderText(issues, summary));
    if (errors > 0 || (flags.strict && warnings > 0)) process.exitCode = 1;
  }
}

async function readWithStdin(paths: string[]): Promise<ReadManifestsResult> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const fromStdin = readManifestText(Buffer.concat(chunks).toString('utf8'), '<stdin>');
  const rest = paths.filter((p) => p !== '-');
  if (rest.length === 0) return fromStdin;
  const fromFiles = await readManifestPaths(rest);
  return { objects: [...fromStdin.objects, ...fromFiles.objects], issues: [...fromStdin.issues, ...fromFiles.issues], files: [...fromStdin.files, ...fromFiles.files] };
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function renderText(issues: ValidationIssue[], summary: string): string {
  return [...issues.map(formatIssue), summary].join('\n');
}
