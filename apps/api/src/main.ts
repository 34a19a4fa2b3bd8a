import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigValidationError, loadConfig, type AppConfig } from '@terugkeer/config';
import { startTracing } from '@terugkeer/temporal/tracing';

async function bootstrap() {
  let config: AppConfig;
  try {
    config = loadConfig(); // fail fast, with every problem named, before anything starts
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`terugkeer api: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Before Nest and Express are loaded: the HTTP instrumentation hooks `http` as they require it.
  await startTracing(config, 'api');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('./app.module');
  const { configureApp } = await import('./configure-app');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(config.PORT);
}

void bootstrap();
