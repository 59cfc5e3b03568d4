/**
 * A warning: something berth accepted but the user should know (an unset variable, an ignored attribute).
 * Pure layers return warnings as data; the CLI prints them.
 */
import type { SourceLocation } from './berth-error.js';

export interface BerthWarning {
  code: string;
  message: string;
  location?: SourceLocation | undefined;
}
