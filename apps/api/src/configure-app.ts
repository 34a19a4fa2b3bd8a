import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@terugkeer/config';
import { InputSafetyPipe } from './common/input-safety.pipe';
import { UnexpectedErrorInterceptor } from './common/unexpected-error.interceptor';
import { MetricsService } from './metrics/metrics.service';
import { WebhookMessageDoc } from './requests/dto/webhook-message.doc';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import path from 'node:path';

const BODY_LIMIT = '256kb';
// The built web UI (apps/web → dist/web): next to the compiled API in dist/, or under dist/ when run from source.
const UI_DIR =
  [path.resolve(__dirname, '../../../web'), path.resolve(__dirname, '../../../dist/web')].find((dir) =>
    existsSync(path.join(dir, 'index.html')),
  ) ?? path.resolve(__dirname, '../../../dist/web');

/**
 * Body-parser failures happen before Nest's pipeline; answer them in the same JSON error shape as every
 * other error instead of Express's HTML page.
 */
function bodyErrors(error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  const reply = (statusCode: number, error: string, message: string) =>
    res.status(statusCode).json({ statusCode, error, message: [message] });
  switch (error.type) {
    case 'entity.too.large':
      return reply(413, 'Payload Too Large', 'request body exceeds 256 KiB');
    case 'entity.parse.failed':
      return reply(400, 'Bad Request', 'request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return reply(415, 'Unsupported Media Type', 'request body must be UTF-8 JSON');
    default:
      return next(error);
  }
}

/**
 * The codec server is called by the Temporal UI from its own origin, with the codec cookie: only the configured
 * origins get CORS headers (credentials allowed); preflights are answered here, before authentication.
 */
function codecCors(origins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
        res.setHeader('Access-Control-Max-Age', '600');
        return res.status(204).end();
      }
    }
    if (req.method === 'OPTIONS')
      return res.status(403).json({ statusCode: 403, error: 'Forbidden', message: ['origin not allowed'] });
    return next();
  };
}

/** Everything about the HTTP app that is not a module: shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  // First, so that the latency measured includes everything the API does with a request.
  const metrics = app.get(MetricsService);
  if (metrics.enabled) app.use(metrics.middleware);
  // Security headers everywhere; the UI and the OpenAPI page load their scripts from here only.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          // Only where the API is served over https (it is behind TLS in production, not on localhost).
          'upgrade-insecure-requests': config.PUBLIC_BASE_URL.startsWith('https:') ? [] : null,
        },
      },
      // The Temporal UI (another origin) calls /codec; CORS decides there, not CORP.
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  app.use('/codec', codecCors((config.CODEC_CORS_ORIGINS ?? '').split(',').filter(Boolean)));
  // The raw body is kept for partner signatures, which are computed over the exact bytes sent.
  app.use(
    express.json({
      limit: BODY_LIMIT,
      verify: (req, _res, buffer) => {
        (req as typeof req & { rawBody?: Buffer }).rawBody = buffer;
      },
    }),
  );
  app.use(bodyErrors);
  app.useGlobalPipes(
    new InputSafetyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
    }),
  );
  app.useGlobalInterceptors(new UnexpectedErrorInterceptor());
  app.enableShutdownHooks();
  // The web UI: the static files Vite built from apps/web.
  app.useStaticAssets(UI_DIR, { prefix: '/ui/', index: 'index.html', maxAge: '5m' });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Terugkeer API')
      .setDescription(
        'Re-integration process orchestrator: detentions, human tasks, partner requests, timelines and dashboards. ' +
          'Every endpoint except /health and this document needs `Authorization: Bearer <JWT>`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
    // Not an endpoint: the message partners receive by webhook, so that they can build from this document alone.
    { extraModels: [WebhookMessageDoc] },
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
