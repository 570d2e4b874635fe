/**
 * A value computed when the app is synthesized: kcc copies an object's fields at synth through
 * `toJSON()`, so containers, volumes and rules added after a construct was created are included.
 * Typed as `T` so it can be passed where the generated props expect the finished value.
 */
export function atSynth<T>(build: () => T): T {
  return { toJSON: build } as unknown as T;
}
