import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/** The `:id` path parameter, which must be a UUID (400 naming it otherwise). */
export const Id = () =>
  Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(['id must be a UUID']) }));
