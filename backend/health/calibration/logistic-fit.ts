/** Rows of numbers, one per example; every row has the same length. */
export type DesignMatrix = readonly (readonly number[])[];

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  /** Mean log loss plus the penalty at the returned coefficients. */
  objective: number;
  iterations: number;
}

export interface LogisticFitOptions {
  /** L2 penalty (λ/2·‖β‖², per example) on the coefficients, never on the intercept. */
  l2: number;
  /** Keep every coefficient ≥ 0 (an explainable weighted sum never subtracts a component). */
  nonNegative?: boolean;
  maxIterations?: number;
  /** Stop when one step lowers the objective by less than this. */
  tolerance?: number;
}

/**
 * L2-regularised logistic regression by (projected) Newton's method with a backtracking line search:
 * no randomness, so the same rows give the same coefficients on every run. With `nonNegative`, a
 * coefficient held at 0 whose gradient pushes it below stays out of the step (an active set), and a step
 * is projected back onto β ≥ 0. Dimensions here are small (≤ ~50), so the Hessian is solved directly.
 */
export function fitLogistic(
  rows: DesignMatrix,
  labels: readonly boolean[],
  options: LogisticFitOptions,
): LogisticFit {
  const dimensions = rows[0]?.length ?? 0;
  const { l2, nonNegative = false, maxIterations = 100, tolerance = 1e-10 } = options;
  let params = new Array<number>(dimensions + 1).fill(0); // the last slot is the intercept
  let objective = objectiveAt(rows, labels, params, l2);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const { gradient, hessian } = derivativesAt(rows, labels, params, l2);
    const free = params.map((value, j) => j === dimensions || !nonNegative || value > 0 || gradient[j]! < 0);
    const direction = newtonDirection(gradient, hessian, free);
    if (!direction) break;
    const next = lineSearch(rows, labels, params, direction, objective, l2, nonNegative);
    if (!next) break;
    const improvement = objective - next.objective;
    params = next.params;
    objective = next.objective;
    if (improvement < tolerance) break;
  }
  return { intercept: params[dimensions]!, coefficients: params.slice(0, dimensions), objective, iterations };
}

export function logisticProbability(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  row: readonly number[],
) {
  return sigmoid(linear(fit.coefficients, fit.intercept, row));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function linear(coefficients: readonly number[], intercept: number, row: readonly number[]): number {
  let z = intercept;
  for (let j = 0; j < coefficients.length; j++) z += coefficients[j]! * row[j]!;
  return z;
}

function objectiveAt(rows: DesignMatrix, labels: readonly boolean[], params: number[], l2: number) {
  const d = params.length - 1;
  const coefficients = params.slice(0, d);
  let loss = 0;
  rows.forEach((row, i) => {
    const z = linear(coefficients, params[d]!, row);
    // log(1 + e^z) − y·z, written to stay finite for large |z|
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (labels[i] ? z : 0);
  });
  const penalty = coefficients.reduce((sum, b) => sum + b * b, 0);
  return loss / Math.max(rows.length, 1) + (l2 / 2) * penalty;
}

function derivativesAt(rows: DesignMatrix, labels: readonly boolean[], params: number[], l2: number) {
  const size = params.length;
  const d = size - 1;
  const coefficients = params.slice(0, d);
  const gradient = new Array<number>(size).fill(0);
  const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const n = Math.max(rows.length, 1);
  rows.forEach((row, i) => {
    const p = sigmoid(linear(coefficients, params[d]!, row));
    const error = p - (labels[i] ? 1 : 0);
    const curvature = p * (1 - p);
    for (let a = 0; a < size; a++) {
      const xa = a === d ? 1 : row[a]!;
      gradient[a]! += (error * xa) / n;
      const hessianRow = hessian[a]!;
      for (let b = 0; b <= a; b++) hessianRow[b]! += (curvature * xa * (b === d ? 1 : row[b]!)) / n;
    }
  });
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < a; b++) hessian[b]![a] = hessian[a]![b]!;
    if (a < d) {
      gradient[a]! += l2 * params[a]!;
      hessian[a]![a]! += l2;
    }
  }
  return { gradient, hessian };
}

/** −H⁻¹g over the free coordinates (0 elsewhere); undefined when nothing is free. */
function newtonDirection(gradient: number[], hessian: number[][], free: boolean[]): number[] | undefined {
  const index = free.flatMap((isFree, j) => (isFree ? [j] : []));
  if (index.length === 0) return undefined;
  const system = index.map((a) => index.map((b) => hessian[a]![b]!));
  const step = solveSymmetric(
    system,
    index.map((a) => -gradient[a]!),
  );
  const direction = new Array<number>(gradient.length).fill(0);
  index.forEach((j, k) => {
    direction[j] = step[k]!;
  });
  return direction;
}

/** Gaussian elimination with partial pivoting; a tiny ridge keeps a flat direction (a constant column) solvable. */
function solveSymmetric(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row.map((v, j) => v + (i === j ? 1e-10 : 0)), rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const lead = a[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / lead;
      for (let c = col; c <= n; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

function lineSearch(
  rows: DesignMatrix,
  labels: readonly boolean[],
  params: number[],
  direction: number[],
  objective: number,
  l2: number,
  nonNegative: boolean,
) {
  const d = params.length - 1;
  for (let step = 1; step > 1e-8; step /= 2) {
    const candidate = params.map((value, j) => {
      const moved = value + step * direction[j]!;
      return nonNegative && j < d ? Math.max(0, moved) : moved;
    });
    const candidateObjective = objectiveAt(rows, labels, candidate, l2);
    if (candidateObjective <= objective) return { params: candidate, objective: candidateObjective };
  }
  return undefined;
}
