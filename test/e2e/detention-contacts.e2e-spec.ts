import { intakeBody } from '../support/intake';
import { uniqueBsn } from '../support/people';
import { seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The detention view names whom to call about the case: its casemanager and the contact registry's mailboxes of
 * its municipality and probation organisation, for everyone who may read the case (its scope, not the registry's).
 */
describe('contacts in the detention view (API, real stack)', () => {
  let stack: Stack;
  let admin: string;

  const get = async (path: string, role: string, org: string, status = 200) =>
    stack
      .http()
      .get(path)
      .set('Authorization', await stack.as(role, org))
      .expect(status);

  const putContacts = async (code: string, contacts: object[]) =>
    stack
      .http()
      .put(`/api/v1/organisations/${code}/contacts`)
      .set('Authorization', admin)
      .send({ contacts })
      .expect(200);

  async function register(overrides: { name: string; prison?: string; municipality?: string; probation?: string }) {
    const { name, ...where } = overrides;
    const base = intakeBody({ person: { bsn: uniqueBsn(), name } });
    const body = { ...base, ...where };
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', body.prison))
      .send(body)
      .expect(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    stack = await startStack();
    await seedPartners(stack.pg);
    admin = await stack.as('admin', '*', 'admin-1');
  });
  afterAll(() => stack?.close());

  describe('contacts', () => {
    const amsterdam = {
      role: 'municipality',
      email: 'nazorg@amsterdam.example',
      name: 'Team Nazorg',
      phone: '+31 20 000 0000',
    };
    const rn = { role: 'probation', email: 'almelo@rn.example', name: 'RN Almelo', notify: 'digest' };
    let id: string;

    beforeAll(async () => {
      await putContacts('GM0363', [
        amsterdam,
        { role: 'supervisor', email: 'toezicht@amsterdam.example', name: 'Toezicht Amsterdam' },
      ]);
      await putContacts('RN', [rn, { role: 'supervisor', email: 'toezicht@rn.example', name: 'Toezicht RN' }]);
      // A prison's registered mailboxes are not the case's casemanager: the case names its own.
      await putContacts('PI-ALMELO', [{ role: 'casemanager', email: 'cm@almelo.example', name: 'Casemanagers' }]);
      id = await register({ name: 'Karel Contact' });
    });

    const expected = [
      {
        organisation: 'PI-ALMELO',
        role: 'casemanager',
        name: 'C. de Vries',
        email: 'c@dji.example',
        phone: '+31 546 000 000',
      },
      { organisation: 'GM0363', ...amsterdam },
      { organisation: 'RN', role: 'probation', email: rn.email, name: rn.name, phone: null },
    ];

    it('lists the casemanager and the municipality’s and probation’s contacts, not the supervisors’ mailboxes', async () => {
      const { body } = await get(`/api/v1/detentions/${id}`, 'casemanager', 'PI-ALMELO');
      expect(body.contacts).toEqual(expected);
      expect(body.casemanager).toEqual({ name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' });
    });

    it('shows them to everyone who may read the case, whatever the registry lets them read', async () => {
      for (const [role, org] of [
        ['municipality', 'GM0363'],
        ['probation', 'RN'],
        ['supervisor', 'PI-ALMELO'],
        ['supervisor', 'GM0363'],
        ['supervisor', '*'],
      ]) {
        const { body } = await get(`/api/v1/detentions/${id}`, role, org);
        expect({ role, org, contacts: body.contacts }).toEqual({ role, org, contacts: expected });
      }
      // The registry itself stays own-organisation only.
      await get('/api/v1/organisations/GM0363/contacts', 'casemanager', 'PI-ALMELO', 404);
      await get('/api/v1/organisations/RN/contacts', 'municipality', 'GM0363', 404);
    });

    it('shows nothing to those outside the case’s scope (404) or without a reading role (403)', async () => {
      await get(`/api/v1/detentions/${id}`, 'casemanager', 'PI-ZWOLLE', 404);
      await get(`/api/v1/detentions/${id}`, 'municipality', 'GM0599', 404);
      await get(`/api/v1/detentions/${id}`, 'probation', 'SVG', 404);
      await get(`/api/v1/detentions/${id}`, 'supervisor', 'GM0599', 404);
      await get(`/api/v1/detentions/${id}`, 'partner', 'gm0363-nazorg', 403);
      await get(`/api/v1/detentions/${id}`, 'admin', '*', 403);
    });

    it('follows the case and the registry: another municipality, a changed registry, none registered', async () => {
      await putContacts('RN', [{ ...rn, name: 'RN Twente' }]);
      const moved = await stack
        .http()
        .post(`/api/v1/detentions/${id}/municipality`)
        .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
        .send({ municipality: 'GM0599', reason: 'moves to Rotterdam' })
        .expect(200);
      // Rotterdam registered no contact: the list says so by having none for it.
      expect(moved.body.detention.contacts).toEqual([
        expected[0],
        { organisation: 'RN', role: 'probation', email: rn.email, name: 'RN Twente', phone: null },
      ]);
      const rotterdam = (await get(`/api/v1/detentions/${id}`, 'municipality', 'GM0599')).body;
      expect(rotterdam.contacts).toEqual(moved.body.detention.contacts);
      await get(`/api/v1/detentions/${id}`, 'municipality', 'GM0363', 404);
    });

    it('is in the OpenAPI document as an additive field of the detention', async () => {
      const document = (await stack.http().get('/api/docs-json').expect(200)).body;
      const detention = document.components.schemas.DetentionDto;
      expect(detention.required).toEqual(expect.arrayContaining(['casemanager', 'contacts']));
      const contact = document.components.schemas[detention.properties.contacts.items.$ref.split('/').pop()];
      expect(Object.keys(contact.properties).sort()).toEqual(['email', 'name', 'organisation', 'phone', 'role']);
    });
  });
});
