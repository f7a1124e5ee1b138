import type { Migration } from "../migrations/runMigrations.ts";

/**
 * The usage ledger's schema: a database of its own, separate from every tenant's operational data. Applied
 * by the ledger admin (the tables' owner, which row-level security does not restrict). Tenant roles see and
 * change only their own tenant's rows; the finance role reads everything and changes nothing.
 * Append new migrations; never edit one that has shipped.
 */
export const ledgerMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "tenants, budgets, usage events, row-level security",
    sql: `
-- Which tenant a database role acts for. Filled by provisionTenantLedgerRole, read by the policies.
CREATE TABLE ledger_roles (
  role_name text PRIMARY KEY,
  tenant_id text NOT NULL UNIQUE
);

-- SECURITY DEFINER so tenant roles need no access to the mapping itself; inside it current_user is the
-- definer, so the caller is identified by session_user (the role that logged in).
CREATE FUNCTION silo_current_tenant() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT tenant_id FROM ledger_roles WHERE role_name = session_user $$;

CREATE TABLE ledger_tenants (
  tenant_id text PRIMARY KEY,
  monthly_budget_usd numeric(18, 6) NOT NULL CHECK (monthly_budget_usd >= 0),
  alert_threshold_percent integer NOT NULL DEFAULT 80 CHECK (alert_threshold_percent BETWEEN 1 AND 100),
  markup_percent numeric(9, 4) NOT NULL DEFAULT 0 CHECK (markup_percent >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Running totals per tenant and calendar month (UTC). Reservations update this row, and the row lock is
-- what makes concurrent reservations queue, so a budget can never be overshot.
CREATE TABLE budget_months (
  tenant_id text NOT NULL REFERENCES ledger_tenants (tenant_id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  reserved_usd numeric(18, 6) NOT NULL DEFAULT 0,
  settled_usd numeric(18, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, month)
);

CREATE TABLE usage_events (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES ledger_tenants (tenant_id),
  month date NOT NULL,
  request_id text NOT NULL,
  operation_id text NOT NULL,
  model_key text NOT NULL,
  provider text NOT NULL,
  provider_model_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('reserved', 'settled', 'released', 'expired')),
  estimated_cost_usd numeric(18, 6) NOT NULL,
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  cache_read_tokens integer NOT NULL DEFAULT 0,
  cache_write_tokens integer NOT NULL DEFAULT 0,
  input_price_per_1k numeric(18, 9) NOT NULL,
  output_price_per_1k numeric(18, 9) NOT NULL,
  cache_read_price_per_1k numeric(18, 9) NOT NULL,
  cache_write_price_per_1k numeric(18, 9) NOT NULL,
  markup_percent numeric(9, 4) NOT NULL,
  provider_cost_usd numeric(18, 6),
  cost_usd numeric(18, 6),
  reserved_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  expires_at timestamptz NOT NULL,
  needs_reconciliation boolean NOT NULL DEFAULT false,
  release_reason text
);
CREATE INDEX usage_events_by_tenant_month ON usage_events (tenant_id, month, id DESC);
CREATE INDEX usage_events_reserved ON usage_events (expires_at) WHERE status = 'reserved';

ALTER TABLE ledger_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY own_tenant ON ledger_tenants
  USING (tenant_id = silo_current_tenant()) WITH CHECK (tenant_id = silo_current_tenant());
CREATE POLICY own_tenant ON budget_months
  USING (tenant_id = silo_current_tenant()) WITH CHECK (tenant_id = silo_current_tenant());
CREATE POLICY own_tenant ON usage_events
  USING (tenant_id = silo_current_tenant()) WITH CHECK (tenant_id = silo_current_tenant());

-- Tenant roles get their grants through this group role; finance reads all rows of every table.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'silo_ledger_tenant') THEN
    CREATE ROLE silo_ledger_tenant NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'silo_ledger_finance') THEN
    CREATE ROLE silo_ledger_finance NOLOGIN;
  END IF;
END $$;
GRANT SELECT, UPDATE ON ledger_tenants TO silo_ledger_tenant;
GRANT SELECT, INSERT, UPDATE ON budget_months, usage_events TO silo_ledger_tenant;
GRANT SELECT ON ledger_tenants, budget_months, usage_events, ledger_roles TO silo_ledger_finance;
CREATE POLICY finance_reads_all ON ledger_tenants FOR SELECT TO silo_ledger_finance USING (true);
CREATE POLICY finance_reads_all ON budget_months FOR SELECT TO silo_ledger_finance USING (true);
CREATE POLICY finance_reads_all ON usage_events FOR SELECT TO silo_ledger_finance USING (true);
REVOKE ALL ON FUNCTION silo_current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION silo_current_tenant() TO silo_ledger_tenant, silo_ledger_finance;
`,
  },
];
