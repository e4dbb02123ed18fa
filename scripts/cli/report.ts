/** The CLI's wording of problems and results lives one layer down, shared with the preview. */
export { formatBytes, formatDiagnostic } from '../report.ts';
