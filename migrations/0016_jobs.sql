CREATE TYPE "public"."job_state" AS ENUM('queued', 'running', 'done', 'dead');--> statement-breakpoint
CREATE TABLE "job_schedule_slots" (
	"schedule" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_schedule_slots_schedule_slot_at_pk" PRIMARY KEY("schedule","slot_at")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"org_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" "job_state" DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"singleton_key" text,
	"progress_done" integer,
	"progress_total" integer,
	"progress_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("state","run_at");--> statement-breakpoint
CREATE INDEX "jobs_org_recent_idx" ON "jobs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_singleton_key" ON "jobs" USING btree ("queue","singleton_key") WHERE state = 'queued' and singleton_key is not null;--> statement-breakpoint
-- Hand-written from here. The queue holds ids only and sits outside row-level security: the worker
-- claims across orgs as the login role. The application role gets no privilege on its tables; a
-- request enqueues and lists jobs only through these two functions, which hold it to its own org.
-- The singleton key is stored behind its org (`<org>:<key>`), so orgs never coalesce with each other;
-- a coalesced job keeps the earlier run_at of the two.
CREATE OR REPLACE FUNCTION cscx_enqueue_job(
  p_queue text, p_org_id uuid, p_payload jsonb, p_run_at timestamptz, p_singleton_key text, p_max_attempts integer
) RETURNS TABLE (job_id uuid, enqueued boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  v_org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
BEGIN
  IF (v_org IS NULL AND current_setting('role') <> 'none') OR (v_org IS NOT NULL AND p_org_id IS DISTINCT FROM v_org) THEN
    RAISE EXCEPTION 'a job may be enqueued only for the org of the transaction' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  INSERT INTO jobs AS j (queue, org_id, payload, run_at, singleton_key, max_attempts)
  VALUES (p_queue, p_org_id, p_payload, coalesce(p_run_at, now()),
          CASE WHEN p_singleton_key IS NOT NULL THEN coalesce(p_org_id::text, '-') || ':' || p_singleton_key END,
          coalesce(p_max_attempts, 5))
  ON CONFLICT (queue, singleton_key) WHERE state = 'queued' AND singleton_key IS NOT NULL
  DO UPDATE SET run_at = least(j.run_at, excluded.run_at)
  RETURNING j.id, (j.xmax = 0);
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION cscx_org_jobs(p_limit integer)
RETURNS TABLE (
  id uuid, queue text, state job_state, attempts integer, max_attempts integer, last_error text,
  run_at timestamptz, progress_done integer, progress_total integer, progress_label text,
  created_at timestamptz, started_at timestamptz, finished_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT j.id, j.queue, j.state, j.attempts, j.max_attempts, j.last_error, j.run_at, j.progress_done,
         j.progress_total, j.progress_label, j.created_at, j.started_at, j.finished_at
  FROM jobs j
  WHERE j.org_id = nullif(current_setting('app.org_id', true), '')::uuid
  ORDER BY j.state = 'running' DESC, j.created_at DESC
  LIMIT least(p_limit, 200)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION cscx_enqueue_job(text, uuid, jsonb, timestamptz, text, integer) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION cscx_org_jobs(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cscx_enqueue_job(text, uuid, jsonb, timestamptz, text, integer) TO cscx_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cscx_org_jobs(integer) TO cscx_app;
