// Writes oclif.manifest.json after each build. With it, oclif loads only the command being run;
// without it, every command module (and everything they import) is loaded on every start.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// ignoreManifest does not reach the root plugin: remove the old manifest so commands are read afresh.
rmSync(join(root, 'oclif.manifest.json'), { force: true });
const config = await Config.load({ root, ignoreManifest: true });
const plugin = config.plugins.get(config.pjson.name);
const commands = Object.fromEntries(Object.entries(plugin.manifest.commands).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify({ commands, version: config.version }, null, 1) + '\n');
console.log(`oclif.manifest.json: ${Object.keys(commands).length} commands`);
