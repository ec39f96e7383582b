import { z } from 'zod';
import type { Usage } from '../provider.ts';

export type JsonSchema = Record<string, unknown>;

/** The schema as the vendor reads it: what the model must produce is zod's input side. */
export function vendorJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

export type Checked<T> = { ok: true; object: T } | { ok: false; problems: string };

export function checkObject<T>(schema: z.ZodType<T>, value: unknown): Checked<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, object: result.data };
  return { ok: false, problems: z.prettifyError(result.error) };
}

/** Model output that should be JSON text (Gemini's JSON mode). */
export function checkJsonText<T>(schema: z.ZodType<T>, text: string): Checked<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: 'The reply was not valid JSON.' };
  }
  return checkObject(schema, value);
}

/** What the repair turn tells the model; zod's issues name paths and expectations, never the values. */
export function repairRequest(problems: string): string {
  return `Your output did not match the required schema:\n${problems}\nAnswer again with output that matches the schema exactly.`;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

export const noUsage: Usage = { inputTokens: 0, outputTokens: 0 };
