import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigValidationError, loadConfig } from '@terugkeer/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap() {
  try {
    loadConfig(); // fail fast, with every problem named, before anything starts
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      console.error(`terugkeer api: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(app.get(AppConfig).PORT);
}

void bootstrap();
