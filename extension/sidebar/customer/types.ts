import type { ContextOutput } from '../../../shared/api/customers.ts';

export type CustomerContext = NonNullable<ContextOutput['customer']>;
export type Candidate = ContextOutput['candidates'][number];
