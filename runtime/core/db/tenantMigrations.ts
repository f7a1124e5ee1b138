import type { Migration } from "../migrations/runMigrations.ts";

/**
 * The schema of a tenant's own database (one per tenant: RDS in AWS, a database of the embedded Postgres
 * locally). Append new migrations; never edit one that has shipped (the runner refuses changed checksums).
 */
export const tenantMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "conversations, messages, templates, settings, audit, idempotency, jobs",
    sql: `
CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  title text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  message_count integer NOT NULL DEFAULT 0,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz
);
CREATE INDEX conversations_newest ON conversations (created_at DESC, id DESC);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  model text,
  input_tokens integer,
  output_tokens integer,
  cost_usd numeric(18, 6),
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_in_order ON messages (conversation_id, seq);

CREATE TABLE prompt_templates (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text,
  body text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX prompt_templates_name ON prompt_templates (name);

CREATE TABLE tenant_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  default_model text,
  system_prompt text,
  data_retention_days integer,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  subject text NOT NULL,
  client_id text,
  action text NOT NULL,
  resource text,
  outcome text NOT NULL CHECK (outcome IN ('succeeded', 'denied', 'failed')),
  status integer NOT NULL,
  request_id text NOT NULL,
  source_ip text
);
CREATE INDEX audit_events_newest ON audit_events (occurred_at DESC, id DESC);

CREATE TABLE idempotency_keys (
  operation text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operation, key)
);

CREATE TABLE data_exports (
  id uuid PRIMARY KEY,
  resources text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  error_code text,
  error_message text,
  content jsonb,
  size_bytes integer,
  sha256 text
);

CREATE TABLE data_deletions (
  id uuid PRIMARY KEY,
  reason text,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  error_code text,
  error_message text,
  removed_conversations integer,
  removed_messages integer
);
`,
  },
  {
    version: 2,
    name: "exports: content as bytes, download link",
    // The export file is JSON Lines: bytes, hashed and served exactly as stored, not a JSON document.
    sql: `
ALTER TABLE data_exports
  ALTER COLUMN content TYPE bytea USING convert_to(content::text, 'UTF8'),
  ADD COLUMN download_url text,
  ADD COLUMN download_expires_at timestamptz;
CREATE INDEX data_exports_newest ON data_exports (created_at DESC, id DESC);
CREATE INDEX data_deletions_newest ON data_deletions (created_at DESC, id DESC);
`,
  },
  {
    version: 3,
    name: "idempotency keys scoped to the caller",
    // A key belongs to the subject that sent it: another user of the tenant sending the same key is a new
    // request, never a replay of someone else's response. Rows from before carry subject '' and expire
    // within the idempotency window; no token has an empty subject, so they can never be replayed.
    sql: `
ALTER TABLE idempotency_keys ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN subject DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (subject, operation, key);
`,
  },
];
