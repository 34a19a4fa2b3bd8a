import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** The `:id` path parameter, which must be a UUID (400 naming it otherwise). */
export const Id = () =>
  Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(['id must be a UUID']) }));

/** Declares {@link Id} in the OpenAPI document: a UUID (Nest cannot see that from the pipe). */
export const ApiId = (description?: string) => ApiParam({ name: 'id', type: 'string', format: 'uuid', description });
