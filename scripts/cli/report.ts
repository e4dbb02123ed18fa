/** The CLI's wording of problems and results lives one layer down, shared with the preview. */
export { displayFile, formatBytes, formatDiagnostic } from '../report.ts';
