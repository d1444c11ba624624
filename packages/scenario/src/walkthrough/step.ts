import type { StepReport } from './report.js';

/** A file a step wants written into the work directory. Steps never write; the runner does. */
export interface OutputFile {
  name: string;
  content: string;
  /** 0o600 for private keys, as cfssljson and openssl write them. */
  mode?: number;
}

/** What a step hands back: its narration, the files to write, and what later steps need. */
export interface StepResult<T> {
  report: Omit<StepReport, 'files'>;
  files: OutputFile[];
  value: T;
}

export const privateKeyMode = 0o600;
