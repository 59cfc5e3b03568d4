/**
 * Dockerfile text → Dockerfile: directives, logical lines, typed instructions, then stages. Global
 * ARGs are the ARGs before the first FROM; any other instruction there is an error, as in Docker.
 * Pure: the text and the file name (for error locations) are the only inputs.
 */
import type { BerthWarning } from '../errors/index.js';
import { readDirectives } from './directives.js';
import { parseInstruction } from './instruction-parser.js';
import { logicalLines, type LogicalLine } from './logical-lines.js';
import type { Dockerfile, Instruction, InstructionOf, Stage } from './model.js';
import { dockerfileError, lineStart, type SourceFile } from './source-error.js';

/** Parses a Dockerfile; `file` names it in errors. */
export function parseDockerfile(text: string, file = 'Dockerfile'): Dockerfile {
  const source: SourceFile = { file, lines: text.replace(/^\uFEFF/, '').split(/\r?\n/) };
  const directives = readDirectives(source);
  const warnings: BerthWarning[] = [];
  const globalArgs: InstructionOf<'arg'>[] = [];
  const stages: Stage[] = [];
  for (const logical of logicalLines(source, directives.escape)) {
    const instruction = parseInstruction(source, logical, directives.escape);
    warnings.push(...lineWarnings(source, logical, instruction));
    if (instruction.kind === 'from') stages.push(newStage(source, stages, instruction));
    else if (stages.length > 0) stages[stages.length - 1]!.instructions.push(instruction);
    else if (instruction.kind === 'arg') globalArgs.push(instruction);
    else throw dockerfileError(source, lineStart(source, instruction.line), 'instruction-before-from', `${instruction.kind.toUpperCase()} comes before the first FROM`, 'only ARG may come before FROM: start the stage with FROM <image>');
  }
  if (stages.length === 0) {
    const line = Math.max(1, source.lines.length - (source.lines.at(-1) === '' ? 1 : 0));
    throw dockerfileError(source, { line, col: 1 }, 'no-stage', `${file} has no FROM instruction`, 'start the build with FROM <image> (or FROM scratch)');
  }
  return { file, directives: directives.values, escape: directives.escape, globalArgs, stages, lines: [...source.lines], warnings };
}

function newStage(source: SourceFile, stages: Stage[], from: InstructionOf<'from'>): Stage {
  const previous = from.name === undefined ? undefined : stages.find((s) => s.name === from.name);
  if (previous !== undefined) {
    throw dockerfileError(source, lineStart(source, from.line), 'duplicate-stage', `stage name '${from.name}' is used twice`, `rename one of the stages: the first is on line ${previous.from.line}`);
  }
  return { index: stages.length, ...from.name === undefined ? {} : { name: from.name }, from, instructions: [] };
}

function lineWarnings(source: SourceFile, logical: LogicalLine, instruction: Instruction): BerthWarning[] {
  const location = { file: source.file, line: instruction.line, col: lineStart(source, instruction.line).col };
  const warnings: BerthWarning[] = [];
  if (logical.emptyContinuation) {
    warnings.push({ code: 'dockerfile.empty-continuation', message: `${instruction.kind.toUpperCase()} has empty lines inside its line continuation: remove them`, location });
  }
  if (instruction.kind === 'maintainer') {
    warnings.push({ code: 'dockerfile.deprecated', message: 'MAINTAINER is deprecated: use LABEL maintainer=<name>', location });
  }
  return warnings;
}
