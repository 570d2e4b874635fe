/**
 * Whether to write ANSI colour to a stream: only to a terminal, and never when NO_COLOR is set
 * (https://no-color.org: any non-empty value). `--no-color` on any command sets NO_COLOR (bin/kcc.js).
 */
export function colourEnabled(stream: { isTTY?: boolean } = process.stderr): boolean {
  return !process.env.NO_COLOR && Boolean(stream.isTTY);
}

/** `text` in an SGR colour ("32" green...) when colour is on for the stream. */
export function paintIf(on: boolean, code: string | undefined, text: string): string {
  return on && code ? `\x1b[${code}m${text}\x1b[0m` : text;
}
