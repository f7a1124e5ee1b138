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
  {
    version: 2,
    name: "reserve, settle and release as server-side functions (one round trip each)",
    sql: `
-- SECURITY INVOKER (the default): row-level security still limits each tenant role to its own rows.
-- Each function is one statement, so each phase costs one round trip and one commit.
CREATE FUNCTION silo_reserve(
  p_id uuid, p_tenant text, p_month date, p_request_id text, p_operation_id text, p_model_key text,
  p_provider text, p_provider_model_id text, p_input_tokens integer, p_output_tokens integer,
  p_input_price numeric, p_output_price numeric, p_cache_read_price numeric, p_cache_write_price numeric,
  p_expires_at timestamptz
) RETURNS TABLE (outcome text, estimated_cost_usd text) LANGUAGE plpgsql AS $$
DECLARE
  v_estimate numeric(18, 6);
  v_limit numeric(18, 6);
  v_spent numeric(18, 6);
BEGIN
  INSERT INTO usage_events (id, tenant_id, month, request_id, operation_id, model_key, provider, provider_model_id,
    status, estimated_cost_usd, input_price_per_1k, output_price_per_1k, cache_read_price_per_1k,
    cache_write_price_per_1k, markup_percent, expires_at)
  SELECT p_id, t.tenant_id, p_month, p_request_id, p_operation_id, p_model_key, p_provider, p_provider_model_id,
    'reserved', round((p_input_tokens * p_input_price + p_output_tokens * p_output_price) / 1000
      * (1 + t.markup_percent / 100), 6),
    p_input_price, p_output_price, p_cache_read_price, p_cache_write_price, t.markup_percent, p_expires_at
  FROM ledger_tenants t WHERE t.tenant_id = p_tenant
  ON CONFLICT (id) DO NOTHING
  RETURNING usage_events.estimated_cost_usd INTO v_estimate;
  IF v_estimate IS NULL THEN
    SELECT e.estimated_cost_usd INTO v_estimate FROM usage_events e WHERE e.id = p_id;
    IF v_estimate IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'SL002', MESSAGE = 'ledger tenant not registered: ' || p_tenant;
    END IF;
    RETURN QUERY SELECT 'replayed'::text, v_estimate::text;
    RETURN;
  END IF;
  INSERT INTO budget_months AS b (tenant_id, month, reserved_usd) VALUES (p_tenant, p_month, 0)
    ON CONFLICT (tenant_id, month) DO NOTHING;
  UPDATE budget_months b SET reserved_usd = b.reserved_usd + v_estimate
    FROM ledger_tenants t
    WHERE b.tenant_id = p_tenant AND b.month = p_month AND t.tenant_id = b.tenant_id
      AND b.reserved_usd + b.settled_usd + v_estimate <= t.monthly_budget_usd;
  IF NOT FOUND THEN
    SELECT t.monthly_budget_usd, coalesce(b.reserved_usd + b.settled_usd, 0) INTO v_limit, v_spent
      FROM ledger_tenants t LEFT JOIN budget_months b ON b.tenant_id = t.tenant_id AND b.month = p_month
      WHERE t.tenant_id = p_tenant;
    -- Raising rolls the whole statement back, the reservation row included.
    RAISE EXCEPTION USING ERRCODE = 'SL001', MESSAGE = 'budget exceeded',
      DETAIL = json_build_object('limitUsd', v_limit::text, 'spentUsd', v_spent::text, 'estimateUsd', v_estimate::text)::text;
  END IF;
  RETURN QUERY SELECT 'reserved'::text, v_estimate::text;
END $$;

CREATE FUNCTION silo_settle(
  p_id uuid, p_input_tokens integer, p_output_tokens integer, p_cache_read_tokens integer, p_cache_write_tokens integer
) RETURNS TABLE (outcome text, cost_usd text, provider_cost_usd text) LANGUAGE plpgsql AS $$
DECLARE
  v_previous text;
  v_month date;
  v_tenant text;
  v_estimate numeric(18, 6);
  v_provider_cost numeric(18, 6);
  v_cost numeric(18, 6);
BEGIN
  SELECT e.status, e.month, e.tenant_id, e.estimated_cost_usd INTO v_previous, v_month, v_tenant, v_estimate
    FROM usage_events e WHERE e.id = p_id FOR UPDATE;
  IF v_previous IS NULL THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF v_previous NOT IN ('reserved', 'expired') THEN
    RETURN QUERY SELECT v_previous, e.cost_usd::text, e.provider_cost_usd::text FROM usage_events e WHERE e.id = p_id;
    RETURN;
  END IF;
  UPDATE usage_events e SET status = 'settled', settled_at = now(),
      input_tokens = p_input_tokens, output_tokens = p_output_tokens,
      cache_read_tokens = p_cache_read_tokens, cache_write_tokens = p_cache_write_tokens,
      provider_cost_usd = round((p_input_tokens * e.input_price_per_1k + p_output_tokens * e.output_price_per_1k
        + p_cache_read_tokens * e.cache_read_price_per_1k + p_cache_write_tokens * e.cache_write_price_per_1k) / 1000, 6),
      cost_usd = round((p_input_tokens * e.input_price_per_1k + p_output_tokens * e.output_price_per_1k
        + p_cache_read_tokens * e.cache_read_price_per_1k + p_cache_write_tokens * e.cache_write_price_per_1k) / 1000
        * (1 + e.markup_percent / 100), 6)
    WHERE e.id = p_id
    RETURNING e.provider_cost_usd, e.cost_usd INTO v_provider_cost, v_cost;
  UPDATE budget_months SET
      reserved_usd = reserved_usd - CASE WHEN v_previous = 'reserved' THEN v_estimate ELSE 0 END,
      settled_usd = settled_usd + v_cost
    WHERE tenant_id = v_tenant AND month = v_month;
  RETURN QUERY SELECT 'settled'::text, v_cost::text, v_provider_cost::text;
END $$;

CREATE FUNCTION silo_release(p_id uuid, p_reason text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date;
  v_tenant text;
  v_estimate numeric(18, 6);
BEGIN
  UPDATE usage_events e SET status = 'released', release_reason = left(p_reason, 200)
    WHERE e.id = p_id AND e.status = 'reserved'
    RETURNING e.month, e.tenant_id, e.estimated_cost_usd INTO v_month, v_tenant, v_estimate;
  IF FOUND THEN
    UPDATE budget_months SET reserved_usd = reserved_usd - v_estimate WHERE tenant_id = v_tenant AND month = v_month;
  END IF;
END $$;

REVOKE ALL ON FUNCTION silo_reserve, silo_settle, silo_release FROM PUBLIC;
GRANT EXECUTE ON FUNCTION silo_reserve, silo_settle, silo_release TO silo_ledger_tenant;
`,
  },
  {
    version: 3,
    name: "reservations commit without waiting for the WAL flush; the settle's flush covers them",
    sql: `
-- A reservation need not be on disk before the model call: the settle that must precede any response is
-- a synchronous commit, and flushing the WAL up to the settle's commit record flushes every earlier
-- record, the reservation's included. If Postgres crashes in between, the reservation and the budget it
-- held vanish together, and the request, whose settle cannot succeed, returns no response. What this buys:
-- the tenant's budget row is locked only until the reservation's commit record is written, not until an
-- fsync, so one tenant's calls no longer queue behind each other's disk flushes.
ALTER FUNCTION silo_reserve(uuid, text, date, text, text, text, text, text, integer, integer, numeric, numeric,
  numeric, numeric, timestamptz) RENAME TO silo_reserve_durable;

CREATE FUNCTION silo_reserve(
  p_id uuid, p_tenant text, p_month date, p_request_id text, p_operation_id text, p_model_key text,
  p_provider text, p_provider_model_id text, p_input_tokens integer, p_output_tokens integer,
  p_input_price numeric, p_output_price numeric, p_cache_read_price numeric, p_cache_write_price numeric,
  p_expires_at timestamptz
) RETURNS TABLE (outcome text, estimated_cost_usd text) LANGUAGE plpgsql AS $$
BEGIN
  -- Transaction-local: the setting is read at commit, after this function has returned.
  PERFORM set_config('synchronous_commit', 'off', true);
  RETURN QUERY SELECT * FROM silo_reserve_durable(p_id, p_tenant, p_month, p_request_id, p_operation_id,
    p_model_key, p_provider, p_provider_model_id, p_input_tokens, p_output_tokens, p_input_price,
    p_output_price, p_cache_read_price, p_cache_write_price, p_expires_at);
END $$;

REVOKE ALL ON FUNCTION silo_reserve FROM PUBLIC;
GRANT EXECUTE ON FUNCTION silo_reserve TO silo_ledger_tenant;
`,
  },
  {
    version: 4,
    name: "the operator's budget ceiling; tenant roles change only their budget and alert threshold",
    sql: `
-- The tenant file's monthlyBudgetUsd is a ceiling the platform team sets: a tenant may choose a lower
-- budget (PUT /v1/budget), never a higher one. The check lives here, not only in the API, so a tenant role
-- used directly cannot lift it; and a tenant role may no longer change its ceiling or its markup.
ALTER TABLE ledger_tenants ADD COLUMN budget_ceiling_usd numeric(18, 6);
UPDATE ledger_tenants SET budget_ceiling_usd = monthly_budget_usd;
ALTER TABLE ledger_tenants
  ALTER COLUMN budget_ceiling_usd SET NOT NULL,
  ADD CONSTRAINT budget_within_ceiling CHECK (monthly_budget_usd <= budget_ceiling_usd);
REVOKE UPDATE ON ledger_tenants FROM silo_ledger_tenant;
GRANT UPDATE (monthly_budget_usd, alert_threshold_percent, updated_at) ON ledger_tenants TO silo_ledger_tenant;
`,
  },
  {
    version: 5,
    name: "budget leases: a block of the month's budget held by one tenant process, drawn down call by call",
    sql: `
-- A lease moves part of the month's unspent budget into reserved_usd at once (a durable commit, off the hot
-- path), so the process holding it can start calls without a round trip first. Each call drawn on it still
-- gets its usage_events row (silo_reserve_leased), which moves the call's estimate from the lease to the row:
-- reserved_usd counts every dollar exactly once, as a lease's unused part or as a call's reservation. A lease
-- is granted only while the unspent budget is headroom_factor times its size, so near the edge calls go
-- back to reserving one by one. Returned by its process, or expired by the sweeper.
CREATE TABLE budget_leases (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES ledger_tenants (tenant_id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  granted_usd numeric(18, 6) NOT NULL CHECK (granted_usd > 0),
  held_usd numeric(18, 6) NOT NULL CHECK (held_usd >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'returned', 'expired')),
  leased_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX budget_leases_open ON budget_leases (tenant_id, month) WHERE status = 'open';
ALTER TABLE usage_events ADD COLUMN lease_id uuid REFERENCES budget_leases (id);
-- Leases move estimates between rows: a negative one (negative tokens) would create budget out of nothing.
ALTER TABLE usage_events ADD CONSTRAINT usage_events_not_negative CHECK (estimated_cost_usd >= 0
  AND input_tokens >= 0 AND output_tokens >= 0 AND cache_read_tokens >= 0 AND cache_write_tokens >= 0);

ALTER TABLE budget_leases ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_tenant ON budget_leases
  USING (tenant_id = silo_current_tenant()) WITH CHECK (tenant_id = silo_current_tenant());
CREATE POLICY finance_reads_all ON budget_leases FOR SELECT TO silo_ledger_finance USING (true);
GRANT SELECT, INSERT, UPDATE ON budget_leases TO silo_ledger_tenant;
GRANT SELECT ON budget_leases TO silo_ledger_finance;

-- Budget leased to running processes and not yet drawn: counted in reserved_usd, but neither spend nor a
-- call in flight, so budget and finance reports take it out. SECURITY INVOKER: row-level security applies.
CREATE FUNCTION silo_leased_usd(p_tenant text, p_month date) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(l.held_usd), 0) FROM budget_leases l
  WHERE l.tenant_id = p_tenant AND l.month = p_month AND l.status = 'open'
$$;

-- Grants round(p_base_usd * (1 + markup / 100), 6) when the month keeps p_headroom_factor times that unspent,
-- else answers 'refused' (not an error: the caller reserves call by call). Durable commit (the default).
CREATE FUNCTION silo_lease(
  p_id uuid, p_tenant text, p_month date, p_base_usd numeric, p_headroom_factor integer, p_ttl_seconds integer
) RETURNS TABLE (outcome text, granted_usd text, markup_percent text) LANGUAGE plpgsql AS $$
DECLARE
  v_markup numeric(9, 4);
  v_amount numeric(18, 6);
BEGIN
  SELECT t.markup_percent INTO v_markup FROM ledger_tenants t WHERE t.tenant_id = p_tenant;
  IF v_markup IS NULL THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  v_amount := round(p_base_usd * (1 + v_markup / 100), 6);
  IF v_amount <= 0 THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  INSERT INTO budget_months AS b (tenant_id, month, reserved_usd) VALUES (p_tenant, p_month, 0)
    ON CONFLICT (tenant_id, month) DO NOTHING;
  UPDATE budget_months b SET reserved_usd = b.reserved_usd + v_amount
    FROM ledger_tenants t
    WHERE b.tenant_id = p_tenant AND b.month = p_month AND t.tenant_id = b.tenant_id
      AND b.reserved_usd + b.settled_usd + v_amount * p_headroom_factor <= t.monthly_budget_usd;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  INSERT INTO budget_leases (id, tenant_id, month, granted_usd, held_usd, expires_at)
    VALUES (p_id, p_tenant, p_month, v_amount, v_amount, now() + make_interval(secs => p_ttl_seconds));
  RETURN QUERY SELECT 'leased'::text, v_amount::text, v_markup::text;
END $$;

-- One call's row, its estimate taken from an open lease of the same tenant and month (budget_months does
-- not change). SL003 when the lease is closed or short. With no lease (p_lease NULL): a call that started
-- against a lease the ledger no longer has (expired while its process was frozen, or short after a markup
-- change) has already run, so it is recorded whatever the budget says now, and flagged for reconciliation.
CREATE FUNCTION silo_reserve_leased(
  p_id uuid, p_lease uuid, p_tenant text, p_month date, p_request_id text, p_operation_id text,
  p_model_key text, p_provider text, p_provider_model_id text, p_input_tokens integer, p_output_tokens integer,
  p_input_price numeric, p_output_price numeric, p_cache_read_price numeric, p_cache_write_price numeric,
  p_expires_at timestamptz
) RETURNS TABLE (outcome text, estimated_cost_usd text) LANGUAGE plpgsql AS $$
DECLARE
  v_estimate numeric(18, 6);
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO usage_events (id, tenant_id, month, request_id, operation_id, model_key, provider, provider_model_id,
    status, estimated_cost_usd, input_price_per_1k, output_price_per_1k, cache_read_price_per_1k,
    cache_write_price_per_1k, markup_percent, expires_at, lease_id, needs_reconciliation)
  SELECT p_id, t.tenant_id, p_month, p_request_id, p_operation_id, p_model_key, p_provider, p_provider_model_id,
    'reserved', round((p_input_tokens * p_input_price + p_output_tokens * p_output_price) / 1000
      * (1 + t.markup_percent / 100), 6),
    p_input_price, p_output_price, p_cache_read_price, p_cache_write_price, t.markup_percent, p_expires_at, p_lease,
    p_lease IS NULL
  FROM ledger_tenants t WHERE t.tenant_id = p_tenant
  ON CONFLICT (id) DO NOTHING
  RETURNING usage_events.estimated_cost_usd INTO v_estimate;
  IF v_estimate IS NULL THEN
    SELECT e.estimated_cost_usd INTO v_estimate FROM usage_events e WHERE e.id = p_id;
    IF v_estimate IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'SL002', MESSAGE = 'ledger tenant not registered: ' || p_tenant;
    END IF;
    RETURN QUERY SELECT 'replayed'::text, v_estimate::text;
    RETURN;
  END IF;
  IF p_lease IS NULL THEN
    INSERT INTO budget_months AS b (tenant_id, month, reserved_usd) VALUES (p_tenant, p_month, 0)
      ON CONFLICT (tenant_id, month) DO NOTHING;
    UPDATE budget_months SET reserved_usd = reserved_usd + v_estimate WHERE tenant_id = p_tenant AND month = p_month;
    RETURN QUERY SELECT 'reserved'::text, v_estimate::text;
    RETURN;
  END IF;
  UPDATE budget_leases l SET held_usd = l.held_usd - v_estimate
    WHERE l.id = p_lease AND l.tenant_id = p_tenant AND l.month = p_month AND l.status = 'open'
      AND l.held_usd >= v_estimate;
  IF NOT FOUND THEN
    -- Rolls the row back too.
    RAISE EXCEPTION USING ERRCODE = 'SL003', MESSAGE = 'budget lease closed or short: ' || p_lease;
  END IF;
  RETURN QUERY SELECT 'reserved'::text, v_estimate::text;
END $$;

-- Gives a lease's unused part back to the month; a no-op for a lease already returned or expired.
CREATE FUNCTION silo_return_lease(p_lease uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_held numeric(18, 6);
  v_tenant text;
  v_month date;
BEGIN
  SELECT l.held_usd, l.tenant_id, l.month INTO v_held, v_tenant, v_month
    FROM budget_leases l WHERE l.id = p_lease AND l.status = 'open' FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE budget_leases SET status = 'returned', held_usd = 0, closed_at = now() WHERE id = p_lease;
  UPDATE budget_months SET reserved_usd = reserved_usd - v_held WHERE tenant_id = v_tenant AND month = v_month;
  RETURN v_held::text;
END $$;

REVOKE ALL ON FUNCTION silo_lease, silo_reserve_leased, silo_return_lease, silo_leased_usd FROM PUBLIC;
GRANT EXECUTE ON FUNCTION silo_lease, silo_reserve_leased, silo_return_lease, silo_leased_usd TO silo_ledger_tenant;
GRANT EXECUTE ON FUNCTION silo_leased_usd TO silo_ledger_finance;
`,
  },
];
