import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Alerts1764400300000 implements MigrationInterface {
  name = 'Alerts1764400300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        monitor text NOT NULL,
        side text NOT NULL,
        sources text[] NOT NULL DEFAULT '{}',
        metric text NOT NULL CHECK (metric IN ('tone', 'negative-share', 'frame-rate')),
        frame text,
        phrase text,
        direction text NOT NULL CHECK (direction IN ('down', 'up', 'both')),
        detector jsonb NOT NULL,
        min_paragraphs int NOT NULL,
        min_articles int NOT NULL,
        min_outlets int NOT NULL,
        hold_seconds int NOT NULL,
        keep_firing_seconds int NOT NULL,
        cooldown_seconds int NOT NULL,
        resolve_fraction double precision NOT NULL,
        silence_after_seconds int,
        webhooks jsonb NOT NULL DEFAULT '[]',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (metric <> 'frame-rate' OR frame IS NOT NULL OR phrase IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX alert_rules_monitor_idx ON alert_rules (monitor) WHERE enabled`);

    // The detector between evaluations, and the last paragraph (occurred_at, id) it has seen.
    await db.query(`
      CREATE TABLE alert_rule_states (
        rule_id uuid PRIMARY KEY REFERENCES alert_rules (id) ON DELETE CASCADE,
        state jsonb NOT NULL,
        watermark_occurred_at timestamptz NOT NULL,
        watermark_paragraph_id bigint,
        evaluated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Articles each rule has already fed to its detector: re-running an evaluation, or an
    // article that arrives late (an earlier occurred_at than the watermark), never counts twice.
    await db.query(`
      CREATE TABLE alert_rule_articles (
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        article_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (rule_id, article_id)
      )`);
    await db.query(
      `CREATE INDEX alert_rule_articles_time_idx ON alert_rule_articles (rule_id, occurred_at)`,
    );

    // An alert outlives its rule (rule_id becomes null), so the rule's name is copied.
    await db.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid REFERENCES alert_rules (id) ON DELETE SET NULL,
        rule_name text NOT NULL,
        monitor text NOT NULL,
        side text NOT NULL,
        metric text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('up', 'down', 'silence')),
        state text NOT NULL CHECK (state IN ('firing', 'resolved')),
        started_at timestamptz NOT NULL,
        resolved_at timestamptz,
        onset_at timestamptz NOT NULL,
        baseline double precision NOT NULL,
        current double precision NOT NULL,
        shift double precision NOT NULL,
        shift_sd double precision,
        statistic double precision NOT NULL,
        threshold double precision NOT NULL,
        articles int NOT NULL,
        outlets int NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One episode per rule and direction: a second firing alert cannot exist.
    await db.query(
      `CREATE UNIQUE INDEX alerts_one_firing_key ON alerts (rule_id, channel) WHERE state = 'firing'`,
    );
    await db.query(`CREATE INDEX alerts_started_idx ON alerts (started_at DESC, id DESC)`);
    await db.query(`CREATE INDEX alerts_rule_started_idx ON alerts (rule_id, started_at DESC)`);

    await db.query(`
      CREATE TABLE alert_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alert_id uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        event text NOT NULL CHECK (event IN ('firing', 'resolved')),
        target_url text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alert_deliveries_target_key UNIQUE (alert_id, event, target_url)
      )`);
    await db.query(
      `CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (created_at) WHERE status = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alert_deliveries`);
    await db.query(`DROP TABLE alerts`);
    await db.query(`DROP TABLE alert_rule_articles`);
    await db.query(`DROP TABLE alert_rule_states`);
    await db.query(`DROP TABLE alert_rules`);
  }
}
