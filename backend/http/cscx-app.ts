import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** The Fastify instance the server builds: plain HTTP, our own pino logger. */
export type CscxApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>;
