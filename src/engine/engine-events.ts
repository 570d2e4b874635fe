/**
 * What the engine reports while it works. The CLI renders these (live view, plain lines, JSON);
 * a program using the library can subscribe to the same stream.
 */
export type ObjectState = 'pending' | 'unchanged' | 'created' | 'configured' | 'adopted' | 'replaced' | 'waiting' | 'ready' | 'failed' | 'pruned' | 'deleted' | 'kept' | 'running' | 'succeeded';

export type EngineEvent =
  | { type: 'phase'; phase: 'connect' | 'plan' | 'apply' | 'wait' | 'prune' | 'record' | 'rollback' | 'delete' | 'hook'; message: string }
  | { type: 'object'; object: string; state: ObjectState; message?: string }
  | { type: 'message'; level: 'info' | 'warning'; message: string };

export type EngineListener = (event: EngineEvent) => void;
