import { specCommand } from '../spec-command.js';
import { runSynth } from '../run/synth.js';
import { synthSpec } from '../specs/synth.js';

export default specCommand(synthSpec, runSynth);
