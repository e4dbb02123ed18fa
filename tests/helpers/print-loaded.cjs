// Loaded with `node --require` by a test: when the process ends, it prints the CommonJS modules it
// loaded (Node's module cache), one path a line after a marker, to standard error.
process.on('exit', () => {
  process.stderr.write(`\nloaded modules:\n${Object.keys(require.cache).join('\n')}\n`);
});
