import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, CurrentPrincipal, Public, Roles, type Principal } from '@terugkeer/auth';
import { AppConfig, ConfigModule } from '@terugkeer/config';
import request from 'supertest';
import { tokenFor, unitConfig } from '../../support/tokens';

@Controller('probe')
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('any')
  any(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('casemanagers')
  @Roles('casemanager')
  casemanagers() {
    return { ok: true };
  }
}

describe('AuthGuard', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, AuthModule],
      controllers: [ProbeController],
    })
      .overrideProvider(AppConfig)
      .useValue(unitConfig())
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('lets anyone reach a public route', () => request(app.getHttpServer()).get('/probe/open').expect(200));

  it('answers 401 without a token, naming what is missing', async () => {
    const res = await request(app.getHttpServer()).get('/probe/any').expect(401);
    expect(res.body.message).toMatch(/Missing bearer token/);
  });

  it('answers 401 for an expired token', async () => {
    const token = await tokenFor('casemanager', 'PI-ALMELO', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const res = await request(app.getHttpServer()).get('/probe/any').auth(token, { type: 'bearer' }).expect(401);
    expect(res.body.message).toMatch(/expired/);
  });

  it('answers 401 for a malformed Authorization header', () =>
    request(app.getHttpServer()).get('/probe/any').set('Authorization', 'Basic abc').expect(401));

  it('hands the verified principal to the handler', async () => {
    const token = await tokenFor('municipality', 'GM0363', { sub: 'bob' });
    const res = await request(app.getHttpServer()).get('/probe/any').auth(token, { type: 'bearer' }).expect(200);
    expect(res.body).toEqual({ sub: 'bob', role: 'municipality', org: 'GM0363' });
  });

  it('answers 403 for a valid token of a role the route does not allow', async () => {
    const token = await tokenFor('partner', 'woningcorp-1');
    await request(app.getHttpServer()).get('/probe/casemanagers').auth(token, { type: 'bearer' }).expect(403);
    const allowed = await tokenFor('casemanager', 'PI-ALMELO');
    await request(app.getHttpServer()).get('/probe/casemanagers').auth(allowed, { type: 'bearer' }).expect(200);
  });
});
