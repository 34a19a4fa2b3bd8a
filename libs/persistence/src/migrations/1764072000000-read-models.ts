import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read models of detentions, their plans, tasks, partner requests and timelines; partners; idempotency. */
export class ReadModels1764072000000 implements MigrationInterface {
  name = 'ReadModels1764072000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE detentions (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        prison text NOT NULL,
        municipality text NOT NULL,
        probation text NOT NULL,
        phase text NOT NULL DEFAULT 'detained',
        person_name text NOT NULL,
        person_bsn text NOT NULL,
        person_key text NOT NULL,
        person_date_of_birth date NOT NULL,
        casemanager jsonb NOT NULL,
        intake_date date NOT NULL,
        expected_release_date date,
        actual_release_date date,
        screening_completed_date date,
        id_document_expiry date,
        needs jsonb NOT NULL,
        consent jsonb NOT NULL DEFAULT '{}',
        measurements jsonb NOT NULL DEFAULT '{}',
        ended_reason text,
        ended_date date,
        closed_reason text,
        closed_date date,
        case_reference text,
        playbook_id text NOT NULL,
        playbook_version integer NOT NULL,
        previous_detention_id uuid,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        workflow_started_at timestamptz,
        projected_seq integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX detentions_prison ON detentions (prison, phase);
      CREATE INDEX detentions_municipality ON detentions (municipality, phase);
      CREATE INDEX detentions_probation ON detentions (probation, phase);
      CREATE INDEX detentions_person_key ON detentions (person_key);
      CREATE INDEX detentions_unstarted ON detentions (registered_at) WHERE workflow_started_at IS NULL;

      CREATE TABLE detention_steps (
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        instance_id text NOT NULL,
        step_id text NOT NULL,
        occurrence integer NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        rule text NOT NULL,
        state text NOT NULL,
        planned_date date,
        due_date date,
        fire_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        waiting_for text,
        reason text,
        fired_at timestamptz,
        position integer NOT NULL,
        PRIMARY KEY (detention_id, instance_id)
      );

      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        step_instance_id text,
        type text NOT NULL,
        role text NOT NULL,
        org text NOT NULL,
        title text NOT NULL,
        due_date date,
        status text NOT NULL,
        claimed_by text,
        outcome text,
        data jsonb,
        context jsonb,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by text
      );
      CREATE INDEX tasks_inbox ON tasks (role, org, status, due_date);
      CREATE INDEX tasks_detention ON tasks (detention_id);

      CREATE TABLE partners (
        id text PRIMARY KEY,
        name text NOT NULL,
        types text[] NOT NULL,
        municipalities text[] NOT NULL,
        webhook_url text,
        government boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE requests (
        id uuid PRIMARY KEY,
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        step_instance_id text NOT NULL,
        type text NOT NULL,
        recipient text NOT NULL,
        routed_to text NOT NULL,
        partner_id text NOT NULL,
        government boolean NOT NULL,
        status text NOT NULL,
        due_date date,
        data jsonb NOT NULL,
        sent_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        chased_at timestamptz,
        escalated_at timestamptz,
        withdrawn_at timestamptz,
        withdraw_reason text,
        closed_at timestamptz,
        reference text,
        reason text,
        note text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX requests_inbox ON requests (partner_id, status, sent_at);
      CREATE INDEX requests_detention ON requests (detention_id);

      CREATE TABLE request_responses (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
        partner_id text NOT NULL,
        status text NOT NULL,
        verdict text NOT NULL,
        reference text,
        reason text,
        note text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX request_responses_request ON request_responses (request_id, received_at);

      CREATE TABLE timeline_events (
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        summary text NOT NULL,
        actor_kind text NOT NULL,
        actor_id text,
        actor_label text NOT NULL,
        step_instance_id text,
        task_id uuid,
        request_id uuid,
        data jsonb,
        PRIMARY KEY (detention_id, seq)
      );

      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        detention_id uuid NOT NULL REFERENCES detentions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_keys;
      DROP TABLE timeline_events;
      DROP TABLE request_responses;
      DROP TABLE requests;
      DROP TABLE partners;
      DROP TABLE tasks;
      DROP TABLE detention_steps;
      DROP TABLE detentions;
    `);
  }
}
