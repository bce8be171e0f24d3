/**
 * Every error the program throws on purpose, in one place. The command layer
 * tells them apart with `instanceof` and prints each as the contract says:
 * located problems one per line, anything else as one line, with its exit
 * status. Whatever else is thrown is a bug, reported as an internal error.
 */
import { formatProblem, type Problem } from './scenario/problems.js';

/** A scenario (or an option that changes one) with located problems: exit 1. */
export class ProblemsError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map((p) => formatProblem(p)).join('\n'));
    this.name = 'ProblemsError';
  }
}

/** One run of an analysis made the scenario invalid. */
export class EvaluationError extends ProblemsError {
  constructor(problems: readonly Problem[]) {
    super(problems);
    this.name = 'EvaluationError';
  }
}

/** A failure the user can act on, printed as one line: exit 1, or 2 for a usage error. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** A goal seek that cannot be done (not bracketed, an empty metric): exit 1. */
export class SolveError extends CliError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'SolveError';
  }
}

/** A simulation whose draw made the scenario invalid: exit 1. */
export class SimulationError extends CliError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'SimulationError';
  }
}
