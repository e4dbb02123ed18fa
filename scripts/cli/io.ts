/**
 * Where a command writes: the process's own streams, or (in tests that run a command in-process)
 * buffers. Every command takes one, so that the CLI stays the only place that prints.
 */

/** A stream a command writes text to; `isTTY` makes progress rewrite one line. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Standard output and standard error of a command. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
}

/** The process's streams. */
export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };
