/** A sparse feature vector: index → value. */
export type Features = Map<number, number>;

export interface LogisticModel {
  bias: number;
  weights: Float64Array;
}

export interface FitOptions {
  dimensions: number;
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  iterations: number;
  learningRate: number;
}

export const defaultFit: Omit<FitOptions, 'dimensions'> = { l2: 1e-3, iterations: 300, learningRate: 0.05 };

/**
 * L2-regularised logistic regression by full-batch Adam: no sampling, so the same data gives the
 * same weights on every run and machine. Small data (thousands of sentences) fits in well under a second.
 */
export function fitLogisticRegression(
  examples: readonly Features[],
  labels: readonly boolean[],
  options: FitOptions,
): LogisticModel {
  const { dimensions, l2, iterations, learningRate } = options;
  const size = dimensions + 1; // the last slot is the bias
  const params = new Float64Array(size);
  const firstMoment = new Float64Array(size);
  const secondMoment = new Float64Array(size);
  const gradient = new Float64Array(size);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const n = examples.length;
  for (let step = 1; step <= iterations; step++) {
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const features = examples[i]!;
      const error = sigmoid(score(params, dimensions, features)) - (labels[i] ? 1 : 0);
      for (const [index, value] of features) gradient[index]! += (error * value) / n;
      gradient[dimensions]! += error / n;
    }
    for (let j = 0; j < size; j++) {
      const g = gradient[j]! + (j < dimensions ? l2 * params[j]! : 0);
      firstMoment[j] = beta1 * firstMoment[j]! + (1 - beta1) * g;
      secondMoment[j] = beta2 * secondMoment[j]! + (1 - beta2) * g * g;
      const m = firstMoment[j]! / (1 - beta1 ** step);
      const v = secondMoment[j]! / (1 - beta2 ** step);
      params[j]! -= (learningRate * m) / (Math.sqrt(v) + epsilon);
    }
  }
  return { bias: params[dimensions]!, weights: params.slice(0, dimensions) };
}

export function probability(model: LogisticModel, features: Features): number {
  let z = model.bias;
  for (const [index, value] of features) z += (model.weights[index] ?? 0) * value;
  return sigmoid(z);
}

function score(params: Float64Array, dimensions: number, features: Features): number {
  let z = params[dimensions]!;
  for (const [index, value] of features) z += params[index]! * value;
  return z;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
