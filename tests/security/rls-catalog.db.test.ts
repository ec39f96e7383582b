import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../backend/db/tenancy.ts';
import { aCustomer, anOrg } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase, testTarget } from '../support/test-database.ts';

/**
 * What the database itself promises about tenancy, read from its catalog: these fail if a migration
 * forgets RLS on a new table, drops FORCE, or hands the application role a way around the policies.
 */

let testDb: TestDatabase;
let sql: postgres.Sql;

/**
 * Every schema the app creates, not only `public`: a job queue or an extension brings its own.
 * A fragment of SQL over `n` (pg_namespace).
 */
const appSchemas = (db: postgres.Sql) =>
  db`n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'`;

/**
 * The job queue (backend/jobs/schema.ts) carries ids only and is claimed across orgs by the worker as
 * the login role: outside row-level security, with `org_id` null for a job of no org. The app roles
 * get no privilege on it (checked below); requests reach it only through two functions.
 */
const queueTables = ['jobs'];

beforeAll(async () => {
  testDb = await createTestDatabase();
  sql = testDb.database.sql;
});
afterAll(async () => {
  await testDb?.drop();
});

interface TableSecurity {
  table: string;
  rls: boolean;
  forced: boolean;
  appPolicies: { cmd: string; using: string | null; check: string | null }[];
}

async function orgOwnedTables(): Promise<TableSecurity[]> {
  return sql<TableSecurity[]>`
    select c.relname as table,
           c.relrowsecurity as rls,
           c.relforcerowsecurity as forced,
           coalesce((
             select json_agg(json_build_object(
                      'cmd', p.polcmd,
                      'using', pg_get_expr(p.polqual, p.polrelid),
                      'check', pg_get_expr(p.polwithcheck, p.polrelid)))
             from pg_policy p
             where p.polrelid = c.oid
               and 'cscx_app'::regrole = any(p.polroles)
           ), '[]'::json) as "appPolicies"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where ${appSchemas(sql)}
      and c.relkind in ('r', 'p')
      and c.relname <> all(${queueTables})
      and (c.relname = 'orgs'
           or exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped))
    order by c.relname`;
}

describe('row-level security in the catalog', () => {
  it('is enabled and forced on every table with an org_id, and on orgs', async () => {
    const tables = await orgOwnedTables();
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['orgs', 'users', 'customers', 'contacts', 'activities', 'tasks', 'audit_log']),
    );
    const unprotected = tables.filter((t) => !t.rls || !t.forced).map((t) => t.table);
    expect(unprotected).toEqual([]);
  });

  it('gives the application role a policy on every such table that filters and checks by the org set for the transaction', async () => {
    const tables = await orgOwnedTables();
    for (const { table, appPolicies } of tables) {
      expect(appPolicies.length, `${table} has no policy for cscx_app`).toBeGreaterThan(0);
      for (const policy of appPolicies) {
        expect(policy.using, `${table}: a policy without a filter`).toContain("current_setting('app.org_id'");
        if (policy.cmd === '*' || policy.cmd === 'a' || policy.cmd === 'w') {
          expect(policy.check, `${table}: a writable policy without a check`).toContain(
            "current_setting('app.org_id'",
          );
        }
      }
    }
  });

  it('never leaves org_id empty', async () => {
    const nullable = await sql<{ table: string }[]>`
      select table_name as table from information_schema.columns
      where table_schema not in ('pg_catalog', 'information_schema') and column_name = 'org_id'
        and is_nullable = 'YES' and table_name <> all(${queueTables})`;
    expect(nullable).toEqual([]);
  });

  it('leaves the app roles no table without row-level security but the sign-in throttle, which holds no org data', async () => {
    const open = await sql<{ table: string }[]>`
      select distinct n.nspname || '.' || c.relname as table
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join (values ('cscx_app'), ('cscx_auth')) as r(rolname)
      where ${appSchemas(sql)} and c.relkind in ('r', 'p', 'v', 'm') and not c.relrowsecurity
        and has_table_privilege(r.rolname, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
      order by 1`;
    expect(open.map((t) => t.table)).toEqual(['public.sign_in_attempts']);
  });

  it('gives the app roles nothing on the job queue but the two functions that hold a request to its org', async () => {
    const privileges = await sql<{ table: string; role: string }[]>`
      select c.relname as table, r.rolname as role
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join (values ('cscx_app'), ('cscx_auth')) as r(rolname)
      where ${appSchemas(sql)} and c.relname in ('jobs', 'job_schedule_slots')
        and has_table_privilege(r.rolname, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES')`;
    expect(privileges).toEqual([]);
    const [execute] = await sql<{ app: boolean; auth: boolean }[]>`
      select has_function_privilege('cscx_app', 'cscx_org_jobs(integer)', 'EXECUTE')
               and has_function_privilege('cscx_app', 'cscx_enqueue_job(text, uuid, jsonb, timestamptz, text, integer)', 'EXECUTE') as app,
             has_function_privilege('cscx_auth', 'cscx_org_jobs(integer)', 'EXECUTE')
               or has_function_privilege('cscx_auth', 'cscx_enqueue_job(text, uuid, jsonb, timestamptz, text, integer)', 'EXECUTE') as auth`;
    expect(execute).toEqual({ app: true, auth: false });
  });
});

describe('foreign keys between org-owned tables', () => {
  it('all name org_id on both sides, so no row can point at another org’s', async () => {
    const keys = await sql<{ name: string; columns: string[]; referenced: string[]; toOrgs: boolean }[]>`
      select con.conname as name,
             to_json(array(select a.attname::text from unnest(con.conkey) with ordinality k(num, i)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i)) as columns,
             to_json(array(select a.attname::text from unnest(con.confkey) with ordinality k(num, i)
                   join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i)) as referenced,
             con.confrelid = 'orgs'::regclass as "toOrgs"
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
      where con.contype = 'f' and ${appSchemas(sql)}
        and exists (select 1 from pg_attribute a where a.attrelid = con.conrelid and a.attname = 'org_id')`;
    expect(keys.length).toBeGreaterThan(10);
    const loose = keys
      .filter((k) => !k.toOrgs)
      .filter((k) => {
        const at = k.columns.indexOf('org_id');
        return at < 0 || k.referenced[at] !== 'org_id';
      })
      .map((k) => k.name);
    expect(loose).toEqual([]);
  });
});

describe('the roles the app switches to', () => {
  it('are neither superuser nor BYPASSRLS, and inherit neither from a role that is', async () => {
    const roles = await sql<
      { name: string; superuser: boolean; bypassrls: boolean; elevatedParents: number }[]
    >`
      select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
             (select count(*)::int from pg_roles p
              where (p.rolsuper or p.rolbypassrls) and p.oid <> r.oid
                and pg_has_role(r.oid, p.oid, 'MEMBER')) as "elevatedParents"
      from pg_roles r where r.rolname in ('cscx_app', 'cscx_auth') order by r.rolname`;
    expect(roles).toEqual([
      { name: 'cscx_app', superuser: false, bypassrls: false, elevatedParents: 0 },
      { name: 'cscx_auth', superuser: false, bypassrls: false, elevatedParents: 0 },
    ]);
  });

  it('own no table, so no policy is skipped for being the owner', async () => {
    const owned = await sql<{ table: string }[]>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${appSchemas(sql)} and pg_get_userbyid(c.relowner) in ('cscx_app', 'cscx_auth')`;
    expect(owned).toEqual([]);
  });

  it('cannot TRUNCATE any table, which row-level security would not stop', async () => {
    const truncatable = await sql<{ table: string; role: string }[]>`
      select c.relname as table, r.rolname as role
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join (values ('cscx_app'), ('cscx_auth')) as r(rolname)
      where ${appSchemas(sql)} and c.relkind = 'r'
        and has_table_privilege(r.rolname, c.oid, 'TRUNCATE')`;
    expect(truncatable).toEqual([]);
  });

  it('keeps the audit log append-only for the application role', async () => {
    const [privileges] = await sql<{ insert: boolean; update: boolean; delete: boolean }[]>`
      select has_table_privilege('cscx_app', 'audit_log', 'INSERT') as insert,
             has_table_privilege('cscx_app', 'audit_log', 'UPDATE') as update,
             has_table_privilege('cscx_app', 'audit_log', 'DELETE') as delete`;
    expect(privileges).toEqual({ insert: true, update: false, delete: false });

    const org = await anOrg(testDb.database.db);
    await aCustomer(testDb.database.db, org);
    const tryAs = (statement: string) =>
      inOrg(testDb.database.db, org.id, (tx) => tx.execute(statement)).then(
        () => 'allowed',
        (error: { cause?: { code?: string }; code?: string }) => error.cause?.code ?? error.code,
      );
    expect(await tryAs("update audit_log set action = 'rewritten'")).toBe('42501');
    expect(await tryAs('delete from audit_log')).toBe('42501');
  });
});

describe('the login role the app connects as', () => {
  it.runIf(testTarget() === 'postgres')(
    'is on a real server neither superuser nor BYPASSRLS, and outside a request sees no org rows',
    async () => {
      const org = await anOrg(testDb.database.db);
      await aCustomer(testDb.database.db, org);
      const [login] = await sql<{ name: string; superuser: boolean; bypassrls: boolean }[]>`
        select current_user as name, rolsuper as superuser, rolbypassrls as bypassrls
        from pg_roles where rolname = current_user`;
      expect(login).toMatchObject({ superuser: false, bypassrls: false });
      expect(login?.name).not.toMatch(/^cscx_(app|auth)$/);
      const [visible] = await sql<{ n: number }[]>`select count(*)::int as n from customers`;
      expect(visible?.n).toBe(0);
    },
  );

  it.runIf(testTarget() === 'embedded')(
    'is the embedded superuser `postgres`, which is why every request switches to cscx_app (see request-isolation)',
    async () => {
      const [login] = await sql<{ name: string; superuser: boolean }[]>`
        select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`;
      expect(login).toEqual({ name: 'postgres', superuser: true });
    },
  );
});
