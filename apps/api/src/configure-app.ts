import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { InputSafetyPipe } from './common/input-safety.pipe';
import { WebhookMessageDoc } from './requests/dto/webhook-message.doc';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import path from 'node:path';

const BODY_LIMIT = '256kb';
const UI_DIR = path.resolve(__dirname, '../ui');

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

/** Everything about the HTTP app that is not a module: shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
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
  app.enableShutdownHooks();
  // The web UI: static files, no build step (apps/api/ui, copied to dist by the build).
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
