import { PartnerSecrets } from '@terugkeer/auth';
import { intakeBody } from '../support/intake';
import { KeyRotation } from '../../apps/api/src/partners/key-rotation.service';
import { eventually, seedPartners, startApi, startStack, startWorker, testConfig, type Stack } from '../support/stack';
import { TEST_PAYLOAD_KEY } from '../support/tokens';

const NEW_PAYLOAD_KEY = Buffer.alloc(32, 41).toString('base64');
const PARTNER_SECRET_KEY = Buffer.alloc(32, 42).toString('base64');
const BSN_HASH_KEY = Buffer.alloc(32, 43).toString('base64');

/**
 * Key rotation as README describes it (issue 9): a new current key for each purpose, the old payload key among the
 * previous ones, a restart. Running workflows keep working, stored partner secrets are re-encrypted and still sign,
 * and a re-detention is still recognised.
 */
describe('key rotation', () => {
  let stack: Stack;
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let id: string;
  let partnerSecret: string;
  const rotated = {
    TEMPORAL_PAYLOAD_KEY: NEW_PAYLOAD_KEY,
    TEMPORAL_PAYLOAD_KEY_ID: 'k2',
    TEMPORAL_PAYLOAD_PREVIOUS_KEYS: `k1=${TEST_PAYLOAD_KEY}`,
    PARTNER_SECRET_KEY,
    PARTNER_SECRET_KEY_ID: 'p1',
    BSN_HASH_KEY,
    BSN_HASH_KEY_ID: 'b1',
  };
  const intake = () => intakeBody();

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    // Before: one key for everything (partner secrets and BSN hashes derived from the payload key).
    const admin = await stack.as('admin', '*');
    const partner = await stack
      .http()
      .post('/api/v1/partners')
      .set('Authorization', admin)
      .send({
        id: 'rotating',
        name: 'Rotating partner',
        types: ['care-continuity'],
        municipalities: ['*'],
        government: false,
      })
      .expect(201);
    partnerSecret = partner.body.secret;
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    id = (await stack.http().post('/api/v1/detentions').set('Authorization', cm).send(intake()).expect(201)).body.id;
    await eventually(async () => {
      const { rows } = await stack.pg.query(`SELECT id FROM tasks WHERE detention_id = $1 AND type = 'screening'`, [
        id,
      ]);
      expect(rows).toHaveLength(1);
    });

    // The rotation: new keys, the old payload key kept for reading; restart both apps.
    await stack.api.close();
    await stack.worker.close();
    const options = { ...stack.options, env: rotated };
    api = await startApi(options);
    const apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    worker = await startWorker({ ...options, env: { ...rotated, PUBLIC_BASE_URL: apiUrl } });
    await api.get(KeyRotation).done;
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await stack?.pg.end();
    await stack?.temporal.teardown();
    await stack?.db.drop();
  });

  it('running workflows keep working: their history under the old key, new payloads under the new one', async () => {
    const request = (await import('supertest')).default;
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const { rows } = await stack.pg.query(`SELECT id FROM tasks WHERE detention_id = $1 AND type = 'screening'`, [id]);
    await request(api.getHttpServer()).post(`/api/v1/tasks/${rows[0].id}/claim`).set('Authorization', cm).expect(200);
  });

  it('stored partner secrets are re-encrypted with the new key and still the same secret', async () => {
    const { rows } = await stack.pg.query(`SELECT secret_ciphertext FROM partners WHERE id = 'rotating'`);
    expect(rows[0].secret_ciphertext).toMatch(/^p1:/);
    // Readable with the new key alone: the derived key is no longer needed for it.
    const secrets = new PartnerSecrets(testConfig({ ...stack.options, env: rotated }));
    expect(secrets.decrypt(rows[0].secret_ciphertext)).toBe(partnerSecret);
  });

  it('a re-detention is still recognised: the BSN hash was renewed under the new key', async () => {
    const { rows } = await stack.pg.query('SELECT person_key FROM detentions WHERE id = $1', [id]);
    expect(rows[0].person_key).toMatch(/^b1:[0-9a-f]{64}$/);
    const request = (await import('supertest')).default;
    const cm = await stack.as('casemanager', 'PI-ALMELO', 'cm-1');
    const again = await request(api.getHttpServer()).post('/api/v1/detentions').set('Authorization', cm).send(intake());
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already in an open detention/);
  });
});
