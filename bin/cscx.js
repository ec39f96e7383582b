#!/usr/bin/env node
// Plain Node 20 cannot run TypeScript: register tsx's loader, then hand over to the real CLI.
import { register } from 'tsx/esm/api';

register();
await import('../backend/cli.ts');
