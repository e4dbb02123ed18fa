/** How a build says what it is doing; the command line decides how (or whether) it is shown. */
export type Progress = (message: string, step?: { done: number; total: number }) => void;

/** A progress sink that shows nothing. */
export const silent: Progress = () => undefined;
